"""The shapes a reporting year's specification is written in.

A year is a `YearSpec`: its code lists (with that year's labels), how age is taken and banded,
the answers each concluded enquiry gives and which answers depend on which, the tables with
their rows and columns, and the validation rules with their code, severity and message. The
first year is written out in full; every later year is a `Changes`: what it adds, renames,
retires or replaces compared with the year before.

Nothing here knows about case records. Consumers pass plain values (codes, dates, dicts of
answers) or the names of their own fields, and get answers, Django query conditions or labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import GreaterThan, LessThan

from msp.core.dates import age_on

ERROR = "error"
WARNING = "warning"

# Which cases a table counts.
RAISED = "raised"  # concerns received and enquiries commenced in the year
CONCLUDED = "concluded"  # section 42 enquiries concluded in the year
REVIEWS = "reviews"  # Safeguarding Adults Reviews completed in the year


# --- code lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    # Other spellings seen in published sources; imports accept them as this code.
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeList:
    name: str
    title: str
    codes: tuple[Code, ...]

    def code_set(self) -> frozenset[str]:
        return frozenset(c.code for c in self.codes)

    def label(self, code: str) -> str | None:
        return next((c.label for c in self.codes if c.code == code), None)

    def pairs(self) -> list[tuple[str, str]]:
        return [(c.code, c.label) for c in self.codes]


def code_list(name: str, title: str, pairs) -> CodeList:
    """A list from (code, label) or (code, label, alternative labels) tuples."""
    return CodeList(
        name, title, tuple(Code(p[0], p[1], tuple(p[2]) if len(p) > 2 else ()) for p in pairs)
    )


@dataclass(frozen=True)
class ListChanges:
    """How a list differs from the year before: codes added (at the end), labels changed, codes
    retired. A retired code stays on the records that used it, with the label of their year."""

    add: tuple[Code, ...] = ()
    rename: MappingProxyType | dict = field(default_factory=dict)
    retire: tuple[str, ...] = ()

    def apply(self, previous: CodeList) -> CodeList:
        known = previous.code_set()
        for code in (*self.rename, *self.retire):
            if code not in known:
                raise ValueError(f"{previous.name}: {code} is not on the list to change")
        for new in self.add:
            if new.code in known:
                raise ValueError(f"{previous.name}: {new.code} is already on the list")
        kept = tuple(
            replace(c, label=self.rename.get(c.code, c.label))
            for c in previous.codes
            if c.code not in self.retire
        )
        return replace(previous, codes=kept + tuple(self.add))


# --- age ----------------------------------------------------------------------------------------

UNDER_ADULT = "under_18"  # outside the return: shown as "age unknown", listed by a warning
UNKNOWN = "unknown"


@dataclass(frozen=True)
class AgeBand:
    code: str
    label: str
    low: int
    high: int | None  # None: no upper limit


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February falls back to the 28th (someone born on
    28 February has had that birthday by the 29th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class AgeRule:
    """How age is taken and banded: on the last day of the period (the reporting year's last
    day for the return), or at death if the person died before it."""

    bands: tuple[AgeBand, ...]
    unknown_label: str
    adult_from: int = 18

    def day_taken(self, date_of_death: date | None, on: date) -> date:
        return date_of_death if date_of_death is not None and date_of_death < on else on

    def age(self, date_of_birth: date | None, date_of_death: date | None, on: date) -> int | None:
        return age_on(date_of_birth, self.day_taken(date_of_death, on))

    def band_of_age(self, age: int | None) -> str:
        """The band code for an age: UNKNOWN without one, UNDER_ADULT for a child."""
        if age is None:
            return UNKNOWN
        if age < self.adult_from:
            return UNDER_ADULT
        for band in self.bands:
            if band.low <= age and (band.high is None or age <= band.high):
                return band.code
        return UNKNOWN

    def band(self, date_of_birth: date | None, date_of_death: date | None, on: date) -> str:
        return self.band_of_age(self.age(date_of_birth, date_of_death, on))

    def rows(self) -> list[tuple[str, str]]:
        """The table rows: every band, then age unknown (which children are shown in)."""
        return [(b.code, b.label) for b in self.bands] + [(UNKNOWN, self.unknown_label)]

    def expression(
        self,
        on: date,
        *,
        birth: str = "date_of_birth",
        death: str = "date_of_death",
        child: str = UNDER_ADULT,
    ):
        """The same banding as `band`, as a database expression over a row's date of birth and
        date of death (field paths `birth` and `death`); children get `child` (UNKNOWN where
        they are shown as age unknown).

        For someone alive on `on` the band is a comparison of the date of birth with fixed
        dates (someone is at least N on `on` exactly when born on or before `on` minus N
        years), which needs no date arithmetic and works the same on SQLite and PostgreSQL.
        Only people who died earlier need their age at death worked out from date parts.
        """
        death_md = ExtractMonth(death) * 100 + ExtractDay(death)
        birth_md = ExtractMonth(birth) * 100 + ExtractDay(birth)
        age_at_death = (
            ExtractYear(death)
            - ExtractYear(birth)
            - Case(When(GreaterThan(birth_md, death_md), then=Value(1)), default=Value(0))
        )
        by_age = [When(LessThan(age_at_death, self.adult_from), then=Value(child))]
        by_age += [
            When(LessThan(age_at_death, b.high + 1), then=Value(b.code))
            for b in self.bands
            if b.high is not None
        ]
        alive = [When(**{f"{birth}__gt": years_before(on, self.adult_from)}, then=Value(child))]
        alive += [
            When(**{f"{birth}__gt": years_before(on, b.high + 1)}, then=Value(b.code))
            for b in self.bands
            if b.high is not None
        ]
        oldest = self.bands[-1].code
        return Case(
            When(**{f"{birth}__isnull": True}, then=Value(UNKNOWN)),
            When(
                **{f"{death}__lt": on},
                then=Case(*by_age, default=Value(oldest), output_field=CharField()),
            ),
            *alive,
            default=Value(oldest),
            output_field=CharField(),
        )


# --- answers and their dependencies ---------------------------------------------------------


@dataclass(frozen=True)
class OnlyWhen:
    """An answer applies only when another answer is one of some codes."""

    answer: str
    codes: frozenset[str]
    # How a page says it: "a risk was identified or the risk assessment was inconclusive".
    text: str

    def holds(self, answers: dict) -> bool:
        return answers.get(self.answer) in self.codes


@dataclass(frozen=True)
class Answer:
    """One answer the return needs about a concluded enquiry (SG2c to SG4a).

    `name` is the answer's name in the interchange format; each case app maps it to its own
    field. `only_when` is the dependency: outside it the answer must be left blank. Where it
    applies, a concluded enquiry of a kind in `required_for` must give it.
    """

    name: str
    label: str
    list_code: str | None  # None for a yes/no answer
    only_when: OnlyWhen | None = None
    required_for: frozenset[str] = frozenset({"s42"})

    def applies(self, answers: dict) -> bool:
        return self.only_when is None or self.only_when.holds(answers)

    @staticmethod
    def given(value) -> bool:
        return value not in (None, "")

    def problem(self, answers: dict, *, kind: str, concluded: bool) -> str | None:
        """ "missing", "not_applicable" or None for a record's answers (a dict by answer name)."""
        value = answers.get(self.name)
        if self.applies(answers):
            if concluded and kind in self.required_for and not self.given(value):
                return "missing"
            return None
        return "not_applicable" if self.given(value) else None

    def missing_message(self) -> str:
        when = f" when {self.only_when.text}" if self.only_when else ""
        return f"Answer “{self.label}”: it is needed{when}"

    def not_applicable_message(self) -> str:
        return f"Leave “{self.label}” blank: it is only recorded when {self.only_when.text}"

    # Database conditions, given the model's field for each answer name.

    def _blank(self, fields: dict[str, str]) -> Q:
        column = fields[self.name]
        return Q(**{f"{column}__isnull": True}) if self.list_code is None else Q(**{column: ""})

    def applies_q(self, fields: dict[str, str]) -> Q:
        """Rows the answer applies to (its dependency), given the model's field per answer."""
        if self.only_when is None:
            return Q()
        return Q(**{f"{fields[self.only_when.answer]}__in": sorted(self.only_when.codes)})

    def missing_q(self, fields: dict[str, str]) -> Q:
        """Rows (already limited to concluded enquiries of a required kind) missing the answer."""
        return self.applies_q(fields) & self._blank(fields)

    def not_applicable_q(self, fields: dict[str, str]) -> Q:
        if self.only_when is None:
            return Q(pk__in=[])
        return ~self.applies_q(fields) & ~self._blank(fields)


