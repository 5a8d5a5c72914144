"""Production mode refuses to start without what a real deployment needs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {
    "MSP_SECRET_KEY": "k" * 60,
    "MSP_ALLOWED_HOSTS": "msp.example.gov.uk",
    "DATABASE_URL": "postgres://msp@db.example.gov.uk/msp",
}


def import_settings(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSP_") and k != "DATABASE_URL"}
    env.update(MSP_MODE="production", **GOOD)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-c", "import msp.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_starts_when_everything_is_given():
    result = import_settings()
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"MSP_SECRET_KEY": None}, "MSP_SECRET_KEY must be set"),
        ({"MSP_SECRET_KEY": "short"}, "MSP_SECRET_KEY must be set"),
        ({"MSP_SECRET_KEY": "demo-only-secret-key-not-for-real-data"}, "MSP_SECRET_KEY"),
        ({"MSP_ALLOWED_HOSTS": None}, "MSP_ALLOWED_HOSTS must list"),
        ({"MSP_ALLOWED_HOSTS": "*"}, "MSP_ALLOWED_HOSTS must list"),
        ({"DATABASE_URL": None}, "DATABASE_URL must point"),
        ({"MSP_DEBUG": "1"}, "MSP_DEBUG must be off"),
    ],
)
def test_refuses_to_start_without(overrides, message):
    result = import_settings(**overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_names_every_problem_at_once():
    result = import_settings(MSP_SECRET_KEY=None, MSP_ALLOWED_HOSTS=None, DATABASE_URL=None)
    assert all(
        name in result.stderr for name in ("MSP_SECRET_KEY", "MSP_ALLOWED_HOSTS", "DATABASE_URL")
    )
