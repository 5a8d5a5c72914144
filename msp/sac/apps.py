from django.apps import AppConfig


class SacConfig(AppConfig):
    name = "msp.sac"
    label = "sac"
    verbose_name = "Statutory specification"
