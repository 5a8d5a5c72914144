"""Synthetic demo data: people, concerns and decisions, written through the product's own services.

Same seed and same day, same data: every choice comes from one `random.Random(seed)` and one
seeded Faker, and every date is counted back from the day the data is generated. Nobody in it
is real; NHS numbers are from the 999 range the NHS keeps for testing.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from faker import Faker

from msp.concerns import services as concerns
from msp.concerns.models import Decision, RaisedBy
from msp.core.dates import today as current_day
from msp.demo import evidence, programme, text
from msp.demo.practice import EnquiryWriter, pick
from msp.demo.users import HOSPITALS, NORTH, SOUTH, ensure_demo_users
from msp.people import nhs
from msp.people import services as people
from msp.reference import selectors as ref

WINDOW_DAYS = 548  # about 18 months of concerns
CHUNK = 25  # people written per transaction

AGE_BANDS = [((18, 64), 27), ((65, 74), 17), ((75, 84), 27), ((85, 94), 24), ((95, 101), 5)]
SEXES = [("female", 58), ("male", 41), ("not_known", 1)]
ETHNICITIES = [
    ("white", 82),
    ("asian", 6),
    ("black", 4),
    ("mixed", 2),
    ("other", 1.5),
    ("refused", 1),
    ("not_known", 3.5),
]
SUPPORT_YOUNGER = [
    ("learning_disability", 30),
    ("mental_health", 28),
    ("physical", 24),
    ("social", 7),
    ("sensory", 4),
    ("memory_cognition", 2),
    ("not_known", 5),
]
SUPPORT_OLDER = [
    ("physical", 55),
    ("memory_cognition", 22),
    ("mental_health", 8),
    ("social", 6),
    ("sensory", 5),
    ("learning_disability", 1),
    ("not_known", 3),
]
TEAM_SHARE = [(NORTH, 40), (SOUTH, 34), (HOSPITALS, 26)]
# Lead practitioners per team, with their share of the team's enquiries.
LEADS = {
    NORTH: [("practitioner", 60), ("practitioner.north", 40)],
    SOUTH: [("practitioner.south", 55), ("practitioner.south2", 45)],
    HOSPITALS: [("practitioner.hospitals", 55), ("practitioner.hospitals2", 45)],
}
TYPES = [
    ("neglect_omission", 30),
    ("physical", 17),
    ("financial_material", 17),
    ("psychological", 14),
    ("self_neglect", 7),
    ("domestic", 5),
    ("organisational", 4),
    ("sexual", 3),
    ("discriminatory", 1),
    ("sexual_exploitation", 1),
    ("modern_slavery", 1),
]
# Types of risk often reported alongside each type.
ALSO = {
    "neglect_omission": ["psychological", "organisational", "physical"],
    "physical": ["psychological", "neglect_omission"],
    "financial_material": ["psychological", "neglect_omission"],
    "psychological": ["financial_material", "physical"],
    "self_neglect": [],
    "domestic": ["physical", "psychological", "financial_material"],
    "organisational": ["neglect_omission", "psychological"],
    "sexual": ["physical", "psychological"],
    "sexual_exploitation": ["financial_material", "psychological"],
    "discriminatory": ["psychological"],
    "modern_slavery": ["financial_material", "physical"],
}
LOCATIONS_LOCALITY = [
    ("own_home", 55),
    ("care_home_residential", 12),
    ("care_home_nursing", 7),
    ("in_community", 8),
    ("community_service", 5),
    ("hospital_acute", 4),
    ("hospital_mental_health", 2),
    ("hospital_community", 2),
    ("other", 5),
]
LOCATIONS_HOSPITALS = [
    ("own_home", 15),
    ("care_home_residential", 30),
    ("care_home_nursing", 25),
    ("hospital_acute", 15),
    ("hospital_mental_health", 6),
    ("hospital_community", 5),
    ("other", 4),
]
INSTITUTIONS = {
    "care_home_residential",
    "care_home_nursing",
    "hospital_acute",
    "hospital_mental_health",
    "hospital_community",
}
RAISED_BY_HOME = [
    (RaisedBy.HEALTH, 22),
    (RaisedBy.FAMILY_FRIEND, 18),
    (RaisedBy.CARE_PROVIDER, 18),
    (RaisedBy.POLICE, 12),
    (RaisedBy.COUNCIL, 10),
    (RaisedBy.HOUSING, 6),
    (RaisedBy.SELF, 6),
    (RaisedBy.MEMBER_OF_PUBLIC, 5),
    (RaisedBy.OTHER, 3),
]
RAISED_BY_INSTITUTION = [
    (RaisedBy.CARE_PROVIDER, 45),
    (RaisedBy.HEALTH, 25),
    (RaisedBy.FAMILY_FRIEND, 17),
    (RaisedBy.COUNCIL, 6),
    (RaisedBy.POLICE, 4),
    (RaisedBy.OTHER, 3),
]
DECISIONS = [(Decision.S42, 35), (Decision.OTHER, 15), (Decision.NONE, 50)]


@dataclass
class Subject:
    """What the generator knows about a person while writing their record."""

    person: object
    team_name: str
    age: int
    pronouns: tuple[str, str, str]  # subject, possessive, object
    facts: dict = field(default_factory=dict)


class Generator:
    def __init__(
        self,
        *,
        people: int = 300,
        seed: int = 7,
        today: date | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        self.count = people
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.today = today or current_day()
        self.progress = progress or (lambda line: None)

    # The run ---------------------------------------------------------------------------------

    def run(self) -> None:
        ref.clear_cache()
        self.teams, self.users, _ = ensure_demo_users()
        self.writer = EnquiryWriter(rng=self.rng, fake=self.fake, today=self.today)
        self.nhs_used: set[str] = set()
        done = 0
        while done < self.count:
            size = min(CHUNK, self.count - done)
            with transaction.atomic():
                for _ in range(size):
                    self.person()
            done += size
            self.progress(f"  {done} of {self.count} people written")
        with transaction.atomic():
            programme.create(teams=self.teams, users=self.users, today=self.today)
            evidence.create(teams=self.teams, users=self.users)
        self.progress("  a sample improvement project and the staff briefing written")

    def duty_worker(self, team_name: str):
        return self.users[pick(self.rng, LEADS[team_name])]

    def decider(self, team_name: str):
        return self.users["manager" if team_name == NORTH else "lead"]

    # People ------------------------------------------------------------------------------

    def person(self) -> None:
        rng = self.rng
        team_name = pick(rng, TEAM_SHARE)
        low, high = pick(rng, AGE_BANDS)
        age = rng.randint(low, high)
        sex = pick(rng, SEXES)
        ethnicity = pick(rng, ETHNICITIES)
        gendered = sex if sex != "not_known" else rng.choice(["female", "male"])
        first, last = self.name(gendered, ethnicity)
        support = pick(rng, SUPPORT_YOUNGER if age < 65 else SUPPORT_OLDER)
        born = self.today - timedelta(days=int(age * 365.25) + rng.randrange(365))
        autism = support == "learning_disability" and rng.random() < 0.25
        aspergers = age < 65 and not autism and rng.random() < 0.04
        language = ""
        choices = text.INTERPRETER_LANGUAGES.get(ethnicity)
        if choices and rng.random() < (0.02 if ethnicity == "white" else 0.25):
            language = rng.choice(choices)
        pronouns = {"female": ("she", "her", "her"), "male": ("he", "his", "him")}.get(
            sex, ("they", "their", "them")
        )
        preferred = ""
        if first in text.PREFERRED_NAMES and rng.random() < 0.4:
            preferred = text.PREFERRED_NAMES[first]
        communication = ""
        if rng.random() < 0.2:
            communication = rng.choice(text.COMMUNICATION_OTHER).format(obj=pronouns[2])
        person = people.person_create(
            actor=self.duty_worker(team_name),
            first_name=first,
            last_name=last,
            preferred_name=preferred,
            team=self.teams[team_name],
            date_of_birth=born,
            sex=sex,
            ethnicity=ethnicity,
            primary_support_reason=support,
            autism=autism,
            aspergers=aspergers,
            nhs_number=self.nhs_number() if rng.random() < 0.75 else "",
            interpreter_language=language,
            needs_easy_read=(support == "learning_disability" and rng.random() < 0.6)
            or (support == "memory_cognition" and rng.random() < 0.1),
            needs_bsl=(support == "sensory" and rng.random() < 0.2) or rng.random() < 0.004,
            communication_other=communication,
        )
        subject = Subject(person=person, team_name=team_name, age=age, pronouns=pronouns)
        for received in self.concern_dates():
            self.concern(subject, received)

    def name(self, sex: str, ethnicity: str) -> tuple[str, str]:
        bank = text.NAMES.get(ethnicity)
        if bank and self.rng.random() < 0.85:
            return self.rng.choice(bank[sex]), self.rng.choice(bank["last"])
        first = self.fake.first_name_female() if sex == "female" else self.fake.first_name_male()
        return first, self.fake.last_name()

    def nhs_number(self) -> str:
        """A number that passes the check digit, from the range the NHS never issues to patients."""
        while True:
            number = nhs.with_check_digit("999" + "".join(self.rng.choices("0123456789", k=6)))
            if number and number not in self.nhs_used:
                self.nhs_used.add(number)
                return number

    def concern_dates(self) -> list[date]:
        wanted = pick(self.rng, [(1, 76), (2, 19), (3, 5)])
        offsets = sorted(self.rng.randrange(WINDOW_DAYS) for _ in range(wanted))
        kept: list[int] = []
        for offset in offsets:
            if not kept or offset - kept[-1] >= 45:
                kept.append(offset)
        start = self.today - timedelta(days=WINDOW_DAYS)
        return [start + timedelta(days=offset) for offset in kept]

    # Concerns and decisions ---------------------------------------------------------------

    def concern(self, subject: Subject, received: date) -> None:
        rng = self.rng
        team_name = subject.team_name
        allegations, facts = self.allegations(team_name)
        subject.facts = facts
        raised_by = pick(
            rng,
            RAISED_BY_INSTITUTION if facts["location"] in INSTITUTIONS else RAISED_BY_HOME,
        )
        words = self.words_about(subject)
        concern = concerns.concern_create(
            actor=self.duty_worker(team_name),
            person=subject.person,
            team=self.teams[team_name],
            received_date=received,
            raised_by_relationship=raised_by,
            raised_by_name=self.raised_by_name(raised_by, subject, facts),
            what_reported=rng.choice(text.WHAT_REPORTED[facts["type"]]).format(**words),
            allegations=allegations,
        )
        waited = (self.today - received).days
        if waited <= 6 and rng.random() < 0.6:
            return  # still waiting for a decision
        decided = min(
            received
            + timedelta(days=pick(rng, [(0, 30), (1, 30), (2, 20), (3, 10), (5, 6), (7, 4)])),
            self.today,
        )
        decision = pick(rng, DECISIONS)
        reason, support = "", ""
        if decision == Decision.S42:
            criteria = (True, True, True)
            reason = "All three section 42 criteria are met."
        elif decision == Decision.OTHER:
            criteria, reason = rng.choice(text.OTHER_ENQUIRY_REASONS)
        else:
            criteria, reason, support = rng.choice(text.NO_ENQUIRY_REASONS)
        started = min(decided + timedelta(days=pick(rng, [(0, 70), (1, 20), (2, 10)])), self.today)
        enquiry = concerns.concern_decide(
            actor=self.decider(team_name),
            concern=concern,
            decision=decision,
            decision_date=decided,
            criteria_care_needs=criteria[0],
            criteria_abuse_or_neglect=criteria[1],
            criteria_unable_to_protect=criteria[2],
            decision_reason=reason,
            other_support_offered=support,
            team=self.teams[team_name] if decision != Decision.NONE else None,
            enquiry_start_date=started if decision != Decision.NONE else None,
        )
        if enquiry is not None:
            self.writer.write(
                enquiry,
                subject=subject,
                words=words,
                allocator=self.decider(team_name),
                leads=[(self.users[name], weight) for name, weight in LEADS[team_name]],
            )

    def allegations(self, team_name: str) -> tuple[list[dict], dict]:
        rng = self.rng
        first = pick(rng, TYPES)
        types = [first]
        companions = list(ALSO[first])
        for _ in range(pick(rng, [(0, 65), (1, 27), (2, 8)])):
            if companions:
                types.append(companions.pop(rng.randrange(len(companions))))
        first = types[0]
        if first in ("self_neglect", "domestic"):
            location = "own_home"
        elif first == "organisational":
            location = pick(
                rng, [(code, w) for code, w in LOCATIONS_HOSPITALS if code in INSTITUTIONS]
            )
        else:
            location = pick(
                rng, LOCATIONS_HOSPITALS if team_name == HOSPITALS else LOCATIONS_LOCALITY
            )
        source = self.source(first, location)
        relations = {
            "service_provider": text.RELATIONS_PROVIDER,
            "other_known": text.RELATIONS_KNOWN,
            "other_unknown": text.RELATIONS_UNKNOWN,
        }[source]
        if source == "service_provider" and location.startswith("hospital"):
            relations = text.RELATIONS_HOSPITAL
        elif source == "service_provider" and location.startswith("care_home"):
            relations = text.RELATIONS_CARE_HOME
        relation = pick(rng, relations)
        provider = ""
        if location.startswith("care_home"):
            provider = f"{self.fake.last_name()} {rng.choice(text.CARE_HOME_NAMES)}"
        elif location.startswith("hospital"):
            provider = f"{rng.choice(text.PLACES)} {'General' if location == 'hospital_acute' else 'Community'} Hospital"
        elif source == "service_provider":
            provider = f"{rng.choice(text.PLACES)} {rng.choice(text.HOME_CARE_NAMES)}"
        if source == "other_known":
            detail = f"The person's {relation}"
        elif source == "other_unknown":
            detail = f"Not known to the person: a {relation}"
        else:
            detail = f"{provider} ({relation})" if provider else f"A paid {relation}"
        # Allegations reported together are about the same place and the same source.
        rows = [
            {
                "type_of_risk": type_of_risk,
                "location_of_risk": location,
                "source_of_risk": source,
                "detail": detail,
            }
            for type_of_risk in types
        ]
        facts = {
            "type": first,
            "types": types,
            "location": location,
            "source": source,
            "relation": relation,
            "provider": provider,
        }
        return rows, facts

    def source(self, type_of_risk: str, location: str) -> str:
        rng = self.rng
        if type_of_risk in ("domestic", "self_neglect"):
            return "other_known"
        if type_of_risk == "organisational" or location in INSTITUTIONS:
            return pick(rng, [("service_provider", 75), ("other_known", 20), ("other_unknown", 5)])
        if type_of_risk == "neglect_omission":
            return pick(rng, [("service_provider", 60), ("other_known", 40)])
        if type_of_risk in ("financial_material", "modern_slavery"):
            return pick(rng, [("other_known", 65), ("other_unknown", 25), ("service_provider", 10)])
        if location in ("in_community", "community_service", "other"):
            return pick(rng, [("other_unknown", 50), ("other_known", 40), ("service_provider", 10)])
        return pick(rng, [("other_known", 75), ("service_provider", 20), ("other_unknown", 5)])

    def raised_by_name(self, raised_by: str, subject: Subject, facts: dict) -> str:
        rng, fake = self.rng, self.fake
        place = rng.choice(text.PLACES)
        if raised_by == RaisedBy.SELF:
            return subject.person.full_name
        if raised_by == RaisedBy.FAMILY_FRIEND:
            return fake.name()
        if raised_by == RaisedBy.CARE_PROVIDER:
            return facts["provider"] or f"{place} {rng.choice(text.HOME_CARE_NAMES)}"
        if raised_by == RaisedBy.HEALTH:
            return rng.choice(
                [
                    f"GP, {place} Surgery",
                    f"District nurse, {place}",
                    f"Ward 7, {place} General Hospital",
                ]
            )
        if raised_by == RaisedBy.POLICE:
            return f"PC {fake.last_name()}"
        if raised_by == RaisedBy.COUNCIL:
            return "Adult social care front door"
        if raised_by == RaisedBy.HOUSING:
            return f"{place} Housing Association"
        if raised_by == RaisedBy.MEMBER_OF_PUBLIC:
            return "" if rng.random() < 0.5 else fake.name()
        return "Fire and rescue service"

    def words_about(self, subject: Subject) -> dict:
        """Placeholders for text written about the person."""
        person = subject.person
        sub, pos, obj = subject.pronouns
        return {
            "name": person.known_as,
            "Name": person.known_as,
            "sub": sub,
            "Sub": sub.capitalize(),
            "pos": pos,
            "obj": obj,
            "rel": subject.facts.get("relation", "family"),
            "rel_or_family": subject.facts.get("relation", "family")
            if subject.facts.get("source") == "other_known"
            else "family",
        }


def generate(
    *,
    people: int = 300,
    seed: int = 7,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    Generator(people=people, seed=seed, today=today, progress=progress).run()
