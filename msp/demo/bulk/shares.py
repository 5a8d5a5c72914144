"""How often each thing happens in the bulk demo data, guided by the national figures.

Shares are weights (they need not add up to 100). Sources: Safeguarding Adults, England
(NHS Digital / DHSC), summarised in the reference notes: 60% of adults at risk are women and 63%
are 65 or over; neglect and acts of omission are about 32% of risks, the person's own home about
46% of locations; about 30% of concerns lead to a section 42 enquiry and about 2% to another
enquiry; 148,830 people for 185,270 section 42 enquiries (0.8 people per enquiry); about 89% of
concluded enquiries where a risk was identified had the risk reduced or removed. The rest
(ethnicity, support reason, capacity, outcomes) are round figures close to the published tables.
"""

import random
from bisect import bisect
from itertools import accumulate


class Picker:
    """A weighted choice that costs one random number and one bisect."""

    __slots__ = ("values", "cumulative", "total")

    def __init__(self, weighted: list[tuple]):
        self.values = [value for value, _ in weighted]
        self.cumulative = list(accumulate(weight for _, weight in weighted))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


AGE_BANDS = Picker([((18, 64), 37), ((65, 74), 14), ((75, 84), 23), ((85, 94), 22), ((95, 102), 4)])
SEX = Picker([("female", 60), ("male", 39.5), ("not_known", 0.5)])
ETHNICITY = Picker(
    [
        ("white", 81),
        ("asian", 5),
        ("black", 3),
        ("mixed", 1.5),
        ("other", 1),
        ("refused", 0.5),
        ("not_known", 8),
    ]
)
SUPPORT_YOUNGER = Picker(
    [
        ("learning_disability", 25),
        ("mental_health", 28),
        ("physical", 24),
        ("social", 8),
        ("sensory", 2),
        ("memory_cognition", 2),
        ("no_support_reason", 4),
        ("not_known", 7),
    ]
)
SUPPORT_OLDER = Picker(
    [
        ("physical", 58),
        ("memory_cognition", 20),
        ("mental_health", 6),
        ("social", 4),
        ("sensory", 3),
        ("learning_disability", 1),
        ("no_support_reason", 2),
        ("not_known", 6),
    ]
)
DIED_IN_YEAR = 0.03

# Concerns per person in the year, and how likely each of their concerns is to lead to a section 42
# enquiry. Repeat concerns cluster on the people whose concerns become enquiries, which gives about
# 0.8 people per section 42 enquiry and about 0.75 people per concern.
CONCERNS_PER_PERSON = Picker([(1, 78), (2, 14), (3, 5), (4, 2), (5, 1)])
S42_PROPENSITY = Picker([(0.80, 35), (0.04, 65)])
OTHER_ENQUIRY = 0.018

# The first type of risk reported, and the types often reported alongside it.
FIRST_TYPE = Picker(
    [
        ("neglect_omission", 33),
        ("physical", 19),
        ("financial_material", 17),
        ("psychological", 9),
        ("self_neglect", 9),
        ("domestic", 6),
        ("organisational", 5),
        ("sexual", 2.5),
        ("discriminatory", 0.5),
        ("sexual_exploitation", 0.5),
        ("modern_slavery", 0.5),
    ]
)
ALSO = {
    "neglect_omission": ["psychological", "organisational", "physical"],
    "physical": ["psychological", "neglect_omission"],
    "financial_material": ["psychological", "neglect_omission"],
    "psychological": ["financial_material", "physical"],
    "self_neglect": ["neglect_omission"],
    "domestic": ["physical", "psychological", "financial_material"],
    "organisational": ["neglect_omission", "psychological"],
    "sexual": ["physical", "psychological"],
    "sexual_exploitation": ["financial_material", "psychological"],
    "discriminatory": ["psychological"],
    "modern_slavery": ["financial_material", "physical"],
}
EXTRA_ALLEGATIONS = Picker([(0, 70), (1, 22), (2, 8)])  # 1 to 3 allegations per concern
LOCATION = Picker(
    [
        ("own_home", 34),
        ("care_home_residential", 12),
        ("care_home_nursing", 8),
        ("in_community", 8),
        ("community_service", 5),
        ("hospital_acute", 5),
        ("hospital_mental_health", 3),
        ("hospital_community", 2),
        ("other", 5),
    ]
)
INSTITUTION = Picker(
    [
        ("care_home_residential", 45),
        ("care_home_nursing", 35),
        ("hospital_acute", 10),
        ("hospital_mental_health", 6),
        ("hospital_community", 4),
    ]
)
INSTITUTIONS = {
    "care_home_residential",
    "care_home_nursing",
    "hospital_acute",
    "hospital_mental_health",
    "hospital_community",
}
SOURCE_INSTITUTION = Picker([("service_provider", 75), ("other_known", 20), ("other_unknown", 5)])
SOURCE_NEGLECT = Picker([("service_provider", 60), ("other_known", 40)])
SOURCE_MONEY = Picker([("other_known", 65), ("other_unknown", 25), ("service_provider", 10)])
SOURCE_OUTSIDE = Picker([("other_unknown", 50), ("other_known", 40), ("service_provider", 10)])
SOURCE_HOME = Picker([("other_known", 75), ("service_provider", 20), ("other_unknown", 5)])

