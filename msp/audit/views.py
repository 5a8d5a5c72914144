from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from msp.accounts import policy
from msp.accounts.models import Role, User
from msp.accounts.services import GIVES_CASE_ACCESS
from msp.audit import selectors, wording
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core.forms import DateField
from msp.core.pagination import page_of
from msp.people.models import Person


def _require_lead(user) -> None:
    if not policy.can_audit(user):
        raise Http404("Not found")


class AuditSearchForm(forms.Form):
    username = forms.CharField(label="Username (optional)", required=False, max_length=150)
    person = forms.CharField(
        label="Person's council reference (optional)", required=False, max_length=40
    )
    action = forms.ChoiceField(
        label="What they did", required=False, choices=[("", "Anything"), *Action.choices]
    )
    date_from = DateField(label="From (optional)", what="the start of the period", required=False)
    date_to = DateField(label="To (optional)", what="the end of the period", required=False)

    def clean_person(self):
        reference = self.cleaned_data["person"].strip()
        if not reference:
            return None
        person = Person.objects.filter(reference__iexact=reference).first()
        if person is None:
            raise forms.ValidationError(
                "No person has that reference: check it, for example P000123"
            )
        return person


@login_required
def search(request):
    _require_lead(request.user)
    form = AuditSearchForm(request.GET or None)
    entries = page = None
    if request.GET and form.is_valid():
        page = page_of(selectors.audit_search(**form.cleaned_data), request)
        entries = wording.described_page(page.items, request.user)
        access_record(
            actor=request.user,
            action=Action.SEARCH,
            person=form.cleaned_data["person"],
            detail="audit search",
        )
    return render(
        request,
        "audit/search.html",
        {"form": form, "described": entries, "page": page, "title": "Audit trail"},
    )


@login_required
def person_trail(request, reference):
    _require_lead(request.user)
    person = Person.objects.filter(reference=reference).first()
    if person is None:
        raise Http404("No such person")
    access_record(
        actor=request.user,
        action=Action.VIEW,
        obj=person,
        person=person,
        detail="who has seen this record",
        request=request,
    )
    page = page_of(selectors.entries_for_person(person), request)
    # A lead not named on a restricted record oversees who opened it without learning who it is.
    name = person.full_name if policy.may_open(request.user, person) else ""
    return render(
        request,
        "audit/person.html",
        {
            "person": person,
            "person_name": name or "the record",
            "viewers": [
                {
                    **viewer,
                    "role": Role(viewer["actor__role"]).label if viewer["actor__role"] else "",
                }
                for viewer in selectors.viewers_of(person)
            ],
            "described": wording.described_page(page.items, request.user),
            "page": page,
            "title": f"Who has seen {name}'s record" if name else "Who has seen this record",
        },
    )


@login_required
def staff_access(request):
    """Changes to staff access, for the safeguarding leads: who gave whom which role, teams or
    case access, and every two-factor code and reset."""
    _require_lead(request.user)
    page = page_of(selectors.staff_access_changes(), request)
    ids = [int(entry.object_id) for entry in page.items if entry.object_id.isdigit()]
    accounts = {user.pk: user for user in User.objects.filter(pk__in=ids)}
    rows = [
        {
            "entry": entry,
            "account": wording.staff_account_words(
                accounts.get(int(entry.object_id)) if entry.object_id.isdigit() else None,
                entry.object_id,
            ),
            "gives_case_access": GIVES_CASE_ACCESS in entry.detail,
            # The tag above says it gives access to case records: the words need not again.
            "notes": [
                note for note in wording.detail_words(entry) if note != wording.CASE_ACCESS_SENTENCE
            ],
            "reason": wording.reason_words(entry),
            "changes": [
                (
                    wording.field_label("user", field),
                    wording.value_words("user", field, values[0]),
                    wording.value_words("user", field, values[1]),
                )
                for field, values in (entry.changes or {}).items()
                if isinstance(values, list)
                and len(values) == 2
                and wording.field_label("user", field)
            ],
        }
        for entry in page.items
    ]
    access_record(
        actor=request.user,
        action=Action.VIEW,
        detail="changes to staff access",
        request=request,
    )
    return render(
        request,
        "audit/staff_access.html",
        {"title": "Changes to staff access", "page": page, "rows": rows},
    )
