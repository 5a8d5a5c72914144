"""Running the year's validation rules (declared, with their code, severity and message, in
the specification: msp/sac/years/) against the computed tables and the records behind them.

Two kinds of rule:
- comparisons between tables (sac-reference.md section 5: the checks implied by the
  template's design and NHS England's own publication code), which link to the records that
  make them fail, or to the tables when no record can (an arithmetic identity of the counting);
- record checks, which count records at fault and link to each (the first LINK_LIMIT, with
  the total), so an officer can put them right before sending.

Counts come from the year's aggregates (selectors.py); a rule queries the records only to link
to them, and only when it fires. `FINDERS` says how each kind of record is looked up.
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from msp.concerns.models import Allegation
from msp.core.dates import today
from msp.enquiries.models import Enquiry
from msp.enquiries.statutory import ANSWER_FIELDS
from msp.people.models import Person
from msp.privacy.selectors import exclude_restricted
from msp.returns.models import SafeguardingAdultsReview
from msp.returns.selectors import YearData, concluded_facts
from msp.returns.tables import Cell
from msp.sac.model import ERROR, UNDER_ADULT, UNKNOWN, Cells, Concluded, Count, Rule, years_before

LINK_LIMIT = 50
OPERATORS = {"==": operator.eq, "<=": operator.le, ">=": operator.ge}


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


# --- the records behind findings ------------------------------------------------------------


def concluded_enquiries(data: YearData):
    """The year's concluded section 42 enquiries, as the facts count them."""
    return exclude_restricted(Enquiry.objects.filter(archived_at__isnull=True)).filter(
        kind="s42", end_date__range=(data.year.start, data.year.end)
    )


def people_in_year(data: YearData, people=None):
    """Everyone (of `people`, all when not given) counted in the year's SG1."""
    from msp.facts.models import PersonYear

    years = PersonYear.objects.filter(year=data.year.start.year, restricted=False)
    return (Person.objects if people is None else people).filter(pk__in=years.values("person_id"))


def _enquiry_links(queryset) -> list[Link]:
    rows = queryset.order_by("pk").values_list("pk", "concern__reference")[:LINK_LIMIT]
    return [Link(reverse("enquiries:detail", kwargs={"pk": pk}), ref) for pk, ref in rows]


def _person_links(queryset) -> list[Link]:
    rows = queryset.order_by("reference").values_list("reference", flat=True)[:LINK_LIMIT]
    return [Link(reverse("people:detail", kwargs={"reference": r}), r) for r in rows]


def _review_links(queryset) -> list[Link]:
    rows = queryset.order_by("pk").values_list("pk", "reference")[:LINK_LIMIT]
    return [Link(reverse("returns:review_edit", kwargs={"pk": pk}), ref) for pk, ref in rows]


@dataclass(frozen=True)
class Found:
    queryset: object
    links: Callable


def _missing(data: YearData, name: str) -> Found:
    answer = data.spec.answer(name)
    return Found(concluded_enquiries(data).filter(answer.missing_q(ANSWER_FIELDS)), _enquiry_links)


def _not_applicable(data: YearData, name: str) -> Found:
    answer = data.spec.answer(name)
    return Found(
        concluded_enquiries(data).filter(answer.not_applicable_q(ANSWER_FIELDS)), _enquiry_links
    )


def _missing_any(data: YearData) -> Found:
    condition = Q(pk__in=[])
    for answer in data.spec.answers.values():
        if "s42" in answer.required_for:
            condition |= answer.missing_q(ANSWER_FIELDS)
    return Found(concluded_enquiries(data).filter(condition), _enquiry_links)


def _unlisted(data: YearData) -> Found:
    spec = data.spec
    condition = Q(pk__in=[])
    for answer in spec.answers.values():
        if answer.list_code:
            column = ANSWER_FIELDS[answer.name]
            condition |= ~Q(**{column: ""}) & ~Q(**{f"{column}__in": spec.codes(answer.list_code)})
    risks = Q(pk__in=[])
    for column in ("type_of_risk", "location_of_risk", "source_of_risk"):
        risks |= ~Q(**{f"{column}__in": spec.codes(column)})
    with_risks = Allegation.objects.filter(risks, archived_at__isnull=True).values("concern_id")
    return Found(
        concluded_enquiries(data).filter(condition | Q(concern_id__in=with_risks)), _enquiry_links
    )


