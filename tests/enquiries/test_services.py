from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from msp.audit.models import AuditEntry
from msp.core.dates import today
from msp.enquiries import forms, selectors, services
from msp.enquiries.models import (
    CapacityAssessment,
    ClosingReview,
    Conversation,
    Enquiry,
    Representation,
    RiskDiscussion,
)
from msp.outcomes.models import DesiredOutcome, EventKind, OutcomeEvent, OutcomeStatus
from tests.factories import (
    ConversationFactory,
    DesiredOutcomeFactory,
    EnquiryFactory,
    TeamFactory,
    UserFactory,
    close_enquiry,
)

pytestmark = pytest.mark.django_db

SAFE = {
    "words": "I want to feel safe at home",
    "expressed_by": "person",
    "category": "be_and_feel_safer",
}
GRANDSON = {"words": "I want to keep seeing my grandson", "expressed_by": "person"}


def converse(enquiry, actor, **overrides):
    fields = {
        "held_on": enquiry.start_date + timedelta(days=1),
        "stage": "start",
        "method": "in_person",
        "participants": ["person", "advocate"],
    }
    return services.conversation_record(actor=actor, enquiry=enquiry, **{**fields, **overrides})


def review(enquiry, actor, ratings=None, **overrides):
    fields = {
        "reviewed_on": today(),
        "ratings": ratings if ratings is not None else {},
        "action_and_result": "risk_identified_action",
        "risk_outcome": "reduced",
    }
    return services.closing_review_record(actor=actor, enquiry=enquiry, **{**fields, **overrides})


# Conversations


def test_conversation_with_new_outcomes(enquiry, practitioner):
    conversation = converse(
        enquiry,
        practitioner,
        participants=["person", "person", "family"],
        notes="  Met at home ",
        new_outcomes=[SAFE, GRANDSON],
    )
    assert conversation.participants == ["person", "family"]
    assert conversation.notes == "Met at home"
    outcomes = list(enquiry.outcomes.order_by("id"))
    assert [o.words for o in outcomes] == [SAFE["words"], GRANDSON["words"]]
    assert all(o.conversation == conversation for o in outcomes)
    assert {e.kind for e in OutcomeEvent.objects.all()} == {EventKind.EXPRESSED}


def test_revisits_confirm_change_and_withdraw(enquiry, practitioner):
    converse(
        enquiry,
        practitioner,
        new_outcomes=[
            SAFE,
            GRANDSON,
            {"words": "I want to go back to bingo", "expressed_by": "person"},
        ],
    )
    safe, grandson, bingo = enquiry.outcomes.order_by("id")
    later = converse(
        enquiry,
        practitioner,
        stage="during",
        held_on=enquiry.start_date + timedelta(days=10),
        revisits=[
            {"outcome": safe, "answer": "still"},
            {
                "outcome": grandson,
                "answer": "changed",
                "words": "I want to see my grandson at the day centre",
                "reason": "Feels safer away from home",
            },
            {"outcome": bingo, "answer": "withdrawn", "reason": "Bingo has closed"},
        ],
    )
    grandson.refresh_from_db()
    bingo.refresh_from_db()
    assert grandson.words.endswith("at the day centre") and grandson.revision_count == 1
    assert bingo.status == OutcomeStatus.WITHDRAWN
    kinds = list(
        OutcomeEvent.objects.filter(conversation=later)
        .order_by("id")
        .values_list("outcome__words", "kind")
    )
    assert [k for _, k in kinds] == [EventKind.CONFIRMED, EventKind.REVISED, EventKind.WITHDRAWN]


def test_a_bad_outcome_in_the_same_call_leaves_nothing_written(enquiry, practitioner):
    converse(enquiry, practitioner, new_outcomes=[SAFE])
    safe = enquiry.outcomes.get()
    before = (Conversation.objects.count(), OutcomeEvent.objects.count())
    with pytest.raises(ValidationError) as caught:
        converse(
            enquiry,
            practitioner,
            stage="during",
            revisits=[
                {
                    "outcome": safe,
                    "answer": "changed",
                    "words": "I want to feel safe and see friends",
                    "reason": "More confident",
                }
            ],
            new_outcomes=[GRANDSON, {"words": "Abuse substantiated", "expressed_by": "person"}],
        )
    assert "outcome_1_words" in caught.value.message_dict
    assert (Conversation.objects.count(), OutcomeEvent.objects.count()) == before
    safe.refresh_from_db()
    assert safe.words == SAFE["words"] and safe.revision_count == 0
    assert enquiry.outcomes.count() == 1


