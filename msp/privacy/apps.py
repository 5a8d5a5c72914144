from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "msp.privacy"
    label = "privacy"
    verbose_name = "Data protection"
