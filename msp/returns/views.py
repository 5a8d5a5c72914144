from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from msp.audit.services import access_record
from msp.core.periods import ReportingYear
from msp.core.views_support import save_form
from msp.reporting import recent
from msp.returns import exports, forms, selectors, services
from msp.returns.access import require_return_access, review_for_user
from msp.returns.build import build_return


@login_required
def index(request):
    require_return_access(request.user)
    years = selectors.reporting_years()
    year_error = ""
    year = selectors.default_year()
    if request.GET.get("year"):
        try:
            year = ReportingYear.parse(request.GET["year"])
        except ValueError as error:
            year_error = str(error)
    worked = recent.figures(
        "return", (year.label,), lambda: build_return(year), fresh=recent.asked_fresh(request)
    )
    result = worked.value
    return render(
        request,
        "returns/index.html",
        {
            "worked": worked,
            "fresh_url": recent.fresh_url(request),
            "title": f"Safeguarding Adults Collection {year.label}",
            "year": year,
            "years": [y.label for y in years],
            "year_error": year_error,
            "has_errors": bool(year_error),
            "tables": [exports.table_grid(result, code) for code in result.tables],
            "errors": result.errors,
            "warnings": result.warnings,
            "formats": [
                ("xlsx", "XLSX"),
                ("csv", "CSV"),
                ("publication", "CSV in the publication layout"),
                ("json", "JSON"),
            ],
        },
    )


@login_required
def download(request, year, fmt):
    require_return_access(request.user)
    try:
        reporting_year = ReportingYear.parse(year)
    except ValueError as error:
        raise Http404(str(error)) from error
    if fmt not in exports.FORMATS:
        raise Http404("No such format")
    result = build_return(reporting_year)
    content = exports.render(result, fmt)
    access_record(
        actor=request.user,
        action="view",
        detail=f"SAC return {result.year} {fmt} downloaded",
        request=request,
    )
    response = HttpResponse(content, content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(result, fmt)}"'
    return response


@login_required
def reviews(request):
    require_return_access(request.user)
    return render(
        request,
        "returns/reviews.html",
        {"title": "Safeguarding Adults Reviews", "reviews": list(selectors.reviews_register())},
    )


@login_required
def review_new(request):
    require_return_access(request.user)
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST":
        saved = save_form(
            form, lambda data: services.review_create(actor=request.user, **form.values())
        )
        if saved:
            messages.success(request, f"Review {saved.result.reference} added")
            return redirect("returns:reviews")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": "Add a Safeguarding Adults Review",
            "submit_label": "Add review",
            "back_url": reverse("returns:reviews"),
        },
    )


@login_required
def review_edit(request, pk):
    review = review_for_user(request.user, pk)
    initial = {field: getattr(review, field) for field in services.FIELDS if field != "any_died"}
    initial["any_died"] = "yes" if review.any_died else "no"
    form = forms.ReviewForm(request.POST or None, initial=initial, review=review)
    if request.method == "POST" and save_form(
        form,
        lambda data: services.review_update(
            actor=request.user, review=review, seen_version=form.seen(), **form.values()
        ),
    ):
        messages.success(request, f"Review {review.reference} updated")
        return redirect("returns:reviews")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": f"Change review {review.reference}",
            "submit_label": "Save changes",
            "back_url": reverse("returns:reviews"),
        },
    )


@login_required
def review_archive(request, pk):
    review = review_for_user(request.user, pk)
    form = forms.ArchiveForm(request.POST or None, review=review)
    if request.method == "POST" and save_form(
        form,
        lambda data: services.review_archive(
            actor=request.user, review=review, reason=data["reason"], seen_version=form.seen()
        ),
    ):
        messages.success(request, f"Review {review.reference} removed from the register")
        return redirect("returns:reviews")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": f"Remove review {review.reference} from the register",
            "intro": "The review is kept with its history and your reason; it no longer counts in SG5.",
            "submit_label": "Remove review",
            "back_url": reverse("returns:reviews"),
        },
    )
