from django.urls import path

from initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("export.csv", views.initiative_export, name="export"),
    path("export.xlsx", views.initiative_export_xlsx, name="export_xlsx"),
]
