from django.conf import settings
from django.db import models


class Draft(models.Model):
    """What someone sent from a form after their session had ended, kept for them alone until
    they sign in again and restore or discard it, or until it expires (DRAFT_HOURS).

    Personal data: the form's answers as typed (never passwords or the CSRF token), a name for
    each field and its values. Only its owner sees it; creating, restoring, discarding and
    deleting it are audited; the retention job deletes expired ones (docs/decisions/0013)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500, help_text="The page the form was sent from")
    form_data = models.JSONField(help_text="Each field's name and the values sent")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Unsaved changes to {self.path}"
