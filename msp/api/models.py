from django.db import models


class Scope(models.TextChoices):
    READ = "read", "Read case records"
    WRITE = "write", "Create and change case records"
    REPORTING = "reporting", "Measures and the statutory return"


class ApiToken(models.Model):
    """A personal API token. Only a hash of the secret is kept, so a leaked database cannot be
    replayed against the API; the prefix lets the owner recognise a token without the secret."""

    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, db_index=True)
    secret_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def scope_labels(self) -> list[str]:
        return [label for value, label in Scope.choices if value in self.scopes]
