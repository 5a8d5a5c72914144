"""A pilot for the North team (`team`) over three months, with cases in and around its scope.

The project runs 1 September to 30 November 2025 (the default: three months from the start);
its baseline is the same length just before, 2 June to 31 August 2025. Cases:

A  North, s42, started 5 Sep, start conversation with an outcome in the person's own words,
   a conversation during it on 1 Oct; closed 20 Oct (45 days), fully met; felt listened to: yes.
B  North, s42, started 10 Sep, outcome through a representative; closed 15 Sep (5 days),
   partly met; felt listened to: partly.
C  North, s42, started 1 Oct, still open, no conversation at all (drifting).
D  North, OTHER enquiry, started 1 Nov, start conversation, still open.
E  South, s42, started 5 Sep: outside the scope, added by the lead with a reason; start
   conversation, an end conversation on 10 Sep, closed 12 Sep, not met.
F  North, s42, started 15 Sep: in scope, left out by the lead with a reason.
G  North, s42, started 15 Dec 2025: after the period.
H  North, s42, started 1 Jul 2025 (baseline), outcome in own words; closed 1 Aug, not met.
I  North, s42, started 20 Sep, but the person's processing is restricted: never counted.
"""

from datetime import date

import pytest

from msp.improvement.projects import services
from msp.privacy import services as privacy
from tests.factories import ConversationFactory, DesiredOutcomeFactory, PersonFactory
from tests.reporting.conftest import close, make_enquiry

START = date(2025, 9, 1)
REVIEW = date(2025, 12, 15)


@pytest.fixture
def pilot(lead, team):
    return services.project_create(
        actor=lead,
        name="North pilot",
        lead=lead,
        start_date=START,
        team_ids=[team.pk],
        review_dates=[REVIEW],
    )


@pytest.fixture
def cases(pilot, lead, team, other_team, practitioner, other_practitioner):
    actor = practitioner

    def person(t=team, who=actor):
        return PersonFactory(team=t, actor=who)

    a = make_enquiry(person(), actor=actor, start=date(2025, 9, 5), lead=practitioner)
    ConversationFactory(
        enquiry=a,
        actor=actor,
        held_on=date(2025, 9, 6),
        stage="start",
        new_outcomes=[{"words": "I want to feel safe at home", "expressed_by": "person"}],
    )
    ConversationFactory(enquiry=a, actor=actor, held_on=date(2025, 10, 1), stage="during")
    close(a, actor=actor, end=date(2025, 10, 20), experience={"felt_listened_to": "yes"})

    b = make_enquiry(person(), actor=actor, start=date(2025, 9, 10))
    DesiredOutcomeFactory(
        enquiry=b, actor=actor, expressed_by="representative", happened_on=date(2025, 9, 11)
    )
    close(
        b,
        actor=actor,
        end=date(2025, 9, 15),
        achievement="partially",
        experience={"felt_listened_to": "partly"},
    )

    c = make_enquiry(person(), actor=actor, start=date(2025, 10, 1))

    d = make_enquiry(person(), actor=actor, start=date(2025, 11, 1), kind="other")
    ConversationFactory(enquiry=d, actor=actor, held_on=date(2025, 11, 2), stage="start")

    south = other_practitioner
    e = make_enquiry(person(other_team, south), actor=south, start=date(2025, 9, 5))
    ConversationFactory(
        enquiry=e,
        actor=south,
        held_on=date(2025, 9, 6),
        stage="start",
        new_outcomes=[{"words": "I want my money back", "expressed_by": "person"}],
    )
    ConversationFactory(enquiry=e, actor=south, held_on=date(2025, 9, 10), stage="end")
    close(e, actor=south, end=date(2025, 9, 12), achievement="not")
    services.project_case_decide(
        actor=lead, project=pilot, enquiry=e, included=True, reason="Same care home as case A"
    )

    f = make_enquiry(person(), actor=actor, start=date(2025, 9, 15))
    services.project_case_decide(
        actor=lead, project=pilot, enquiry=f, included=False, reason="Opened in error, duplicate"
    )

    g = make_enquiry(person(), actor=actor, start=date(2025, 12, 15))

    h = make_enquiry(person(), actor=actor, start=date(2025, 7, 1))
    DesiredOutcomeFactory(
        enquiry=h, actor=actor, expressed_by="person", happened_on=date(2025, 7, 2)
    )
    close(h, actor=actor, end=date(2025, 8, 1), achievement="not")

    hidden = person()
    i = make_enquiry(hidden, actor=actor, start=date(2025, 9, 20))
    privacy.processing_restrict(actor=lead, person=hidden, reason="The person asked us to")
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "i": i}


# --- evidence: audits, feedback, supervision and triangulation ---------------------------------
# Twelve North cases led by `practitioner`, started 50 days ago and closed 20 days ago; the
# first nine had a start conversation where the person said what they wanted, the last three
# none. One South case, led by `other_practitioner`, closed the same day.

EVIDENCE_CASES = 12
ASKED_AT_START = 9


@pytest.fixture
def colleague(team):
    """Another practitioner in the North team: sees its cases, never its supervision notes."""
    from msp.accounts.models import Role
    from tests.factories import UserFactory

    return UserFactory(role=Role.PRACTITIONER, teams=[team], first_name="Colin")


@pytest.fixture
def closed_cases(team, other_team, practitioner, other_practitioner):
    from tests.factories import days_ago

    started, ended = days_ago(50), days_ago(20)
    north = []
    for index in range(EVIDENCE_CASES):
        enquiry = make_enquiry(
            PersonFactory(team=team, actor=practitioner),
            actor=practitioner,
            start=started,
            lead=practitioner,
        )
        if index < ASKED_AT_START:
            ConversationFactory(
                enquiry=enquiry,
                actor=practitioner,
                held_on=started,
                stage="start",
                new_outcomes=[{"words": "I want to stay in my flat", "expressed_by": "person"}],
            )
        north.append(close(enquiry, actor=practitioner, end=ended))
    south = make_enquiry(
        PersonFactory(team=other_team, actor=other_practitioner),
        actor=other_practitioner,
        start=started,
        lead=other_practitioner,
    )
    south = close(south, actor=other_practitioner, end=ended)
    return {"north": north, "south": south, "started": started, "ended": ended}
