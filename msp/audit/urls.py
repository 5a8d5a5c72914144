from django.urls import path

from msp.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
    path("people/<str:reference>/", views.person_trail, name="person"),
]