def test_a_bad_revisit_is_pointed_at_its_part_of_the_form(enquiry, practitioner):
    converse(enquiry, practitioner, new_outcomes=[SAFE])
    safe = enquiry.outcomes.get()
    with pytest.raises(ValidationError) as caught:
        converse(
            enquiry,
            practitioner,
            stage="during",
            revisits=[{"outcome": safe, "answer": "changed", "words": "New words", "reason": ""}],
        )
    assert "revisit_0_reason" in caught.value.message_dict
    assert Conversation.objects.count() == 1


def test_revisiting_another_enquirys_outcome_is_refused(enquiry, practitioner, team):
    stranger = DesiredOutcomeFactory(enquiry=EnquiryFactory(concern__person__team=team))
    with pytest.raises(ValidationError, match="another enquiry"):
        converse(
            enquiry,
            practitioner,
            revisits=[{"outcome": stranger, "answer": "withdrawn", "reason": "x"}],
        )
    assert not enquiry.conversations.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"stage": "middle"}, "stage"),
        ({"kind": "party"}, "kind"),
        ({"method": "pigeon"}, "method"),
        ({"participants": []}, "participants"),
        ({"participants": ["person", "neighbour"]}, "participants"),
        ({"asked_no_outcomes": True, "new_outcomes": [SAFE]}, "asked_no_outcomes"),
        ({"held_on": None}, "held_on"),
        ({"held_on": today() + timedelta(days=1)}, "held_on"),
    ],
)
def test_conversation_refuses_bad_input(enquiry, practitioner, overrides, field):
    with pytest.raises(ValidationError) as caught:
        converse(enquiry, practitioner, **overrides)
    assert field in caught.value.message_dict
    assert not Conversation.objects.exists()


def test_conversation_before_the_concern_is_refused(enquiry, practitioner):
    with pytest.raises(ValidationError, match="on or after the date the concern was received"):
        converse(enquiry, practitioner, held_on=enquiry.concern.received_date - timedelta(days=1))


# Capacity, representation, risk and responses


def test_capacity_assessment(enquiry, practitioner):
    assessment = services.capacity_record(
        actor=practitioner,
        enquiry=enquiry,
        decision=" Where to live ",
        assessed_on=today(),
        outcome="lacks_capacity",
        assessor=" Dr Shah ",
    )
    assert (assessment.decision, assessment.assessor) == ("Where to live", "Dr Shah")
    with pytest.raises(ValidationError) as caught:
        services.capacity_record(
            actor=practitioner,
            enquiry=enquiry,
            decision="",
            assessed_on=today(),
            outcome="maybe",
            assessor="",
        )
    assert set(caught.value.message_dict) == {"decision", "outcome", "assessor"}
    with pytest.raises(ValidationError) as caught:
        services.capacity_record(
            actor=practitioner,
            enquiry=enquiry,
            decision="Money",
            assessed_on=None,
            outcome="has_capacity",
            assessor="Me",
        )
    assert "assessed_on" in caught.value.message_dict
    assert CapacityAssessment.objects.count() == 1


def test_representation(enquiry, practitioner):
    start = enquiry.start_date
    rep = services.representation_record(
        actor=practitioner, enquiry=enquiry, role="imca", name=" Sam Price ", from_date=start
    )
    assert rep.name == "Sam Price" and rep.to_date is None
    with pytest.raises(ValidationError) as caught:
        services.representation_record(
            actor=practitioner, enquiry=enquiry, role="friend", name="", from_date=None
        )
    assert set(caught.value.message_dict) == {"role", "name", "from_date"}
    with pytest.raises(ValidationError) as caught:
        services.representation_record(
            actor=practitioner,
            enquiry=enquiry,
            role="imca",
            name="A",
            from_date=start,
            to_date=start - timedelta(days=1),
        )
    assert "to_date" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.representation_record(
            actor=practitioner,
            enquiry=enquiry,
            role="imca",
            name="A",
            from_date=today() + timedelta(days=1),
        )
    assert "from_date" in caught.value.message_dict
    assert Representation.objects.count() == 1