# --- tables -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    """A table's rows or columns: a code list of the year, the age bands, or fixed entries."""

    list_name: str = ""
    fixed: tuple[tuple[str, str], ...] = ()
    ages: bool = False
    # Entries after the list's own (SG3a's "of which: support provided" row).
    then: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Table:
    code: str
    title: str
    basis: str
    row_heading: str
    column_heading: str
    rows: Axis
    columns: Axis
    # The national publication's names for the table and its columns (TABLE_REFERENCE, and
    # ENQUIRY_TYPE by column code); the product's own code where the publication's differs.
    publication_code: str = ""
    # ENQUIRY_TYPE for each column code, or for every column under the key "".
    enquiry_types: MappingProxyType | dict = field(default_factory=dict)
    # The columns are categories (the source of risk in SG2a), written as the publication's
    # SUBCATEGORY; otherwise every column is an enquiry type and SUBCATEGORY is blank.
    crosstab: bool = False

    @property
    def reference(self) -> str:
        return self.publication_code or self.code

    def enquiry_type(self, column: str) -> str:
        return self.enquiry_types.get(column) or self.enquiry_types.get("", "")


# --- validation rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cells:
    """The sum of some cells of a table (all rows or some; one column or all)."""

    table: str
    rows: tuple[str, ...] | None = None
    columns: tuple[str, ...] | None = None
    exclude_rows: tuple[str, ...] = ()
    # Rows of the table where an answer applies (its dependency), worked out in each year.
    rows_where: str = ""
    name: str = ""

    def describe(self) -> str:
        return self.name or self.table


