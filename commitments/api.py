"""A read-only JSON API over the public commitments, with the status page's filters."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import caching
from .filters import FILTER_PARAMETERS, public_filter
from .models import Commitment
from .projects import scope

PER_PAGE = 50


class MarkupSafeEncoder(DjangoJSONEncoder):
    """JSON in which <, > and & are \\u escapes, so no text from a transcript can become
    markup even if a client pastes the response into a page."""

    def encode(self, o):
        return super().encode(o).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_response(data, status=200):
    return JsonResponse(data, status=status, encoder=MarkupSafeEncoder)


def commitment_json(commitment, request) -> dict:
    source = commitment.source
    first_due, first_due_precision = commitment.first_due
    return {
        "slug": commitment.slug,
        "url": request.build_absolute_uri(commitment.get_absolute_url()),
        "title": commitment.title,
        "status": commitment.status,
        "overdue": commitment.overdue,
        "quote": commitment.quote,
        "speaker": {"name": commitment.speaker.name, "full_name": commitment.speaker.full_name, "role": commitment.speaker.role},
        "source": {
            "title": source.title,
            "slug": source.slug,
            "aired_on": source.aired_on.isoformat(),
            "url": request.build_absolute_uri(source.get_absolute_url()),
        },
        "topic": commitment.topic.slug if commitment.topic else None,
        "due_date": commitment.due_date.isoformat() if commitment.due_date else None,
        "due_precision": commitment.due_precision or None,
        "due": commitment.due_display or None,  # the period as people say it: "Q2 2024", "by the end of 2024"
        "due_text": commitment.due_text or None,
        "condition": commitment.condition or None,
        "delivered_on": commitment.delivered_on.isoformat() if commitment.delivered_on else None,
        "delivered_precision": commitment.delivered_precision or None,
        "reviewed_at": commitment.reviewed_at.isoformat() if commitment.reviewed_at else None,
        "restated": commitment.restated_count,
        "first_due": first_due.isoformat() if first_due else None,
        "first_due_precision": first_due_precision or None,
        "slipped_days": commitment.slipped_days,
        "restatements": [
            {
                "quote": restatement.quote,
                "also_said": restatement.also_said,
                "source": restatement.source.slug,
                "said_on": restatement.source.aired_on.isoformat(),
                "due_date": restatement.due_date.isoformat() if restatement.due_date else None,
                "due_precision": restatement.due_precision or None,
                "due_text": restatement.due_text or None,
                "condition": restatement.condition or None,
                "url": request.build_absolute_uri(restatement.link),
            }
            for restatement in commitment.restatements.all()
        ],
        "history": [
            {
                "from": change.from_status,
                "to": change.to_status,
                "at": change.changed_at.isoformat(),
                "happened_on": change.happened_on.isoformat() if change.happened_on else None,
                "happened_precision": change.happened_precision,
                "note": change.note,
                "evidence": request.build_absolute_uri(change.evidence_link) if change.evidence_link else None,
            }
            for change in commitment.history.all()
        ],
    }


@caching.reads_query(*FILTER_PARAMETERS, "page")
@csrf_exempt  # read-only: a write gets require_safe's 405, not a CSRF 403
@require_safe
def commitment_list(request):
    filterset = public_filter(request.GET, with_history=True, project=scope(request))
    if filterset.is_bound and not filterset.is_valid():
        return json_response({"error": "invalid filter", "fields": filterset.errors.get_json_data()}, status=400)
    paginator = Paginator(filterset.qs.order_by("pk"), PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        return json_response({"error": f"no such page: use 1 to {paginator.num_pages}"}, status=404)

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return json_response(
        {
            "count": paginator.count,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [commitment_json(c, request) for c in page.object_list],
        }
    )


@csrf_exempt
@require_safe
def commitment_detail(request, slug):
    commitment = get_object_or_404(Commitment.objects.published().for_project(scope(request)).for_list().with_history().with_restatements(), slug=slug)
    return json_response(commitment_json(commitment, request))
