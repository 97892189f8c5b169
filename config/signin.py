"""Sign-in protection with django-axes: who the client is, and what a locked-out person sees."""

from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_address(request):
    """The address that a failed sign-in is counted against.

    Behind the proxy every request comes from the proxy itself; the proxy appends the real
    client to X-Forwarded-For, so its last entry is the one to trust (earlier ones are
    whatever the client sent).
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.TRUST_X_FORWARDED_PROTO and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The admin's sign-in page, saying the pair is locked and for how long: 429."""
    context = {
        **admin.site.each_context(request),
        "title": "",
        "failure_limit": get_failure_limit(request, credentials),
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
