"""The product's own audit questions, the starting point of the council's versioned list.

Each topic keeps its code from version to version, so results can be followed over time and the
triangulation page can set a question beside the recorded measure it checks
(msp.improvement.triangulation.figures).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class StartingQuestion:
    topic: str
    question: str
    guidance: str
    scale: str = "yes_partly_no"


QUESTIONS = [
    StartingQuestion(
        "asked_at_start",
        "Was the person asked what they wanted to happen at the start?",
        "Look for a conversation early in the enquiry where the person, or someone speaking for "
        "them, was asked what they wanted. A form filled in later does not count.",
    ),
    StartingQuestion(
        "own_words",
        "Is what they wanted recorded in their own words?",
        "The outcomes should read as the person said them (“I want to stay in my flat”), not as "
        "a service or a conclusion (“more monitoring”, “abuse substantiated”).",
    ),
    StartingQuestion(
        "revisited",
        "Were their outcomes talked about again during the enquiry?",
        "Look for later conversations that checked whether the outcomes were still what the "
        "person wanted, and recorded any change and why. Answer not applicable for an enquiry "
        "resolved at the first meeting.",
    ),
    StartingQuestion(
        "asked_at_end",
        "Was the person asked at the end whether they got what they wanted?",
        "Look for a conversation at the end and the person's own view of each outcome: fully, "
        "partly or not achieved.",
    ),
    StartingQuestion(
        "capacity",
        "Was the person's capacity considered for the decisions that mattered?",
        "Capacity is about one decision at a time. Where there was doubt, is there an assessment "
        "for the decision in question, and a best-interests decision where they lacked it?",
    ),
    StartingQuestion(
        "advocacy",
        "Did the person have an advocate or representative where they needed one?",
        "Where the person had substantial difficulty taking part, or lacked capacity, was an "
        "advocate or a suitable representative arranged in time to make a difference?",
    ),
    StartingQuestion(
        "risks_discussed",
        "Were the risks and the options talked through with the person?",
        "Look for the options considered, the risks and benefits of each, and the person's "
        "choice, in a way they could understand.",
    ),
    StartingQuestion(
        "proportionate",
        "Was the response in proportion to what the person wanted and the risk?",
        "Was the least intrusive response chosen that kept the person safe, agreed with them? "
        "Resolving things at the first meeting can be the right answer.",
    ),
    StartingQuestion(
        "against_wishes_explained",
        "If we acted against the person's wishes, was the decision explained to them?",
        "Look for why it was necessary (others at risk, a crime, a vital interest) and how and "
        "when it was explained to the person. Answer not applicable if we did not act against "
        "their wishes.",
    ),
    StartingQuestion(
        "experience_sought",
        "Was the person asked how they found the support?",
        "Look for the person's experience in the closing review: whether they felt listened to, "
        "involved and safer, in their own view.",
    ),
]
