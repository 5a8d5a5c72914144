"""/healthz: the process answers. /readyz: the database answers and every migration is applied.

Both answer in a word and nothing else (no versions, no counts, no error text), without signing
in, so that a load balancer or monitor can ask as often as it likes.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

_migrated = False


def _plain(text: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    return response


def healthz(request):
    return _plain("ok")


def database_ready() -> bool:
    """The database answers a query and no migration is waiting to be applied."""
    global _migrated
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if not _migrated:
            # Once applied, migrations stay applied for the life of the process: check once.
            executor = MigrationExecutor(connection)
            _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        return _migrated
    except Exception:  # noqa: BLE001 - any failure means not ready; the reason stays in the logs
        logging.getLogger("msp.health").warning(
            "Not ready: the database did not answer", exc_info=True
        )
        return False


def readyz(request):
    if database_ready():
        return _plain("ready")
    return _plain("not ready", status=503)


PROBES = {"/healthz": healthz, "/readyz": readyz}