def _no_allegation(data: YearData) -> Found:
    without = concluded_facts(data.year).filter(has_allegation=False).values("concern_id")
    return Found(concluded_enquiries(data).filter(concern_id__in=without), _enquiry_links)


def open_reference_day(data: YearData):
    """The day an enquiry's openness is judged on: the year's last day, or today mid-year."""
    return min(data.year.end, today())


def _open_over_year(data: YearData) -> Found:
    day = open_reference_day(data)
    enquiries = Enquiry.objects.filter(
        archived_at__isnull=True, start_date__lt=years_before(day, 1)
    ).filter(Q(end_date__isnull=True) | Q(end_date__gt=day))
    return Found(enquiries, _enquiry_links)


def _no_date_of_birth(data: YearData) -> Found:
    return Found(
        people_in_year(data, Person.objects.filter(date_of_birth__isnull=True)), _person_links
    )


def _under_adult(data: YearData) -> Found:
    age = data.spec.age
    # Under age at the year end, or died earlier: only these can be children in the return.
    candidates = Person.objects.filter(
        Q(date_of_birth__gt=years_before(data.year.end, age.adult_from))
        | Q(date_of_death__lt=data.year.end)
    )
    children = (
        people_in_year(data, candidates)
        .alias(band=age.expression(data.year.end))
        .filter(band=UNDER_ADULT)
    )
    return Found(children, _person_links)


def _enquiries_of_earlier_concerns(data: YearData) -> Found:
    enquiries = exclude_restricted(Enquiry.objects.filter(archived_at__isnull=True)).filter(
        start_date__range=(data.year.start, data.year.end),
        concern__received_date__lt=data.year.start,
    )
    return Found(enquiries, _enquiry_links)


def _reviews_died_without_deaths(data: YearData) -> Found:
    reviews = SafeguardingAdultsReview.objects.filter(
        archived_at__isnull=True,
        completed_on__range=(data.year.start, data.year.end),
        any_died=True,
        individuals_died=0,
    )
    return Found(reviews, _review_links)


FINDERS: dict[str, Callable[..., Found]] = {
    "missing": _missing,
    "not_applicable": _not_applicable,
    "missing_any": _missing_any,
    "unlisted_codes": _unlisted,
    "no_allegation": _no_allegation,
    "open_over_year": _open_over_year,
    "no_date_of_birth": _no_date_of_birth,
    "under_adult": _under_adult,
    "enquiries_of_earlier_concerns": _enquiries_of_earlier_concerns,
    "reviews_died_without_deaths": _reviews_died_without_deaths,
}


def find(data: YearData, finder: str) -> Found:
    kind, _, argument = finder.partition(":")
    return FINDERS[kind](data, argument) if argument else FINDERS[kind](data)


# --- counts a record check can read off the aggregates, without a query -------------------


def _answers_of(row: dict) -> dict:
    return {name: row[name] for name in ANSWER_FIELDS}


def _count_missing_any(data: YearData) -> int:
    return sum(
        row["n"]
        for row in data.concluded_answers
        if any(
            a.problem(_answers_of(row), kind="s42", concluded=True) == "missing"
            for a in data.spec.answers.values()
        )
    )


def _any_unlisted(data: YearData) -> bool:
    spec = data.spec
    for row in data.concluded_answers:
        for answer in spec.answers.values():
            value = row[answer.name]
            if answer.list_code and value and value not in spec.codes(answer.list_code):
                return True
    return any(
        row[column] not in spec.codes(column)
        for row in data.risks
        for column in ("type_of_risk", "location_of_risk", "source_of_risk")
    )


