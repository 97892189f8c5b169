from django.urls import path

from contacts import views

app_name = "contacts"
urlpatterns = [
    path("<slug:slug>/", views.office_detail, name="office"),
]
