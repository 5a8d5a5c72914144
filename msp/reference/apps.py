from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "msp.reference"
    label = "reference"
    verbose_name = "Reference lists"
