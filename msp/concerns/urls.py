from django.urls import path

from msp.concerns import views

app_name = "concerns"
urlpatterns = [
    path("new/", views.start, name="start"),
    path("new/<str:reference>/", views.new, name="new"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/allegations/new/", views.add_allegation, name="add_allegation"),
    path("<str:reference>/decision/", views.decide, name="decide"),
]
