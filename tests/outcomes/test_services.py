from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from msp.core.dates import today
from msp.outcomes import services
from msp.outcomes.models import DesiredOutcome, EventKind, OutcomeEvent, OutcomeStatus
from tests.factories import DesiredOutcomeFactory, EnquiryFactory, close_enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome(enquiry, practitioner):
    return services.outcome_express(
        actor=practitioner,
        enquiry=enquiry,
        words="  I want to feel   safe at home ",
        expressed_by="person",
        category="be_and_feel_safer",
        happened_on=enquiry.start_date,
    )


def events(outcome):
    return list(OutcomeEvent.objects.filter(outcome=outcome).order_by("id"))


def test_express(outcome, practitioner):
    assert outcome.words == "I want to feel safe at home"
    assert outcome.is_current and outcome.created_by == practitioner
    [event] = events(outcome)
    assert (event.kind, event.words, event.expressed_by, event.actor) == (
        EventKind.EXPRESSED,
        outcome.words,
        "person",
        practitioner,
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"words": "   "}, "words"),
        ({"expressed_by": "neighbour"}, "expressed_by"),
        ({"category": "world_peace"}, "category"),
        ({"happened_on": today() + timedelta(days=1)}, "happened_on"),
    ],
)
def test_express_refuses_bad_input(enquiry, practitioner, overrides, field):
    fields = {
        "words": "I want to stay here",
        "expressed_by": "best_interests",
        "happened_on": today(),
    }
    with pytest.raises(ValidationError) as caught:
        services.outcome_express(actor=practitioner, enquiry=enquiry, **{**fields, **overrides})
    assert field in caught.value.message_dict
    assert not DesiredOutcome.objects.exists()


@pytest.mark.parametrize(
    ("words", "why"),
    [
        (
            "Abuse substantiated",
            "a conclusion of the enquiry, not something the person wants to happen",
        ),
        ("I want the abuse NOT substantiated", "a conclusion of the enquiry"),
        ("More care", "a service response, which may serve an outcome but is not one"),
        ("increased   monitoring please", "a service response"),
    ],
)
def test_conclusions_and_service_responses_are_not_outcomes(enquiry, practitioner, words, why):
    with pytest.raises(ValidationError) as caught:
        services.outcome_express(
            actor=practitioner,
            enquiry=enquiry,
            words=words,
            expressed_by="person",
            happened_on=today(),
            name="Maureen",
        )
    [message] = caught.value.message_dict["words"]
    assert why in message
    assert "Ask Maureen what they want to happen, in their own words" in message
    assert not DesiredOutcome.objects.exists()


def test_words_about_care_that_are_not_a_service_response_are_accepted(enquiry, practitioner):
    outcome = services.outcome_express(
        actor=practitioner,
        enquiry=enquiry,
        words="I want my son to be more careful with my money",
        expressed_by="person",
        happened_on=today(),
    )
    assert outcome.is_current


def test_revise_keeps_the_history_with_reason_and_actor(outcome, manager, enquiry):
    on = enquiry.start_date + timedelta(days=5)
    revised = services.outcome_revise(
        actor=manager,
        outcome=outcome,
        words="I want to feel safe when my son visits",
        reason=" She wants him to keep visiting ",
        happened_on=on,
        expressed_by="advocate",
    )
    assert revised.words == "I want to feel safe when my son visits"
    assert (revised.revision_count, revised.category, revised.expressed_by) == (
        1,
        "be_and_feel_safer",
        "advocate",
    )
    first, second = events(outcome)
    assert first.words == "I want to feel safe at home"
    assert (second.kind, second.reason, second.actor, second.happened_on) == (
        EventKind.REVISED,
        "She wants him to keep visiting",
        manager,
        on,
    )
    assert [h.words for h in revised.history.order_by("history_date")] == [
        first.words,
        revised.words,
    ]


