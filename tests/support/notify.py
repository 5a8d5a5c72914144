"""A stand-in for GOV.UK Notify's email API, served from a thread on 127.0.0.1 for tests.

It checks what the real service checks first (a bearer JWT signed with the API key's secret,
issued by the key's service id, recent) and records each email it is asked to send. `fail_next`
makes it answer the next N requests with a 500, to prove the job reports failures.

    with NotifyStandIn() as notify:
        settings.NOTIFY_API_KEY = notify.api_key
        settings.NOTIFY_BASE_URL = notify.base_url
        ... notify.sent ...
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt


class NotifyStandIn:
    def __init__(self):
        self.service_id = str(uuid.uuid4())
        self.secret = str(uuid.uuid4())
        self.api_key = f"msp_test-{self.service_id}-{self.secret}"
        self.sent: list[dict] = []
        self.refused: list[str] = []
        self.fail_next = 0
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "NotifyStandIn":
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _authorised(self, header: str) -> str:
        """Empty when the token is good, else why not (Notify's own error wording)."""
        if not header.startswith("Bearer "):
            return "Unauthorized: authentication token must be provided"
        try:
            claims = jwt.decode(header[7:], self.secret, algorithms=["HS256"])
        except jwt.InvalidTokenError:
            return "Invalid token: signature, api token not found"
        if claims.get("iss") != self.service_id:
            return "Invalid token: service not found"
        if abs(time.time() - claims.get("iat", 0)) > 30:
            return "Error: Your system clock must be accurate to within 30 seconds"
        return ""

    def _handler(self):
        notify = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                problem = notify._authorised(self.headers.get("Authorization", ""))
                if problem:
                    notify.refused.append(problem)
                    self._answer(
                        403,
                        {
                            "status_code": 403,
                            "errors": [{"error": "AuthError", "message": problem}],
                        },
                    )
                    return
                if self.path != "/v2/notifications/email":
                    self._answer(
                        404,
                        {
                            "status_code": 404,
                            "errors": [{"error": "NotFound", "message": "Not found"}],
                        },
                    )
                    return
                if notify.fail_next:
                    notify.fail_next -= 1
                    self._answer(
                        500,
                        {
                            "status_code": 500,
                            "errors": [{"error": "Exception", "message": "Internal server error"}],
                        },
                    )
                    return
                missing = [key for key in ("email_address", "template_id") if not body.get(key)]
                if missing:
                    self._answer(
                        400,
                        {
                            "status_code": 400,
                            "errors": [
                                {
                                    "error": "ValidationError",
                                    "message": f"{missing[0]} is a required property",
                                }
                            ],
                        },
                    )
                    return
                notify.sent.append(body)
                self._answer(
                    201,
                    {
                        "id": str(uuid.uuid4()),
                        "reference": body.get("reference"),
                        "content": {
                            "subject": "Reminder",
                            "body": "…",
                            "from_email": "msp@notifications.service.gov.uk",
                        },
                        "uri": f"{notify.base_url}/v2/notifications/{uuid.uuid4()}",
                        "template": {"id": body["template_id"], "version": 1, "uri": ""},
                    },
                )

        return Handler
