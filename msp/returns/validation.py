"""The return's validation rules: a catalogue, one function per rule, each returning findings.

Two families:
- consistency rules check the computed tables against each other (sac-reference.md section 5:
  the checks implied by the template's design and NHS England's own publication code);
- data-quality rules query the case records behind the return and link to each record at fault
  (the first LINK_LIMIT, with the total count), so an officer can put them right before sending.

Every rule runs a fixed number of queries (a count and one page of links at most).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from msp.concerns.models import Allegation
from msp.core.dates import today
from msp.enquiries.models import Enquiry
from msp.people.models import Person
from msp.returns.selectors import (
    UNDER_18,
    YearData,
    age_band_expression,
    people_in_year,
    s42_concluded,
    years_before,
)
from msp.returns.tables import CASE_COLUMNS, RISK_IDENTIFIED, Cell, total, value

LINK_LIMIT = 50
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    links: list[Link] = field(default_factory=list)
    total: int | None = None

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "links": [{"href": link.href, "text": link.text} for link in self.links],
            "total": self.total,
        }


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    description: str
    check: Callable[["YearData", dict[str, list[Cell]]], list[Finding]]


RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, description: str):
    def register(check):
        RULES[code] = Rule(code, severity, description, check)
        return check

    return register


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# --- consistency between tables -------------------------------------------------------------


@rule("SG1-TOTALS", ERROR, "SG1a, SG1b and SG1c have the same total individuals in each column")
def sg1_totals_agree(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    findings = []
    for column, label in CASE_COLUMNS:
        totals = {code: total(tables[code], column) for code in ("SG1a", "SG1b", "SG1c")}
        if len(set(totals.values())) > 1:
            shown = ", ".join(f"{code} {n}" for code, n in totals.items())
            findings.append(
                Finding(
                    "SG1-TOTALS", ERROR, f"{label}: individuals differ between tables ({shown})"
                )
            )
    return findings


@rule("SG1-INDIVIDUALS", ERROR, "Individuals in SG1a are no more than the cases in SG1f")
def individuals_within_cases(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    findings = []
    for column, label in CASE_COLUMNS:
        people, cases = total(tables["SG1a"], column), total(tables["SG1f"], column)
        if people > cases:
            findings.append(
                Finding(
                    "SG1-INDIVIDUALS",
                    ERROR,
                    f"{label}: {people} individuals in SG1a but only {cases} cases in SG1f",
                )
            )
    return findings


@rule("SG1D-CASES", ERROR, "SG1d counts every case once: its column totals equal SG1f")
def support_reasons_cover_cases(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    findings = []
    for column, label in CASE_COLUMNS:
        reasons, cases = total(tables["SG1d"], column), total(tables["SG1f"], column)
        if reasons != cases:
            findings.append(
                Finding(
                    "SG1D-CASES",
                    ERROR,
                    f"{label}: SG1d totals {reasons} but SG1f counts {cases} cases",
                )
            )
    return findings


@rule(
    "SG1F-ENQUIRIES",
    WARNING,
    "Enquiries commenced are expected (not required) to be no more than concerns received",
)
def enquiries_within_concerns(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    cells = tables["SG1f"]
    enquiries = value(cells, "total", "s42") + value(cells, "total", "other")
    concerns = value(cells, "total", "concerns")
    if enquiries > concerns:
        return [
            Finding(
                "SG1F-ENQUIRIES",
                WARNING,
                f"{enquiries} enquiries commenced but only {concerns} concerns received: "
                "check that every concern is recorded (timing can explain a small gap)",
            )
        ]
    return []


@rule(
    "SG3-SG4-TOTALS",
    ERROR,
    "SG3a total = SG4a part 1 total = concluded section 42 enquiries",
)
def capacity_and_msp_cover_every_enquiry(
    data: YearData, tables: dict[str, list[Cell]]
) -> list[Finding]:
    concluded = data.concluded_s42
    capacity = total(tables["SG3a"]) - value(tables["SG3a"], "support_provided", "s42")
    asked = total(tables["SG4a_part1"])
    findings = []
    for code, n in (("SG3a", capacity), ("SG4a part 1", asked)):
        if n != concluded:
            findings.append(
                Finding(
                    "SG3-SG4-TOTALS",
                    ERROR,
                    f"{code} totals {n} but {_plural(concluded, 'section 42 enquiry', 'section 42 enquiries')} "
                    "concluded in the year: every one needs exactly one answer",
                )
            )
    return findings


@rule("SG3-ADVOCACY", ERROR, "Support by an advocate, family or friend ≤ lacked capacity")
def advocacy_within_lacked_capacity(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    cells = tables["SG3a"]
    support = value(cells, "support_provided", "s42")
    lacked = value(cells, "lacked_capacity", "s42")
    if support > lacked:
        return [
            Finding(
                "SG3-ADVOCACY",
                ERROR,
                f"SG3a: support provided in {support} enquiries but only {lacked} where the "
                "adult lacked capacity",
            )
        ]
    return []


@rule("SG4-ACHIEVED", ERROR, "SG4a part 2 total = enquiries where outcomes were expressed")
def achieved_covers_expressed(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    expressed = value(tables["SG4a_part1"], "asked_expressed", "s42")
    achieved = total(tables["SG4a_part2"])
    if achieved != expressed:
        return [
            Finding(
                "SG4-ACHIEVED",
                ERROR,
                f"SG4a part 2 totals {achieved} but outcomes were expressed in {expressed} "
                "enquiries: each needs one answer (fully, partially or not achieved)",
            )
        ]
    return []


@rule("SG2E-RISK", ERROR, "SG2e total ≤ enquiries where a risk was identified (SG2c)")
def risk_outcomes_within_risk_identified(
    data: YearData, tables: dict[str, list[Cell]]
) -> list[Finding]:
    outcomes = total(tables["SG2e"])
    identified = total(tables["SG2c"], rows=RISK_IDENTIFIED)
    if outcomes > identified:
        return [
            Finding(
                "SG2E-RISK",
                ERROR,
                f"SG2e counts {outcomes} risk outcomes but a risk was identified in only "
                f"{identified} enquiries (SG2c)",
            )
        ]
    return []


# --- data quality: the records behind the return --------------------------------------------


def _enquiry_links(queryset) -> list[Link]:
    rows = queryset.order_by("pk").values_list("pk", "concern__reference")[:LINK_LIMIT]
    return [Link(reverse("enquiries:detail", kwargs={"pk": pk}), ref) for pk, ref in rows]


def _person_links(queryset) -> list[Link]:
    rows = queryset.order_by("reference").values_list("reference", flat=True)[:LINK_LIMIT]
    return [Link(reverse("people:detail", kwargs={"reference": r}), r) for r in rows]


def _records_finding(code, severity, queryset, links, message) -> list[Finding]:
    count = queryset.count()
    if not count:
        return []
    return [Finding(code, severity, message(count), links(queryset), count)]


def missing_answers_filter() -> Q:
    """Concluded s42 enquiries lacking an answer a table needs."""
    return (
        Q(action_and_result="")
        | Q(action_and_result__in=RISK_IDENTIFIED, risk_outcome="")
        | Q(sac_lacked_capacity="")
        | Q(sac_lacked_capacity="lacked_capacity", sac_advocate_support__isnull=True)
        | Q(sac_asked_outcomes="")
        | Q(sac_asked_outcomes="asked_expressed", sac_outcomes_achieved="")
    )


@rule(
    "DQ-MISSING-ANSWERS",
    ERROR,
    "Concluded section 42 enquiries missing an answer the return needs",
)
def enquiries_missing_answers(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    return _records_finding(
        "DQ-MISSING-ANSWERS",
        ERROR,
        s42_concluded(data.year).filter(missing_answers_filter()),
        _enquiry_links,
        lambda n: (
            f"{_plural(n, 'concluded section 42 enquiry is', 'concluded section 42 enquiries are')} "
            "missing an answer the return needs (action and result, risk outcome where a risk was "
            "identified, capacity, advocacy, desired outcomes asked or achieved)"
        ),
    )


@rule("DQ-NO-ALLEGATION", ERROR, "Concluded section 42 enquiries with no allegation recorded")
def enquiries_without_allegation(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    allegations = Allegation.objects.filter(
        concern_id=OuterRef("concern_id"), archived_at__isnull=True
    )
    return _records_finding(
        "DQ-NO-ALLEGATION",
        ERROR,
        s42_concluded(data.year).filter(~Exists(allegations)),
        _enquiry_links,
        lambda n: (
            f"{_plural(n, 'concluded section 42 enquiry has', 'concluded section 42 enquiries have')} "
            "no allegation, so they are missing from SG2a, SG2b and the type by location table"
        ),
    )


def open_reference_day(data: YearData):
    """The day an enquiry's openness is judged on: the year's last day, or today mid-year."""
    return min(data.year.end, today())


@rule("DQ-OPEN-OVER-YEAR", WARNING, "Enquiries open for more than a year")
def enquiries_open_over_a_year(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    day = open_reference_day(data)
    enquiries = Enquiry.objects.filter(
        archived_at__isnull=True,
        start_date__lt=years_before(day, 1),
    ).filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
    return _records_finding(
        "DQ-OPEN-OVER-YEAR",
        WARNING,
        enquiries,
        _enquiry_links,
        lambda n: (
            f"{_plural(n, 'enquiry was', 'enquiries were')} open on {day:%-d %B %Y} "
            "and had been for more than a year: check whether they should have concluded"
        ),
    )


def _people_in_band(data: YearData, band: str) -> int:
    return sum(row["people"] for row in data.individuals if row["band"] == band)


@rule("DQ-NO-DOB", WARNING, "People in the year's cases with no date of birth")
def people_without_birth_date(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    # The count comes from SG1's own query; the links query only runs when there is something
    # to show, and starts from the (indexed) missing dates of birth.
    count = _people_in_band(data, "unknown")
    if not count:
        return []
    people = people_in_year(data.year, Person.objects.filter(date_of_birth__isnull=True))
    return [
        Finding(
            "DQ-NO-DOB",
            WARNING,
            f"{_plural(count, 'person', 'people')} in the year's cases "
            f"{'has' if count == 1 else 'have'} no date of birth, so they are counted as age unknown",
            _person_links(people),
            count,
        )
    ]


@rule("DQ-UNDER-18", WARNING, "People in the year's cases aged under 18 at the year end")
def people_under_18(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    count = _people_in_band(data, UNDER_18)
    if not count:
        return []
    # Under 18 at the year end, or died earlier: only these can be children in the return.
    candidates = Person.objects.filter(
        Q(date_of_birth__gt=years_before(data.year.end, 18)) | Q(date_of_death__lt=data.year.end)
    )
    children = (
        people_in_year(data.year, candidates)
        .annotate(band=age_band_expression(data.year.end))
        .filter(band=UNDER_18)
    )
    return [
        Finding(
            "DQ-UNDER-18",
            WARNING,
            f"{_plural(count, 'person was', 'people were')} under 18 on the last day of the "
            "year (or at death): the return covers adults, so they are counted as age unknown; "
            "check the date of birth",
            _person_links(children),
            count,
        )
    ]


def run_rules(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    """Every rule in catalogue order; errors first, then warnings."""
    findings = [f for r in RULES.values() for f in r.check(data, tables)]
    return sorted(findings, key=lambda f: f.severity != ERROR)
