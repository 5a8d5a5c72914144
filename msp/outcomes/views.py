from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from msp.accounts import policy
from msp.audit.services import access_record
from msp.core.views_support import save_form
from msp.outcomes import forms, services
from msp.outcomes.access import outcome_for_user
from msp.outcomes.models import OutcomeStatus


@login_required
def detail(request, pk, outcome_pk):
    outcome = outcome_for_user(request.user, pk, outcome_pk)
    enquiry = outcome.enquiry
    access_record(
        actor=request.user, action="view", obj=outcome, person=enquiry.person, request=request
    )
    events = list(
        outcome.events.select_related("actor", "related", "conversation").order_by(
            "happened_on", "id"
        )
    )
    return render(
        request,
        "outcomes/detail.html",
        {
            "outcome": outcome,
            "enquiry": enquiry,
            "events": events,
            "title": "Outcome timeline",
            "can_record": outcome.is_current
            and enquiry.is_open
            and policy.can_record_for_team(request.user, enquiry.team_id),
        },
    )


def _page(request, outcome, form, *, title, submit_label):
    enquiry = outcome.enquiry
    return render(
        request,
        "outcomes/form.html",
        {
            "form": form,
            "outcome": outcome,
            "title": title,
            "caption": f"{enquiry.person.full_name}, enquiry {enquiry.concern.reference}",
            "back_url": f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/",
            "submit_label": submit_label,
        },
    )


def _handle(
    request,
    pk,
    outcome_pk,
    *,
    form_class,
    title,
    submit_label,
    done,
    act,
    form_kwargs=None,
    keep_words=False,
):
    outcome = outcome_for_user(request.user, pk, outcome_pk, recording=True)
    if not outcome.is_current or not outcome.enquiry.is_open:
        messages.success(request, "This outcome can no longer be changed")
        return redirect("enquiries:outcome", pk=pk, outcome_pk=outcome_pk)
    # Only a change of words starts from the words as they are; a plan B or a replacement is
    # a different outcome and starts empty.
    initial = {"expressed_by": outcome.expressed_by, "category": outcome.category}
    if keep_words:
        initial["words"] = outcome.words
    form = form_class(request.POST or None, initial=initial, outcome=outcome, **(form_kwargs or {}))
    if request.method == "POST" and save_form(
        form, lambda data: act(outcome, form, {k: v for k, v in data.items() if k != "version"})
    ):
        messages.success(request, done)
        return redirect("enquiries:detail", pk=pk)
    return _page(request, outcome, form, title=title, submit_label=submit_label)


def _name(outcome) -> str:
    return outcome.enquiry.person.known_as


@login_required
def revise(request, pk, outcome_pk):
    def act(outcome, form, data):
        services.outcome_revise(
            actor=request.user,
            outcome=outcome,
            name=_name(outcome),
            seen_version=form.seen(),
            **data,
        )

    return _handle(
        request,
        pk,
        outcome_pk,
        form_class=forms.ReviseForm,
        title="Change this outcome",
        submit_label="Save change",
        done="Outcome changed",
        act=act,
        keep_words=True,
    )


@login_required
def withdraw(request, pk, outcome_pk):
    def act(outcome, form, data):
        services.outcome_withdraw(
            actor=request.user,
            outcome=outcome,
            name=_name(outcome),
            seen_version=form.seen(),
            **data,
        )

    return _handle(
        request,
        pk,
        outcome_pk,
        form_class=forms.WithdrawForm,
        title="Outcome no longer wanted",
        submit_label="Save",
        done="Outcome marked as no longer wanted",
        act=act,
    )


@login_required
def replace(request, pk, outcome_pk):
    def act(outcome, form, data):
        services.outcome_replace(
            actor=request.user,
            outcome=outcome,
            name=_name(outcome),
            seen_version=form.seen(),
            **data,
        )

    return _handle(
        request,
        pk,
        outcome_pk,
        form_class=forms.ReplaceForm,
        title="Replace with a different outcome",
        submit_label="Save new outcome",
        done="Outcome replaced",
        act=act,
    )


@login_required
def alternative(request, pk, outcome_pk):
    def act(outcome, form, data):
        services.outcome_add_alternative(
            actor=request.user,
            outcome=outcome,
            name=_name(outcome),
            seen_version=form.seen(),
            **data,
        )

    return _handle(
        request,
        pk,
        outcome_pk,
        form_class=forms.AlternativeForm,
        title="Add a plan B",
        submit_label="Save plan B",
        done="Plan B added",
        act=act,
    )


@login_required
def tension(request, pk, outcome_pk):
    outcome = outcome_for_user(request.user, pk, outcome_pk, recording=True)
    others = list(
        outcome.enquiry.outcomes.filter(status=OutcomeStatus.CURRENT).exclude(pk=outcome.pk)
    )

    def act(outcome, form, data):
        services.outcome_mark_tension(
            actor=request.user,
            outcome=outcome,
            other=form.others.get(data["other"]),
            reason=data["reason"],
            happened_on=data["happened_on"],
            seen_version=form.seen(),
        )

    return _handle(
        request,
        pk,
        outcome_pk,
        form_class=forms.TensionForm,
        title="Mark a tension with another outcome",
        submit_label="Save",
        done="Tension recorded",
        act=act,
        form_kwargs={"others": others},
    )
