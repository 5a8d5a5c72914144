from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "msp.returns"
    label = "returns"
    verbose_name = "Statutory return"
