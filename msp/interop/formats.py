"""The case-level interchange format: its three tables, their columns and the values each accepts.

Published to users in docs/import-export.md; /work/shared/reference/interchange.md is the source.
Values are the statutory lists' codes (msp/sac); the official labels of any year (and their
alternative spellings) are accepted in any case and mapped to codes. Whether a code was in use
in a row's own year is checked by msp.interop.validation.
"""

import re
from dataclasses import dataclass

from msp import sac

PEOPLE, CONCERNS, RISKS = "people", "concerns", "risks"
TABLES = (PEOPLE, CONCERNS, RISKS)

DATE, CODE, YES_NO, TEXT = "date", "code", "yes_no", "text"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    list_code: str = ""
    max_length: int = 0
    # What a user needs to know beyond the kind of value (shown on the format page and template).
    note: str = ""


TEAM_NOTE = (
    "The name of one of the council's teams: a concern naming any other team is refused, with "
    "its row. A concern with no team goes to the team you choose for rows that name no team "
    "when you upload or check the file; until you choose one, those rows are errors."
)


COLUMNS: dict[str, tuple[Column, ...]] = {
    PEOPLE: (
        Column("person_ref", TEXT, max_length=100),
        Column("date_of_birth", DATE),
        Column("date_of_death", DATE),
        Column("sex", CODE, "sex"),
        Column("ethnicity", CODE, "ethnicity_groups"),
        Column("primary_support_reason", CODE, "primary_support_reason"),
        Column("autism", YES_NO),
        Column("aspergers", YES_NO),
    ),
    CONCERNS: (
        Column("concern_ref", TEXT, max_length=100),
        Column("person_ref", TEXT, max_length=100),
        Column("received_date", DATE),
        Column("team", TEXT, max_length=120, note=TEAM_NOTE),
        Column("enquiry_type", CODE, "enquiry_type"),
        Column("enquiry_start_date", DATE),
        Column("enquiry_end_date", DATE),
        Column("action_and_result", CODE, "action_taken_and_result"),
        Column("risk_outcome", CODE, "risk_outcome"),
        Column("lacked_capacity", CODE, "mental_capacity"),
        Column("advocate_support", YES_NO),
        Column("asked_outcomes", CODE, "msp_asked_desired_outcomes"),
        Column("outcomes_achieved", CODE, "msp_outcomes_achieved"),
    ),
    RISKS: (
        Column("concern_ref", TEXT, max_length=100),
        Column("type_of_risk", CODE, "type_of_risk"),
        Column("location_of_risk", CODE, "location_of_risk"),
        Column("source_of_risk", CODE, "source_of_risk"),
    ),
}
HEADERS = {table: [c.name for c in columns] for table, columns in COLUMNS.items()}
# Columns every row must fill; the conditional ones are checked by the cross-field rules.
REQUIRED = {
    PEOPLE: {"person_ref"},
    CONCERNS: {"concern_ref", "person_ref", "received_date"},
    RISKS: {"concern_ref", "type_of_risk", "location_of_risk", "source_of_risk"},
}
# The rejected-rows download adds this column; a corrected file may be uploaded with it still there.
ERRORS_COLUMN = "errors"

# enquiry_type is not a reference list: it is the concern's decision. The labels accepted are the
# product's own and the statutory collection's names for the two kinds of enquiry.
ENQUIRY_TYPES = {
    "s42": ["Section 42 enquiry", "Section 42 Safeguarding Enquiry", "S42 enquiry", "Section 42"],
    "other": ["Other safeguarding enquiry", "Other enquiry"],
    "none": ["No enquiry"],
}

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
# advocate_support may also be given as the statutory collection's label for the 'yes' answer.
ADVOCATE_SUPPORT_LABEL = "support provided by an advocate, family or friend"


def normalise(text: str) -> str:
    """Case-, space- and apostrophe-insensitive form of a label, for matching."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


class Vocabulary:
    """Codes and labels of every coded column, from the statutory specification of every year
    (so a file of past years reads as well as this year's)."""

    def __init__(self):
        self.maps: dict[str, dict[str, str]] = {}
        self.codes: dict[str, list[str]] = {}
        for columns in COLUMNS.values():
            for column in columns:
                if column.kind == CODE and column.list_code not in self.maps:
                    self._load(column.list_code)

    def _load(self, list_code: str) -> None:
        mapping: dict[str, str] = {}
        if list_code == "enquiry_type":
            codes = list(ENQUIRY_TYPES)
            for code, names in ENQUIRY_TYPES.items():
                for name in names:
                    mapping[normalise(name)] = code
        else:
            codes = []
            for year in sac.defined_years():
                spec = sac.spec_for(year)
                if list_code not in spec.lists:
                    continue
                for item in spec.list(list_code).codes:
                    if item.code not in codes:
                        codes.append(item.code)
                    for name in (item.label, *item.alt_labels):
                        mapping.setdefault(normalise(name), item.code)
        # Codes win over labels: a code is always read as itself.
        for code in codes:
            mapping[normalise(code)] = code
        self.maps[list_code] = mapping
        self.codes[list_code] = codes

    def code(self, list_code: str, value: str) -> str | None:
        return self.maps[list_code].get(normalise(value))

    def expected(self, list_code: str, spec=None) -> str:
        """What a column accepts: the codes in use in the row's year (this year's when not
        given)."""
        if list_code == "enquiry_type":
            codes = self.codes[list_code]
        else:
            codes = [c for c, _ in (spec or sac.spec_on()).choices(list_code)]
        return f"Use one of: {', '.join(codes)} (or their labels)"
