"""Pages for case file audits: thin, each one access check, one service or selector, render."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core.dates import today
from msp.core.pagination import page_of
from msp.core.spreadsheets import csv_text, xlsx_sheet
from msp.core.views_support import apply_service_errors
from msp.enquiries import selectors as enquiry_selectors
from msp.improvement import access
from msp.improvement.audits import forms, selectors, services
from msp.improvement.models.audits import SampleCases
from msp.reference import selectors as ref
from msp.reporting import disclosure
from msp.reporting.forms import PeriodForm


def _title(label: str) -> str:
    return label[:1].upper() + label[1:]


def describe_sample(sample) -> str:
    """A sample's choices in words."""
    which = dict(SampleCases.choices)[sample.which].lower()
    parts = [
        f"{_title(which)}, {sample.period_start:%-d %B %Y} to {sample.period_end:%-d %B %Y}",
        sample.team.name if sample.team else "every team the auditor audits",
    ]
    if sample.lead:
        parts.append(f"led by {sample.lead}")
    if sample.type_of_risk:
        parts.append(ref.labels("type_of_risk").get(sample.type_of_risk, sample.type_of_risk))
    return "; ".join(parts)


@login_required
def index(request):
    user = request.user
    may_draw = policy.can_draw_audit_sample(user)
    access.require(may_draw or policy.has_own_audits(user) or policy.can_see_audit_results(user))
    page = page_of(selectors.samples_visible_to(user), request)
    return render(
        request,
        "improvement/audits/index.html",
        {
            "title": "Case file audits",
            "page": page,
            "rows": [(s, describe_sample(s)) for s in page.items],
            "may_draw": may_draw,
            "has_own": policy.has_own_audits(user),
            "see_results": policy.can_see_audit_results(user),
            "may_edit_questions": policy.can_edit_audit_questions(user),
        },
    )


@login_required
def sample_new(request):
    user = request.user
    access.require(policy.can_draw_audit_sample(user))
    form = forms.SampleForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            sample = services.audit_sample_draw(actor=user, **form.arguments())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"Sample of {sample.cases.count()} cases drawn with seed {sample.seed}"
            )
            return redirect("improvement:audit_sample", pk=sample.pk)
    return render(
        request,
        "improvement/audits/sample_form.html",
        {"title": "Draw a sample of cases to audit", "form": form},
    )


@login_required
def sample_detail(request, pk):
    user = request.user
    sample = access.sample_for_auditor(user, pk)
    rows = selectors.sample_rows(user, sample)
    access_record(
        actor=user, action=Action.VIEW, obj=sample, detail="audit sample viewed", request=request
    )
    return render(
        request,
        "improvement/audits/sample.html",
        {
            "title": f"Audit sample drawn on {sample.drawn_at:%-d %B %Y}",
            "sample": sample,
            "described": describe_sample(sample),
            "rows": rows,
            "completed": sum(1 for r in rows if r.audit and r.audit.is_completed),
        },
    )


SAMPLE_HEADERS = [
    "Position",
    "Concern reference",
    "Kind of enquiry",
    "Team",
    "Lead practitioner",
    "Started",
    "Closed",
    "Audit",
    "Grade",
    "Auditor",
]


def _sample_table(rows) -> list[list]:
    table = [SAMPLE_HEADERS]
    for row in rows:
        enquiry, audit = row.entry.enquiry, row.audit
        table.append(
            [
                row.entry.position,
                "Restricted record" if row.hidden else enquiry.concern.reference,
                enquiry.get_kind_display(),
                enquiry.team.name,
                str(enquiry.lead) if enquiry.lead else "Not allocated",
                enquiry.start_date,
                enquiry.end_date,
                audit.get_status_display() if audit else "Not started",
                audit.get_grade_display() if audit and audit.grade else "",
                str(audit.auditor) if audit else "",
            ]
        )
    return table


