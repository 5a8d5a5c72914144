from django.urls import path

from msp.concerns import views

app_name = "concerns"
urlpatterns = [
    path("new/", views.start, name="start"),
    path("waiting/", views.waiting, name="waiting"),
    path("new/<ref:reference>/", views.new, name="new"),
    path("<ref:reference>/", views.detail, name="detail"),
    path("<ref:reference>/allegations/new/", views.add_allegation, name="add_allegation"),
    path("<ref:reference>/decision/", views.decide, name="decide"),
]
