"""The statutory return's per-enquiry answers, derived from what was recorded rather than asked again.

SG3a: did the person lack capacity, and if so were they supported by an advocate, family or friend.
SG4a: were they asked about their desired outcomes and were outcomes expressed; and how far were
the expressed outcomes achieved.
"""

from dataclasses import dataclass

from msp.enquiries.models import CapacityOutcome, Stage
from msp.outcomes.models import Achievement, OutcomeStatus

SUPPORT_ROLES = {"family_friend", "imca", "care_act_advocate", "other_advocate"}

FIELDS = {
    "sac_asked_outcomes": ("Asked about desired outcomes", "msp_asked_desired_outcomes"),
    "sac_outcomes_achieved": ("Expressed outcomes achieved", "msp_outcomes_achieved"),
    "sac_lacked_capacity": ("Lacked capacity for decisions about the enquiry", "mental_capacity"),
    "sac_advocate_support": ("Supported by an advocate, family or friend", None),
}


@dataclass(frozen=True)
class Answers:
    sac_asked_outcomes: str
    sac_outcomes_achieved: str
    sac_lacked_capacity: str
    sac_advocate_support: bool | None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def overall_achievement(ratings: list[str]) -> str:
    """One answer for the enquiry: fully only when every rated outcome was fully achieved,
    not only when none was achieved at all, partly otherwise."""
    ratings = [r for r in ratings if r]
    if not ratings:
        return ""
    if all(r == Achievement.FULLY for r in ratings):
        return Achievement.FULLY
    if all(r == Achievement.NOT for r in ratings):
        return Achievement.NOT
    return Achievement.PARTIALLY


def derive(
    *, outcomes, conversations, capacity_assessments, representations, end_date=None
) -> Answers:
    """Work the statutory answers out from an enquiry's record (lists already fetched)."""
    expressed = [o for o in outcomes]
    asked_none = any(c.asked_no_outcomes for c in conversations)
    if expressed:
        asked = "asked_expressed"
    elif asked_none:
        asked = "asked_none_expressed"
    elif any(c.stage == Stage.START for c in conversations):
        # A start conversation with no outcome and no 'asked' mark: the record does not say.
        asked = "dont_know"
    else:
        asked = "no"
    achieved = ""
    if asked == "asked_expressed":
        achieved = overall_achievement(
            [o.achievement for o in outcomes if o.status == OutcomeStatus.CURRENT]
        )
    if any(a.outcome == CapacityOutcome.LACKS for a in capacity_assessments):
        capacity = "lacked_capacity"
    elif capacity_assessments:
        capacity = "did_not_lack_capacity"
    else:
        capacity = "not_recorded"
    support = None
    if capacity == "lacked_capacity":
        support = any(
            r.role in SUPPORT_ROLES and (end_date is None or r.from_date <= end_date)
            for r in representations
        )
    return Answers(asked, achieved, capacity, support)


def derive_for(enquiry, *, end_date=None) -> Answers:
    return derive(
        outcomes=list(enquiry.outcomes.all()),
        conversations=list(enquiry.conversations.all()),
        capacity_assessments=list(enquiry.capacity_assessments.all()),
        representations=list(enquiry.representations.all()),
        end_date=end_date,
    )
