import bz2
import gzip
import json
import lzma
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, models, transaction

from commitments.models import Commitment, Source, StatusChange

OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".lzma": lzma.open}


class Command(BaseCommand):
    help = (
        "Load a file written by `backup`, in one transaction. Every row is matched by its natural "
        "key (a source by slug, a turn by source and position, a status change by commitment and "
        "time, ...), never by id. Into a database that already holds data, it loads only if every "
        "row of the backup matches one there; --force adds the others beside what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by `backup`, e.g. backup.json or backup.json.gz.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load into a database that holds other data: rows the backup names are updated or "
            "added; no other row is touched.",
        )

    def handle(self, *args, file, force, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        if ".json" not in path.suffixes:
            raise CommandError(f"{file}: not a backup (expected a .json file written by `manage.py backup`).")
        try:
            with OPENERS.get(path.suffix, open)(path, "rt", encoding="utf-8") as stream:
                rows = json.load(stream)
        except (OSError, EOFError, ValueError) as error:
            raise CommandError(f"{file}: not a readable backup ({error}).") from None
        check_lengths(rows, path.name)
        holds_data = any(model.objects.exists() for model in apps.get_app_config("commitments").get_models())

        added, updated, kept = 0, 0, 0
        unmatched: dict[str, int] = {}
        deferred = []
        try:
            with transaction.atomic():
                for item in serializers.deserialize("python", rows, handle_forward_references=True):
                    instance = item.object
                    if instance.pk is None:
                        label = instance._meta.verbose_name_plural
                        unmatched[label] = unmatched.get(label, 0) + 1
                        added += 1
                    elif isinstance(instance, StatusChange):
                        kept += 1  # history is append-only: the same change, already here
                        continue
                    else:
                        updated += 1
                    item.save()
                    if item.deferred_fields:
                        deferred.append(item)
                for item in deferred:
                    item.save_deferred_fields()
                if holds_data and unmatched and not force:
                    raise CommandError(
                        "The database already holds data, and these rows of the backup do not match any "
                        f"row here by natural key: {describe(unmatched)}. Nothing was restored. Restore "
                        "into an empty database (e.g. `manage.py flush` after a backup), or pass --force "
                        "to add them beside what is here (no other row is touched)."
                    )
        except DatabaseError as error:
            raise CommandError(f"{path.name}: the database refused a row ({error}). Nothing was restored.") from None
        self.stdout.write(
            f"Restored {path.name}: {added} row(s) added, {updated + kept} matched "
            f"({Source.objects.count()} source(s) and {Commitment.objects.count()} commitment(s) in all)."
        )


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {label}" for label, n in sorted(counts.items()))


def check_lengths(rows, name: str) -> None:
    """Refuse, before writing anything, a value longer than its column holds (SQLite stores
    it; PostgreSQL refuses it only after loading everything before it)."""
    problems = []
    for row in rows:
        try:
            model = apps.get_model(row["model"])
        except (KeyError, LookupError, TypeError, ValueError):
            raise CommandError(f"{name}: not a backup (a row names no known model: {str(row)[:100]}).") from None
        for field_name, value in row.get("fields", {}).items():
            try:
                field = model._meta.get_field(field_name)
            except Exception:
                continue
            if isinstance(field, models.CharField) and field.max_length and isinstance(value, str) and len(value) > field.max_length:
                who = row.get("pk") or row["fields"].get("slug") or row["fields"].get("username") or "?"
                problems.append(
                    f"{row['model']} {who!r}: {field_name} is {len(value):,} characters; the column holds {field.max_length}"
                )
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise CommandError(f"{name}: {'; '.join(problems[:3])}{more}. Nothing was restored: shorten them in the file.")
