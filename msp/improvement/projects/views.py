"""Pages for improvement projects: thin, each one access check, one service or selector, render."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core import printing
from msp.core.dates import today
from msp.core.models import report_council_name
from msp.core.pagination import page_of
from msp.core.views_support import apply_service_errors
from msp.enquiries.selectors import enquiries_visible_to
from msp.improvement import access, impact_tool
from msp.improvement.projects import figures, forms, selectors, services
from msp.reporting import disclosure


def _status(project) -> tuple[str, str]:
    """A word for where the project is, and the GOV.UK tag colour for it."""
    if project.statement.signed_off:
        return "Signed off", "green"
    on = today()
    if on < project.start_date:
        return "Not started", "grey"
    if on <= project.end_date:
        return "Running", "blue"
    return "Ready for review", "yellow"


def _presenter(user, project, *, board: bool = False) -> disclosure.Presenter:
    exact = not board and policy.programme_figures_exact(user, selectors.source_team_ids(project))
    return disclosure.Presenter(suppress=not exact)


def _figure_context(request, project, *, board: bool = False) -> dict:
    user = request.user
    values = selectors.figures_of(project)
    presenter = _presenter(user, project, board=board)
    return {
        "figures": values,
        "figures_as_at": date.fromisoformat(values["as_at"]) if values.get("as_at") else None,
        "presenter": presenter,
        "suppressed": presenter.suppress,
        "disclosure_note": disclosure.NOTE,
        "sets": figures.SETS,
        "rows": figures.rows(values, presenter),
        # Lists of cases for staff who may see cases; never from suppressed figures.
        "link_cases": policy.can_list_programme_cases(user) and not presenter.suppress,
    }


@login_required
def index(request):
    user = request.user
    access.require(policy.can_view_programme(user))
    page = page_of(selectors.projects_visible_to(user), request)
    rows = [(project, *_status(project)) for project in page.items]
    return render(
        request,
        "improvement/index.html",
        {
            "title": "Improving practice",
            "page": page,
            "rows": rows,
            "can_create": policy.can_create_project(user),
            "can_read_briefing": policy.can_read_briefing(user),
            "can_view_leaflets": policy.can_view_leaflets(user),
            "can_audit": policy.can_draw_audit_sample(user)
            or policy.has_own_audits(user)
            or policy.can_see_audit_results(user),
            "can_follow_up": policy.can_follow_up(user),
            "can_view_feedback": policy.can_view_feedback_figures(user),
            "can_triangulate": policy.can_view_triangulation(user),
            "can_see_teams": policy.can_view_cases(user),
            "has_supervision": policy.can_use_supervision(user),
        },
    )


def _project_form_page(request, form, *, title, project=None, submit_label):
    return render(
        request,
        "improvement/projects/project_form.html",
        {
            "title": title,
            "form": form,
            "project": project,
            "submit_label": submit_label,
            "back_url": reverse("improvement:project", args=[project.pk])
            if project
            else reverse("improvement:index"),
            "guide": services.GUIDE_TARGET,
        },
    )


@login_required
def project_new(request):
    access.require(policy.can_create_project(request.user))
    form = forms.ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        details = form.details()
        try:
            project = services.project_create(actor=request.user, **details)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Project “{project.name}” started")
            return redirect("improvement:project", pk=project.pk)
    return _project_form_page(
        request, form, title="Start an improvement project", submit_label="Start the project"
    )


def _signed_off(request, project):
    """After sign-off nothing about the project changes: its page, which says it was signed
    off and by whom, rather than a form."""
    if not project.statement.signed_off:
        return None
    return redirect("improvement:project", pk=project.pk)


def _submitted(request, form, project, service, *, saved: str, values=dict):
    """On a valid post, run the service (its refusal lands on the form) and give back the
    redirect to the project page; otherwise None. `values` gives the service's other arguments
    once the form is clean."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        service(
            actor=request.user,
            project=project,
            seen_version=form.cleaned_data.get("seen_version"),
            **values(),
        )
    except ValidationError as error:
        apply_service_errors(form, error)
        return None
    messages.success(request, saved)
    return redirect("improvement:project", pk=project.pk)


