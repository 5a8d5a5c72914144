from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from msp import sac
from msp.accounts import policy
from msp.accounts.models import Team
from msp.audit.selectors import recent_case_access_grants
from msp.audit.services import access_record
from msp.concerns.selectors import undecided_concerns
from msp.core.dates import today
from msp.core.models import council_settings
from msp.core.pagination import page_of
from msp.core.params import ParameterProblem, id_param
from msp.core.recent import remember_opened
from msp.core.views_support import save_form
from msp.enquiries import forms, selectors, services, statutory
from msp.enquiries.access import enquiry_for_allocation, enquiry_for_recording, enquiry_for_user
from msp.enquiries.models import Stage
from msp.enquiries.tasks import default_stage, task_list

WAITING_SHOWN = 10


@login_required
def caseload(request):
    user = request.user
    if not policy.can_view_cases(user):
        raise Http404("Not found")
    params = request.GET
    own_first = policy.starts_with_own_caseload(user)
    whole_team = not own_first or params.get("view") == "team"
    problems = []
    lead_id = id_param(
        params,
        "lead",
        field_id="f-lead",
        message="Choose a worker from the list",
        problems=problems,
    )
    type_of_risk = params.get("type_of_risk", "")
    if type_of_risk and type_of_risk not in sac.spec_on().codes("type_of_risk"):
        problems.append(ParameterProblem("f-type", "Choose a type of risk from the list"))
        type_of_risk = ""
    ids = selectors.caseload_ids(
        user,
        status=params.get("status", "open"),
        lead_id=lead_id,
        drift=params.get("drift", ""),
        type_of_risk=type_of_risk,
        age_band=params.get("age_band", ""),
        sort=params.get("sort", "opened"),
        mine=not whole_team,
    )
    page = page_of(ids, request)
    # The oldest few concerns waiting for a decision, with how many there are in all; the
    # whole queue is its own page (concerns:waiting).
    undecided, waiting = [], 0
    if policy.can_record_cases(user):
        queue = undecided_concerns(user)
        undecided = list(queue[:WAITING_SHOWN])
        waiting = len(undecided) if len(undecided) < WAITING_SHOWN else queue.count()
    team_ids = policy.visible_team_ids(user)
    workers = policy.caseworkers().filter(is_active=True)
    if team_ids is not None:
        workers = workers.filter(teams__in=team_ids)
    context = {
        "title": "Team caseload" if whole_team else "My caseload",
        "page": page,
        "rows": selectors.caseload_rows(user, page.items),
        "drift_days": council_settings().drift_days,
        "whole_team": whole_team,
        "starts_with_own_caseload": own_first,
        "problems": problems,
        "params": params,
        "workers": list(
            workers.distinct()
            .order_by("first_name", "last_name")
            .only("first_name", "last_name", "username")
        ),
        "drift_filters": selectors.DRIFT_FILTERS,
        "sorts": {key: label for key, (_, label) in selectors.SORTS.items()},
        "types_of_risk": sac.spec_on().choices("type_of_risk"),
        "age_bands": selectors.age_band_choices(),
        "undecided": undecided,
        "waiting": waiting,
        "access_grants": recent_case_access_grants() if policy.can_audit(user) else 0,
        # Said beside the concerns waiting for a decision, so only counted when they are shown.
        "unallocated": ids.filter(lead__isnull=True).count() if undecided else 0,
    }
    return render(request, "enquiries/caseload.html", context)


@login_required
def detail(request, pk):
    enquiry = enquiry_for_user(request.user, pk)
    access_record(
        actor=request.user, action="view", obj=enquiry, person=enquiry.person, request=request
    )
    remember_opened(request, "enquiry", enquiry.pk)
    page = selectors.enquiry_page(enquiry)
    drift = selectors.drift_of(
        selectors.with_drift(type(enquiry).objects.filter(pk=enquiry.pk)).get(),
        council_settings().drift_days,
    )
    current = [o for o in page["outcomes"] if o.is_current]
    earlier = [o for o in page["outcomes"] if not o.is_current]
    return render(
        request,
        "enquiries/detail.html",
        {
            "enquiry": enquiry,
            "person": enquiry.person,
            "title": f"Enquiry for {enquiry.person.full_name}",
            "current_outcomes": current,
            "earlier_outcomes": earlier,
            "drift": drift,
            "days_open": ((enquiry.end_date or today()) - enquiry.start_date).days,
            "tasks": task_list(enquiry, page),
            "can_record": policy.can_record_for_team(request.user, enquiry.team_id)
            and enquiry.is_open,
            "can_allocate": policy.can_allocate(request.user, enquiry.team_id) and enquiry.is_open,
            "can_record_end": policy.can_record_for_team(request.user, enquiry.team_id)
            and not enquiry.is_open,
            "corrections": [
                (statutory.field_label(f), c) for f, c in enquiry.sac_corrections.items()
            ],
            **page,
        },
    )


