"""A safe copy of a database for testing and training: everything that identifies a person or a
member of staff replaced with synthetic values (Faker en_GB, seeded, so the same seed gives the
same copy), secrets and sessions removed, and the audit trail dropped.

SQLite: `copy_sqlite` takes a consistent copy with the backup API, and the copy is scrubbed by a
separate process connected to the copy alone, so the live database is only read. PostgreSQL: restore a
dump into a new database and scrub that in place (docs/data-protection.md).
"""

import os
import random
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connections, transaction
from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Cast, Concat, Mod
from django.db.models.lookups import Exact

from msp.concerns.models import Allegation, Concern
from msp.enquiries.models import (
    CapacityAssessment,
    ClosingReview,
    Conversation,
    Enquiry,
    Representation,
    Response,
    RiskDiscussion,
)
from msp.outcomes.models import DesiredOutcome, OutcomeEvent
from msp.people import name_index, nhs
from msp.people.models import Person
from msp.people.names import name_keys
from msp.privacy.models import LegalHold, Rectification

OUTCOME_WORDS = [
    "I want to feel safe at home",
    "I want to decide who visits me",
    "I want my money back",
    "I want to stay where I live",
    "I want the calls to stop",
    "I want to see my friends again",
]
# Free text (notes, what was reported, options ...) per table and column.
FREE_TEXT = {
    Person: ["communication_other", "interpreter_language", "archived_reason",
             "processing_restricted_reason"],
    Concern: ["what_reported", "decision_reason", "other_support_offered", "archived_reason"],
    Allegation: ["detail", "archived_reason"],
    Enquiry: ["archived_reason"],
    Conversation: ["notes", "archived_reason"],
    CapacityAssessment: ["decision", "notes", "archived_reason"],
    Representation: ["archived_reason"],
    RiskDiscussion: ["options", "persons_choice", "against_wishes_detail", "explained_how",
                     "archived_reason"],
    Response: ["notes", "archived_reason"],
    ClosingReview: ["experience_comments", "archived_reason"],
    DesiredOutcome: ["persons_view", "practitioner_reasons", "not_rated_reason", "archived_reason"],
}  # fmt: skip
SYNTHETIC_NAMES = {
    Concern: ["raised_by_name"],
    CapacityAssessment: ["assessor"],
    Representation: ["name"],
}
# Tables of secrets, sessions and logs that name people: emptied in the copy.
EMPTIED = [
    ("sessions", "Session"),
    ("api", "ApiToken"),
    ("otp_totp", "TOTPDevice"),
    ("accounts", "EnrolmentCode"),
    ("otp_static", "StaticDevice"),
    ("axes", "AccessAttempt"),
    ("axes", "AccessLog"),
    ("axes", "AccessFailureLog"),
    ("admin", "LogEntry"),
    ("people", "BreakGlassAccess"),
]


def copy_sqlite(*, source_alias: str = "default", output: Path) -> None:
    """A consistent copy of a live SQLite database (the backup API copes with other writers)."""
    connection = connections[source_alias]
    if connection.vendor != "sqlite":
        raise ValueError("Copying by file works for SQLite only; for PostgreSQL use pg_dump")
    # VACUUM INTO takes a consistent snapshot in one read transaction and gives up with an
    # error after the busy timeout; the backup API would wait for ever on a held write lock.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(output)])


def scrub_copy_in_subprocess(path: Path, *, seed: int) -> str:
    """Scrub the copy in a separate process whose only database is the copy, so nothing in this
    process (the live connection, a test's isolation) can be touched or confused by it."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    result = subprocess.run(  # noqa: S603 (fixed arguments: our own command)
        [sys.executable, "-m", "msp.cli", "anonymise", "--in-place", "--i-understand",
         "--seed", str(seed)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"Anonymising the copy failed: {result.stderr.strip()[-2000:]}")
    # One self-contained file: no write-ahead log beside it.
    with sqlite3.connect(str(path)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")
    return result.stdout


def _pool(field: str, texts: list[str]) -> Case:
    """A synthetic text chosen by the row's id; an empty field stays empty."""
    whens = [When(**{field: ""}, then=Value(""))]
    whens += [
        When(Exact(Mod("id", len(texts)), i), then=Value(text)) for i, text in enumerate(texts)
    ]
    return Case(*whens, default=Value(texts[0]))


def _with_history(model, using: str):
    querysets = [model.objects.using(using)]
    if hasattr(model, "history"):
        querysets.append(model.history.using(using))
    return querysets


