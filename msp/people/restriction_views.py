from urllib.parse import urlsplit, urlunsplit

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.accounts.models import User
from msp.core.pagination import page_of
from msp.core.views_support import apply_service_errors, on_this_site, safe_next
from msp.people import restrictions
from msp.people.models import RestrictionReason
from msp.people.selectors import people_visible_to


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your name, the time and your reason are recorded and shown to the safeguarding leads",
        error_messages={"required": "Say why you need to open this record"},
    )


class RestrictionForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why restrict the record?",
        choices=RestrictionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the record is restricted"},
    )
    detail = forms.CharField(
        label="More detail (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    named_users = forms.ModelMultipleChoiceField(
        label="Who may open it",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You are always included",
    )

    without_them = forms.BooleanField(
        label="Restrict the record without them",
        required=False,
        help_text="They will have to give a reason each time they open the record",
    )

    def __init__(self, *args, working=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.working = list(working)
        # The people working the case are ticked to begin with: leaving them out is a choice.
        self.fields["named_users"].initial = [user.pk for user, _ in self.working]
        if not self.working:
            del self.fields["without_them"]
        self.fields["named_users"].queryset = policy.restriction_candidates().order_by(
            "first_name", "last_name"
        )
        self.fields["named_users"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.get_role_display()})"
        )

    def clean(self):
        data = super().clean()
        named = {user.pk for user in data.get("named_users") or ()}
        missing = [(user, role) for user, role in self.working if user.pk not in named]
        if missing and "named_users" in data and not data.get("without_them"):
            people = " and ".join(f"{user.get_full_name()} ({role})" for user, role in missing)
            self.add_error(
                "named_users",
                f"{people} {'works' if len(missing) == 1 else 'work'} on this case but "
                f"{'is' if len(missing) == 1 else 'are'} not named: tick them, or tick "
                "“Restrict the record without them”",
            )
        return data


def _person_in_scope(user, reference):
    person = people_visible_to(user).filter(reference=reference).first()
    if person is None:
        raise Http404("No such person")
    return person


def _came_from(request) -> str:
    """Where the Back link goes: the page on this site that led here (the search or list the
    restricted row was in), kept through a refused reason, or else the home page. Never the
    restricted page itself, which would only ask for the reason again."""
    target = request.POST.get("back", "")
    if not target:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if referer.netloc == request.get_host():
            target = urlunsplit(("", "", referer.path, referer.query, ""))
    if on_this_site(request, target) and urlsplit(target).path != request.path:
        return target
    return reverse("home")


def _record_url(person) -> str:
    return reverse("people:detail", kwargs={"reference": person.reference})


@login_required
def break_glass(request, reference):
    person = _person_in_scope(request.user, reference)
    if policy.may_open(request.user, person):
        return redirect(safe_next(request, _record_url(person)))
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            restrictions.break_glass(
                actor=request.user,
                person=person,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect(safe_next(request, _record_url(person)))
    return render(
        request,
        "people/restricted.html",
        {
            "form": form,
            "title": "This record is restricted",
            "next": safe_next(request, _record_url(person)),
            "back_url": _came_from(request),
        },
        status=403 if request.method == "GET" else 200,
    )


@login_required
def restriction(request, reference):
    if not policy.can_restrict_records(request.user):
        raise Http404("Not found")
    person = _person_in_scope(request.user, reference)
    current = restrictions.active_restriction(person)
    working = restrictions.people_working_the_case(person) if current is None else []
    form = RestrictionForm(request.POST or None, working=working)
    if request.method == "POST":
        try:
            if current is not None and request.POST.get("lift"):
                restrictions.restriction_lift(actor=request.user, person=person, request=request)
                return redirect("people:detail", reference=person.reference)
            if form.is_valid():
                restrictions.restriction_place(
                    actor=request.user,
                    person=person,
                    request=request,
                    reason=form.cleaned_data["reason"],
                    detail=form.cleaned_data["detail"],
                    named_users=form.cleaned_data["named_users"],
                )
                return redirect("people:detail", reference=person.reference)
        except ValidationError as error:
            apply_service_errors(form, error)
    return render(
        request,
        "people/restriction.html",
        {
            "form": form,
            "person": person,
            "current": current,
            "working": working,
            # A lead not named on the restriction manages it without seeing who it is about.
            "title": f"Restrict access to {person.full_name}'s record"
            if policy.may_open(request.user, person)
            else f"Restrict access to record {person.reference}",
            "back_url": _record_url(person),
        },
    )


@login_required
def break_glass_log(request):
    if not policy.can_restrict_records(request.user):
        raise Http404("Not found")
    page = page_of(restrictions.recent_break_glass(), request)
    return render(
        request,
        "people/break_glass_log.html",
        {
            "page": page,
            "entries": page.items,
            "title": "Restricted records opened with a reason",
        },
    )


class RestrictedRecordMiddleware:
    """Turns a RestrictedRecord raised by an access function into the break-glass page (or a
    problem response for the API), so every page and endpoint behaves the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, restrictions.RestrictedRecord):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "type": "about:blank",
                    "title": "Restricted record",
                    "status": 403,
                    "detail": "This record is restricted. Open it in the service, giving a reason, to use it here.",
                },
                status=403,
                content_type="application/problem+json",
            )
        form = BreakGlassForm()
        return render(
            request,
            "people/restricted.html",
            {
                "form": form,
                "title": "This record is restricted",
                "break_glass_url": reverse(
                    "people:break_glass", kwargs={"reference": exception.person.reference}
                ),
                "next": request.get_full_path(),
                "back_url": _came_from(request),
            },
            status=403,
        )
