"""Pages for the staff briefing note: reading it, confirming it was read, earlier versions,
writing and publishing it, and who has read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core import printing
from msp.core.models import report_council_name
from msp.core.pagination import page_of
from msp.core.views_support import apply_service_errors
from msp.improvement import access
from msp.improvement.briefing import forms, selectors, services, wording
from msp.improvement.supervision import selectors as champion_selectors


def _sections(version) -> list[tuple[str, str]]:
    """Each section's heading and its words (split into paragraphs by the template)."""
    return [(s.heading, getattr(version, s.field)) for s in wording.SECTIONS]


def _page(request, version, *, title, back_url):
    user = request.user
    return render(
        request,
        "improvement/briefing/read.html",
        {
            "title": title,
            "back_url": back_url,
            "version": version,
            "sections": _sections(version) if version else [],
            "read_at": selectors.read_on(user, version)
            if version and version.is_published
            else None,
            "is_current": version is not None
            and version.is_published
            and version == selectors.current(),
            "can_confirm": policy.can_read_briefing(user),
            "can_edit": policy.can_edit_briefing(user),
            "can_see_readers": policy.can_see_briefing_readers(user),
            "draft": selectors.draft() if policy.can_edit_briefing(user) else None,
            # The champions of the reader's own teams (of every team for those without one).
            "champions": champion_selectors.champions_by_team(
                policy.visible_team_ids(user) or None
            ),
        },
    )


@login_required
def briefing(request):
    access.require(policy.can_read_briefing(request.user))
    return _page(
        request,
        selectors.current(),
        title="Staff briefing: Making Safeguarding Personal",
        back_url=reverse("home"),
    )


@login_required
def version(request, number):
    access.require(policy.can_read_briefing(request.user))
    chosen = selectors.version_for(request.user, number)
    if chosen is None:
        raise Http404("No such version")
    label = "draft" if not chosen.is_published else f"version {chosen.number}"
    return _page(
        request,
        chosen,
        title=f"Staff briefing, {label}",
        back_url=reverse("improvement:briefing_versions"),
    )


@login_required
def confirm(request, number):
    access.require(policy.can_read_briefing(request.user))
    chosen = selectors.version_for(request.user, number)
    if chosen is None or not chosen.is_published:
        raise Http404("No such version")
    if request.method != "POST":  # the button posts; a followed link just shows the briefing
        return redirect("improvement:briefing_version", number=chosen.number)
    services.briefing_confirm_read(actor=request.user, briefing=chosen)
    messages.success(request, f"Thank you: you have confirmed you read version {chosen.number}")
    return redirect("improvement:briefing")


@login_required
def versions(request):
    access.require(policy.can_read_briefing(request.user))
    page = page_of(selectors.published(), request)
    return render(
        request,
        "improvement/briefing/versions.html",
        {
            "title": "Versions of the staff briefing",
            "page": page,
            "draft": selectors.draft() if policy.can_edit_briefing(request.user) else None,
        },
    )


@login_required
def pdf(request, number):
    user = request.user
    access.require(policy.can_read_briefing(user))
    chosen = selectors.version_for(user, number)
    if chosen is None:
        raise Http404("No such version")
    access_record(
        actor=user,
        action=Action.PRINT,
        obj=chosen,
        detail=f"briefing note version {chosen.number} printed",
        request=request,
    )
    return printing.pdf_response(
        "improvement/briefing/briefing_pdf.html",
        {"version": chosen, "sections": _sections(chosen), "council_name": report_council_name()},
        filename=f"staff-briefing-version-{chosen.number}.pdf",
    )


@login_required
def edit(request):
    user = request.user
    access.require(policy.can_edit_briefing(user))
    draft = selectors.draft()
    if draft is not None:
        initial = {
            "title": draft.title,
            "change_note": draft.change_note,
            "seen_version": draft.version,
            **{f: getattr(draft, f) for f in wording.FIELDS},
        }
    else:
        initial = services.starting_point()
    form = forms.BriefingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.briefing_save_draft(
                actor=user,
                title=form.cleaned_data.get("title", ""),
                change_note=form.cleaned_data.get("change_note", ""),
                seen_version=form.cleaned_data.get("seen_version"),
                **form.sections(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Draft of version {saved.number} saved. Staff will see it once you publish it.",
            )
            return redirect("improvement:briefing_version", number=saved.number)
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Write the staff briefing",
            "caption": f"Draft of version {draft.number}" if draft else "A new version",
            "intro": "Staff see the briefing once it is published. Saving keeps a draft only you "
            "and other safeguarding leads can see.",
            "form": form,
            "submit_label": "Save the draft",
            "back_url": reverse("improvement:briefing"),
        },
    )


@login_required
def publish(request):
    user = request.user
    access.require(policy.can_edit_briefing(user))
    draft = selectors.draft()
    if draft is None:
        raise Http404("No draft to publish")
    form = forms.ConfirmForm(request.POST or None, initial={"seen_version": draft.version})
    if request.method == "POST" and form.is_valid():
        try:
            published = services.briefing_publish(
                actor=user, seen_version=form.cleaned_data.get("seen_version")
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Version {published.number} published to staff")
            return redirect("improvement:briefing")
    return render(
        request,
        "core/form_page.html",
        {
            "title": f"Publish version {draft.number} of the staff briefing",
            "intro": "Once published, every practitioner and manager sees this version and is "
            "asked to confirm they have read it. A published version cannot be changed: later "
            "changes make a new version.",
            "form": form,
            "submit_label": "Publish",
            "back_url": reverse("improvement:briefing_version", args=[draft.number]),
        },
    )


@login_required
def readers(request):
    user = request.user
    access.require(policy.can_see_briefing_readers(user))
    latest = selectors.current()
    staff = selectors.readers(user, latest) if latest else None
    return render(
        request,
        "improvement/briefing/readers.html",
        {
            "title": "Who has read the staff briefing",
            "version": latest,
            "page": page_of(staff, request) if staff is not None else None,
            "read_count": staff.filter(read_at__isnull=False).count() if staff is not None else 0,
        },
    )
