"""Property tests: on generated records, every table equals a plain Python count of the same
records, the consistency rules hold on valid data and fire on deliberately broken data.

Records are bulk-created straight into the database (no services) to keep each example fast;
the reporting facts the return counts are then rebuilt from them. The plain count bands ages
by its own arithmetic, not the product's.
"""

from collections import Counter
from datetime import date

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from msp import sac
from msp.accounts.models import Team
from msp.concerns.models import Allegation, Concern
from msp.core.periods import ReportingYear
from msp.enquiries.models import Enquiry
from msp.facts import services as facts
from msp.people.models import Person
from msp.returns import validation
from msp.returns.build import build_return
from msp.returns.selectors import YearData
from msp.returns.tables import compute_tables

YEAR = ReportingYear.parse("2025-26")
AROUND_THE_YEAR = st.dates(date(2025, 1, 1), date(2026, 6, 30))
TYPES = ["physical", "sexual", "neglect_omission"]
LOCATIONS = ["own_home", "care_home_nursing"]
SOURCES = ["service_provider", "other_known", "other_unknown"]
ACTIONS = [
    "risk_identified_action",
    "risk_identified_no_action",
    "inconclusive_action",
    "no_risk_no_action",
    "ceased_at_request",
]
CAPACITY = ["lacked_capacity", "did_not_lack_capacity", "dont_know", "not_recorded"]
ASKED = ["asked_expressed", "asked_none_expressed", "no", "dont_know", "not_recorded"]
CONSISTENCY = [
    "SG1-TOTALS", "SG1-INDIVIDUALS", "SG1D-CASES", "SG2C-TOTAL", "SG3-SG4-TOTALS",
    "SG3-ADVOCACY", "SG4-ACHIEVED", "SG2E-RISK",
]  # fmt: skip


def age(born, on):
    """Whole years from birth to `on`, counted the long way."""
    if born is None:
        return None
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


def band(years):
    if years is None or years < 18:
        return "unknown"
    for code, top in (("18_64", 64), ("65_74", 74), ("75_84", 84), ("85_94", 94)):
        if years <= top:
            return code
    return "95_plus"


people = st.lists(
    st.fixed_dictionaries(
        {
            "date_of_birth": st.one_of(st.none(), st.dates(date(1920, 1, 1), date(2012, 1, 1))),
            "date_of_death": st.one_of(st.none(), AROUND_THE_YEAR),
            "sex": st.sampled_from(["male", "female", ""]),
            "ethnicity": st.sampled_from(["white", "asian", "refused", ""]),
            "primary_support_reason": st.sampled_from(["physical", "mental_health", ""]),
            "autism": st.booleans(),
            "aspergers": st.booleans(),
        }
    ),
    min_size=1,
    max_size=5,
)


@st.composite
def answers(draw):
    action = draw(st.sampled_from(ACTIONS))
    capacity = draw(st.sampled_from(CAPACITY))
    asked = draw(st.sampled_from(ASKED))
    return {
        "action_and_result": action,
        "risk_outcome": draw(st.sampled_from(["remained", "reduced", "removed"]))
        if action.startswith(("risk_identified", "inconclusive"))
        else "",
        "sac_lacked_capacity": capacity,
        "sac_advocate_support": draw(st.booleans()) if capacity == "lacked_capacity" else None,
        "sac_asked_outcomes": asked,
        "sac_outcomes_achieved": draw(st.sampled_from(["fully", "partially", "not"]))
        if asked == "asked_expressed"
        else "",
    }


@st.composite
def cases(draw, n_people):
    received = draw(AROUND_THE_YEAR)
    enquiry = None
    if draw(st.booleans()):
        start = draw(st.dates(received, date(2026, 6, 30)))
        end = draw(st.one_of(st.none(), st.dates(start, date(2026, 6, 30))))
        enquiry = {
            "kind": draw(st.sampled_from(["s42", "other"])),
            "start_date": start,
            "end_date": end,
            **(draw(answers()) if end else {}),
        }
    return {
        "person": draw(st.integers(0, n_people - 1)),
        "received_date": received,
        "enquiry": enquiry,
        "risks": draw(
            st.lists(
                st.tuples(
                    st.sampled_from(TYPES), st.sampled_from(LOCATIONS), st.sampled_from(SOURCES)
                ),
                max_size=3,
            )
        ),
    }


@st.composite
def worlds(draw):
    folk = draw(people)
    return folk, draw(st.lists(cases(len(folk)), max_size=8))


