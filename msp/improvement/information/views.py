"""Pages for information given to people: the leaflets (read, print, edit) and a person's own
"what I want to happen" summary made from their enquiry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core import printing
from msp.core.models import report_council_name
from msp.core.views_support import apply_service_errors
from msp.enquiries.access import enquiry_for_recording, enquiry_for_user
from msp.enquiries.services import current_outcomes
from msp.improvement import access
from msp.improvement.information import forms, selectors, services, wording
from msp.improvement.models import PersonalSummary


@login_required
def leaflets(request):
    access.require(policy.can_view_leaflets(request.user))
    return render(
        request,
        "improvement/information/leaflets.html",
        {"title": "Information for people", "leaflets": selectors.leaflets()},
    )


def _leaflet_or_404(kind: str):
    page = selectors.leaflet(kind)
    if page is None:
        raise Http404("No such leaflet")
    return page


@login_required
def leaflet(request, kind):
    user = request.user
    access.require(policy.can_view_leaflets(user))
    page = _leaflet_or_404(kind)
    return render(
        request,
        "improvement/information/leaflet.html",
        {"title": page.title, "leaflet": page, "can_edit": policy.can_edit_leaflets(user)},
    )


@login_required
def leaflet_pdf(request, kind):
    user = request.user
    access.require(policy.can_view_leaflets(user))
    page = _leaflet_or_404(kind)
    access_record(
        actor=user, action=Action.PRINT, detail=f"leaflet {kind} printed", request=request
    )
    steps = [
        (s, selectors.picture_data_url(s) if s.pk and s.has_picture else "")
        for s in page.sections
        if s.shown
    ]
    return printing.pdf_response(
        "improvement/information/leaflet_pdf.html",
        {"leaflet": page, "steps": steps, "council_name": report_council_name()},
        filename=f"{kind}.pdf",
    )


@login_required
def leaflet_section_edit(request, kind, position):
    user = request.user
    access.require(policy.can_edit_leaflets(user))
    page = _leaflet_or_404(kind)
    section = selectors.section(kind, position)
    if section is None:
        raise Http404("No such section")
    form = forms.LeafletSectionForm(
        request.POST or None,
        request.FILES or None,
        easy_read=page.easy_read,
        has_picture=section.has_picture,
        initial={
            "heading": section.heading,
            "text": section.text,
            "shown": section.shown,
            "picture_description": section.picture_description,
            "seen_version": section.version if section.pk else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("picture")
        try:
            services.leaflet_section_update(
                actor=user,
                kind=kind,
                position=position,
                heading=data.get("heading", ""),
                text=data.get("text", ""),
                shown=bool(data.get("shown")),
                picture=upload.read() if upload else None,
                remove_picture=bool(data.get("remove_picture")),
                picture_description=data.get("picture_description", ""),
                seen_version=data.get("seen_version"),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"“{data.get('heading')}” saved")
            return redirect("improvement:leaflet", kind=kind)
    return render(
        request,
        "improvement/information/section_form.html",
        {
            "title": f"Change “{section.heading}”",
            "caption": page.title,
            "form": form,
            "section": section,
            "leaflet": page,
            "back_url": reverse("improvement:leaflet", args=[kind]),
        },
    )


@login_required
def leaflet_picture(request, pk):
    access.require(policy.can_view_leaflets(request.user))
    picture = selectors.picture_of(pk)
    if picture is None:
        raise Http404("No such picture")
    return HttpResponse(bytes(picture), content_type="image/png")


@login_required
def summary_new(request, enquiry_pk):
    user = request.user
    enquiry = enquiry_for_recording(user, enquiry_pk)
    form = forms.PersonalSummaryForm(
        request.POST or None,
        initial={
            "how_to_reach": services.default_contact(enquiry, user),
            "what_happens_next": wording.SUMMARY_NEXT_STEPS,
            "large_print": enquiry.person.needs_easy_read,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.personal_summary_create(
                actor=user,
                enquiry=enquiry,
                how_to_reach=form.cleaned_data["how_to_reach"],
                what_happens_next=form.cleaned_data["what_happens_next"],
                large_print=bool(form.cleaned_data.get("large_print")),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("improvement:summary", pk=summary.pk)
    person = enquiry.person
    return render(
        request,
        "improvement/information/summary_form.html",
        {
            "title": f"A summary for {person.known_as}: what I want to happen",
            "caption": f"{person.full_name}, {enquiry.concern.reference}",
            "form": form,
            "enquiry": enquiry,
            "person": person,
            "outcomes": current_outcomes(enquiry),
            "earlier": selectors.summaries_of(enquiry),
            "back_url": reverse("enquiries:detail", args=[enquiry.pk]),
        },
    )


def _summary_for(user, pk) -> PersonalSummary:
    summary = PersonalSummary.objects.filter(pk=pk, archived_at__isnull=True).first()
    if summary is None:
        raise Http404("No such summary")
    # The enquiry's own check: 404 outside its team, the restricted-record page if restricted.
    summary.enquiry = enquiry_for_user(user, summary.enquiry_id)
    return summary


@login_required
def summary(request, pk):
    user = request.user
    found = _summary_for(user, pk)
    person = found.enquiry.person
    access_record(actor=user, action=Action.VIEW, obj=found, person=person, request=request)
    return render(
        request,
        "improvement/information/summary.html",
        {
            "title": "What I want to happen",
            "summary": found,
            "person": person,
            "back_url": reverse("enquiries:detail", args=[found.enquiry_id]),
        },
    )


@login_required
def summary_pdf(request, pk):
    user = request.user
    found = _summary_for(user, pk)
    person = found.enquiry.person
    access_record(
        actor=user,
        action=Action.PRINT,
        obj=found,
        person=person,
        detail="summary for the person printed",
        request=request,
    )
    return printing.pdf_response(
        "improvement/information/summary_pdf.html",
        {"summary": found, "person": person, "council_name": report_council_name()},
        filename=f"what-i-want-to-happen-{found.enquiry.concern.reference}.pdf",
    )
