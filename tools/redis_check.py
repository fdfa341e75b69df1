"""Refuse to serve with a Redis page cache that can grow without bound: when REDIS_URL is set,
its server must have `maxmemory` set (and an eviction policy that evicts). `make serve` runs it.
Exit 0 when fine or when REDIS_URL is unset; 1 with a message saying what to set otherwise."""

import os
import sys

import redis


def problem(url: str) -> str | None:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        config = client.config_get("maxmemory") | client.config_get("maxmemory-policy")
    except redis.RedisError as error:
        return f"cannot read its configuration ({type(error).__name__}: {error})"
    if int(config.get("maxmemory", 0)) == 0:
        return "maxmemory is 0 (no limit): set e.g. `maxmemory 256mb` and `maxmemory-policy allkeys-lru`"
    if config.get("maxmemory-policy") == "noeviction":
        return "maxmemory-policy is noeviction: writes fail when full; set `maxmemory-policy allkeys-lru`"
    return None


def main() -> int:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return 0
    found = problem(url)
    if found:
        print(f"REDIS_URL {url.split('@')[-1]}: {found} (README, Page cache).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
