from django.urls import path

from msp.people import views

app_name = "people"
urlpatterns = [
    path("", views.find, name="find"),
    path("new/", views.create, name="create"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/change/", views.edit, name="edit"),
]
