from django.contrib import messages
from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from .exports import SLUG_PLACEHOLDER, csv_rows, stream_csv
from .filters import CommitmentFilter
from .models import Commitment, Source
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
        },
    )


@require_safe
def commitment_detail(request, slug):
    commitment = get_object_or_404(
        Commitment.objects.published()
        .for_list()
        .select_related("turn__source")
        .with_history()
        .prefetch_related(
            Prefetch("depends_on", queryset=Commitment.objects.published()),
            Prefetch("dependants", queryset=Commitment.objects.published()),
        ),
        slug=slug,
    )
    return render(request, "commitments/commitment_detail.html", {"commitment": commitment})


@require_safe
def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    commitments = list(source.commitments.published().for_list().order_by("line", "pk"))
    by_turn = {}
    for commitment in commitments:
        by_turn.setdefault(commitment.turn_id, []).append(commitment)
    turns = [
        (turn, by_turn.get(turn.pk, []))
        for turn in source.turns.select_related("speaker").order_by("position")
    ]
    return render(
        request,
        "commitments/source_detail.html",
        {"source": source, "commitments": commitments, "turns": turns},
    )


@require_safe
def export_csv(request):
    filterset = filtered_commitments(request)
    url_pattern = request.build_absolute_uri(reverse("commitment_detail", args=[SLUG_PLACEHOLDER]))
    response = StreamingHttpResponse(
        stream_csv(csv_rows(filterset.qs, url_pattern)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="commitments.csv"'
    return response


@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return HttpResponse(f"database unreachable: {type(error).__name__}\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def favicon(request):
    return redirect(static("favicon.svg"), permanent=True)
