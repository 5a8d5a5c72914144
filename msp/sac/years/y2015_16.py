"""2015-16, the first Safeguarding Adults Collection (SAC), written out in full.

Every later year states only what it changes (msp/sac/years/y*.py). Labels are spelled as NHS
Digital's publication code reads them from the SAC (sac-categories.json in
msp/reference/data, checked by tests/sac/test_years.py); codes are the product's own slugs, as
the collection is aggregate and has none. Where a source was uncertain the choice made is said
beside it and in docs/statutory-return.md.
"""

from msp.sac.model import (
    CONCLUDED,
    ERROR,
    RAISED,
    REVIEWS,
    WARNING,
    AgeBand,
    AgeRule,
    Answer,
    Axis,
    Cells,
    CodeGroup,
    Compare,
    Concluded,
    OnlyWhen,
    Records,
    Rule,
    Table,
    code_list,
    year_spec,
)

LISTS = [
    code_list(
        "type_of_risk",
        "Type of risk",
        [
            ("physical", "Physical Abuse"),
            ("sexual", "Sexual Abuse"),
            ("psychological", "Psychological Abuse"),
            ("financial_material", "Financial or Material Abuse"),
            ("discriminatory", "Discriminatory Abuse"),
            ("organisational", "Organisational Abuse"),
            ("neglect_omission", "Neglect and Acts of Omission"),
            ("domestic", "Domestic Abuse"),
            ("sexual_exploitation", "Sexual Exploitation"),
            ("modern_slavery", "Modern Slavery"),
            ("self_neglect", "Self-Neglect", ["Self Neglect"]),
        ],
    ),
    code_list(
        "location_of_risk",
        "Location of risk",
        [
            ("own_home", "Own Home"),
            ("in_community", "In the community (excluding community services)", ["In the Community"]),
            ("community_service", "In a community service", ["Community Service"]),
            ("care_home_nursing", "Care Home - Nursing"),
            ("care_home_residential", "Care Home - Residential"),
            ("hospital_acute", "Hospital - Acute"),
            ("hospital_mental_health", "Hospital - Mental Health"),
            ("hospital_community", "Hospital - Community"),
            ("other", "Other"),
        ],
    ),
    code_list(
        "source_of_risk",
        "Source of risk",
        [
            ("service_provider", "Service Provider"),
            ("other_known", "Other - Known to individual"),
            ("other_unknown", "Other - Unknown to individual"),
        ],
    ),
    code_list(
        "action_taken_and_result",
        "Action taken and result",
        [
            ("risk_identified_action", "Risk identified and action taken"),
            ("risk_identified_no_action", "Risk identified and no action taken"),
            ("inconclusive_action", "Risk assessment inconclusive and action taken"),
            ("inconclusive_no_action", "Risk assessment inconclusive and no action taken"),
            ("no_risk_action", "No risk identified and action taken"),
            ("no_risk_no_action", "No risk identified and no action taken"),
            ("ceased_at_request", "Enquiry ceased at individual's request and no action taken"),
        ],
    ),
    code_list(
        "risk_outcome",
        "Risk outcome",
        [("remained", "Risk remained"), ("reduced", "Risk reduced"), ("removed", "Risk removed")],
    ),
    code_list(
        "mental_capacity",
        "Did the adult lack capacity to make decisions related to the safeguarding enquiry?",
        [
            ("lacked_capacity", "Yes, they lacked capacity"),
            ("did_not_lack_capacity", "No, they did not lack capacity"),
            ("dont_know", "Don't know"),
            ("not_recorded", "Not recorded"),
        ],
    ),
    code_list(
        "msp_asked_desired_outcomes",
        "Was the individual or individual's representative asked what their desired outcomes were?",
        [
            ("asked_expressed", "Yes they were asked and outcomes were expressed"),
            ("asked_none_expressed", "Yes they were asked but no outcomes were expressed"),
            ("no", "No"),
            ("dont_know", "Don't know"),
            ("not_recorded", "Not recorded"),
        ],
    ),
    code_list(
        "msp_outcomes_achieved",
        "Were the expressed outcomes achieved?",
        [("fully", "Fully achieved"), ("partially", "Partially achieved"), ("not", "Not achieved")],
    ),
    code_list(
        "sex", "Sex", [("male", "Male"), ("female", "Female"), ("not_known", "Not Known")]
    ),
    code_list(
        "ethnicity_groups",
        "Ethnicity",
        [
            ("white", "White"),
            ("mixed", "Mixed / Multiple"),
            ("asian", "Asian / Asian British"),
            ("black", "Black / African / Caribbean / Black British"),
            ("other", "Other Ethnic Group"),
            ("refused", "Refused"),
            ("not_known", "Undeclared / Not Known"),
        ],
    ),
    code_list(
        "primary_support_reason",
        "Primary support reason",
        [
            ("physical", "Physical Support"),
            ("sensory", "Sensory Support"),
            ("memory_cognition", "Support with Memory and Cognition"),
            ("learning_disability", "Learning Disability Support"),
            ("mental_health", "Mental Health Support"),
            ("social", "Social Support"),
            ("no_support_reason", "No Support Reason"),
            ("not_known", "Not Known"),
        ],
    ),
    code_list(
        "health_conditions",
        "Health condition",
        [
            (
                "autism_excl_asperger",
                "Learning, Developmental or Intellectual Disability (Autism excluding "
                "Asperger's Syndrome/ High Functioning Autism)",
            ),
            (
                "asperger_hfa",
                "Learning, Developmental or Intellectual Disability (Asperger's Syndrome/ "
                "High Functioning Autism)",
            ),
        ],
    ),
    code_list(
        "s42_criteria",
        "Section 42 criteria",
        [
            ("care_support_needs", "Has needs for care and support (whether or not the council is meeting them)"),
            ("abuse_or_neglect", "Is experiencing, or is at risk of, abuse or neglect"),
            ("unable_to_protect", "As a result of those needs is unable to protect themselves against the abuse/neglect or the risk of it"),
        ],
    ),
]  # fmt: skip

