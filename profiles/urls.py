from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.country_list, name="country_list"),
    path("countries/<slug:slug>/", views.country_detail, name="country"),
]
