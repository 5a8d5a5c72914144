"""Reads for supervision and champions: a case's supervision notes and a practitioner's sessions,
only for the practitioner, their supervisors and safeguarding leads; teams with their champions
and supervisors."""

from django.db.models import Q, QuerySet

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.improvement.models import Champion, NamedSupervisor, SupervisionNote


def _readable(user, notes: QuerySet[SupervisionNote]) -> QuerySet[SupervisionNote]:
    """Leave only the notes about practitioners whose supervision the user may read."""
    if policy.sees_all_supervision(user):
        return notes
    return notes.filter(Q(practitioner=user) | Q(practitioner_id__in=policy.supervised_by(user)))


def notes_on_case(user, enquiry) -> QuerySet[SupervisionNote]:
    """The supervision notes on a case the user may read, newest first."""
    return _readable(
        user,
        SupervisionNote.objects.filter(enquiry=enquiry).select_related(
            "practitioner", "supervisor"
        ),
    ).order_by("-held_on", "-id")


def note_for(user, pk: int) -> SupervisionNote | None:
    """One note, if the user may read its practitioner's supervision."""
    return (
        _readable(user, SupervisionNote.objects.filter(pk=pk))
        .select_related("practitioner", "supervisor", "enquiry__person", "enquiry__concern")
        .first()
    )


def sessions_of(practitioner) -> QuerySet[SupervisionNote]:
    """A practitioner's supervision sessions across their cases, newest first (the caller checks
    the reader may see them)."""
    return (
        SupervisionNote.objects.filter(practitioner=practitioner)
        .select_related("supervisor", "enquiry__person", "enquiry__concern", "enquiry__team")
        .order_by("-held_on", "-id")
    )


def named_supervisor_of(practitioner) -> User | None:
    named = (
        NamedSupervisor.objects.filter(practitioner=practitioner, supervisor__isnull=False)
        .select_related("supervisor")
        .first()
    )
    return named.supervisor if named else None


def teams_visible_to(user) -> QuerySet[Team]:
    """The teams whose pages the user may open, by name."""
    if not policy.can_view_cases(user):
        return Team.objects.none()
    visible = policy.visible_team_ids(user)
    teams = Team.objects.order_by("name")
    return teams if visible is None else teams.filter(pk__in=visible)


def current_champions(team_ids=None) -> QuerySet[Champion]:
    """Champions not ended, in these teams (None: every team), by team and name."""
    champions = Champion.objects.filter(ended_at__isnull=True).select_related("user", "team")
    if team_ids is not None:
        champions = champions.filter(team_id__in=team_ids)
    return champions.order_by("team__name", "user__first_name", "user__last_name")


def champions_by_team(team_ids=None) -> list[tuple[Team, list[User]]]:
    """[(team, [champion users])] for the briefing page: one query."""
    grouped: dict[int, tuple[Team, list[User]]] = {}
    for champion in current_champions(team_ids):
        grouped.setdefault(champion.team_id, (champion.team, []))[1].append(champion.user)
    return list(grouped.values())


def team_members(team) -> list[User]:
    return list(User.objects.filter(teams=team, is_active=True).order_by("first_name", "last_name"))


def supervisors_in(team, members: list[User]) -> dict[int, User]:
    """{practitioner id: the supervisor a lead named} for the team's members: one query."""
    rows = NamedSupervisor.objects.filter(
        practitioner__in=members, supervisor__isnull=False
    ).select_related("supervisor")
    return {row.practitioner_id: row.supervisor for row in rows}