@login_required
def sample_download(request, pk, fmt):
    user = request.user
    sample = access.sample_for_auditor(user, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    table = _sample_table(selectors.sample_rows(user, sample))
    access_record(
        actor=user,
        action=Action.EXPORT,
        obj=sample,
        detail=f"audit sample exported ({fmt})",
        request=request,
    )
    about = [
        ["Audit sample", describe_sample(sample)],
        ["Seed", sample.seed],
        ["Drawn", f"{sample.drawn_at:%-d %B %Y} by {sample.drawn_by}"],
        ["Cases that matched", sample.pool_size],
        [],
    ]
    name = f"audit-sample-{sample.pk}-seed-{sample.seed}"
    if fmt == "csv":
        response = HttpResponse(csv_text(about + table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    xlsx_sheet(workbook, "Sample", table)
    xlsx_sheet(workbook, "About", about[:-1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _case_context(request, enquiry) -> dict:
    """The case as the enquiry page shows it, read-only, for beside the questions."""
    page = enquiry_selectors.enquiry_page(enquiry)
    return {
        "enquiry": enquiry,
        "person": enquiry.person,
        "current_outcomes": [o for o in page["outcomes"] if o.is_current],
        "earlier_outcomes": [o for o in page["outcomes"] if not o.is_current],
        "can_record": False,
        **page,
    }


@login_required
def case_audit(request, pk, enquiry_pk):
    user = request.user
    sample = access.sample_for_auditor(user, pk)
    enquiry = access.case_for_audit(user, sample, enquiry_pk)
    audit = selectors.audit_in(sample, enquiry.pk)
    if audit is not None and (audit.is_completed or audit.auditor_id != user.pk):
        return redirect("improvement:audit", pk=audit.pk)
    if request.method == "GET":
        access_record(
            actor=user,
            action=Action.VIEW,
            obj=enquiry,
            person=enquiry.person,
            detail="opened for a case file audit",
            request=request,
        )
    question_set = audit.question_set if audit else selectors.current_questions()
    questions = list(question_set.questions.all()) if question_set else []
    complete = request.POST.get("action") == forms.COMPLETE
    form = forms.CaseAuditForm(
        request.POST or None,
        questions=questions,
        complete=complete,
        initial=forms.CaseAuditForm.initial_for(
            audit, selectors.audit_answers(audit) if audit else {}
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            started = audit or services.case_audit_start(actor=user, sample=sample, enquiry=enquiry)
            if not questions:  # the product's questions were published by starting the audit
                return redirect("improvement:case_audit", pk=sample.pk, enquiry_pk=enquiry.pk)
            saved = services.case_audit_save(
                actor=user,
                audit=started,
                answers=form.answers(),
                grade=form.cleaned_data.get("grade") or "",
                summary=form.cleaned_data.get("summary") or "",
                actions=form.cleaned_data.get("actions") or "",
                complete=complete,
                seen_version=form.cleaned_data.get("seen_version") if audit else None,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if saved.is_completed:
                messages.success(request, f"Audit of {enquiry.concern.reference} completed")
                return redirect("improvement:audit", pk=saved.pk)
            messages.success(request, "Audit saved. You can come back to it later.")
            return redirect("improvement:audit_sample", pk=sample.pk)
    return render(
        request,
        "improvement/audits/audit_form.html",
        {
            "title": f"Audit of case {enquiry.concern.reference}",
            "form": form,
            "sample": sample,
            "audit": audit,
            "question_set": question_set,
            "starting_questions": [] if questions else services.starting_point(),
            "back_url": reverse("improvement:audit_sample", args=[sample.pk]),
            **_case_context(request, enquiry),
        },
    )


@login_required
def audit_detail(request, pk):
    user = request.user
    audit = access.audit_for_reading(user, pk)
    access_record(
        actor=user,
        action=Action.VIEW,
        obj=audit,
        person=audit.enquiry.person,
        detail="case file audit viewed",
        request=request,
    )
    answers = {a.question_id: a for a in audit.answers.all()}
    questions = list(audit.question_set.questions.all())
    from msp.improvement.projects.selectors import hidden_person_ids

    hidden = audit.enquiry.person_id in hidden_person_ids(user, {audit.enquiry.person_id})
    return render(
        request,
        "improvement/audits/audit.html",
        {
            "title": f"Case file audit of {audit.enquiry.concern.reference}",
            "audit": audit,
            "hidden": hidden,
            "rows": [(q, answers.get(q.pk)) for q in questions],
            "can_continue": not audit.is_completed and audit.auditor_id == user.pk,
        },
    )


@login_required
def own(request):
    user = request.user
    access.require(policy.has_own_audits(user))
    page = page_of(selectors.own_audits(user), request)
    return render(
        request,
        "improvement/audits/own.html",
        {"title": "Audits of my cases", "page": page},
    )


def _int(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


@login_required
def results(request):
    user = request.user
    access.require(policy.can_see_audit_results(user))
    form = PeriodForm(request.GET or None)
    form.is_valid()
    period = form.period()
    teams = policy.audit_result_team_ids(user)
    from msp.accounts.models import Team, User

    team_rows = Team.objects.order_by("name")
    if teams is not None:
        team_rows = team_rows.filter(pk__in=teams)
    team_rows = list(team_rows)
    team_id = _int(request.GET.get("team"))
    if team_id is not None and team_id not in {t.pk for t in team_rows}:
        team_id = -1  # a team the user may not see: nothing, rather than everything
    practitioner_id = _int(request.GET.get("practitioner"))
    found = selectors.results(user, period=period, team_id=team_id, practitioner_id=practitioner_id)
    practitioner = User.objects.filter(pk=practitioner_id).first() if practitioner_id else None
    presenter = disclosure.Presenter(suppress=False)
    return render(
        request,
        "improvement/audits/results.html",
        {
            "title": "Case file audit results",
            "form": form,
            "has_errors": bool(form.errors),
            "period": period,
            "results": found,
            "presenter": presenter,
            "teams": team_rows,
            "team_id": team_id,
            "practitioner": practitioner,
            "grades": selectors.GRADES,
            "answers": selectors.ANSWERS,
            "base_query": _query_without(request, "practitioner", "page"),
        },
    )


def _query_without(request, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@login_required
def questions(request):
    user = request.user
    access.require(policy.can_view_audit_questions(user))
    current = selectors.current_questions()
    return render(
        request,
        "improvement/audits/questions.html",
        {
            "title": "Audit questions",
            "question_set": current,
            "questions": list(current.questions.all())
            if current
            else [_unsaved_question(q) for q in services.starting_point()],
            "may_edit": policy.can_edit_audit_questions(user),
            "draft": selectors.draft_questions() if policy.can_edit_audit_questions(user) else None,
        },
    )


def _unsaved_question(item: dict):
    """The product's starting question in the shape of a stored one, for showing."""
    from msp.improvement.models import AuditQuestion

    return AuditQuestion(
        topic=item["topic"],
        question=item["question"],
        guidance=item["guidance"],
        scale=item["scale"],
    )


@login_required
def question_versions(request):
    access.require(policy.can_view_audit_questions(request.user))
    page = page_of(selectors.published_question_sets(), request)
    return render(
        request,
        "improvement/audits/question_versions.html",
        {"title": "Versions of the audit questions", "page": page},
    )


@login_required
def question_version(request, number):
    user = request.user
    access.require(policy.can_view_audit_questions(user))
    chosen = selectors.question_set_for(user, number)
    if chosen is None:
        raise Http404("No such version")
    return render(
        request,
        "improvement/audits/questions.html",
        {
            "title": f"Audit questions, {'draft' if not chosen.is_published else f'version {chosen.number}'}",
            "question_set": chosen,
            "questions": list(chosen.questions.all()),
            "may_edit": False,
            "draft": None,
        },
    )


@login_required
def questions_edit(request):
    user = request.user
    access.require(policy.can_edit_audit_questions(user))
    draft = selectors.draft_questions()
    if draft is not None:
        starting = [
            {"topic": q.topic, "question": q.question, "guidance": q.guidance, "scale": q.scale}
            for q in draft.questions.all()
        ]
    else:
        starting = services.starting_point()
    form = forms.QuestionsForm(
        request.POST or None,
        starting=starting,
        initial={
            "change_note": draft.change_note if draft else "",
            "seen_version": draft.version if draft else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.audit_questions_save_draft(
                actor=user,
                questions=form.questions(),
                change_note=form.cleaned_data.get("change_note") or "",
                seen_version=form.cleaned_data.get("seen_version"),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Draft of version {saved.number} saved")
            return redirect("improvement:audit_question_version", number=saved.number)
    return render(
        request,
        "improvement/audits/questions_form.html",
        {
            "title": "Write the next version of the audit questions",
            "form": form,
            "draft": draft,
        },
    )


@login_required
def questions_publish(request):
    user = request.user
    access.require(policy.can_edit_audit_questions(user))
    draft = selectors.draft_questions()
    form = forms.PublishForm(
        request.POST or None, initial={"seen_version": draft.version if draft else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            published = services.audit_questions_publish(
                actor=user, seen_version=form.cleaned_data.get("seen_version")
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"Version {published.number} of the audit questions published"
            )
            return redirect("improvement:audit_questions")
    return render(
        request,
        "improvement/audits/publish.html",
        {"title": "Publish the audit questions", "form": form, "draft": draft, "today": today()},
    )
