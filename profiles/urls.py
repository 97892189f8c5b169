from django.urls import path, re_path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.country_list, name="country_list"),
    path("countries/<slug:slug>/", views.country_detail, name="country"),
    re_path(
        r"^countries/(?P<slug>[-a-zA-Z0-9_]+)/statistics\.(?P<format>csv|json)$",
        views.country_statistics,
        name="country_statistics",
    ),
    # The office page lists countries, so it lives with them; offices themselves are contacts'.
    path("offices/<slug:slug>/", views.office_detail, name="office"),
]
