import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from msp.accounts import policy
from msp.accounts.models import Team
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core import printing
from msp.core.models import adult_population, council_settings, report_council_name
from msp.core.params import id_param
from msp.core.periods import ReportingYear
from msp.core.spreadsheets import xlsx_sheet
from msp.reporting import charts, disclosure, measures, recent, tables
from msp.reporting.forms import measures_form
from msp.reporting.national import national_year
from msp.returns import publication
from msp.returns.build import build_return

SHEETS = {
    "headlines": "Headlines",
    "achieved": "Outcomes met",
    "activity": "Concerns by quarter",
    "trend": "Outcomes by quarter",
    "rates": "Rates per 100,000 adults",
    "triangulation": "Side by side",
}


def _scope_choices(user):
    """The teams and workers a user may pick, and the team and lead their request asked for."""
    visible = policy.visible_team_ids(user)
    teams = Team.objects.order_by("name")
    if visible is not None:
        teams = teams.filter(pk__in=visible)
    workers = policy.caseworkers()
    if visible is not None:
        workers = workers.filter(teams__in=visible)
    return list(teams), list(workers.distinct().order_by("first_name", "last_name"))


@login_required
def measures_page(request):
    user = request.user
    if not policy.can_use_measures(user):
        raise Http404("Not found")
    form = measures_form(request.GET)
    form.is_valid()
    params = request.GET
    teams, workers = _scope_choices(user)
    problems = []
    team_id = id_param(
        params, "team", field_id="f-team", message="Choose a team from the list", problems=problems
    )
    lead_id = id_param(
        params,
        "lead",
        field_id="f-lead",
        message="Choose a lead practitioner from the list",
        problems=problems,
    )
    own_first = policy.starts_with_own_caseload(user)
    mine = own_first and params.get("view") != "team"
    if mine:
        lead_id = user.pk
    scope = measures.scope_for(user, team_id=team_id, lead_id=lead_id)
    default_dimension = "practitioner" if policy.measures_by_worker_first(user) else ""
    dimension = params.get("dimension", default_dimension)
    if dimension not in measures.DIMENSIONS:  # the form says what is wrong
        dimension = default_dimension
    options = measures.Options(
        period=form.period(),
        scope=scope,
        include_other=bool(form.chosen("include_other", False)),
    )
    question = (
        options.period,
        None if scope.team_ids is None else tuple(sorted(scope.team_ids)),
        scope.lead_id,
        options.include_other,
        dimension,
    )
    worked = recent.figures(
        "measures",
        question,
        lambda: (measures.measures(options, dimension), measures.trend(options)),
        fresh=recent.asked_fresh(request),
    )
    result, trend = worked.value
    presenter = disclosure.Presenter(suppress=False)
    dimension_label = measures.DIMENSIONS.get(dimension, "")
    context = {
        "title": "Making Safeguarding Personal measures",
        "form": form,
        "has_errors": bool(form.errors),
        "period": options.period,
        "result": result,
        "tables": tables.measure_tables(result, presenter),
        "breakdown_tables": tables.breakdown_tables(result, dimension_label, presenter)
        if dimension
        else [],
        "dimension_label": dimension_label,
        "trend_table": tables.trend_table(trend, presenter),
        "teams": teams,
        "workers": workers,
        "team_id": team_id,
        "lead_id": None if mine else lead_id,
        "mine": mine,
        "starts_with_own_caseload": own_first,
        "problems": problems,
        "scope_label": _scope_label(user, mine, team_id, lead_id, teams, workers),
        "worked": worked,
        "fresh_url": recent.fresh_url(request),
    }
    return render(request, "reporting/measures.html", context)


def _scope_label(user, mine, team_id, lead_id, teams, workers) -> str:
    if mine:
        return "Enquiries you lead"
    parts = []
    team = next((t for t in teams if t.pk == team_id), None)
    if team_id and team is None:
        return "No enquiries (that team is not one you can see)"
    parts.append(
        team.name if team else "All teams" if policy.sees_all_teams(user) else "All your teams"
    )
    worker = next((w for w in workers if w.pk == lead_id), None)
    if worker:
        parts.append(f"led by {worker.get_full_name()}")
    return ", ".join(parts)


