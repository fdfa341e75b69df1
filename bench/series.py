"""The suggestions against a story key for a series of calls of another project: promises picked
by reading the first calls, their mentions labelled by reading the later calls before the
matcher was run on them. The key and the calls stay outside the repository (public text).

    .venv/bin/python bench/series.py KEY.json [--verbose]

The key names the project, the folder of the calls (relative to the key), each file with its air
date, the promises (file, line, speaker, title, quote, due, condition, and a split: "tuning" or
"heldout") and the labelled mentions (commitment, file, kind, line, anchor), as in
bench/story-heldout*.json. Builds a scratch database, imports the files in air-date order, and,
right after a file is imported, records its promises as accepted commitments, so each later file
is read against the promises open when it aired. Then counts, per split, the mentions found with
their kind on their sentence (bench/heldout.py's score) and the suggestions that would set a
status no label of that promise supports.
"""

import argparse
import datetime
import io
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def record_promises(promises: list[dict], source, project) -> None:
    from commitments.models import Commitment, Speaker

    for p in promises:
        speaker = Speaker.objects.filter(project=project, name=p["speaker"]).first()
        if speaker is None:
            speaker = Speaker.objects.create(project=project, name=p["speaker"])
        due = p.get("due_date")
        Commitment.objects.create(
            slug=p["slug"], title=p["title"], quote=p["quote"], speaker=speaker, source=source, line=p.get("line"),
            review=Commitment.Review.ACCEPTED, due_date=datetime.date.fromisoformat(due) if due else None,
            due_precision=p.get("due_precision", "") if due else "", due_text=p.get("due_text", ""),
            condition=p.get("condition", ""),
        )


def run(key: dict, folder: Path) -> list[dict]:
    from django.core.management import call_command

    from commitments.importers import import_transcript_file
    from commitments.models import Project, Source

    call_command("migrate", verbosity=0)
    project = Project.objects.create(name=key["project"], slug="series-" + key["project"].lower().replace(" ", "-"))
    files = sorted(key["files"], key=lambda f: f["aired_on"])
    for entry in files:
        path = folder / entry["file"]
        aired = datetime.date.fromisoformat(entry["aired_on"])
        import_transcript_file(path.read_bytes(), path.name, aired_on=aired, project=project.slug)
        source = Source.objects.get(file_name=path.name, project=project)
        record_promises([p for p in key["promises"] if p["file"] == path.name], source, project)
    out = io.StringIO()
    call_command("list_suggestions", format="json", stdout=out)
    return json.loads(out.getvalue())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("key", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true", help="Also list every suggestion.")
    args = parser.parse_args()
    key = json.loads(args.key.read_text())
    folder = args.key.parent / key["dir"]
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "bench"))
    scratch = Path(tempfile.mkdtemp(prefix="ct-series-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'series.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from heldout import score

    suggestions = run(key, folder)
    split_of = {p["slug"]: p.get("split", "heldout") for p in key["promises"]}
    for split in sorted(set(split_of.values())):
        slugs = {slug for slug, s in split_of.items() if s == split}
        per_kind: dict[str, list[int]] = {}
        unsupported = []
        for entry in key["files"]:
            mentions = [m for m in key["mentions"] if m["file"] == entry["file"] and m["commitment"] in slugs]
            # Every promise of the split is scored, labelled here or not: a status suggestion for a
            # promise no label of this file supports is unsupported.
            labelled = {m["commitment"] for m in key["mentions"]}
            file_key = {"file": entry["file"], "mentions": mentions}
            mine = [s for s in suggestions if s["commitment"] in slugs]
            figures = score(mine, file_key)
            # Supported by any label of the promise (in any file), as bench/story.py reads a verdict.
            kinds_of = {}
            for m in key["mentions"]:
                kinds_of.setdefault(m["commitment"], set()).add(m["kind"])
            unsupported += [
                s for s in figures["suggestions"]
                if s["kind"] in ("delivered", "partly", "progress", "postponed", "dropped")
                and s["kind"] not in kinds_of.get(s["commitment"], set())
            ]
            for m in mentions:
                counts = per_kind.setdefault(m["kind"], [0, 0])
                counts[0] += m in figures["found"]
                counts[1] += 1
            for m in figures["missed"]:
                print(f"  [{split}] missed {m['commitment']} [{m['kind']}] {entry['file']}:{m['line']}")
            for s in figures["suggestions"]:
                if args.verbose or s in unsupported:
                    tag = "UNSUPPORTED" if s in unsupported else ("unlabelled" if s["commitment"] not in labelled else "suggestion")
                    print(f"  [{split}] {tag:<11} {s['commitment']} [{s['kind']}] {entry['file']}:{s['line']}: {s['text'][:110]}")
        found = sum(f for f, _ in per_kind.values())
        total = sum(o for _, o in per_kind.values())
        kinds = ", ".join(f"{kind} {f}/{o}" for kind, (f, o) in sorted(per_kind.items()))
        print(f"{split}: {found}/{total} found with kind ({kinds}); unsupported status suggestions {len(unsupported)}")
    print(f"{len(suggestions)} suggestions in all over {len(key['files'])} files")


if __name__ == "__main__":
    main()