@dataclass(frozen=True)
class Concluded:
    """The number of section 42 enquiries concluded in the year."""

    name: str = "concluded section 42 enquiries"

    def describe(self) -> str:
        return self.name


@dataclass(frozen=True)
class Compare:
    """left OP right, for each of `per_column` (the table's columns) or over whole tables."""

    left: Cells | Concluded
    op: str  # "==", "<=", ">="
    right: Cells | Concluded
    per_column: tuple[str, ...] = ()


@dataclass(frozen=True)
class Records:
    """The records behind a finding, by a name the return knows how to look up:
    missing:<answer>, not_applicable:<answer>, missing_any, no_allegation, open_over_year,
    no_date_of_birth, under_adult, unlisted_codes, enquiries_of_earlier_concerns."""

    finder: str


@dataclass(frozen=True)
class Rule:
    """One validation rule. `message` is formatted with {left}, {right}, {left_name},
    {right_name} and {column} for comparisons, and {n} (a count: write {n:enquiry|enquiries}
    for the word that agrees with it) for record checks."""

    code: str
    severity: str
    description: str
    message: str
    compare: tuple[Compare, ...] = ()
    records: tuple[Records, ...] = ()
    # A record check fires when its first finder finds anything; a comparison fires when it
    # fails, and links to its finders' records (or to the tables when it names none).
    record_check: bool = False


class Count(int):
    """A count that picks the word that agrees with it: f"{n:enquiry|enquiries}"."""

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, many = spec.split("|", 1)
            return one if self == 1 else many
        return format(int(self), spec or ",")


# --- a year -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeGroup:
    """Codes of one list that a figure takes together for what they mean, for example the risk
    outcomes that count as "risk reduced or removed". The measures ask for a group by name, so
    a year that replaces a code says here what the new code counts as."""

    name: str
    list_name: str
    codes: frozenset[str]


def _checked_groups(groups: dict, lists) -> MappingProxyType:
    for group in groups.values():
        unknown = group.codes - lists[group.list_name].code_set()
        if unknown:
            raise ValueError(f"{group.name}: {sorted(unknown)} not on {group.list_name}")
    return MappingProxyType(groups)


