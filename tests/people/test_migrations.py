"""Record restrictions moved from the accounts app to the people app: the migration keeps every
restriction, its named staff and every break-glass opening that existed before it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0004_team_area_phone"), ("people", "0003_name_keys")]
AFTER = [
    ("accounts", "0005_record_restrictions_move_to_people"),
    ("people", "0004_record_restrictions"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Serialized rollback: afterwards the tables are left empty rather than refilled with new
# content types, which the next serialized test (the safe copy, the backup) would clash with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restrictions_and_break_glass_survive_the_move():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        Team = old.get_model("accounts", "Team")
        User = old.get_model("accounts", "User")
        Person = old.get_model("people", "Person")
        team = Team.objects.create(name="North")
        lead = User.objects.create(username="lead-before", role="safeguarding_lead")
        named = User.objects.create(username="named-before", role="practitioner")
        opener = User.objects.create(username="opener-before", role="practitioner")
        person = Person.objects.create(
            reference="P900001", first_name="Kept", last_name="Across", team=team
        )
        restriction = old.get_model("accounts", "RecordRestriction").objects.create(
            person=person, reason="staff", detail="Works in the team", placed_by=lead
        )
        restriction.named_users.set([lead, named])
        opened = old.get_model("accounts", "BreakGlassAccess").objects.create(
            person=person,
            user=opener,
            reason="Duty worker, new concern tonight",
            expires_at=timezone.now() + timedelta(hours=8),
        )
        new = _migrate(AFTER)
        moved = new.get_model("people", "RecordRestriction").objects.get(pk=restriction.pk)
        assert moved.person_id == person.pk and moved.detail == "Works in the team"
        assert set(moved.named_users.values_list("username", flat=True)) == {
            "lead-before",
            "named-before",
        }
        kept = new.get_model("people", "BreakGlassAccess").objects.get(pk=opened.pk)
        assert kept.user_id == opener.pk and kept.reason == "Duty worker, new concern tonight"
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        assert "people_recordrestriction" in tables
        assert "people_recordrestriction_named_users" in tables
        assert "accounts_recordrestriction" not in tables
        # And back again, for a rollback.
        back = _migrate(BEFORE)
        assert back.get_model("accounts", "RecordRestriction").objects.get(pk=restriction.pk)
    finally:
        _migrate(latest)


@pytest.mark.django_db
def test_everyone_keyed_before_the_silent_p_is_keyed_again():
    import importlib

    from django.apps import apps

    from msp.people.models import Person
    from tests.factories import PersonFactory

    rekey = importlib.import_module("msp.people.migrations.0006_name_keys_silent_p").rekey
    thompson = PersonFactory(first_name="Derek", last_name="Thompson")
    anonymised = PersonFactory(first_name="Gone", last_name="Thompson")
    # As the earlier keys had it: no key for "Thompson" said without its p.
    Person.objects.filter(pk=thompson.pk).update(name_keys=" m:0MPSN m:TRK n:DARAC n:TANPSAN ")
    Person.objects.filter(pk=anonymised.pk).update(name_keys="")
    rekey(apps, None)
    keys = Person.objects.get(pk=thompson.pk).name_keys
    assert " m:0MSN " in keys and " m:0MPSN " in keys
    assert Person.objects.get(pk=anonymised.pk).name_keys == ""
