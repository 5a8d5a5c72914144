"""Drift reminders: an email to each lead practitioner whose open enquiries are drifting, and to
each team manager about their team, sent through GOV.UK Notify.

What an email says about the person in an enquiry: nothing. A practitioner's email lists the
enquiry references (the concern's reference, like C000123), what is overdue and a link to each
enquiry; a manager's gives counts and a link to the team caseload filtered by drift. Anyone who
follows a link signs in and sees only what they may see.

Configuration comes from the environment (MSP_NOTIFY_API_KEY, MSP_NOTIFY_PRACTITIONER_TEMPLATE_ID,
MSP_NOTIFY_MANAGER_TEMPLATE_ID, MSP_SERVICE_URL); the templates' personalisation fields are
listed in docs/deployment.md.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from msp.accounts import policy
from msp.core.models import council_settings
from msp.enquiries.models import Enquiry
from msp.enquiries.selectors import drift_of, with_drift

# Drift that a reminder can do something about (a closed enquiry without an end conversation
# cannot be put right by a reminder to its lead).
REMINDED = {"no_start": "no start conversation", "no_recent": "no recent conversation"}


class NotConfigured(Exception):
    """Notify is not set up: the message says what is missing, in plain words."""


@dataclass
class Email:
    to: str
    template_id: str
    personalisation: dict
    kind: str  # "practitioner" or "manager"


@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    skipped_no_email: int = 0
    drifting: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        text = (
            f"{self.drifting} drifting enquiries; {self.sent} emails sent, {self.failed} failed, "
            f"{self.skipped_no_email} people without an email address skipped"
        )
        return text


def missing_configuration() -> list[str]:
    """What is missing for reminders to be sent, in plain words (empty when ready)."""
    missing = []
    if not settings.NOTIFY_API_KEY:
        missing.append("MSP_NOTIFY_API_KEY (the GOV.UK Notify API key)")
    if not settings.NOTIFY_PRACTITIONER_TEMPLATE_ID:
        missing.append("MSP_NOTIFY_PRACTITIONER_TEMPLATE_ID (the practitioners' email template)")
    if not settings.NOTIFY_MANAGER_TEMPLATE_ID:
        missing.append("MSP_NOTIFY_MANAGER_TEMPLATE_ID (the team managers' email template)")
    if not settings.SERVICE_URL:
        missing.append("MSP_SERVICE_URL (the address of this service, for links in the emails)")
    return missing


def _link(path: str) -> str:
    return settings.SERVICE_URL.rstrip("/") + path


def drifting_enquiries() -> list[tuple[Enquiry, list[str]]]:
    """Open enquiries with drift a reminder can help with, and which kinds (keys of REMINDED)."""
    drift_days = council_settings().drift_days
    open_ = with_drift(
        Enquiry.objects.filter(archived_at__isnull=True, end_date__isnull=True)
    ).select_related("concern", "lead", "team")
    found = []
    for enquiry in open_.order_by("team_id", "start_date", "id").iterator(chunk_size=2000):
        drift = drift_of(enquiry, drift_days)
        kinds = [kind for kind in REMINDED if getattr(drift, kind)]
        if kinds:
            found.append((enquiry, kinds))
    return found


def drift_emails() -> tuple[list[Email], Report]:
    """The emails a reminder run would send, without sending them."""
    report = Report()
    drifting = drifting_enquiries()
    report.drifting = len(drifting)
    by_lead: dict[int, list[tuple[Enquiry, list[str]]]] = defaultdict(list)
    by_team: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(REMINDED, 0))
    team_names: dict[int, str] = {}
    for enquiry, kinds in drifting:
        team_names[enquiry.team_id] = enquiry.team.name
        for kind in kinds:
            by_team[enquiry.team_id][kind] += 1
        if enquiry.lead is not None and enquiry.lead.is_active:
            by_lead[enquiry.lead_id].append((enquiry, kinds))
    emails = []
    for items in by_lead.values():
        lead = items[0][0].lead
        mine = [(e, k) for e, k in items if policy.receives_drift_reminders_for(lead, e.team_id)]
        if not mine:
            continue
        if not lead.email:
            report.skipped_no_email += 1
            continue
        emails.append(
            Email(
                to=lead.email,
                template_id=settings.NOTIFY_PRACTITIONER_TEMPLATE_ID,
                kind="practitioner",
                personalisation={
                    "first_name": lead.first_name or lead.get_username(),
                    "count": len(mine),
                    "enquiries": [
                        f"{enquiry.concern.reference}: {' and '.join(REMINDED[k] for k in kinds)}"
                        f" – {_link(reverse('enquiries:detail', args=[enquiry.pk]))}"
                        for enquiry, kinds in mine
                    ],
                    "caseload_link": _link(reverse("enquiries:caseload")),
                },
            )
        )
    for manager in policy.drift_reminder_managers(list(by_team)):
        for team in manager.teams.all():
            if team.pk not in by_team:
                continue
            if not manager.email:
                report.skipped_no_email += 1
                break
            counts = by_team[team.pk]
            emails.append(
                Email(
                    to=manager.email,
                    template_id=settings.NOTIFY_MANAGER_TEMPLATE_ID,
                    kind="manager",
                    personalisation={
                        "first_name": manager.first_name or manager.get_username(),
                        "team": team_names[team.pk],
                        "no_start": counts["no_start"],
                        "no_recent": counts["no_recent"],
                        "count": sum(counts.values()),
                        "link": _link(reverse("enquiries:caseload") + "?view=team&drift=no_recent"),
                    },
                )
            )
    return emails, report


def send_drift_reminders() -> Report:
    """Send every drift reminder through GOV.UK Notify. Raises NotConfigured, naming what is
    missing, before anything is sent."""
    missing = missing_configuration()
    if missing:
        raise NotConfigured(
            "Drift reminders are not set up, so none were sent. Set " + "; ".join(missing) + "."
        )
    from notifications_python_client.errors import APIError
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)
    emails, report = drift_emails()
    for email in emails:
        try:
            client.send_email_notification(
                email_address=email.to,
                template_id=email.template_id,
                personalisation=email.personalisation,
            )
            report.sent += 1
        except (APIError, OSError) as error:
            report.failed += 1
            status = getattr(error, "status_code", "no answer")
            report.problems.append(f"a {email.kind} reminder was not sent (Notify: {status})")
    return report