@dataclass(frozen=True)
class YearSpec:
    year: str
    source: str
    lists: MappingProxyType
    age: AgeRule
    answers: MappingProxyType
    tables: MappingProxyType
    rules: MappingProxyType
    # Representation roles that count as "support provided by an advocate, family or friend".
    support_roles: frozenset[str]
    groups: MappingProxyType

    def group(self, name: str) -> frozenset[str]:
        return self.groups[name].codes

    def list(self, name: str) -> CodeList:
        return self.lists[name]

    def codes(self, name: str) -> frozenset[str]:
        return self.lists[name].code_set()

    def label(self, name: str, code: str) -> str | None:
        return self.lists[name].label(code)

    def choices(self, name: str, *, blank: str | None = None) -> list[tuple[str, str]]:
        pairs = self.lists[name].pairs()
        return [("", blank), *pairs] if blank is not None else pairs

    def answer(self, name: str) -> Answer:
        return self.answers[name]

    def axis(self, axis: Axis) -> list[tuple[str, str]]:
        if axis.ages:
            entries = self.age.rows()
        elif axis.list_name:
            entries = self.lists[axis.list_name].pairs()
        else:
            entries = list(axis.fixed)
        return entries + list(axis.then)

    def rows(self, table: str) -> list[tuple[str, str]]:
        return self.axis(self.tables[table].rows)

    def columns(self, table: str) -> list[tuple[str, str]]:
        return self.axis(self.tables[table].columns)

    def answer_problems(self, answers: dict, *, kind: str, concluded: bool) -> dict[str, str]:
        """Every answer that is missing or given where it does not apply: {name: message}."""
        out = {}
        for answer in self.answers.values():
            problem = answer.problem(answers, kind=kind, concluded=concluded)
            if problem == "missing":
                out[answer.name] = answer.missing_message()
            elif problem == "not_applicable":
                out[answer.name] = answer.not_applicable_message()
        return out


def _by_name(items, key="name") -> dict:
    return {getattr(i, key): i for i in items}


@dataclass(frozen=True)
class Changes:
    """What a year adds, changes or removes compared with the year before. `source` says where
    the year's requirements were read (or that they are unchanged, and who said so)."""

    source: str
    lists: MappingProxyType | dict = field(default_factory=dict)  # name -> ListChanges
    new_lists: tuple[CodeList, ...] = ()
    age: AgeRule | None = None
    answers: tuple[Answer, ...] = ()  # added or replacing one of the same name
    remove_answers: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    remove_tables: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    remove_rules: tuple[str, ...] = ()
    support_roles: frozenset[str] | None = None
    groups: tuple[CodeGroup, ...] = ()  # added or replacing one of the same name

    def apply(self, previous: YearSpec, year: str) -> YearSpec:
        lists = dict(previous.lists)
        for name, change in self.lists.items():
            lists[name] = change.apply(lists[name])
        for new in self.new_lists:
            lists[new.name] = new
        answers = {k: v for k, v in previous.answers.items() if k not in self.remove_answers}
        answers.update(_by_name(self.answers))
        tables = {k: v for k, v in previous.tables.items() if k not in self.remove_tables}
        tables.update(_by_name(self.tables, "code"))
        rules = {k: v for k, v in previous.rules.items() if k not in self.remove_rules}
        rules.update(_by_name(self.rules, "code"))
        return YearSpec(
            year=year,
            source=self.source,
            lists=MappingProxyType(lists),
            age=self.age or previous.age,
            answers=MappingProxyType(answers),
            tables=MappingProxyType(tables),
            rules=MappingProxyType(rules),
            support_roles=self.support_roles
            if self.support_roles is not None
            else previous.support_roles,
            # A group carried over keeps a code the year retires: records from before still
            # count as they did; a group the year writes must name codes on its lists.
            groups=MappingProxyType(
                {**previous.groups, **_checked_groups(_by_name(self.groups), lists)}
            ),
        )


def year_spec(
    *, year, source, lists, age, answers, tables, rules, support_roles, groups
) -> YearSpec:
    """The first year, written out in full."""
    return YearSpec(
        year=year,
        source=source,
        lists=MappingProxyType(_by_name(lists)),
        age=age,
        answers=MappingProxyType(_by_name(answers)),
        tables=MappingProxyType(_by_name(tables, "code")),
        rules=MappingProxyType(_by_name(rules, "code")),
        support_roles=frozenset(support_roles),
        groups=_checked_groups(_by_name(groups), _by_name(lists)),
    )
