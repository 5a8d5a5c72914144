"""The enquiry page's task list: the practice, each with its status. Nothing forces an order.

Each status follows what was recorded: a conversation at the start with the person's outcomes
(or a note that they had none), outcomes actually revisited (still wanted, changed, withdrawn
or replaced) rather than any later conversation, and so on.
"""

from dataclasses import dataclass

from msp.enquiries.models import Stage
from msp.outcomes.models import EventKind

# What counts as an outcome revisited: the person was asked about it again.
REVISITED = {EventKind.CONFIRMED, EventKind.REVISED, EventKind.WITHDRAWN, EventKind.REPLACED}


@dataclass(frozen=True)
class Task:
    name: str
    url: str
    status: str  # "Completed", "In progress", "Not started", "Not needed"
    hint: str = ""


def default_stage(enquiry, stages: set[str] | None = None) -> str:
    """The stage a new conversation is most likely at: the start until a start conversation
    is recorded, the end once the enquiry is closed, otherwise during."""
    if not enquiry.is_open:
        return Stage.END
    if stages is None:
        stages = set(
            enquiry.conversations.filter(archived_at__isnull=True).values_list("stage", flat=True)
        )
    return Stage.DURING if Stage.START in stages else Stage.START


def _done(flag: bool, started: bool = False) -> str:
    return "Completed" if flag else ("In progress" if started else "Not started")


def task_list(enquiry, page: dict) -> list[Task]:
    base = f"/enquiries/{enquiry.pk}"
    name = enquiry.person.known_as
    conversations = [c for c in page["conversations"] if c.archived_at is None]
    stages = {c.stage for c in conversations}
    has_outcomes = bool(page["outcomes"])
    revisited = any(
        event.kind in REVISITED for outcome in page["outcomes"] for event in outcome.events.all()
    )
    # Resolution at the first meeting is a complete enquiry: there is nothing to revisit.
    resolved_first = any(r.code == "resolved_first_meeting" for r in page["responses"])
    start_url = f"{base}/conversations/new/?stage={Stage.START}"
    return [
        Task(
            f"Talk with {name} about what they want",
            start_url,
            _done(
                Stage.START in stages
                and (has_outcomes or any(c.asked_no_outcomes for c in conversations)),
                Stage.START in stages,
            ),
            "Start conversation: their desired outcomes in their own words",
        ),
        Task(
            "Consider capacity and representation",
            f"{base}/capacity/new/",
            _done(bool(page["capacity"] or page["representations"])),
            "Decision-specific capacity, advocates and representatives",
        ),
        Task(
            "Discuss risks and options", f"{base}/risks/new/", _done(bool(page["risk_discussions"]))
        ),
        Task(
            "Agree the response",
            f"{base}/responses/new/",
            _done(bool(page["responses"])),
            "The proportionate route agreed with them",
        ),
        Task(
            "Revisit outcomes",
            f"{base}/conversations/new/?stage={Stage.DURING}",
            "Not needed"
            if resolved_first and not revisited
            else _done(revisited, Stage.DURING in stages),
            "Resolved at the first meeting: go straight to the closing review"
            if resolved_first
            else "Are these still the outcomes they want?",
        ),
        Task(
            "Closing review",
            f"{base}/review/",
            "Completed"
            if enquiry.end_date
            else ("In progress" if page["review"] else "Not started"),
            "Were the outcomes achieved, and how was the experience?",
        ),
    ]
