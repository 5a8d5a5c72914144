from django.apps import AppConfig


class FactsConfig(AppConfig):
    name = "msp.facts"
    label = "facts"
    verbose_name = "Reporting facts"
