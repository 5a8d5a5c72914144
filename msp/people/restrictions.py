"""Restricted records: only named users may open them; anyone else in scope must give a reason
("break glass"), which is logged and shown to safeguarding leads."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import audit_append
from msp.people.models import BreakGlassAccess, RecordRestriction, RestrictionReason

BREAK_GLASS_HOURS = 8


class RestrictedRecord(Exception):
    """Raised by the access functions; turned into the 'this record is restricted' page."""

    def __init__(self, person):
        super().__init__(f"person {person.pk} is restricted")
        self.person = person


def active_restriction(person) -> RecordRestriction | None:
    return RecordRestriction.objects.filter(person=person, lifted_at__isnull=True).first()


def people_working_the_case(person) -> list[tuple]:
    """(user, what they do) for everyone working the person's open enquiries: each lead, and
    the managers of the enquiries' teams. A restriction that leaves them out stops the case."""
    from msp.enquiries.models import Enquiry

    open_enquiries = Enquiry.objects.filter(
        person=person, end_date__isnull=True, archived_at__isnull=True
    ).select_related("lead")
    working: dict[int, tuple] = {}
    team_ids = set()
    for enquiry in open_enquiries:
        team_ids.add(enquiry.team_id)
        if enquiry.lead is not None and enquiry.lead.is_active:
            working.setdefault(enquiry.lead.pk, (enquiry.lead, "leads the enquiry"))
    for manager in policy.case_managers(team_ids).order_by("first_name", "last_name"):
        working.setdefault(manager.pk, (manager, "manages the team"))
    return list(working.values())


def check_open(user, person) -> None:
    """Raise RestrictedRecord unless the user may open the person's records (msp.accounts.policy)."""
    if not policy.may_open(user, person):
        raise RestrictedRecord(person)


@transaction.atomic
def restriction_place(
    *, actor, person, reason: str, named_users, detail: str = "", request=None
) -> RecordRestriction:
    """Restrict a person's records to the named users (the actor is always named)."""
    if not policy.can_restrict_records(actor):
        raise ValidationError("Only a safeguarding lead can restrict a record")
    if reason not in RestrictionReason.values:
        raise ValidationError({"reason": "Choose why the record is restricted"})
    if active_restriction(person) is not None:
        raise ValidationError("This record is already restricted")
    restriction = RecordRestriction.objects.create(
        person=person, reason=reason, detail=detail.strip(), placed_by=actor
    )
    restriction.named_users.set({*named_users, actor})
    audit_append(
        actor=actor,
        action=Action.PERMISSION_CHANGE,
        obj=restriction,
        person=person,
        detail="record restricted",
        changes={
            "named_users": sorted(u.username for u in restriction.named_users.all()),
            "reason": reason,
        },
        request=request,
    )
    return restriction


@transaction.atomic
def restriction_lift(*, actor, person, request=None) -> None:
    if not policy.can_restrict_records(actor):
        raise ValidationError("Only a safeguarding lead can lift a restriction")
    restriction = active_restriction(person)
    if restriction is None:
        raise ValidationError("This record is not restricted")
    restriction.lifted_by, restriction.lifted_at = actor, timezone.now()
    restriction.save(update_fields=["lifted_by", "lifted_at"])
    audit_append(
        actor=actor,
        action=Action.PERMISSION_CHANGE,
        obj=restriction,
        person=person,
        detail="restriction lifted",
        request=request,
    )


@transaction.atomic
def break_glass(*, actor, person, reason: str, request=None) -> BreakGlassAccess:
    """Open a restricted record for a few hours, with the reason on the record for leads to see."""
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise ValidationError(
            {"reason": "Say why you need to open this record (at least 10 characters)"}
        )
    access = BreakGlassAccess.objects.create(
        person=person,
        user=actor,
        reason=reason,
        expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
    )
    audit_append(
        actor=actor,
        action=Action.BREAK_GLASS,
        obj=person,
        person=person,
        reason=reason,
        request=request,
    )
    return access


def recent_break_glass():
    """Every opening of a restricted record with a reason, newest first, for the leads' log."""
    return BreakGlassAccess.objects.select_related("user", "person").order_by("-at", "-pk")
