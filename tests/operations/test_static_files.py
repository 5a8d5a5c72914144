"""Production serves static files collected with hashed names and compressed copies (WhiteNoise),
and `msp check` finds them; the demo serves them from the build."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_collectstatic_in_production_makes_hashed_files_the_check_finds(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        MSP_MODE="production",
        MSP_SECRET_KEY="a-long-random-secret-for-this-test-only-" + "x9" * 20,
        MSP_ALLOWED_HOSTS="msp.council.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MSP_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_SETTINGS_MODULE="msp.settings",
    )
    collect = subprocess.run(
        [sys.executable, "-m", "msp.cli", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert collect.returncode == 0, collect.stderr[-2000:]
    collected = tmp_path / "static"
    assert (collected / "staticfiles.json").exists()
    assert list((collected / "govuk").glob("govuk-frontend.min.*.css"))
    assert list((collected / "govuk").glob("govuk-frontend.min.*.css.gz"))
    code = (
        "import django; django.setup(); from msp.operations.selfcheck import check_static_files;"
        "[f] = check_static_files(); print(f.outcome, f.words)"
    )
    checked = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert checked.stdout.startswith("pass"), checked.stderr[-2000:]
