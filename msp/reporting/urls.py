from django.urls import path, re_path

from msp.reporting import views

app_name = "reporting"
urlpatterns = [
    path("measures/", views.measures_page, name="measures"),
    path("board/", views.board, name="board"),
    re_path(r"^board/report\.(?P<fmt>pdf|xlsx|csv)$", views.board_download, name="board_download"),
]
