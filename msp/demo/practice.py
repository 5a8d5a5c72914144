"""The practice inside a demo enquiry: conversations, outcomes in the person's words, capacity,
representation, risk discussions, responses and the closing review, written through the services.

Each enquiry gets a fate (closed, still going, drifting, waiting for allocation ...) and a
timeline counted from its start date, so every date lands in order and none is in the future.
"""

import random
from datetime import date, timedelta

from msp.enquiries import services as enquiries
from msp.enquiries import statutory
from msp.enquiries.models import (
    AnsweredBy,
    CapacityOutcome,
    ConversationKind,
    Method,
    Participant,
    Stage,
)
from msp.outcomes import services as outcomes
from msp.reference import selectors as ref

from . import text

# Open enquiries take their turn through this pattern, team by team, so every caseload shows
# some drift (no start conversation, nothing recent, waiting for allocation) among steady work.
OPEN_PATTERN = [
    "active",
    "no_start",
    "active",
    "stalled",
    "active",
    "unallocated",
    "active",
    "reviewed",
    "active",
    "stalled",
    "active",
    "active",
]
METHODS = [(Method.IN_PERSON, 65), (Method.PHONE, 25), (Method.VIDEO, 5), (Method.OTHER, 5)]
MEETING_KINDS = [
    (ConversationKind.CONVERSATION, 75),
    (ConversationKind.STRATEGY, 10),
    (ConversationKind.NETWORK, 8),
    (ConversationKind.FGC, 4),
    (ConversationKind.OTHER, 3),
]
ROLE_SPEAKS_AS = {
    "family_friend": ("representative", Participant.REPRESENTATIVE),
    "imca": ("advocate", Participant.ADVOCATE),
    "care_act_advocate": ("advocate", Participant.ADVOCATE),
    "other_advocate": ("advocate", Participant.ADVOCATE),
    "attorney": ("attorney_or_deputy", Participant.REPRESENTATIVE),
    "deputy": ("attorney_or_deputy", Participant.REPRESENTATIVE),
}
ACTIONS = [
    ("risk_identified_action", 52),
    ("inconclusive_action", 12),
    ("no_risk_action", 6),
    ("risk_identified_no_action", 5),
    ("inconclusive_no_action", 6),
    ("no_risk_no_action", 6),
    ("ceased_at_request", 8),
]
RESPONSES = [
    ("information_and_signposting", 15),
    ("provider_or_regulator_action", 12),
    ("police_criminal_justice", 8),
    ("strategy_discussion", 10),
    ("network_meeting", 10),
    ("risk_enablement", 9),
    ("recovery_support", 6),
    ("family_group_conference", 4),
    ("mediation", 4),
    ("civil_law", 2),
    ("restorative", 2),
]
# How far outcomes were achieved, by how the enquiry went overall ("" is left unrated).
GOING_WELL = [("fully", 84), ("partially", 12), ("not", 2), ("", 2)]
MIXED = [("fully", 35), ("partially", 47), ("not", 15), ("", 3)]
GOING_BADLY = [("fully", 8), ("partially", 40), ("not", 48), ("", 4)]
AGAINST_BY_TYPE = {
    "physical": "crime",
    "domestic": "crime",
    "sexual": "crime",
    "financial_material": "coercion",
    "neglect_omission": "others_at_risk",
    "organisational": "staff_or_provider",
    "self_neglect": "vital_interest",
}


def pick(rng: random.Random, weighted):
    """One value from (value, weight) pairs."""
    values = [value for value, _ in weighted]
    return rng.choices(values, weights=[weight for _, weight in weighted])[0]


def close_chance(days_open: int) -> float:
    """How likely an enquiry that started this long ago has been closed."""
    if days_open <= 60:
        return 0.0
    if days_open <= 120:
        return 0.45
    if days_open <= 240:
        return 0.65
    return 0.78


