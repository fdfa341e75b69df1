"""The helper scripts under tools/."""

import os
import subprocess
import sys

import pytest

from tests.factories import REPO

SCRIPT = REPO / "tools" / "postgres_reachable.py"


def run(url):
    return subprocess.run([sys.executable, str(SCRIPT), url], capture_output=True, text=True, timeout=30)


def test_a_closed_port_is_not_reachable():
    assert run("postgres://postgres@127.0.0.1:1/test").returncode == 1


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL (DATABASE_URL=postgres://...)"
)
def test_a_server_is_reachable_before_the_named_database_exists():
    """make test decides by the server, not by a database pytest has yet to create."""
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/no_such_database_yet"

    assert run(url).returncode == 0
