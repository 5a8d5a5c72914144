"""Counts of what the demo data holds, for the command's closing summary and the tests."""

from django.db.models import Count, Q

from msp.accounts.models import Team, User
from msp.concerns.models import Allegation, Concern, Decision
from msp.enquiries.models import ClosingReview, Conversation, Enquiry, RiskDiscussion
from msp.enquiries.selectors import drift_counts, with_drift
from msp.outcomes.models import Achievement, DesiredOutcome, OutcomeStatus
from msp.people.models import Person


def counts() -> dict[str, int]:
    decisions = Concern.objects.aggregate(
        undecided=Count("id", filter=Q(decision="")),
        s42=Count("id", filter=Q(decision=Decision.S42)),
        other=Count("id", filter=Q(decision=Decision.OTHER)),
        none=Count("id", filter=Q(decision=Decision.NONE)),
    )
    open_ = with_drift(Enquiry.objects.filter(end_date__isnull=True))
    drift = drift_counts(Enquiry.objects.all())
    outcomes = DesiredOutcome.objects.aggregate(
        total=Count("id"),
        withdrawn=Count("id", filter=Q(status=OutcomeStatus.WITHDRAWN)),
        revised=Count("id", filter=Q(revision_count__gt=0)),
        plan_b=Count("id", filter=Q(alternative_to__isnull=False)),
        fully=Count("id", filter=Q(achievement=Achievement.FULLY)),
        partly=Count("id", filter=Q(achievement=Achievement.PARTIALLY)),
        not_=Count("id", filter=Q(achievement=Achievement.NOT)),
    )
    return {
        "teams": Team.objects.count(),
        "users": User.objects.count(),
        "people": Person.objects.count(),
        "concerns": Concern.objects.count(),
        "allegations": Allegation.objects.count(),
        "awaiting decision": decisions["undecided"],
        "section 42 decisions": decisions["s42"],
        "other enquiry decisions": decisions["other"],
        "no enquiry decisions": decisions["none"],
        "enquiries": Enquiry.objects.count(),
        "open enquiries": open_.count(),
        "unallocated": open_.filter(lead__isnull=True).count(),
        "no start conversation": drift["no_start"],
        "no recent conversation": drift["no_recent"],
        "closed enquiries": Enquiry.objects.filter(end_date__isnull=False).count(),
        "closing reviews": ClosingReview.objects.count(),
        "conversations": Conversation.objects.count(),
        "risk discussions": RiskDiscussion.objects.count(),
        "acting against wishes": RiskDiscussion.objects.filter(act_against_wishes=True).count(),
        "desired outcomes": outcomes["total"],
        "outcomes revised": outcomes["revised"],
        "outcomes withdrawn": outcomes["withdrawn"],
        "plan B outcomes": outcomes["plan_b"],
        "fully achieved": outcomes["fully"],
        "partly achieved": outcomes["partly"],
        "not achieved": outcomes["not_"],
    }


def lines() -> list[str]:
    figures = counts()
    width = max(len(name) for name in figures)
    return [f"  {name.ljust(width)}  {value}" for name, value in figures.items()]
