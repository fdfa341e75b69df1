from urllib.parse import urlencode

import django_tables2 as tables
from django_tables2.data import TableQuerysetData
from django_tables2.templatetags.django_tables2 import table_page_range
from django.db.models import F, QuerySet
from django.utils.safestring import mark_safe
from django.core.paginator import Paginator
from django.utils import timezone

from .exports import SlugURL
from .markup import escape
from .models import Commitment
from .templatetags.commitments_extras import status_badges


class CappedPaginator(Paginator):
    """Honours ?per_page= up to a ceiling, so one request cannot ask for every row."""

    MAX_PER_PAGE = 100

    def __init__(self, object_list, per_page, *args, count=None, **kwargs):
        per_page = max(1, min(int(per_page), self.MAX_PER_PAGE))
        super().__init__(object_list, per_page, *args, **kwargs)
        if count is not None:  # already counted (the status page's scoreboard): no second query
            self.count = count


def row_html(commitment, today, commitment_url, source_url) -> str:
    """One row of the status page's table, its values escaped. The status badges come from
    the status_badges tag, the one place they are written for every page."""
    c = commitment
    return (
        f'<tr><td data-label="Commitment"><a href="{escape(commitment_url(c.slug))}">{escape(c.title)}</a></td>'
        f'<td data-label="Status">{status_badges(c, today)}{delivered_note(c)}</td>'
        f'<td data-label="Topic">{escape(c.topic or "—")}</td>'
        f'<td data-label="Speaker">{escape(c.speaker)}</td>'
        f'<td data-label="Said in"><a href="{escape(source_url(c.source.slug))}">{escape(c.source)}</a></td>'
        f'<td data-label="Due">{due_cell(c)}</td></tr>\n'
    )


def delivered_note(commitment) -> str:
    if commitment.status != Commitment.Status.DELIVERED or commitment.delivered_on is None:
        return ""
    return (
        f' <small class="delivered-on">on <time datetime="{commitment.delivered_on.isoformat()}">'
        f"{escape(commitment.delivered_display)}</time></small>"
    )


def due_cell(commitment) -> str:
    return due_text_cell(commitment) + restated_note(commitment)


def due_text_cell(commitment) -> str:
    if commitment.due_date:
        return f'<time datetime="{commitment.due_date.isoformat()}">{escape(commitment.due_display)}</time>'
    if commitment.condition:
        return f'<span class="condition">{escape(commitment.condition)}</span>'
    return '<span class="muted">No date</span>'


def restated_note(commitment) -> str:
    if not commitment.restated_count:
        return ""
    first_due = commitment.first_due_display or "with no date"
    return f' <small class="restated">restated {commitment.restated_count}×, first due {escape(first_due)}</small>'


class UrgentFirst(TableQuerysetData):
    """The status page's default order, CommitmentQuerySet.by_urgency, read a page at a time
    from its urgency_parts, whose sizes the scoreboard of the same rows already counted: a
    page costs a few index-ordered rows instead of a sort of every row. A column sort chosen
    by the reader orders the by_urgency queryset as usual."""

    def __init__(self, queryset, board, today):
        super().__init__(queryset)  # what a column sort orders: that order replaces this one
        self._length = board["total"]
        self.queryset, self.today = queryset, today
        self.sizes = (board["overdue"], board["total"] - board["overdue"] - board["undated"], board["undated"])
        self.reordered = False

    def order_by(self, aliases):
        self.reordered = True
        super().order_by(aliases)

    def __getitem__(self, key):
        if self.reordered:
            return super().__getitem__(key)
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop, _ = key.indices(len(self))
        rows, offset = [], 0
        for part, size in zip(self.queryset.urgency_parts(self.today), self.sizes):
            if offset >= stop:
                break
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                rows += part[low:high]
            offset += size
        return rows


class CommitmentTable(tables.Table):
    """Columns give the header, sorting and paging; `rows_html` writes the rows, one
    f-string each (a template per cell cost most of the status page's time)."""

    # Each order ends with the id, so rows that tie (no due date, the same status) keep one
    # order on every database and a page never repeats or skips a row.
    title = tables.Column(verbose_name="Commitment", order_by=("title", "pk"))
    status = tables.Column(order_by=("status", "due_date", "pk"))
    topic = tables.Column(order_by=("topic__name", "pk"))
    speaker = tables.Column(order_by=("speaker__name", "pk"))
    source = tables.Column(verbose_name="Said in", order_by=("source__aired_on", "source__title", "pk"))
    due = tables.Column(verbose_name="Due", order_by=("due_date", "pk"), accessor="due_date")

    class Meta:
        model = Commitment
        fields = ("title", "status", "topic", "speaker", "source", "due")
        empty_text = "No commitments match these filters."
        template_name = "commitments/_commitment_table.html"

    def order_due(self, queryset, is_descending):
        """Undated rows last either way, on SQLite as on PostgreSQL."""
        due = F("due_date").desc(nulls_last=True) if is_descending else F("due_date").asc(nulls_last=True)
        return queryset.order_by(due, "pk"), True

    def pagination_html(self) -> str:
        """The page links under the table, as django-tables2's template writes them (its
        table_page_range; each link is the request's query with the page replaced), written
        in Python: a template per link cost more than the rows."""
        if self.paginator.num_pages <= 1:
            return ""
        page, field = self.page, self.prefixed_page_field
        params = dict(self.request.GET)

        def href(number) -> str:
            params[field] = number
            return escape("?" + urlencode(params, doseq=True))

        items = []
        if page.has_previous():
            items.append(f'  <li class="previous"><a href="{href(page.previous_page_number())}">previous</a></li>\n')
        for number in table_page_range(page, self.paginator):
            current = number == page.number
            aria, active = (' aria-current="page"', ' class="active"') if current else ("", "")
            link = "<span>…</span>" if number == "..." else f'<a href="{href(number)}"{aria}>{number}</a>'
            items.append(f"  <li{active}>{link}</li>\n")
        if page.has_next():
            items.append(f'  <li class="next"><a href="{href(page.next_page_number())}">next</a></li>\n')
        return mark_safe(f'<ul class="pagination">\n{"".join(items)}</ul>')

    def rows_html(self):
        """The current page's rows; empty text when there are none."""
        page = self.paginated_rows.data
        records = page.fetched_by_ids() if isinstance(page, QuerySet) else list(page)
        if not records:
            return ""
        today = timezone.localdate()
        commitment_url, source_url = SlugURL.reversed("commitment_detail"), SlugURL.reversed("source_detail")
        return mark_safe("".join(row_html(c, today, commitment_url, source_url) for c in records))


# The query parameters the table reads: its page, sort and rows per page.
TABLE_PARAMETERS = (CommitmentTable._meta.page_field, CommitmentTable._meta.order_by_field, CommitmentTable._meta.per_page_field)
