from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "msp.operations"
    label = "operations"
    verbose_name = "Running the service"
