from django.urls import path

from msp.people import restriction_views, views

app_name = "people"
urlpatterns = [
    path("", views.find, name="find"),
    path("new/", views.create, name="create"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/change/", views.edit, name="edit"),
    path("<str:reference>/break-glass/", restriction_views.break_glass, name="break_glass"),
    path("<str:reference>/restriction/", restriction_views.restriction, name="restriction"),
]
