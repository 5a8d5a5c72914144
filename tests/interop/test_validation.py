"""Every validation rule of the interchange format, with what the error says."""

from datetime import timedelta

import pytest

from msp.core.dates import today
from msp.interop.reading import open_paths
from msp.interop.validation import validate
from tests.factories import PersonFactory, TeamFactory
from tests.interop.support import concern, file_set, person, risk, write_folder

pytestmark = pytest.mark.django_db

TOMORROW = (today() + timedelta(days=1)).isoformat()

# (name, file set, (file, row, column, value, words in what was expected))
CASES = [
    (
        "date format",
        file_set(people=[person(date_of_birth="01/05/1940")]),
        ("people.csv", 2, "date_of_birth", "01/05/1940", "Enter a date as YYYY-MM-DD"),
    ),
    (
        "impossible date",
        file_set(people=[person(date_of_birth="1940-02-30")]),
        ("people.csv", 2, "date_of_birth", "1940-02-30", "YYYY-MM-DD"),
    ),
    (
        "future date",
        file_set(
            concerns=[
                concern(
                    received_date=TOMORROW,
                    enquiry_type="none",
                    enquiry_start_date="",
                    enquiry_end_date="",
                    action_and_result="",
                    risk_outcome="",
                    lacked_capacity="",
                    asked_outcomes="",
                    outcomes_achieved="",
                )
            ]
        ),
        ("concerns.csv", 2, "received_date", TOMORROW, "not in the future"),
    ),
    (
        "unknown code",
        file_set(risks=[risk(type_of_risk="hitting")]),
        ("risks.csv", 2, "type_of_risk", "hitting", "Use one of: physical, sexual, psychological"),
    ),
    (
        "yes/no",
        file_set(people=[person(autism="maybe")]),
        ("people.csv", 2, "autism", "maybe", "Enter yes or no"),
    ),
    (
        "required ref",
        file_set(people=[person(ref="")], concerns=[], risks=[]),
        ("people.csv", 2, "person_ref", "", "Enter the person_ref: it is required"),
    ),
    (
        "required received_date",
        file_set(concerns=[concern(received_date="")]),
        ("concerns.csv", 2, "received_date", "", "required"),
    ),
    (
        "duplicate person_ref",
        file_set(people=[person(), person()]),
        ("people.csv", 3, "person_ref", "P1", "already used on row 2"),
    ),
    (
        "duplicate concern_ref",
        file_set(concerns=[concern(), concern()]),
        ("concerns.csv", 3, "concern_ref", "C1", "already used on row 2"),
    ),
    (
        "person not in people",
        file_set(concerns=[concern(person_ref="P123")]),
        ("concerns.csv", 2, "person_ref", "P123", "person_ref P123 is not in people"),
    ),
    (
        "concern not in concerns",
        file_set(risks=[risk(concern_ref="C9")]),
        ("risks.csv", 2, "concern_ref", "C9", "concern_ref C9 is not in concerns"),
    ),
    (
        "death before birth",
        file_set(people=[person(date_of_death="1930-01-01")]),
        ("people.csv", 2, "date_of_death", "1930-01-01", "must not be before date_of_birth"),
    ),
    (
        "received before birth",
        file_set(people=[person(date_of_birth="2024-06-01")]),
        ("concerns.csv", 2, "received_date", "2024-05-01", "before the person's date_of_birth"),
    ),
    (
        "enquiry start required",
        file_set(concerns=[concern(enquiry_start_date="")]),
        ("concerns.csv", 2, "enquiry_start_date", "", "required when enquiry_type is s42"),
    ),
    (
        "start before received",
        file_set(concerns=[concern(enquiry_start_date="2024-04-30")]),
        (
            "concerns.csv",
            2,
            "enquiry_start_date",
            "2024-04-30",
            "enquiry_start_date must not be before received_date",
        ),
    ),
    (
        "end before start",
        file_set(concerns=[concern(enquiry_end_date="2024-05-02")]),
        (
            "concerns.csv",
            2,
            "enquiry_end_date",
            "2024-05-02",
            "enquiry_end_date must not be before enquiry_start_date",
        ),
    ),
    (
        "action required if concluded",
        file_set(concerns=[concern(action_and_result="", risk_outcome="")]),
        ("concerns.csv", 2, "action_and_result", "", "required for a concluded s42 enquiry"),
    ),
    (
        "risk outcome if a risk was identified",
        file_set(concerns=[concern(risk_outcome="")]),
        (
            "concerns.csv",
            2,
            "risk_outcome",
            "",
            "required for a concluded enquiry when action_and_result is risk_identified_action "
            "(a risk was identified or the risk assessment was inconclusive)",
        ),
    ),
    (
        "capacity for concluded s42",
        file_set(concerns=[concern(lacked_capacity="")]),
        ("concerns.csv", 2, "lacked_capacity", "", "required for a concluded s42 enquiry"),
    ),
    (
        "asked for concluded s42",
        file_set(concerns=[concern(asked_outcomes="", outcomes_achieved="")]),
        ("concerns.csv", 2, "asked_outcomes", "", "required for a concluded s42 enquiry"),
    ),
    (
        "advocate support if lacked capacity",
        file_set(concerns=[concern(lacked_capacity="lacked_capacity")]),
        (
            "concerns.csv",
            2,
            "advocate_support",
            "",
            "required for a concluded enquiry when lacked_capacity is lacked_capacity",
        ),
    ),
    (
        "advocate support only if lacked capacity",
        file_set(concerns=[concern(advocate_support="yes")]),
        ("concerns.csv", 2, "advocate_support", "yes", "only recorded when lacked_capacity"),
    ),
    (
        "outcomes achieved if expressed",
        file_set(concerns=[concern(outcomes_achieved="")]),
        (
            "concerns.csv",
            2,
            "outcomes_achieved",
            "",
            "required for a concluded enquiry when asked_outcomes",
        ),
    ),
    (
        "outcomes achieved only if expressed",
        file_set(concerns=[concern(asked_outcomes="no")]),
        ("concerns.csv", 2, "outcomes_achieved", "fully", "only recorded when asked_outcomes"),
    ),
    (
        "no enquiry columns without an enquiry",
        file_set(concerns=[concern(enquiry_type="none")]),
        ("concerns.csv", 2, "enquiry_start_date", "2024-05-03", "Leave enquiry_start_date blank"),
    ),
    (
        "enquiry type",
        file_set(concerns=[concern(enquiry_type="s43")]),
        ("concerns.csv", 2, "enquiry_type", "s43", "Use one of: s42, other, none"),
    ),
    (
        "person with errors keeps out their concern",
        file_set(people=[person(sex="x")]),
        ("concerns.csv", 2, "person_ref", "P1", "fix people.csv row 2 first"),
    ),
    (
        "concern with errors keeps out its risks",
        file_set(concerns=[concern(team="x" * 121)]),
        ("risks.csv", 2, "concern_ref", "C1", "fix concerns.csv row 2 first"),
    ),
    (
        "text too long",
        file_set(concerns=[concern(team="x" * 121)]),
        ("concerns.csv", 2, "team", "x" * 40 + "…", "at most 120 characters"),
    ),
]


