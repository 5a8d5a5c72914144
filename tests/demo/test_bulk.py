"""The bulk demo data (`msp demo --concerns N`): rows that keep the services' rules, the same rows
for the same seed, and shares close to the national figures."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from msp import sac
from msp.accounts.models import User
from msp.concerns import services as concerns
from msp.concerns.models import Allegation, Concern
from msp.core.dates import today
from msp.core.models import Sequence
from msp.core.periods import ReportingYear
from msp.demo import bulk
from msp.demo.bulk import plan
from msp.demo.bulk.load import MODELS, columns_and_fillers
from msp.enquiries import statutory
from msp.enquiries.models import ClosingReview, Conversation, Enquiry
from msp.facts import services as facts
from msp.outcomes.models import DesiredOutcome
from msp.people import services as people
from msp.people.models import Person
from msp.reference import selectors as ref
from msp.returns.build import build_return
from msp.sac.derivation import overall_achievement

YEAR = ReportingYear.parse("2025-26")
TODAY = date(2026, 11, 26)


def planner(seed: int = 7, concerns: int = 2_000, practice: bool = True) -> plan.Planner:
    teams = [plan.Team(1, 40, 10, [11, 12]), plan.Team(2, 34, 20, [21]), plan.Team(3, 26, 20, [31])]
    return plan.Planner(
        concerns=concerns,
        seed=seed,
        year=YEAR,
        teams=teams,
        starts=plan.Starts(ids=dict.fromkeys(plan.TABLES, 1), person_number=1, concern_number=1),
        today=TODAY,
        practice=practice,
    )


def planned(**options) -> dict[str, list[dict]]:
    rows = {table: [] for table in plan.TABLES}
    for chunk in planner(**options).chunks(1_000):
        for table, tuples in chunk.rows.items():
            rows[table] += [dict(zip(plan.COLUMNS[table], row, strict=True)) for row in tuples]
    return rows


@pytest.mark.django_db
def test_every_column_is_written_planned_or_by_its_default():
    for table, model in MODELS.items():
        columns = [f.column for f in model._meta.concrete_fields]
        assert set(plan.COLUMNS[table]) <= set(columns), table
        written, fillers = columns_and_fillers(table)
        assert sorted(written) == sorted(columns), table
        assert len(written) == len(plan.COLUMNS[table]) + len(fillers)


def test_the_same_seed_plans_the_same_rows_and_another_seed_does_not():
    first, again, other = planned(seed=3), planned(seed=3), planned(seed=4)
    assert first == again
    assert first["concern"] != other["concern"]


def test_a_year_that_is_not_over_is_refused():
    with pytest.raises(ValueError, match="not over yet"):
        plan.Planner(
            concerns=10,
            seed=1,
            year=ReportingYear.parse("2026-27"),
            teams=[plan.Team(1, 1, 1, [1])],
            starts=plan.Starts(
                ids=dict.fromkeys(plan.TABLES, 1), person_number=1, concern_number=1
            ),
            today=TODAY,
            practice=False,
        )


def share(count: int, total: int) -> float:
    return count / total if total else 0.0


def test_shares_are_close_to_the_national_figures():
    rows = planned(concerns=12_000, practice=False)
    concern_rows, enquiries = rows["concern"], rows["enquiry"]
    decisions = Counter(c["decision"] for c in concern_rows)
    assert 0.27 < share(decisions["s42"], len(concern_rows)) < 0.34
    assert 0.01 < share(decisions["other"], len(concern_rows)) < 0.03
    s42 = [e for e in enquiries if e["kind"] == "s42"]
    assert 0.74 < share(len({e["person_id"] for e in s42}), len(s42)) < 0.86
    assert 0.70 < share(len(rows["person"]), len(concern_rows)) < 0.80

    persons = rows["person"]
    assert 0.56 < share(sum(p["sex"] == "female" for p in persons), len(persons)) < 0.64
    in_s42 = {e["person_id"] for e in s42}
    older = [p for p in persons if p["id"] in in_s42 and p["date_of_birth"] <= "1961-03-31"]
    assert 0.57 < share(len(older), len(in_s42)) < 0.69
    assert 0.75 < share(sum(p["ethnicity"] == "white" for p in persons), len(persons)) < 0.87

    allegations = rows["allegation"]
    types = Counter(a["type_of_risk"] for a in allegations)
    assert 0.28 < share(types["neglect_omission"], len(allegations)) < 0.36
    assert 0.16 < share(types["physical"], len(allegations)) < 0.23
    locations = Counter(a["location_of_risk"] for a in allegations)
    assert 0.40 < share(locations["own_home"], len(allegations)) < 0.52
    care_homes = locations["care_home_nursing"] + locations["care_home_residential"]
    assert 0.16 < share(care_homes, len(allegations)) < 0.27
    per_concern = Counter(a["concern_id"] for a in allegations)
    assert set(per_concern.values()) <= {1, 2, 3}
    assert len(per_concern) == len(concern_rows)

    closed = [e for e in enquiries if e["end_date"]]
    in_year = sum((e["end_date"] or "9") <= "2026-03-31" for e in enquiries)
    assert 0.85 < share(in_year, len(enquiries)) < 0.94
    identified = [e for e in closed if e["action_and_result"].startswith("risk_identified")]
    better = sum(e["risk_outcome"] in ("reduced", "removed") for e in identified)
    assert 0.85 < share(better, len(identified)) < 0.93
    lacked = [e for e in closed if e["sac_lacked_capacity"] == "lacked_capacity"]
    assert 0.22 < share(len(lacked), len(closed)) < 0.32
    assert 0.74 < share(sum(e["sac_advocate_support"] for e in lacked), len(lacked)) < 0.86
    expressed = [e for e in closed if e["sac_asked_outcomes"] == "asked_expressed"]
    assert 0.73 < share(len(expressed), len(closed)) < 0.83
    fully = sum(e["sac_outcomes_achieved"] == "fully" for e in expressed)
    assert 0.60 < share(fully, len(expressed)) < 0.70


@pytest.mark.django_db
def test_bulk_rows_keep_the_rules_the_services_enforce():
    ref.clear_cache()
    out = StringIO()
    call_command("demo", "--concerns", "2000", "--seed", "5", "--year", "2025-26", stdout=out)
    assert "2,000 of 2,000 concerns written" in out.getvalue()
    day = today()
    spec = sac.spec_for(YEAR)

    assert Concern.objects.count() == 2_000
    assert Person.objects.count() < 2_000
    references = list(Concern.objects.values_list("reference", flat=True))
    assert len(set(references)) == len(references)
    for concern in Concern.objects.select_related("person"):
        assert concern.decision in ("s42", "other", "none")
        assert YEAR.contains(concern.received_date)
        assert concern.person.date_of_birth < concern.received_date
        assert concern.received_date <= concern.decision_date <= day
        if concern.person.date_of_death:
            assert concern.received_date <= concern.person.date_of_death <= YEAR.end
    for list_code, field in (
        ("type_of_risk", "type_of_risk"),
        ("location_of_risk", "location_of_risk"),
        ("source_of_risk", "source_of_risk"),
    ):
        used = set(Allegation.objects.values_list(field, flat=True))
        assert used <= spec.codes(list_code)
    for list_code, field in (
        ("sex", "sex"),
        ("ethnicity_groups", "ethnicity"),
        ("primary_support_reason", "primary_support_reason"),
    ):
        assert set(Person.objects.values_list(field, flat=True)) <= spec.codes(list_code)

    enquiries = Enquiry.objects.select_related("concern", "lead")
    assert enquiries.count() == Concern.objects.exclude(decision="none").count()
    members = {u.pk: set(u.teams.values_list("pk", flat=True)) for u in User.objects.all()}
    for enquiry in enquiries:
        concern = enquiry.concern
        assert enquiry.kind == concern.decision
        assert (enquiry.person_id, enquiry.team_id) == (concern.person_id, concern.team_id)
        assert concern.decision_date <= enquiry.start_date <= day
        if enquiry.lead_id:
            assert enquiry.team_id in members[enquiry.lead_id]
        if enquiry.end_date is None:
            assert enquiry.lead_id is None or enquiry.lead_id
            assert (enquiry.action_and_result, enquiry.sac_asked_outcomes) == ("", "")
            continue
        assert enquiry.lead_id
        assert enquiry.start_date <= enquiry.end_date <= day
        assert enquiry.ceased_at_request == (enquiry.action_and_result == "ceased_at_request")
        # Every answer on the year's lists, and the year's answer dependencies kept.
        answers = statutory.answers_of(enquiry)
        for answer in spec.answers.values():
            if answer.list_code and answers[answer.name]:
                assert answers[answer.name] in spec.codes(answer.list_code)
        assert spec.answer_problems(answers, kind=enquiry.kind, concluded=True) == {}

    # The light practice layer agrees with the enquiry it belongs to.
    assert Conversation.objects.filter(stage="start").exists()
    assert not Conversation.objects.filter(held_on__lt=F("enquiry__start_date")).exists()
    assert not Conversation.objects.filter(held_on__gt=F("enquiry__end_date")).exists()
    assert not ClosingReview.objects.filter(enquiry__end_date__isnull=True).exists()
    ratings: dict[int, list[str]] = {}
    for outcome in DesiredOutcome.objects.all():
        ratings.setdefault(outcome.enquiry_id, []).append(outcome.achievement)
    for enquiry in Enquiry.objects.filter(pk__in=ratings, end_date__isnull=False):
        assert enquiry.sac_asked_outcomes == "asked_expressed"
        assert overall_achievement(ratings[enquiry.pk]) == enquiry.sac_outcomes_achieved

    # References issued by the services afterwards do not collide with the bulk ones.
    assert Sequence.objects.get(name="concern").value == 2_000
    lead = User.objects.get(username="lead")
    person = people.person_create(actor=lead, first_name="Ann", last_name="Later")
    assert not Person.objects.exclude(pk=person.pk).filter(reference=person.reference).exists()
    concern = concerns.concern_create(
        actor=lead,
        person=person,
        team=Concern.objects.first().team,
        received_date=day,
        raised_by_relationship="self",
        what_reported="Reported after the bulk load.",
    )
    assert concern.reference == "C002001"

    # The facts the return counts follow the bulk rows, and the year's return validates clean.
    assert facts.check() == []
    result = build_return(YEAR)
    assert result.errors == [], [f.message for f in result.errors]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--concerns", "0"], "--concerns must be at least 1"),
        (["--concerns", "10", "--teams", "0"], "--teams must be at least 1"),
        (["--concerns", "10", "--year", "2025"], "--year: A reporting year looks like 2025-26"),
        (["--concerns", "10", "--year", "2030-31"], "not over yet"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("demo", *args, stdout=StringIO())


@pytest.mark.django_db
def test_more_teams_have_their_own_practitioners():
    ref.clear_cache()
    bulk.generate(concerns=200, seed=1, teams=5, year=YEAR)
    assert Concern.objects.values("team").distinct().count() == 5
    for enquiry in Enquiry.objects.filter(lead__isnull=False).select_related("lead"):
        assert enquiry.lead.teams.filter(pk=enquiry.team_id).exists()
