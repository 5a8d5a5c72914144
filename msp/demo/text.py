"""Words for the synthetic demo data: what people want, what was reported, what was discussed.

Every phrase is invented. Outcome phrases are written once with markers so the same wish can be
recorded in the person's own first-person words ("I want my son to stop taking my money") or, when
a representative, advocate or best-interests decision speaks for them, about them ("Edna wants her
son to stop taking her money"):

    {I} I / the person's name      {want} want / wants      {dont} don't / doesn't
    {my} my / her                  {me} me / her            {myself} myself / herself
    {rel} who is thought to be the source of risk (son, neighbour, carer ...)
"""

# Places are fictional so no real service is named.
PLACES = [
    "Ashby Vale",
    "Millbrook",
    "Kingsmead",
    "Hartwell",
    "Oakfield",
    "Northgate",
    "Larkhill",
    "Fenwick",
    "Southmoor",
    "Elmstead",
    "Castleford Green",
    "Brampton Cross",
]
CARE_HOME_NAMES = ["Lodge", "House", "Court", "Manor", "Grange", "View"]
HOME_CARE_NAMES = ["Home Care", "Care at Home", "Homecare Services", "Community Care"]

# Who is thought to be the source of risk when they are known to the person.
RELATIONS_KNOWN = [
    ("son", 24),
    ("daughter", 14),
    ("grandson", 10),
    ("nephew", 5),
    ("partner", 9),
    ("husband", 6),
    ("wife", 3),
    ("neighbour", 10),
    ("lodger", 4),
    ("friend", 8),
    ("brother", 4),
    ("ex-partner", 3),
]
RELATIONS_PROVIDER = [("carer", 50), ("care worker", 30), ("support worker", 12)]
RELATIONS_CARE_HOME = [
    ("care worker", 45),
    ("night carer", 25),
    ("senior carer", 15),
    ("nurse", 15),
]
RELATIONS_HOSPITAL = [("nurse", 45), ("healthcare assistant", 40), ("porter", 5), ("doctor", 10)]
RELATIONS_UNKNOWN = [
    ("caller", 30),
    ("doorstep trader", 25),
    ("man at the bus stop", 10),
    ("people online", 20),
]