# Age on the last day of the year, or at death if earlier; the publication merges 85-94 and
# 95+ into 85+. The label for "unknown" is not confirmed by a published source.
AGE = AgeRule(
    bands=(
        AgeBand("18_64", "18-64", 18, 64),
        AgeBand("65_74", "65-74", 65, 74),
        AgeBand("75_84", "75-84", 75, 84),
        AgeBand("85_94", "85-94", 85, 94),
        AgeBand("95_plus", "95+", 95, None),
    ),
    unknown_label="Age unknown",
)

# The risk outcome (SG2e) is recorded where a risk was identified or the risk assessment was
# inconclusive, whether or not action was taken, and never otherwise: the published headline
# ("risk reduced or removed") is read from the enquiries where the risk could be judged.
RISK_ASSESSED = frozenset(
    {
        "risk_identified_action",
        "risk_identified_no_action",
        "inconclusive_action",
        "inconclusive_no_action",
    }
)
ANSWERS = [
    Answer(
        "action_and_result",
        "Action taken and result",
        "action_taken_and_result",
        required_for=frozenset({"s42", "other"}),
    ),
    Answer(
        "risk_outcome",
        "Risk outcome",
        "risk_outcome",
        OnlyWhen(
            "action_and_result",
            RISK_ASSESSED,
            "a risk was identified or the risk assessment was inconclusive",
        ),
        required_for=frozenset({"s42", "other"}),
    ),
    Answer("lacked_capacity", "Lacked capacity for decisions about the enquiry", "mental_capacity"),
    Answer(
        "advocate_support",
        "Supported by an advocate, family or friend",
        None,
        OnlyWhen("lacked_capacity", frozenset({"lacked_capacity"}), "the person lacked capacity"),
    ),
    Answer("asked_outcomes", "Asked about desired outcomes", "msp_asked_desired_outcomes"),
    Answer(
        "outcomes_achieved",
        "Expressed outcomes achieved",
        "msp_outcomes_achieved",
        OnlyWhen("asked_outcomes", frozenset({"asked_expressed"}), "outcomes were expressed"),
    ),
]

