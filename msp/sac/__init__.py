"""The Safeguarding Adults Collection specification, one reporting year at a time.

Everything that reads or writes a statutory answer asks here: which codes a list holds in a
year and what they are called, how age is taken and banded, which answers depend on which, the
tables with their rows and columns, and the validation rules. See msp/sac/years/ for the years
and docs/decisions/0010-statutory-specification-by-year.md for why it is kept this way.

    from msp import sac
    spec = sac.spec_for("2025-26")          # or sac.spec_on(a_date)
    spec.choices("type_of_risk")
    sac.label("type_of_risk", code, on=allegation.concern.received_date)
"""

from msp.sac.registry import (
    adding_year,
    defined_years,
    label,
    labels,
    spec_for,
    spec_on,
)

__all__ = ["adding_year", "defined_years", "label", "labels", "spec_for", "spec_on"]
