"""The API answers every error in JSON, {"detail": "..."}, whoever answers it.

Django REST framework answers its views' own errors. These cover the rest: an address under
/api/ that matches no route (Django's HTML 404 answered before the framework saw it), the
docs page's and the schema's errors (rendered in HTML and YAML), and the 400s and 500s that
Django answers itself (config/views.py).
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, views
from rest_framework.renderers import JSONRenderer

PREFIX = "/api/"
UNAVAILABLE = _("The service is unavailable for a moment; retry later.")


def is_api(request):
    return request.path_info.startswith(PREFIX)


def error(detail, status):
    return JsonResponse({"detail": str(detail)}, status=status)


def bad_request():
    return error(exceptions.ParseError.default_detail, 400)


def server_error():
    return error(exceptions.APIException.default_detail, 500)


def unavailable():
    return error(UNAVAILABLE, 503)


def exception_handler(exc, context):
    """REST framework's answer, always rendered as JSON: the docs page and the schema
    would render theirs in HTML and YAML."""
    response = views.exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


class NoSuchAddress(views.APIView):
    """Every address under /api/ that names no resource: 404, whatever the method."""

    schema = None  # no operation of the API

    @property
    def default_response_headers(self):
        return {}  # no Allow header: there is nothing here to allow

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound()
