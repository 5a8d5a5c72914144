import json

import pytest

from msp.reporting import national


def test_the_seeded_file_has_a_source_for_every_year_and_only_found_figures():
    years = national.national_years()
    assert {"2016-17", "2018-19", "2019-20", "2024-25"} <= set(years)
    assert all(y.source for y in years.values())
    assert years["2024-25"].concerns == 640_240
    assert years["2018-19"].risk_reduced_or_removed_percent == 89.0
    assert years["2022-23"].s42_enquiries is None  # not found: shown as "not published"
    assert all(y.outcomes_expressed_percent is None for y in years.values())
    assert national.national_year("2030-31") is None


def test_a_council_can_point_at_its_own_copy(tmp_path, settings):
    path = tmp_path / "national.json"
    path.write_text(json.dumps({"years": [{"year": "2025-26", "concerns": 1, "source": "Test"}]}))
    settings.NATIONAL_FIGURES_FILE = str(path)
    assert national.national_year("2025-26").concerns == 1
    assert national.national_year("2025-26").s42_enquiries is None


def test_a_misspelt_figure_is_named(tmp_path, settings):
    path = tmp_path / "national.json"
    path.write_text(json.dumps({"years": [{"year": "2025-26", "concern": 1, "source": "Test"}]}))
    settings.NATIONAL_FIGURES_FILE = str(path)
    with pytest.raises(ValueError, match="2025-26: unknown figures \\['concern'\\]"):
        national.national_years()
