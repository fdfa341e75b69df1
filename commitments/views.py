import datetime
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django_tables2 import RequestConfig

from . import cards, caching, changes, charts, health
from .reading import periods
from .clientip import client_address
from .calendar import calendar
from .exports import SLUG_PLACEHOLDER, csv_chunks, export_filename
from .filters import FILTER_PARAMETERS, public_filter
from .forms import CorrectionForm, address_hash, stamp_hash
from .models import Commitment, Correction, Project, Source, Topic, Turn, source_text
from .projects import scope, site_projects
from .methodology import EXAMPLE_AIR_DATE, STATUS_MEANINGS, due_examples, vague_horizons
from .tables import TABLE_PARAMETERS, CappedPaginator, CommitmentTable, UrgentFirst


def project_commitments(request):
    """The published commitments of the request's project."""
    return Commitment.objects.published().for_project(scope(request))


def filtered_commitments(request):
    """The published commitments the request's filters select, and the FilterSet that did it.
    Invalid filter values are reported and ignored."""
    filterset = public_filter(request.GET, project=scope(request))
    if filterset.is_bound and not filterset.is_valid():
        for field, errors in filterset.errors.items():
            label = filterset.form.fields[field].label if field in filterset.form.fields else field
            messages.warning(request, f"Ignored the {label.lower()} filter: {' '.join(errors)}")
    return filterset


SORT_CHOICES = [
    ("", "Most urgent first (overdue, then soonest due)"),
    ("due", "Due date, soonest first"),
    ("-due", "Due date, latest first"),
    ("-source", "Newest source first"),
    ("status", "Status"),
    ("topic", "Topic"),
    ("title", "Title"),
]
RESULTS_ANCHOR = "#results"


def query_url(query, **changes) -> str:
    """The status page's URL for `query` (a QueryDict) with each changed key set to a list of
    values (or removed when empty), the page reset, landing on the results. Built from plain
    lists: the status page writes some thirty of these links on every render."""
    params = {key: values for key, values in query.lists() if key != "page"}
    for key, values in changes.items():
        values = [value for value in values if value]
        if values:
            params[key] = values
        else:
            params.pop(key, None)
    encoded = urlencode(params, doseq=True)
    return reverse("status_page") + ("?" + encoded if encoded else "") + RESULTS_ANCHOR


def scoreline(query, board) -> list[dict]:
    """The scoreboard as one line of links: each count filters the table to its rows."""
    items = [{"label": "delivered", "count": board[Commitment.Status.DELIVERED],
              "share": board["share_delivered"], "status": Commitment.Status.DELIVERED,
              "url": query_url(query, status=[Commitment.Status.DELIVERED], overdue=[], due_soon=[])}]
    items.append({"label": "overdue", "count": board["overdue"], "status": "overdue",
                  "url": query_url(query, overdue=["yes"], status=[], due_soon=[])})
    items.append({"label": f"due within {periods.DUE_SOON_DAYS} days", "count": board["due_soon"], "status": "due-soon",
                  "url": query_url(query, due_soon=["yes"], status=[], overdue=[])})
    for value, label in Commitment.Status.choices:
        if value != Commitment.Status.DELIVERED and board[value]:
            items.append({"label": label.lower(), "count": board[value], "status": value,
                          "url": query_url(query, status=[value], overdue=[], due_soon=[])})
    for item in items:
        item.setdefault("share", None)
    return [item for item in items if item["count"] or item["status"] in (Commitment.Status.DELIVERED, "overdue")]


def topic_chips(query, project=None) -> list[dict]:
    """Every topic with public commitments, as a link that adds it to (or removes it from) the
    topics chosen, so a reader picks several topics in as many clicks."""
    chosen = query.getlist("topic")
    chips = []
    for slug, name, count in Topic.objects.with_published_counts(project):
        selected = slug in chosen
        values = [t for t in chosen if t != slug] if selected else [*chosen, slug]
        chips.append({"slug": slug, "name": name, "count": count, "selected": selected,
                      "url": query_url(query, topic=values)})
    # The chosen topics first, so a phone's sideways-scrolling row shows what is chosen.
    return sorted(chips, key=lambda chip: not chip["selected"])


