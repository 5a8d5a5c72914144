from django.urls import path

from msp.drafts import views

app_name = "drafts"
urlpatterns = [
    path("stay-signed-in/", views.stay_signed_in, name="stay_signed_in"),
    path("unsaved/", views.drafts, name="drafts"),
    path("unsaved/<id:pk>/", views.draft_choose, name="draft_choose"),
]
