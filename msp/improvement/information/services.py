"""Writes for information given to people: the leaflets the council edits, and a person's own
summary made from their enquiry. Each takes the acting user, runs in one transaction and keeps
history and an audit entry."""

import io

from django.core.exceptions import ValidationError
from django.db import transaction

from msp.accounts import policy
from msp.audit.models import Action
from msp.audit.services import audit_append
from msp.core.services import check_version, save_recorded
from msp.enquiries.services import current_outcomes
from msp.improvement.information import wording
from msp.improvement.models import Leaflet, LeafletKind, LeafletSection, PersonalSummary
from msp.reference import selectors as ref

LARGEST_PICTURE_BYTES = 2 * 1024 * 1024
LARGEST_PICTURE_SIDE = 1200
PICTURE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def picture_png(data: bytes) -> bytes:
    """An uploaded picture checked and re-encoded as PNG (no more than 1200 pixels a side).

    Re-encoding drops anything the file carried besides the picture (camera details, scripts in
    a disguised file), so what is served and printed is only ever a plain image.
    """
    from PIL import Image, UnidentifiedImageError

    if len(data) > LARGEST_PICTURE_BYTES:
        raise ValidationError({"picture": "The picture must be smaller than 2 MB"})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in PICTURE_FORMATS:
                raise ValidationError({"picture": "The picture must be a PNG, JPEG, GIF or WebP"})
            image.thumbnail((LARGEST_PICTURE_SIDE, LARGEST_PICTURE_SIDE))
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError({"picture": "The file is not a picture we can read"}) from error
    return out.getvalue()


def _leaflet(kind: str, actor) -> Leaflet:
    """The leaflet, made from the starting wording the first time anyone changes it."""
    leaflet = Leaflet.objects.select_for_update().filter(kind=kind).first()
    if leaflet is not None:
        return leaflet
    start = wording.LEAFLETS[kind]
    leaflet = Leaflet(kind=kind, title=start["title"])
    save_recorded(leaflet, actor=actor, creating=True, reason="Leaflet started from the template")
    for position, (heading, text) in enumerate(start["sections"], start=1):
        save_recorded(
            LeafletSection(leaflet=leaflet, position=position, heading=heading, text=text),
            actor=actor,
            creating=True,
        )
    return leaflet


@transaction.atomic
def leaflet_section_update(
    *,
    actor,
    kind: str,
    position: int,
    heading: str,
    text: str,
    shown: bool = True,
    picture: bytes | None = None,
    remove_picture: bool = False,
    picture_description: str = "",
    seen_version: int | None = None,
) -> LeafletSection:
    """Change one section of a leaflet: its heading, words, whether it is shown, and (in easy
    read) its picture and the words that describe the picture."""
    if not policy.can_edit_leaflets(actor):
        raise ValidationError("Only a safeguarding lead can change the leaflets")
    if kind not in LeafletKind.values:
        raise ValidationError("No such leaflet")
    leaflet = _leaflet(kind, actor)
    section = (
        LeafletSection.objects.select_for_update()
        .filter(leaflet=leaflet, position=position)
        .first()
    )
    if section is None:
        raise ValidationError("No such section")
    check_version(section, seen_version)
    errors = {}
    heading = " ".join(heading.split())
    description = " ".join(picture_description.split())
    if not heading:
        errors["heading"] = "Enter a heading"
    if shown and not text.strip():
        errors["text"] = "Write the words for this section, or untick “show this section”"
    png = None
    if picture:
        try:
            png = picture_png(picture)
        except ValidationError as error:
            errors.update(error.message_dict)
    has_picture = bool(png) or (section.has_picture and not remove_picture)
    if has_picture and not description:
        errors["picture_description"] = (
            "Describe the picture in a few words, for people who cannot see it"
        )
    if errors:
        raise ValidationError(errors)
    section.heading, section.text, section.shown = heading, text.strip(), shown
    section.picture_description = description if has_picture else ""
    changed_picture = None
    if png:
        section.picture, changed_picture = png, "picture added"
    elif remove_picture and section.has_picture:
        section.picture, changed_picture = b"", "picture removed"
    save_recorded(section, actor=actor, reason="Leaflet changed")
    if changed_picture:
        audit_append(actor=actor, action=Action.CHANGE, obj=section, detail=changed_picture)
    leaflet.version += 1
    leaflet._history_user = actor
    leaflet.save(update_fields=["version", "updated_at"])
    return section


def default_contact(enquiry, actor) -> str:
    """How the person can reach the worker: their name, team, the team's phone and their email."""
    worker = enquiry.lead or actor
    lines = [f"{worker.get_full_name() or worker.username}, {enquiry.team.name}"]
    if enquiry.team.phone:
        lines.append(f"Phone: {enquiry.team.phone}")
    if worker.email:
        lines.append(f"Email: {worker.email}")
    return "\n".join(lines)


@transaction.atomic
def personal_summary_create(
    *, actor, enquiry, how_to_reach: str, what_happens_next: str, large_print: bool = False
) -> PersonalSummary:
    """Make the person's own summary: their current outcomes in their own words as they stand
    today, who is working with them, how to reach them and what happens next. Audited."""
    if not policy.can_give_personal_summary(actor, enquiry.team_id):
        raise ValidationError("You cannot make a summary for this enquiry")
    outcomes = list(current_outcomes(enquiry))
    errors = {}
    if not outcomes:
        errors["__all__"] = (
            f"There is nothing to summarise yet: record what {enquiry.person.known_as} wants "
            "to happen first"
        )
    if not how_to_reach.strip():
        errors["how_to_reach"] = "Say how they can reach you"
    if not what_happens_next.strip():
        errors["what_happens_next"] = "Say what happens next"
    if errors:
        raise ValidationError(errors)
    expressed_by = ref.labels("outcome_expressed_by")
    worker = enquiry.lead or actor
    summary = PersonalSummary(
        enquiry=enquiry,
        outcomes=[
            {
                "words": o.words,
                "expressed_by": expressed_by.get(o.expressed_by, o.expressed_by),
                "by_person": o.expressed_by == "person",
            }
            for o in outcomes
        ],
        worker=worker.get_full_name() or worker.username,
        team=enquiry.team.name,
        how_to_reach=how_to_reach.strip(),
        what_happens_next=what_happens_next.strip(),
        large_print=large_print,
    )
    save_recorded(summary, actor=actor, creating=True, reason="Summary made for the person")
    return summary
