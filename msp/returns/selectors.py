"""The reads behind the statutory return: a handful of GROUP BY queries per reporting year.

Each query aggregates in the database and returns a small "cube" (one row per combination of the
categories it groups by, never one row per case). Several tables are then read off the same cube:
SG1a, SG1b and SG1c share one query, SG2c, SG2e, SG3a and SG4a share another. The number of queries
is therefore fixed, whatever the size of the data.

Archived case records (archived with a reason, e.g. recorded in error) are left out everywhere.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db import connection
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import GreaterThan, LessThan

from msp.concerns.models import Allegation, Concern
from msp.core.periods import AGE_BANDS, ReportingYear
from msp.enquiries.models import Enquiry, EnquiryKind
from msp.people.models import Person
from msp.privacy.selectors import exclude_restricted
from msp.returns.models import SafeguardingAdultsReview

UNDER_18 = "under_18"
PEOPLE_CUBE = (
    "band",
    "sex",
    "ethnicity",
    "primary_support_reason",
    "autism",
    "aspergers",
    "concerns",
    "s42",
    "other",
    "concern_cases",
    "s42_cases",
    "other_cases",
    "people",
)


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _band_from_age(age) -> Case:
    whens = [When(LessThan(age, 18), then=Value(UNDER_18))]
    whens += [When(LessThan(age, high + 1), then=Value(code)) for code, _, high in AGE_BANDS[:-1]]
    return Case(*whens, default=Value(AGE_BANDS[-1][0]))


def age_band_expression(on: date) -> Case:
    """The SG1a age band of a Person row: age on `on`, or at death if the person died before it.

    For everyone alive on `on` the band is a comparison of the date of birth with fixed dates
    (someone is at least N on `on` exactly when born on or before `on` minus N years), which
    needs no date arithmetic in SQL and works the same on SQLite and PostgreSQL. Only people who
    died earlier need their age at death worked out from year, month and day parts.
    Returns "unknown" with no date of birth and "under_18" for children (shown as unknown).
    """
    death_md = ExtractMonth("date_of_death") * 100 + ExtractDay("date_of_death")
    birth_md = ExtractMonth("date_of_birth") * 100 + ExtractDay("date_of_birth")
    age_at_death = (
        ExtractYear("date_of_death")
        - ExtractYear("date_of_birth")
        - Case(When(GreaterThan(birth_md, death_md), then=Value(1)), default=Value(0))
    )
    alive = [When(date_of_birth__gt=years_before(on, 18), then=Value(UNDER_18))]
    alive += [
        When(date_of_birth__gt=years_before(on, high + 1), then=Value(code))
        for code, _, high in AGE_BANDS[:-1]
    ]
    return Case(
        When(date_of_birth__isnull=True, then=Value("unknown")),
        When(date_of_death__lt=on, then=_band_from_age(age_at_death)),
        *alive,
        default=Value(AGE_BANDS[-1][0]),
    )


def _live(queryset):
    return queryset.filter(archived_at__isnull=True)


# People whose processing is restricted (UK GDPR article 18) are left out of the return's cases,
# and so of every table and person count built on them (docs/data-protection.md).


def concerns_received(year: ReportingYear):
    return exclude_restricted(_live(Concern.objects)).filter(
        received_date__range=(year.start, year.end)
    )


def enquiries_commenced(year: ReportingYear, kind: str | None = None):
    enquiries = exclude_restricted(_live(Enquiry.objects)).filter(
        start_date__range=(year.start, year.end)
    )
    return enquiries.filter(kind=kind) if kind else enquiries


def s42_concluded(year: ReportingYear):
    return exclude_restricted(_live(Enquiry.objects)).filter(
        kind=EnquiryKind.S42, end_date__range=(year.start, year.end)
    )


def people_in_year(year: ReportingYear, people=None):
    """Everyone (of `people`, all when not given) with a concern received, or an enquiry
    commenced, in the year: SG1's population. Correlated EXISTS, so a small starting set of
    people costs a few index lookups each rather than a pass over the year's cases."""
    concerns = concerns_received(year).filter(person_id=OuterRef("pk"))
    enquiries = enquiries_commenced(year).filter(person_id=OuterRef("pk"))
    return (Person.objects if people is None else people).filter(
        Exists(concerns) | Exists(enquiries)
    )


