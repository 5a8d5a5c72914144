"""Tests that run on one of the two databases only, and why, said once."""

import pytest
from django.db import connection

# The practice demo is what `make run` puts in SQLite. What it writes goes through the services,
# the facts and the return, which are tested on both databases; its own tests are long (about two
# minutes of the PostgreSQL suite), so they run where the demo is made.
demo_on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the practice demo is made in SQLite by `make run`; its services run on both elsewhere",
)
