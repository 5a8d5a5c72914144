from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from msp.accounts import policy
from msp.audit.services import access_record
from msp.core.params import posted_version
from msp.core.views_support import apply_service_errors
from msp.people import selectors, services
from msp.people.access import person_for_recording, person_for_user
from msp.people.forms import ConfirmNewPersonForm, FindPersonForm, PersonForm
from msp.people.restrictions import active_restriction


def _require_case_viewer(user) -> None:
    if not policy.can_view_cases(user):
        raise Http404("Not found")


@login_required
def find(request):
    _require_case_viewer(request.user)
    for_concern = request.GET.get("for") == "concern"
    form = FindPersonForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        results = selectors.person_search(
            request.user,
            text=form.cleaned_data["text"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
        access_record(
            actor=request.user,
            action="search",
            detail=form.cleaned_data["text"] or str(form.cleaned_data["date_of_birth"]),
            request=request,
        )
    title = "New safeguarding concern: find the person" if for_concern else "Find a person"
    return render(
        request,
        "people/find.html",
        {
            "form": form,
            "results": results,
            "title": title,
            "for_concern": for_concern,
            "restricted_found": any(p.identity_withheld for p in results or ()),
        },
    )


def _person_fields(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "confirm_new"}


@login_required
def create(request):
    if not policy.can_record_cases(request.user):
        raise Http404("Not found")
    form = ConfirmNewPersonForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        similar = selectors.similar_people(
            request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"],
            nhs_number=data["nhs_number"],
        )
        if similar and not data["confirm_new"]:
            form.add_error(
                "confirm_new",
                "Check whether the person is already recorded. If none of these is them, confirm that this is a new person",
            )
        else:
            try:
                team = request.user.teams.first()
                person = services.person_create(
                    actor=request.user, team=team, **_person_fields(data)
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if request.GET.get("for") == "concern":
                    return redirect("concerns:new", reference=person.reference)
                return redirect("people:detail", reference=person.reference)
    return render(
        request,
        "people/create.html",
        {"form": form, "similar": similar, "title": "Add a new person", "back_url": "/people/"},
    )


@login_required
def detail(request, reference):
    _require_case_viewer(request.user)
    person = person_for_user(request.user, reference)
    access_record(actor=request.user, action="view", obj=person, person=person, request=request)
    concerns = list(
        person.concerns.select_related("team", "enquiry", "enquiry__lead").order_by(
            "-received_date"
        )
    )
    visible = [c for c in concerns if policy.can_view_team(request.user, c.team_id)]
    restriction = active_restriction(person)
    return render(
        request,
        "people/detail.html",
        {
            "restriction": restriction,
            "person": person,
            "concerns": visible,
            "title": person.full_name,
            "can_record": policy.can_record_cases(request.user),
        },
    )


@login_required
def edit(request, reference):
    person = person_for_recording(request.user, reference)
    initial = {field: getattr(person, field) for field in PersonForm.base_fields}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                actor=request.user,
                person=person,
                seen_version=posted_version(request.POST, person.version),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("people:detail", reference=person.reference)
    return render(
        request,
        "people/edit.html",
        {
            "form": form,
            "person": person,
            "title": f"Change {person.full_name}'s details",
            "back_url": f"/people/{person.reference}/",
        },
    )
