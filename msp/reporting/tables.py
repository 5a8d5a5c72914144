"""The measures as tables: one set of rows for the page, the spreadsheet and the PDF.

Cells hold what the audience may see, already passed through a disclosure `Presenter`: an int is
a count, a float a percentage, a string a label or a marker ("[c]", "[x]"). Building the tables
once means the board's page and its downloads cannot show different figures.
"""

from dataclasses import dataclass, field

from msp.core.dates import today
from msp.reference import selectors as ref
from msp.reporting import national
from msp.reporting.disclosure import NOT_AVAILABLE, Presenter
from msp.reporting.measures import BoardFigures, BreakdownRow, Measures, Trend
from msp.reporting.national import NationalYear

ANSWERS = [("yes", "Yes"), ("partly", "Partly"), ("no", "No"), ("not_answered", "Did not answer")]


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    key: str = ""

    @property
    def numeric(self) -> list[bool]:
        return [index > 0 for index in range(len(self.headers))]


@dataclass(frozen=True)
class Measure:
    """A share: `num` out of `den`, each a (source, key) pair; den None for a plain count."""

    label: str
    num: tuple[str, str]
    den: tuple[str, str] | None = None


def _value(sources: dict, ref_: tuple[str, str]) -> int:
    source, key = ref_
    return sources[source].get(key, 0) or 0


def _measure_rows(measures: list[Measure], sources: dict, p: Presenter) -> list[list]:
    rows = []
    for m in measures:
        num = _value(sources, m.num)
        if m.den is None:
            rows.append([m.label, p.count(num), "", ""])
        else:
            den = _value(sources, m.den)
            rows.append([m.label, p.count(num), p.count(den), p.percent(num, den)])
    return rows


def enquiry_word(include_other: bool) -> str:
    return "enquiries" if include_other else "section 42 enquiries"


def outcome_measures(include_other: bool) -> list[Measure]:
    c = "concluded"
    kind = enquiry_word(include_other)
    return [
        Measure(f"Concluded {kind}", (c, "concluded")),
        Measure(
            "Outcomes defined (asked, and outcomes expressed)", (c, "defined"), (c, "concluded")
        ),
        Measure("defined by the person themselves", (c, "defined_direct"), (c, "defined")),
        Measure(
            "defined only through a representative, advocate, attorney or best-interests decision",
            (c, "defined_via"),
            (c, "defined"),
        ),
        Measure("Outcomes fully met", (c, "fully"), (c, "defined")),
        Measure("Outcomes partly met", (c, "partially"), (c, "defined")),
        Measure("Outcomes fully or partly met", (c, "fully_or_partly"), (c, "defined")),
        Measure("Outcomes not met", (c, "not_met"), (c, "defined")),
        Measure("Outcomes not rated", (c, "not_rated"), (c, "defined")),
    ]


def people_measures(include_other: bool) -> list[Measure]:
    c = "concluded"
    return [
        Measure(f"People with {enquiry_word(include_other)} concluded", (c, "people")),
        Measure("People who defined outcomes", (c, "people_defined"), (c, "people")),
        Measure(
            "defined by the person themselves (in at least one enquiry)",
            (c, "people_defined_direct"),
            (c, "people_defined"),
        ),
        Measure(
            "defined only through someone else",
            (c, "people_defined_via"),
            (c, "people_defined"),
        ),
        Measure("Best result: fully met", (c, "people_fully"), (c, "people_defined")),
        Measure("Best result: partly met", (c, "people_partly"), (c, "people_defined")),
        Measure(
            "Best result: fully or partly met",
            (c, "people_fully_or_partly"),
            (c, "people_defined"),
        ),
        Measure("Best result: not met", (c, "people_not_met"), (c, "people_defined")),
        Measure("Not rated", (c, "people_not_rated"), (c, "people_defined")),
    ]


