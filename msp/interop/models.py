from django.conf import settings
from django.db import models


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    VALIDATED = "validated", "Ready to import"
    REJECTED = "rejected", "Has errors"
    COMMITTED = "committed", "Imported"


class ImportBatch(models.Model):
    """An upload on the import page, kept from validation until it is imported.

    The file itself is stored here (a ZIP of the CSV files, or the XLSX workbook) rather than on
    disk, so it is covered by the database's own backups and access control and never lands in
    the code repository.
    """

    file_name = models.CharField(max_length=255)
    # The names of the files as uploaded (three CSV files are stored packed as one ZIP).
    file_names = models.JSONField(default=list, blank=True)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(
        max_length=16, choices=BatchStatus.choices, default=BatchStatus.UPLOADED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    # The first errors, for the page; the whole list is downloadable (worked out again from the file).
    errors_preview = models.JSONField(default=list, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    committed_at = models.DateTimeField(null=True, blank=True)
    committed_counts = models.JSONField(default=dict, blank=True)
    valid_only = models.BooleanField(default=False)
    # Where the concerns whose team column is blank go: chosen by whoever uploads or checks the
    # file, kept with the upload so it is known later which team they went to.
    blank_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="team for rows that name no team",
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
