"""Loads the practice lists the product ships with (msp-practice.json: outcome categories,
responses, representation roles ...), which councils edit and extend in the admin.

Run by a data migration on every new database; re-running it adds new entries and updates labels
without touching entries a council has retired or added itself. The statutory lists are not
here: each reporting year's lists are part of its specification in msp/sac (decision 0010).
"""

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

PRACTICE_LISTS = [
    "desired_outcome_categories",
    "outcome_expressed_by",
    "conversation_stages",
    "outcome_achievement",
    "representation_roles",
    "responses",
    "reasons_to_act_against_wishes",
]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:64]


def shipped_items() -> list[dict]:
    practice = json.loads((DATA / "msp-practice.json").read_text(encoding="utf-8"))
    rows = []
    for list_code in PRACTICE_LISTS:
        for order, item in enumerate(practice[list_code]):
            rows.append(
                {
                    "list_code": list_code,
                    "code": item["code"],
                    "label": item["label"],
                    "sort_order": order,
                    "extra": {},
                }
            )
    for order, topic in enumerate(practice["experience_topics"]):
        label = topic[0].upper() + topic[1:]
        rows.append(
            {
                "list_code": "experience_topics",
                "code": slug(topic),
                "label": label,
                "sort_order": order,
                "extra": {},
            }
        )
    return rows


def _practice() -> dict:
    return json.loads((DATA / "msp-practice.json").read_text(encoding="utf-8"))


def shipped_not_outcomes() -> list[dict]:
    """The starting catalogue of ideas that are not outcomes (msp.reference.not_outcomes)."""
    return [
        {
            "code": item["code"],
            "name": item["name"],
            "patterns": "\n".join(item["patterns"]),
            "explanation": item["why"],
            "instead": item["instead"],
            "examples": "\n".join(item["examples"]),
            "sort_order": order,
        }
        for order, item in enumerate(_practice()["not_outcomes"])
    ]


def outcomes_not_to_refuse() -> list[str]:
    """Real outcomes in people's words that no pattern may refuse (checked when one is saved)."""
    return list(_practice()["outcomes_not_to_refuse"])


def load_not_outcomes(NotOutcomeIdea) -> int:
    """Add the shipped ideas a database does not have yet; never overwrite a council's edits."""
    count = 0
    for row in shipped_not_outcomes():
        _, created = NotOutcomeIdea.objects.get_or_create(code=row["code"], defaults=row)
        count += created
    return count


def load_all() -> None:
    """Every shipped list and the catalogue, with the current models (for tests that empty the
    database and the demo)."""
    from msp.reference.models import NotOutcomeIdea, ReferenceItem

    load(ReferenceItem)
    load_not_outcomes(NotOutcomeIdea)


def load(ReferenceItem) -> int:
    """Create or update the shipped entries. Takes the model so migrations can pass their own."""
    count = 0
    for row in shipped_items():
        ReferenceItem.objects.update_or_create(
            list_code=row["list_code"],
            code=row["code"],
            defaults={
                "label": row["label"],
                "sort_order": row["sort_order"],
                "extra": row["extra"],
            },
        )
        count += 1
    return count
