"""The synthetic demo data: what `msp demo` and `msp demo-users` create, and that it is repeatable."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from msp import cli
from msp.accounts.models import Role, User
from msp.concerns.models import Allegation, Concern
from msp.core.dates import today
from msp.core.periods import ReportingYear
from msp.demo import text
from msp.demo.generator import generate
from msp.demo.users import DEMO_USERS, NORTH, PASSWORD
from msp.enquiries.models import ClosingReview, Enquiry
from msp.enquiries.selectors import caseload
from msp.facts import services as facts
from msp.outcomes.models import DesiredOutcome, OutcomeStatus
from msp.outcomes.services import check_words
from msp.people import nhs
from msp.people.models import Person
from msp.reference import selectors as ref
from msp.returns.build import build_return
from tests.support.databases import demo_on_sqlite

pytestmark = [pytest.mark.django_db, demo_on_sqlite]


@pytest.fixture(autouse=True)
def _fresh_lists():
    ref.clear_cache()


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


class Discarded(Exception):
    pass


def fingerprint(**options) -> tuple:
    """Generate into a database that is thrown away afterwards; return what was written."""
    result = None
    try:
        with transaction.atomic():
            generate(**options)
            result = (
                tuple(
                    Person.objects.order_by("reference").values_list(
                        "reference", "first_name", "last_name", "date_of_birth", "nhs_number"
                    )
                ),
                tuple(
                    Concern.objects.order_by("reference").values_list(
                        "reference", "received_date", "decision", "decision_date"
                    )
                ),
                tuple(
                    Allegation.objects.order_by("concern__reference", "type_of_risk").values_list(
                        "type_of_risk", "location_of_risk", "source_of_risk"
                    )
                ),
                tuple(
                    DesiredOutcome.objects.order_by(
                        "enquiry__concern__reference", "words"
                    ).values_list("words", "status", "achievement")
                ),
                tuple(
                    Enquiry.objects.order_by("start_date", "concern__reference").values_list(
                        "end_date", flat=True
                    )
                ),
            )
            raise Discarded
    except Discarded:
        pass
    return result


def test_generates_demo_users_and_case_records():
    output = run_demo("--people", "30", "--seed", "7")

    assert Person.objects.count() == 30
    users = {u.username: u for u in User.objects.prefetch_related("teams")}
    for spec in DEMO_USERS:
        assert users[spec.username].role == spec.role
    assert users["practitioner"].check_password(PASSWORD)  # one hash serves every demo user
    assert users["admin"].password == users["practitioner"].password
    priya = users["practitioner"]
    assert (priya.first_name, priya.last_name) == ("Priya", "Shah")
    assert [t.name for t in priya.teams.all()] == [NORTH]
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert Concern.objects.count() >= 30
    assert Allegation.objects.count() >= Concern.objects.count()
    assert Enquiry.objects.exists()
    assert DesiredOutcome.objects.exists()
    assert Enquiry.objects.filter(lead=priya).exists()
    assert "safeguarding-demo" in output and "http://127.0.0.1:8000/" in output
    assert "30 of 30 people" in output


def test_people_are_plausible_and_dates_run_in_order():
    generate(people=30, seed=3)
    on = today()
    people = list(Person.objects.all())
    assert sum(1 for p in people if p.date_of_birth.year <= on.year - 65) > len(people) / 2
    numbers = [p.nhs_number for p in people if p.nhs_number]
    assert numbers and all(nhs.is_valid(n) and n.startswith("999") for n in numbers)
    for enquiry in Enquiry.objects.select_related("concern"):
        concern = enquiry.concern
        assert concern.received_date <= concern.decision_date <= enquiry.start_date <= on
        days = list(enquiry.conversations.values_list("held_on", flat=True))
        assert all(enquiry.start_date <= day <= on for day in days)
        if enquiry.end_date:
            assert max(days, default=enquiry.start_date) <= enquiry.end_date <= on
            assert enquiry.closing_review.reviewed_on <= enquiry.end_date
        if enquiry.lead is not None:
            assert enquiry.lead.teams.filter(pk=enquiry.team_id).exists()


def test_the_same_seed_gives_the_same_data():
    first = fingerprint(people=12, seed=11)
    second = fingerprint(people=12, seed=11)
    other = fingerprint(people=12, seed=12)

    assert first is not None and first[0]
    assert first == second
    assert first != other


def test_closed_enquiries_are_rated_or_say_why_and_open_ones_drift():
    generate(people=40, seed=5)

    closed = Enquiry.objects.filter(end_date__isnull=False)
    assert closed.exists()
    assert ClosingReview.objects.filter(enquiry__in=closed).count() == closed.count()
    assert all(e.action_and_result for e in closed)
    unrated = DesiredOutcome.objects.filter(
        enquiry__in=closed, status=OutcomeStatus.CURRENT, achievement="", not_rated_reason=""
    )
    assert not unrated.exists()
    rows, _ = caseload(User.objects.get(username="lead"))
    assert rows
    assert any(drift.any for _, drift, _ in rows)


def test_if_empty_does_nothing_the_second_time():
    run_demo("--people", "3", "--if-empty")
    people = Person.objects.count()
    concerns = Concern.objects.count()

    output = run_demo("--if-empty")

    assert "already" in output
    assert (Person.objects.count(), Concern.objects.count()) == (people, concerns)


def test_the_msp_command_maps_demo_users(monkeypatch):
    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    cli.main(["demo-users"])
    assert seen == [["msp", "demo_users"]]


def test_demo_users_is_repeatable_and_lists_the_sign_ins(capsys):
    # call_command rather than the msp CLI: the CLI closes the test's database connection.
    call_command("demo_users")
    call_command("demo_users")

    output = capsys.readouterr().out
    assert User.objects.filter(username__in=[d.username for d in DEMO_USERS]).count() == len(
        DEMO_USERS
    )
    assert output.count("Created") == 1
    assert PASSWORD in output and "http://127.0.0.1:8000/" in output
    assert "practitioner.south" in output and Role.SAFEGUARDING_LEAD.label in output


def test_outcome_phrases_are_outcomes_in_both_voices():
    categories = ref.codes("desired_outcome_categories")
    phrases = [(c, w) for entries in text.OUTCOMES.values() for c, w, _, _ in entries]
    phrases += [(c, w) for entries in text.OUTCOMES.values() for c, _, w, _ in entries if w]
    phrases += [(c, w) for c, w, _, _ in text.GENERAL_OUTCOMES]
    phrases += [(c, w) for _, c, w in text.PLAN_B]
    phrases += [(c, w) for c, w, _ in text.REPLACEMENTS]
    voices = [
        {"I": "I", "want": "want", "dont": "don't", "my": "my", "me": "me", "myself": "myself"},
        {
            "I": "Edna",
            "want": "wants",
            "dont": "doesn't",
            "my": "her",
            "me": "her",
            "myself": "herself",
        },
    ]
    for category, words in phrases:
        assert category in categories
        for voice in voices:
            said = words.format(rel="son", **voice)
            assert not re.search(r"[{}]", said)
            assert check_words(said) == said


def test_the_demo_data_passes_its_own_returns_validation():
    """The practice demo, written through the services, gives every year it covers a return
    with no validation errors, and the facts the return counts agree with the case records."""
    generate(people=120, seed=11)
    assert facts.check() == []
    years = {
        ReportingYear.containing(d) for d in Enquiry.objects.values_list("end_date", flat=True) if d
    }
    assert years
    for year in sorted(years):
        result = build_return(year)
        assert result.errors == [], (year.label, [(f.rule, f.message) for f in result.errors])
