"""A small, hand-built council: every figure in the reporting tests can be worked out on paper.

Reporting year 2025-26, team North (`team`) unless said otherwise.

E1  Ann (female, born 1950-06-01: 75 on 31 Mar 2026), s42, North, lead `practitioner`.
    Started 12 Apr 2025; start conversation, outcome in her own words, revised once;
    response mediation; experience felt_listened_to=yes. Closed 20 May 2025 (38 days), fully.
E2  Ann again, s42, North, no lead. Started 1 Jun 2025; outcome through a representative, and a
    second outcome later withdrawn. Closed 10 Jun 2025, not achieved.
E3  Bob (male, born 1990-01-01: 36), s42, North, lead `practitioner`. Allegations: financial and
    physical. Started 1 Jul 2025; start conversation: asked, no outcome expressed; during
    conversation 25 Jul; end conversation 1 Aug; lacked capacity, supported by family; responses
    mediation and advocacy; felt_listened_to=partly. Closed 5 Aug 2025 (35 days), risk remained.
E4  Cat (female, born 1940-02-10: 86), OTHER enquiry, North. Started 1 Sep 2025; outcome through
    an advocate; closed 10 Sep 2025, partly.
E5  Dan (male, born 1930: 96), s42, South (`other_team`), no lead; started 1 Sep 2025; outcome in
    his words; closed 1 Oct 2025 (30 days), fully.
E6  Eve (date of birth not known), s42, North, started 1 Oct 2025, still open, no start
    conversation.
E7  Fay, s42, North, closed 10 Mar 2025 (the year before), fully.
"""

from datetime import date

import pytest

from msp.enquiries import services as enquiry_services
from msp.outcomes import services as outcome_services
from tests.factories import (
    ConcernFactory,
    ConversationFactory,
    DesiredOutcomeFactory,
    EnquiryFactory,
    PersonFactory,
    allegation_data,
)


def make_enquiry(person, *, actor, start, kind="s42", lead=None, team=None, allegations=None):
    concern = ConcernFactory(
        person=person,
        team=team or person.team,
        actor=actor,
        received_date=start,
        allegations=allegations or [allegation_data()],
    )
    return EnquiryFactory(concern=concern, kind=kind, actor=actor, lead=lead, decision_date=start)


def close(enquiry, *, actor, end, achievement="fully", risk_outcome="reduced", experience=None):
    enquiry_services.closing_review_record(
        actor=actor,
        enquiry=enquiry,
        reviewed_on=end,
        ratings={
            o.pk: {"achievement": achievement} for o in enquiry_services.current_outcomes(enquiry)
        },
        action_and_result="risk_identified_action",
        risk_outcome=risk_outcome,
        experience=experience,
        experience_answered_by="person" if experience else "",
    )
    return enquiry_services.enquiry_close(actor=actor, enquiry=enquiry, end_date=end)