class EnquiryWriter:
    def __init__(self, *, rng: random.Random, fake, today: date):
        self.rng = rng
        self.fake = fake
        self.today = today
        self.turns: dict[int, int] = {}
        self.topics = [item.code for item in ref.items("experience_topics")]

    # Fate and timeline -------------------------------------------------------------------

    def fate(self, enquiry) -> str:
        days = (self.today - enquiry.start_date).days
        if self.rng.random() < close_chance(days):
            return "closed"
        if days <= 21 and self.rng.random() < 0.3:
            return "unallocated"
        turn = self.turns.get(enquiry.team_id, 0)
        self.turns[enquiry.team_id] = turn + 1
        fate = OPEN_PATTERN[turn % len(OPEN_PATTERN)]
        if fate == "unallocated" and days > 45:
            fate = "no_start"
        if fate == "no_start" and days > 120:
            fate = "stalled"
        if fate == "stalled" and days < 25:
            fate = "no_start"
        if fate == "reviewed" and days < 20:
            fate = "active"
        return fate

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, max(low, high)))

    def horizon(self, start: date, fate: str) -> tuple[date, date | None]:
        """The last day of recorded practice, and the closing date for a closed enquiry."""
        days = (self.today - start).days
        if fate == "closed":
            length = min(days, int(self.rng.triangular(14, 200, 60)))
            closed = start + timedelta(days=length)
            return closed - self.days(0, min(5, length)), closed
        if fate == "reviewed":
            return self.today - self.days(0, min(15, days - 14)), None
        if fate == "stalled":
            return self.today - self.days(21, min(75, days)), None
        return self.today - self.days(0, min(12, days)), None

    def conversation_dates(self, start: date, last: date, fate: str) -> tuple[date, list[date]]:
        """The start conversation's date and the dates of the conversations during the enquiry."""
        rng = self.rng
        span = (last - start).days
        first = start + self.days(0, min(10, span // 3))
        room = (last - first).days
        most = min(3, room // 12)
        least = 1 if fate in ("active", "stalled") and most >= 1 else 0
        count = rng.randint(least, most) if most >= least else 0
        if fate in ("active", "stalled"):
            if count == 0:
                return last, []
            middle = sorted(rng.sample(range(1, room), min(count - 1, room - 1)))
            return first, [first + timedelta(days=d) for d in middle] + [last]
        if count == 0 or room < 2:
            return first, []
        middle = sorted(rng.sample(range(1, room), min(count, room - 1)))
        return first, [first + timedelta(days=d) for d in middle]

    # Writing -----------------------------------------------------------------------------

    def write(self, enquiry, *, subject, words: dict, allocator, leads) -> None:
        self.subject, self.words, self.facts = subject, words, dict(subject.facts)
        fate = self.fate(enquiry)
        if fate != "unallocated":
            lead = pick(self.rng, leads)
            enquiry = enquiries.enquiry_allocate(
                actor=allocator, enquiry=enquiry, team=enquiry.team, lead=lead
            )
        if fate in ("unallocated", "no_start"):
            return
        self.enquiry, self.actor = enquiry, enquiry.lead
        self.entries: dict[int, tuple] = {}
        last, closed = self.horizon(enquiry.start_date, fate)
        first, during = self.conversation_dates(enquiry.start_date, last, fate)
        self.speaks_as, self.present = "person", [Participant.PERSON]
        self.capacity(first)
        self.start_conversation(first)
        for day in during:
            self.during_conversation(day)
        meeting_days = [first, *during]
        if self.rng.random() < 0.45:
            self.risk_discussion(self.rng.choice(meeting_days), last)
        self.responses(meeting_days)
        if fate in ("closed", "reviewed"):
            self.closing_review(last)
        if closed is not None:
            enquiries.enquiry_close(
                actor=self.actor,
                enquiry=self.enquiry,
                end_date=closed,
                corrections=self.corrections(),
            )

    def corrections(self) -> dict:
        """When every outcome was withdrawn or left unrated, the practitioner answers for the return."""
        derived = statutory.derive_for(self.enquiry)
        if (
            derived["sac_asked_outcomes"] == "asked_expressed"
            and not derived["sac_outcomes_achieved"]
        ):
            reason = "The outcomes were withdrawn before the end, so none was achieved"
            return {"sac_outcomes_achieved": ("not", reason)}
        return {}

    def say(self, template: str, *, first_person: bool | None = None) -> str:
        """Words in the person's own voice, or about them when someone speaks for them."""
        first_person = self.speaks_as == "person" if first_person is None else first_person
        _, pos, obj = self.subject.pronouns
        reflexive = {"her": "herself", "him": "himself"}.get(obj, "themselves")
        if first_person:
            values = {
                "I": "I",
                "want": "want",
                "dont": "don't",
                "my": "my",
                "me": "me",
                "myself": "myself",
            }
        else:
            values = {
                "I": self.words["name"],
                "want": "wants",
                "dont": "doesn't",
                "my": pos,
                "me": obj,
                "myself": reflexive,
            }
        result = template.format(rel=self.facts["relation"], **values)
        return result[0].upper() + result[1:]

    def note(self, template: str) -> str:
        return template.format(**self.words)

    def capacity(self, by: date) -> None:
        rng = self.rng
        support = self.subject.person.primary_support_reason
        chance, lacks = {
            "memory_cognition": (0.9, 0.7),
            "learning_disability": (0.75, 0.45),
            "mental_health": (0.45, 0.2),
        }.get(support, (0.45, 0.25) if self.subject.age >= 85 else (0.25, 0.08))
        assessed = by - self.days(0, min(3, (by - self.enquiry.start_date).days))
        if rng.random() < chance:
            outcome = CapacityOutcome.LACKS if rng.random() < lacks else CapacityOutcome.HAS
            enquiries.capacity_record(
                actor=self.actor,
                enquiry=self.enquiry,
                decision=self.note(rng.choice(text.CAPACITY_DECISIONS)),
                assessed_on=assessed,
                outcome=outcome,
                assessor=self.actor.get_full_name()
                if rng.random() < 0.8
                else f"Dr {self.fake.last_name()}, GP",
                notes="Assessed with the person at home, using pictures and short questions."
                if outcome == CapacityOutcome.LACKS
                else "",
            )
            if outcome == CapacityOutcome.LACKS:
                self.speaks_as = "best_interests"
                if rng.random() < 0.85:
                    self.represent(
                        pick(
                            rng,
                            [
                                ("family_friend", 40),
                                ("imca", 30),
                                ("care_act_advocate", 15),
                                ("attorney", 10),
                                ("deputy", 5),
                            ],
                        ),
                        assessed,
                    )
                if rng.random() < 0.2:
                    # Too unwell to take part: others speak for them.
                    self.present = [p for p in self.present if p != Participant.PERSON]
                return
        if rng.random() < 0.08:
            self.represent("care_act_advocate", assessed, speaks=False)

    def represent(self, role: str, from_date: date, *, speaks: bool = True) -> None:
        fake = self.fake
        if role in ("family_friend", "attorney"):
            relation = self.rng.choice(["daughter", "son", "niece", "nephew", "sister"])
            female = relation in ("daughter", "niece", "sister")
            first = fake.first_name_female() if female else fake.first_name_male()
            name = f"{first} {self.subject.person.last_name} ({relation})"
        elif role == "deputy":
            name = f"{fake.name()}, professional deputy"
        else:
            name = f"{fake.name()}, {self.rng.choice(['Advocacy Matters', 'VoiceAbility Partners', 'Speak Up Advocacy'])}"
        enquiries.representation_record(
            actor=self.actor, enquiry=self.enquiry, role=role, name=name, from_date=from_date
        )
        speaks_as, attends = ROLE_SPEAKS_AS[role]
        if speaks:
            self.speaks_as = speaks_as
        self.present.append(attends)

    def participants(self) -> list[str]:
        chosen = list(self.present)
        if self.rng.random() < 0.3:
            chosen.append(Participant.FAMILY)
        if self.rng.random() < 0.25 or not chosen:
            chosen.append(Participant.PROFESSIONALS)
        return chosen

    def pool(self, used: set[str]) -> list[tuple]:
        unknown_source = self.facts["source"] == "other_unknown"
        bank = text.OUTCOMES.get(self.facts["type"], []) + text.OUTCOMES.get(
            self.rng.choice(self.facts["types"]), []
        )
        if self.rng.random() < 0.3 or not bank:
            bank = bank + text.GENERAL_OUTCOMES
        return [
            entry
            for entry in bank
            if entry[1] not in used and not (unknown_source and "{rel}" in entry[1])
        ]

    def new_outcomes(self, how_many: int) -> list[dict]:
        used = {entry[1] for entry in self.entries.values()}
        chosen = []
        for _ in range(how_many):
            pool = self.pool(used)
            if not pool:
                break
            entry = self.rng.choice(pool)
            used.add(entry[1])
            chosen.append(entry)
        self.pending = chosen
        return [
            {"words": self.say(entry[1]), "category": entry[0], "expressed_by": self.speaks_as}
            for entry in chosen
        ]

    def remember(self, conversation) -> None:
        """Match the outcomes a conversation created to the phrases they came from."""
        created = list(conversation.outcomes_expressed.order_by("id"))
        for outcome, entry in zip(created, self.pending, strict=True):
            self.entries[outcome.pk] = entry
        self.pending = []

    def start_conversation(self, day: date) -> None:
        rng = self.rng
        self.pending = []
        asked_none = rng.random() < 0.07
        new = [] if asked_none else self.new_outcomes(pick(rng, [(1, 30), (2, 50), (3, 20)]))
        conversation = enquiries.conversation_record(
            actor=self.actor,
            enquiry=self.enquiry,
            held_on=day,
            stage=Stage.START,
            method=pick(rng, METHODS),
            participants=self.participants(),
            notes=self.note(rng.choice(text.CONVERSATION_NOTES["start"])),
            asked_no_outcomes=asked_none,
            new_outcomes=new,
        )
        self.remember(conversation)
        self.tensions(day)

    def tensions(self, day: date) -> None:
        current = enquiries.current_outcomes(self.enquiry)
        for index, first in enumerate(current):
            for second in current[index + 1 :]:
                reason = text.TENSIONS.get(frozenset({first.category, second.category}))
                if reason and self.rng.random() < 0.6:
                    outcomes.outcome_mark_tension(
                        actor=self.actor,
                        outcome=first,
                        other=second,
                        reason=reason.format(name=self.words["name"]),
                        happened_on=day,
                    )
                    return

    def during_conversation(self, day: date) -> None:
        rng = self.rng
        revisits = []
        for outcome in enquiries.current_outcomes(self.enquiry):
            entry = self.entries.get(outcome.pk)
            answer = pick(rng, [("still", 78), ("changed", 18), ("withdrawn", 4)])
            if answer == "changed" and entry and entry[2]:
                revisits.append(
                    {
                        "outcome": outcome,
                        "answer": "changed",
                        "words": self.say(entry[2], first_person=outcome.expressed_by == "person"),
                        "reason": entry[3],
                    }
                )
                self.entries[outcome.pk] = (entry[0], entry[2], "", "")
            elif answer == "withdrawn":
                reason = rng.choice(text.WITHDRAW_REASONS)
                revisits.append(
                    {
                        "outcome": outcome,
                        "answer": "withdrawn",
                        "reason": reason.format(
                            name=self.words["name"], rel=self.facts["relation"]
                        ),
                    }
                )
            else:
                revisits.append({"outcome": outcome, "answer": "still"})
        new = self.new_outcomes(1) if rng.random() < 0.1 else []
        if not new:
            self.pending = []
        conversation = enquiries.conversation_record(
            actor=self.actor,
            enquiry=self.enquiry,
            held_on=day,
            stage=Stage.DURING,
            kind=pick(rng, MEETING_KINDS),
            method=pick(rng, METHODS),
            participants=self.participants(),
            notes=self.note(rng.choice(text.CONVERSATION_NOTES["during"])),
            new_outcomes=new,
            revisits=revisits,
        )
        self.remember(conversation)
        if rng.random() < 0.3:
            self.plan_b(day, conversation)
        current = enquiries.current_outcomes(self.enquiry)
        if current and rng.random() < 0.04:
            self.replace(rng.choice(current), day, conversation)

    def plan_b(self, day: date, conversation) -> None:
        """A plan B for a current outcome whose words allow one, if any."""
        fits = [
            (outcome, plan)
            for outcome in enquiries.current_outcomes(self.enquiry)
            if outcome.alternative_to_id is None and outcome.pk in self.entries
            for plan in text.PLAN_B
            if plan[0] in self.entries[outcome.pk][1]
        ]
        if not fits:
            return
        outcome, (_, category, words) = self.rng.choice(fits)
        alternative = outcomes.outcome_express(
            actor=self.actor,
            enquiry=self.enquiry,
            words=self.say(words, first_person=outcome.expressed_by == "person"),
            expressed_by=outcome.expressed_by,
            category=category,
            happened_on=day,
            conversation=conversation,
            alternative_to=outcome,
            name=self.words["name"],
        )
        self.entries[alternative.pk] = (category, words, "", "")

    def replace(self, outcome, day: date, conversation) -> None:
        category, words, reason = self.rng.choice(text.REPLACEMENTS)
        new = outcomes.outcome_replace(
            actor=self.actor,
            outcome=outcome,
            words=self.say(words, first_person=outcome.expressed_by == "person"),
            reason=reason.format(name=self.words["name"]),
            happened_on=day,
            expressed_by=outcome.expressed_by,
            category=category,
            conversation=conversation,
            name=self.words["name"],
        )
        self.entries[new.pk] = (category, words, "", "")

    def risk_discussion(self, day: date, last: date) -> None:
        rng = self.rng
        kind = text.RISK_OPTIONS_BY_TYPE.get(self.facts["type"], "home")
        if kind == "relationship" and self.facts["source"] != "other_known":
            kind = "report"
        options, choices = text.RISK_OPTIONS[kind]
        against = rng.random() < 0.08
        reason = AGAINST_BY_TYPE.get(self.facts["type"], "others_at_risk")
        explained = min(day + self.days(0, 3), last, self.today)
        enquiries.risk_discussion_record(
            actor=self.actor,
            enquiry=self.enquiry,
            held_on=day,
            options=self.note(options),
            persons_choice=self.note(rng.choice(choices)),
            act_against_wishes=against,
            against_wishes_reason=reason if against else "",
            against_wishes_detail=self.note(text.AGAINST_WISHES[reason]) if against else "",
            explained_how=self.note(rng.choice(text.EXPLAINED_HOW)) if against else "",
            explained_on=explained if against else None,
        )

    def responses(self, meeting_days: list[date]) -> None:
        rng = self.rng
        codes = []
        if len(meeting_days) == 1 and rng.random() < 0.35:
            codes.append("resolved_first_meeting")
        if Participant.ADVOCATE in self.present:
            codes.append("advocacy")
        weights = dict(RESPONSES)
        if self.facts["source"] == "service_provider":
            weights["provider_or_regulator_action"] = 40
        if self.facts["type"] in ("physical", "domestic", "sexual", "financial_material"):
            weights["police_criminal_justice"] = 20
        if self.facts["type"] == "domestic":
            weights["civil_law"] = 10
        while len(codes) < pick(rng, [(1, 60), (2, 35), (3, 5)]):
            code = pick(rng, list(weights.items()))
            if code not in codes:
                codes.append(code)
        for code in codes:
            day = meeting_days[0] if code == "resolved_first_meeting" else rng.choice(meeting_days)
            enquiries.response_record(
                actor=self.actor,
                enquiry=self.enquiry,
                code=code,
                agreed_on=day,
                notes=self.note(text.RESPONSE_NOTES.get(code, "")),
            )

    def closing_review(self, day: date) -> None:
        rng = self.rng
        asked = rng.random() < 0.93
        if asked:
            enquiries.conversation_record(
                actor=self.actor,
                enquiry=self.enquiry,
                held_on=day,
                stage=Stage.END,
                method=pick(rng, METHODS),
                participants=self.participants(),
                notes=self.note(rng.choice(text.CONVERSATION_NOTES["end"])),
            )
        action = pick(rng, ACTIONS)
        risk = ""
        if action == "risk_identified_action":
            risk = pick(rng, [("reduced", 58), ("removed", 27), ("remained", 15)])
        elif action == "risk_identified_no_action":
            risk = pick(rng, [("remained", 60), ("reduced", 40)])
        elif action == "inconclusive_action":
            # One draw, as before the risk outcome was recorded for every inconclusive
            # assessment, so the same seed still gives the same demo.
            risk = "reduced" if rng.random() < 0.5 else "remained"
        elif action == "inconclusive_no_action":
            risk = "remained"
        ratings = {}
        fully = set()
        tone = pick(rng, [(GOING_WELL, 60), (MIXED, 32), (GOING_BADLY, 8)])
        current = enquiries.current_outcomes(self.enquiry)
        for outcome in sorted(current, key=lambda o: o.alternative_to_id is not None):
            if outcome.alternative_to_id in fully:
                ratings[outcome.pk] = {"not_rated_reason": text.NOT_RATED_REASONS[2]}
                continue
            achieved = pick(rng, tone)
            if action == "ceased_at_request" and achieved == "fully":
                achieved = "partially"
            if not asked or not achieved:
                reason = rng.choice(text.NOT_RATED_REASONS[:2])
                ratings[outcome.pk] = {"not_rated_reason": self.note(reason)}
                continue
            if achieved == "fully":
                fully.add(outcome.pk)
            ratings[outcome.pk] = {
                "achievement": achieved,
                "persons_view": rng.choice(text.PERSONS_VIEW[achieved]),
                "practitioner_reasons": self.note(text.PRACTITIONER_REASONS[achieved]),
            }
        experience = {}
        if asked and rng.random() < 0.9:
            for topic in self.topics:
                experience[topic] = pick(
                    rng, [("yes", 68), ("partly", 18), ("no", 6), ("not_answered", 8)]
                )
        enquiries.closing_review_record(
            actor=self.actor,
            enquiry=self.enquiry,
            reviewed_on=day,
            ratings=ratings,
            action_and_result=action,
            risk_outcome=risk,
            experience=experience,
            experience_answered_by=AnsweredBy.PERSON
            if self.speaks_as == "person"
            or Participant.PERSON in self.present
            and len(self.present) == 1
            else AnsweredBy.REPRESENTATIVE,
            experience_comments=self.note(rng.choice(text.EXPERIENCE_COMMENTS))
            if experience
            else "",
        )
