from django.urls import path

from msp.operations import health

app_name = "operations"
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
