from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "msp.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self):
        from msp.audit import signals  # noqa: F401 - connects the sign-in receivers
