from django.urls import path

from msp.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.index, name="index"),
    path("people/<ref:reference>/", views.person, name="person"),
    path("people/<ref:reference>/subject-access/", views.subject_access, name="subject_access"),
    path(
        "people/<ref:reference>/restrict-processing/",
        views.restrict_processing,
        name="restrict_processing",
    ),
    path("people/<ref:reference>/rectification/", views.rectification, name="rectification"),
    path("people/<ref:reference>/legal-hold/", views.legal_hold, name="legal_hold"),
]
