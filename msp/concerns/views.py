from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from msp.accounts import policy
from msp.audit.services import access_record
from msp.concerns import services
from msp.concerns.access import concern_for_recording, concern_for_user
from msp.concerns.forms import AllegationForm, ConcernForm, DecisionForm
from msp.core.views_support import apply_service_errors
from msp.people.access import person_for_recording

ALLEGATION_FIELDS = ("type_of_risk", "location_of_risk", "source_of_risk", "detail")


@login_required
def start(request):
    """The front door: find the person first, so a new record is made only when they are not known."""
    if not policy.can_record_cases(request.user):
        raise Http404("Not found")
    return redirect("/people/?for=concern")


@login_required
def new(request, reference):
    person = person_for_recording(request.user, reference)
    initial = {"team": request.user.teams.first()}
    form = ConcernForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not policy.can_record_for_team(request.user, data["team"].pk):
            form.add_error("team", "Choose one of your own teams")
        else:
            try:
                concern = services.concern_create(
                    actor=request.user,
                    person=person,
                    team=data["team"],
                    received_date=data["received_date"],
                    raised_by_relationship=data["raised_by_relationship"],
                    raised_by_name=data["raised_by_name"],
                    what_reported=data["what_reported"],
                    allegations=[{field: data[field] for field in ALLEGATION_FIELDS}],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, f"Concern {concern.reference} recorded")
                return redirect("concerns:detail", reference=concern.reference)
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
    form = AllegationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.allegation_add(actor=request.user, concern=concern, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
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
    if concern.decided:
        return redirect("concerns:detail", reference=concern.reference)
    form = DecisionForm(request.POST or None, initial={"team": concern.team})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enquiry = services.concern_decide(
                actor=request.user,
                concern=concern,
                decision=data["decision"],
                decision_date=data["decision_date"],
                decision_reason=data["decision_reason"],
                other_support_offered=data["other_support_offered"],
                team=data["team"],
                lead=data["lead"],
                enquiry_start_date=data["enquiry_start_date"],
                **form.criteria(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if enquiry is not None:
                messages.success(request, "Decision recorded and enquiry opened")
                return redirect("enquiries:detail", pk=enquiry.pk)
            messages.success(request, "Decision recorded: no enquiry")
            return redirect("concerns:detail", reference=concern.reference)
    return render(
        request,
        "concerns/decide.html",
        {
            "form": form,
            "concern": concern,
            "title": "Decide whether to make an enquiry",
            "back_url": f"/concerns/{concern.reference}/",
        },
    )