def _form_page(
    request, enquiry, form, *, title, submit_label="Save", template="core/form_page.html", **extra
):
    return render(
        request,
        template,
        {
            "form": form,
            "enquiry": enquiry,
            "person": enquiry.person,
            "title": title,
            "caption": f"{enquiry.person.full_name}, {enquiry.get_kind_display().lower()} {enquiry.concern.reference}",
            "back_url": f"/enquiries/{enquiry.pk}/",
            "submit_label": submit_label,
            **extra,
        },
    )


def _simple_record(
    request, pk, *, form_class, service, title, submit_label, done, template="core/form_page.html"
):
    """A page whose form maps field for field onto one recording service."""
    enquiry = enquiry_for_recording(request.user, pk)
    form = form_class(request.POST or None, enquiry=enquiry)
    if request.method == "POST" and save_form(
        form, lambda data: service(actor=request.user, enquiry=enquiry, **data)
    ):
        messages.success(request, done)
        return redirect("enquiries:detail", pk=enquiry.pk)
    return _form_page(
        request, enquiry, form, title=title, submit_label=submit_label, template=template
    )


@login_required
def capacity_new(request, pk):
    return _simple_record(
        request,
        pk,
        form_class=forms.CapacityForm,
        service=services.capacity_record,
        title="Record a capacity assessment",
        submit_label="Save assessment",
        done="Capacity assessment recorded",
    )


@login_required
def representation_new(request, pk):
    return _simple_record(
        request,
        pk,
        form_class=forms.RepresentationForm,
        service=services.representation_record,
        title="Add a representative or advocate",
        submit_label="Save representative",
        done="Representative recorded",
    )


@login_required
def risk_new(request, pk):
    return _simple_record(
        request,
        pk,
        form_class=forms.RiskDiscussionForm,
        service=services.risk_discussion_record,
        title="Record a risk discussion",
        submit_label="Save discussion",
        done="Risk discussion recorded",
    )


@login_required
def response_new(request, pk):
    return _simple_record(
        request,
        pk,
        form_class=forms.ResponseForm,
        service=services.response_record,
        title="Record the response agreed",
        submit_label="Save response",
        done="Response recorded",
    )


@login_required
def allocate(request, pk):
    enquiry = enquiry_for_allocation(request.user, pk)
    team_ids = policy.visible_team_ids(request.user)
    teams = (
        Team.objects.filter(active=True)
        if team_ids is None
        else Team.objects.filter(pk__in=team_ids)
    )
    form = forms.AllocateForm(
        request.POST or None,
        enquiry=enquiry,
        teams=teams,
        initial={"team": enquiry.team, "lead": enquiry.lead},
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.enquiry_allocate(
            actor=request.user,
            enquiry=enquiry,
            team=data["team"],
            lead=data["lead"],
            seen_version=form.seen(),
        ),
    ):
        messages.success(request, "Enquiry allocated")
        return redirect("enquiries:detail", pk=enquiry.pk)
    return _form_page(request, enquiry, form, title="Allocate the enquiry", submit_label="Allocate")


@login_required
def conversation_new(request, pk):
    enquiry = enquiry_for_recording(request.user, pk)
    name = enquiry.person.known_as
    current = services.current_outcomes(enquiry)
    requested = request.GET.get("stage")
    stage = requested if requested in Stage.values else default_stage(enquiry)
    initial = {"held_on": today(), "stage": stage}
    form = forms.ConversationForm(
        request.POST or None,
        enquiry=enquiry,
        name=name,
        current_outcomes=current,
        initial=initial,
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.conversation_record(
            actor=request.user,
            enquiry=enquiry,
            held_on=data["held_on"],
            stage=data["stage"],
            kind=data["kind"],
            participants=data["participants"],
            method=data["method"],
            notes=data["notes"],
            asked_no_outcomes=data.get("asked_no_outcomes", False),
            new_outcomes=form.new_outcomes(),
            revisits=form.revisits(),
        ),
    ):
        messages.success(request, "Conversation recorded")
        return redirect("enquiries:detail", pk=enquiry.pk)
    return _form_page(
        request,
        enquiry,
        form,
        title="Record a conversation or meeting"
        if enquiry.is_open
        else "Record the end conversation",
        submit_label="Save conversation",
        template="enquiries/conversation_form.html",
        name=name,
    )


