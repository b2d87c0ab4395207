"""Run the installed `factcheck` console script, as a user would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "factcheck"


def run_factcheck(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    if not SCRIPT.exists():
        pytest.fail(f"the console script is not installed at {SCRIPT}: pip install the package first")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env={**clean, **(env or {})}, timeout=120
    )


@pytest.fixture
def run(tmp_path: Path):
    # The default project goes into this test's folder, never the user's data folder.
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "FACTCHECK_REVIEWER": "alice"}

    def run(*args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        return run_factcheck(*args, env={**env, **(extra_env or {})})

    return run