# Desired outcomes by type of risk: (category, words, revised words or "", reason for revising).
OUTCOMES = {
    "financial_material": [
        (
            "be_and_feel_safer",
            "{I} {want} {my} {rel} to stop taking {my} money",
            "{I} {want} {my} {rel} to pay back what was taken, a bit each month",
            "Once the bank had stopped the card, paying back mattered more than stopping it",
        ),
        (
            "stay_in_control",
            "{I} {want} to be in charge of {my} own bank card again",
            "{I} {want} help from the bank to manage {my} money, but to keep the card {myself}",
            "Talked through the options with the bank's vulnerable customer team",
        ),
        (
            "keep_relationship",
            "{I} {want} to keep seeing {my} {rel}, without arguments about money",
            "",
            "",
        ),
        (
            "justice",
            "{I} {want} {my} money paid back",
            "{I} {want} the police to know what happened, even if nothing comes of it",
            "Thought more about it after speaking to the police community support officer",
        ),
        (
            "protect_self",
            "{I} {want} to know how to spot scam phone calls and letters",
            "",
            "",
        ),
        (
            "know_where_help_is",
            "{I} {want} to know who to ring if someone asks {me} for money again",
            "",
            "",
        ),
        ("apology", "{I} {want} {my} {rel} to say sorry", "", ""),
        (
            "other",
            "{I} {want} to be able to pay {my} bills on time again",
            "{I} {want} to clear the arrears on {my} gas bill before winter",
            "The bills were mostly sorted; the gas arrears were what worried most",
        ),
    ],
    "neglect_omission": [
        (
            "be_and_feel_safer",
            "{I} {want} to feel safe when the carers visit",
            "{I} {want} the same two carers each week, not a stranger at the door",
            "Feeling safe turned out to be about knowing the carers",
        ),
        (
            "other",
            "{I} {want} the carers to come on time and stay for the whole visit",
            "",
            "",
        ),
        ("recover", "{I} {want} {my} pressure sore to heal", "", ""),
        (
            "other",
            "{I} {want} to have {my} tablets at the right time every day",
            "{I} {want} to take {my} own tablets from a blister pack, with a reminder call",
            "Wanted to do it independently once the pharmacist suggested a blister pack",
        ),
        (
            "protect_others",
            "{I} {want} to know this will not happen to anyone else at the home",
            "",
            "",
        ),
        (
            "stay_in_control",
            "{I} {want} a say in which carers come into {my} home",
            "",
            "",
        ),
        ("keep_relationship", "{I} {want} to keep the regular carers who know {me}", "", ""),
        ("apology", "{I} {want} an apology from the care agency", "", ""),
        (
            "other",
            "{I} {want} to be helped to eat and drink properly",
            "{I} {want} {my} meals cut up and a drink left within reach",
            "Said exactly what help was needed once the first visits had improved",
        ),
    ],
    "physical": [
        (
            "be_and_feel_safer",
            "{I} {want} to feel safe in {my} own home",
            "{I} {want} to feel safe at night as well as in the day",
            "Daytime felt safe again; nights were still frightening",
        ),
        ("be_and_feel_safer", "{I} {want} {my} {rel} to stop hurting {me}", "", ""),
        ("keep_relationship", "{I} {want} to keep seeing {my} grandchildren", "", ""),
        (
            "justice",
            "{I} {want} the police to know what happened",
            "",
            "",
        ),
        ("recover", "{I} {want} help to get over what happened", "", ""),
        (
            "exercise_choice",
            "{I} {want} to stay living in {my} own home",
            "{I} {want} to stay living in {my} own home with a bit more help in the mornings",
            "Accepted that mornings were the hardest part of the day",
        ),
        ("exercise_choice", "{I} {dont} want to go into a care home", "", ""),
    ],
    "psychological": [
        (
            "be_and_feel_safer",
            "{I} {want} {my} {rel} to stop shouting at {me}",
            "{I} {want} {my} {rel} to speak to {me} kindly when they visit",
            "Wanted the visits to carry on, just without the shouting",
        ),
        ("be_and_feel_safer", "{I} {want} to feel less frightened", "", ""),
        ("new_friends", "{I} {want} to be able to go out and see {my} friends again", "", ""),
        (
            "exercise_choice",
            "{I} {want} to make {my} own decisions without being told off",
            "",
            "",
        ),
        ("new_friends", "{I} {want} to go back to the lunch club on Thursdays", "", ""),
        (
            "involved_in_decisions",
            "{I} {want} to be asked before anyone decides things for {me}",
            "",
            "",
        ),
    ],
    "domestic": [
        (
            "be_and_feel_safer",
            "{I} {want} {my} {rel} to move out",
            "{I} {want} {my} {rel} to live somewhere else but still visit on Sundays",
            "Did not want to lose contact altogether",
        ),
        ("keep_relationship", "{I} {want} to stay in touch with {my} {rel}", "", ""),
        ("be_and_feel_safer", "{I} {want} to feel safe in {my} own bed at night", "", ""),
        ("justice", "{I} {want} a court order to keep {my} {rel} away", "", ""),
        ("know_where_help_is", "{I} {want} a number to ring if it starts again", "", ""),
        ("recover", "{I} {want} someone to talk to about what has happened", "", ""),
    ],
    "self_neglect": [
        ("exercise_choice", "{I} {want} to stay living in {my} own home", "", ""),
        (
            "stay_in_control",
            "{I} {want} to keep {my} belongings but be able to use the kitchen",
            "{I} {want} to clear one room at a time, with the same person helping",
            "Worked out a pace that felt manageable",
        ),
        ("other", "{I} {want} the heating fixed before winter", "", ""),
        ("stay_in_control", "{I} {dont} want strangers clearing out {my} house", "", ""),
        ("exercise_choice", "{I} {want} to live {my} own way", "", ""),
        ("recover", "{I} {want} help to get back on {my} feet", "", ""),
    ],
    "organisational": [
        (
            "be_and_feel_safer",
            "{I} {want} to be treated with respect by the staff at the home",
            "",
            "",
        ),
        ("exercise_choice", "{I} {want} a choice about when {my} day starts", "", ""),
        (
            "protect_others",
            "{I} {want} to know the home has changed things so it does not happen again",
            "",
            "",
        ),
        (
            "exercise_choice",
            "{I} {want} to be able to use the garden whenever the weather is good",
            "",
            "",
        ),
        ("action_taken", "{I} {want} to know the manager has dealt with it", "", ""),
    ],
    "sexual": [
        ("be_and_feel_safer", "{I} {want} to feel safe at the day centre", "", ""),
        ("be_and_feel_safer", "{I} {want} the man who touched {me} kept away from {me}", "", ""),
        ("recover", "{I} {want} to talk to someone about what happened", "", ""),
        ("justice", "{I} {want} the police to deal with it", "", ""),
    ],
    "sexual_exploitation": [
        (
            "be_and_feel_safer",
            "{I} {want} the people who come round to stop using {my} flat",
            "",
            "",
        ),
        ("protect_self", "{I} {want} to know how to say no to them", "", ""),
        ("new_friends", "{I} {want} friends who are good for {me}", "", ""),
    ],
    "discriminatory": [
        ("be_and_feel_safer", "{I} {want} the neighbours to stop the name-calling", "", ""),
        ("action_taken", "{I} {want} to be treated fairly at the centre", "", ""),
        ("justice", "{I} {want} the housing association to take it seriously", "", ""),
    ],
    "modern_slavery": [
        ("other", "{I} {want} to be paid properly for {my} work", "", ""),
        ("be_and_feel_safer", "{I} {want} a safe place to live", "", ""),
        ("stay_in_control", "{I} {want} to get {my} passport back", "", ""),
    ],
}
GENERAL_OUTCOMES = [
    ("involved_in_decisions", "{I} {want} to be kept informed about what happens next", "", ""),
    ("involved_in_decisions", "{I} {want} to be involved in any decisions about {me}", "", ""),
    ("know_where_help_is", "{I} {want} to know who to call if it happens again", "", ""),
    ("protect_self", "{I} {want} to feel confident to speak up for {myself}", "", ""),
    ("other", "{I} {want} things to go back to how they were before", "", ""),
    ("stay_in_control", "{I} {want} to stay in control of what happens", "", ""),
]
# Plan B: what the person would want if their first wish cannot happen. Each follows a first
# wish whose words contain the trigger: (trigger, category, words).
PLAN_B = [
    (
        "stay living in {my} own home",
        "exercise_choice",
        "If staying at home is not possible, {I} {want} to live near {my} daughter",
    ),
    (
        "{dont} want to go into a care home",
        "exercise_choice",
        "If going home is not possible, {I} {want} to choose the home {myself}",
    ),
    (
        "keep seeing {my} {rel}",
        "keep_relationship",
        "If {my} {rel} can't visit at home, {I} {want} to see them at the day centre",
    ),
    (
        "bank card",
        "stay_in_control",
        "If the bank won't change it, {I} {want} a friend to check {my} statements with {me}",
    ),
    (
        "when the carers visit",
        "be_and_feel_safer",
        "If the carers can't change, {I} {want} someone from the office at the visits",
    ),
    (
        "{my} {rel} to move out",
        "be_and_feel_safer",
        "If {my} {rel} won't leave, {I} {want} a lock on {my} bedroom door",
    ),
    (
        "{my} {rel} to stop",
        "keep_relationship",
        "If {my} {rel} won't stop, {I} {want} to see them only with someone else there",
    ),
]
# Outcome categories that often pull against each other in the same enquiry.
TENSIONS = {
    frozenset({"keep_relationship", "be_and_feel_safer"}): (
        "{name} wants to keep the relationship and also to be safe from it; "
        "the family would rather contact stopped altogether"
    ),
    frozenset({"exercise_choice", "be_and_feel_safer"}): (
        "Staying at home is {name}'s clear wish; the risk at home is what the enquiry is about"
    ),
    frozenset({"stay_in_control", "be_and_feel_safer"}): (
        "{name} wants to keep control of the money, which makes it harder to stop it being taken"
    ),
}
WITHDRAW_REASONS = [
    "{name} no longer wants this; said it would upset the family",
    "Things have changed since, and {name} says it is no longer needed",
    "{name} decided against it after talking it through",
    "{name} said this mattered less than first thought and wants to concentrate on the rest",
]
REPLACEMENTS = [
    (
        "be_and_feel_safer",
        "{I} {want} the locks changed and a key safe only the carers can open",
        "Replaced by a practical step {name} chose once the options were explained",
    ),
    (
        "know_where_help_is",
        "{I} {want} a named person at the council to ring",
        "{name} wanted one person to contact rather than a general number",
    ),
]