def scrub_database(using: str, *, seed: int = 7) -> dict:
    """Replace every name, NHS number, free text, date of birth (shifted by a per-person number
    of days), reference, staff identity and secret in the database `using`. Returns counts."""
    from faker import Faker

    faker = Faker("en_GB")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    sentences = [faker.paragraph(nb_sentences=2) for _ in range(12)]
    names = [faker.name() for _ in range(12)]
    counts: dict[str, int] = {}
    with transaction.atomic(using=using):
        counts["people"] = _scrub_people(using, faker, rng)
        # SQLite's index of names keeps traces of the names it was given until it is rebuilt.
        name_index.rebuild(using)
        for model, fields in FREE_TEXT.items():
            for queryset in _with_history(model, using):
                queryset.update(**{f: _pool(f, sentences) for f in fields})
        for model, fields in SYNTHETIC_NAMES.items():
            for queryset in _with_history(model, using):
                queryset.update(**{f: _pool(f, names) for f in fields})
        for queryset in _with_history(DesiredOutcome, using):
            queryset.update(words=_pool("words", OUTCOME_WORDS))
        OutcomeEvent.objects.using(using).update(
            words=_pool("words", OUTCOME_WORDS), reason=_pool("reason", sentences)
        )
        for queryset in _with_history(Concern, using):
            queryset.update(
                reference=Concat(Value("XC"), Cast("id", CharField())), source_reference=Value("")
            )
        for queryset in _with_history(Enquiry, using):
            for pk, corrections in queryset.values_list("pk", "sac_corrections"):
                if corrections:
                    queryset.filter(pk=pk).update(
                        sac_corrections={
                            k: {**v, "reason": sentences[0]} if isinstance(v, dict) else v
                            for k, v in corrections.items()
                        }
                    )
        Rectification.objects.using(using).update(
            what_is_wrong=Value(sentences[1]),
            statement=Value(sentences[2]),
            decision_reason=_pool("decision_reason", sentences),
            changes={},
        )
        LegalHold.objects.using(using).update(
            reason=Value(sentences[3]), lifted_reason=_pool("lifted_reason", sentences)
        )
        counts["staff"] = _scrub_users(using, faker)
        _scrub_others(using, sentences)
        _scrub_history_reasons(using)
        counts["emptied"] = _empty_tables(using)
        _drop_audit_trail(using)
    return counts


def _scrub_people(using: str, faker, rng: random.Random) -> int:
    people = list(
        Person.objects.using(using).order_by("pk").values("pk", "date_of_birth", "preferred_name")
    )
    for number, person in enumerate(people):
        first, last = faker.first_name(), faker.last_name()
        preferred = faker.first_name() if person["preferred_name"] else ""
        dob = person["date_of_birth"]
        values = {
            "first_name": first,
            "last_name": last,
            "preferred_name": preferred,
            "name_keys": name_keys(first, last, preferred),
            "nhs_number": _synthetic_nhs_number(number),
            "reference": f"XP{person['pk']:06d}",
            "source_reference": "",
        }
        Person.objects.using(using).filter(pk=person["pk"]).update(
            **values,
            date_of_birth=dob - timedelta(days=rng.randint(1, 365)) if dob else None,
        )
        shifted = (
            Person.objects.using(using)
            .filter(pk=person["pk"])
            .values_list("date_of_birth", flat=True)[0]
        )
        Person.history.using(using).filter(id=person["pk"]).update(**values)
        Person.history.using(using).filter(id=person["pk"], date_of_birth__isnull=False).update(
            date_of_birth=shifted
        )
    return len(people)


def _synthetic_nhs_number(number: int) -> str:
    """A valid number in the 999 range the NHS keeps for testing: never a real patient's."""
    n = number
    while True:
        candidate = nhs.with_check_digit(f"999{n % 1_000_000:06d}")
        if candidate is not None:
            return candidate
        n += 1


def _scrub_users(using: str, faker) -> int:
    User = apps.get_model("accounts", "User")
    unusable = make_password(None)
    users = list(User.objects.using(using).values_list("pk", flat=True))
    for pk in users:
        User.objects.using(using).filter(pk=pk).update(
            first_name=faker.first_name(),
            last_name=faker.last_name(),
            username=f"anon-user-{pk}",
            email=f"anon-user-{pk}@example.invalid",
            password=unusable,
        )
    return len(users)


def _scrub_others(using: str, sentences: list[str]) -> None:
    """Other apps' tables that can hold personal information."""
    optional = [
        ("people", "RecordRestriction", {"detail": _pool("detail", sentences)}),
        (
            "returns",
            "SafeguardingAdultsReview",
            {
                "title": Value("Synthetic review"),
                "notes": _pool("notes", sentences),
                "reference": Concat(Value("XSAR"), Cast("id", CharField())),
            },
        ),
        ("interop", "ImportBatch", {"file_name": Value("import.csv"), "errors_preview": []}),
    ]
    for app_label, name, values in optional:
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            continue
        present = {f.name for f in model._meta.concrete_fields}
        values = {k: v for k, v in values.items() if k in present}
        if values:
            for queryset in _with_history(model, using):
                queryset.update(**values)


def _scrub_history_reasons(using: str) -> None:
    """Change reasons can quote what a user typed; the kind of change is kept in history_type."""
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and any(
            f.name == "history_change_reason" for f in model._meta.concrete_fields
        ):
            model.objects.using(using).exclude(history_change_reason__isnull=True).exclude(
                history_change_reason=""
            ).update(history_change_reason=Value("Changed"))


def _empty_tables(using: str) -> int:
    emptied = 0
    for app_label, name in EMPTIED:
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            continue
        emptied += model.objects.using(using).all().delete()[0]
    return emptied


def _drop_audit_trail(using: str) -> None:
    """The copy carries no audit trail: it names staff and holds old values of every change.
    TRUNCATE, because the append-only trigger refuses row deletes on PostgreSQL."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks still pending on the table would block TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE audit_auditentry")
        else:
            cursor.execute("DELETE FROM audit_auditentry")
        cursor.execute("UPDATE audit_chainhead SET sequence = 0, entry_hash = %s", ["0" * 64])


def vacuum(using: str) -> None:
    """Rewrite the SQLite file so no scrubbed value survives in free pages."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
