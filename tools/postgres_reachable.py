"""Exit 0 when the PostgreSQL server named by the URL on the command line answers, else 1.

`make test` uses it to decide whether to run the suite on PostgreSQL too. It connects to the
server's `postgres` database, not to the one the URL names: pytest creates its own test
database, so the named one need not exist yet.

    .venv/bin/python tools/postgres_reachable.py postgres://postgres@127.0.0.1:5432/test
"""

import sys

import dj_database_url
import psycopg


def reachable(url: str) -> bool:
    config = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return True
    except psycopg.Error:
        return False


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: postgres_reachable.py postgres://USER@HOST:PORT/NAME")
    sys.exit(0 if reachable(sys.argv[1]) else 1)