def store(folk, case_list):
    team = Team.objects.create(name="Property team")
    now = timezone.now()
    persons = Person.objects.bulk_create(
        [
            Person(
                reference=f"PP{i}",
                first_name="A",
                last_name="B",
                team=team,
                created_at=now,
                updated_at=now,
                **p,
            )
            for i, p in enumerate(folk)
        ]
    )
    concerns = Concern.objects.bulk_create(
        [
            Concern(
                reference=f"PC{i}",
                person=persons[c["person"]],
                team=team,
                received_date=c["received_date"],
                raised_by_relationship="other",
                what_reported="x",
                created_at=now,
                updated_at=now,
            )
            for i, c in enumerate(case_list)
        ]
    )
    Enquiry.objects.bulk_create(
        [
            Enquiry(
                concern=concern,
                person=concern.person,
                team=team,
                created_at=now,
                updated_at=now,
                **c["enquiry"],
            )
            for concern, c in zip(concerns, case_list, strict=True)
            if c["enquiry"]
        ]
    )
    Allegation.objects.bulk_create(
        [
            Allegation(concern=concern, type_of_risk=t, location_of_risk=loc, source_of_risk=s, created_at=now, updated_at=now)
            for concern, c in zip(concerns, case_list, strict=True)
            for t, loc, s in c["risks"]
        ]
    )  # fmt: skip
    facts.rebuild()


def expected_tables(folk, case_list) -> dict[str, Counter]:
    """The return worked out the plain way: loops over the generated records."""
    within = YEAR.contains
    out: dict[str, Counter] = {code: Counter() for code in sac.spec_for(YEAR).tables}
    members: dict[str, set[int]] = {"concerns": set(), "s42": set(), "other": set()}
    for c in case_list:
        who = folk[c["person"]]
        columns = ["concerns"] if within(c["received_date"]) else []
        e = c["enquiry"]
        if e and within(e["start_date"]):
            columns.append(e["kind"])
        for column in columns:
            members[column].add(c["person"])
            out["SG1f"][("total", column)] += 1
            out["SG1d"][(who["primary_support_reason"] or "not_known", column)] += 1
            if who["autism"]:
                out["SG1e"][("autism_excl_asperger", column)] += 1
            if who["aspergers"]:
                out["SG1e"][("asperger_hfa", column)] += 1
        if e and e["kind"] == "s42" and within(e["end_date"]):
            for code, row in (
                ("SG2c", e["action_and_result"]),
                ("SG2e", e["risk_outcome"]),
                ("SG3a", e["sac_lacked_capacity"]),
                ("SG4a_part1", e["sac_asked_outcomes"]),
                ("SG4a_part2", e["sac_outcomes_achieved"]),
            ):
                if row:
                    out[code][(row, "s42")] += 1
            if e["sac_advocate_support"]:
                out["SG3a"][("support_provided", "s42")] += 1
            for code, pairs in (
                ("SG2a", {(t, s) for t, _, s in c["risks"]}),
                ("SG2b", {(loc, s) for _, loc, s in c["risks"]}),
                ("SG2_type_location", {(t, loc) for t, loc, _ in c["risks"]}),
            ):
                for pair in pairs:
                    out[code][pair] += 1
    for column, indices in members.items():
        for i in indices:
            who = folk[i]
            died = who["date_of_death"]
            on = died if died and died < YEAR.end else YEAR.end
            out["SG1a"][(band(age(who["date_of_birth"], on)), column)] += 1
            out["SG1b"][(who["sex"] or "not_known", column)] += 1
            out["SG1c"][(who["ethnicity"] or "not_known", column)] += 1
    return out


class ReturnProperties(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(worlds())
    def test_tables_equal_plain_counts_and_rules_hold(self, world):
        folk, case_list = world
        store(folk, case_list)
        result = build_return(YEAR)
        expected = expected_tables(folk, case_list)
        for code, cells in result.tables.items():
            if code.startswith("SG5"):
                continue
            found = Counter({(c.row, c.column): c.value for c in cells if c.value})
            self.assertEqual(found, +expected[code], code)
        fired = {f.rule for f in result.validation}
        self.assertFalse(fired & set(CONSISTENCY), fired)

    @settings(max_examples=25, deadline=None)
    @given(worlds(), st.sampled_from(["capacity", "asked", "achieved", "outcome"]))
    def test_rules_fire_on_broken_data(self, world, fault):
        folk, case_list = world
        concluded = date(2025, 6, 1)
        case_list.append(
            {
                "person": 0,
                "received_date": date(2025, 5, 1),
                "risks": [("physical", "own_home", "other_known")],
                "enquiry": {
                    "kind": "s42",
                    "start_date": date(2025, 5, 1),
                    "end_date": concluded,
                    "action_and_result": "no_risk_no_action",
                    "sac_lacked_capacity": "dont_know",
                    "sac_asked_outcomes": "asked_expressed",
                    "sac_outcomes_achieved": "fully",
                },
            }
        )
        broken = case_list[-1]["enquiry"]
        rule = {
            "capacity": ("sac_lacked_capacity", "", "SG3-SG4-TOTALS"),
            "asked": ("sac_asked_outcomes", "", "SG3-SG4-TOTALS"),
            "achieved": ("sac_outcomes_achieved", "", "SG4-ACHIEVED"),
            "outcome": ("risk_outcome", "removed", "SG2E-RISK"),
        }[fault]
        broken[rule[0]] = rule[1]
        store(folk, case_list)
        data = YearData(YEAR)
        tables = compute_tables(data)
        fired = {f.rule for f in validation.run_rules(data, tables)}
        self.assertIn(rule[2], fired)
        if fault != "outcome":
            self.assertIn("DQ-MISSING-ANSWERS", fired)