@pytest.fixture
def council(team, other_team, practitioner, other_practitioner):
    actor = practitioner
    ann = PersonFactory(
        team=team, actor=actor, sex="female", date_of_birth=date(1950, 6, 1), first_name="Ann"
    )
    bob = PersonFactory(
        team=team, actor=actor, sex="male", date_of_birth=date(1990, 1, 1), first_name="Bob"
    )
    cat = PersonFactory(
        team=team, actor=actor, sex="female", date_of_birth=date(1940, 2, 10), first_name="Cat"
    )
    dan = PersonFactory(
        team=other_team,
        actor=other_practitioner,
        first_name="Dan",
        sex="male",
        date_of_birth=date(1930, 1, 1),
    )
    eve = PersonFactory(team=team, actor=actor, first_name="Eve", date_of_birth=None)
    fay = PersonFactory(team=team, actor=actor, first_name="Fay")

    e1 = make_enquiry(ann, actor=actor, start=date(2025, 4, 12), lead=practitioner)
    ConversationFactory(
        enquiry=e1,
        actor=actor,
        held_on=date(2025, 4, 13),
        stage="start",
        new_outcomes=[{"words": "I want to feel safe at home", "expressed_by": "person"}],
    )
    first = e1.outcomes.get()
    outcome_services.outcome_revise(
        actor=actor,
        outcome=first,
        words="I want to feel safe at home and in the garden",
        reason="She said more",
        happened_on=date(2025, 4, 20),
    )
    enquiry_services.response_record(
        actor=actor, enquiry=e1, code="mediation", agreed_on=date(2025, 4, 21)
    )
    close(e1, actor=actor, end=date(2025, 5, 20), experience={"felt_listened_to": "yes"})

    e2 = make_enquiry(ann, actor=actor, start=date(2025, 6, 1))
    DesiredOutcomeFactory(
        enquiry=e2, actor=actor, expressed_by="representative", happened_on=date(2025, 6, 2)
    )
    second = DesiredOutcomeFactory(
        enquiry=e2, actor=actor, expressed_by="representative", happened_on=date(2025, 6, 2)
    )
    outcome_services.outcome_withdraw(
        actor=actor, outcome=second, reason="No longer wanted", happened_on=date(2025, 6, 5)
    )
    close(e2, actor=actor, end=date(2025, 6, 10), achievement="not")

    e3 = make_enquiry(
        bob,
        actor=actor,
        start=date(2025, 7, 1),
        lead=practitioner,
        allegations=[allegation_data(), allegation_data(type_of_risk="physical")],
    )
    ConversationFactory(
        enquiry=e3, actor=actor, held_on=date(2025, 7, 2), stage="start", asked_no_outcomes=True
    )
    ConversationFactory(enquiry=e3, actor=actor, held_on=date(2025, 7, 25), stage="during")
    ConversationFactory(enquiry=e3, actor=actor, held_on=date(2025, 8, 1), stage="end")
    enquiry_services.capacity_record(
        actor=actor,
        enquiry=e3,
        decision="Where to live",
        assessed_on=date(2025, 7, 3),
        outcome="lacks_capacity",
        assessor="Social worker",
    )
    enquiry_services.representation_record(
        actor=actor,
        enquiry=e3,
        role="family_friend",
        name="Bob's sister",
        from_date=date(2025, 7, 3),
    )
    for code in ("mediation", "advocacy"):
        enquiry_services.response_record(
            actor=actor, enquiry=e3, code=code, agreed_on=date(2025, 7, 4)
        )
    close(
        e3,
        actor=actor,
        end=date(2025, 8, 5),
        risk_outcome="remained",
        experience={"felt_listened_to": "partly"},
    )

    e4 = make_enquiry(cat, actor=actor, start=date(2025, 9, 1), kind="other")
    DesiredOutcomeFactory(
        enquiry=e4, actor=actor, expressed_by="advocate", happened_on=date(2025, 9, 2)
    )
    close(e4, actor=actor, end=date(2025, 9, 10), achievement="partially")

    e5 = make_enquiry(dan, actor=other_practitioner, start=date(2025, 9, 1))
    DesiredOutcomeFactory(
        enquiry=e5, actor=other_practitioner, expressed_by="person", happened_on=date(2025, 9, 2)
    )
    close(e5, actor=other_practitioner, end=date(2025, 10, 1))

    e6 = make_enquiry(eve, actor=actor, start=date(2025, 10, 1))

    e7 = make_enquiry(fay, actor=actor, start=date(2025, 3, 1))
    DesiredOutcomeFactory(
        enquiry=e7, actor=actor, expressed_by="person", happened_on=date(2025, 3, 2)
    )
    close(e7, actor=actor, end=date(2025, 3, 10))
    return {
        "people": {"ann": ann, "bob": bob, "cat": cat, "dan": dan, "eve": eve, "fay": fay},
        "enquiries": [e1, e2, e3, e4, e5, e6, e7],
    }