@login_required
def project_edit(request, pk):
    project = access.project_for_editing(request.user, pk)
    if locked := _signed_off(request, project):
        return locked
    form = forms.ProjectForm(request.POST or None, initial=forms.ProjectForm.initial_for(project))
    done = _submitted(
        request,
        form,
        project,
        services.project_update,
        saved="Project details saved",
        values=form.details,
    )
    if done:
        return done
    return _project_form_page(
        request,
        form,
        title=f"Change the details of {project.name}",
        project=project,
        submit_label="Save the details",
    )


def _plan_status(record, questions) -> str:
    answered = sum(1 for q in questions if q.field and getattr(record, q.field).strip())
    total = sum(1 for q in questions if q.field)
    if answered == 0:
        return "Not started"
    return "Completed" if answered == total else f"{answered} of {total} answered"


@login_required
def project_detail(request, pk):
    user = request.user
    project = access.project_for_viewing(user, pk)
    status, colour = _status(project)
    context = {
        "title": project.name,
        "project": project,
        "status": status,
        "status_colour": colour,
        "scope": selectors.scope_labels(project),
        "review_dates": [date.fromisoformat(d) for d in project.review_dates],
        "can_edit": policy.can_edit_project(user, project) and not project.statement.signed_off,
        "can_sign_off": policy.can_sign_off_statement(user) and not project.statement.signed_off,
        "can_list_cases": policy.can_list_programme_cases(user),
        "plan_status": _plan_status(project.plan, impact_tool.PLAN),
        "statement_status": "Signed off"
        if project.statement.signed_off
        else _plan_status(project.statement, impact_tool.STATEMENT),
        **_figure_context(request, project),
    }
    cases = context["figures"]["project"].get("started.started", 0)
    context["cases_in_scope"] = context["presenter"].count_text(cases)
    context["target_reached"] = cases >= project.target_cases
    return render(request, "improvement/projects/detail.html", context)


def _answers_page(request, project, *, form, title, template, questions, extra=None, evidence=None):
    evidence = evidence or {}
    return render(
        request,
        template,
        {
            "title": title,
            "form": form,
            "project": project,
            "items": [
                (q, form[q.field] if q.field else None, evidence.get(q.field, []))
                for q in questions
            ],
            "back_url": reverse("improvement:project", args=[project.pk]),
            **(extra or {}),
        },
    )


def _answered(request, project, record, questions, *, service, saved: str):
    """The form for one part of the impact tool, and the redirect once it has been saved."""
    initial = {q.field: getattr(record, q.field) for q in questions if q.field}
    form = forms.AnswersForm(
        request.POST or None,
        questions=questions,
        initial={**initial, "seen_version": record.version},
    )
    return form, _submitted(request, form, project, service, saved=saved, values=form.answers)


@login_required
def plan_edit(request, pk):
    project = access.project_for_editing(request.user, pk)
    if locked := _signed_off(request, project):
        return locked
    form, done = _answered(
        request,
        project,
        project.plan,
        impact_tool.PLAN,
        service=services.plan_update,
        saved="Part 1, the plan, saved",
    )
    if done:
        return done
    return _answers_page(
        request,
        project,
        form=form,
        title="Part 1: the plan",
        template="improvement/projects/plan_form.html",
        questions=impact_tool.PLAN,
        extra={
            "scope": selectors.scope_labels(project),
            "review_dates": [date.fromisoformat(d) for d in project.review_dates],
        },
    )


@login_required
def statement_edit(request, pk):
    project = access.project_for_editing(request.user, pk)
    if locked := _signed_off(request, project):
        return locked
    form, done = _answered(
        request,
        project,
        project.statement,
        impact_tool.STATEMENT,
        service=services.statement_update,
        saved="Part 2, the impact statement, saved",
    )
    if done:
        return done
    figure_context = _figure_context(request, project)
    evidence = {
        q.field: figures.evidence_rows(figure_context["figures"], figure_context["presenter"], q)
        for q in impact_tool.STATEMENT
        if q.evidence
    }
    return _answers_page(
        request,
        project,
        form=form,
        title="Part 2: the impact statement",
        template="improvement/projects/statement_form.html",
        questions=impact_tool.STATEMENT,
        extra=figure_context,
        evidence=evidence,
    )