def project_index(request):
    """`/` of a site of several projects: each with its counts, share delivered and latest AMA."""
    projects = list(Project.objects.with_public_counts())
    return render(request, "commitments/project_index.html", {"projects": projects})


@caching.reads_query(*FILTER_PARAMETERS, *TABLE_PARAMETERS)
@require_safe
def status_page(request):
    if getattr(request, "several_projects", False) and scope(request) is None:
        return project_index(request)
    filterset = filtered_commitments(request)
    today = timezone.localdate()
    board = filterset.qs.scoreboard(today)
    table = CommitmentTable(UrgentFirst(filterset.qs.for_rows(), board, today))
    RequestConfig(
        request, paginate={"per_page": 25, "paginator_class": CappedPaginator, "count": board["total"]}
    ).configure(table)
    query = request.GET.copy()
    for key in TABLE_PARAMETERS:
        query.pop(key, None)
    filtered = bool(query)
    return render(
        request,
        "commitments/status_page.html",
        {
            "filter": filterset,
            "table": table,
            "scoreboard": board,
            "scoreline": scoreline(request.GET, board),
            # Built when the filter panel is rendered, not when it comes from the cache.
            "topic_chips": SimpleLazyObject(lambda: topic_chips(request.GET, scope(request))),
            "listing_key": project_listing_key(request),
            "all_total": project_commitments(request).count() if filtered else board["total"],
            "filtered": filtered,
            "export_query": query.urlencode(),
            "sort_choices": SORT_CHOICES,
            "current_sort": request.GET.get("sort", ""),
            "latest_source": changes.latest_reporting_source(scope(request)),
            "follow_topic": followed_topic(filterset),
            "follow_project": scope(request) or next(iter(site_projects(request)), None),
        },
    )


def project_listing_key(request) -> str | None:
    """The key of the status page's cached fragments (filters, table head): the data's listing
    version and the project, whose topics, sources and links they hold."""
    key = caching.listing_key(request)
    project = scope(request)
    return f"{key}:{project.slug}" if key and project is not None else key


def followed_topic(filterset):
    """The one topic the status page is filtered by, whose feed it offers to follow."""
    if not filterset.is_bound or not filterset.is_valid():
        return None
    topics = filterset.form.cleaned_data.get("topic") or []
    return topics[0] if len(topics) == 1 else None


def progress_chart(commitments) -> str:
    return mark_safe(charts.cumulative_chart(commitments.made_by_date(), commitments.delivered_by_date()))


def topic_chart(commitments) -> str:
    return mark_safe(charts.topic_chart(commitments.per_topic_and_status()))


@caching.reads_query(*FILTER_PARAMETERS)
@require_safe
def charts_page(request):
    filterset = filtered_commitments(request)
    query = request.GET.copy()
    return render(
        request,
        "commitments/charts_page.html",
        {
            "filter": filterset,
            "filtered": bool(query),
            "scoreboard": filterset.qs.scoreboard(),
            "status_url": reverse("status_page") + ("?" + query.urlencode() if query else "") + RESULTS_ANCHOR,
            "progress_chart": progress_chart(filterset.qs),
            "topic_chart": topic_chart(filterset.qs),
        },
    )


