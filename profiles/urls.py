from django.urls import path, re_path
from django.views.generic import RedirectView

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.country_list, name="country_list"),
    # A reader who shortens a country page's address finds the list of countries.
    path(
        "countries/",
        RedirectView.as_view(
            pattern_name="profiles:country_list", permanent=True, query_string=True
        ),
        name="countries",
    ),
    path("countries/<slug:slug>/", views.country_detail, name="country"),
    re_path(
        r"^countries/(?P<slug>[-a-zA-Z0-9_]+)/statistics\.(?P<format>csv|json)$",
        views.country_statistics,
        name="country_statistics",
    ),
    # The office page lists countries, so it lives with them; offices themselves are contacts'.
    path("offices/", views.office_list, name="office_list"),
    path("offices/<slug:slug>/", views.office_detail, name="office"),
]
