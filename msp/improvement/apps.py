from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "msp.improvement"
    label = "improvement"
    verbose_name = "The MSP improvement programme"
