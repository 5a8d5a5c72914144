"""The rows of the bulk demo data, planned in plain Python without touching the database.

A `Planner` walks through people one at a time and yields `Chunk`s of ready-to-insert row tuples
(people, their concerns and allegations, the enquiries that follow, and optionally a light layer
of conversations, desired outcomes and closing reviews). Ids and references are given out in
sequence from the starting points the loader read from the database, so rows refer to each other
without a round trip. One `random.Random(seed)` makes every choice: the same seed, year, staff and
starting points give the same rows.

The rows keep the rules the services enforce: dates in order (born, concern received, decision,
enquiry start, conversations, end) and none after the day the data is made; codes from the
reference lists; the enquiry's team is the concern's team and its lead works in that team; the
concern's decision matches the enquiry's kind; the statutory answers are set only on closed
enquiries, with a risk outcome only where the action and result calls for one.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from msp import sac
from msp.core.periods import ReportingYear
from msp.demo import text
from msp.demo.bulk import shares as s
from msp.people.names import name_keys

RECORDED = ["created_at", "updated_at", "created_by_id", "archived_at", "archived_reason"]
COLUMNS = {
    "person": [
        "id",
        "reference",
        "first_name",
        "last_name",
        "preferred_name",
        "date_of_birth",
        "date_of_death",
        "sex",
        "ethnicity",
        "primary_support_reason",
        "autism",
        "aspergers",
        "nhs_number",
        "interpreter_language",
        "needs_easy_read",
        "needs_bsl",
        "communication_other",
        "team_id",
        "source_reference",
        "name_keys",
        "version",
        *RECORDED,
    ],
    "concern": [
        "id",
        "reference",
        "person_id",
        "team_id",
        "received_date",
        "raised_by_name",
        "raised_by_relationship",
        "what_reported",
        "decision",
        "criteria_care_needs",
        "criteria_abuse_or_neglect",
        "criteria_unable_to_protect",
        "decision_reason",
        "other_support_offered",
        "decided_by_id",
        "decision_date",
        "source_reference",
        "version",
        *RECORDED,
    ],
    "allegation": [
        "id",
        "concern_id",
        "type_of_risk",
        "location_of_risk",
        "source_of_risk",
        "detail",
        *RECORDED,
    ],
    "enquiry": [
        "id",
        "concern_id",
        "person_id",
        "kind",
        "team_id",
        "lead_id",
        "start_date",
        "end_date",
        "action_and_result",
        "risk_outcome",
        "ceased_at_request",
        "sac_asked_outcomes",
        "sac_outcomes_achieved",
        "sac_lacked_capacity",
        "sac_advocate_support",
        "sac_corrections",
        "version",
        *RECORDED,
    ],
    "conversation": [
        "id",
        "enquiry_id",
        "held_on",
        "stage",
        "kind",
        "participants",
        "method",
        "notes",
        "asked_no_outcomes",
        *RECORDED,
    ],
    "outcome": [
        "id",
        "enquiry_id",
        "conversation_id",
        "words",
        "category",
        "expressed_by",
        "status",
        "alternative_to_id",
        "replaced_by_id",
        "achievement",
        "persons_view",
        "practitioner_reasons",
        "not_rated_reason",
        "revision_count",
        "version",
        *RECORDED,
    ],
    "closing_review": [
        "id",
        "enquiry_id",
        "reviewed_on",
        "experience_answered_by",
        "experience_comments",
        *RECORDED,
    ],
}
TABLES = list(COLUMNS)

FIRST_NAMES = {
    "female": [
        "Margaret", "Joan", "Dorothy", "Patricia", "Jean", "Sheila", "Barbara", "Elizabeth",
        "Mary", "Susan", "Linda", "Janet", "Sarah", "Emma", "Claire", "Karen", "Irene", "Edna",
        "Doreen", "Valerie",
    ],
    "male": [
        "John", "David", "Michael", "Peter", "Robert", "William", "Kenneth", "Brian", "Alan",
        "George", "Raymond", "Derek", "Paul", "Mark", "Stephen", "Andrew", "James", "Ronald",
        "Harold", "Leslie",
    ],
}  # fmt: skip
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward",
    "Morris", "King", "Baker",
]  # fmt: skip
OFFICE_HOURS = [f" {minute // 60:02d}:{minute % 60:02d}:00" for minute in range(8 * 60, 17 * 60)]
PRONOUNS = {"female": ("she", "her", "her"), "male": ("he", "his", "him")}
RELATIONS = {
    "service_provider": [r for r, _ in text.RELATIONS_PROVIDER],
    "other_known": [r for r, _ in text.RELATIONS_KNOWN],
    "other_unknown": [r for r, _ in text.RELATIONS_UNKNOWN],
}
FIRST_PERSON = {
    "I": "I",
    "want": "want",
    "dont": "don't",
    "my": "my",
    "me": "me",
    "myself": "myself",
}


def _outcome_words() -> dict[str, list[tuple[str, str]]]:
    """(category, words) a person might want, by type of risk, in their own first-person words."""
    bank = {}
    for type_of_risk, entries in text.OUTCOMES.items():
        bank[type_of_risk] = [
            (category, words.format(**FIRST_PERSON, rel="{rel}")) for category, words, *_ in entries
        ]
    general = [
        (category, words.format(**FIRST_PERSON)) for category, words, *_ in text.GENERAL_OUTCOMES
    ]
    return {key: value + general for key, value in bank.items()}


OUTCOME_WORDS = _outcome_words()


@dataclass
class Team:
    """A team as the planner needs it: its id, its share of the concerns and who works in it."""

    id: int
    weight: float
    decider_id: int
    lead_ids: list[int]


@dataclass
class Starts:
    """Where the planner's ids and reference numbers begin (one past what the database holds)."""

    ids: dict[str, int]
    person_number: int
    concern_number: int


