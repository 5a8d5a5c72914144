"""The follow-up questions: the closing review's questions about the person's experience (the
reference list `experience_topics`), asked again later by someone independent of the case, and
one about whether they got what they wanted. Each has the staff's wording and easy-read wording
for the person and for a representative.
"""

from dataclasses import dataclass

from msp.enquiries.models import ExperienceAnswer
from msp.reference import selectors as ref

OUTCOMES = "got_what_they_wanted"


@dataclass(frozen=True)
class Question:
    code: str
    label: str  # as staff ask it
    to_person: str  # easy read, to the person
    to_representative: str  # easy read, to someone who supports the person

    def easy_read(self, respondent: str) -> str:
        return self.to_representative if respondent == "representative" else self.to_person


# Easy-read wording for the product's topics; a topic the council adds is asked in its own words.
EASY_READ = {
    OUTCOMES: (
        "Did the things you wanted to happen, happen?",
        "Did the things the person wanted to happen, happen?",
    ),
    "felt_listened_to": ("Did we listen to you?", "Did we listen to the person you support?"),
    "felt_involved_in_decisions": (
        "Did we ask you before we decided things?",
        "Did we ask the person before we decided things?",
    ),
    "was_treated_with_dignity_and_respect": (
        "Were we kind and polite to you?",
        "Were we kind and polite to the person?",
    ),
    "was_given_information_they_understood": (
        "Did we explain things so you understood?",
        "Did we explain things so the person understood?",
    ),
    "feels_safer_now": ("Do you feel safer now?", "Do you think the person is safer now?"),
    "knows_where_to_get_help": (
        "Do you know who to ask for help if you need it again?",
        "Does the person know who to ask for help if they need it again?",
    ),
    "would_recommend_others_to_get_help_in_the_same_way": (
        "Would you tell a friend to ask us for help?",
        "Would you tell a friend to ask us for help?",
    ),
}

# The answers in easy read, in the order the public page offers them.
EASY_ANSWERS = [
    (ExperienceAnswer.YES, "Yes"),
    (ExperienceAnswer.PARTLY, "A bit"),
    (ExperienceAnswer.NO, "No"),
    (ExperienceAnswer.NOT_ANSWERED, "I do not want to say"),
]


def questions() -> list[Question]:
    """The follow-up questions in order: whether they got what they wanted, then each topic of the
    person's experience in the council's list."""
    out = [Question(OUTCOMES, "Got what they wanted to happen", *EASY_READ[OUTCOMES])]
    for item in ref.items("experience_topics"):
        person, representative = EASY_READ.get(item.code, (item.label, item.label))
        out.append(Question(item.code, item.label, person, representative))
    return out


def codes() -> set[str]:
    return {q.code for q in questions()}
