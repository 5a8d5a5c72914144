from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "msp.reporting"
    label = "reporting"
    verbose_name = "Measures and board reporting"
