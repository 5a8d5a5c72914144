"""Fetch-and-check for the improvement programme: 404 for anyone without the right."""

from django.http import Http404

from msp.accounts import policy
from msp.improvement.models import ImprovementProject


def project_for_viewing(user, pk: int) -> ImprovementProject:
    project = (
        ImprovementProject.objects.select_related("lead", "manager", "plan", "statement")
        .filter(pk=pk)
        .first()
    )
    if project is None or not policy.can_view_programme(user):
        raise Http404("No such project")
    return project


def project_for_editing(user, pk: int) -> ImprovementProject:
    project = project_for_viewing(user, pk)
    if not policy.can_edit_project(user, project):
        raise Http404("No such project")
    return project


def project_for_sign_off(user, pk: int) -> ImprovementProject:
    project = project_for_viewing(user, pk)
    if not policy.can_sign_off_statement(user):
        raise Http404("No such project")
    return project


def require(allowed: bool) -> None:
    """Answer 404 unless the policy allowed it (pages not about one record)."""
    if not allowed:
        raise Http404("Not found")


# --- case file audits --------------------------------------------------------------------------


def sample_for_auditor(user, pk: int):
    from msp.improvement.audits import selectors

    sample = selectors.sample_for(user, pk)
    if sample is None:
        raise Http404("No such sample")
    return sample


def case_for_audit(user, sample, enquiry_pk: int):
    """A case of the sample that the user may audit, opened as any case is opened (a restricted
    record asks for a reason first)."""
    from msp.enquiries.access import enquiry_for_user
    from msp.improvement.models import AuditSampleCase

    if not AuditSampleCase.objects.filter(sample=sample, enquiry_id=enquiry_pk).exists():
        raise Http404("No such case in the sample")
    enquiry = enquiry_for_user(user, enquiry_pk)
    if not policy.can_audit_case(user, enquiry):
        raise Http404("No such case in the sample")
    return enquiry


def audit_for_reading(user, pk: int):
    from msp.improvement.audits import selectors

    audit = selectors.audit_for(user, pk)
    if audit is None:
        raise Http404("No such audit")
    return audit


# --- the person's own feedback -----------------------------------------------------------------


def case_for_follow_up(user, enquiry_pk: int):
    """A closed case the user may follow up: in scope, opened as any case is, and one they did
    not work on."""
    from msp.enquiries.access import enquiry_for_user
    from msp.improvement.feedback import selectors

    if not policy.can_follow_up(user):
        raise Http404("No such case")
    enquiry = enquiry_for_user(user, enquiry_pk)
    if enquiry.end_date is None or not policy.may_follow_up_case(
        user, enquiry, selectors.worked_by(enquiry)
    ):
        raise Http404("No such case")
    return enquiry


# --- supervision and champions -----------------------------------------------------------------


def case_for_supervision(user, enquiry_pk: int):
    """A case whose supervision notes the user may read: they see the case, and they are its lead
    practitioner, one of their supervisors, or a safeguarding lead. Anyone else (the rest of the
    team included) gets 404."""
    from msp.enquiries.access import enquiry_for_user

    if not policy.can_use_supervision(user):
        raise Http404("No such case")
    enquiry = enquiry_for_user(user, enquiry_pk)
    if enquiry.lead_id is None or not policy.can_read_supervision_of(user, enquiry.lead_id):
        raise Http404("No such case")
    return enquiry


def supervision_note_for(user, pk: int):
    from msp.enquiries.access import enquiry_for_user
    from msp.improvement.supervision import selectors

    note = selectors.note_for(user, pk)
    if note is None:
        raise Http404("No such note")
    enquiry_for_user(user, note.enquiry_id)  # the case itself still in scope and open to them
    return note


def practitioner_for_supervision(user, user_pk: int):
    from msp.accounts.models import User

    practitioner = User.objects.filter(pk=user_pk).first()
    if practitioner is None or not policy.can_read_supervision_of(user, practitioner.pk):
        raise Http404("No such practitioner")
    return practitioner


def team_for_page(user, pk: int):
    from msp.accounts.models import Team

    team = Team.objects.filter(pk=pk).first()
    if team is None or not policy.can_view_team_page(user, team.pk):
        raise Http404("No such team")
    return team