def practice_measures(drift_days: int, include_other: bool) -> list[Measure]:
    c, s, o = "concluded", "started", "outcomes"
    kind = enquiry_word(include_other)
    return [
        Measure(
            f"{kind.capitalize()} started in the period with a start conversation",
            (s, "with_start"),
            (s, "started"),
        ),
        Measure(
            f"Concluded {kind} open more than {drift_days} days with a conversation during the enquiry",
            (c, "long_open_with_during"),
            (c, "long_open"),
        ),
        Measure(f"Concluded {kind} with an end conversation", (c, "with_end"), (c, "concluded")),
        Measure("Outcomes revised at least once", (o, "revised"), (o, "outcomes")),
        Measure("Outcomes withdrawn (no longer wanted)", (o, "withdrawn"), (o, "outcomes")),
        Measure("Outcomes replaced by another", (o, "replaced"), (o, "outcomes")),
        Measure(
            "Concluded section 42 enquiries where the person lacked capacity, supported by an "
            "advocate, family member or friend",
            (c, "lacked_capacity_supported"),
            (c, "lacked_capacity"),
        ),
    ]


SHARE_HEADERS = ["Measure", "Number", "Out of", "%"]


def _sources(concluded, started, outcomes) -> dict:
    return {"concluded": concluded, "started": started, "outcomes": outcomes}


def measure_tables(result: Measures, p: Presenter) -> list[Table]:
    """The measures for the whole period and scope."""
    other = result.options.include_other
    sources = _sources(result.totals, result.started, result.outcomes)
    concluded = result.totals["concluded"]
    tables = [
        Table(
            "Outcomes measure, per enquiry",
            SHARE_HEADERS,
            _measure_rows(outcome_measures(other), sources, p),
            note="Each concluded enquiry counts once. Shares of outcomes met are out of the "
            "enquiries where outcomes were defined.",
            key="outcomes_enquiry",
        ),
        Table(
            "Outcomes measure, per person",
            SHARE_HEADERS,
            _measure_rows(people_measures(other), sources, p),
            note="Each person counts once. A person defined outcomes if they did in any of their "
            "enquiries concluded in the period; their result is the best across those enquiries.",
            key="outcomes_person",
        ),
        Table(
            "Making Safeguarding Personal practice",
            SHARE_HEADERS,
            _measure_rows(practice_measures(result.drift_days, other), sources, p),
            key="practice",
        ),
    ]
    labels = ref.labels("responses")
    response_rows = sorted(result.responses, key=lambda r: (-r["enquiries"], r["code"]))
    tables.append(
        Table(
            "Responses used in concluded enquiries",
            ["Response", "Enquiries", "% of concluded enquiries"],
            [
                [
                    labels.get(r["code"], r["code"]),
                    p.count(r["enquiries"]),
                    p.percent(r["enquiries"], concluded),
                ]
                for r in response_rows
            ],
            note="An enquiry counts once for each response it used.",
            key="responses",
        )
    )
    tables.append(experience_table(result.experience, p))
    return tables


def experience_table(experience: list[dict], p: Presenter) -> Table:
    by_topic: dict = {}
    for row in experience:
        by_topic.setdefault(row["topic"], {})[row["answer"]] = row["n"]
    headers = ["Question"]
    for _, label in ANSWERS:
        headers += [label, f"{label} %"]
    rows = []
    for item in ref.items("experience_topics"):
        answers = by_topic.get(item.code, {})
        total = sum(answers.values())
        row = [item.label]
        for code, _ in ANSWERS:
            row += [p.count(answers.get(code, 0)), p.percent(answers.get(code, 0), total)]
        rows.append(row)
    return Table(
        "The person's experience (closing reviews of concluded enquiries)",
        headers,
        rows,
        note="Shares are out of the closing reviews that recorded an answer to the question.",
        key="experience",
    )


