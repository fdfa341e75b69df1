"""CSV export of commitments, shared by /export.csv and the export_commitments command."""

import csv
import datetime
import io
import threading

from django.conf import settings

from django.db.models import Case, CharField, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone

from .caching import TOUCH_TABLE
from .reading import periods
from .reading.text import ProjectWords
from .models import Commitment, StatusChange, Turn, period_ended_q, slipped_days, slug_for

# Files begin with a UTF-8 byte-order mark: spreadsheet programs (Excel above all) read a CSV
# without one in the machine's legacy code page and garble every non-ASCII quote.
BOM = "\ufeff"
STATUS_LABELS = dict(Commitment.Status.choices)

COLUMNS = (
    "id",
    "title",
    "status",
    "status_label",
    "overdue",
    "topic",
    "speaker",
    "source",
    "aired_on",
    "due_date",
    "due_precision",
    "due",
    "due_text",
    "condition",
    "restated",
    "first_due",
    "slipped_days",
    "delivered_on",
    "reason",
    "evidence",
    "evidence_happened_on",
    "quote",
    "url",
    "last_changed",
)

FORMULA_STARTS = frozenset("=+-@\t\r")
SLUG_PLACEHOLDER = "__slug__"


class SlugURL:
    """A URL pattern with SLUG_PLACEHOLDER where the slug goes, reversed once and then filled
    in per row (`SlugURL.reversed("commitment_detail")(slug)`): a page or a file of rows costs
    one reverse() per pattern instead of one per link. Slugs need no quoting."""

    def __init__(self, pattern: str):
        self.prefix, _, self.suffix = pattern.partition(SLUG_PLACEHOLDER)

    @classmethod
    def reversed(cls, view_name: str) -> "SlugURL":
        return cls(reverse(view_name, args=[SLUG_PLACEHOLDER]))

    def __call__(self, slug: str) -> str:
        return f"{self.prefix}{slug}{self.suffix}"


def neutralise(text: str | None) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if not text:
        return ""
    return "'" + text if text[0] in FORMULA_STARTS else text


def iso(value) -> str:
    """ISO 8601 text of a date or datetime, or of text the database already wrote so."""
    if value is None:
        return ""
    return value if isinstance(value, str) else value.isoformat()


