"""`msp serve`: gunicorn with workers and threads from the cores, overridable; --dev for Django's
development server; the real server answers its probes and serves static files."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from msp.operations import server

ROOT = Path(__file__).resolve().parents[2]


def test_workers_follow_the_cores_and_threads_default_to_four(monkeypatch):
    for name in ("MSP_WORKERS", "MSP_THREADS", "MSP_BIND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    args = server.parse([])
    assert (args.address, args.workers, args.threads, args.dev) == ("127.0.0.1:8000", 7, 4, False)


def test_the_proxies_trusted_for_the_client_address_are_trusted_for_the_scheme(monkeypatch):
    for name in ("MSP_FORWARDED_ALLOW_IPS", "MSP_TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    assert server.forwarded_allow_ips() == "127.0.0.1,::1"
    monkeypatch.setenv("MSP_TRUSTED_PROXIES", "10.20.0.0/24")
    assert server.forwarded_allow_ips() == "10.20.0.0/24"
    monkeypatch.setenv("MSP_FORWARDED_ALLOW_IPS", "10.20.0.5")
    assert server.forwarded_allow_ips() == "10.20.0.5"


def test_flags_and_environment_override_the_defaults(monkeypatch):
    monkeypatch.setenv("MSP_WORKERS", "2")
    monkeypatch.setenv("MSP_THREADS", "8")
    monkeypatch.setenv("MSP_BIND", "0.0.0.0:9000")
    args = server.parse([])
    assert (args.address, args.workers, args.threads) == ("0.0.0.0:9000", 2, 8)
    args = server.parse(["127.0.0.1:8123", "--workers", "5", "--threads", "1"])
    assert (args.address, args.workers, args.threads) == ("127.0.0.1:8123", 5, 1)
    with pytest.raises(SystemExit):
        server.parse(["--workers", "0"])


def test_gunicorn_runs_threaded_workers_without_an_access_log(settings):
    options = server.gunicorn_options(server.parse(["127.0.0.1:8123", "--workers", "3"]))
    assert options["worker_class"] == "gthread"
    assert options["workers"] == 3 and options["bind"] == "127.0.0.1:8123"
    assert options["accesslog"] is None  # query strings carry search terms
    assert options["logconfig_dict"] is settings.LOGGING


def test_dev_runs_djangos_development_server(monkeypatch):
    called = []
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line", lambda argv: called.append(argv)
    )
    server.serve(["127.0.0.1:8124", "--dev"])
    assert called == [["msp", "runserver", "127.0.0.1:8124", "--noreload"]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_served_app_answers_probes_and_static_files(tmp_path):
    port = _free_port()
    database = tmp_path / "served.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="msp.settings")
    subprocess.run(
        [sys.executable, "-m", "msp.cli", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "msp.cli", "serve", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "2"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                    assert response.read() == b"ready\n"
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not become ready")
        with urllib.request.urlopen(base + "/healthz") as response:
            assert response.headers["Server"].startswith("gunicorn")
            assert len(response.headers["X-Request-ID"]) == 32
        with urllib.request.urlopen(base + "/static/govuk/govuk-frontend.min.css") as response:
            assert response.status == 200 and b"govuk" in response.read(2000)
        with urllib.request.urlopen(base + "/accounts/sign-in/?next=/people/%3Ftext%3DZebedee"):
            pass
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    lines = [json.loads(line) for line in (tmp_path / "server.log").read_text().splitlines()]
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    signed = [line for line in lines if line.get("path") == "/accounts/sign-in/"]
    assert signed and signed[0]["status"] == 200 and signed[0]["request_id"]
    assert not any("Zebedee" in json.dumps(line) for line in lines)
