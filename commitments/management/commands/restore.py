import bz2
import datetime
import gzip
import json
import lzma
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, models, transaction
from django.utils.dateparse import parse_datetime

from commitments.models import Commitment, Source, StatusChange

OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".lzma": lzma.open}


class Command(BaseCommand):
    help = (
        "Load a file written by `backup`, in one transaction. Every row is matched by its natural "
        "key (a source by slug, a turn by source and position, a status change by commitment and "
        "time, ...), never by id. Into a database that already holds data, it loads only if every "
        "row of the backup matches one there; --force adds the others beside what is there. A user "
        "or group already here is never changed, a status changes only with its history rows, and a "
        "backup whose status history conflicts with the one here is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by `backup`, e.g. backup.json or backup.json.gz.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load into a database that holds other data: rows the backup names are updated or "
            "added (users and groups already here are left as they are); no other row is touched.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what the restore would add and change, and write nothing.",
        )

    def handle(self, *args, file, force, dry_run, **options):
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
        # A site that holds data keeps its own accounts: a backup never replaces a password or a permission.
        protect_accounts = force or holds_data
        account_models = (get_user_model(), Group)

        added: dict[str, int] = {}
        updated = 0
        kept_accounts: dict[str, list[str]] = {}
        status_changes, statuses_kept = [], []
        deferred = []
        try:
            with transaction.atomic():
                plan = plan_history(rows)
                if plan.conflicts:
                    raise CommandError(
                        f"{path.name}: the backup's status history conflicts with the history here, and restoring it "
                        f"would rewrite the record. {plan.describe_conflicts()}. Nothing was restored: take a backup "
                        "that holds the history here, or restore into an empty database."
                    )
                for item in serializers.deserialize("python", rows, handle_forward_references=True):
                    instance = item.object
                    meta = instance._meta
                    if instance.pk is None:
                        added[meta.label] = added.get(meta.label, 0) + 1
                        if isinstance(instance, StatusChange):
                            status_changes.append(instance)
                    elif isinstance(instance, StatusChange):
                        continue  # history is append-only: the same change, already here (plan_history checked it)
                    elif protect_accounts and isinstance(instance, account_models):
                        kept_accounts.setdefault(meta.verbose_name_plural, []).append(str(instance))
                        continue
                    else:
                        updated += 1
                        if isinstance(instance, Commitment) and instance.slug not in plan.appended:
                            kept = keep_live_status(instance)
                            if kept:
                                statuses_kept.append(kept)
                    item.save()
                    if item.deferred_fields:
                        deferred.append(item)
                for item in deferred:
                    item.save_deferred_fields()
                if holds_data and added and not force:
                    raise CommandError(
                        "The database already holds data, and these rows of the backup do not match any "
                        f"row here by natural key: {describe(plural_counts(added))}. Nothing was restored. Restore "
                        "into an empty database (e.g. `manage.py flush` after a backup), or pass --force "
                        "to add them beside what is here (no other row is touched)."
                    )
                lines = self.summary(path.name, added, updated, kept_accounts, status_changes, statuses_kept, dry_run)
                if dry_run:
                    transaction.set_rollback(True)
        except DatabaseError as error:
            raise CommandError(f"{path.name}: the database refused a row ({error}). Nothing was restored.") from None
        self.stdout.write("\n".join(lines))

    def summary(self, name, added, updated, kept_accounts, status_changes, statuses_kept, dry_run) -> list[str]:
        total = sum(added.values())
        if dry_run:
            lines = [
                "Dry run: nothing was written.",
                f"Would add: {describe(plural_counts(added))}." if added else "Would add nothing.",
                f"Would update {updated} row(s) that match by natural key.",
            ]
        else:
            lines = [
                f"Restored {name}: {total} row(s) added, {updated} matched "
                f"({Source.objects.count()} source(s) and {Commitment.objects.count()} commitment(s) in all)."
            ]
        if status_changes:
            verb = "Would record" if dry_run else "Recorded"
            lines.append(
                f"{verb} {len(status_changes)} status change(s) from the backup: "
                + "; ".join(f"{c.commitment.slug}: {label(c.from_status)} → {label(c.to_status)}" for c in status_changes)
                + "."
            )
        for what, names in sorted(kept_accounts.items()):
            lines.append(f"{what.capitalize()} already here, left as they are: {', '.join(sorted(names))}.")
        if statuses_kept:
            lines.append(
                "Statuses kept as they are here (the backup has no history row for its status): "
                + "; ".join(statuses_kept)
                + "."
            )
        return lines


