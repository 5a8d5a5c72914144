"""Writes for supervision and champions: a supervision note on a case, the supervisor a lead
names, and marking or ending an MSP champion. Each takes the acting user, runs in one transaction
and keeps history and an audit entry."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp.accounts import policy
from msp.core.dates import today
from msp.core.problems import Problems
from msp.core.services import save_recorded
from msp.improvement.models import Champion, NamedSupervisor, SupervisionNote

LONGEST_NOTE = 10_000


def note_problems(*, held_on: date | None, reflection: str, enquiry=None) -> Problems:
    """Every problem with a supervision note at once."""
    problems = Problems()
    if held_on is None:
        problems.add("held_on", "Enter the date of the supervision")
    elif held_on > today():
        problems.add("held_on", "The date of the supervision must be today or in the past")
    elif enquiry is not None and held_on < enquiry.start_date:
        problems.add(
            "held_on",
            f"The date must be on or after the enquiry started ({enquiry.start_date:%-d %B %Y})",
        )
    if not reflection.strip():
        problems.add("reflection", "Write what you reflected on together")
    elif len(reflection) > LONGEST_NOTE:
        problems.add("reflection", f"The reflection must be {LONGEST_NOTE:,} characters or fewer")
    return problems


@transaction.atomic
def supervision_note_create(
    *, actor, enquiry, held_on: date | None, reflection: str, agreed_actions: str = ""
) -> SupervisionNote:
    """Record a reflective supervision session on a case, with its lead practitioner, written by
    their supervisor."""
    if enquiry.lead_id is None:
        raise ValidationError("The case has no lead practitioner to supervise yet")
    if not policy.can_write_supervision(actor, enquiry.lead_id):
        raise ValidationError(
            "Supervision notes are written by the practitioner's supervisor: a manager of their "
            "team or the supervisor a safeguarding lead named"
        )
    note_problems(held_on=held_on, reflection=reflection, enquiry=enquiry).raise_if_any()
    note = SupervisionNote(
        enquiry=enquiry,
        practitioner_id=enquiry.lead_id,
        supervisor=actor,
        held_on=held_on,
        reflection=reflection.strip(),
        agreed_actions=agreed_actions.strip(),
    )
    save_recorded(note, actor=actor, creating=True, reason="Supervision recorded")
    return note


@transaction.atomic
def supervisor_name(*, actor, practitioner, supervisor=None) -> NamedSupervisor:
    """Name (or, with None, clear) the supervisor of a practitioner, besides their team
    managers."""
    if not policy.can_name_supervisor(actor):
        raise ValidationError("Only a safeguarding lead names supervisors")
    problems = Problems()
    if supervisor is not None and not policy.may_be_supervisor(supervisor):
        problems.add("supervisor", "Choose a member of staff who records cases")
    if supervisor is not None and supervisor.pk == practitioner.pk:
        problems.add("supervisor", "Choose someone other than the practitioner")
    problems.raise_if_any()
    named = NamedSupervisor.objects.select_for_update().filter(practitioner=practitioner).first()
    creating = named is None
    if creating:
        named = NamedSupervisor(practitioner=practitioner)
    named.supervisor = supervisor
    named.named_by = actor
    named.named_at = timezone.now()
    save_recorded(
        named,
        actor=actor,
        creating=creating,
        reason="Supervisor named" if supervisor else "Named supervisor cleared",
    )
    return named


@transaction.atomic
def champion_mark(*, actor, team, user) -> Champion:
    """Mark a member of a team as one of its MSP champions."""
    if not policy.can_mark_champions(actor):
        raise ValidationError("Only a safeguarding lead marks MSP champions")
    problems = Problems()
    if user is None:
        problems.add("user", "Choose a member of the team")
    elif not policy.may_be_champion(user) or not user.teams.filter(pk=team.pk).exists():
        problems.add("user", "Choose a practitioner or manager in the team")
    elif Champion.objects.filter(team=team, user=user, ended_at__isnull=True).exists():
        problems.add("user", f"{user} is already a champion for {team.name}")
    problems.raise_if_any()
    champion = Champion(team=team, user=user, marked_by=actor, marked_at=timezone.now())
    save_recorded(champion, actor=actor, creating=True, reason="MSP champion marked")
    return champion


@transaction.atomic
def champion_end(*, actor, champion: Champion) -> Champion:
    """End someone's time as a team's champion; the row is kept with when and by whom."""
    if not policy.can_mark_champions(actor):
        raise ValidationError("Only a safeguarding lead changes MSP champions")
    champion = Champion.objects.select_for_update().get(pk=champion.pk)
    if champion.ended_at is not None:
        raise ValidationError("That champion has already ended")
    champion.ended_at = timezone.now()
    champion.ended_by = actor
    save_recorded(champion, actor=actor, reason="MSP champion ended")
    return champion
