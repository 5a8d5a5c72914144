from django.db import models
from simple_history.models import HistoricalRecords


class CouncilSettings(models.Model):
    """The council's own settings. One row; read with `council_settings()`.

    The codes identify the council in the national publication's layout of the return
    (msp/returns/publication.py): the CASSR code the Safeguarding Adults Collection knows it by,
    its ONS area code, its region and council type.
    """

    drift_days = models.PositiveIntegerField(
        default=20,
        help_text="An open enquiry with no conversation for this many days is flagged as drifting",
    )
    financial_year_start_month = models.PositiveSmallIntegerField(default=4)
    report_name = models.CharField(
        max_length=200, blank=True, help_text="Council name shown on reports"
    )
    cassr_code = models.CharField(
        "CASSR code",
        max_length=8,
        blank=True,
        help_text="The council's code in the Safeguarding Adults Collection (LA_CODE), e.g. 202",
    )
    ons_code = models.CharField(
        "ONS area code", max_length=9, blank=True, help_text="For example E09000007"
    )
    region_code = models.CharField(
        "ONS region code", max_length=9, blank=True, help_text="For example E12000007"
    )
    region_name = models.CharField(max_length=100, blank=True, help_text="For example London")
    council_type = models.CharField(
        max_length=100,
        blank=True,
        help_text="As the publication groups councils, e.g. London Borough, Unitary Authority",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "council settings"
        verbose_name_plural = "council settings"

    def __str__(self) -> str:
        return "Council settings"


def council_settings() -> CouncilSettings:
    settings, _ = CouncilSettings.objects.get_or_create(pk=1)
    return settings


def report_council_name() -> str:
    """The council's name as printed on reports: the council setting, else MSP_COUNCIL_NAME."""
    from django.conf import settings

    return council_settings().report_name.strip() or settings.COUNCIL_NAME


class Recorded(models.Model):
    """Who recorded a case record and when. Case records are archived with a reason, never deleted."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_reason = models.TextField(blank=True)

    class Meta:
        abstract = True


class Sequence(models.Model):
    """Counters for readable references (P000123, C000456). Incremented under a row lock."""

    name = models.CharField(max_length=32, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)
