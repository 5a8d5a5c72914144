"""The first audit entries of a new database, written at once by several people (the first
sign-ins after installing): each gets its own place in the chain and nobody sees an error."""

import threading

import pytest
from django.db import connection

from msp.audit import services
from msp.audit.chain import verify
from msp.audit.models import Action, AuditEntry, ChainHead

WRITERS = 3


# PostgreSQL only: SQLite takes its write lock when the transaction begins, so writers never
# meet there. Serialized rollback leaves the tables empty afterwards (tests/people/
# test_migrations.py says why).
@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_first_entries_at_once_all_go_in(monkeypatch):
    ChainHead.objects.all().delete()
    assert not AuditEntry.objects.exists()
    # Every writer finds no chain head, then they all make it at the same moment: one makes it,
    # and the others must wait for the chain in turn rather than all follow its first entry.
    all_looked = threading.Barrier(WRITERS, timeout=10)
    make_head = ChainHead.objects.get_or_create

    def get_or_create_together(**kwargs):
        all_looked.wait()
        return make_head(**kwargs)

    monkeypatch.setattr(ChainHead.objects, "get_or_create", get_or_create_together)
    failures = []

    def sign_in(name):
        try:
            services.audit_append(action=Action.SIGN_IN_FAILED, actor_name=name)
        except Exception as error:  # noqa: BLE001 (the failure is what the test reports)
            failures.append(repr(error))
        finally:
            connection.close()

    writers = [threading.Thread(target=sign_in, args=(f"writer {n}",)) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    assert sorted(AuditEntry.objects.values_list("sequence", flat=True)) == [1, 2, 3]
    assert verify().ok
