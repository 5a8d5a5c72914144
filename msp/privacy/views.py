from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core.views_support import save_form
from msp.people.forms import FindPersonForm
from msp.privacy import selectors, services
from msp.privacy import subject_access as bundles
from msp.privacy.access import person_for_data_protection, require_data_protection
from msp.privacy.forms import (
    LegalHoldForm,
    LiftLegalHoldForm,
    LiftRestrictionForm,
    RectificationForm,
    RestrictForm,
)
from msp.privacy.models import LegalHold
from msp.privacy.work_in_hand import work_in_hand


def _overview_url(person) -> str:
    return reverse("privacy:person", kwargs={"reference": person.reference})


@login_required
def index(request):
    """Where data-protection work starts: find the person a request is about, or pick up the
    holds, restrictions and corrections already recorded."""
    require_data_protection(request.user)
    lists = work_in_hand(request.user, request)
    access_record(
        actor=request.user,
        action=Action.VIEW,
        detail="data protection: work in hand",
        request=request,
        returned=list(dict.fromkeys(p.reference for shown in lists for p, _, _ in shown.rows)),
    )
    return render(
        request,
        "privacy/index.html",
        {"title": "Data protection", "find_form": FindPersonForm(), "lists": lists},
    )


@login_required
def person(request, reference):
    person = person_for_data_protection(request.user, reference)
    access_record(
        actor=request.user,
        action=Action.VIEW,
        obj=person,
        person=person,
        detail="data protection page",
        request=request,
    )
    return render(
        request,
        "privacy/person.html",
        {
            "person": person,
            "title": f"Data protection: {person.full_name}",
            "back_url": reverse("people:detail", kwargs={"reference": person.reference}),
            **selectors.person_overview(person),
        },
    )


@login_required
def subject_access(request, reference):
    person = person_for_data_protection(request.user, reference)
    file_name, content = bundles.bundle(person)
    access_record(
        actor=request.user,
        action=Action.EXPORT,
        obj=person,
        person=person,
        detail="subject access bundle",
        request=request,
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@login_required
def restrict_processing(request, reference):
    person = person_for_data_protection(request.user, reference)
    lifting = person.processing_restricted
    form_class = LiftRestrictionForm if lifting else RestrictForm
    form = form_class(request.POST or None, person=person)
    service = services.processing_restriction_lift if lifting else services.processing_restrict
    if request.method == "POST" and save_form(
        form,
        lambda data: service(
            actor=request.user, person=person, reason=data["reason"], seen_version=form.seen()
        ),
    ):
        return redirect(_overview_url(person))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": "Lift the restriction on processing" if lifting else "Restrict processing",
            "caption": f"{person.full_name} ({person.reference})",
            "intro": (
                "The person will be included in exports and reports again."
                if lifting
                else "The record is kept and can still be viewed and updated for the person's "
                "safety, with a warning on it. The person is left out of exports and reports "
                "until the restriction is lifted."
            ),
            "submit_label": "Lift the restriction" if lifting else "Restrict processing",
            "back_url": _overview_url(person),
        },
    )


@login_required
def rectification(request, reference):
    person = person_for_data_protection(request.user, reference)
    form = RectificationForm(request.POST or None, person=person)
    if request.method == "POST" and save_form(
        form,
        lambda data: services.rectification_record(
            actor=request.user,
            person=person,
            received_on=data["received_on"],
            what_is_wrong=data["what_is_wrong"],
            statement=data["statement"],
            decision=data["decision"],
            decision_reason=data["decision_reason"],
            corrections=form.corrections(),
            seen_version=form.seen(),
        ),
    ):
        return redirect(_overview_url(person))
    return render(
        request,
        "privacy/rectification.html",
        {
            "form": form,
            "person": person,
            "title": "Record a request to correct the record",
            "back_url": _overview_url(person),
        },
    )


@login_required
def legal_hold(request, reference):
    person = person_for_data_protection(request.user, reference)
    holds = list(LegalHold.objects.filter(person=person).select_related("placed_by", "lifted_by"))
    posted = request.POST if request.method == "POST" else None
    lifting = posted is not None and posted.get("action") == "lift"
    place_form = LegalHoldForm(posted if posted is not None and not lifting else None)
    # One form per active hold, each with its own field ids; only the one submitted is bound.
    lift_forms = [
        (
            hold,
            LiftLegalHoldForm(
                posted if lifting and posted.get("hold") == str(hold.pk) else None,
                prefix=f"hold-{hold.pk}",
                hold=hold,
            ),
        )
        for hold in holds
        if hold.is_active
    ]
    if posted is not None:
        if lifting:
            chosen = [(hold, form) for hold, form in lift_forms if form.is_bound]
            if not chosen:
                raise Http404("No such hold")
            hold, form = chosen[0]
            write = lambda data: services.legal_hold_lift(  # noqa: E731
                actor=request.user,
                hold=hold,
                reason=data["lifted_reason"],
                lifted_on=data["lifted_on"],
            )
        else:
            form = place_form
            write = lambda data: services.legal_hold_place(  # noqa: E731
                actor=request.user,
                person=person,
                reason=data["reason"],
                placed_on=data["placed_on"],
            )
        if save_form(form, write):
            return redirect(_overview_url(person))
    return render(
        request,
        "privacy/legal_hold.html",
        {
            "person": person,
            "holds": holds,
            "place_form": place_form,
            "lift_forms": lift_forms,
            "error_forms": [place_form, *(form for _, form in lift_forms)],
            "has_errors": any(
                f.is_bound and f.errors for f in [place_form, *(f for _, f in lift_forms)]
            ),
            "title": "Legal holds",
            "back_url": _overview_url(person),
        },
    )
