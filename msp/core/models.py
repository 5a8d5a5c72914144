from django.db import models
from simple_history.models import HistoricalRecords


class Region(models.TextChoices):
    """England's nine regions, by their ONS codes: where the board compares the council."""

    NORTH_EAST = "E12000001", "North East"
    NORTH_WEST = "E12000002", "North West"
    YORKSHIRE = "E12000003", "Yorkshire and The Humber"
    EAST_MIDLANDS = "E12000004", "East Midlands"
    WEST_MIDLANDS = "E12000005", "West Midlands"
    EAST = "E12000006", "East of England"
    LONDON = "E12000007", "London"
    SOUTH_EAST = "E12000008", "South East"
    SOUTH_WEST = "E12000009", "South West"


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
    board_report_triangulation = models.BooleanField(
        default=False,
        help_text="The board dashboard and report include the evidence from case file audits and "
        "people's own feedback beside the recorded measures (small numbers suppressed)",
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
        "Region",
        max_length=9,
        choices=Region.choices,
        blank=True,
        help_text="The council's region (ONS code): the board dashboard compares the council "
        "with its rates and the publication layout names it",
    )
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


class AdultPopulation(models.Model):
    """The council's adult population (aged 18 and over) for a reporting year, from the ONS
    mid-year estimates: the board's rates per 100,000 adults are worked out from it. Every
    version is kept."""

    year = models.CharField(
        max_length=7, unique=True, help_text="The reporting year, written like 2025-26"
    )
    adults = models.PositiveIntegerField(
        "adults aged 18 and over", help_text="From the ONS mid-year estimate for the year"
    )
    source = models.CharField(
        max_length=255, help_text="The estimate used, for example “ONS mid-2024 estimates”"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = "adult population"
        verbose_name_plural = "adult population by year"

    def __str__(self) -> str:
        return f"{self.year}: {self.adults:,} adults"


def adult_population(year: str) -> AdultPopulation | None:
    """The council's adult population for a reporting year ("2025-26"), if it has been set."""
    return AdultPopulation.objects.filter(year=year).first()


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