@dataclass
class HistoryPlan:
    """What the backup's status history does to the history here: the rows it appends per
    commitment (slug -> rows), and the conflicts that refuse it."""

    appended: dict[str, list[dict]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)
    unchained: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> bool:
        return bool(self.missing or self.differing or self.unchained)

    def describe_conflicts(self) -> str:
        parts = []
        for heading, items in (
            ("Changes in the history here that the backup does not have", self.missing),
            ("Changes that differ at the same place", self.differing),
            ("Changes in the backup that do not follow the status here", self.unchained),
        ):
            if items:
                more = f" (and {len(items) - 10} more)" if len(items) > 10 else ""
                parts.append(f"{heading}: {'; '.join(items[:10])}{more}")
        return ". ".join(parts)


def label(status: str) -> str:
    return Commitment.Status(status).label.lower()


def describe_change(from_status, to_status, changed_at) -> str:
    return f"{label(from_status)} → {label(to_status)} recorded {changed_at.astimezone(datetime.UTC):%Y-%m-%d %H:%M} UTC"


def plan_history(rows) -> HistoryPlan:
    """Compare, for every commitment both here and in the backup, the two status histories in
    the order they were recorded: the one here must be the beginning of the backup's, and what
    the backup adds must follow on from the status here."""
    in_backup: dict[str, list[dict]] = {}
    slugs = set()
    for row in rows:
        if row.get("model") == "commitments.commitment":
            slugs.add(row["fields"]["slug"])
        elif row.get("model") == "commitments.statuschange":
            fields = row["fields"]
            changed_at = parse_datetime(str(fields.get("changed_at", "")))
            if changed_at is None:
                raise CommandError(f"not a backup (a status change without a valid time: {str(row)[:100]}).")
            in_backup.setdefault(fields["commitment"][0], []).append({**fields, "changed_at": changed_at})
    for changes in in_backup.values():
        changes.sort(key=lambda change: change["changed_at"])
    live = Commitment.objects.filter(slug__in=slugs)
    here: dict[str, list[tuple]] = {slug: [] for slug in live.values_list("slug", flat=True)}
    for slug, changed_at, from_status, to_status in (
        StatusChange.objects.filter(commitment__slug__in=here)
        .order_by("commitment__slug", "changed_at", "pk")
        .values_list("commitment__slug", "changed_at", "from_status", "to_status")
    ):
        here[slug].append((changed_at, from_status, to_status))
    statuses = dict(live.values_list("slug", "status"))
    plan = HistoryPlan()
    for slug, live_changes in sorted(here.items()):
        backup_changes = in_backup.get(slug, [])
        ok = True
        for position, (changed_at, from_status, to_status) in enumerate(live_changes):
            if position >= len(backup_changes):
                plan.missing.append(f"{slug}: {describe_change(from_status, to_status, changed_at)}")
                ok = False
                continue
            other = backup_changes[position]
            if (other["changed_at"], other["from_status"], other["to_status"]) != (changed_at, from_status, to_status):
                plan.differing.append(
                    f"{slug}: change {position + 1} differs (here: {describe_change(from_status, to_status, changed_at)}; "
                    f"backup: {describe_change(other['from_status'], other['to_status'], other['changed_at'])})"
                )
                ok = False
        appended = backup_changes[len(live_changes):]
        if not ok or not appended:
            continue
        status = live_changes[-1][2] if live_changes else statuses[slug]
        for change in appended:
            if change["from_status"] != status:
                plan.unchained.append(
                    f"{slug}: {describe_change(change['from_status'], change['to_status'], change['changed_at'])}, "
                    f"but the status there is {label(status)}"
                )
                break
            status = change["to_status"]
        else:
            plan.appended[slug] = appended
    return plan


HISTORY_FIELDS = ("status", "delivered_on", "delivered_precision", "reviewed_at")


def keep_live_status(instance: Commitment) -> str:
    """A matched commitment whose backup brings no new history row keeps its status (and what
    goes with it) as it is here. Returns a line naming it when the backup's status differed."""
    live = Commitment.objects.filter(pk=instance.pk).values(*HISTORY_FIELDS).get()
    differs = instance.status != live["status"]
    backup_status = instance.status
    for name, value in live.items():
        setattr(instance, name, value)
    return f"{instance.slug} (backup: {label(backup_status)}, here: {label(live['status'])})" if differs else ""


def plural_counts(counts: dict[str, int]) -> dict[str, int]:
    named = {}
    for model_label, n in counts.items():
        meta = apps.get_model(model_label)._meta
        name = str(meta.verbose_name if n == 1 else meta.verbose_name_plural)
        named[name] = named.get(name, 0) + n
    return named


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
