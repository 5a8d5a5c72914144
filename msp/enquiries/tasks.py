"""The enquiry page's task list: the practice, each with its status. Nothing forces an order."""

from dataclasses import dataclass

from msp.enquiries.models import Stage


@dataclass(frozen=True)
class Task:
    name: str
    url: str
    status: str  # "Completed", "In progress", "Not started", "Not needed"
    hint: str = ""


def task_list(enquiry, page: dict) -> list[Task]:
    base = f"/enquiries/{enquiry.pk}"
    name = enquiry.person.known_as
    stages = {c.stage for c in page["conversations"]}
    has_outcomes = bool(page["outcomes"])
    # Resolution at the first meeting is a complete enquiry: there is nothing to revisit.
    resolved_first = any(r.code == "resolved_first_meeting" for r in page["responses"])

    def done(flag: bool, started: bool = False) -> str:
        return "Completed" if flag else ("In progress" if started else "Not started")

    return [
        Task(
            f"Talk with {name} about what they want",
            f"{base}/conversations/new/",
            done(
                Stage.START in stages
                and (has_outcomes or any(c.asked_no_outcomes for c in page["conversations"])),
                Stage.START in stages,
            ),
            "Start conversation: their desired outcomes in their own words",
        ),
        Task(
            "Consider capacity and representation",
            f"{base}/capacity/new/",
            done(bool(page["capacity"] or page["representations"])),
            "Decision-specific capacity, advocates and representatives",
        ),
        Task(
            "Discuss risks and options", f"{base}/risks/new/", done(bool(page["risk_discussions"]))
        ),
        Task(
            "Agree the response",
            f"{base}/responses/new/",
            done(bool(page["responses"])),
            "The proportionate route agreed with them",
        ),
        Task(
            "Revisit outcomes",
            f"{base}/conversations/new/",
            "Not needed"
            if resolved_first and Stage.DURING not in stages
            else done(Stage.DURING in stages or Stage.END in stages),
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