def breakdown_tables(result: Measures, dimension_label: str, p: Presenter) -> list[Table]:
    """The measures broken down by the chosen dimension: one table per group of measures."""
    rows = result.breakdown
    other = result.options.include_other
    groups = [
        ("Outcomes per enquiry", [outcome_measures(other)[i] for i in (1, 6)], "concluded"),
        ("Outcomes per person", [people_measures(other)[i] for i in (1, 6)], "people"),
        ("Conversations", practice_measures(result.drift_days, other)[:3], None),
        (
            "Outcomes revised, withdrawn or replaced",
            practice_measures(result.drift_days, other)[3:6],
            None,
        ),
        ("Capacity and advocacy", practice_measures(result.drift_days, other)[6:], None),
    ]
    tables = []
    for title, group, total_key in groups:
        headers = [dimension_label]
        if total_key:
            headers.append("Concluded enquiries" if total_key == "concluded" else "People")
        for m in group:
            headers += [f"{m.label}: number", f"{m.label}: %"]
        body = []
        for row in rows:
            sources = _sources(row.concluded, row.started, row.outcomes)
            cells = [row.label]
            if total_key:
                cells.append(p.count(row.concluded.get(total_key, 0)))
            for m in group:
                num = _value(sources, m.num)
                cells += [p.count(num), p.percent(num, _value(sources, m.den))]
            body.append(cells)
        tables.append(Table(f"{title} by {dimension_label.lower()}", headers, body, key=title))
    tables.append(_responses_breakdown(rows, dimension_label, p))
    tables.append(_experience_breakdown(rows, dimension_label, p))
    return tables


def _responses_breakdown(rows: list[BreakdownRow], dimension_label: str, p: Presenter) -> Table:
    used = sorted({code for row in rows for code in row.responses})
    labels = ref.labels("responses")
    return Table(
        f"Responses used by {dimension_label.lower()}",
        [dimension_label, "Concluded enquiries", *[labels.get(c, c) for c in used]],
        [
            [row.label, p.count(row.concluded.get("concluded", 0))]
            + [p.count(row.responses.get(c, 0)) for c in used]
            for row in rows
        ],
        note="Enquiries that used each response." if used else "No responses were recorded.",
        key="responses_breakdown",
    )


def _experience_breakdown(rows: list[BreakdownRow], dimension_label: str, p: Presenter) -> Table:
    topics = ref.items("experience_topics")
    body = []
    for row in rows:
        cells = [row.label]
        for topic in topics:
            answers = row.experience.get(topic.code, {})
            cells.append(p.percent(answers.get("yes", 0), sum(answers.values())))
        body.append(cells)
    return Table(
        f"Experience: share answering yes, by {dimension_label.lower()}",
        [dimension_label, *[t.label for t in topics]],
        body,
        note="Out of the closing reviews that recorded an answer to each question.",
        key="experience_breakdown",
    )


def not_started(quarter) -> bool:
    """A quarter that has not begun: shown as "not started", never as a count of nothing."""
    return quarter.start > today()


def trend_table(trend: Trend, p: Presenter) -> Table:
    """The outcomes measure for each of the last 8 quarters."""
    headers = [
        "Quarter",
        "Concluded enquiries",
        "Outcomes defined",
        "Outcomes defined %",
        "Fully or partly met",
        "Fully or partly met %",
    ]
    rows = []
    for index, quarter in enumerate(trend.quarters):
        if not_started(quarter):
            rows.append([quarter.label, *[NOT_STARTED] * (len(headers) - 1)])
            continue
        c = trend.concluded.get(index, {})
        concluded, defined = c.get("concluded", 0), c.get("defined", 0)
        met = c.get("fully_or_partly", 0)
        rows.append(
            [
                quarter.label,
                p.count(concluded),
                p.count(defined),
                p.percent(defined, concluded),
                p.count(met),
                p.percent(met, defined),
            ]
        )
    return Table(
        "Outcomes defined and met, the last 8 quarters",
        headers,
        rows,
        note="For enquiries concluded in each quarter.",
        key="trend",
    )


def activity_table(trend: Trend, p: Presenter) -> Table:
    """Concerns and section 42 enquiries started in each of the last 8 quarters."""
    return Table(
        "Concerns and section 42 enquiries started, the last 8 quarters",
        ["Quarter", "Concerns", "Section 42 enquiries started"],
        [
            [quarter.label, NOT_STARTED, NOT_STARTED]
            if not_started(quarter)
            else [
                quarter.label,
                p.count(trend.concerns.get(index, {}).get("concerns", 0)),
                p.count(trend.started.get(index, {}).get("s42", 0)),
            ]
            for index, quarter in enumerate(trend.quarters)
        ],
        key="activity",
    )


