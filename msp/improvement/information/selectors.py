"""Reads of the leaflets and of the summaries given to people."""

import base64
from dataclasses import dataclass

from msp.improvement.information import wording
from msp.improvement.models import Leaflet, LeafletKind, LeafletSection, PersonalSummary


@dataclass
class LeafletPage:
    kind: str
    title: str
    easy_read: bool
    sections: list[LeafletSection]
    changed_at: object = None  # None: still the product's starting wording


def leaflet(kind: str) -> LeafletPage | None:
    """A leaflet as the council has it, or the starting wording until someone changes it."""
    if kind not in LeafletKind.values:
        return None
    stored = Leaflet.objects.filter(kind=kind).first()
    if stored is not None:
        sections = list(stored.sections.order_by("position"))
        return LeafletPage(kind, stored.title, stored.easy_read, sections, stored.updated_at)
    start = wording.LEAFLETS[kind]
    sections = [
        LeafletSection(position=position, heading=heading, text=text)
        for position, (heading, text) in enumerate(start["sections"], start=1)
    ]
    return LeafletPage(kind, start["title"], kind == LeafletKind.EASY_READ, sections)


def leaflets() -> list[LeafletPage]:
    return [leaflet(kind) for kind in LeafletKind.values]


def section(kind: str, position: int) -> LeafletSection | None:
    page = leaflet(kind)
    if page is None:
        return None
    return next((s for s in page.sections if s.position == position), None)


def picture_of(pk: int) -> bytes | None:
    return (
        LeafletSection.objects.filter(pk=pk)
        .exclude(picture=b"")
        .values_list("picture", flat=True)
        .first()
    )


def picture_data_url(section: LeafletSection) -> str:
    """The picture inside the printed document itself, which fetches nothing."""
    return "data:image/png;base64," + base64.b64encode(bytes(section.picture)).decode("ascii")


def summaries_of(enquiry, *, limit: int = 20) -> list[PersonalSummary]:
    """The newest summaries given from this enquiry, with who made each."""
    return list(
        enquiry.personal_summaries.select_related("created_by").order_by("-created_at")[:limit]
    )
