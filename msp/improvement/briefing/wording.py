"""The staff briefing note's sections and the wording a council starts from.

The council adapts every section; "How we record it here" is theirs to write, so it starts as
a prompt. Paragraphs are separated by a blank line.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    field: str
    heading: str
    covers: str  # what the section should cover, shown as the hint when editing
    starting_text: str


TITLE = "Making Safeguarding Personal: a briefing for practitioners and team managers"

SECTIONS = [
    Section(
        "purpose",
        "Why we work this way",
        "The purpose: using skills and judgement rather than only following a process.",
        "Making Safeguarding Personal means that a safeguarding enquiry is a series of "
        "conversations with the person, supported by a process, not a process the person is "
        "put through. The forms and steps are there to help you, not to do the thinking for you.\n\n"
        "We expect you to use your professional skills and judgement: to work out with each "
        "person what matters to them, what the risks are, and what response is in proportion to "
        "them. Two enquiries that look the same on paper may rightly go very differently.\n\n"
        "We will judge how well we are doing by whether people got the outcomes they wanted, "
        "and by how they felt about the help they had, not only by whether the steps were done "
        "on time.",
    ),
    Section(
        "asking_at_start",
        "Ask what the person wants at the start",
        "Asking what the person wants to happen at the very start, and recording it in their "
        "own words.",
        "In your first conversation, ask the person what they would like to happen. Write "
        'down what they say in their own words, not a summary in ours. "I want my son to stop '
        'taking my pension" tells the next worker far more than "financial abuse to cease".\n\n'
        "If they are not sure yet, that is fine: say you will come back to it, and do. If they "
        "say they do not want anything to happen, record that too, and the reasons they give.\n\n"
        'Findings such as "abuse substantiated" and services such as "more care" are not '
        "outcomes the person wants; ask what difference they hope those would make to their life.",
    ),
    Section(
        "lacking_capacity",
        "When the person may lack capacity",
        "Representatives, advocates and best-interests decisions; capacity is decision-specific; "
        "people should be free from coercion.",
        "Capacity is about a particular decision at a particular time. Someone may be unable "
        "to decide where to live but well able to tell you who they want to see and how they "
        "want to be spoken to. Assess capacity for the decision in front of you, and record "
        "which decision it was.\n\n"
        "Where the person lacks capacity for a decision, work out what they would want with "
        "their representative or an advocate (for example an Independent Mental Capacity "
        "Advocate or a Care Act advocate), or through a best-interests decision. Their own "
        "wishes and feelings still count and should be recorded.\n\n"
        "Make sure the person can speak freely. If someone else may be pressuring them, talk "
        "with them on their own, somewhere they feel safe, and consider whether that pressure "
        "is itself part of the risk.",
    ),
    Section(
        "unrealistic_wishes",
        "When wishes cannot be met",
        "What to do when what the person wants is unrealistic or cannot be followed: honesty "
        "and the next best option.",
        "Sometimes what a person wants cannot happen, or we cannot follow their wishes because "
        "other people are at risk, a crime has to be reported or the law requires us to act. "
        "Say so honestly and early, explain why in words they understand, and record how you "
        "explained it.\n\n"
        "Then work with them on the next best option: what part of what they want can still "
        "happen, and what would make the rest easier to live with. Record a plan B as an "
        "alternative to the outcome it replaces, so the change is visible later.",
    ),
    Section(
        "habituated_or_ashamed",
        "When people are used to harm, or ashamed",
        "People who are habituated to abuse or neglect, or ashamed, and may not say what they want.",
        "Some people have lived with harm for so long that it feels normal, or they blame "
        "themselves, or they feel ashamed that it happened. They may say they want nothing, or "
        "only what they think we expect to hear.\n\n"
        "Give them time. Come back to the question more than once, in different ways, and "
        "help them imagine what could be different. Ask who they trust and whether that person "
        "could be with them. What they want may change as they grow more confident, and that "
        "change is part of the work, not a failure.",
    ),
    Section(
        "agreeing_the_means",
        "Agree how, not only what",
        "Agreeing the means of getting there with the person, not only the outcome.",
        "Agree with the person how their outcomes will be reached, not only what they are. "
        "Offer the range of responses (a conversation that resolves things at the first "
        "meeting, mediation, a family group conference, a network meeting, advocacy, police "
        "involvement and others) and talk through the risks and benefits of each.\n\n"
        "Record the options you discussed and the choice the person made. If you have to act "
        "against their wishes, record why and how you told them.",
    ),
    Section(
        "supervision",
        "Supervision",
        "Using supervision to reflect on practice and on the person's outcomes.",
        "Bring your enquiries to supervision. Use it to think about what the person wants, "
        "whether the work is still heading there, and what is getting in the way, not only to "
        "check that tasks are done.\n\n"
        "Team managers will look at the outcomes measures for the team and for each worker, "
        "and at drift (enquiries with no recent conversation), as a starting point for those "
        "conversations.",
    ),
    Section(
        "asking_at_closure",
        "Ask again at the end",
        "Asking at closure whether the outcomes were achieved and how the person experienced "
        "the support.",
        "Before you close an enquiry, go back to the person (or their representative) and ask, "
        "for each outcome, whether it was achieved fully, partly or not at all, in their view. "
        "Record their view and your reasons if they differ.\n\n"
        "Ask how they found the support: whether they felt listened to, involved in decisions, "
        "treated with dignity and respect, and safer now. Their answers are how the council "
        "learns what works.",
    ),
    Section(
        "how_we_record",
        "How we record it here",
        "The council writes this section: where and how staff record each part of the practice "
        "in this system and in any others the council uses.",
        "[Write here how your teams record each step: where the start conversation and the "
        "person's own words go, how to record a revisit, capacity and representation, the risk "
        "discussion, the closing review and the person's experience, and who to ask for help.]",
    ),
]

FIELDS = [section.field for section in SECTIONS]
