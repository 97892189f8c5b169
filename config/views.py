import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response
from django.utils.translation import get_language
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config import api_errors
from config.context_processors import canonical, languages

# Seconds a client is asked to wait when the database is away: a restart or a failover.
RETRY_AFTER = 30


@never_cache
@require_safe
@transaction.non_atomic_requests  # the request's own transaction would fail first
def healthz(request):
    """200 when the app and its database answer: a load balancer's probe."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER)
        # Logged with its cause, as a failed page is, so that the log says it once an
        # outage (config.logging.DatabaseUnavailable), not once a probe.
        log_response(
            "%s: %s", response.reason_phrase, request.path,
            response=response, request=request, exception=error,
        )  # fmt: skip
        return response
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(request, exception):
    """Django's own 400s (a host the site does not serve, a malformed body): JSON in the API."""
    if api_errors.is_api(request):
        return api_errors.bad_request()
    return defaults.bad_request(request, exception)


def server_error(request):
    """A 500, unless the database is unreachable: then 503, "back in a moment". JSON in the API.

    Django calls this inside its exception handler, so the error is at hand.
    """
    error = sys.exc_info()[1]
    api = api_errors.is_api(request)
    if not isinstance(error, OperationalError | InterfaceError):
        return api_errors.server_error() if api else defaults.server_error(request)
    response = api_errors.unavailable() if api else unavailable_page(request)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)  # no proxy may keep this answer
    return response


def unavailable_page(request):
    """Rendered without the context processors, which could query the database again (the
    signed-in user, for one): only what needs no query."""
    context = {**canonical(request), **languages(request), "LANGUAGE_CODE": get_language()}
    return HttpResponse(render_to_string("503.html", context), status=503)
