from django.contrib import admin
from django.urls import include, path

from config import views

admin.site.site_header = "Country Pages administration"
admin.site.site_title = "Country Pages admin"
admin.site.index_title = "Edit countries, initiatives and offices"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("initiatives/", include("initiatives.urls")),
    path("offices/", include("contacts.urls")),
    path("", include("profiles.urls")),
]
