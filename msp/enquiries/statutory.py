"""An enquiry's statutory answers: which of its fields holds each answer the specification
names, and the facts of its record the derivation (msp/sac/derivation.py) reads.

The rules themselves (lists, dependencies, how answers follow from the record) live in the
year's specification; this module only maps the enquiry onto them.
"""

from collections.abc import Mapping

from msp import sac
from msp.enquiries.models import CapacityOutcome, Stage
from msp.outcomes.models import OutcomeStatus
from msp.sac.derivation import Recorded, derive

# The enquiry's field for each answer of the specification.
ANSWER_FIELDS = {
    "action_and_result": "action_and_result",
    "risk_outcome": "risk_outcome",
    "lacked_capacity": "sac_lacked_capacity",
    "advocate_support": "sac_advocate_support",
    "asked_outcomes": "sac_asked_outcomes",
    "outcomes_achieved": "sac_outcomes_achieved",
}
# Worked out from the record at closure, and correctable there with a reason.
DERIVED = ("asked_outcomes", "outcomes_achieved", "lacked_capacity", "advocate_support")
# The enquiry's field of each derived answer, and the answer's name in the specification.
NAMES = {ANSWER_FIELDS[name]: name for name in DERIVED}


class _Fields(Mapping):
    """Each derived answer's field with its label and code list (None for yes/no), as the
    specification in force today words them."""

    def __getitem__(self, field: str) -> tuple[str, str | None]:
        answer = sac.spec_on().answer(NAMES[field])
        return answer.label, answer.list_code

    def __iter__(self):
        return iter(NAMES)

    def __len__(self) -> int:
        return len(NAMES)


FIELDS = _Fields()


class Answers(dict):
    """The derived answers by the enquiry's field names (sac_asked_outcomes ...)."""

    def as_dict(self) -> dict:
        return dict(self)

    def __getattr__(self, field: str):
        try:
            return self[field]
        except KeyError as missing:
            raise AttributeError(field) from missing


def spec_at_close(end_date=None):
    """The specification a closure is checked against: that of the year it concludes in."""
    return sac.spec_on(end_date)


def field_label(field: str, spec=None) -> str:
    return (spec or sac.spec_on()).answer(NAMES[field]).label


def answers_of(enquiry, **overrides) -> dict:
    """The enquiry's answers by the specification's names (model values, or `overrides` given
    by model field name)."""
    return {
        name: overrides.get(field, getattr(enquiry, field)) for name, field in ANSWER_FIELDS.items()
    }


def recorded_of(enquiry) -> Recorded:
    outcomes = list(enquiry.outcomes.filter(archived_at__isnull=True))
    conversations = list(enquiry.conversations.filter(archived_at__isnull=True))
    return Recorded(
        outcomes_expressed=len(outcomes),
        current_ratings=tuple(o.achievement for o in outcomes if o.status == OutcomeStatus.CURRENT),
        asked_none_expressed=any(c.asked_no_outcomes for c in conversations),
        had_start_conversation=any(c.stage == Stage.START for c in conversations),
        capacity_lacked=tuple(
            a.outcome == CapacityOutcome.LACKS
            for a in enquiry.capacity_assessments.filter(archived_at__isnull=True)
        ),
        representations=tuple(
            (r.role, r.from_date) for r in enquiry.representations.filter(archived_at__isnull=True)
        ),
    )


def derive_for(enquiry, *, end_date=None) -> Answers:
    """The derived answers, by the enquiry's field names (sac_asked_outcomes ...)."""
    answers = derive(spec_at_close(end_date), recorded_of(enquiry), end_date=end_date)
    return Answers({ANSWER_FIELDS[name]: value for name, value in answers.as_dict().items()})
