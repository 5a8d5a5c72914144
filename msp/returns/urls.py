from django.urls import path, re_path

from msp.returns import views

app_name = "returns"
urlpatterns = [
    path("", views.index, name="index"),
    re_path(
        r"^(?P<year>\d{4}-\d{2})/download/(?P<fmt>json|csv|publication|xlsx)/$",
        views.download,
        name="download",
    ),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<id:pk>/", views.review_edit, name="review_edit"),
    path("reviews/<id:pk>/remove/", views.review_archive, name="review_archive"),
]