@login_required
def closing_review(request, pk):
    enquiry = enquiry_for_recording(request.user, pk)
    if not enquiry.is_open:
        return redirect("enquiries:detail", pk=enquiry.pk)
    name = enquiry.person.known_as
    current = services.current_outcomes(enquiry)
    review = getattr(enquiry, "closing_review", None)
    initial = {"action_and_result": enquiry.action_and_result, "risk_outcome": enquiry.risk_outcome}
    for outcome in current:
        initial.update(
            {f"rating_{outcome.pk}_{n}": getattr(outcome, n) for n in forms.RATING_FIELDS}
        )
    if review is not None:
        initial.update(
            {
                "reviewed_on": review.reviewed_on,
                "experience_answered_by": review.experience_answered_by,
                "experience_comments": review.experience_comments,
            }
        )
        initial.update(
            {
                f"experience_{r.topic}": r.answer
                for r in review.experience.filter(archived_at__isnull=True)
            }
        )
    else:
        initial["reviewed_on"] = today()
    form = forms.ClosingReviewForm(
        request.POST or None,
        enquiry=enquiry,
        name=name,
        outcomes=current,
        review=review,
        initial=initial,
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.closing_review_record(
            actor=request.user,
            enquiry=enquiry,
            reviewed_on=data["reviewed_on"],
            ratings=form.ratings(),
            action_and_result=data["action_and_result"],
            risk_outcome=data["risk_outcome"],
            experience=form.experience(),
            experience_answered_by=data["experience_answered_by"],
            experience_comments=data["experience_comments"],
            seen_version=form.seen(),
            seen_review_version=form.seen("review_version"),
        ),
    ):
        messages.success(request, "Closing review saved. Check the figures and close the enquiry.")
        return redirect("enquiries:close", pk=enquiry.pk)
    return _form_page(
        request,
        enquiry,
        form,
        title="Closing review",
        submit_label="Save and continue",
        template="enquiries/closing_review.html",
        name=name,
    )


def _answer_rows(enquiry, derived: statutory.Answers, review) -> list[dict]:
    """The statutory answers as the close page lists them: each with the answer worked out from
    the record, any correction proposed and its reason, and where to change it."""
    worked_out = derived.as_dict()
    proposed = review.corrections if review is not None else {}
    rows = []
    for field, (label, _) in statutory.FIELDS.items():
        correction = proposed.get(field)
        rows.append(
            {
                "field": field,
                "label": label,
                "derived": forms.answer_label(field, worked_out[field]),
                "needs_answer": field == "sac_outcomes_achieved"
                and worked_out["sac_asked_outcomes"] == "asked_expressed"
                and not worked_out[field]
                and correction is None,
                "corrected": forms.answer_label(field, correction["value"]) if correction else "",
                "reason": correction["reason"] if correction else "",
                "change_url": reverse(
                    "enquiries:statutory_answer", kwargs={"pk": enquiry.pk, "field": field}
                ),
            }
        )
    return rows


@login_required
def close(request, pk):
    enquiry = enquiry_for_recording(request.user, pk)
    if not enquiry.is_open:
        return redirect("enquiries:detail", pk=enquiry.pk)
    problems = services.closure_problems(enquiry)
    derived = statutory.derive_for(enquiry)
    review = getattr(enquiry, "closing_review", None)
    form = forms.CloseForm(
        request.POST or None,
        enquiry=enquiry,
        review=review,
        initial={"end_date": getattr(review, "reviewed_on", None)},
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.enquiry_close(
            actor=request.user,
            enquiry=enquiry,
            end_date=data["end_date"],
            corrections=services.proposed_corrections(review),
            seen_version=form.seen(),
            seen_review_version=form.seen("review_version"),
        ),
    ):
        messages.success(request, "Enquiry closed")
        return redirect("enquiries:detail", pk=enquiry.pk)
    return _form_page(
        request,
        enquiry,
        form,
        title="Close the enquiry",
        submit_label="Close the enquiry",
        template="enquiries/close.html",
        problems=problems,
        warnings=services.closure_warnings(enquiry),
        answers=_answer_rows(enquiry, derived, review),
    )


@login_required
def statutory_answer(request, pk, field):
    """Change one statutory answer before closure: the Change link of a row on the close page."""
    enquiry = enquiry_for_recording(request.user, pk)
    if field not in statutory.FIELDS:
        raise Http404("No such answer")
    review = getattr(enquiry, "closing_review", None)
    if not enquiry.is_open or review is None:
        return redirect("enquiries:close" if enquiry.is_open else "enquiries:detail", pk=pk)
    derived = statutory.derive_for(enquiry).as_dict()[field]
    correction = review.corrections.get(field)
    form = forms.StatutoryAnswerForm(
        request.POST or None,
        field=field,
        derived=derived,
        review=review,
        initial={
            "answer": forms.answer_code(correction["value"] if correction else derived),
            "reason": correction["reason"] if correction else "",
        },
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.statutory_answer_correct(
            actor=request.user,
            enquiry=enquiry,
            field=field,
            value=form.value(),
            reason=data["reason"],
            seen_review_version=form.seen(),
        ),
    ):
        messages.success(request, f"Answer to “{statutory.FIELDS[field][0]}” saved")
        return redirect(reverse("enquiries:close", kwargs={"pk": pk}) + f"#answer-{field}")
    close_url = reverse("enquiries:close", kwargs={"pk": pk})
    return _form_page(
        request,
        enquiry,
        form,
        title=f"Change the answer to “{statutory.FIELDS[field][0]}”",
        submit_label="Save answer",
        template="enquiries/statutory_answer.html",
        back_url=close_url,
        derived=forms.answer_label(field, derived),
    )
