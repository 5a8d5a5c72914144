"""Pages for the follow-up after closure, for staff: the task list, one case's follow-up,
recording what was said, giving a code, and the feedback figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from msp.accounts import policy
from msp.accounts.models import Team
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core.dates import today
from msp.core.pagination import page_of
from msp.core.params import bounded_id
from msp.core.views_support import apply_service_errors, save_form
from msp.improvement import access
from msp.improvement.feedback import codes, forms, selectors, services
from msp.improvement.models.feedback import Respondent
from msp.reporting import disclosure
from msp.reporting.forms import PeriodForm


@login_required
def tasks(request):
    user = request.user
    access.require(policy.can_follow_up(user))
    tab = request.GET.get("show", selectors.DUE)
    if tab not in selectors.TABS:
        tab = selectors.DUE
    page = page_of(selectors.follow_up_tasks(user, tab), request)
    from msp.improvement.projects.selectors import hidden_person_ids

    hidden = hidden_person_ids(user, {e.person_id for e in page.items})
    on = today()
    counts_by_tab = selectors.tab_counts(user)
    return render(
        request,
        "improvement/feedback/tasks.html",
        {
            "title": "Follow-ups after closure",
            "tab": tab,
            "tabs": selectors.TABS,
            "page": page,
            "rows": [
                (e, e.person_id in hidden, (selectors.follow_up_deadline(e) - on).days)
                for e in page.items
            ],
            "tab_rows": [
                (code, label, counts_by_tab.get(code, 0)) for code, label in selectors.TABS.items()
            ],
            "weeks": selectors.FOLLOW_UP_WEEKS,
        },
    )


def _follow_up_context(user, enquiry) -> dict:
    return {
        "enquiry": enquiry,
        "person": enquiry.person,
        "deadline": selectors.follow_up_deadline(enquiry),
        "responses": selectors.responses_for(enquiry),
        "codes": selectors.codes_for(enquiry),
        "questions": selectors.questions(),
        "now": timezone.now(),
    }


@login_required
def follow_up(request, enquiry_pk):
    user = request.user
    enquiry = access.case_for_follow_up(user, enquiry_pk)
    access_record(
        actor=user,
        action=Action.VIEW,
        obj=enquiry,
        person=enquiry.person,
        detail="opened for a follow-up after closure",
        request=request,
    )
    return render(
        request,
        "improvement/feedback/follow_up.html",
        {"title": f"Follow up {enquiry.person.full_name}", **_follow_up_context(user, enquiry)},
    )


@login_required
def record(request, enquiry_pk):
    user = request.user
    enquiry = access.case_for_follow_up(user, enquiry_pk)
    form = forms.FeedbackForm(
        request.POST or None, enquiry=enquiry, initial={"answered_on": today()}
    )
    if request.method == "POST" and save_form(
        form,
        lambda data: services.feedback_record(actor=user, enquiry=enquiry, **form.arguments()),
    ):
        messages.success(request, "Follow-up recorded")
        return redirect("improvement:follow_up", enquiry_pk=enquiry.pk)
    return render(
        request,
        "improvement/feedback/record_form.html",
        {
            "title": "Record the follow-up",
            "form": form,
            "enquiry": enquiry,
            "person": enquiry.person,
            "back_url": reverse("improvement:follow_up", args=[enquiry.pk]),
        },
    )


@login_required
def code_new(request, enquiry_pk):
    user = request.user
    enquiry = access.case_for_follow_up(user, enquiry_pk)
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code, plain = services.feedback_code_issue(
                actor=user, enquiry=enquiry, respondent=form.cleaned_data["respondent"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            # Shown once, in this answer only: the code itself is never stored.
            return render(
                request,
                "improvement/feedback/code.html",
                {
                    "title": "Give them this code",
                    "code": code,
                    "shown": codes.shown(plain),
                    "link": request.build_absolute_uri(reverse("your_say:start"))
                    + f"?code={plain}",
                    "address": request.build_absolute_uri(reverse("your_say:start")),
                    "enquiry": enquiry,
                    "person": enquiry.person,
                    "for_label": dict(Respondent.choices)[code.respondent].lower(),
                    "days": codes.DAYS_VALID,
                },
            )
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Give a code to answer the questions themselves",
            "caption": f"{enquiry.person.full_name}, {enquiry.concern.reference}",
            "intro": "The person, or their representative, can answer the follow-up questions "
            f"on their own phone or computer with a code. It works once, for {codes.DAYS_VALID} "
            "days, and the page shows nothing about the case. Their answers arrive here. "
            "Giving a new code cancels an earlier one for the same person.",
            "form": form,
            "submit_label": "Make the code",
            "back_url": reverse("improvement:follow_up", args=[enquiry.pk]),
        },
    )


@login_required
def figures(request):
    user = request.user
    access.require(policy.can_view_feedback_figures(user))
    form = PeriodForm(request.GET or None)
    form.is_valid()
    period = form.period()
    visible = policy.visible_team_ids(user)
    teams = list(Team.objects.order_by("name"))
    # An id out of range (or not a number) is not a team: the whole council's figures.
    team_id = bounded_id(request.GET.get("team") or "")
    team_ids = {team_id} if team_id else None
    exact = policy.evidence_figures_exact(user, team_ids)
    presenter = disclosure.Presenter(suppress=not exact)
    responses = selectors.responses_in(period, team_ids)
    found = selectors.figures(responses)
    return render(
        request,
        "improvement/feedback/figures.html",
        {
            "title": "Feedback from people after closure",
            "form": form,
            "has_errors": bool(form.errors),
            "period": period,
            "teams": teams,
            "team_id": team_id,
            "team": next((t for t in teams if t.pk == team_id), None),
            "presenter": presenter,
            "suppressed": presenter.suppress,
            "disclosure_note": disclosure.NOTE,
            "figures": [found[code] for code, _ in Respondent.choices],
            "questions": selectors.questions(),
            "by_team": selectors.by_team(responses) if not team_id else [],
            "can_follow_up": policy.can_follow_up(user),
            "sees_every_team": visible is None,
        },
    )
