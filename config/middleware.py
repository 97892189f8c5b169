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
