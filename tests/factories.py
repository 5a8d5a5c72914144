"""Factories for tests: synthetic people and case records (en_GB Faker), never real data.

Case records are made through the services, so every one is valid by construction and carries
the same history rows the product writes. Dates default to a recent, consistent sequence:
concern received 60 days ago, decided and enquiry started 58 days ago, conversations after that.
"""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory, Password

from msp.accounts.models import Role, Team, User
from msp.concerns import services as concern_services
from msp.concerns.models import Allegation, Concern, Decision
from msp.core.dates import today
from msp.enquiries import services as enquiry_services
from msp.enquiries.models import Conversation, Enquiry, Method, Participant, Stage
from msp.outcomes import services as outcome_services
from msp.outcomes.models import DesiredOutcome
from msp.people import nhs
from msp.people import services as people_services
from msp.people.models import Person

PASSWORD = "test-password-123"
LOCALE = "en_GB"

OUTCOME_WORDS = [
    "I want to feel safe in my own home",
    "I want to keep seeing my grandson",
    "I want my money to be my own again",
    "I want to stay living where I am",
    "I want the shouting to stop",
    "I want to choose who comes into my flat",
    "I want an apology from the care agency",
    "I want to be able to go to the day centre again",
]


def fake(provider: str, **kwargs):
    return factory.Faker(provider, locale=LOCALE, **kwargs)


def days_ago(days: int):
    return today() - timedelta(days=days)


def valid_nhs_number(seed: int) -> str:
    """A valid NHS number in the 999 range the NHS keeps for tests, distinct per seed: each seed
    owns ten candidates (a number whose check digit would be 10 is skipped), so two seeds never
    land on the same number."""
    for n in range(seed * 10, seed * 10 + 10):
        number = nhs.with_check_digit(f"999{n % 1_000_000:06d}")
        if number is not None:
            return number
    raise ValueError(f"No valid NHS number for seed {seed}")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Locality team {n}")


class UserFactory(DjangoModelFactory):
    """A member of staff. `teams=[...]` puts them in teams; role defaults to practitioner."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = fake("first_name")
    last_name = fake("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.uk")
    role = Role.PRACTITIONER
    password = Password(PASSWORD)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)


class ServiceFactory(DjangoModelFactory):
    """Creates through a service: `_create` receives the declarations, including `actor`."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls._service(**kwargs)


def _recorder(team_path: str = "team"):
    """A practitioner in the record's team (found along `team_path`), to record it."""

    def make(o):
        team = o
        for attr in team_path.split("."):
            team = getattr(team, attr)
        return UserFactory(role=Role.PRACTITIONER, teams=[team])

    return factory.LazyAttribute(make)


class PersonFactory(ServiceFactory):
    class Meta:
        model = Person

    team = factory.SubFactory(TeamFactory)
    actor = _recorder()
    first_name = fake("first_name")
    last_name = fake("last_name")
    date_of_birth = fake("date_of_birth", minimum_age=20, maximum_age=95)
    sex = factory.Iterator(["female", "male"])
    ethnicity = "white"
    primary_support_reason = "physical"
    nhs_number = factory.Sequence(valid_nhs_number)

    @classmethod
    def _service(cls, **kwargs):
        return people_services.person_create(**kwargs)


def allegation_data(**overrides) -> dict:
    return {
        "type_of_risk": "financial_material",
        "location_of_risk": "own_home",
        "source_of_risk": "other_known",
        **overrides,
    }


class ConcernFactory(ServiceFactory):
    class Meta:
        model = Concern

    person = factory.SubFactory(PersonFactory)
    team = factory.SelfAttribute("person.team")
    actor = _recorder()
    received_date = factory.LazyFunction(lambda: days_ago(60))
    raised_by_relationship = "family_friend"
    raised_by_name = fake("name")
    what_reported = fake("paragraph", nb_sentences=2)
    allegations = factory.LazyFunction(lambda: [allegation_data()])

    @classmethod
    def _service(cls, **kwargs):
        return concern_services.concern_create(**kwargs)


class AllegationFactory(ServiceFactory):
    class Meta:
        model = Allegation

    concern = factory.SubFactory(ConcernFactory, allegations=[])
    actor = _recorder("concern.team")
    type_of_risk = "physical"
    location_of_risk = "care_home_residential"
    source_of_risk = "service_provider"
    detail = fake("sentence")

    @classmethod
    def _service(cls, **kwargs):
        return concern_services.allegation_add(**kwargs)


class EnquiryFactory(ServiceFactory):
    """An enquiry opened the way the product opens one: by deciding its concern."""

    class Meta:
        model = Enquiry

    concern = factory.SubFactory(ConcernFactory)
    kind = Decision.S42
    team = factory.SelfAttribute("concern.team")
    actor = _recorder()
    lead = None
    decision_date = factory.LazyAttribute(lambda o: o.concern.received_date + timedelta(days=2))
    enquiry_start_date = None

    @classmethod
    def _service(cls, *, kind, **kwargs):
        s42 = kind == Decision.S42
        return concern_services.concern_decide(
            decision=kind,
            criteria_care_needs=True,
            criteria_abuse_or_neglect=True,
            criteria_unable_to_protect=s42,
            decision_reason="" if s42 else "Does not meet all three criteria; support offered",
            **kwargs,
        )


class ConversationFactory(ServiceFactory):
    class Meta:
        model = Conversation

    enquiry = factory.SubFactory(EnquiryFactory)
    actor = _recorder("enquiry.team")
    held_on = factory.LazyAttribute(lambda o: o.enquiry.start_date + timedelta(days=1))
    stage = Stage.START
    method = Method.IN_PERSON
    participants = factory.LazyFunction(lambda: [Participant.PERSON])
    notes = fake("sentence")
    new_outcomes = None
    revisits = None

    @classmethod
    def _service(cls, **kwargs):
        return enquiry_services.conversation_record(**kwargs)


class DesiredOutcomeFactory(ServiceFactory):
    class Meta:
        model = DesiredOutcome

    enquiry = factory.SubFactory(EnquiryFactory)
    actor = _recorder("enquiry.team")
    words = factory.Iterator(OUTCOME_WORDS)
    expressed_by = "person"
    category = "be_and_feel_safer"
    happened_on = factory.LazyAttribute(lambda o: o.enquiry.start_date + timedelta(days=1))
    conversation = None
    alternative_to = None

    @classmethod
    def _service(cls, **kwargs):
        return outcome_services.outcome_express(**kwargs)


def close_enquiry(
    enquiry: Enquiry,
    *,
    actor,
    achievement: str = "fully",
    end_date=None,
    action_and_result: str = "risk_identified_action",
    risk_outcome: str = "reduced",
    corrections: dict | None = None,
) -> Enquiry:
    """Review and close an enquiry, rating every current outcome the same way."""
    end_date = end_date or today()
    enquiry_services.closing_review_record(
        actor=actor,
        enquiry=enquiry,
        reviewed_on=end_date,
        ratings={
            o.pk: {"achievement": achievement} for o in enquiry_services.current_outcomes(enquiry)
        },
        action_and_result=action_and_result,
        risk_outcome=risk_outcome,
    )
    return enquiry_services.enquiry_close(
        actor=actor, enquiry=enquiry, end_date=end_date, corrections=corrections
    )
