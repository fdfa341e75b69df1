"""Which rule proposes what, per labelled transcript: each rule's proposals and how many of them
match a hand label (../shared/labels), and the rules whose right proposals all come from one
file (a rule only one transcript needs is one to doubt). Pure Python: no database.

    .venv/bin/python bench/rules_by_file.py
    .venv/bin/python bench/rules_by_file.py --labels DIR --project NAME FILE...   # other transcripts
"""

import argparse
import datetime
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from candidates import PROJECT, SHARED, candidates, transcript_files  # noqa: E402

from commitments.reading.extraction import promise_in  # noqa: E402
from commitments.reading.text import ProjectWords  # noqa: E402


def scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labels_in(folder: Path) -> dict:
    found = {}
    for path in sorted(folder.glob("*labels*.json")):
        found.update(json.loads(path.read_text())["transcripts"])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=SHARED / "labels")
    parser.add_argument("--project", action="append", default=[], help="the project's name (instead of the settings')")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    project = ProjectWords(tuple(args.project)) if args.project else PROJECT
    labels = labels_in(args.labels)
    paths = args.files or [path for path in transcript_files(labelled_only=True) if path.name in labels]
    matches = scorer().matches
    right_in = defaultdict(set)
    for path in paths:
        gold = labels[path.name]["commitments"]
        anchors = [a for item in gold for a in [item["anchor"], *item.get("also_at", [])]]
        per_rule = defaultdict(lambda: [0, 0])
        for row in candidates(path, project):
            _, found = promise_in(row["text"], datetime.date.fromisoformat(row["aired_on"]), project)
            name = found[0].name if found else "?"
            right = any(matches(anchor, row["text"]) for anchor in anchors)
            per_rule[name][0] += 1
            per_rule[name][1] += right
            if right:
                right_in[name].add(path.name)
        total = [sum(v[0] for v in per_rule.values()), sum(v[1] for v in per_rule.values())]
        print(f"== {path.name}: {total[1]}/{total[0]} proposals match a label")
        for name, (proposed, right) in sorted(per_rule.items(), key=lambda item: -item[1][0]):
            print(f"  {name:32} {right}/{proposed}")
    print("== rules whose right proposals come from one file only")
    for name, files in sorted(right_in.items()):
        if len(files) == 1:
            print(f"  {name:32} {next(iter(files))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
