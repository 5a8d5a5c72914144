"""The board's tables: rates per 100,000 adults beside England and the region, what to add
where a figure is missing, and quarters that have not started."""

import json
from datetime import date

import pytest

from msp.concerns.models import Concern
from msp.core.models import AdultPopulation, CouncilSettings, Region, council_settings
from msp.enquiries.models import Enquiry
from msp.reporting import views
from msp.reporting.tables import Rate
from msp.reporting.templatetags.reporting import figure

pytestmark = pytest.mark.django_db

YEAR = {"year": "2025-26"}
START, END = date(2025, 4, 1), date(2026, 3, 31)
ENGLAND = {"concerns": 650_000, "s42": 190_000, "other": 12_000, "adults": 45_500_000}
LONDON = {"concerns": 80_000, "s42": 21_000, "other": 2_500, "adults": 7_100_000}


def _figures_file(tmp_path, settings, **overrides):
    entry = {
        "year": "2025-26",
        "concerns": ENGLAND["concerns"],
        "s42_enquiries": ENGLAND["s42"],
        "s42_individuals": 150_000,
        "other_enquiries": ENGLAND["other"],
        "risk_reduced_or_removed_percent": 89.5,
        "outcomes_expressed_percent": 77.3,
        "outcomes_achieved_percent": None,
        "adult_population": ENGLAND["adults"],
        "regions": {
            Region.LONDON: {
                "concerns": LONDON["concerns"],
                "s42_enquiries": LONDON["s42"],
                "other_enquiries": LONDON["other"],
                "adult_population": LONDON["adults"],
            }
        },
        "source": "Test publication",
        **overrides,
    }
    path = tmp_path / "national.json"
    path.write_text(json.dumps({"years": [entry]}))
    settings.NATIONAL_FIGURES_FILE = str(path)


def _context(client, user, params=YEAR):
    client.force_login(user)
    return views._board_context(client.get("/reporting/board/", params).wsgi_request)


def _rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def test_rates_per_100000_adults_beside_england_and_the_region(
    client, council, lead, tmp_path, settings
):
    _figures_file(tmp_path, settings)
    AdultPopulation.objects.create(year="2025-26", adults=250_000, source="ONS mid-2024")
    chosen = council_settings()
    chosen.region_code = Region.LONDON
    chosen.save()
    # Worked out here from the records, not from the code under test.
    concerns = Concern.objects.filter(received_date__range=(START, END)).count()
    s42 = Enquiry.objects.filter(kind="s42", start_date__range=(START, END)).count()
    other = Enquiry.objects.filter(kind="other", start_date__range=(START, END)).count()
    assert concerns and s42 and other

    rates = _context(client, lead)["rates"]
    assert rates.headers == ["Per 100,000 adults", "This council", "England 2025-26", "London"]
    rows = _rows(rates)

    def rate(count, adults):
        return round(count * 100_000 / adults, 1)

    assert rows["Safeguarding concerns"] == [
        rate(concerns, 250_000),
        rate(ENGLAND["concerns"], ENGLAND["adults"]),
        rate(LONDON["concerns"], LONDON["adults"]),
    ]
    assert rows["Section 42 enquiries started"][0] == rate(s42, 250_000)
    assert rows["Other enquiries started"][2] == rate(LONDON["other"], LONDON["adults"])
    assert rows["All enquiries started"] == [
        rate(s42 + other, 250_000),
        rate(ENGLAND["s42"] + ENGLAND["other"], ENGLAND["adults"]),
        rate(LONDON["s42"] + LONDON["other"], LONDON["adults"]),
    ]
    # A rate reads as a number, not a percentage.
    assert all(isinstance(cell, Rate) for cell in rows["Safeguarding concerns"])
    assert figure(Rate(1234.5)) == "1,234.5"
    html = client.get("/reporting/board/", YEAR).content.decode()
    assert "Rates per 100,000 adults" in html
    assert f"{rate(ENGLAND['concerns'], ENGLAND['adults']):,.1f}<" in html


def test_the_boards_rates_come_from_the_rounded_counts_it_is_shown(
    client, council, board_member, tmp_path, settings
):
    _figures_file(tmp_path, settings)
    AdultPopulation.objects.create(year="2025-26", adults=250_000, source="ONS mid-2024")
    concerns = Concern.objects.filter(received_date__range=(START, END)).count()
    rounded = (concerns + 2) // 5 * 5
    rows = _rows(_context(client, board_member)["rates"])
    assert rows["Safeguarding concerns"][0] == round(rounded * 100_000 / 250_000, 1)
    other = Enquiry.objects.filter(kind="other", start_date__range=(START, END)).count()
    assert other < 5 and rows["Other enquiries started"][0] == "[c]"


def test_missing_figures_say_what_to_add_and_where(client, council, lead, tmp_path, settings):
    _figures_file(tmp_path, settings, adult_population=None, regions={})
    context = _context(client, lead)
    rates = _rows(context["rates"])
    assert rates["Safeguarding concerns"] == [
        "set the population",
        "add “adult_population”",
        "choose the region",
    ]
    note = context["rates"].note
    assert "Set the council's adult population for 2025-26" in note
    assert "Adult population by year" in note and "Council settings" in note
    headline = _rows(context["headline"])
    assert headline["Outcomes defined, % of concluded section 42 enquiries"][1] == 77.3
    assert headline["Risk reduced or removed, % of concluded section 42 enquiries where a risk "
                    "was identified"][1] == 89.5  # fmt: skip
    assert (
        headline["Outcomes fully or partly met, % of those where outcomes were defined"][1]
        == "add “outcomes_achieved_percent”"
    )
    assert (
        "national.json" in context["headline"].note and "2025-26 entry" in context["headline"].note
    )
    html = client.get("/reporting/board/", YEAR).content.decode()
    assert "not published" not in html


def test_a_region_missing_from_the_file_names_the_entry_to_add(
    client, council, lead, tmp_path, settings
):
    _figures_file(tmp_path, settings)
    AdultPopulation.objects.create(year="2025-26", adults=250_000, source="ONS mid-2024")
    CouncilSettings.objects.update_or_create(pk=1, defaults={"region_code": Region.NORTH_EAST})
    rows = _rows(_context(client, lead)["rates"])
    assert rows["Safeguarding concerns"][2] == f"add “regions › {Region.NORTH_EAST}”"
    assert rows["All enquiries started"][2] == f"add “regions › {Region.NORTH_EAST}”"


def test_a_year_missing_from_the_file_says_to_add_the_year(
    client, council, lead, tmp_path, settings
):
    _figures_file(tmp_path, settings, year="2019-20")
    headline = _rows(_context(client, lead)["headline"])
    assert headline["Safeguarding concerns received"][1] == "add “2025-26”"


def test_a_quarter_not_yet_started_says_so(client, council, lead, board_member, monkeypatch):
    # Seen in November 2025, the year's last quarter (from 1 January 2026) has not begun.
    monkeypatch.setattr("msp.reporting.tables.today", lambda: date(2025, 11, 15))
    for user in (lead, board_member):
        context = _context(client, user)
        for table in (context["activity"], context["trend"]):
            rows = _rows(table)
            assert set(rows["2025-26 Q4"]) == {"not started"}
            assert "not started" not in rows["2025-26 Q3"]
            assert "not started" not in rows["2024-25 Q1"]
        bar = context["activity_chart"].bars[-1]
        assert (bar.label, bar.text, bar.width) == ("2025-26 Q4", "not started", 0)
