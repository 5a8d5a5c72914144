"""The wording the council's leaflets start from, in plain language, and the easy-read version
in short sentences with a picture beside each part. The council changes all of it."""

from msp.improvement.models import LeafletKind

LEAFLETS = {
    LeafletKind.WHAT_HAPPENS_NOW: {
        "title": "Keeping safe: what happens now",
        "sections": [
            (
                "Why we are talking with you",
                "Someone has told us they are worried that you may be being hurt, treated badly "
                "or not looked after properly. Or you told us yourself. We take this seriously, "
                "and we want to help in the way that is right for you.",
            ),
            (
                "What you want to happen",
                "We will ask you what you would like to happen. We will write it down in your "
                "own words. You can change your mind at any time, and we will keep checking "
                "with you as things go on.",
            ),
            (
                "What happens next",
                "A social worker will talk with you, usually in person and somewhere you feel "
                "comfortable. Together you will look at what is happening, what the risks are, "
                "and the ways we could help. With your agreement, we may talk to other people "
                "who can help, such as your doctor, the police or your care provider.",
            ),
            (
                "Help to have your say",
                "You can have someone with you: a family member, a friend or an advocate (an "
                "independent person whose job is to help you speak up). If you need an "
                "interpreter, British Sign Language or information in another format, tell us.",
            ),
            (
                "When we have to act",
                "Usually we will do what you want. Sometimes we have to act even if you would "
                "rather we did not: for example if other people are at risk, or a crime must be "
                "reported. If that happens we will tell you honestly why, and keep working with "
                "you on what you want.",
            ),
            (
                "Your information",
                "We keep a record of what you tell us and what we do. We only share it with "
                "people who need it to help keep you safe, and we will usually ask you first. "
                "You can ask to see what we hold about you.",
            ),
            (
                "At the end",
                "Before we finish, we will ask whether you got what you wanted, and how you "
                "found our help. Your answers help us do better for other people.",
            ),
            (
                "How to contact us",
                "[The council adds its contact details here: phone, email, opening hours, what "
                "to do out of hours, and how to make a complaint.]",
            ),
        ],
    },
    LeafletKind.EASY_READ: {
        "title": "Keeping safe: what happens now (easy read)",
        "sections": [
            ("We want you to be safe", "Someone is worried about you.\n\nWe want to help."),
            (
                "We will ask what you want",
                "We will ask what you want to happen.\n\nWe will write down what you say.",
            ),
            (
                "We will talk with you",
                "A social worker will come and talk with you.\n\nYou choose where.",
            ),
            (
                "You can have help",
                "You can have someone with you.\n\nThis can be family, a friend or an advocate.",
            ),
            (
                "Sometimes we have to act",
                "Sometimes we have to do things you do not want.\n\nWe will tell you why.",
            ),
            (
                "We keep notes",
                "We write down what you tell us.\n\nWe keep it safe.",
            ),
            (
                "At the end",
                "We will ask if you got what you wanted.\n\nWe will ask how it felt.",
            ),
            ("Contact us", "[The council adds its phone number and email here.]"),
        ],
    },
}

SUMMARY_NEXT_STEPS = (
    "We will keep talking with you about what you want to happen and how things are going. "
    "If anything changes, or you are worried, contact us using the details above."
)