@dataclass
class YearData:
    """The year's aggregates, each fetched once and shared by the tables and rules that need it."""

    year: ReportingYear

    @cached_property
    def individuals(self) -> list[dict]:
        """People of the year's cases grouped by age band, sex, ethnicity, primary support reason
        and autism/Asperger's: how many had a concern, an s42 and an other enquiry (SG1a-c), how
        many cases of each kind they had (SG1d-f), and how many people in all.

        The year's cases are first reduced to one row per person (UNION ALL of concerns and
        enquiries, grouped by person), then joined to the people and grouped by demographics.
        Each part is compiled by the ORM, so the SQL suits SQLite and PostgreSQL alike; only
        the outer GROUP BY is written by hand.
        """
        zero, one = Value(0, IntegerField()), Value(1, IntegerField())

        def flag(kind):
            return Case(When(kind=kind, then=one), default=zero)

        cases = (
            concerns_received(self.year)
            .order_by()
            .annotate(c=one, s=zero, o=zero)
            .values("person_id", "c", "s", "o")
            .union(
                enquiries_commenced(self.year)
                .order_by()
                .annotate(c=zero, s=flag(EnquiryKind.S42), o=flag(EnquiryKind.OTHER))
                .values("person_id", "c", "s", "o"),
                all=True,
            )
        )
        people = (
            Person.objects.order_by()
            .annotate(band=age_band_expression(self.year.end))
            .values(
                "id", "band", "sex", "ethnicity", "primary_support_reason", "autism", "aspergers"
            )
        )
        cases_sql, cases_params = cases.query.sql_with_params()
        people_sql, people_params = people.query.sql_with_params()
        sql = (
            "SELECT p.band, p.sex, p.ethnicity, p.primary_support_reason, p.autism, p.aspergers, "  # noqa: S608
            "SUM(f.c), SUM(f.s), SUM(f.o), SUM(f.nc), SUM(f.ns), SUM(f.no), COUNT(*) "
            "FROM (SELECT u.person_id, MAX(u.c) AS c, MAX(u.s) AS s, MAX(u.o) AS o, "
            "SUM(u.c) AS nc, SUM(u.s) AS ns, SUM(u.o) AS no "
            f"FROM ({cases_sql}) u GROUP BY u.person_id) f "
            f"JOIN ({people_sql}) p ON p.id = f.person_id "
            "GROUP BY p.band, p.sex, p.ethnicity, p.primary_support_reason, p.autism, p.aspergers"
        )
        with connection.cursor() as cursor:
            # Only ORM-compiled SQL is interpolated; every value travels as a parameter.
            cursor.execute(sql, (*cases_params, *people_params))
            return [dict(zip(PEOPLE_CUBE, row, strict=True)) for row in cursor.fetchall()]

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
                    rows.append(
                        {
                            "person__primary_support_reason": row["primary_support_reason"],
                            "person__autism": row["autism"],
                            "person__aspergers": row["aspergers"],
                            "column": column,
                            "n": row[key],
                        }
                    )
        return rows

    @cached_property
    def concluded_answers(self) -> list[dict]:
        """Concluded s42 enquiries by every closing answer the return reads (SG2c, SG2e, SG3a,
        SG4a): one row per combination of answers, with its count."""
        return list(
            s42_concluded(self.year)
            .order_by()
            .values(
                "action_and_result",
                "risk_outcome",
                "sac_lacked_capacity",
                "sac_advocate_support",
                "sac_asked_outcomes",
                "sac_outcomes_achieved",
            )
            .annotate(n=Count("pk"))
        )

    @cached_property
    def concluded_s42(self) -> int:
        return sum(row["n"] for row in self.concluded_answers)

    def risk_crosstab(self, row_field: str, column_field: str) -> list[dict]:
        """Concluded s42 enquiries per (row, column) pair of their allegations: an enquiry counts
        once in each distinct cell, however many allegations fall in it."""
        key = (row_field, column_field)
        cache = self.__dict__.setdefault("_crosstabs", {})
        if key not in cache:
            cache[key] = list(
                _live(Allegation.objects)
                .filter(concern_id__in=s42_concluded(self.year).values("concern_id"))
                .order_by()
                .values(row_field, column_field)
                .annotate(n=Count("concern_id", distinct=True))
            )
        return cache[key]

    @cached_property
    def reviews(self) -> dict:
        """SARs completed in the year: how many with and without a death, and the people involved."""
        totals = (
            _live(SafeguardingAdultsReview.objects)
            .filter(completed_on__range=(self.year.start, self.year.end))
            .aggregate(
                one_or_more_died=Count("pk", filter=Q(any_died=True)),
                none_died=Count("pk", filter=Q(any_died=False)),
                harm_died=Sum("individuals_died", output_field=IntegerField()),
                harm_survived=Sum("individuals_survived", output_field=IntegerField()),
            )
        )
        return {key: value or 0 for key, value in totals.items()}


def reporting_years() -> list[ReportingYear]:
    """Years to offer, newest first: from the first concern on record (2015-16 at the earliest,
    when the collection began) to the current year."""
    from django.db.models import Min

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
