import django_tables2 as tables
from django.db.models import F
from django.core.paginator import Paginator

from .models import Commitment


class CappedPaginator(Paginator):
    """Honours ?per_page= up to a ceiling, so one request cannot ask for every row."""

    MAX_PER_PAGE = 100

    def __init__(self, object_list, per_page, *args, **kwargs):
        per_page = max(1, min(int(per_page), self.MAX_PER_PAGE))
        super().__init__(object_list, per_page, *args, **kwargs)


def labelled(label):
    """Cell attributes that let the phone layout show each cell's column name."""
    return {"td": {"data-label": label}}


class CommitmentTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name="Commitment", attrs=labelled("Commitment"))
    status = tables.TemplateColumn(
        template_name="commitments/_status_cell.html",
        order_by=("status", "due_date"),
        attrs=labelled("Status"),
    )
    topic = tables.Column(order_by=("topic__name",), attrs=labelled("Topic"))
    speaker = tables.Column(order_by=("speaker__name",), attrs=labelled("Speaker"))
    source = tables.Column(
        linkify=True, verbose_name="Said in",
        order_by=("source__aired_on", "source__title"),
        attrs=labelled("Said in"),
    )
    due = tables.TemplateColumn(
        template_name="commitments/_due_cell.html",
        verbose_name="Due",
        order_by=("due_date",),
        accessor="due_date",
        attrs=labelled("Due"),
    )

    def order_due(self, queryset, is_descending):
        """Undated rows last either way, on SQLite as on PostgreSQL."""
        due = F("due_date").desc(nulls_last=True) if is_descending else F("due_date").asc(nulls_last=True)
        return queryset.order_by(due, "pk"), True

    class Meta:
        model = Commitment
        fields = ("title", "status", "topic", "speaker", "source", "due")
        empty_text = "No commitments match these filters."
        attrs = {"class": "commitments"}
        template_name = "django_tables2/table.html"
