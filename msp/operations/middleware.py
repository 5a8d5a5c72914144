"""Request ids, the request log line, and the health endpoints answered before anything else."""

import logging
import time

from msp.operations import health
from msp.operations.logs import HEADER, new_request_id, request_id_var, user_id_var

log = logging.getLogger("msp.request")


class RequestIdMiddleware:
    """First in the chain: gives the request an id (the proxy's, if well formed), sends it back
    in X-Request-ID and writes one line per request with the method, path without its query
    string, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.headers.get(HEADER))
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        user_token = user_id_var.set(None)
        began = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            user = getattr(request, "user", None)
            # The API's token authentication sets the user late, inside the view.
            if user is not None and getattr(user, "is_authenticated", False):
                user_id_var.set(user.pk)
            if request.path_info in health.PROBES and response.status_code == 200:
                return response  # a monitor asks every few seconds; only failures are news
            log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - began) * 1000, 1),
                },
            )
            return response
        finally:
            user_id_var.reset(user_token)
            request_id_var.reset(id_token)


class RequestUserMiddleware:
    """After authentication: log lines written while the request runs name the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_id_var.set(user.pk)
        return self.get_response(request)


class HealthMiddleware:
    """Answers /healthz and /readyz before host checks, HTTPS redirects and sessions: a load
    balancer probes the app server directly, over plain HTTP, by its address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = health.PROBES.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
