"""How truthfully the tracker follows the seed's promises through the later corpus.

    .venv/bin/python bench/story.py [--verbose]

Builds a scratch database, seeds it (the seed AMA and its curated commitments, without any
curated story), imports the corpus files aired after the seed in air-date order, runs
`list_suggestions --format json` and scores the suggestions against
../shared/labels/stratos-story.json. tests/test_story.py asserts on the same figures.
"""

import re

STATUS_OF_KIND = {
    "delivered": "delivered",
    "partly": "partly_delivered",
    "progress": "in_progress",
    "postponed": "postponed",
    "dropped": "dropped",
}
DELIVERY_KINDS = ("delivered", "partly")


def _normal(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text.lower())
    return re.findall(r"[a-z0-9$]+", text)


def same_sentence(text: str, anchor: str) -> bool:
    """A suggestion's sentence is a labelled anchor when one holds the other, or when most of
    the shorter one's words are in the longer one (an anchor may span two sentences)."""
    a, b = " ".join(_normal(text)), " ".join(_normal(anchor))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    shorter, longer = sorted((set(a.split()), set(b.split())), key=len)
    return len(shorter & longer) >= 0.7 * len(shorter) and len(shorter) >= 6


def score(suggestions: list[dict], story: dict) -> dict:
    """Figures for `suggestions` (list_suggestions' JSON rows) against the answer key."""
    group_of = {slug: (slug,) for slug in story["commitments"]}
    for group in story.get("duplicates", []):
        for slug in group:
            group_of[slug] = tuple(group)
    groups = sorted(set(group_of.values()))
    mentions = {g: [m for slug in g for m in story["commitments"][slug]["mentions"]] for g in groups}
    verdict = {g: story["commitments"][g[0]]["verdict"] for g in groups}

    def labelled(s, kinds=None):
        return any(
            m["file"] == s["source"] and same_sentence(s["text"], m["anchor"]) and (kinds is None or m["kind"] in kinds)
            for m in mentions[group_of[s["commitment"]]]
        )

    known = [s for s in suggestions if s["commitment"] in group_of]
    targets = {
        "delivered": [g for g in groups if verdict[g] == "delivered"],
        "restated": [g for g in groups if any(m["kind"] == "restated" for m in mentions[g])],
        "postponed": [g for g in groups if any(m["kind"] == "postponed" for m in mentions[g])],
    }
    kinds_for = {"delivered": DELIVERY_KINDS, "restated": ("restated",), "postponed": ("postponed",)}
    figures = {"suggestions": len(suggestions), "by_kind": {}}
    for s in suggestions:
        figures["by_kind"][s["kind"]] = figures["by_kind"].get(s["kind"], 0) + 1
    for name, wanted in targets.items():
        hit_any = {group_of[s["commitment"]] for s in known if s["kind"] in kinds_for[name]}
        hit_sentence = {group_of[s["commitment"]] for s in known if s["kind"] in kinds_for[name] and labelled(s)}
        figures[name] = {
            "of": len(wanted),
            "found": len([g for g in wanted if g in hit_sentence]),
            "found_any_sentence": len([g for g in wanted if g in hit_any]),
            "missed": [g[0] for g in wanted if g not in hit_sentence],
        }
    false_status = []
    for s in known:
        status = STATUS_OF_KIND.get(s["kind"])
        if status is None:
            continue
        g = group_of[s["commitment"]]
        supported = {verdict[g]} | {STATUS_OF_KIND.get(m["kind"]) for m in mentions[g]}
        if status not in supported:
            false_status.append(s)
    figures["false_status"] = false_status
    figures["unlabelled"] = [s for s in known if not labelled(s)]
    figures["labelled"] = len(known) - len(figures["unlabelled"])
    return figures


def report(figures: dict, verbose: bool = False) -> str:
    lines = [f"{figures['suggestions']} suggestions: " + ", ".join(f"{n} {k}" for k, n in sorted(figures["by_kind"].items()))]
    for name, label in (("delivered", "delivered or partly"), ("restated", "restated"), ("postponed", "postponed")):
        f = figures[name]
        lines.append(
            f"{label:<20} {f['found']} of {f['of']} seed promises on a labelled sentence"
            f" ({f['found_any_sentence']} with any sentence); missed: {', '.join(f['missed']) or 'none'}"
        )
    lines.append(f"false status         {len(figures['false_status'])} suggestion(s) whose acceptance would publish a false status")
    lines.append(f"on labelled sentence {figures['labelled']} of {figures['suggestions']}")
    shown = figures["false_status"] + ([s for s in figures["unlabelled"] if s not in figures["false_status"]] if verbose else [])
    for s in shown:
        tag = "FALSE" if s in figures["false_status"] else "unlabelled"
        lines.append(f"  {tag:<10} {s['commitment']} [{s['kind']}] {s['source']}:{s['line']} {s['text'][:140]}")
    return "\n".join(lines)


def import_story(corpus) -> list[str]:
    """Seed the database (the seed AMA and its curated commitments, no curated story), then
    import the corpus files aired after the seed, in air-date order. Returns the file names."""
    from pathlib import Path

    from commitments.importers import import_transcript_file
    from commitments.seed import load_seed
    from commitments.models import Source
    from commitments.reading.transcripts import read_transcript

    load_seed(story=False)
    seed_aired = Source.objects.order_by("aired_on").values_list("aired_on", flat=True).first()
    dated = sorted((read_transcript(path).aired_on, path.name, path) for path in Path(corpus).glob("*.md"))
    later = [(aired, path) for aired, _, path in dated if aired > seed_aired]
    for aired, path in later:
        # A file whose title and description disagree on the air date is imported on the date
        # the reader settles on (the description's, as the answer key has it).
        import_transcript_file(path.read_bytes(), path.name, aired_on=aired)
    return [path.name for _, path in later]


def main():
    import argparse
    import json
    import os
    import sys
    import tempfile
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", "-v", action="store_true", help="Also list suggestions on unlabelled sentences.")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    shared = repo.parent / "shared"
    if not (shared / "labels" / "stratos-story.json").is_file():
        sys.exit(f"{shared}/labels/stratos-story.json not found: the story score needs ../shared.")
    sys.path.insert(0, str(repo))
    scratch = Path(tempfile.mkdtemp(prefix="ct-story-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'story.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import_story(shared / "corpus")
    out = __import__("io").StringIO()
    call_command("list_suggestions", format="json", stdout=out)
    figures = score(json.loads(out.getvalue()), json.loads((shared / "labels" / "stratos-story.json").read_text()))
    print(report(figures, verbose=args.verbose))


if __name__ == "__main__":
    main()
