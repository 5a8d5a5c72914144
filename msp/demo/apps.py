from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "msp.demo"
    label = "demo"
    verbose_name = "Synthetic demo data"
