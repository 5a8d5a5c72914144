"""How a concluded enquiry's statutory answers follow from what was recorded (SG3a and SG4a),
so practitioners are not asked them again at closure.

The case app gathers plain facts about the enquiry (msp/enquiries/statutory.py) and asks here.
"""

from dataclasses import dataclass
from datetime import date

from msp.sac.model import YearSpec

FULLY, PARTIALLY, NOT = "fully", "partially", "not"


@dataclass(frozen=True)
class Recorded:
    """What the record says, reduced to what the answers depend on."""

    outcomes_expressed: int  # desired outcomes recorded at any point, whatever became of them
    current_ratings: tuple[str, ...]  # the achievement of each current outcome ("" unrated)
    asked_none_expressed: bool  # a conversation noted they were asked but said nothing
    had_start_conversation: bool
    capacity_lacked: tuple[bool, ...]  # one per capacity assessment
    representations: tuple[tuple[str, date], ...]  # (role, from date)


@dataclass(frozen=True)
class Answers:
    asked_outcomes: str
    outcomes_achieved: str
    lacked_capacity: str
    advocate_support: bool | None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def overall_achievement(ratings) -> str:
    """One answer for the enquiry: fully only when every rated outcome was fully achieved,
    not only when none was achieved at all, partly otherwise."""
    ratings = [r for r in ratings if r]
    if not ratings:
        return ""
    if all(r == FULLY for r in ratings):
        return FULLY
    if all(r == NOT for r in ratings):
        return NOT
    return PARTIALLY


def derive(spec: YearSpec, recorded: Recorded, *, end_date: date | None = None) -> Answers:
    """The answers the record gives. "Asked" needs an outcome or an 'asked, none expressed'
    note; a start conversation with neither means the record does not say ("don't know")."""
    if recorded.outcomes_expressed:
        asked = "asked_expressed"
    elif recorded.asked_none_expressed:
        asked = "asked_none_expressed"
    elif recorded.had_start_conversation:
        asked = "dont_know"
    else:
        asked = "no"
    achieved = overall_achievement(recorded.current_ratings) if asked == "asked_expressed" else ""
    if any(recorded.capacity_lacked):
        capacity = "lacked_capacity"
    elif recorded.capacity_lacked:
        capacity = "did_not_lack_capacity"
    else:
        capacity = "not_recorded"
    support = None
    if spec.answer("advocate_support").applies({"lacked_capacity": capacity}):
        support = any(
            role in spec.support_roles and (end_date is None or since <= end_date)
            for role, since in recorded.representations
        )
    return Answers(asked, achieved, capacity, support)