def _board_context(request):
    user = request.user
    if not policy.can_use_board(user):
        raise Http404("Not found")
    form = measures_form(request.GET, board=True)
    form.is_valid()
    # Board members always see the published view; leads and officers may ask for it.
    published_only = policy.board_sees_published_figures_only(user)
    suppress = published_only or request.GET.get("board_view") == "1"
    presenter = disclosure.Presenter(suppress=suppress)
    period = form.period()
    figures = measures.board_figures(period)
    national = national_year(period.label) if isinstance(period, ReportingYear) else None
    is_year = isinstance(period, ReportingYear)
    headline = tables.headline_table(
        figures, presenter, national, year=period.label if is_year else None
    )
    rates = None
    if is_year:
        chosen = council_settings()
        population = adult_population(period.label)
        rates = tables.rates_table(
            figures,
            presenter,
            national,
            year=period.label,
            council_adults=population.adults if population else None,
            region_code=chosen.region_code,
            region_name=chosen.get_region_code_display(),
        )
    achieved = tables.achieved_table(figures.concluded, presenter)
    activity = tables.activity_table(figures.trend, presenter)
    trend = tables.trend_table(figures.trend, presenter)
    achieved_chart = charts.bar_chart(achieved, value_column=1)
    activity_chart = charts.bar_chart(activity, value_column=1, title="Concerns by quarter")
    trend_chart = charts.bar_chart(
        trend,
        value_column=trend.headers.index("Outcomes defined %"),
        title="Outcomes defined, % of concluded section 42 enquiries, by quarter",
        percent=True,
    )
    evidence = []
    if council_settings().board_report_triangulation:
        # The improvement programme's side by side, when the council chooses to include it.
        from msp.improvement.triangulation import figures as triangulation

        evidence.append(
            triangulation.table(
                triangulation.triangulate(period, None, presenter),
                presenter,
                "Recorded figures, case file audits and people's feedback side by side",
            )
        )
    return {
        "title": "Safeguarding Adults Board dashboard",
        "form": form,
        "has_errors": bool(form.errors),
        "period": period,
        "is_year": is_year,
        "rates": rates,
        "national": national,
        "suppress": suppress,
        "can_choose_view": not published_only,
        "disclosure_note": disclosure.NOTE,
        "headline": headline,
        "achieved": achieved,
        "achieved_chart": achieved_chart,
        "activity": activity,
        "activity_chart": activity_chart,
        "trend": trend,
        "trend_chart": trend_chart,
        "query": request.GET.urlencode(),
        "report_tables": [t for t in (headline, rates, achieved, activity, trend) if t] + evidence,
        # The PDF's parts in order: a heading, its chart (if any) and its table.
        "report_sections": [
            ("Headline figures", None, headline),
            *([("Rates per 100,000 adults", None, rates)] if rates else []),
            ("Outcomes met", achieved_chart, achieved),
            ("Concerns by quarter", activity_chart, activity),
            ("Outcomes by quarter", trend_chart, trend),
            *[("Recorded figures, audits and feedback", None, table) for table in evidence],
        ],
        "council_name": report_council_name(),
        "evidence": evidence,
    }


@login_required
def board(request):
    return render(request, "reporting/board.html", _board_context(request))


@login_required
def board_download(request, fmt: str):
    context = _board_context(request)
    period = context["period"]
    label = period.label.replace(" ", "-")
    access_record(
        actor=request.user,
        action=Action.DOWNLOAD,
        detail=f"board report {period.label} {fmt} downloaded",
        request=request,
    )
    if fmt == "xlsx":
        return _xlsx(context, label)
    if fmt == "csv":
        return _publication_csv(context, label)
    return _pdf(request, context, label)


def _publication_csv(context, label: str) -> HttpResponse:
    """The year's return in the national publication's long CSV layout, with the
    publication's disclosure control whenever the figures are shown as the board sees them."""
    period = context["period"]
    if not isinstance(period, ReportingYear):
        raise Http404("The publication layout is for a whole reporting year")
    suppress = context["suppress"]
    text = publication.as_csv(
        build_return(period, include_validation=False),
        present=disclosure.suppressed_count if suppress else (lambda n: n),
        not_available=disclosure.NOT_AVAILABLE if suppress else None,
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="board-figures-{label}-publication-layout.csv"'
    )
    return response


def _xlsx(context, label: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    about = [
        ["Safeguarding Adults Board report"],
        ["Period", context["period"].label],
        ["Percentages", "Per cent, one decimal place"],
    ]
    if context["suppress"]:
        about.append(["Disclosure control", context["disclosure_note"]])
    xlsx_sheet(workbook, "About", about)
    for table in context["report_tables"]:
        rows = [[table.caption], table.headers, *table.rows]
        if table.note:
            rows.append([table.note])
        xlsx_sheet(workbook, SHEETS.get(table.key, table.caption), rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="board-report-{label}.xlsx"'
    return response


def board_report_html(request, context) -> str:
    """The HTML that becomes the PDF (a function of its own so tests can read the words)."""
    return render_to_string("reporting/board_report.html", context, request=request)


def _pdf(request, context, label: str) -> HttpResponse:
    # Tagged (PDF/UA-1); the report carries its own styles and charts and fetches nothing.
    pdf = printing.pdf_bytes(board_report_html(request, context))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="board-report-{label}.pdf"'
    return response
