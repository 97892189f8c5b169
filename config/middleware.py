"""Response headers that Django has no setting of its own for."""

from django.conf import settings


def permissions_policy(get_response):
    """Turn off the browser features the site does not use (settings.PERMISSIONS_POLICY)."""
    header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", header)
        return response

    return middleware


def drop_nul_characters(get_response):
    """Remove NUL characters from query parameters: no form sends them, and PostgreSQL
    refuses them in text, so a search for "a%00b" would end in a 500. Without them the
    page answers as for the rest of the text."""

    def middleware(request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = request.GET.copy()
            for key, values in cleaned.lists():
                cleaned.setlist(key, [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return get_response(request)

    return middleware
