from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.audit.services import access_record
from msp.concerns import services
from msp.concerns.access import concern_for_recording, concern_for_user
from msp.concerns.forms import AllegationForm, ConcernForm, DecisionForm
from msp.concerns.selectors import undecided_concerns
from msp.core.pagination import page_of
from msp.core.views_support import save_form
from msp.people.access import person_for_recording


@login_required
def start(request):
    """The front door: find the person first, so a new record is made only when they are not known."""
    if not policy.can_record_cases(request.user):
        raise Http404("Not found")
    return redirect("/people/?for=concern")


def _screening_team(user, person):
    """The team to suggest for screening: the person's, when it is one of the user's own, or
    else the user's first own team still in use."""
    own = user.teams.filter(active=True).order_by("name")
    return own.filter(pk=person.team_id).first() or own.first()


@login_required
def new(request, reference):
    person = person_for_recording(request.user, reference)
    initial = {"team": _screening_team(request.user, person)}
    form = ConcernForm(
        request.POST or None,
        initial=initial,
        person=person,
        may_screen=lambda team: policy.can_record_for_team(request.user, team.pk),
    )
    if request.method == "POST":
        saved = save_form(
            form,
            lambda data: services.concern_create(
                actor=request.user,
                person=person,
                team=data["team"],
                received_date=data["received_date"],
                raised_by_relationship=data["raised_by_relationship"],
                raised_by_name=data["raised_by_name"],
                what_reported=data["what_reported"],
                allegations=[form.allegation()],
            ),
        )
        if saved:
            messages.success(request, f"Concern {saved.result.reference} recorded")
            return redirect("concerns:detail", reference=saved.result.reference)
    return render(
        request,
        "concerns/new.html",
        {
            "form": form,
            "person": person,
            "title": f"Safeguarding concern about {person.full_name}",
            "back_url": f"/people/{person.reference}/",
        },
    )


@login_required
def detail(request, reference):
    concern = concern_for_user(request.user, reference)
    access_record(
        actor=request.user, action="view", obj=concern, person=concern.person, request=request
    )
    enquiry = getattr(concern, "enquiry", None) if concern.decided else None
    return render(
        request,
        "concerns/detail.html",
        {
            "concern": concern,
            "allegations": list(concern.allegations.all()),
            "enquiry": enquiry,
            "title": f"Concern {concern.reference}",
            "can_record": policy.can_record_for_team(request.user, concern.team_id),
        },
    )


@login_required
def add_allegation(request, reference):
    concern = concern_for_recording(request.user, reference)
    form = AllegationForm(request.POST or None, received_date=concern.received_date)
    if request.method == "POST" and save_form(
        form,
        lambda data: services.allegation_add(actor=request.user, concern=concern, **data),
    ):
        messages.success(request, "Allegation added")
        return redirect("concerns:detail", reference=concern.reference)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": "Add an allegation",
            "caption": f"{concern.person.full_name}, concern {concern.reference}",
            "back_url": f"/concerns/{concern.reference}/",
            "submit_label": "Add allegation",
        },
    )


@login_required
def decide(request, reference):
    concern = concern_for_recording(request.user, reference)
    if concern.decided and request.method != "POST":
        return redirect("concerns:detail", reference=concern.reference)
    form = DecisionForm(request.POST or None, initial={"team": concern.team}, concern=concern)
    if request.method == "POST":
        saved = save_form(
            form,
            lambda data: services.concern_decide(
                actor=request.user,
                concern=concern,
                decision=data["decision"],
                decision_date=data["decision_date"],
                decision_reason=data["decision_reason"],
                other_support_offered=data["other_support_offered"],
                team=data["team"],
                lead=data["lead"],
                enquiry_start_date=data["enquiry_start_date"],
                seen_version=form.seen(),
                **form.criteria(),
            ),
        )
        if saved and saved.result is not None:
            messages.success(request, "Decision recorded and enquiry opened")
            return redirect("enquiries:detail", pk=saved.result.pk)
        if saved:
            messages.success(request, "Decision recorded: no enquiry")
            return redirect("concerns:detail", reference=concern.reference)
    return render(
        request,
        "concerns/decide.html",
        {
            "form": form,
            "concern": concern,
            "decided": concern.decided,
            "title": "Decide whether to make an enquiry",
            "back_url": f"/concerns/{concern.reference}/",
        },
    )


@login_required
def waiting(request):
    """Every concern waiting for a decision in the user's teams, oldest first, a page at a time."""
    if not policy.can_record_cases(request.user):
        raise Http404("Not found")
    return render(
        request,
        "concerns/waiting.html",
        {
            "title": "Concerns waiting for a decision",
            "page": page_of(undecided_concerns(request.user), request),
            "back_url": reverse("enquiries:caseload"),
        },
    )
