"""The suggestions against the held-out keys (bench/story-heldout*.json), each labelled by reading
one corpus AMA before the matcher was run on it.

    .venv/bin/python bench/heldout.py

Imports the corpus as bench/story.py does, then counts, for each labelled mention, whether a
suggestion for that promise (or an equivalent one) sits on the labelled sentence with the labelled
kind, and lists the suggestions in that file that would set a status no label supports.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

STATUS_KINDS = ("delivered", "partly", "progress", "postponed", "dropped")


def score(suggestions: list[dict], key: dict) -> dict:
    from story import same_sentence  # bench/story.py

    same = {}
    for group in key.get("equivalent", []):
        for slug in group:
            same[slug] = set(group)
    in_file = [s for s in suggestions if s["source"] == key["file"]]
    found, missed = [], []
    for m in key["mentions"]:
        slugs = same.get(m["commitment"], {m["commitment"]})
        hit = any(
            s["commitment"] in slugs and s["kind"] == m["kind"] and same_sentence(s["text"], m["anchor"]) for s in in_file
        )
        (found if hit else missed).append(m)
    labelled = {}
    for m in key["mentions"]:
        for slug in same.get(m["commitment"], {m["commitment"]}):
            labelled.setdefault(slug, set()).add(m["kind"])
    unsupported = [
        s for s in in_file if s["kind"] in STATUS_KINDS and s["kind"] not in labelled.get(s["commitment"], set())
    ]
    return {"found": found, "missed": missed, "unsupported": unsupported, "suggestions": in_file}


def main():
    repo = Path(__file__).resolve().parent.parent
    shared = repo.parent / "shared"
    sys.path.insert(0, str(repo))
    sys.path.insert(0, str(repo / "bench"))
    scratch = Path(tempfile.mkdtemp(prefix="ct-heldout-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'heldout.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from story import import_story

    call_command("migrate", verbosity=0)
    import_story(shared / "corpus")
    out = __import__("io").StringIO()
    call_command("list_suggestions", format="json", stdout=out)
    suggestions = json.loads(out.getvalue())
    per_kind: dict[str, list[int]] = {}  # kind -> [found, labelled], over every key
    unsupported = 0
    for path in sorted((repo / "bench").glob("story-heldout*.json")):
        key = json.loads(path.read_text())
        figures = score(suggestions, key)
        for m in key["mentions"]:
            counts = per_kind.setdefault(m["kind"], [0, 0])
            counts[0] += m in figures["found"]
            counts[1] += 1
        unsupported += len(figures["unsupported"])
        print(f"{key['file']}: {len(figures['found'])} of {len(key['mentions'])} labelled mentions found with their kind")
        for m in figures["missed"]:
            print(f"  missed     {m['commitment']} [{m['kind']}] line {m['line']}")
        print(f"unsupported status suggestions in that file: {len(figures['unsupported'])}")
        for s in figures["suggestions"]:
            tag = "UNSUPPORTED" if s in figures["unsupported"] else "suggestion"
            print(f"  {tag:<11} {s['commitment']} [{s['kind']}] line {s['line']}: {s['text'][:110]}")
    print("All keys, per kind: " + ", ".join(f"{kind} {found}/{of}" for kind, (found, of) in sorted(per_kind.items())))
    print(f"All keys: {sum(f for f, _ in per_kind.values())}/{sum(o for _, o in per_kind.values())} found; unsupported status suggestions {unsupported}")


if __name__ == "__main__":
    main()