RAISED_BY_HOME = Picker(
    [
        ("health", 22),
        ("family_friend", 15),
        ("care_provider", 18),
        ("police", 15),
        ("council", 10),
        ("housing", 6),
        ("self", 6),
        ("public", 5),
        ("other", 3),
    ]
)
RAISED_BY_INSTITUTION = Picker(
    [
        ("care_provider", 45),
        ("health", 25),
        ("family_friend", 17),
        ("council", 6),
        ("police", 4),
        ("other", 3),
    ]
)

DAYS_TO_DECISION = Picker([(0, 30), (1, 30), (2, 20), (3, 10), (5, 6), (7, 4)])
DAYS_TO_START = Picker([(0, 70), (1, 20), (2, 10)])
# How long enquiries stay open, in day ranges: about 90% of those started in a year close in it.
DURATION = Picker([((0, 14), 42), ((15, 45), 33), ((46, 100), 19), ((101, 200), 6)])
CLOSED_AFTER_YEAR = 0.6  # of enquiries still open on 31 March, closed since (the rest still open)
UNALLOCATED_OPEN = 0.15

ACTION_AND_RESULT = Picker(
    [
        ("risk_identified_action", 66),
        ("risk_identified_no_action", 4),
        ("inconclusive_action", 8),
        ("inconclusive_no_action", 3),
        ("no_risk_action", 6),
        ("no_risk_no_action", 10),
        ("ceased_at_request", 3),
    ]
)
RISK_OUTCOME = Picker([("removed", 29), ("reduced", 60), ("remained", 11)])

LACKED_CAPACITY = Picker(
    [
        ("lacked_capacity", 27),
        ("did_not_lack_capacity", 60),
        ("dont_know", 3),
        ("not_recorded", 10),
    ]
)
SUPPORTED_WHEN_LACKING = 0.8
ASKED_OUTCOMES = Picker(
    [
        ("asked_expressed", 78),
        ("asked_none_expressed", 9),
        ("no", 6),
        ("dont_know", 4),
        ("not_recorded", 3),
    ]
)
OUTCOMES_ACHIEVED = Picker([("fully", 65), ("partially", 30), ("not", 5)])

# The light practice layer for a council-scale dashboard.
PRACTICE_SHARE = 0.6  # of enquiries that get start (and, when closed, end) conversation rows
OUTCOMES_PER_ENQUIRY = Picker([(1, 60), (2, 32), (3, 8)])
METHOD = Picker([("in_person", 60), ("phone", 30), ("video", 6), ("other", 4)])
PARTICIPANTS = Picker(
    [
        (["person"], 45),
        (["person", "family"], 25),
        (["representative"], 10),
        (["person", "advocate"], 8),
        (["person", "professionals"], 12),
    ]
)
EXPRESSED_BY = Picker(
    [("person", 82), ("representative", 10), ("advocate", 5), ("best_interests", 3)]
)
