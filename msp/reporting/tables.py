"""The measures as tables: one set of rows for the page, the spreadsheet and the PDF.

Cells hold what the audience may see, already passed through a disclosure `Presenter`: an int is
a count, a float a percentage, a string a label or a marker ("[c]", "[x]"). Building the tables
once means the board's page and its downloads cannot show different figures.
"""

from dataclasses import dataclass, field

from msp.reference import selectors as ref
from msp.reporting.disclosure import Presenter
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
            [
                quarter.label,
                p.count(trend.concerns.get(index, {}).get("concerns", 0)),
                p.count(trend.started.get(index, {}).get("s42", 0)),
            ]
            for index, quarter in enumerate(trend.quarters)
        ],
        key="activity",
    )


# --- the board -------------------------------------------------------------------------------


def headline_table(figures: BoardFigures, p: Presenter, national: NationalYear | None) -> Table:
    """The SAC headlines for the period beside the national published figures for the year."""
    n = national
    h = _Headlines(figures)

    def nat_count(value):
        return "not published" if n is None or value is None else value

    def nat_share(num, den):
        if n is None or num is None or den in (None, 0):
            return "not published"
        return round(100 * num / den, 1)

    def nat_given(value):
        return "not published" if n is None or value is None else value

    rows = [
        ["Safeguarding concerns received", p.count(h.concerns), nat_count(n and n.concerns)],
        ["Section 42 enquiries started", p.count(h.s42), nat_count(n and n.s42_enquiries)],
        ["Other enquiries started", p.count(h.other), nat_count(n and n.other_enquiries)],
        [
            "People with a section 42 enquiry started",
            p.count(h.s42_people),
            nat_count(n and n.s42_individuals),
        ],
        ["People with an other enquiry started", p.count(h.other_people), "not published"],
        [
            "Conversion rate: enquiries started as a % of concerns",
            p.percent(h.enquiries, h.concerns),
            nat_share(
                n and n.s42_enquiries and n.other_enquiries and n.s42_enquiries + n.other_enquiries,
                n and n.concerns,
            ),
        ],
        [
            "Section 42 enquiries as a % of all enquiries started",
            p.percent(h.s42, h.enquiries),
            nat_share(
                n and n.s42_enquiries,
                n and n.s42_enquiries and n.other_enquiries and n.s42_enquiries + n.other_enquiries,
            ),
        ],
        ["Section 42 enquiries concluded", p.count(h.concluded_s42), "not published"],
        [
            "Risk reduced or removed, % of concluded section 42 enquiries where a risk was "
            "identified",
            p.percent(h.risk_reduced_removed, h.risk_assessed),
            nat_given(n and n.risk_reduced_or_removed_percent),
        ],
        [
            "Outcomes defined, % of concluded section 42 enquiries",
            p.percent(h.defined, h.concluded_s42),
            nat_given(n and n.outcomes_expressed_percent),
        ],
        [
            "Outcomes fully or partly met, % of those where outcomes were defined",
            p.percent(h.met, h.defined),
            nat_given(n and n.outcomes_achieved_percent),
        ],
    ]
    national_header = f"England {n.year}" if n else "England"
    note = ""
    if n:
        note = f"England figures: {n.source}."
    return Table(
        "Headline figures",
        ["Measure", "This council", national_header],
        rows,
        note=note,
        key="headlines",
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