@require_safe
def palette_css(request):
    response = render(request, "commitments/palette.css", {"palette": charts.palette()}, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def published_commitment(slug, project=None):
    return get_object_or_404(
        Commitment.objects.published()
        .for_project(project)
        .for_list()
        .select_related("turn__source")
        .defer(*source_text("turn__source"))
        .with_history()
        .with_restatements()
        .prefetch_related(
            Prefetch("depends_on", queryset=Commitment.objects.published()),
            Prefetch("dependants", queryset=Commitment.objects.published()),
            Prefetch("corrections", queryset=Correction.objects.accepted(), to_attr="accepted_corrections"),
        ),
        slug=slug,
    )


def render_commitment(request, commitment, form, status=200):
    return render(
        request,
        "commitments/commitment_detail.html",
        {"commitment": commitment, "correction_form": form,
         "correction_sent": request.GET.get("correction") == "sent"},
        status=status,
    )


@caching.commitment_page
@caching.reads_query("correction")
@require_safe
def commitment_detail(request, slug):
    return render_commitment(request, published_commitment(slug, scope(request)), CorrectionForm())


@require_safe
def commitment_card(request, slug):
    """The promise's link-preview image (og:image)."""
    commitment = get_object_or_404(project_commitments(request).select_related("source__project"), slug=slug)
    today = timezone.localdate()
    due = f"Due {commitment.due_display}" if commitment.due_date else (f"When: {commitment.condition}" if commitment.condition else "")
    project = commitment.source.project.name if commitment.source.project_id else settings.PROJECT_NAME
    png = cards.commitment_card(
        title=commitment.title, status=commitment.status, summary=commitment.status_summary(today), due=due, quote=commitment.quote,
        project=project, site=settings.SITE_TITLE, overdue=commitment.is_overdue(today),
    )
    return HttpResponse(png, content_type="image/png")


def same_origin(request) -> bool:
    """The POST came from one of this site's pages: its Origin (or, without one, its Referer)
    names this host and scheme. The correction form carries no CSRF token, so the public pages holding
    it stay cacheable; this check is what keeps other sites from posting it."""
    claimed = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    claimed = urlsplit(claimed)
    return claimed.netloc == request.get_host() and claimed.scheme == request.scheme


@csrf_exempt
@require_POST
def send_correction(request, slug):
    """A reader's correction: no account, a honeypot and a signed time stamp against bots,
    at most CORRECTIONS_PER_HOUR from one client (its address behind a trusted proxy), and only from this site's own pages."""
    commitment = published_commitment(slug, scope(request))
    if not same_origin(request):  # before request.POST: a foreign body is never parsed
        form = CorrectionForm()  # unbound: the reader's text was not read, so nothing to show back
        form.cleaned_data = {}
        form.add_error(None, "The correction must be sent from this site's own page: open the promise's page and send it from there.")
        return render_commitment(request, commitment, form, status=403)
    form = CorrectionForm(request.POST)
    sender = address_hash(client_address(request))
    since = timezone.now() - datetime.timedelta(hours=1)
    if Correction.objects.sent_from(sender, since).count() >= settings.CORRECTIONS_PER_HOUR:
        form.add_error(None, "Thank you, but we have had several corrections from your address in the last hour: please try again later.")
        return render_commitment(request, commitment, form, status=429)
    if not form.is_valid():
        return render_commitment(request, commitment, form, status=400)
    stamp = stamp_hash(form.cleaned_data["stamp"])
    if Correction.objects.stamp_used(sender, stamp):
        form.refuse_used_stamp()
        return render_commitment(request, commitment, form, status=400)
    correction = form.save(commit=False)
    correction.commitment = commitment
    correction.address_hash = sender
    correction.stamp_hash = stamp
    correction.save()
    # A thank-you told by the URL, not a message cookie, so the page stays cacheable.
    return redirect(commitment.get_absolute_url() + "?correction=sent#correction")


@require_safe
def corrections(request):
    accepted = (
        Correction.objects.accepted().filter(commitment__in=Commitment.objects.for_project(scope(request)))
        .select_related("commitment").order_by("-decided_at", "-pk")
    )
    return render(request, "commitments/corrections.html", {"corrections": accepted})


@require_safe
def feed_stylesheet(request):
    """The XSL stylesheet the Atom feeds name, so a browser shows a feed as a readable page."""
    return render(request, "feeds/atom.xsl", content_type="text/xsl; charset=utf-8")


@caching.reads_query("topic", "since")
@require_safe
def changes_page(request):
    """Every verdict, restatement and accepted correction, newest happened date first."""
    topics = Topic.objects.order_by("name").only("slug", "name")
    topic = request.GET.get("topic") or None
    if topic and not any(t.slug == topic for t in topics):
        raise Http404("No such topic.")
    since = None
    if request.GET.get("since"):
        try:
            since = datetime.date.fromisoformat(request.GET["since"])
        except ValueError:
            return HttpResponseBadRequest("since: give a date as YYYY-MM-DD\n", content_type="text/plain; charset=utf-8")
    return render(
        request,
        "commitments/changes.html",
        {"changes": changes.site_changes(topic, since, scope(request)), "topics": topics, "topic": topic, "since": since},
    )


@require_safe
def source_changes(request, slug):
    """What a source made and what it reported about earlier promises."""
    source = get_object_or_404(Source.objects.for_project(scope(request)).public().defer("transcript", "metadata"), slug=slug)
    made = list(source.commitments.published().for_list().order_by("line", "pk"))
    return render(
        request,
        "commitments/source_changes.html",
        {"source": source, "made": made, "groups": changes.source_changes(source)},
    )


@require_safe
def about(request):
    return render(
        request,
        "commitments/about.html",
        {
            "statuses": [(value, label, STATUS_MEANINGS.get(value, "")) for value, label in Commitment.Status.choices],
            "strengths": Commitment.Strength.choices,
            "horizons": vague_horizons(),
            "due_examples": due_examples(),
            "example_air_date": EXAMPLE_AIR_DATE,
            "per_hour": settings.CORRECTIONS_PER_HOUR,
            "project": getattr(request, "project", None),
        },
    )


@caching.reads_query("page")
@require_safe
def source_detail(request, slug):
    source = get_object_or_404(Source.objects.for_project(scope(request)).public().defer("transcript", "metadata"), slug=slug)
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


@caching.reads_query(*FILTER_PARAMETERS)
@require_safe
def export_csv(request):
    filterset = public_filter(request.GET, project=scope(request))
    if filterset.is_bound and not filterset.is_valid():
        # A file that silently holds every row would pass for the rows asked for.
        problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items())
        return HttpResponseBadRequest(f"Nothing exported, a filter is wrong ({problems})\n", content_type="text/plain; charset=utf-8")
    url_pattern = request.build_absolute_uri(reverse("commitment_detail", args=[SLUG_PLACEHOLDER]))
    response = StreamingHttpResponse(
        csv_chunks(filterset.qs, url_pattern, caching.request_data_version(request)), content_type="text/csv; charset=utf-8"
    )
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    filename = export_filename(cleaned, timezone.localdate(), scope(request))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
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


@caching.reads_query("topic", "source")
@require_safe
def badge(request):
    commitments = project_commitments(request)
    label = "promises"
    if "topic" in request.GET:
        topic = get_object_or_404(Topic, slug=request.GET["topic"])
        commitments, label = commitments.filter(topic=topic), topic.name.lower()
    if "source" in request.GET:
        source = get_object_or_404(Source.objects.for_project(scope(request)).public(), slug=request.GET["source"])
        commitments = commitments.filter(source=source)
    board = commitments.scoreboard()
    svg = charts.badge(label, board[Commitment.Status.DELIVERED], board["total"])
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def calendar_ics(request):
    due = project_commitments(request).open().filter(due_date__isnull=False).for_list()
    body = calendar(
        due.order_by("due_date", "pk"),
        url_for=lambda c: request.build_absolute_uri(c.get_absolute_url()),
        host=request.get_host().split(":")[0],
        now=timezone.now(),
        started=project_commitments(request).open().conditional_started(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="commitments.ics"'
    return response
