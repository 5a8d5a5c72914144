"""Static analysis: bandit finds nothing of medium severity or higher in the product's code."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bandit_finds_nothing_of_medium_severity_or_higher():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-r",
            "msp",
            "--severity-level",
            "medium",
            "--confidence-level",
            "medium",
            "-q",
            "-x",
            "msp/*/migrations",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