WHAT_REPORTED = {
    "financial_material": [
        "{Name}'s {rel} is said to have been using {pos} bank card; large cash withdrawals seen by the bank.",
        "Bank's vulnerable customer team reported several unusual transfers from {name}'s account to the {rel}.",
        "{Name} told the carer {sub} has no money for food by midweek and that the {rel} collects {pos} pension.",
        "{Name} paid a {rel} several thousand pounds for roof work that was never done.",
    ],
    "neglect_omission": [
        "Carers have missed or cut short visits several times this week; {name} was found in wet clothes at lunchtime.",
        "District nurse found a grade 3 pressure sore not reported by the care provider.",
        "{Name} was not given {pos} evening medication on three occasions; MAR chart gaps noted by pharmacist.",
        "Family visited and found {name} hungry and dehydrated; food left out of reach by carers.",
    ],
    "physical": [
        "Unexplained bruising to {name}'s arms noticed by the day centre; {sub} said the {rel} grabbed {pos} wrist.",
        "{Name} disclosed to the GP that {pos} {rel} pushed {obj} over in the kitchen.",
        "Care home staff found a skin tear and bruising after a night shift; no incident recorded.",
        "Neighbour heard shouting and a fall from {name}'s flat and called the police.",
    ],
    "psychological": [
        "{Name} is frightened of {pos} {rel}, who shouts and threatens to put {obj} in a home.",
        "Carer reports the {rel} belittles {name} and stops {obj} seeing friends.",
        "{Name} told the district nurse {sub} is being told {sub} is a burden and should sign the house over.",
    ],
    "domestic": [
        "Police attended a domestic incident at {name}'s home; the {rel} was arrested and released on bail.",
        "{Name} disclosed controlling behaviour by the {rel}, including taking {pos} phone.",
    ],
    "self_neglect": [
        "Housing officer reports the property is cluttered to the point of being unsafe and the heating is broken.",
        "{Name} is refusing care visits and has lost weight; GP concerned about {pos} health.",
        "Fire service home visit found blocked exits and candles used for light.",
    ],
    "organisational": [
        "Several residents at the home, including {name}, are being got up at 5am to suit the staff rota.",
        "Whistleblower reports residents at the home are left in bed all day at weekends.",
    ],
    "sexual": [
        "{Name} told staff at the day centre that another attendee touched {obj} inappropriately.",
        "Support worker reports {name} disclosed unwanted sexual contact by a {rel}.",
    ],
    "sexual_exploitation": [
        "Police concerned that people are using {name}'s flat and taking advantage of {obj}.",
    ],
    "discriminatory": [
        "{Name} reports repeated racist name-calling by neighbours, now including notes through the door.",
    ],
    "modern_slavery": [
        "{Name} appears to be working long hours at a car wash for no pay and living at the premises.",
    ],
}