def test_revise_needs_a_reason_and_real_words(outcome, practitioner):
    with pytest.raises(ValidationError) as caught:
        services.outcome_revise(
            actor=practitioner,
            outcome=outcome,
            words="Something else",
            reason=" ",
            happened_on=today(),
        )
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError, match="a service response"):
        services.outcome_revise(
            actor=practitioner,
            outcome=outcome,
            words="more care",
            reason="Daughter asked",
            happened_on=today(),
        )
    outcome.refresh_from_db()
    assert outcome.revision_count == 0 and len(events(outcome)) == 1


def test_withdraw(outcome, practitioner):
    with pytest.raises(ValidationError) as caught:
        services.outcome_withdraw(
            actor=practitioner, outcome=outcome, reason="", happened_on=today()
        )
    assert "reason" in caught.value.message_dict
    withdrawn = services.outcome_withdraw(
        actor=practitioner, outcome=outcome, reason="Moved to her sister's", happened_on=today()
    )
    assert withdrawn.status == OutcomeStatus.WITHDRAWN
    assert events(outcome)[-1].kind == EventKind.WITHDRAWN
    with pytest.raises(ValidationError, match="no longer current"):
        services.outcome_revise(
            actor=practitioner, outcome=outcome, words="I want x", reason="y", happened_on=today()
        )
    with pytest.raises(ValidationError, match="no longer current"):
        services.outcome_confirm(actor=practitioner, outcome=withdrawn, happened_on=today())


def test_replace_links_both_and_keeps_the_old_one(outcome, practitioner):
    new = services.outcome_replace(
        actor=practitioner,
        outcome=outcome,
        words="I want to move somewhere quieter",
        reason="The neighbour will not stop",
        happened_on=today(),
        expressed_by="person",
    )
    outcome.refresh_from_db()
    assert outcome.status == OutcomeStatus.REPLACED and outcome.replaced_by == new
    assert new.is_current and list(new.replaces.all()) == [outcome]
    replaced = events(outcome)[-1]
    assert (replaced.kind, replaced.related, replaced.words) == (EventKind.REPLACED, new, new.words)
    with pytest.raises(ValidationError, match="no longer current"):
        services.outcome_replace(
            actor=practitioner,
            outcome=outcome,
            words="I want y",
            reason="z",
            happened_on=today(),
            expressed_by="person",
        )


def test_replace_with_bad_words_changes_nothing(outcome, practitioner):
    with pytest.raises(ValidationError, match="a conclusion"):
        services.outcome_replace(
            actor=practitioner,
            outcome=outcome,
            words="allegation proven",
            reason="x",
            happened_on=today(),
            expressed_by="person",
        )
    outcome.refresh_from_db()
    assert outcome.is_current and DesiredOutcome.objects.count() == 1


def test_alternative_is_a_plan_b(outcome, practitioner, enquiry):
    plan_b = services.outcome_express(
        actor=practitioner,
        enquiry=enquiry,
        words="If I cannot stay, I want to live near my church",
        expressed_by="person",
        happened_on=today(),
        alternative_to=outcome,
    )
    assert plan_b.alternative_to == outcome and list(outcome.alternatives.all()) == [plan_b]
    assert events(plan_b)[0].related == outcome
    added = events(outcome)[-1]
    assert (added.kind, added.related) == (EventKind.ALTERNATIVE, plan_b)


def test_tension_is_recorded_both_ways(outcome, practitioner, enquiry):
    family = DesiredOutcomeFactory(
        enquiry=enquiry,
        words="Her daughter wants her to move in with her",
        expressed_by="representative",
    )
    services.outcome_mark_tension(
        actor=practitioner,
        outcome=outcome,
        other=family,
        reason=" Where she lives ",
        happened_on=today(),
    )
    assert list(outcome.tensions.all()) == [family]
    assert list(family.tensions.all()) == [outcome]
    ours, theirs = events(outcome)[-1], events(family)[-1]
    assert (ours.kind, ours.related, ours.reason) == (EventKind.TENSION, family, "Where she lives")
    assert (theirs.kind, theirs.related, theirs.words) == (
        EventKind.TENSION,
        outcome,
        outcome.words,
    )


