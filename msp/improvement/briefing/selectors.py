"""Reads of the staff briefing note: the version staff see, earlier versions, who has read it."""

from django.db.models import F, OuterRef, QuerySet, Subquery

from msp.accounts import policy
from msp.accounts.models import User
from msp.improvement.models import BriefingRead, BriefingVersion
from msp.improvement.models.briefing import BriefingState


def current() -> BriefingVersion | None:
    """The latest published version, the one staff are asked to read."""
    return (
        BriefingVersion.objects.filter(state=BriefingState.PUBLISHED)
        .select_related("published_by")
        .order_by("-number")
        .first()
    )


def draft() -> BriefingVersion | None:
    return BriefingVersion.objects.filter(state=BriefingState.DRAFT).first()


def version_for(user, number: int) -> BriefingVersion | None:
    """A version by number: published ones for staff, the draft too for those who edit it."""
    versions = BriefingVersion.objects.select_related("published_by", "created_by")
    if not policy.can_edit_briefing(user):
        versions = versions.filter(state=BriefingState.PUBLISHED)
    return versions.filter(number=number).first()


def published() -> QuerySet[BriefingVersion]:
    return (
        BriefingVersion.objects.filter(state=BriefingState.PUBLISHED)
        .select_related("published_by")
        .order_by("-number")
    )


def read_on(user, briefing: BriefingVersion | None):
    """When the user confirmed reading this version, or None."""
    if briefing is None:
        return None
    return (
        BriefingRead.objects.filter(briefing=briefing, user=user)
        .values_list("read_at", flat=True)
        .first()
    )


def unread_by(user) -> BriefingVersion | None:
    """The current version, if the user is one who reads it and has not yet confirmed it."""
    if not policy.can_read_briefing(user):
        return None
    latest = current()
    if latest is None or read_on(user, latest) is not None:
        return None
    return latest


def readers(user, briefing: BriefingVersion) -> QuerySet[User]:
    """The staff whose reading the user may follow, each with `read_at` for this version
    (None when not yet confirmed): not yet read first, then by name."""
    teams = policy.briefing_reader_team_ids(user)
    staff = policy.briefing_audience()
    if teams is not None:
        staff = staff.filter(teams__in=teams) if teams else staff.none()
    reads = BriefingRead.objects.filter(briefing=briefing, user=OuterRef("pk"))
    return (
        staff.distinct()
        .annotate(read_at=Subquery(reads.values("read_at")[:1]))
        .order_by(F("read_at").desc(nulls_first=True), "first_name", "last_name", "pk")
    )
