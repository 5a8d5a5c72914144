from django.urls import path

from msp.people import restriction_views, views

app_name = "people"
urlpatterns = [
    path("", views.find, name="find"),
    path("new/", views.create, name="create"),
    path("<ref:reference>/", views.detail, name="detail"),
    path("<ref:reference>/change/", views.edit, name="edit"),
    path("<ref:reference>/break-glass/", restriction_views.break_glass, name="break_glass"),
    path("<ref:reference>/restriction/", restriction_views.restriction, name="restriction"),
]