@dataclass
class Chunk:
    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLES})
    last_person_number: int = 0
    last_concern_number: int = 0

    @property
    def concerns(self) -> int:
        return len(self.rows["concern"])


class Planner:
    def __init__(
        self,
        *,
        concerns: int,
        seed: int,
        year: ReportingYear,
        teams: list[Team],
        starts: Starts,
        today: date,
        practice: bool,
        actor_id: int | None = None,
        history: bool = False,
        open_quota: dict[int, int] | None = None,
    ):
        """`history`: part of several years of data, so every enquiry of a past year has closed
        by now, and the year in progress (allowed only then) runs to yesterday, its enquiries
        open while their duration has not run out. `open_quota`: how many open enquiries each
        lead practitioner may hold; an open enquiry goes to a colleague in the team with room,
        or closes today when the whole team is full."""
        if year.end >= today and not history:
            raise ValueError(f"The year {year.label} is not over yet: choose a complete year")
        self.total = concerns
        self.rng = random.Random(seed)
        self.year = year
        # The actions whose enquiries record a risk outcome: the year's own dependency.
        self.risk_assessed = sac.spec_for(year).answer("risk_outcome").only_when.codes
        self.teams = teams
        self.team_pick = s.Picker([(team, team.weight) for team in teams])
        self.next = dict(starts.ids)
        self.person_number = starts.person_number
        self.concern_number = starts.concern_number
        self.today = today.toordinal()
        self.first_day = year.start.toordinal()
        self.last_day = min(year.end.toordinal(), self.today - 1)
        self.history = history
        self.in_progress = year.end >= today
        self.open_quota = open_quota
        self.practice = practice
        self.actor_id = actor_id
        self._iso: dict[int, str] = {}

    # Helpers -------------------------------------------------------------------------------

    def iso(self, day: int) -> str:
        """The ISO date of a day number (ordinal), remembered: the same few hundred days recur."""
        found = self._iso.get(day)
        if found is None:
            found = self._iso[day] = date.fromordinal(day).isoformat()
        return found

    def stamp(self, day: int) -> str:
        """A recording time on a day: office hours, in the naive UTC form both databases accept."""
        return self.iso(day) + OFFICE_HOURS[int(self.rng.random() * len(OFFICE_HOURS))]

    def new_id(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def recorded(self, created_day: int, updated_day: int | None = None) -> tuple:
        created = self.stamp(created_day)
        updated = created if updated_day is None else self.stamp(updated_day)
        if updated < created:
            updated = created
        return (created, updated, self.actor_id, None, "")

    # The walk ------------------------------------------------------------------------------

    def chunks(self, size: int = 10_000):
        """Yield chunks of about `size` concerns until the total is reached."""
        made = 0
        chunk = Chunk()
        while made < self.total:
            made += self.person(chunk, limit=self.total - made)
            if chunk.concerns >= size:
                yield self._close(chunk)
                chunk = Chunk()
        if chunk.concerns:
            yield self._close(chunk)

    def _close(self, chunk: Chunk) -> Chunk:
        chunk.last_person_number = self.person_number - 1
        chunk.last_concern_number = self.concern_number - 1
        return chunk

    def person(self, chunk: Chunk, *, limit: int) -> int:
        """Plan one person and their concerns in the year; return how many concerns."""
        rng = self.rng
        team = self.team_pick(rng)
        low, high = s.AGE_BANDS(rng)
        age = rng.randint(low, high)
        # Age on the last day of the year, as the return counts it.
        born = self.last_day - int(age * 365.25) - int(rng.random() * 365)
        sex = s.SEX(rng)
        ethnicity = s.ETHNICITY(rng)
        named_as = sex if sex != "not_known" else rng.choice(("female", "male"))
        bank = text.NAMES.get(ethnicity)
        if bank:
            first, last = rng.choice(bank[named_as]), rng.choice(bank["last"])
        else:
            first, last = rng.choice(FIRST_NAMES[named_as]), rng.choice(LAST_NAMES)
        support = (s.SUPPORT_YOUNGER if age < 65 else s.SUPPORT_OLDER)(rng)
        autism = support == "learning_disability" and rng.random() < 0.25
        aspergers = age < 65 and not autism and rng.random() < 0.04

        wanted = min(s.CONCERNS_PER_PERSON(rng), limit)
        span = self.last_day - self.first_day + 1
        days = sorted(self.first_day + int(rng.random() * span) for _ in range(wanted))
        died = None
        if rng.random() < s.DIED_IN_YEAR and age >= 19:  # adults at death too
            died = min(days[-1] + rng.randrange(1, 90), self.last_day)

        person_id = self.new_id("person")
        reference = f"P{self.person_number:06d}"
        self.person_number += 1
        chunk.rows["person"].append(
            (
                person_id,
                reference,
                first,
                last,
                "",
                self.iso(born),
                self.iso(died) if died else None,
                sex,
                ethnicity,
                support,
                autism,
                aspergers,
                "",
                "",
                support == "learning_disability" and rng.random() < 0.6,
                support == "sensory" and rng.random() < 0.2,
                "",
                team.id,
                "",
                _name_keys(first, last),
                1,
                *self.recorded(days[0]),
            )
        )
        propensity = s.S42_PROPENSITY(rng)
        words = {
            "name": first,
            "Name": first,
            "sub": PRONOUNS.get(sex, ("they",))[0],
            "Sub": PRONOUNS.get(sex, ("they",))[0].capitalize(),
            "pos": PRONOUNS.get(sex, ("", "their"))[1],
            "obj": PRONOUNS.get(sex, ("", "", "them"))[2],
        }
        for received in days:
            self.concern(chunk, person_id, team, received, propensity, words)
        return wanted

    def concern(
        self, chunk: Chunk, person_id: int, team: Team, received: int, propensity, words
    ) -> None:
        rng = self.rng
        concern_id = self.new_id("concern")
        reference = f"C{self.concern_number:06d}"
        self.concern_number += 1

        first = s.FIRST_TYPE(rng)
        types = [first]
        companions = list(s.ALSO[first])
        for _ in range(s.EXTRA_ALLEGATIONS(rng)):
            if companions:
                types.append(companions.pop(rng.randrange(len(companions))))
        if first in ("self_neglect", "domestic"):
            location = "own_home"
        elif first == "organisational":
            location = s.INSTITUTION(rng)
        else:
            location = s.LOCATION(rng)
        source = self.source(first, location)
        relation = rng.choice(RELATIONS[source])
        created = self.recorded(received)
        for type_of_risk in types:
            chunk.rows["allegation"].append(
                (
                    self.new_id("allegation"),
                    concern_id,
                    type_of_risk,
                    location,
                    source,
                    "",
                    *created,
                )
            )
        raised_by = (s.RAISED_BY_INSTITUTION if location in s.INSTITUTIONS else s.RAISED_BY_HOME)(
            rng
        )
        what = rng.choice(text.WHAT_REPORTED[first]).format(
            **words, rel=relation, rel_or_family=relation if source == "other_known" else "family"
        )

        decided = min(received + s.DAYS_TO_DECISION(rng), self.today)
        roll = rng.random()
        if roll < propensity:
            decision, criteria, support = "s42", (True, True, True), ""
            reason = "All three section 42 criteria are met."
        elif roll < propensity + s.OTHER_ENQUIRY:
            decision = "other"
            criteria, reason = rng.choice(text.OTHER_ENQUIRY_REASONS)
            support = ""
        else:
            decision = "none"
            criteria, reason, support = rng.choice(text.NO_ENQUIRY_REASONS)
        chunk.rows["concern"].append(
            (
                concern_id,
                reference,
                person_id,
                team.id,
                self.iso(received),
                "",
                raised_by,
                what,
                decision,
                *criteria,
                reason,
                support,
                team.decider_id,
                self.iso(decided),
                "",
                2,  # created, then decided
                created[0],
                max(created[0], self.stamp(decided)),
                *created[2:],
            )
        )
        if decision != "none":
            self.enquiry(chunk, concern_id, person_id, team, decision, decided, first, words)

    def source(self, type_of_risk: str, location: str) -> str:
        rng = self.rng
        if type_of_risk in ("domestic", "self_neglect"):
            return "other_known"
        if type_of_risk == "organisational" or location in s.INSTITUTIONS:
            return s.SOURCE_INSTITUTION(rng)
        if type_of_risk == "neglect_omission":
            return s.SOURCE_NEGLECT(rng)
        if type_of_risk in ("financial_material", "modern_slavery"):
            return s.SOURCE_MONEY(rng)
        if location in ("in_community", "community_service", "other"):
            return s.SOURCE_OUTSIDE(rng)
        return s.SOURCE_HOME(rng)

    def enquiry(
        self,
        chunk: Chunk,
        concern_id: int,
        person_id: int,
        team: Team,
        kind: str,
        decided: int,
        type_of_risk: str,
        words: dict,
    ) -> None:
        rng = self.rng
        enquiry_id = self.new_id("enquiry")
        start = min(decided + s.DAYS_TO_START(rng), self.today)
        low, high = s.DURATION(rng)
        end = start + rng.randint(low, high)
        if self.history:
            if self.in_progress and end > self.today:
                end = None  # still open
            else:
                end = min(end, self.today)
        elif end > self.last_day and rng.random() >= s.CLOSED_AFTER_YEAR:
            end = None  # still open
        elif end is not None:
            end = min(end, self.today)
        lead = rng.choice(team.lead_ids)
        if end is None and rng.random() < s.UNALLOCATED_OPEN:
            lead = None
        elif end is None and self.open_quota is not None:
            lead = self._lead_with_room(team, lead)
            if lead is None:
                lead = rng.choice(team.lead_ids)
                end = self.today  # the team is full: this one has closed
        # The statutory answers are drawn for every enquiry (so the practice layer can agree with
        # them) but recorded only once the enquiry closes, as closure does.
        action = s.ACTION_AND_RESULT(rng)
        risk = ""
        if action in self.risk_assessed:
            risk = s.RISK_OUTCOME(rng)
        capacity = s.LACKED_CAPACITY(rng)
        supported = (
            (rng.random() < s.SUPPORTED_WHEN_LACKING) if capacity == "lacked_capacity" else None
        )
        asked = s.ASKED_OUTCOMES(rng)
        achieved = s.OUTCOMES_ACHIEVED(rng) if asked == "asked_expressed" else ""
        closed = end is not None
        chunk.rows["enquiry"].append(
            (
                enquiry_id,
                concern_id,
                person_id,
                kind,
                team.id,
                lead,
                self.iso(start),
                self.iso(end) if closed else None,
                action if closed else "",
                risk if closed else "",
                closed and action == "ceased_at_request",
                asked if closed else "",
                achieved if closed else "",
                capacity if closed else "",
                supported if closed else None,
                "{}",
                3 if closed else 1,  # opened, closing review, closed
                *self.recorded(start, end),
            )
        )
        if (
            self.practice
            and asked in ("asked_expressed", "asked_none_expressed")
            and rng.random() < s.PRACTICE_SHARE
        ):
            self.practice_layer(chunk, enquiry_id, start, end, asked, achieved, type_of_risk, words)

    def _lead_with_room(self, team: Team, lead: int) -> int | None:
        """The chosen lead if under their open-caseload quota, else a colleague who is."""
        quota = self.open_quota
        if quota.get(lead, 0) <= 0:
            lead = next((other for other in team.lead_ids if quota.get(other, 0) > 0), None)
            if lead is None:
                return None
        quota[lead] -= 1
        return lead

    def practice_layer(
        self,
        chunk: Chunk,
        enquiry_id: int,
        start: int,
        end: int | None,
        asked: str,
        achieved: str,
        type_of_risk: str,
        words: dict,
    ) -> None:
        """A start conversation with the outcomes expressed in it, an end conversation and a
        closing review when the enquiry closed: enough for the dashboard's practice measures."""
        rng = self.rng
        limit = end if end is not None else self.today
        held = min(start + rng.randrange(6), limit)
        conversation_id = self.new_id("conversation")
        chunk.rows["conversation"].append(
            (
                conversation_id,
                enquiry_id,
                self.iso(held),
                "start",
                "conversation",
                _json_list(s.PARTICIPANTS(rng)),
                s.METHOD(rng),
                rng.choice(text.CONVERSATION_NOTES["start"]).format(**words),
                asked == "asked_none_expressed",
                *self.recorded(held),
            )
        )
        if asked == "asked_expressed":
            wanted = s.OUTCOMES_PER_ENQUIRY(rng)
            bank = OUTCOME_WORDS[type_of_risk]
            picked = rng.sample(bank, min(wanted, len(bank)))
            ratings = (
                _ratings(rng, achieved, len(picked)) if end is not None else [""] * len(picked)
            )
            for (category, phrase), rating in zip(picked, ratings, strict=True):
                chunk.rows["outcome"].append(
                    (
                        self.new_id("outcome"),
                        enquiry_id,
                        conversation_id,
                        phrase.replace("{rel}", "family"),
                        category,
                        s.EXPRESSED_BY(rng),
                        "current",
                        None,
                        None,
                        rating,
                        "",
                        "",
                        "",
                        0,
                        2 if rating else 1,
                        *self.recorded(held, end),
                    )
                )
        if end is not None:
            chunk.rows["conversation"].append(
                (
                    self.new_id("conversation"),
                    enquiry_id,
                    self.iso(end),
                    "end",
                    "conversation",
                    _json_list(s.PARTICIPANTS(rng)),
                    s.METHOD(rng),
                    rng.choice(text.CONVERSATION_NOTES["end"]).format(**words),
                    False,
                    *self.recorded(end),
                )
            )
            chunk.rows["closing_review"].append(
                (
                    self.new_id("closing_review"),
                    enquiry_id,
                    self.iso(end),
                    "",
                    "",
                    *self.recorded(end),
                )
            )


@lru_cache(maxsize=20_000)
def _name_keys(first: str, last: str) -> str:
    # The name banks repeat names, so the keys of each pair are worked out once.
    return name_keys(first, last)


def _json_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def _ratings(rng: random.Random, overall: str, count: int) -> list[str]:
    """Ratings for each outcome that add up to the enquiry's overall answer (see
    msp.sac.derivation.overall_achievement): fully only if all fully, not only if all not."""
    if overall in ("fully", "not"):
        return [overall] * count
    ratings = [rng.choice(("fully", "partially", "not")) for _ in range(count)]
    ratings[rng.randrange(count)] = "partially"
    return ratings