@login_required
def statement_sign_off(request, pk):
    project = access.project_for_sign_off(request.user, pk)
    statement = project.statement
    form = forms.SignOffForm(request.POST or None, initial={"seen_version": statement.version})
    if statement.signed_off:
        raise Http404("Already signed off")
    done = _submitted(
        request,
        form,
        project,
        services.statement_sign_off,
        saved="Impact statement signed off. Its figures are now fixed.",
    )
    if done:
        return done
    return render(
        request,
        "improvement/projects/sign_off.html",
        {
            "title": "Sign off the impact statement",
            "form": form,
            "project": project,
            "missing": services.unanswered(statement),
            "back_url": reverse("improvement:project", args=[project.pk]),
            **_figure_context(request, project),
        },
    )


def _side_by_side(project) -> tuple[list[dict], selectors.ScopeLabels]:
    scope = selectors.scope_labels(project)
    themes = []
    for theme in impact_tool.THEMES:
        planned = [impact_tool.plan_question(t) for t in theme.planned]
        happened = [impact_tool.statement_question(t) for t in theme.happened]
        themes.append(
            {
                "title": theme.title,
                "planned": [
                    (q, getattr(project.plan, q.field) if q.field else "") for q in planned
                ],
                "happened": [(q, getattr(project.statement, q.field)) for q in happened],
            }
        )
    return themes, scope


@login_required
def side_by_side(request, pk):
    project = access.project_for_viewing(request.user, pk)
    themes, scope = _side_by_side(project)
    return render(
        request,
        "improvement/projects/side_by_side.html",
        {
            "title": "What we planned and what happened",
            "project": project,
            "themes": themes,
            "scope": scope,
            "review_dates": [date.fromisoformat(d) for d in project.review_dates],
            **_figure_context(request, project),
        },
    )


@login_required
def history(request, pk):
    user = request.user
    project = access.project_for_viewing(user, pk)
    versions = selectors.project_history(project, with_cases=policy.can_list_programme_cases(user))
    page = page_of(versions, request)
    return render(
        request,
        "improvement/projects/history.html",
        {"title": "History of the project", "project": project, "page": page},
    )


@login_required
def report(request, pk):
    """The board's PDF: the project, its figures (suppressed for the board) and both parts of
    the impact tool side by side."""
    user = request.user
    project = access.project_for_viewing(user, pk)
    board = request.GET.get("audience") != "team" or not policy.can_list_programme_cases(user)
    themes, scope = _side_by_side(project)
    access_record(
        actor=user,
        action=Action.DOWNLOAD,
        obj=project,
        detail=f"improvement project report ({'board' if board else 'team'}) downloaded",
        request=request,
    )
    context = {
        "project": project,
        "council_name": report_council_name(),
        "themes": themes,
        "scope": scope,
        "review_dates": [date.fromisoformat(d) for d in project.review_dates],
        "status": _status(project)[0],
        "printed_on": today(),
        **_figure_context(request, project, board=board),
    }
    return printing.pdf_response(
        "improvement/projects/report_pdf.html",
        context,
        filename=f"improvement-project-{project.pk}-{'board' if board else 'team'}.pdf",
    )


def _which(request) -> str:
    which = request.GET.get("set", figures.PROJECT)
    return which if which in figures.SETS else figures.PROJECT


