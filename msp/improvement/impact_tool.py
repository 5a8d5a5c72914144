"""The impact tool's questions, in the product's own words, and how its two parts line up.

Part 1 (the plan) is written before the change; part 2 (the impact statement) at the review
point. Every topic in the reference list (`impact_tool_part1_topics`, `impact_tool_part2_topics`
in msp/reference/data/msp-practice.json) has a question here; a test holds them together.
Some part 1 topics are answered by the project's own details (who leads it, the review dates,
the scope and target) rather than by a box of words.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    field: str  # the model field that holds the answer ("" when the project's details answer it)
    topic: str  # the topic exactly as the reference list names it
    label: str
    hint: str = ""
    # Part 2 sections that carry figures beside the words (see projects/figures.py).
    evidence: str = ""
    # Project details that answer a part 1 topic, shown in its place.
    project_details: tuple[str, ...] = ()


PLAN = [
    Question(
        "completed_by",
        "who completes the plan and when",
        "Who is writing this plan, and when will it be finished?",
        "Name the people writing it and the date you expect to agree it.",
    ),
    Question(
        "",
        "review dates",
        "When will you look back at what happened?",
        project_details=("review_dates",),
    ),
    Question(
        "issues",
        "the issues to address",
        "What problems do you want to put right?",
        "For example: people are not asked what they want until late in the enquiry, or their "
        "words are not recorded.",
    ),
    Question(
        "",
        "who leads and manages",
        "Who leads and who manages the project?",
        project_details=("lead", "manager"),
    ),
    Question(
        "starts_with",
        "who the new approach starts with (client group, referrals, target number of people)",
        "Who will the new way of working start with, and why them?",
        "The scope and target are set in the project's details; say here why you chose them.",
        project_details=("scope", "target_cases"),
    ),
    Question(
        "current_practice",
        "current practice, processes, services and engagement",
        "How do you work now?",
        "Describe the processes and services as they are, and how far people take part in "
        "their own enquiries today.",
    ),
    Question("what_needs_to_change", "what needs to change", "What needs to change?"),
    Question(
        "how_change_happens",
        "how the change will happen (information, workforce, support, planning, resources)",
        "How will you make the change happen?",
        "Think about information for staff and for people, training and support for staff, "
        "planning, and the time and money it needs.",
    ),
    Question(
        "anticipated_impacts",
        "anticipated impacts for people, staff and others",
        "What difference do you expect it to make?",
        "For the people at the centre of enquiries, for staff, and for anyone else.",
    ),
    Question(
        "unintended_outcomes",
        "unintended outcomes and how to manage them",
        "What might happen that you did not intend, and how will you handle it?",
    ),
    Question(
        "how_measured",
        "how results will be measured (what, when, by whom, format)",
        "How will you measure the results?",
        "Say what you will measure, when, who will do it and in what form. The project page "
        "counts the MSP measures for you.",
    ),
    Question(
        "how_shared",
        "how results will be shared and with whom",
        "Who will you share the results with, and how?",
    ),
]

STATEMENT = [
    Question(
        "issues_addressed",
        "the issues set out to address",
        "Which problems did you set out to put right?",
    ),
    Question("work_completed", "work completed", "What work was done?"),
    Question(
        "people_involved",
        "people involved",
        "Who took part?",
        "People who used safeguarding support, their families and advocates, staff and partners.",
    ),
    Question("key_results", "key results", "What were the main results?"),
    Question(
        "engagement",
        "engagement at the beginning, during and end of the process",
        "How far were people involved at the start, during and at the end of their enquiry?",
        "The figures beside this box are counted from the records. Say what they show.",
        evidence="engagement",
    ),
    Question(
        "saying_what_they_want",
        "enabling people to say what they want",
        "How well were people helped to say what they wanted to happen?",
        evidence="saying",
    ),
    Question(
        "better_outcomes",
        "evidence that people achieve better outcomes",
        "What shows that people got more of what they wanted?",
        evidence="outcomes",
    ),
    Question(
        "skills_and_tools",
        "skills developed and tools used",
        "What skills did staff build, and what tools did they use?",
    ),
    Question(
        "training_needed",
        "training needed for the full range of legal and social work interventions",
        "What training is still needed?",
        "Across the full range of legal options and social work approaches.",
    ),
    Question(
        "policy_changes",
        "changes needed to policies and procedures",
        "Which policies and procedures need to change?",
    ),
    Question(
        "recording_experience",
        "what was put in place to record and measure experience",
        "How did you record and measure how people experienced the support?",
        evidence="experience",
    ),
    Question(
        "recording_improvements",
        "further improvements to recording and measurement",
        "What would make recording and measuring better next time?",
    ),
    Question(
        "participation_strategy",
        "effect on the wider participation strategy",
        "What has it meant for how the council involves people more widely?",
    ),
    Question(
        "influence",
        "influence on partners, providers, practitioners, managers and the board",
        "How has it changed what partners, providers, practitioners, managers and the board do?",
    ),
    Question("way_forward", "the way forward", "What happens next?"),
]

PLAN_FIELDS = [q.field for q in PLAN if q.field]
STATEMENT_FIELDS = [q.field for q in STATEMENT]


@dataclass(frozen=True)
class Theme:
    """One row of the side-by-side view: what we planned, and what happened."""

    title: str
    planned: tuple[str, ...]  # part 1 topics
    happened: tuple[str, ...]  # part 2 topics


THEMES = [
    Theme("The problems", ("the issues to address",), ("the issues set out to address",)),
    Theme(
        "Who it involved",
        (
            "who the new approach starts with (client group, referrals, target number of people)",
            "who leads and manages",
        ),
        ("people involved",),
    ),
    Theme(
        "How people took part",
        ("current practice, processes, services and engagement",),
        (
            "engagement at the beginning, during and end of the process",
            "enabling people to say what they want",
        ),
    ),
    Theme(
        "The change and how it was made",
        (
            "what needs to change",
            "how the change will happen (information, workforce, support, planning, resources)",
        ),
        (
            "work completed",
            "skills developed and tools used",
            "training needed for the full range of legal and social work interventions",
            "changes needed to policies and procedures",
        ),
    ),
    Theme(
        "The difference it made",
        (
            "anticipated impacts for people, staff and others",
            "unintended outcomes and how to manage them",
        ),
        ("key results", "evidence that people achieve better outcomes"),
    ),
    Theme(
        "Measuring it",
        ("how results will be measured (what, when, by whom, format)",),
        (
            "what was put in place to record and measure experience",
            "further improvements to recording and measurement",
        ),
    ),
    Theme(
        "Sharing it and what next",
        (
            "how results will be shared and with whom",
            "who completes the plan and when",
            "review dates",
        ),
        (
            "influence on partners, providers, practitioners, managers and the board",
            "effect on the wider participation strategy",
            "the way forward",
        ),
    ),
]


def plan_question(topic: str) -> Question:
    return next(q for q in PLAN if q.topic == topic)


def statement_question(topic: str) -> Question:
    return next(q for q in STATEMENT if q.topic == topic)
