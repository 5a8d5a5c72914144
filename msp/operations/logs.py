"""Structured logs: one JSON object per line, each naming the request it belongs to.

Every line carries the request id (also sent back in the X-Request-ID header) and the id of the
signed-in user, never a name: log files travel further than the database (to log stores, support
tickets, suppliers), so nothing about the people in the records goes into them. That is why the
request line has the path without its query string (search terms are names and dates of birth),
and why an exception is logged as its type and stack without its message (a database error can
quote the values it refused).
"""

import json
import logging
import re
import traceback
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str | None] = ContextVar("msp_request_id", default=None)
user_id_var: ContextVar[int | None] = ContextVar("msp_user_id", default=None)

# What a well-formed incoming request id looks like: what a proxy or load balancer generates
# (a UUID, a hex or base64url token), short enough to keep lines small, nothing to inject.
REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")
HEADER = "X-Request-ID"

# Attributes every LogRecord has; anything else was passed with `extra=` and belongs in the line.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def new_request_id(incoming: str | None) -> str:
    """The incoming id if it is well formed, otherwise a fresh one."""
    if incoming and REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON with the request id and user id of the request."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id_var.get(),
            "user_id": user_id_var.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = (
                    value if isinstance(value, str | int | float | bool | None) else str(value)
                )
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, trace = record.exc_info
            line["exception"] = {
                "type": f"{kind.__module__}.{kind.__qualname__}",
                "stack": [
                    f"{frame.filename}:{frame.lineno} in {frame.name}"
                    for frame in traceback.extract_tb(trace)
                ],
            }
        if record.name == "django.request" and isinstance(record.args, tuple):
            # "Not Found: /people/?q=..." : Django puts the full path in the message.
            line["message"] = record.msg % tuple(_without_query(a) for a in record.args)
        return json.dumps(line, ensure_ascii=False, default=str)


def _without_query(value):
    return value.split("?", 1)[0] if isinstance(value, str) else value