class IsoTimestamp(Func):
    """A timestamp as ISO 8601 text. SQLite keeps timestamps as UTC text ("2023-08-03 16:00:00"),
    which Django would parse into a datetime a row at a time: the database writes the ISO form
    itself. Elsewhere the driver's datetime passes through, and `iso()` writes it."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(REPLACE({sql}, ' ', 'T') || '+00:00')", params


def export_queryset(queryset, today=None):
    """The export's columns, computed by the database: dates as ISO text, "yes"/"no", and one
    last-changed time per row, so Python converts one value a row rather than six."""
    today = today or timezone.localdate()
    last_change = (
        StatusChange.objects.filter(commitment=OuterRef("pk"))
        .order_by("-changed_at", "-pk")
        .values("changed_at")[:1]
    )
    latest = StatusChange.objects.filter(commitment=OuterRef("pk")).order_by("-changed_at", "-pk")
    # The evidence of the latest change that has any: a link given, or a turn of a later source.
    evidenced = latest.filter(~Q(evidence_url="") | Q(evidence_turn__isnull=False))
    return (
        queryset.annotate(
            reason=Subquery(latest.values("note")[:1]),
            evidence_url_given=Subquery(evidenced.values("evidence_url")[:1]),
            evidence_source_slug=Subquery(evidenced.values("evidence_turn__source__slug")[:1]),
            evidence_position=Subquery(evidenced.values("evidence_turn__position")[:1]),
            evidence_happened_text=Cast(Subquery(evidenced.values("happened_on")[:1]), CharField()),
            overdue_text=Case(
                When(Q(status__in=Commitment.OPEN_STATUSES) & period_ended_q(today), then=Value("yes")),
                default=Value("no"),
                output_field=CharField(),
            ),
            # The speaker as the pages name them: the full name when there is one.
            speaker_shown=Coalesce(NullIf("speaker__full_name", Value("")), "speaker__name"),
            aired_on_text=Cast("source__aired_on", CharField()),
            due_date_text=Cast("due_date", CharField()),
            delivered_on_text=Cast("delivered_on", CharField()),
            first_due_iso=Cast("first_due_date", CharField()),
            last_changed=IsoTimestamp(Coalesce(Subquery(last_change), "updated_at")),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "status",
            "overdue_text",
            "topic__name",
            "speaker_shown",
            "source__title",
            "aired_on_text",
            "due_date_text",
            "due_precision",
            "due_text",
            "condition",
            "restated_count",
            "first_due_iso",
            "first_due_precision",
            "delivered_on_text",
            "quote",
            "slug",
            "last_changed",
            "reason",
            "evidence_url_given",
            "evidence_source_slug",
            "evidence_position",
            "evidence_happened_text",
        )
    )


def turn_url(source_url: SlugURL, source_slug: str, position: int) -> str:
    """Turn.get_absolute_url from a source's slug and a turn's position."""
    page = position // Turn.PER_PAGE + 1
    return f"{source_url(source_slug)}{f'?page={page}' if page > 1 else ''}#turn-{position + 1}"


def csv_rows(queryset, commitment_url_pattern: str):
    """Yield the header and one list of cells per commitment. `commitment_url_pattern` is the
    absolute URL of a commitment page with SLUG_PLACEHOLDER where the slug goes."""
    yield list(COLUMNS)
    for _, cells in row_cells(queryset, commitment_url_pattern):
        yield cells


def row_cells(queryset, commitment_url_pattern: str):
    """Yield (pk, the row's cells) per commitment, in the order of their primary keys."""
    commitment_url = SlugURL(commitment_url_pattern)
    # The site's root is what precedes the commitment path; a source page lives under it too.
    commitment_path = reverse("commitment_detail", args=[SLUG_PLACEHOLDER])
    site = commitment_url_pattern[: -len(commitment_path)] if commitment_url_pattern.endswith(commitment_path) else ""
    source_url = SlugURL(site + reverse("source_detail", args=[SLUG_PLACEHOLDER]))
    for row in export_queryset(queryset).iterator(chunk_size=2000):
        (pk, title, status, overdue, topic, speaker, source, aired_on, due_date, precision,
         due_text, condition, restated, first_due, first_precision, delivered_on, quote, slug, last_changed,
         reason, evidence_url, evidence_source, evidence_position, evidence_happened) = row
        if evidence_url:
            evidence = evidence_url
        elif evidence_source:
            evidence = turn_url(source_url, evidence_source, evidence_position)
        else:
            evidence = ""
        if restated:
            slipped = restated_slip(first_due, first_precision, due_date, precision)
        else:
            first_due, slipped = due_date, None
        yield pk, [
            pk,
            neutralise(title),
            status,
            STATUS_LABELS.get(status, status),
            overdue,
            neutralise(topic),
            neutralise(speaker),
            neutralise(source),
            aired_on or "",
            due_date or "",
            precision,
            periods.format_period(datetime.date.fromisoformat(due_date), precision) if due_date else "",
            neutralise(due_text),
            neutralise(condition),
            restated,
            first_due or "",
            "" if slipped is None else slipped,
            delivered_on or "",
            neutralise(reason),
            neutralise(evidence),
            evidence_happened or "",
            neutralise(quote),
            commitment_url(slug),
            iso(last_changed),
        ]


def restated_slip(first_due: str | None, first_precision: str, due: str | None, precision: str) -> int | None:
    """Commitment.slipped_days for the export's ISO text dates (only restated rows pay for it)."""
    if not first_due or not due:
        return None
    return slipped_days(1, datetime.date.fromisoformat(first_due), first_precision, datetime.date.fromisoformat(due), precision)


def stream_csv(rows, batch: int = 500):
    """Yield the CSV text in chunks of `batch` rows, so memory stays flat however many rows."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    for n, row in enumerate(rows, start=1):
        writer.writerow(row)
        if n % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


class LastLine:
    """A file for csv.writer that keeps the line of the last row written (it writes one per row)."""

    line = ""

    def write(self, text):
        self.line = text


class KeptLines:
    """The CSV line of each commitment, kept by a process between exports: a line depends only on
    the commitment's own rows, the tables its cells name (topic, speaker, source, the evidence's
    turn), today and the URLs' site. Kept under (epoch, shared version, today, URL pattern),
    each line with its commitment's page stamp (commitments/caching.py): a write to its rows
    gives the commitment a new stamp, a write to any other table a new shared version. So an
    export after a status change renders one line and reuses the others."""

    MAX_LINES = 200_000

    def __init__(self):
        self.lock = threading.Lock()
        self.under = None
        self.lines = {}  # pk: (stamp, line)

    def take(self, under) -> dict:
        with self.lock:
            if under != self.under or len(self.lines) > self.MAX_LINES:
                self.under, self.lines = under, {}
            return self.lines


kept_lines = KeptLines()


def csv_chunks(queryset, commitment_url_pattern: str, version, batch: int = 500):
    """The CSV text in chunks, as stream_csv(csv_rows(...)) writes it, made from the lines
    KeptLines holds for commitments whose stamp has not changed and rendered for the others.
    `version` is the request's DataVersion; without one (no version table) every line is rendered."""
    if version is None:
        yield from stream_csv(csv_rows(queryset, commitment_url_pattern), batch)
        return
    lines = kept_lines.take((version.epoch, version.shared, timezone.localdate(), commitment_url_pattern))
    stamp = RawSQL(f'SELECT stamp FROM {TOUCH_TABLE} WHERE commitment_id = "{Commitment._meta.db_table}"."id"', [])
    stamps = list(queryset.order_by("pk").annotate(page_stamp=stamp).values_list("pk", "page_stamp"))
    missing = [(pk, stamp) for pk, stamp in stamps if lines.get(pk, (False,))[0] != stamp]
    last = LastLine()
    writer = csv.writer(last)
    for start in range(0, len(missing), batch):
        wanted = dict(missing[start : start + batch])
        for pk, cells in row_cells(Commitment.objects.filter(pk__in=wanted), commitment_url_pattern):
            writer.writerow(cells)
            lines[pk] = (wanted[pk], last.line)
    writer.writerow(COLUMNS)
    chunk = [BOM, last.line]
    for n, (pk, _) in enumerate(stamps, start=1):
        if pk in lines:  # else gone since the stamps were read
            chunk.append(lines[pk][1])
        if n % batch == 0:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def write_csv(rows, file, bom: bool = True) -> int:
    if bom:
        file.write(BOM)
    writer = csv.writer(file)
    count = -1
    for count, row in enumerate(rows):
        writer.writerow(row)
    return max(count, 0)


def export_filename(cleaned: dict, today: datetime.date, project=None) -> str:
    """The file named after what it holds: "stratos-overdue-2026-12-05.csv" for the overdue
    filter, "stratos-delivered-mainnet-2026-12-05.csv" for delivered mainnet promises; the
    project is the page's (on a site of several), else the first of PROJECT_NAMES."""
    names = (project.name,) if project is not None else ProjectWords.from_settings(settings).names
    parts = [slug_for(names[0] if names else settings.PROJECT_NAME, 100) or "commitments"]
    parts += [slug_for(status, 100) for status in cleaned.get("status") or ()]
    if cleaned.get("overdue") == "yes":
        parts.append("overdue")
    if cleaned.get("due_soon") == "yes":
        parts.append("due-soon")
    parts += [topic.slug for topic in cleaned.get("topic") or ()]
    if cleaned.get("speaker"):
        parts.append(slug_for(cleaned["speaker"].name, 100))
    if cleaned.get("source"):
        parts.append(cleaned["source"].slug)
    if cleaned.get("q"):
        parts.append(slug_for(cleaned["q"], 40))
    parts.append(today.isoformat())
    return "-".join(part for part in parts if part) + ".csv"
