"""Two people saving the same record.

Every edit page carries the version of each record it changes. A save made from an older version
is refused with `EditConflict`, and the page shows what the other person changed (each detail,
their value, when and who, read from the record's history) above the form, which still holds
what this user typed so that they can check it and save again.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

CONFLICT_MESSAGE = (
    "Someone else changed this record while you were editing it. "
    "Check what they changed, then save your changes again."
)
# Bookkeeping columns that say nothing a practitioner would recognise as a change.
IGNORED = {
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "version",
    "revision_count",
    "name_keys",
}
# Names for columns whose own names are not what a page calls them.
LABELS = {"words": "In their own words", "status": "Status"}


class EditConflict(ValidationError):
    """A save made from an out-of-date copy of a record."""

    def __init__(self, obj, seen_version: int | None):
        super().__init__(CONFLICT_MESSAGE, code="conflict")
        self.obj = obj
        self.seen_version = seen_version


@dataclass(frozen=True)
class Change:
    """One detail someone else changed: which record, which detail, their value, when and who.
    `name`, `before` and `after` are the column and its stored values, for merging into a form;
    `taken` says whether their value was put into the form (this user had not changed it)."""

    record: str
    field: str
    value: str
    when: datetime
    who: str
    name: str = ""
    before: object = None
    after: object = None
    taken: bool = False


def person_name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


def plain_value(value) -> str:
    """A stored value as a page would show it."""
    if value is None or value == "" or value == [] or value == {}:
        return "Left blank"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%-d %B %Y at %H:%M}"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, list | tuple):
        return ", ".join(plain_value(item) for item in value)
    return str(value)


def _model_label(obj, name: str) -> str:
    if name in LABELS:
        return LABELS[name]
    try:
        label = str(obj._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field the model no longer has reads as its name
        label = name.replace("_", " ")
    return label[:1].upper() + label[1:]


def _model_value(obj, name: str, value) -> str:
    try:
        field = obj._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return plain_value(value)
    if field.choices and not isinstance(value, list | dict):
        return plain_value(dict(field.flatchoices).get(value, value))
    return plain_value(value)


class Describer:
    """Names a record's fields and values the way the page the user is on names them: the
    form's labels and choices first, the model's verbose names and choices otherwise."""

    def __init__(self, form=None, prefix: str = ""):
        self.form, self.prefix = form, prefix

    def _form_field(self, name):
        if self.form is None:
            return None
        return self.form.fields.get(self.prefix + name)

    def label(self, obj, name: str) -> str:
        field = self._form_field(name)
        if field is not None and field.label:
            return str(field.label)
        return _model_label(obj, name)

    def value(self, obj, name: str, value) -> str:
        field = self._form_field(name)
        choices = getattr(field, "choices", None) if field is not None else None
        if choices and not isinstance(value, models.Model | list | dict):
            labels = {str(code): label for code, label in choices if code != ""}
            key = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value
            if str(key) in labels:
                return str(labels[str(key)])
        return _model_value(obj, name, value)

    def shown(self, name: str) -> bool:
        return name not in IGNORED


def changes_since(obj, seen_version: int, *, record: str = "", describe=None) -> list[Change]:
    """What changed in `obj` since the version the user saw: each detail whose value now differs
    from that version, with its value now and who last changed it, when."""
    describe = describe or Describer()
    rows = list(
        obj.history.filter(version__gte=seen_version).order_by("history_date", "history_id")
    )
    later = [row for row in rows if row.version > seen_version]
    if not later:
        return []
    seen = next((row for row in reversed(rows) if row.version == seen_version), None)
    if seen is None:
        seen = later[0].prev_record
    if seen is None:
        return []
    m2m = {field.name for field in getattr(seen, "_history_m2m_fields", [])}
    last_changed = {}
    previous = seen
    for row in later:
        for change in row.diff_against(previous, excluded_fields=m2m).changes:
            last_changed[change.field] = row
        previous = row
    current = later[-1]
    delta = current.diff_against(seen, excluded_fields=m2m, foreign_keys_are_objs=True)
    order = {field.name: index for index, field in enumerate(obj._meta.concrete_fields)}
    changes = []
    for change in sorted(delta.changes, key=lambda c: order.get(c.field, len(order))):
        if not describe.shown(change.field):
            continue
        row = last_changed.get(change.field, current)
        changes.append(
            Change(
                record=record,
                field=describe.label(obj, change.field),
                value=describe.value(obj, change.field, change.new),
                when=row.history_date,
                who=person_name(row.history_user),
                name=change.field,
                before=change.old,
                after=change.new,
            )
        )
    return changes
