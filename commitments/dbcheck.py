"""Exit 0 when the PostgreSQL server named by the URL on the command line answers, else 1.
Used by `make test` to decide whether to run the suite on PostgreSQL too."""

import sys

import dj_database_url


def reachable(url: str) -> bool:
    import psycopg

    config = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            user=config["USER"],
            password=config["PASSWORD"] or None,
            dbname=config["NAME"],
            connect_timeout=3,
        ):
            return True
    except psycopg.Error:
        return False


if __name__ == "__main__":
    sys.exit(0 if reachable(sys.argv[1]) else 1)
