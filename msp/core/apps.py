from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "msp.core"
    label = "core"
    verbose_name = "Council settings"

    def ready(self):
        # Before any URL configuration is read: every app's urls.py uses these converters.
        from msp.core import converters

        converters.register()
