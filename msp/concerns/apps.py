from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "msp.concerns"
    label = "concerns"
    verbose_name = "Concerns"