# --- the board -------------------------------------------------------------------------------


NOT_STARTED = "not started"


def to_add(name: str) -> str:
    """A missing England figure, as the table shows it: the name to fill in in the file."""
    return f"add “{name}”"


def _england_note(n: NationalYear | None, year: str | None, missing: bool) -> str:
    parts = [f"England figures: {n.source}."] if n and n.source else []
    if year and (n is None or missing):
        parts.append(
            f"To fill a cell marked “add …”, put the published figure under that name in "
            f"the {year} entry of {national.file_name()}, taken from the official "
            f"publication (docs/measures.md says how)."
        )
    return " ".join(parts)


def headline_table(
    figures: BoardFigures, p: Presenter, national: NationalYear | None, year: str | None = None
) -> Table:
    """The SAC headlines for the period beside the national published figures for the year.

    A figure the file lacks says which name to add (when a reporting year is chosen); a measure
    England does not publish at all is "[x]"."""
    n = national
    h = _Headlines(figures)
    missing = []

    def nat(name: str, value=None):
        if year is None:
            return NOT_AVAILABLE
        if n is None:
            missing.append(year)
            return to_add(year)
        value = getattr(n, name) if value is None else value
        if value is None:
            missing.append(name)
            return to_add(name)
        return value

    def nat_share(num_name, num, den_name, den):
        if n is None or num is None or den in (None, 0):
            return nat(num_name if n is not None and num is None else den_name)
        return round(100 * num / den, 1)

    total = n and n.s42_enquiries and n.other_enquiries and n.s42_enquiries + n.other_enquiries
    rows = [
        ["Safeguarding concerns received", p.count(h.concerns), nat("concerns")],
        ["Section 42 enquiries started", p.count(h.s42), nat("s42_enquiries")],
        ["Other enquiries started", p.count(h.other), nat("other_enquiries")],
        [
            "People with a section 42 enquiry started",
            p.count(h.s42_people),
            nat("s42_individuals"),
        ],
        ["People with an other enquiry started", p.count(h.other_people), NOT_AVAILABLE],
        [
            "Conversion rate: enquiries started as a % of concerns",
            p.percent(h.enquiries, h.concerns),
            nat_share(
                "s42_enquiries" if not (n and n.s42_enquiries) else "other_enquiries",
                total,
                "concerns",
                n and n.concerns,
            ),
        ],
        [
            "Section 42 enquiries as a % of all enquiries started",
            p.percent(h.s42, h.enquiries),
            nat_share(
                "s42_enquiries",
                n and n.s42_enquiries,
                "s42_enquiries" if not (n and n.s42_enquiries) else "other_enquiries",
                total,
            ),
        ],
        ["Section 42 enquiries concluded", p.count(h.concluded_s42), NOT_AVAILABLE],
        [
            "Risk reduced or removed, % of concluded section 42 enquiries where a risk was "
            "identified",
            p.percent(h.risk_reduced_removed, h.risk_assessed),
            nat("risk_reduced_or_removed_percent"),
        ],
        [
            "Outcomes defined, % of concluded section 42 enquiries",
            p.percent(h.defined, h.concluded_s42),
            nat("outcomes_expressed_percent"),
        ],
        [
            "Outcomes fully or partly met, % of those where outcomes were defined",
            p.percent(h.met, h.defined),
            nat("outcomes_achieved_percent"),
        ],
    ]
    national_header = f"England {n.year}" if n else f"England {year}" if year else "England"
    return Table(
        "Headline figures",
        ["Measure", "This council", national_header],
        rows,
        note=_england_note(n, year, bool(missing)),
        key="headlines",
    )


PER = 100_000


class Rate(float):
    """A rate per 100,000 adults: a number, but not a percentage, wherever it is shown."""


def per_100k(count, adults: int | None):
    """A count per 100,000 adults, to one decimal place; a marker ("[c]") stays a marker."""
    if not isinstance(count, int) or isinstance(count, bool) or not adults:
        return count
    return Rate(round(PER * count / adults, 1))