CASES = Axis(
    fixed=(
        ("concerns", "Safeguarding Concerns"),
        ("s42", "Section 42 Safeguarding Enquiries"),
        ("other", "Other Safeguarding Enquiries"),
    )
)
CASE_TYPES = {
    "concerns": "Safeguarding Concerns",
    "s42": "Section 42 Enquiries",
    "other": "Other Enquiries",
}
S42 = Axis(fixed=(("s42", "Concluded Section 42 Safeguarding Enquiries"),))
CONCLUDED_TYPE = {"": "Concluded Section 42 Enquiries"}
RAISED_TITLE = "Concerns received and enquiries commenced in the year"


def _raised(code, title, row_heading, rows, column_heading="Individuals involved in"):
    return Table(code, title, RAISED, row_heading, column_heading, rows, CASES,
                 enquiry_types=CASE_TYPES)  # fmt: skip


def _concluded(
    code, title, row_heading, rows, columns=S42, column_heading="Enquiries", *, publication=""
):
    return Table(code, title, CONCLUDED, row_heading, column_heading, rows, columns,
                 publication_code=publication, enquiry_types=CONCLUDED_TYPE,
                 crosstab=columns is not S42)  # fmt: skip


TABLES = [
    _raised("SG1a", "Individuals by age band", "Age band", Axis(ages=True)),
    _raised("SG1b", "Individuals by sex", "Sex", Axis("sex")),
    _raised("SG1c", "Individuals by ethnicity", "Ethnic group", Axis("ethnicity_groups")),
    _raised("SG1d", "Cases by primary support reason", "Primary support reason",
            Axis("primary_support_reason"), "Cases"),
    _raised("SG1e", "Cases by health condition (autism and Asperger's syndrome)",
            "Health condition", Axis("health_conditions"), "Cases"),
    _raised("SG1f", "Total number of concerns, section 42 enquiries and other enquiries", "",
            Axis(fixed=(("total", "Total"),)), "Cases"),
    _concluded("SG2a", "Concluded section 42 enquiries by type of risk and source of risk",
               "Type of risk", Axis("type_of_risk"), Axis("source_of_risk"), "Source of risk"),
    _concluded("SG2b", "Concluded section 42 enquiries by location of risk and source of risk",
               "Location of risk", Axis("location_of_risk"), Axis("source_of_risk"),
               "Source of risk"),
    # NHS England's internal reference is SG2a_b1; its numbering in the template is uncertain,
    # so the product names the table for what it holds.
    _concluded("SG2_type_location",
               "Concluded section 42 enquiries by type of risk and location of risk (SG2a_b1)",
               "Type of risk", Axis("type_of_risk"), Axis("location_of_risk"),
               "Location of risk", publication="SG2a_b1"),
    _concluded("SG2c", "Concluded section 42 enquiries by action taken and result",
               "Action taken and result", Axis("action_taken_and_result")),
    _concluded("SG2e",
               "Concluded section 42 enquiries where a risk was identified or the risk "
               "assessment was inconclusive, by risk outcome",
               "Risk outcome", Axis("risk_outcome")),
    _concluded("SG3a",
               "Concluded section 42 enquiries: did the adult lack capacity, and support by an "
               "advocate, family or friend",
               "Lacked capacity",
               Axis("mental_capacity", then=(
                   ("support_provided",
                    "Of which (lacked capacity): support provided by an advocate, family or friend"),
               ))),
    _concluded("SG4a_part1",
               "Making Safeguarding Personal: was the individual or their representative asked "
               "what their desired outcomes were",
               "Asked about desired outcomes", Axis("msp_asked_desired_outcomes"),
               publication="SG4a"),
    _concluded("SG4a_part2",
               "Making Safeguarding Personal: were the expressed outcomes achieved",
               "Outcomes achieved", Axis("msp_outcomes_achieved"), publication="SG4a"),
    Table("SG5a", "Safeguarding Adults Reviews completed in the year", REVIEWS, "", "Reviews",
          Axis(fixed=(("one_or_more_died", "Where one or more individuals died"),
                      ("none_died", "Where no individuals died"))),
          Axis(fixed=(("sars", "Safeguarding Adults Reviews"),)),
          enquiry_types={"": "Count of Safeguarding Adult Reviews"}),
    Table("SG5b", "Individuals involved in Safeguarding Adults Reviews completed in the year",
          REVIEWS, "", "Individuals",
          Axis(fixed=(("harm_died", "Who suffered serious harm and died"),
                      ("harm_survived", "Who suffered serious harm and survived"))),
          Axis(fixed=(("individuals", "Individuals"),)),
          enquiry_types={"": "Individuals involved in Safeguarding Adult Reviews"}),
]  # fmt: skip