@pytest.mark.parametrize("tables, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(tmp_path, tables, expected):
    validation = validate(open_paths([write_folder(tmp_path, tables)]))
    location, row, column, value, words = expected
    found = [
        p
        for p in validation.problems
        if (p.location, p.row, p.column, p.value) == (location, row, column, value)
    ]
    assert found, f"no error at {expected[:4]}; got {[str(p) for p in validation.problems]}"
    assert words in found[0].expected
    assert f"{location}, row {row}, {column}" in str(found[0])


def test_a_valid_file_set_has_no_errors(tmp_path):
    tables = file_set(
        people=[person(), person("P2", date_of_birth="", sex="", autism="")],
        concerns=[
            concern(),
            concern(
                "C2",
                "P2",
                enquiry_type="none",
                enquiry_start_date="",
                enquiry_end_date="",
                action_and_result="",
                risk_outcome="",
                lacked_capacity="",
                asked_outcomes="",
                outcomes_achieved="",
                team="",
            ),
            concern(
                "C3",
                "P2",
                enquiry_type="other",
                enquiry_end_date="",
                action_and_result="",
                risk_outcome="",
                lacked_capacity="",
                asked_outcomes="",
                outcomes_achieved="",
            ),
            concern(
                "C4",
                "P1",
                enquiry_type="",
                enquiry_start_date="",
                enquiry_end_date="",
                action_and_result="",
                risk_outcome="",
                lacked_capacity="",
                asked_outcomes="",
                outcomes_achieved="",
            ),
        ],
        risks=[risk(), risk("C2"), risk("C3")],
    )
    validation = validate(
        open_paths([write_folder(tmp_path, tables)]), blank_team_id=TeamFactory(name="Duty").pk
    )
    assert validation.problems == []
    counts = validation.counts()
    assert (counts.people_new, counts.concerns_new, counts.enquiries_new, counts.risks_new) == (
        2,
        4,
        2,
        3,
    )


def test_labels_in_any_case_and_alternative_labels_are_read_as_codes(tmp_path):
    tables = file_set(
        people=[
            person(
                sex="FEMALE",
                ethnicity="asian / asian british",
                primary_support_reason="Learning Disability Support",
                autism="Y",
                aspergers="0",
            )
        ],
        concerns=[
            concern(
                enquiry_type="Section 42 enquiry",
                action_and_result="Enquiry ceased at individual’s request and no action taken",
                risk_outcome="",
                lacked_capacity="Yes, they lacked capacity",
                advocate_support="TRUE",
                asked_outcomes="don't know",
                outcomes_achieved="",
            )
        ],
        risks=[
            risk(
                type_of_risk="self-neglect",
                location_of_risk="In the Community",
                source_of_risk="Other - Unknown to individual",
            )
        ],
    )
    validation = validate(open_paths([write_folder(tmp_path, tables)]))
    assert validation.problems == []
    p = validation.people["P1"]
    assert (p.sex, p.ethnicity, p.primary_support_reason, p.autism, p.aspergers) == (
        "female",
        "asian",
        "learning_disability",
        True,
        False,
    )
    c = validation.concerns["C1"]
    assert (
        c.enquiry_type,
        c.action_and_result,
        c.lacked_capacity,
        c.advocate_support,
        c.asked_outcomes,
    ) == ("s42", "ceased_at_request", "lacked_capacity", True, "dont_know")
    r = validation.risks[0]
    assert (r.type_of_risk, r.location_of_risk, r.source_of_risk) == (
        "self_neglect",
        "in_community",
        "other_unknown",
    )


def test_a_person_already_in_the_database_may_be_referred_to(tmp_path):
    existing = PersonFactory(source_reference="OLD-7")
    validation = validate(
        open_paths(
            [write_folder(tmp_path, file_set(people=[], concerns=[concern(person_ref="OLD-7")]))]
        )
    )
    assert validation.problems == []
    assert validation.existing_people["OLD-7"][0] == existing.pk


def test_header_problems_are_reported_on_row_1(tmp_path):
    headers = {"people": ["person_ref", "date_of_brith"]}
    validation = validate(open_paths([write_folder(tmp_path, file_set(), headers=headers)]))
    assert validation.fatal
    problem = validation.problems[0]
    assert (problem.location, problem.row, problem.column) == ("people.csv", 1, "date_of_brith")
    assert "rename it to one of: person_ref, date_of_birth" in problem.expected


def test_a_byte_order_mark_is_accepted(tmp_path):
    validation = validate(open_paths([write_folder(tmp_path, file_set(), bom=True)]))
    assert validation.problems == []


def _blank_team_file(count: int):
    return file_set(concerns=[concern(f"C{n}", team="") for n in range(count)], risks=[risk("C0")])


def test_rows_that_name_no_team_are_one_error_naming_every_row(tmp_path):
    validation = validate(open_paths([write_folder(tmp_path, _blank_team_file(14))]))
    (problem,) = [p for p in validation.problems if p.table == "concerns"]
    assert (problem.location, problem.row, problem.column, problem.value) == (
        "concerns.csv",
        0,
        "team",
        "",
    )
    assert problem.expected.startswith("The concerns on rows 2 to 15 name no team:")
    assert problem.rows == tuple(range(2, 16)) == tuple(validation.rows_without_team)
    # Every one of the rows is left out of a valid-rows import and gets the error back.
    assert validation.bad_rows["concerns"] == set(range(2, 16))
    assert set(validation.problems_by_row("concerns")) == set(range(2, 16))
    assert validation.counts().concerns_new == 0
    # ... and a risk of such a concern says why it cannot be imported.
    assert any("fix concerns.csv row 2 first" in p.expected for p in validation.problems)
    assert str(problem).startswith("concerns.csv, team (blank): The concerns on rows 2 to 15")


def test_one_row_that_names_no_team_is_named_alone(tmp_path):
    validation = validate(open_paths([write_folder(tmp_path, _blank_team_file(1))]))
    assert validation.problems[0].expected == (
        "The concern on row 2 names no team: choose a team for rows that name no team, or enter "
        "its team in the file"
    )


def test_with_a_team_chosen_rows_that_name_no_team_are_no_error(tmp_path):
    team = TeamFactory(name="Duty team")
    validation = validate(
        open_paths([write_folder(tmp_path, _blank_team_file(3))]), blank_team_id=team.pk
    )
    assert validation.problems == [] and validation.rows_without_team == [2, 3, 4]
    assert validation.counts().concerns_new == 3


def test_the_no_team_error_comes_with_every_other_error_at_once(tmp_path):
    tables = file_set(
        people=[person(sex="unknown sex")],
        concerns=[concern("C1", team=""), concern("C2", team="Nowhere")],
        risks=[],
    )
    validation = validate(open_paths([write_folder(tmp_path, tables)]))
    said = " | ".join(p.expected for p in validation.problems)
    assert "Use one of: male, female" in said
    assert "The concern on row 2 names no team" in said
    assert "No team is called “Nowhere”" in said
