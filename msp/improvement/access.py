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