def discuss(enquiry, actor, **overrides):
    fields = {
        "held_on": enquiry.start_date + timedelta(days=3),
        "options": "Stay at home with a care package; move to her daughter's",
        "persons_choice": "Stay at home",
    }
    return services.risk_discussion_record(actor=actor, enquiry=enquiry, **{**fields, **overrides})


def test_risk_discussion_following_the_persons_wishes_drops_against_wishes_detail(
    enquiry, practitioner
):
    discussion = discuss(
        enquiry, practitioner, against_wishes_reason="crime", explained_how="Told her"
    )
    assert not discussion.act_against_wishes
    assert (
        discussion.against_wishes_reason,
        discussion.explained_how,
        discussion.explained_on,
    ) == ("", "", None)


def test_acting_against_wishes_needs_a_reason_and_an_explanation(enquiry, practitioner):
    with pytest.raises(ValidationError) as caught:
        discuss(enquiry, practitioner, act_against_wishes=True)
    assert set(caught.value.message_dict) == {
        "against_wishes_reason",
        "explained_how",
        "explained_on",
    }
    held_on = enquiry.start_date + timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        discuss(
            enquiry,
            practitioner,
            act_against_wishes=True,
            against_wishes_reason="others_at_risk",
            explained_how="Face to face with her advocate",
            explained_on=held_on - timedelta(days=1),
        )
    assert "on or after the date of the discussion" in caught.value.message_dict["explained_on"][0]
    discussion = discuss(
        enquiry,
        practitioner,
        act_against_wishes=True,
        against_wishes_reason="others_at_risk",
        against_wishes_detail=" Other residents at risk ",
        explained_how="Face to face with her advocate",
        explained_on=held_on,
    )
    assert discussion.against_wishes_detail == "Other residents at risk"
    assert RiskDiscussion.objects.count() == 1


def test_risk_discussion_needs_options_and_choice(enquiry, practitioner):
    with pytest.raises(ValidationError) as caught:
        discuss(enquiry, practitioner, options=" ", persons_choice="")
    assert set(caught.value.message_dict) == {"options", "persons_choice"}


def test_response(enquiry, practitioner):
    response = services.response_record(
        actor=practitioner, enquiry=enquiry, code="mediation", agreed_on=today(), notes=" ok "
    )
    assert response.notes == "ok"
    with pytest.raises(ValidationError) as caught:
        services.response_record(
            actor=practitioner, enquiry=enquiry, code="shouting", agreed_on=today()
        )
    assert "code" in caught.value.message_dict


def test_allocate(enquiry, manager, team):
    colleague = UserFactory(teams=[team])
    allocated = services.enquiry_allocate(
        actor=manager, enquiry=enquiry, team=team, lead=colleague, seen_version=enquiry.version
    )
    assert allocated.lead == colleague and allocated.version == enquiry.version + 1
    elsewhere = TeamFactory()
    with pytest.raises(ValidationError) as caught:
        services.enquiry_allocate(actor=manager, enquiry=enquiry, team=elsewhere, lead=colleague)
    assert "lead" in caught.value.message_dict
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.enquiry_allocate(
            actor=manager, enquiry=enquiry, team=team, lead=None, seen_version=enquiry.version
        )


# Closing review and closure


def test_closing_review_rates_outcomes_and_records_experience(enquiry, practitioner):
    converse(enquiry, practitioner, new_outcomes=[SAFE, GRANDSON])
    safe, grandson = enquiry.outcomes.order_by("id")
    result = review(
        enquiry,
        practitioner,
        ratings={
            safe.pk: {"achievement": "fully", "persons_view": "I feel safe now"},
            grandson.pk: {"not_rated_reason": "She moved away before we could ask"},
        },
        experience={
            "felt_listened_to": "yes",
            "feels_safer_now": "partly",
            "was_treated_with_dignity_and_respect": "",
        },
        experience_answered_by="person",
    )
    safe.refresh_from_db()
    grandson.refresh_from_db()
    assert safe.achievement == "fully" and safe.persons_view == "I feel safe now"
    assert grandson.achievement == "" and grandson.not_rated_reason.startswith("She moved")
    assert dict(result.experience.values_list("topic", "answer")) == {
        "felt_listened_to": "yes",
        "feels_safer_now": "partly",
    }
    enquiry.refresh_from_db()
    assert (
        enquiry.action_and_result == "risk_identified_action" and enquiry.risk_outcome == "reduced"
    )
    # Recording it again changes the answers rather than adding to them; the earlier answer is
    # kept in its history, one no longer given is archived, and each change is audited.
    listened = result.experience.get(topic="felt_listened_to")
    again = review(
        enquiry,
        practitioner,
        ratings={safe.pk: {"achievement": "partially"}, grandson.pk: {"achievement": "not"}},
        experience={"felt_listened_to": "no"},
        experience_answered_by="representative",
    )
    assert ClosingReview.objects.count() == 1
    current = again.experience.filter(archived_at__isnull=True)
    assert list(current.values_list("topic", "answer")) == [("felt_listened_to", "no")]
    again_listened = again.experience.get(topic="felt_listened_to")
    assert again_listened.pk == listened.pk
    history = again_listened.history.order_by("history_id")
    assert [h.answer for h in history] == ["yes", "no"]
    assert {h.history_user for h in history} == {practitioner}
    dropped = again.experience.get(topic="feels_safer_now")
    assert dropped.archived_at is not None and dropped.answer == "partly"
    changes = AuditEntry.objects.filter(object_type="experiencerating", object_id=str(listened.pk))
    assert [e.changes.get("answer") for e in changes.order_by("sequence")] == [
        [None, "yes"],
        ["yes", "no"],
    ]
    assert all(e.actor_id == practitioner.pk for e in changes)


