"""The lists on the data protection page: what each is called and what its rows show. The page
draws them all with one table, so a list added here reads and turns its pages like the others.

A restricted record the reader may not open shows as "Restricted record" (the person's cell,
privacy/_person_cell.html) and its free text stays on the record: a reason may name someone."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from msp.core.pagination import ListPage, page_of
from msp.core.words import counted
from msp.privacy import selectors

REASON_WITHHELD = "Open the record to see why"


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return date_format(value, "j M Y")


@dataclass(frozen=True)
class WorkList:
    anchor: str  # the section's id, and the start of its page parameter
    heading: str
    counted: tuple[str, str]  # what one and several are called: "legal hold in force"
    columns: tuple[str, ...]  # after the person
    empty: str
    select: Callable  # the selector: every row the user may see, in order
    person: Callable  # a row's person
    cells: Callable  # a row's other cells, given whether the person is withheld

    @property
    def param(self) -> str:
        return f"{self.anchor.replace('-', '_')}_page"


WORK_IN_HAND = (
    WorkList(
        anchor="legal-holds",
        heading="Legal holds in force",
        counted=("legal hold in force", "legal holds in force"),
        columns=("Placed on", "Placed by", "Why"),
        empty="No legal holds are in force.",
        select=selectors.legal_holds_in_force,
        person=lambda hold: hold.person,
        cells=lambda hold, withheld: [
            _day(hold.placed_on),
            str(hold.placed_by),
            REASON_WITHHELD if withheld else hold.reason,
        ],
    ),
    WorkList(
        anchor="processing-restricted",
        heading="Processing restricted",
        counted=("person with processing restricted", "people with processing restricted"),
        columns=("Since", "Restricted by", "Why"),
        empty="No one's processing is restricted.",
        select=selectors.people_with_processing_restricted,
        person=lambda person: person,
        cells=lambda person, withheld: [
            _day(person.processing_restricted_since),
            str(person.processing_restricted_by or "Not recorded"),
            REASON_WITHHELD if withheld else person.processing_restricted_reason,
        ],
    ),
    WorkList(
        anchor="corrections",
        heading="Requests to correct a record",
        counted=("request to correct a record", "requests to correct a record"),
        columns=("Received", "Decision", "Recorded by"),
        empty="No requests to correct a record have been recorded.",
        select=selectors.rectification_requests,
        person=lambda asked: asked.person,
        cells=lambda asked, withheld: [
            _day(asked.received_on),
            asked.get_decision_display(),
            str(asked.recorded_by),
        ],
    ),
    WorkList(
        anchor="anonymised",
        heading="Records anonymised under the retention schedule",
        counted=("person's records anonymised", "people's records anonymised"),
        columns=("Anonymised on", "Due on", "Rule"),
        empty="No records have been anonymised.",
        select=selectors.anonymisations_done,
        person=lambda anonymisation: anonymisation.person,
        cells=lambda anonymisation, withheld: [
            _day(anonymisation.anonymised_at),
            _day(anonymisation.due_on),
            capfirst(anonymisation.rule),
        ],
    ),
)


@dataclass(frozen=True)
class ShownList:
    work: WorkList
    page: ListPage
    rows: list[tuple]  # (person, withheld, other cells)

    @property
    def count_words(self) -> str:
        return counted(self.page.total, *self.work.counted)


def work_in_hand(user, request) -> list[ShownList]:
    """Each list's page as asked for (its own page parameter), with the rows as the page shows
    them: two queries a list, whatever the number of rows."""
    shown = []
    for work in WORK_IN_HAND:
        page = page_of(work.select(user), request, param=work.param)
        rows = []
        for row in page.items:
            withheld = row.identity_withheld
            rows.append((work.person(row), withheld, work.cells(row, withheld)))
        shown.append(ShownList(work=work, page=page, rows=rows))
    return shown