COUNTS: dict[str, Callable[[YearData], int | None]] = {
    "missing_any": _count_missing_any,
    "no_allegation": lambda data: sum(
        r["n"] for r in data.concluded_answers if not r["has_allegation"]
    ),
    "no_date_of_birth": lambda data: data.people_in_band(UNKNOWN),
    "under_adult": lambda data: data.people_in_band(UNDER_ADULT),
    # Detected off the aggregates; counted (as enquiries) only when there is something.
    "unlisted_codes": lambda data: None if _any_unlisted(data) else 0,
}


# --- running the rules ----------------------------------------------------------------------


def _quantity(data: YearData, tables: dict[str, list[Cell]], q, column: str | None) -> int:
    if isinstance(q, Concluded):
        return data.concluded_s42
    assert isinstance(q, Cells)
    rows = set(q.rows) if q.rows is not None else None
    if q.rows_where:
        rows = set(data.spec.answer(q.rows_where).only_when.codes)
    columns = {column} if column else (set(q.columns) if q.columns is not None else None)
    return sum(
        c.value
        for c in tables[q.table]
        if (rows is None or c.row in rows)
        and c.row not in q.exclude_rows
        and (columns is None or c.column in columns)
    )


def _column_label(data: YearData, table: str, column: str) -> str:
    return dict(data.spec.columns(table)).get(column, column)


def _placeholders(data: YearData, rule: Rule) -> dict:
    when = next(
        (
            data.spec.answer(c.right.rows_where).only_when.text
            for c in rule.compare
            if isinstance(c.right, Cells) and c.right.rows_where
        ),
        "",
    )
    return {
        "year": data.year.label,
        "day": f"{open_reference_day(data):%-d %B %Y}",
        "when": when,
    }


def _linked(data: YearData, rule: Rule) -> tuple[list[Link], int | None]:
    links: list[Link] = []
    count = 0
    for records in rule.records:
        found = find(data, records.finder)
        n = found.queryset.count()
        if n:
            count += n
            links += found.links(found.queryset)
    return links[:LINK_LIMIT], (count if rule.records else None)


def _compare(data: YearData, tables, rule: Rule) -> list[Finding]:
    failures = []
    for check in rule.compare:
        for column in check.per_column or (None,):
            left = _quantity(data, tables, check.left, column)
            right = _quantity(data, tables, check.right, column)
            if not OPERATORS[check.op](left, right):
                failures.append(
                    {
                        **_placeholders(data, rule),
                        "left": Count(left),
                        "right": Count(right),
                        "left_name": check.left.describe(),
                        "right_name": check.right.describe(),
                        "column": _column_label(
                            data, check.left.table if isinstance(check.left, Cells) else "", column
                        )
                        if column
                        else "",
                    }
                )
    if not failures:
        return []
    links, count = _linked(data, rule)
    if not links:
        # An identity of the counting itself (or a gap no single record explains): point at
        # the tables that disagree.
        tables_named = sorted(
            {q.table for c in rule.compare for q in (c.left, c.right) if isinstance(q, Cells)}
        )
        links = [Link(f"#{code}", code) for code in tables_named]
    return [
        Finding(rule.code, rule.severity, rule.message.format(**values), links, count)
        for values in failures
    ]


def _record_check(data: YearData, rule: Rule) -> list[Finding]:
    finder = rule.records[0].finder
    count = COUNTS[finder](data) if finder in COUNTS else None
    if count == 0:
        return []
    found = find(data, finder)
    if count is None:
        count = found.queryset.count()
        if not count:
            return []
    message = rule.message.format(n=Count(count), **_placeholders(data, rule))
    return [Finding(rule.code, rule.severity, message, found.links(found.queryset), count)]


def run_rules(data: YearData, tables: dict[str, list[Cell]]) -> list[Finding]:
    """Every rule of the year's specification, in its order; errors first, then warnings."""
    findings = []
    for rule in data.spec.rules.values():
        if rule.record_check:
            findings += _record_check(data, rule)
        else:
            findings += _compare(data, tables, rule)
    return sorted(findings, key=lambda f: f.severity != ERROR)