def test_tension_needs_another_outcome_of_the_same_enquiry_and_a_reason(
    outcome, practitioner, team
):
    elsewhere = DesiredOutcomeFactory(enquiry=EnquiryFactory(concern__person__team=team))
    for other in (outcome, elsewhere):
        with pytest.raises(ValidationError) as caught:
            services.outcome_mark_tension(
                actor=practitioner, outcome=outcome, other=other, reason="x", happened_on=today()
            )
        assert "other" in caught.value.message_dict
    sibling = DesiredOutcomeFactory(enquiry=outcome.enquiry)
    with pytest.raises(ValidationError) as caught:
        services.outcome_mark_tension(
            actor=practitioner, outcome=outcome, other=sibling, reason="", happened_on=today()
        )
    assert "reason" in caught.value.message_dict
    assert not outcome.tensions.exists()


def test_rate(outcome, practitioner):
    with pytest.raises(ValidationError) as caught:
        services.outcome_rate(actor=practitioner, outcome=outcome, happened_on=today(), prefix="r_")
    assert "I want to feel safe at home" in caught.value.message_dict["r_achievement"][0]
    with pytest.raises(ValidationError):
        services.outcome_rate(
            actor=practitioner, outcome=outcome, happened_on=today(), achievement="mostly"
        )
    rated = services.outcome_rate(
        actor=practitioner,
        outcome=outcome,
        happened_on=today(),
        achievement="partially",
        persons_view="Better, not perfect",
        not_rated_reason="ignored when rated",
    )
    assert (rated.achievement, rated.not_rated_reason) == ("partially", "")
    assert events(outcome)[-1].kind == EventKind.RATED


def test_a_closed_enquirys_outcomes_cannot_change(outcome, practitioner, enquiry):
    close_enquiry(enquiry, actor=practitioner)
    outcome.refresh_from_db()
    with pytest.raises(ValidationError, match="enquiry is closed"):
        services.outcome_revise(
            actor=practitioner, outcome=outcome, words="I want z", reason="r", happened_on=today()
        )
    with pytest.raises(ValidationError, match="enquiry is closed"):
        services.outcome_express(
            actor=practitioner,
            enquiry=outcome.enquiry,
            words="I want z",
            expressed_by="person",
            happened_on=today(),
        )


def retire(list_code: str, code: str, *, on=None) -> None:
    """End a practice list entry (as an administrator does): in use until `on`, yesterday."""
    from msp.reference import selectors as ref
    from msp.reference.models import ReferenceItem

    ReferenceItem.objects.filter(list_code=list_code, code=code).update(
        active_to=on or today() - timedelta(days=1)
    )
    ref.clear_cache()


def test_a_retired_category_is_refused_for_a_new_outcome_but_kept_on_an_old_one(
    outcome, enquiry, practitioner
):
    retire("desired_outcome_categories", "be_and_feel_safer")
    with pytest.raises(ValidationError) as refused:
        services.outcome_express(
            actor=practitioner,
            enquiry=enquiry,
            words="I want to feel safer going out",
            expressed_by="person",
            category="be_and_feel_safer",
            happened_on=today(),
        )
    assert "no longer in use" in refused.value.message_dict["category"][0]
    # The outcome recorded while it was in use keeps it, also when its words are revised.
    revised = services.outcome_revise(
        actor=practitioner,
        outcome=outcome,
        words="I want to feel safe at home and in the garden",
        reason="She added the garden",
        happened_on=today(),
    )
    assert revised.category == "be_and_feel_safer"
    # An outcome dated before the entry was retired may still take it.
    dated = services.outcome_express(
        actor=practitioner,
        enquiry=enquiry,
        words="I want to sleep without worrying",
        expressed_by="person",
        category="be_and_feel_safer",
        happened_on=today() - timedelta(days=2),
    )
    assert dated.category == "be_and_feel_safer"
