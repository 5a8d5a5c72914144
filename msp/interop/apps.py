from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "msp.interop"
    label = "interop"
    verbose_name = "Import and export"