def test_closing_review_refuses_an_unrated_outcome_and_writes_nothing(enquiry, practitioner):
    converse(enquiry, practitioner, new_outcomes=[SAFE])
    safe = enquiry.outcomes.get()
    with pytest.raises(ValidationError) as caught:
        review(enquiry, practitioner, ratings={})
    assert f"rating_{safe.pk}_achievement" in caught.value.message_dict
    assert not ClosingReview.objects.exists()
    enquiry.refresh_from_db()
    assert enquiry.action_and_result == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"action_and_result": "done"}, "action_and_result"),
        ({"action_and_result": "risk_identified_action", "risk_outcome": ""}, "risk_outcome"),
        ({"action_and_result": "no_risk_no_action", "risk_outcome": "vanished"}, "risk_outcome"),
        ({"experience": {"felt_listened_to": "yes"}}, "experience_answered_by"),
        (
            {"experience": {"liked_the_tea": "yes"}, "experience_answered_by": "person"},
            "experience_liked_the_tea",
        ),
        ({"reviewed_on": today() + timedelta(days=1)}, "reviewed_on"),
    ],
)
def test_closing_review_refuses_bad_input(enquiry, practitioner, overrides, field):
    with pytest.raises(ValidationError) as caught:
        review(enquiry, practitioner, **overrides)
    assert field in caught.value.message_dict


def test_ceased_at_the_persons_request_is_noted(enquiry, practitioner):
    review(enquiry, practitioner, action_and_result="ceased_at_request", risk_outcome="")
    enquiry.refresh_from_db()
    assert enquiry.ceased_at_request


def test_closure_lists_what_is_missing(enquiry, practitioner):
    converse(enquiry, practitioner, new_outcomes=[SAFE])
    with pytest.raises(ValidationError) as caught:
        services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=today())
    assert caught.value.messages == [
        "Record the closing review first",
        f"Rate “{SAFE['words']}” as fully, partly or not achieved, or record why it was not rated",
        "Record the action taken and its result",
    ]
    enquiry.refresh_from_db()
    assert enquiry.is_open


def test_closure_refused_while_a_current_outcome_added_after_the_review_is_unrated(
    enquiry, practitioner
):
    converse(enquiry, practitioner, new_outcomes=[SAFE])
    safe = enquiry.outcomes.get()
    review(enquiry, practitioner, ratings={safe.pk: {"achievement": "fully"}})
    DesiredOutcomeFactory(enquiry=enquiry, words="I want my keys back")
    with pytest.raises(ValidationError, match="I want my keys back"):
        services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=today())


