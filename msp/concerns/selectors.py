"""Reads of concerns, limited to what the user may see."""

from django.db.models import QuerySet

from msp.accounts import policy
from msp.concerns.models import Concern


def concerns_visible_to(user) -> QuerySet[Concern]:
    teams = policy.visible_team_ids(user)
    concerns = Concern.objects.filter(archived_at__isnull=True)
    if teams is None:
        return concerns
    return concerns.filter(team_id__in=teams) if teams else concerns.none()


def undecided_concerns(user) -> QuerySet[Concern]:
    """Concerns still waiting for a decision, oldest first: the team's front-door queue (slice
    it, or page it). Rows about a restricted person the user may not open carry
    `identity_withheld`."""
    return (
        policy.with_identity(concerns_visible_to(user), user, "person_id")
        .filter(decision="")
        .select_related("person", "team")
        .order_by("received_date", "id")
    )
