"""What a view accepts: which HTTP methods, and whether a request to it may carry files.

Site-wide, so that a view added later is covered without a decorator of its own. A page
answers GET and HEAD only; the admin's pages POST as well. The API's views (Django REST
framework) answer for their methods themselves, in JSON, OPTIONS metadata included.
Anything else is a 405 with an Allow header and no body: before, OPTIONS and TRACE got the
whole page.

Only a view marked with `takes_files` reads a file part. Elsewhere the first file part ends
the request with a 400 at its headers, before any of the file is read: Django's own upload
handlers would have kept it in memory or spooled it to disk for a view that never looks.
"""

from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext
from rest_framework.views import APIView

PAGE_METHODS = ["GET", "HEAD"]
ADMIN_METHODS = ["GET", "HEAD", "POST"]


def takes_files(view):
    """Mark a view that reads uploaded files. functools.wraps copies the mark, so it may be
    set before admin_site.admin_view() (or another decorator) wraps the view."""
    view.takes_files = True
    return view


class FilePartRefused(MultiPartParserError):
    """A file part sent to a view that takes none."""


class RefuseFiles(FileUploadHandler):
    """Stands in for Django's upload handlers on views that take no file."""

    def new_file(self, *args, **kwargs):
        raise FilePartRefused("This address takes no files.")

    def receive_data_chunk(self, raw_data, start):  # never called: new_file refused
        return raw_data

    def file_complete(self, file_size):
        return None


def answers_for_its_methods(view):
    return isinstance(getattr(view, "cls", None), type) and issubclass(view.cls, APIView)


class RequestEdges:
    """Before CsrfViewMiddleware, which reads the body of a POST: a refused method or file
    is answered before anything else looks at the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        api = answers_for_its_methods(view)
        if not api:
            admin = "admin" in request.resolver_match.app_names
            allowed = ADMIN_METHODS if admin else PAGE_METHODS
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
        if getattr(view, "takes_files", False):
            return None
        request.upload_handlers = [RefuseFiles(request)]
        if api or request.content_type != "multipart/form-data":
            # The API reads its body itself, if at all, and answers a refusal in JSON.
            return None
        try:
            request.POST  # noqa: B018 -- read now: the answer is this middleware's own
        except FilePartRefused:
            return HttpResponseBadRequest(
                gettext("This address takes no files: send the form without one."),
                content_type="text/plain; charset=utf-8",
            )
        return None