def test_closure_derives_the_statutory_answers(enquiry, practitioner):
    converse(enquiry, practitioner, new_outcomes=[SAFE, GRANDSON], held_on=enquiry.start_date)
    ConversationFactory(enquiry=enquiry, actor=practitioner, stage="end", held_on=today())
    services.capacity_record(
        actor=practitioner,
        enquiry=enquiry,
        decision="Contact",
        assessed_on=today(),
        outcome="lacks_capacity",
        assessor="Dr Shah",
    )
    services.representation_record(
        actor=practitioner, enquiry=enquiry, role="imca", name="Sam", from_date=enquiry.start_date
    )
    safe, grandson = enquiry.outcomes.order_by("id")
    review(
        enquiry,
        practitioner,
        ratings={safe.pk: {"achievement": "fully"}, grandson.pk: {"achievement": "not"}},
    )
    closed = services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=today())
    assert (
        closed.sac_asked_outcomes,
        closed.sac_outcomes_achieved,
        closed.sac_lacked_capacity,
        closed.sac_advocate_support,
    ) == (
        "asked_expressed",
        "partially",
        "lacked_capacity",
        True,
    )
    assert closed.sac_corrections == {} and closed.end_date == today()


def test_a_correction_needs_a_reason_and_keeps_both_values(enquiry, practitioner):
    ConversationFactory(enquiry=enquiry, actor=practitioner)  # start, nothing recorded as asked
    review(enquiry, practitioner)

    def close_correcting(**corrections):
        return services.enquiry_close(
            actor=practitioner, enquiry=enquiry, end_date=today(), corrections=corrections
        )

    with pytest.raises(ValidationError) as caught:
        close_correcting(sac_asked_outcomes=("asked_none_expressed", " "))
    assert "sac_asked_outcomes_reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        close_correcting(sac_asked_outcomes=("maybe", "Because"))
    assert "sac_asked_outcomes" in caught.value.message_dict
    with pytest.raises(ValidationError, match="not a statutory answer"):
        close_correcting(end_date=(today(), "x"))
    enquiry.refresh_from_db()
    assert enquiry.is_open
    closed = services.enquiry_close(
        actor=practitioner,
        enquiry=enquiry,
        end_date=today(),
        corrections={
            "sac_asked_outcomes": (
                "asked_none_expressed",
                "  She said she wanted nothing to change ",
            ),
            "sac_lacked_capacity": ("not_recorded", "Same as derived, so not a correction"),
        },
    )
    assert closed.sac_asked_outcomes == "asked_none_expressed"
    assert closed.sac_corrections == {
        "sac_asked_outcomes": {
            "derived": "dont_know",
            "recorded": "asked_none_expressed",
            "reason": "She said she wanted nothing to change",
            "by": practitioner.pk,
        }
    }


@pytest.mark.parametrize(
    ("end_date", "words"),
    [
        (None, "Enter the date"),
        ("future", "today or in the past"),
        ("before_start", "on or after the date it started"),
    ],
)
def test_closure_dates(enquiry, practitioner, end_date, words):
    review(enquiry, practitioner)
    end_date = {
        "future": today() + timedelta(days=1),
        "before_start": enquiry.start_date - timedelta(days=1),
    }.get(end_date)
    with pytest.raises(ValidationError) as caught:
        services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=end_date)
    assert words in caught.value.message_dict["end_date"][0]


def test_a_closed_enquiry_refuses_new_records(enquiry, practitioner, manager):
    close_enquiry(enquiry, actor=practitioner)
    attempts = [
        lambda: converse(enquiry, practitioner),
        lambda: services.capacity_record(
            actor=practitioner,
            enquiry=enquiry,
            decision="x",
            assessed_on=today(),
            outcome="has_capacity",
            assessor="x",
        ),
        lambda: services.response_record(
            actor=practitioner, enquiry=enquiry, code="mediation", agreed_on=today()
        ),
        lambda: review(enquiry, practitioner),
        lambda: services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=today()),
        lambda: services.enquiry_allocate(
            actor=manager, enquiry=enquiry, team=enquiry.team, lead=None
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="This enquiry is closed"):
            attempt()
    assert not Conversation.objects.exists()
    assert Enquiry.objects.get().end_date == today()
    assert DesiredOutcome.objects.count() == 0


def test_closure_needs_an_achievement_answer_when_every_outcome_was_withdrawn(
    practitioner, enquiry
):
    from msp.outcomes import services as outcome_services
    from tests.factories import DesiredOutcomeFactory

    outcome = DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    outcome_services.outcome_withdraw(
        actor=practitioner,
        outcome=outcome,
        reason="She no longer wants it",
        happened_on=enquiry.start_date,
    )
    services.closing_review_record(
        actor=practitioner,
        enquiry=enquiry,
        reviewed_on=today(),
        ratings={},
        action_and_result="no_risk_no_action",
    )
    with pytest.raises(ValidationError) as refused:
        services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=today())
    assert "choose how far they were achieved" in str(refused.value)
    closed = services.enquiry_close(
        actor=practitioner,
        enquiry=enquiry,
        end_date=today(),
        corrections={"sac_outcomes_achieved": ("not", "She withdrew it before the end")},
    )
    assert closed.sac_outcomes_achieved == "not"