def rates_table(
    figures: BoardFigures,
    p: Presenter,
    national: NationalYear | None,
    *,
    year: str,
    council_adults: int | None,
    region_code: str,
    region_name: str,
) -> Table:
    """Concerns and enquiries per 100,000 adults: the council beside England and its region,
    like with like whatever the council's size. The council's rate is worked out from the count
    the audience is shown (rounded for the board), so it cannot give back a hidden count."""
    h = _Headlines(figures)
    n = national
    region = n.region(region_code) if n else None
    notes = []
    if council_adults is None:
        notes.append(
            f"Set the council's adult population for {year} (aged 18 and over, from the ONS "
            "mid-year estimates) in the administration pages: Adult population by year."
        )
    if not region_code:
        notes.append("Choose the council's region in the administration pages: Council settings.")

    def council(count):
        return per_100k(p.count(count), council_adults) if council_adults else "set the population"

    def england(name):
        if n is None:
            return to_add(year)
        if n.adult_population is None:
            return to_add("adult_population")
        value = getattr(n, name)
        return to_add(name) if value is None else per_100k(value, n.adult_population)

    def in_region(name):
        if not region_code:
            return "choose the region"
        if region is None:
            return to_add(f"regions › {region_code}")
        if region.adult_population is None:
            return to_add(f"regions › {region_code} › adult_population")
        value = getattr(region, name)
        if value is None:
            return to_add(f"regions › {region_code} › {name}")
        return per_100k(value, region.adult_population)

    def total(source):
        if source is None or source.s42_enquiries is None or source.other_enquiries is None:
            return None
        return source.s42_enquiries + source.other_enquiries

    rows = [
        ["Safeguarding concerns", council(h.concerns), england("concerns"), in_region("concerns")],
        [
            "Section 42 enquiries started",
            council(h.s42),
            england("s42_enquiries"),
            in_region("s42_enquiries"),
        ],
        [
            "Other enquiries started",
            council(h.other),
            england("other_enquiries"),
            in_region("other_enquiries"),
        ],
    ]

    def combined(row_cells, value, adults):
        if value is not None and adults:
            return per_100k(value, adults)
        # The first of the parts that is missing says what to add.
        return next((cell for cell in row_cells if isinstance(cell, str)), NOT_AVAILABLE)

    rows.append(
        [
            "All enquiries started",
            council(h.enquiries),
            combined([rows[1][2], rows[2][2]], total(n), n and n.adult_population),
            combined([rows[1][3], rows[2][3]], total(region), region and region.adult_population),
        ]
    )
    if any(isinstance(cell, str) and cell.startswith("add ") for row in rows for cell in row):
        notes.append(_england_note(None, year, True))
    return Table(
        "Rates per 100,000 adults",
        ["Per 100,000 adults", "This council", f"England {year}", region_name or "Region"],
        rows,
        note=" ".join(notes),
        key="rates",
    )


class _Headlines:
    def __init__(self, figures: BoardFigures):
        started, concluded = figures.started, figures.concluded
        self.concerns = figures.concerns["concerns"]
        self.s42, self.other = started["s42"], started["other"]
        self.s42_people, self.other_people = started["s42_people"], started["other_people"]
        self.enquiries = self.s42 + self.other
        self.concluded_s42 = concluded["concluded"]
        self.risk_assessed = concluded["risk_assessed"]
        self.risk_reduced_removed = concluded["risk_reduced_removed"]
        self.defined = concluded["defined"]
        self.met = concluded["fully_or_partly"]


def achieved_table(h_concluded: dict, p: Presenter) -> Table:
    defined = h_concluded.get("defined", 0)
    rows = [
        [label, p.count(h_concluded.get(key, 0)), p.percent(h_concluded.get(key, 0), defined)]
        for key, label in (
            ("fully", "Fully met"),
            ("partially", "Partly met"),
            ("not_met", "Not met"),
            ("not_rated", "Not rated"),
        )
    ]
    return Table(
        "Outcomes met, concluded section 42 enquiries where outcomes were defined",
        ["Result", "Enquiries", "%"],
        rows,
        key="achieved",
    )
