"""Sign-in protection with django-axes: who the client is, and what a locked-out person sees."""

import ipaddress

from axes.admin import AccessAttemptAdmin
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_address(request):
    """The address that a failed sign-in is counted against.

    Each of the NUM_PROXIES proxies in front appends the address it received the request
    from to X-Forwarded-For, so the client is that many entries from the end; anything
    before is whatever the client sent. With no proxy configured the header is the
    client's own word and is ignored: the socket's address counts.
    """
    proxies = settings.NUM_PROXIES
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies:
        try:
            return str(ipaddress.ip_address(forwarded[-proxies]))
        except ValueError:
            pass  # not an address: no proxy of ours wrote it
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


class SignInAttemptAdmin(AccessAttemptAdmin):
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes 8.3's action reads the time of the sign-in being checked, which only a
        # sign-in sets: from the admin it was a 500. None means "now".
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)

    cleanup_expired_attempts.short_description = (
        AccessAttemptAdmin.cleanup_expired_attempts.short_description
    )
    cleanup_expired_attempts.allowed_permissions = ["delete"]