NO_ENQUIRY_REASONS = [
    (
        (True, False, True),
        "Information gathered shows no indication of abuse or neglect; the GP and provider were reassuring.",
        "Information about local support groups sent to the person.",
    ),
    (
        (True, True, False),
        "The person has capacity, understands the risk and is able to protect themselves; advice given.",
        "Advice on banking safeguards and a number to call again.",
    ),
    (
        (True, False, True),
        "Resolved at the point of contact: the care provider has already put things right.",
        "",
    ),
    (
        (False, True, True),
        "No care and support needs; referred to the police and victim support.",
        "Referral to Victim Support.",
    ),
    (
        (True, True, False),
        "Already being addressed through the person's care review, which the person agreed to.",
        "Care review brought forward.",
    ),
    (
        (True, False, True),
        "Duplicate of a concern already being dealt with.",
        "",
    ),
]
OTHER_ENQUIRY_REASONS = [
    (
        (False, True, True),
        "The person does not have care and support needs, but the council will make enquiries "
        "to help them stay safe, as they asked.",
    ),
    (
        (True, True, False),
        "The person can protect themselves but asked for help; a proportionate other enquiry agreed.",
    ),
]

CONVERSATION_NOTES = {
    "start": [
        "Met {name} and talked about what happened and what {sub} would like to happen now.",
        "Talked with {name} about the concern. {Sub} was clear about what matters most.",
        "First conversation with {name}: went at {pos} pace and agreed to talk again soon.",
        "Explained why we were in touch and asked {name} what {sub} wants to happen.",
    ],
    "during": [
        "Went back over what {name} wants. Some things have moved on since we last spoke.",
        "Checked in with {name} on how the agreed actions are going.",
        "Looked at the options again with {name} and the people supporting {obj}.",
        "Caught up with {name}. {Sub} feels things are going in the right direction.",
    ],
    "end": [
        "Reviewed each of {name}'s outcomes together and asked how the enquiry felt for {obj}.",
        "Closing conversation: went through what changed and who to contact if things go wrong again.",
    ],
}
# Options weighed in a risk discussion, by the kind of risk, each with the choices a person made.
RISK_OPTIONS = {
    "home": (
        "Stay at home with carers four times a day: keeps independence and routine, the risk at "
        "night remains. Short stay in respite: safer overnight, but {name} does not want to leave "
        "{pos} home.",
        [
            "{Name} chose to stay at home with more help in the evenings.",
            "{Name} chose a short respite stay, on the understanding it is short.",
        ],
    ),
    "relationship": (
        "Keep contact with the {rel} as now: an important relationship, the risk stays. "
        "Contact only with someone else there: safer, feels like a punishment to {name}. "
        "Stop contact: safest, {name} would be very unhappy.",
        [
            "{Name} chose to keep seeing the {rel}, but only with someone else there for now.",
            "{Name} chose to keep contact as it is, knowing the risk.",
            "{Name} chose to stop contact for the time being.",
        ],
    ),
    "report": (
        "Report to the police: may stop it happening to others, {name} worries about the "
        "reaction. Deal with it through the provider: quicker, less formal, less protection for others.",
        [
            "{Name} chose to go ahead with reporting it, with support.",
            "{Name} chose to deal with it through the provider rather than the police.",
        ],
    ),
    "money": (
        "Hand over money matters to an appointee: money safe, loss of control. "
        "Bank checks on large withdrawals: keeps control, some risk remains.",
        [
            "{Name} chose the option that keeps {obj} in control of {pos} own money.",
            "{Name} chose to ask the bank to check large withdrawals.",
        ],
    ),
}
RISK_OPTIONS_BY_TYPE = {
    "financial_material": "money",
    "modern_slavery": "report",
    "physical": "relationship",
    "domestic": "relationship",
    "psychological": "relationship",
    "sexual": "report",
    "sexual_exploitation": "relationship",
    "discriminatory": "report",
    "organisational": "report",
    "neglect_omission": "report",
    "self_neglect": "home",
}
AGAINST_WISHES = {
    "others_at_risk": (
        "The same {rel} visits other people; the agency and the regulator were told even though "
        "{name} asked us not to."
    ),
    "crime": "Police informed about the assault despite {name}'s wish to keep it within the family.",
    "coercion": (
        "{Name}'s wish to let the {rel} manage {pos} bank account appears to come from pressure "
        "from the {rel}."
    ),
    "vital_interest": "Emergency help arranged because {name}'s life was at serious risk.",
    "staff_or_provider": "The source of risk is a member of staff, so the provider was told.",
}
EXPLAINED_HOW = [
    "Explained in person at home, with {pos} daughter present, and followed up with a letter.",
    "Explained face to face with the advocate there, and again by phone the next day.",
    "Explained at the network meeting in plain words, with an easy read summary left with {name}.",
]
RESPONSE_NOTES = {
    "resolved_first_meeting": "Agreed with {name} at the first visit; nothing more was needed.",
    "strategy_discussion": "Strategy discussion with {name} present for the first half.",
    "network_meeting": "Network meeting with the GP, the agency and the housing officer.",
    "family_group_conference": "Family group conference arranged by the independent coordinator.",
    "mediation": "Mediation between {name} and the {rel}.",
    "police_criminal_justice": "Police informed with {name}'s agreement.",
    "advocacy": "Advocate involved to help {name} have {pos} say.",
    "risk_enablement": "Risk enablement plan agreed with {name}.",
    "provider_or_regulator_action": "Provider investigated and changed the visit rota.",
    "information_and_signposting": "Information on local support given in the format {name} prefers.",
    "civil_law": "Non-molestation order applied for with {name}'s agreement.",
    "restorative": "Restorative meeting offered and accepted.",
    "recovery_support": "Referred for counselling and a befriending service.",
}
PERSONS_VIEW = {
    "fully": [
        "Yes, that's sorted now.",
        "I feel much better about it.",
        "I can sleep at night now.",
        "That's exactly what I wanted.",
    ],
    "partially": [
        "It's better, but I still worry.",
        "Some of it happened, not all of it.",
        "It's a start.",
        "Better than it was, not perfect.",
    ],
    "not": [
        "Nothing has really changed.",
        "I'm still waiting for that.",
        "I didn't get what I wanted.",
    ],
}
PRACTITIONER_REASONS = {
    "fully": "Agreed actions completed and confirmed with {name} at the review.",
    "partially": "Most actions completed; some risk remains, which {name} accepts.",
    "not": "The other agency did not act; explained to {name}, who knows how to raise it again.",
}
NOT_RATED_REASONS = [
    "{Name} moved to a nursing home out of area and could not be asked.",
    "{Name} did not want to talk about it again at the review.",
    "Not needed: the first plan was achieved.",
]
EXPERIENCE_COMMENTS = [
    "{Sub} said the social worker listened and didn't rush {obj}.",
    "Would have liked fewer people asking the same questions.",
    "{Sub} said it was good to be asked what {sub} wanted.",
    "Found the meetings hard, but felt they were on {pos} side.",
    "",
]
CAPACITY_DECISIONS = [
    "Decisions about the safeguarding enquiry and how to keep safe",
    "Where to live",
    "Managing money and property",
    "Accepting care and support at home",
    "Contact with the {rel}",
]
COMMUNICATION_OTHER = [
    "Hearing aid in the left ear; face {obj} and speak clearly",
    "Best spoken with in the morning",
    "Uses a communication board",
    "Short sentences and time to answer",
    "Glasses needed for reading; large print letters",
    "Prefers a family member present",
]
INTERPRETER_LANGUAGES = {
    "asian": ["Urdu", "Punjabi", "Bengali", "Gujarati", "Tamil"],
    "black": ["Somali", "Tigrinya", "French"],
    "white": ["Polish", "Romanian", "Portuguese", "Lithuanian"],
    "other": ["Arabic", "Cantonese", "Farsi", "Kurdish"],
    "mixed": ["Portuguese"],
}
# Names for people whose ethnicity is recorded as Asian or Black British: the en_GB name
# generator is mostly Anglo, which would make the demo less believable.
NAMES = {
    "asian": {
        "female": [
            "Shazia",
            "Nasreen",
            "Parveen",
            "Kamala",
            "Harjit",
            "Rukhsana",
            "Sunita",
            "Anjali",
        ],
        "male": ["Mohammed", "Abdul", "Gurdev", "Ravi", "Tariq", "Imran", "Sanjay", "Iqbal"],
        "last": [
            "Patel",
            "Khan",
            "Begum",
            "Singh",
            "Kaur",
            "Hussain",
            "Ahmed",
            "Chaudhry",
            "Shah",
            "Mistry",
        ],
    },
    "black": {
        "female": ["Grace", "Comfort", "Abena", "Hortense", "Pearl", "Blessing", "Marcia", "Amina"],
        "male": ["Winston", "Kwame", "Delroy", "Emmanuel", "Tunde", "Errol", "Samuel", "Abdi"],
        "last": [
            "Mensah",
            "Campbell",
            "Boateng",
            "Adeyemi",
            "Francis",
            "Clarke",
            "Osei",
            "Warsame",
            "Brown",
        ],
    },
}
PREFERRED_NAMES = {
    "Margaret": "Peggy",
    "Elizabeth": "Betty",
    "William": "Bill",
    "Robert": "Bob",
    "Patricia": "Pat",
    "Dorothy": "Dot",
    "Susan": "Sue",
    "Kathleen": "Kath",
    "Richard": "Dick",
    "Edward": "Ted",
    "Frederick": "Fred",
    "Joan": "Joanie",
    "Christopher": "Chris",
    "Anthony": "Tony",
}