# The risk outcome: the hint, the rule enforced and the return's SG2e check are one dependency.


@pytest.mark.parametrize(
    ("action", "risk_outcome", "refused"),
    [
        ("risk_identified_action", "", "A risk was identified or the risk assessment"),
        ("inconclusive_no_action", "", "A risk was identified or the risk assessment"),
        ("inconclusive_action", "remained", None),
        ("no_risk_action", "reduced", "only recorded when a risk was identified"),
        ("ceased_at_request", "removed", "only recorded when"),
        ("no_risk_no_action", "", None),
    ],
)
def test_the_risk_outcome_follows_the_years_dependency(
    enquiry, practitioner, action, risk_outcome, refused
):
    if refused:
        with pytest.raises(ValidationError) as caught:
            review(enquiry, practitioner, action_and_result=action, risk_outcome=risk_outcome)
        assert refused in caught.value.message_dict["risk_outcome"][0]
    else:
        review(enquiry, practitioner, action_and_result=action, risk_outcome=risk_outcome)
    hint = forms.ClosingReviewForm(enquiry=enquiry, name="Ann").fields["risk_outcome"].help_text
    assert hint == "Needed when a risk was identified or the risk assessment was inconclusive"


def test_a_correction_cannot_record_support_where_capacity_was_not_lacking(enquiry, practitioner):
    review(enquiry, practitioner)
    with pytest.raises(ValidationError) as caught:
        services.enquiry_close(
            actor=practitioner,
            enquiry=enquiry,
            end_date=today(),
            corrections={"sac_advocate_support": (True, "Her daughter supported her")},
        )
    assert (
        "only recorded when the person lacked capacity"
        in (caught.value.message_dict["sac_advocate_support"][0])
    )
    with pytest.raises(ValidationError) as caught:
        services.enquiry_close(
            actor=practitioner,
            enquiry=enquiry,
            end_date=today(),
            corrections={"sac_outcomes_achieved": ("fully", "She said so")},
        )
    assert (
        "only recorded when outcomes were expressed"
        in (caught.value.message_dict["sac_outcomes_achieved"][0])
    )
    enquiry.refresh_from_db()
    assert enquiry.is_open


# Asked at the end: the closing review is the end conversation when it says who answered.


def test_closing_after_a_full_review_is_not_closed_without_asking(enquiry, practitioner):
    converse(enquiry, practitioner, new_outcomes=[SAFE])
    safe = enquiry.outcomes.get()
    review(
        enquiry,
        practitioner,
        ratings={safe.pk: {"achievement": "fully", "persons_view": "I feel safe now"}},
        experience={"felt_listened_to": "yes"},
        experience_answered_by="person",
    )
    assert services.closure_warnings(enquiry) == []
    services.enquiry_close(actor=practitioner, enquiry=enquiry, end_date=today())
    assert selectors.asked_at_end(enquiry)


def test_the_practitioner_is_warned_before_closing_without_asking(enquiry, practitioner):
    review(enquiry, practitioner)
    (warning,) = services.closure_warnings(enquiry)
    name = enquiry.person.known_as
    assert f"does not show that {name} was asked at the end" in warning
    assert "Closed without asking" in warning
    converse(enquiry, practitioner, stage="end", held_on=today())
    assert services.closure_warnings(enquiry) == []


def test_a_record_closed_without_asking_can_be_put_right(enquiry, practitioner):
    close_enquiry(enquiry, actor=practitioner)
    assert not selectors.asked_at_end(enquiry)
    with pytest.raises(ValidationError, match="only the end conversation"):
        converse(enquiry, practitioner, stage="during", held_on=today())
    with pytest.raises(ValidationError, match="only the end conversation"):
        converse(enquiry, practitioner, stage="end", held_on=today(), new_outcomes=[SAFE])
    conversation = converse(enquiry, practitioner, stage="end", held_on=today())
    assert conversation.history.get().history_user == practitioner
    assert selectors.asked_at_end(enquiry)
    enquiry.refresh_from_db()
    assert enquiry.end_date == today() and DesiredOutcome.objects.count() == 0
