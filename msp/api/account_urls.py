from django.urls import path

from msp.api import views

app_name = "account"
urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/new/", views.token_new, name="token_new"),
    path("tokens/<id:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
