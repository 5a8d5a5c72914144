from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.audit.services import access_record
from msp.core.pagination import page_of
from msp.core.recent import remember_opened
from msp.core.views_support import apply_service_errors, save_form
from msp.people import names, selectors, services
from msp.people.access import person_for_recording, person_for_user
from msp.people.forms import ConfirmNewPersonForm, FindPersonForm, PersonForm
from msp.people.restrictions import active_restriction


def _require_case_viewer(user) -> None:
    if not policy.can_view_cases(user):
        raise Http404("Not found")


@login_required
def find(request):
    _require_case_viewer(request.user)
    purpose = request.GET.get("for")
    for_concern = purpose == "concern"
    # Sent from the data protection page: each person found opens their data-protection page.
    for_data_protection = purpose == "data-protection" and policy.can_handle_data_protection(
        request.user
    )
    form = FindPersonForm.searched(request.GET)
    results = page = None
    if form.is_bound and form.is_valid():
        page = page_of(
            selectors.person_search_ranked(
                request.user,
                text=form.cleaned_data["text"],
                date_of_birth=form.cleaned_data["date_of_birth"],
            ),
            request,
        )
        results = selectors.people_ranked(page.items)
        access_record(
            actor=request.user,
            action="search",
            detail=form.cleaned_data["text"] or str(form.cleaned_data["date_of_birth"]),
            request=request,
        )
    title = "Find a person"
    if for_concern:
        title = "New safeguarding concern: find the person"
    elif for_data_protection:
        title = "Data protection: find the person"
    carried = {**({"for": "concern"} if for_concern else {}), **form.carried()}
    return render(
        request,
        "people/find.html",
        {
            "form": form,
            "results": results,
            "page": page,
            "title": title,
            "for_concern": for_concern,
            "for_data_protection": for_data_protection,
            "restricted_found": any(p.identity_withheld for p in results or ()),
            "add_url": f"{reverse('people:create')}?{urlencode(carried)}"
            if carried
            else reverse("people:create"),
            "back_url": reverse("privacy:index") if for_data_protection else reverse("home"),
            "by_sound": selectors.BY_SOUND,
        },
    )


def _carried_from_search(query) -> dict:
    """What the user typed on the find page, as the starting values of a new person."""
    search = FindPersonForm.searched(query)
    if not search.is_bound:
        return {}
    initial = names.split_search_text(search.data.get("text", ""))
    if search.is_valid() and search.cleaned_data.get("date_of_birth"):
        initial["date_of_birth"] = search.cleaned_data["date_of_birth"]
    return initial


@login_required
def create(request):
    if not policy.can_record_cases(request.user):
        raise Http404("Not found")
    for_concern = request.GET.get("for") == "concern"
    form = ConfirmNewPersonForm(request.POST or None, initial=_carried_from_search(request.GET))
    similar = []
    if request.method == "POST":
        valid = form.is_valid()
        data = form.cleaned_data
        # Looked for even when something else is wrong, so the warning comes in the same round.
        if data.get("last_name") or data.get("nhs_number"):
            similar = selectors.similar_people(
                request.user,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                date_of_birth=data.get("date_of_birth"),
                nhs_number=data.get("nhs_number", ""),
            )
        if similar and not data.get("confirm_new"):
            form.add_error(
                "confirm_new",
                "Check whether the person is already recorded. If none of these is them, "
                "tick the box to confirm this is a new person",
            )
        elif valid:
            try:
                team = request.user.teams.first()
                person = services.person_create(
                    actor=request.user, team=team, **form.person_fields()
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if for_concern:
                    return redirect("concerns:new", reference=person.reference)
                return redirect("people:detail", reference=person.reference)
    return render(
        request,
        "people/create.html",
        {
            "form": form,
            "similar": similar,
            "title": "Add a new person",
            "back_url": reverse("people:find") + ("?for=concern" if for_concern else ""),
        },
    )


@login_required
def detail(request, reference):
    _require_case_viewer(request.user)
    person = person_for_user(request.user, reference)
    access_record(actor=request.user, action="view", obj=person, person=person, request=request)
    remember_opened(request, "person", person.pk)
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
    form = PersonForm(request.POST or None, initial=initial, person=person)
    if request.method == "POST":
        saved = save_form(
            form,
            lambda data: services.person_update(
                actor=request.user,
                person=person,
                seen_version=form.seen(),
                **form.person_fields(data),
            ),
        )
        if saved:
            messages.success(request, f"{saved.result.full_name}'s details saved")
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
