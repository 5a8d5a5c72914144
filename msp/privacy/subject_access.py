"""The subject access bundle: the compiled data as JSON and as a PDF, together in one ZIP."""

import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string

from msp.privacy.selectors import subject_access_data

SECTION_TITLES = {
    "person": "The person's record",
    "concerns": "Concerns",
    "allegations": "Allegations",
    "enquiries": "Enquiries",
    "conversations": "Conversations",
    "capacity_assessments": "Mental capacity assessments",
    "representations": "Representation and advocacy",
    "risk_discussions": "Risk discussions",
    "responses": "Responses agreed",
    "closing_reviews": "Closing reviews",
    "experience": "Experience answers",
    "desired_outcomes": "Desired outcomes",
    "outcome_events": "Outcome journey",
    "rectifications": "Requests to correct the record",
    "legal_holds": "Legal holds",
}
META = {"record", "third_party_review"}


def as_json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode("utf-8")


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _for_print(data: dict) -> list[dict]:
    """Sections shaped for the PDF template: labelled fields, review marks, and each history
    version showing only what changed from the version before."""
    sections = []
    for key, title in SECTION_TITLES.items():
        section = data["sections"][key]
        records = [
            {
                "label": record["record"],
                "fields": [
                    {"name": name.replace("_", " "), "value": _shown(value),
                     "review": name in record["third_party_review"]}
                    for name, value in record.items() if name not in META
                ],
            }
            for record in section["records"]
        ]  # fmt: skip
        history = []
        previous: dict[int, dict] = {}
        for row in section["history"]:
            before = previous.get(row["record_id"], {})
            changed = {k: v for k, v in row["values"].items() if before.get(k) != v}
            previous[row["record_id"]] = row["values"]
            history.append(
                {
                    **row,
                    "changed": [
                        {"name": k.replace("_", " "), "value": _shown(v)}
                        for k, v in changed.items()
                    ],
                }
            )
        if records or history:
            sections.append({"title": title, "records": records, "history": history})
    return sections


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError("The subject access PDF loads nothing from outside")


def as_pdf(data: dict) -> bytes:
    # Imported here: WeasyPrint is slow to load and needs system libraries only this uses.
    from weasyprint import HTML

    html = render_to_string(
        "privacy/subject_access_pdf.html", {"data": data, "sections": _for_print(data)}
    )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def bundle(person) -> tuple[str, bytes]:
    """The ZIP's file name and content: JSON and PDF of everything held about the person."""
    data = subject_access_data(person)
    stem = f"subject-access-{person.reference}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.json", as_json(data))
        archive.writestr(f"{stem}.pdf", as_pdf(data))
        archive.writestr(
            "READ-ME-FIRST.txt",
            "Subject access bundle. Before release, review every item marked for third-party "
            "review (the 'third_party_review' section of the JSON, highlighted boxes in the PDF): "
            "it may hold information about other people. Nothing has been removed.\n",
        )
    return f"{stem}.zip", buffer.getvalue()
