from django.urls import path

from msp.api.api import api

urlpatterns = [path("", api.urls)]
