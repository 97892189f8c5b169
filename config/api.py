"""The public, read-only JSON API: /api/v1/..., its OpenAPI schema and documentation page.

Outside the language prefixes: an API's address does not change with the reader's language.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from config.api_errors import NoSuchAddress
from contacts.api import OfficeViewSet
from initiatives.api import InitiativeViewSet
from profiles.api import CountryViewSet, IndicatorViewSet


class Router(DefaultRouter):
    include_format_suffixes = False  # no ".json" addresses: JSON is all the API speaks


router = Router()
router.register("countries", CountryViewSet, basename="country")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("offices", OfficeViewSet, basename="office")
router.register("indicators", IndicatorViewSet, basename="indicator")


class SchemaView(SpectacularAPIView):
    # No OPTIONS: its metadata came back as YAML, and describes nothing a client needs.
    http_method_names = ["get", "head"]


class DocsView(SpectacularSwaggerSplitView):
    # Ours names only static files: no inline script or style for a strict CSP to block.
    template_name = "api/docs.html"
    http_method_names = ["get", "head"]  # its OPTIONS answer was a broken page


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A filter that was not understood: each parameter with its messages.
INVALID_PARAMETERS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def document_errors(result, generator, request, public):
    """Every operation may answer 404 (a missing object or page) and 429 (the rate limit);
    one that takes filters may answer 400. Schema clients then expect them."""
    result["components"]["schemas"].update(Error=ERROR, InvalidParameters=INVALID_PARAMETERS)
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    invalid = {"application/json": {"schema": {"$ref": "#/components/schemas/InvalidParameters"}}}
    for operations in result["paths"].values():
        for operation in operations.values():
            responses = operation["responses"]
            responses["404"] = {"description": "No such object, or no such page.", "content": error}
            responses["429"] = {"description": "Too many requests; retry later.", "content": error}
            if any(
                p["name"] != "page" and p["in"] == "query" for p in operation.get("parameters", [])
            ):
                responses["400"] = {
                    "description": "A filter was not understood.",
                    "content": invalid,
                }
    return result


app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address ending in "/" (CommonMiddleware adds the slash to the rest)
    # is a JSON 404, not Django's HTML page.
    re_path(r"^(?:.*/)?$", NoSuchAddress.as_view()),
]
