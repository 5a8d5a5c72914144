"""The reads behind the statutory return: three grouped queries per reporting year.

The return counts from the reporting facts (msp/facts: one narrow row per person and year, per
case, and per distinct risk of a case), which the case services keep up to date in the same
transaction as every change. Each query returns a small "cube" (one row per combination of the
categories it groups by, never one row per case), read from an index that covers it, and every
table and count the validation rules need is read off those cubes. The number of queries is
fixed, whatever the size of the data.

Archived case records and people whose processing is restricted are left out of the facts'
counts (msp/facts/services.py and docs/data-protection.md).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, Count, IntegerField, Min, Q, Sum, Value, When

from msp import sac
from msp.concerns.models import Concern
from msp.core.periods import ReportingYear
from msp.enquiries.statutory import ANSWER_FIELDS
from msp.facts.models import CaseFact, PersonYear, RiskFact
from msp.returns.models import SafeguardingAdultsReview

PEOPLE_CUBE = ("band", "sex", "ethnicity", "primary_support_reason", "autism", "aspergers")
# The answers of concluded enquiries, by their names in the specification (the facts' columns).
ANSWERS = tuple(ANSWER_FIELDS)


def _some(field: str):
    return Sum(Case(When(**{f"{field}__gt": 0}, then=Value(1)), default=Value(0)),
               output_field=IntegerField())  # fmt: skip


def concluded_facts(year: ReportingYear):
    """The facts of the section 42 enquiries concluded in the year (the restricted left out)."""
    return CaseFact.objects.filter(
        kind="s42", restricted=False, end_date__range=(year.start, year.end)
    )


@dataclass
class YearData:
    """The year's aggregates, each fetched once and shared by the tables and rules that need it."""

    year: ReportingYear

    @cached_property
    def spec(self):
        return sac.spec_for(self.year)

    @cached_property
    def individuals(self) -> list[dict]:
        """People of the year's cases grouped by age band, sex, ethnicity, primary support reason
        and autism/Asperger's: how many had a concern, an s42 and an other enquiry (SG1a-c), how
        many cases of each kind they had (SG1d-f), and how many people in all."""
        rows = (
            PersonYear.objects.filter(year=self.year.start.year, restricted=False)
            .order_by()
            .values(*PEOPLE_CUBE)
            .annotate(
                with_concern=_some("concerns"),
                with_s42=_some("s42"),
                with_other=_some("other"),
                concern_cases=Sum("concerns"),
                s42_cases=Sum("s42"),
                other_cases=Sum("other"),
                people=Count("*"),
            )
        )
        return [
            {
                **row,
                "concerns": row.pop("with_concern"),
                "s42": row.pop("with_s42"),
                "other": row.pop("with_other"),
            }
            for row in rows
        ]

    @cached_property
    def cases(self) -> list[dict]:
        """Cases (concerns, s42 and other enquiries) by the person's primary support reason and
        autism/Asperger's flags (SG1d, SG1e, SG1f), read off the same query as the individuals.
        Rows carry `column` concerns/s42/other and the count `n`."""
        rows = []
        for row in self.individuals:
            for column, key in (
                ("concerns", "concern_cases"),
                ("s42", "s42_cases"),
                ("other", "other_cases"),
            ):
                if row[key]:
                    rows.append({**row, "column": column, "n": row[key]})
        return rows

    @cached_property
    def concluded_answers(self) -> list[dict]:
        """Concluded s42 enquiries by every closing answer the return reads (SG2c, SG2e, SG3a,
        SG4a) and whether an allegation was recorded: one row per combination, with its count."""
        return list(
            concluded_facts(self.year)
            .order_by()
            .values(*ANSWERS, "has_allegation")
            .annotate(n=Count("*"))
        )

    @cached_property
    def concluded_s42(self) -> int:
        return sum(row["n"] for row in self.concluded_answers)

    @cached_property
    def risks(self) -> list[dict]:
        """The distinct risks of concluded s42 enquiries by type, location and source, with how
        many enquiries each pair of the three counts once (the `first_*` flags)."""
        return list(
            RiskFact.objects.filter(
                kind="s42", restricted=False, end_date__range=(self.year.start, self.year.end)
            )
            .order_by()
            .values("type_of_risk", "location_of_risk", "source_of_risk")
            .annotate(
                type_source=Count("pk", filter=Q(first_type_source=True)),
                location_source=Count("pk", filter=Q(first_location_source=True)),
                type_location=Count("pk", filter=Q(first_type_location=True)),
            )
        )

    def risk_crosstab(self, row_field: str, column_field: str) -> list[dict]:
        """Concluded s42 enquiries per (row, column) pair of their allegations: an enquiry counts
        once in each distinct cell, however many allegations fall in it."""
        flag = {
            ("type_of_risk", "source_of_risk"): "type_source",
            ("location_of_risk", "source_of_risk"): "location_source",
            ("type_of_risk", "location_of_risk"): "type_location",
        }[(row_field, column_field)]
        counts: dict[tuple, int] = {}
        for row in self.risks:
            key = (row[row_field], row[column_field])
            counts[key] = counts.get(key, 0) + (row[flag] or 0)
        return [{row_field: r, column_field: c, "n": n} for (r, c), n in counts.items() if n]

    def people_in_band(self, band: str) -> int:
        return sum(row["people"] for row in self.individuals if row["band"] == band)

    @cached_property
    def reviews(self) -> dict:
        """SARs completed in the year: how many with and without a death, and the people involved."""
        totals = SafeguardingAdultsReview.objects.filter(
            archived_at__isnull=True, completed_on__range=(self.year.start, self.year.end)
        ).aggregate(
            one_or_more_died=Count("pk", filter=Q(any_died=True)),
            none_died=Count("pk", filter=Q(any_died=False)),
            harm_died=Sum("individuals_died", output_field=IntegerField()),
            harm_survived=Sum("individuals_survived", output_field=IntegerField()),
        )
        return {key: value or 0 for key, value in totals.items()}


def reporting_years() -> list[ReportingYear]:
    """Years to offer, newest first: from the first concern on record (2015-16 at the earliest,
    when the collection began) to the current year."""
    from msp.core.dates import today

    current = ReportingYear.containing(today())
    earliest = Concern.objects.aggregate(first=Min("received_date"))["first"]
    first = ReportingYear.containing(earliest).start.year if earliest else current.start.year - 1
    first = max(2015, min(first, current.start.year - 1))
    return [ReportingYear.starting(y) for y in range(current.start.year, first - 1, -1)]


def default_year() -> ReportingYear:
    """The latest complete year: the one a council is preparing to submit from April."""
    from msp.core.dates import today

    return ReportingYear.starting(ReportingYear.containing(today()).start.year - 1)


def reviews_register():
    """The SAR register, newest decision first, archived reviews left out."""
    return SafeguardingAdultsReview.objects.filter(archived_at__isnull=True).order_by(
        "-decided_on", "-id"
    )
