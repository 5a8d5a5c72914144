from django.urls import path

from msp.privacy import views

app_name = "privacy"
urlpatterns = [
    path("people/<str:reference>/", views.person, name="person"),
    path("people/<str:reference>/subject-access/", views.subject_access, name="subject_access"),
    path(
        "people/<str:reference>/restrict-processing/",
        views.restrict_processing,
        name="restrict_processing",
    ),
    path("people/<str:reference>/rectification/", views.rectification, name="rectification"),
    path("people/<str:reference>/legal-hold/", views.legal_hold, name="legal_hold"),
]
