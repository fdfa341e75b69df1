from django.contrib import messages
from django.db.models import Count, Max, Prefetch
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from . import charts, health
from .calendar import calendar
from .exports import SLUG_PLACEHOLDER, csv_rows, stream_csv
from .filters import CommitmentFilter
from .models import Commitment, Source, Topic, Turn, source_text
from .tables import CappedPaginator, CommitmentTable


def filtered_commitments(request):
    """The published commitments the request's filters select, and the FilterSet that did it.
    Invalid filter values are reported and ignored."""
    filterset = CommitmentFilter(request.GET or None, queryset=Commitment.objects.published().for_list())
    if filterset.is_bound and not filterset.is_valid():
        for field, errors in filterset.errors.items():
            label = filterset.form.fields[field].label if field in filterset.form.fields else field
            messages.warning(request, f"Ignored the {label.lower()} filter: {' '.join(errors)}")
    return filterset


SORT_CHOICES = [
    ("due", "Due date, soonest first"),
    ("-due", "Due date, latest first"),
    ("-source", "Newest source first"),
    ("status", "Status"),
    ("topic", "Topic"),
    ("title", "Title"),
]


@require_safe
def status_page(request):
    filterset = filtered_commitments(request)
    table = CommitmentTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 25, "paginator_class": CappedPaginator}).configure(table)
    query = request.GET.copy()
    for key in ("page", "sort", "per_page"):
        query.pop(key, None)
    return render(
        request,
        "commitments/status_page.html",
        {
            "filter": filterset,
            "table": table,
            "scoreboard": Commitment.objects.published().scoreboard(),
            "filtered_scoreboard": filterset.qs.scoreboard() if query else None,
            "export_query": query.urlencode(),
            "sort_choices": SORT_CHOICES,
            "current_sort": request.GET.get("sort", "due"),
            "progress_chart": mark_safe(progress_chart()),
            "topic_chart": mark_safe(topic_chart()),
        },
    )


def progress_chart() -> str:
    published = Commitment.objects.published()
    per_source = published.values_list("source_id").annotate(n=Count("pk")).order_by()
    aired = dict(Source.objects.values_list("pk", "aired_on"))
    made: dict = {}
    for source_id, n in per_source:
        made[aired[source_id]] = made.get(aired[source_id], 0) + n
    delivered = dict(
        published.filter(status=Commitment.Status.DELIVERED, delivered_on__isnull=False)
        .values_list("delivered_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return charts.cumulative_chart(made, delivered, timezone.localdate())


def topic_chart() -> str:
    counts: dict[str, dict[str, int]] = {}
    names = dict(Topic.objects.values_list("pk", "name"))
    rows = Commitment.objects.published().values_list("topic_id", "status").annotate(n=Count("pk")).order_by()
    for topic_id, status, n in rows:
        counts.setdefault(names.get(topic_id, "No topic"), {})[status] = n
    return charts.topic_chart(counts)


@require_safe
def commitment_detail(request, slug):
    commitment = get_object_or_404(
        Commitment.objects.published()
        .for_list()
        .select_related("turn__source")
        .defer(*source_text("turn__source"))
        .with_history()
        .with_restatements()
        .prefetch_related(
            Prefetch("depends_on", queryset=Commitment.objects.published()),
            Prefetch("dependants", queryset=Commitment.objects.published()),
        ),
        slug=slug,
    )
    return render(request, "commitments/commitment_detail.html", {"commitment": commitment})


@require_safe
def source_detail(request, slug):
    source = get_object_or_404(Source.objects.public().defer("transcript", "metadata"), slug=slug)
    commitments = list(source.commitments.published().for_list().order_by("line", "pk"))
    by_turn = {}
    for commitment in commitments:
        by_turn.setdefault(commitment.turn_id, []).append(commitment)
    page, pages = transcript_page(request, source)
    shown = source.turns.select_related("speaker").filter(
        position__gte=(page - 1) * Turn.PER_PAGE, position__lt=page * Turn.PER_PAGE
    )
    turns = [(turn, by_turn.get(turn.pk, [])) for turn in shown.order_by("position")]
    return render(
        request,
        "commitments/source_detail.html",
        {"source": source, "commitments": commitments, "turns": turns, "page": page, "pages": pages},
    )


def transcript_page(request, source) -> tuple[int, int]:
    """The page of the transcript asked for, and how many there are (turns are paged by
    position, so a turn's link names its page without a query: Turn.get_absolute_url)."""
    last = source.turns.aggregate(last=Max("position"))["last"]
    pages = 1 if last is None else last // Turn.PER_PAGE + 1
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        raise Http404("No such page of the transcript.") from None
    if not 1 <= page <= pages:
        raise Http404("No such page of the transcript.")
    return page, pages


@require_safe
def export_csv(request):
    filterset = CommitmentFilter(request.GET or None, queryset=Commitment.objects.published().for_list())
    if filterset.is_bound and not filterset.is_valid():
        # A file that silently holds every row would pass for the rows asked for.
        problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items())
        return HttpResponseBadRequest(f"Nothing exported, a filter is wrong ({problems})\n", content_type="text/plain; charset=utf-8")
    url_pattern = request.build_absolute_uri(reverse("commitment_detail", args=[SLUG_PLACEHOLDER]))
    response = StreamingHttpResponse(
        stream_csv(csv_rows(filterset.qs, url_pattern)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="commitments.csv"'
    return response


@require_safe
def healthz(request):
    problem = health.database_problem()
    if problem:
        return HttpResponse(f"{problem}\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def favicon(request):
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
def badge(request):
    commitments = Commitment.objects.published()
    label = "promises"
    if "topic" in request.GET:
        topic = get_object_or_404(Topic, slug=request.GET["topic"])
        commitments, label = commitments.filter(topic=topic), topic.name.lower()
    if "source" in request.GET:
        source = get_object_or_404(Source.objects.public(), slug=request.GET["source"])
        commitments = commitments.filter(source=source)
    board = commitments.scoreboard()
    svg = charts.badge(label, f"{board['delivered']} of {board['total']} delivered")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def calendar_ics(request):
    due = Commitment.objects.published().open().filter(due_date__isnull=False).for_list()
    body = calendar(
        due.order_by("due_date", "pk"),
        url_for=lambda c: request.build_absolute_uri(c.get_absolute_url()),
        host=request.get_host().split(":")[0],
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="commitments.ics"'
    return response