CASE_COLUMNS = ("concerns", "s42", "other")
RULES = [
    # Consistency between the tables (sac-reference.md section 5: the checks implied by the
    # template's design and NHS England's publication code).
    Rule(
        "SG1-TOTALS", ERROR,
        "SG1a, SG1b and SG1c have the same total individuals in each column",
        "{column}: SG1a counts {left} individuals but {right_name} counts {right}",
        compare=(
            Compare(Cells("SG1a"), "==", Cells("SG1b"), CASE_COLUMNS),
            Compare(Cells("SG1a"), "==", Cells("SG1c"), CASE_COLUMNS),
        ),
    ),
    Rule(
        "SG1-INDIVIDUALS", ERROR,
        "Individuals in SG1a are no more than the cases in SG1f",
        "{column}: {left} individuals in SG1a but only {right} cases in SG1f",
        compare=(Compare(Cells("SG1a"), "<=", Cells("SG1f"), CASE_COLUMNS),),
    ),
    Rule(
        "SG1D-CASES", ERROR,
        "SG1d counts every case once: its column totals equal SG1f",
        "{column}: SG1d totals {left} but SG1f counts {right} cases",
        compare=(Compare(Cells("SG1d"), "==", Cells("SG1f"), CASE_COLUMNS),),
    ),
    Rule(
        "SG1F-ENQUIRIES", WARNING,
        "Enquiries commenced are expected (not required) to be no more than concerns received",
        "{left} enquiries commenced but only {right} concerns received: check that every "
        "concern is recorded (enquiries of concerns received the year before explain a gap)",
        compare=(
            Compare(Cells("SG1f", columns=("s42", "other")), "<=",
                    Cells("SG1f", columns=("concerns",))),
        ),
        records=(Records("enquiries_of_earlier_concerns"),),
    ),
    Rule(
        "SG2C-TOTAL", ERROR,
        "SG2c total = concluded section 42 enquiries: each has one action taken and result",
        "SG2c totals {left} but {right} section 42 enquiries concluded in the year: each needs "
        "one action taken and result",
        compare=(Compare(Cells("SG2c"), "==", Concluded()),),
        records=(Records("missing:action_and_result"),),
    ),
    Rule(
        "SG2E-RISK", ERROR,
        "SG2e total = the SG2c rows where a risk outcome is recorded",
        "SG2e counts {left} risk outcomes but {when} in {right} enquiries (SG2c)",
        compare=(Compare(Cells("SG2e"), "==", Cells("SG2c", rows_where="risk_outcome")),),
        records=(Records("not_applicable:risk_outcome"), Records("missing:risk_outcome")),
    ),
    Rule(
        "SG3-SG4-TOTALS", ERROR,
        "SG3a total = SG4a part 1 total = concluded section 42 enquiries",
        "{left_name} totals {left} but {right} section 42 enquiries concluded in the year: "
        "every one needs exactly one answer",
        compare=(
            Compare(Cells("SG3a", exclude_rows=("support_provided",)), "==", Concluded()),
            Compare(Cells("SG4a_part1", name="SG4a part 1"), "==", Concluded()),
        ),
        records=(Records("missing:lacked_capacity"), Records("missing:asked_outcomes")),
    ),
    Rule(
        "SG3-ADVOCACY", ERROR,
        "Support by an advocate, family or friend is no more than lacked capacity",
        "SG3a: support provided in {left} enquiries but the adult lacked capacity in only "
        "{right}",
        compare=(
            Compare(Cells("SG3a", rows=("support_provided",)), "<=",
                    Cells("SG3a", rows=("lacked_capacity",))),
        ),
        records=(Records("not_applicable:advocate_support"),),
    ),
    Rule(
        "SG4-ACHIEVED", ERROR,
        "SG4a part 2 total = enquiries where outcomes were expressed",
        "SG4a part 2 totals {left} but outcomes were expressed in {right} enquiries: each needs "
        "one answer (fully, partially or not achieved), and only those",
        compare=(
            Compare(Cells("SG4a_part2"), "==", Cells("SG4a_part1", rows=("asked_expressed",))),
        ),
        records=(Records("missing:outcomes_achieved"), Records("not_applicable:outcomes_achieved")),
    ),
    Rule(
        "SG5-DEATHS", ERROR,
        "Individuals who died (SG5b) are at least the reviews where one or more died (SG5a)",
        "SG5b counts {left} individuals who died but SG5a has {right} reviews where one or "
        "more individuals died",
        compare=(
            Compare(Cells("SG5b", rows=("harm_died",)), ">=",
                    Cells("SG5a", rows=("one_or_more_died",))),
        ),
        records=(Records("reviews_died_without_deaths"),),
    ),
    # Data quality: the records behind the return.
    Rule(
        "DQ-MISSING-ANSWERS", ERROR,
        "Concluded section 42 enquiries missing an answer the return needs",
        "{n} concluded section 42 {n:enquiry is|enquiries are} missing an answer the return "
        "needs (action and result, risk outcome where a risk was identified or assessed, "
        "capacity, advocacy where capacity was lacking, desired outcomes asked or achieved)",
        records=(Records("missing_any"),), record_check=True,
    ),
    Rule(
        "DQ-UNLISTED-CODE", ERROR,
        "Records of the year with a code that is not on that year's lists",
        "{n} {n:record of the year uses|records of the year use} a code that is not on "
        "{year}'s lists (a code retired before, or added after, that year), so {n:it is|they "
        "are} left out of the tables: choose a code in use in {year}",
        records=(Records("unlisted_codes"),), record_check=True,
    ),
    Rule(
        "DQ-NO-ALLEGATION", ERROR,
        "Concluded section 42 enquiries with no allegation recorded",
        "{n} concluded section 42 {n:enquiry has|enquiries have} no allegation, so "
        "{n:it is|they are} missing from SG2a, SG2b and the type by location table",
        records=(Records("no_allegation"),), record_check=True,
    ),
    Rule(
        "DQ-OPEN-OVER-YEAR", WARNING,
        "Enquiries open for more than a year",
        "{n} {n:enquiry was|enquiries were} open on {day} and had been for more than a year: "
        "check whether they should have concluded",
        records=(Records("open_over_year"),), record_check=True,
    ),
    Rule(
        "DQ-NO-DOB", WARNING,
        "People in the year's cases with no date of birth",
        "{n} {n:person|people} in the year's cases {n:has|have} no date of birth, so "
        "they are counted as age unknown",
        records=(Records("no_date_of_birth"),), record_check=True,
    ),
    Rule(
        "DQ-UNDER-18", WARNING,
        "People in the year's cases aged under 18 at the year end",
        "{n} {n:person was|people were} under 18 on the last day of the year (or at death): the "
        "return covers adults, so they are counted as age unknown; check the date of birth",
        records=(Records("under_adult"),), record_check=True,
    ),
]  # fmt: skip

# What the practice measures count each answer as (msp/reporting/measures.py).
GROUPS = [
    CodeGroup("outcomes_fully", "msp_outcomes_achieved", frozenset({"fully"})),
    CodeGroup("outcomes_partially", "msp_outcomes_achieved", frozenset({"partially"})),
    CodeGroup("outcomes_not", "msp_outcomes_achieved", frozenset({"not"})),
    CodeGroup("risk_reduced_or_removed", "risk_outcome", frozenset({"reduced", "removed"})),
]

SPEC = year_spec(
    year="2015-16",
    source=(
        "NHS Digital, Safeguarding Adults Collection 2015-16 (the first SAC, after the Care Act "
        "2014); labels as in NHSDigital/ASC-Safeguarding-Adults (2023) and the 2024-25 guidance"
    ),
    lists=LISTS,
    age=AGE,
    answers=ANSWERS,
    tables=TABLES,
    rules=RULES,
    # Representation roles (msp-practice.json) that count as support by an advocate, family
    # member or friend; an attorney or deputy alone does not.
    support_roles={"family_friend", "imca", "care_act_advocate", "other_advocate"},
    groups=GROUPS,
)
