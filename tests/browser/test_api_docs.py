"""The API documentation page works under a strict Content-Security-Policy and asks no other
site for anything: Swagger UI comes from our static files, with no inline script or style."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"


def test_api_docs_render_under_a_strict_csp(page, site, shoot):
    origin = urlsplit(site).netloc
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).netloc))

    def with_strict_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", with_strict_csp)
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(site + "/api/docs/")
    expect(page.get_by_text("IOM Country Pages API").first).to_be_visible()
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/countries/{iso}/")
    ).to_be_visible()
    page.locator(".opblock-summary-path", has_text="/api/v1/initiatives/").click()
    expect(page.get_by_text("A filter was not understood.")).to_be_visible()
    shoot("api-docs")
    assert page.evaluate("window.__cspViolations") == []
    assert requested_hosts == {origin}