@login_required
def cases(request, pk):
    user = request.user
    project = access.project_for_viewing(user, pk)
    access.require(policy.can_list_programme_cases(user))
    which = _which(request)
    key = request.GET.get("figure", "cases")
    chosen = figures.figure(key)
    listed = selectors.listed_cases(user, project, which, key) if chosen else None
    # The list holds only cases the user may see anyway, so it does not depend on whether the
    # figure is suppressed for them (the page offers links only from exact figures).
    if listed is None:
        raise Http404("No such list")
    page = page_of(listed, request)
    hidden = selectors.hidden_person_ids(user, {e.person_id for e in page.items})
    access_record(
        actor=user,
        action=Action.VIEW,
        obj=project,
        detail=f"improvement project cases: {key} ({which}), page {page.number}",
        request=request,
    )
    can_change = (
        which == figures.PROJECT
        and policy.can_edit_project(user, project)
        and not project.statement.signed_off
    )
    return render(
        request,
        "improvement/projects/cases.html",
        {
            "title": chosen.label[:1].upper() + chosen.label[1:],
            "project": project,
            "figure": chosen,
            "set_label": figures.SETS[which],
            "which": which,
            "page": page,
            "rows": [(e, e.person_id in hidden) for e in page.items],
            "can_change": can_change,
            "back_url": reverse("improvement:project", args=[project.pk]),
        },
    )


@login_required
def case_add(request, pk):
    user = request.user
    project = access.project_for_editing(user, pk)
    if locked := _signed_off(request, project):
        return locked
    form = forms.CaseAddForm(
        request.POST or None, initial={"reference": request.GET.get("reference", "")[:40]}
    )
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper()
        enquiry = enquiries_visible_to(user).filter(concern__reference=reference).first()
        if enquiry is None:
            form.add_error("reference", "There is no enquiry with that reference that you can see")
        else:
            try:
                services.project_case_decide(
                    actor=user,
                    project=project,
                    enquiry=enquiry,
                    included=True,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _case_errors(form, error, "reference")
            else:
                messages.success(request, f"Case {reference} added to the project")
                return redirect("improvement:case_decisions", pk=project.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Add a case to the project",
            "caption": project.name,
            "intro": "Add a case that is outside the project's scope but belongs in it. Cases in "
            "the scope join by themselves.",
            "form": form,
            "submit_label": "Add the case",
            "back_url": reverse("improvement:project", args=[project.pk]),
        },
    )


def _case_errors(form, error: ValidationError, enquiry_field: str) -> None:
    if hasattr(error, "error_dict") and "enquiry" in error.error_dict:
        for message in error.error_dict.pop("enquiry"):
            form.add_error(enquiry_field if enquiry_field in form.fields else None, message)
        if not error.error_dict:
            return
    apply_service_errors(form, error)


@login_required
def case_leave_out(request, pk, enquiry_pk):
    user = request.user
    project = access.project_for_editing(user, pk)
    if locked := _signed_off(request, project):
        return locked
    enquiry = (
        enquiries_visible_to(user).select_related("person", "concern").filter(pk=enquiry_pk).first()
    )
    if enquiry is None:
        raise Http404("No such enquiry")
    hidden = selectors.hidden_person_ids(user, {enquiry.person_id})
    form = forms.CaseLeaveOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_case_decide(
                actor=user,
                project=project,
                enquiry=enquiry,
                included=False,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _case_errors(form, error, "")
        else:
            messages.success(request, f"Case {enquiry.concern.reference} left out of the project")
            return redirect("improvement:case_decisions", pk=project.pk)
    who = "a restricted record" if enquiry.person_id in hidden else enquiry.person.full_name
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Leave a case out of the project",
            "caption": project.name,
            "intro": f"Case {enquiry.concern.reference} ({who}) will no longer count in the "
            "project's figures.",
            "form": form,
            "submit_label": "Leave the case out",
            "back_url": reverse("improvement:project", args=[project.pk]),
        },
    )


@login_required
def case_decisions(request, pk):
    user = request.user
    project = access.project_for_viewing(user, pk)
    access.require(policy.can_list_programme_cases(user))
    visible = enquiries_visible_to(user).values("pk")
    page = page_of(selectors.case_decisions(project).filter(enquiry__in=visible), request)
    hidden = selectors.hidden_person_ids(user, {d.enquiry.person_id for d in page.items})
    return render(
        request,
        "improvement/projects/case_decisions.html",
        {
            "title": "Cases added or left out",
            "project": project,
            "page": page,
            "rows": [(d, d.enquiry.person_id in hidden) for d in page.items],
            "can_change": policy.can_edit_project(user, project)
            and not project.statement.signed_off,
            "back_url": reverse("improvement:project", args=[project.pk]),
        },
    )
