"""Pages for reflective supervision and MSP champions: thin, each one access check, one service
or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core.dates import today
from msp.core.pagination import page_of
from msp.core.views_support import apply_service_errors, save_form
from msp.improvement import access
from msp.improvement.models import Champion
from msp.improvement.supervision import forms, selectors, services


@login_required
def case_notes(request, enquiry_pk):
    user = request.user
    enquiry = access.case_for_supervision(user, enquiry_pk)
    notes = list(selectors.notes_on_case(user, enquiry))
    access_record(
        actor=user,
        action=Action.VIEW,
        obj=enquiry,
        person=enquiry.person,
        detail="supervision notes viewed",
        request=request,
    )
    return render(
        request,
        "improvement/supervision/case.html",
        {
            "title": "Supervision on this case",
            "enquiry": enquiry,
            "person": enquiry.person,
            "notes": notes,
            "may_write": policy.can_write_supervision(user, enquiry.lead_id),
        },
    )


@login_required
def note_new(request, enquiry_pk):
    user = request.user
    enquiry = access.case_for_supervision(user, enquiry_pk)
    access.require(policy.can_write_supervision(user, enquiry.lead_id))
    form = forms.SupervisionNoteForm(
        request.POST if request.method == "POST" else None,
        enquiry=enquiry,
        initial={"held_on": today()},
    )
    if request.method == "POST":
        saved = save_form(
            form,
            lambda data: services.supervision_note_create(
                actor=user,
                enquiry=enquiry,
                held_on=data["held_on"],
                reflection=data.get("reflection") or "",
                agreed_actions=data.get("agreed_actions") or "",
            ),
        )
        if saved:
            messages.success(request, "Supervision recorded")
            return redirect("improvement:supervision_note", pk=saved.result.pk)
    back = reverse("improvement:supervision_case", args=[enquiry.pk])
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Record supervision",
            "caption": f"{enquiry.concern.reference}, with {enquiry.lead}",
            "intro": "Seen only by the practitioner, their supervisors and safeguarding leads, "
            "not by the rest of the team.",
            "form": form,
            "submit_label": "Save the supervision",
            "back_url": back,
        },
    )


@login_required
def note(request, pk):
    user = request.user
    found = access.supervision_note_for(user, pk)
    access_record(
        actor=user,
        action=Action.VIEW,
        obj=found,
        person=found.enquiry.person,
        detail="supervision note viewed",
        request=request,
    )
    return render(
        request,
        "improvement/supervision/note.html",
        {"title": f"Supervision on {found.held_on:%-d %B %Y}", "note": found},
    )


@login_required
def practitioner_sessions(request, user_pk):
    user = request.user
    practitioner = access.practitioner_for_supervision(user, user_pk)
    page = page_of(selectors.sessions_of(practitioner), request)
    access_record(
        actor=user,
        action=Action.VIEW,
        obj=practitioner,
        detail="supervision sessions listed",
        request=request,
    )
    return render(
        request,
        "improvement/supervision/sessions.html",
        {
            "title": "My supervision"
            if practitioner.pk == user.pk
            else f"Supervision of {practitioner}",
            "practitioner": practitioner,
            "page": page,
            "named_supervisor": selectors.named_supervisor_of(practitioner),
            "may_name": policy.can_name_supervisor(user),
        },
    )


@login_required
def supervisor_name(request, user_pk):
    user = request.user
    access.require(policy.can_name_supervisor(user))
    practitioner = access.practitioner_for_supervision(user, user_pk)
    current = selectors.named_supervisor_of(practitioner)
    form = forms.SupervisorForm(
        request.POST or None,
        people=forms.supervisor_candidates(practitioner),
        label="Supervisor",
        blank="No named supervisor (their team managers only)",
        initial={"supervisor": str(current.pk) if current else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisor_name(
                actor=user, practitioner=practitioner, supervisor=form.chosen()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Supervisor of {practitioner} saved")
            return redirect("improvement:supervision_sessions", user_pk=practitioner.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "title": f"Name a supervisor for {practitioner}",
            "intro": "Their team managers supervise them already. A named supervisor also "
            "writes and reads their supervision notes.",
            "form": form,
            "submit_label": "Save",
            "back_url": reverse("improvement:supervision_sessions", args=[practitioner.pk]),
        },
    )


@login_required
def teams(request):
    user = request.user
    access.require(policy.can_view_cases(user))
    page = page_of(selectors.teams_visible_to(user), request)
    champions = selectors.champions_by_team([t.pk for t in page.items])
    by_team = {team.pk: people for team, people in champions}
    return render(
        request,
        "improvement/supervision/teams.html",
        {
            "title": "Teams and their MSP champions",
            "page": page,
            "rows": [(team, by_team.get(team.pk, [])) for team in page.items],
        },
    )


def _team_page(request, found, form=None):
    user = request.user
    members = selectors.team_members(found)
    named = selectors.supervisors_in(found, members)
    champions = list(selectors.current_champions([found.pk]))
    may_mark = policy.can_mark_champions(user)
    if may_mark and form is None:
        champion_ids = {c.user_id for c in champions}
        form = forms.ChampionForm(
            people=[m for m in forms.champion_candidates(members) if m.pk not in champion_ids],
            label="Mark a member of the team as a champion",
        )
    return render(
        request,
        "improvement/supervision/team.html",
        {
            "title": found.name,
            "team": found,
            "champions": champions,
            "members": [
                (m, named.get(m.pk), policy.can_read_supervision_of(user, m.pk)) for m in members
            ],
            "may_mark": may_mark,
            "form": form if may_mark else None,
            "may_see_triangulation": policy.can_view_triangulation(user),
        },
    )


@login_required
def team(request, pk):
    return _team_page(request, access.team_for_page(request.user, pk))


@login_required
def champion_mark(request, pk):
    user = request.user
    access.require(policy.can_mark_champions(user))
    found = access.team_for_page(user, pk)
    if request.method != "POST":  # the button posts; a followed link just shows the team
        return redirect("improvement:team", pk=found.pk)
    form = forms.ChampionForm(
        request.POST,
        people=forms.champion_candidates(selectors.team_members(found)),
        label="Mark a member of the team as a champion",
    )
    if form.is_valid():
        try:
            champion = services.champion_mark(actor=user, team=found, user=form.chosen())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{champion.user} marked as a champion for {found.name}")
            return redirect("improvement:team", pk=found.pk)
    return _team_page(request, found, form)


@login_required
def champion_end(request, pk, champion_pk):
    user = request.user
    access.require(policy.can_mark_champions(user))
    found = access.team_for_page(user, pk)
    champion = Champion.objects.filter(pk=champion_pk, team=found, ended_at__isnull=True).first()
    if champion is None:
        raise Http404("No such champion")
    if request.method != "POST":
        return redirect("improvement:team", pk=found.pk)
    services.champion_end(actor=user, champion=champion)
    messages.success(request, f"{champion.user} is no longer a champion for {found.name}")
    return redirect("improvement:team", pk=found.pk)
