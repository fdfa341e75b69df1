import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from anyascii import anyascii
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from .reading import evidence, extraction, periods
from .reading.roster import RosterEntry
from .reading.text import ProjectWords


def slug_for(text: str, max_length: int) -> str:
    """The one way text becomes a slug: in Latin letters, lower case, words joined by hyphens,
    at most `max_length` characters ("Интервью 2023" is "intervyu-2023", "We'll ship v2.0" is
    "well-ship-v2-0"); "" when nothing of it can be written so."""
    latin = re.sub(r"['’`]", "", anyascii(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:max_length].strip("-")


def unique_slug(model, text: str, max_length: int | None = None) -> str:
    """A slug for `text` not yet used by `model`: "grants", then "grants-2", "grants-3"...; at
    most as long as the model's slug field holds (or `max_length`)."""
    max_length = max_length or model._meta.get_field("slug").max_length
    base = slug_for(text, max_length) or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base[: max_length - len(str(n)) - 1]}-{n}"
    return slug


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def source_text(path: str) -> list[str]:
    """The fields of the Source at `path` that hold a whole transcript: lists load a source for
    its title and link, so they defer these (`.defer(*source_text("source"))`)."""
    return [f"{path}__transcript", f"{path}__metadata"]


class TopicQuerySet(models.QuerySet):
    def with_published_counts(self, project=None):
        """(slug, name, public commitments) for topics that have any, most commitments first;
        only a project's commitments when one is given."""
        scope = Q(commitments__review=Commitment.Review.ACCEPTED)
        if project is not None:
            scope &= Q(commitments__source__project=project)
        return (
            self.filter(scope)
            .values_list("slug", "name")
            .annotate(n=models.Count("commitments"))
            .order_by("-n", "name")
        )


class TopicManager(SlugManager.from_queryset(TopicQuerySet)):
    pass


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    objects = TopicManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class SpeakerManager(models.Manager):
    def get_by_natural_key(self, name, project_slug=None):
        """A speaker by name within a project; without a project (older fixtures and backups),
        the first project's."""
        if project_slug is not None:
            return self.get(name=name, project__slug=project_slug)
        speaker = self.filter(name=name).order_by(models.F("project_id").asc(nulls_first=True)).first()
        if speaker is None:
            raise Speaker.DoesNotExist(f"No speaker {name!r}.")
        return speaker

    def roster_of(self, project):
        """The team roster of one project: its speakers (a speaker decided as team in one
        project is nobody in another)."""
        return self.filter(project=project)


class Speaker(models.Model):
    project = models.ForeignKey(
        "Project", on_delete=models.PROTECT, related_name="speakers", null=True, blank=True,
        help_text="The project whose transcripts this speaker speaks in; the roster is per project.",
    )
    name = models.CharField(max_length=100, help_text="As tagged in transcripts, e.g. “Bin”.")
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    is_team = models.BooleanField(
        "speaks for the team",
        default=False,
        help_text="Sentences by team speakers are read for commitments.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names this speaker appears under in transcripts, one a line (e.g. “Bin Zhu”).",
    )
    team_confirmed = models.BooleanField(
        "team decided by an admin",
        default=False,
        help_text="An admin decided whether this speaker speaks for the team; imports never change it.",
    )
    team_proposed = models.BooleanField(
        "proposed for the team",
        default=False,
        help_text="An import's front matter named this speaker: confirm as team or not.",
    )

    objects = SpeakerManager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="unique_speaker_per_project")]

    def __str__(self):
        return self.full_name or self.name

    def save(self, *args, **kwargs):
        if self.project_id is None:
            self.project = Project.objects.first_or_from_settings()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.name, self.project.slug) if self.project_id else (self.name,)

    natural_key.dependencies = ["commitments.project"]

    @property
    def alias_list(self) -> tuple[str, ...]:
        names = [self.full_name, *self.aliases.splitlines()]
        return tuple(dict.fromkeys(" ".join(name.split()) for name in names if name.strip()))

    def roster_entry(self) -> RosterEntry:
        return RosterEntry(self.name, self.alias_list, self.is_team, self.team_confirmed)


class SourceQuerySet(models.QuerySet):
    def for_project(self, project):
        """A project's sources; every source when `project` is None (a site of one project)."""
        return self if project is None else self.filter(project=project)

    def public(self):
        """Sources the public may see: marked public, holding an accepted commitment, or quoted
        as evidence in a public commitment's history. A freshly imported transcript stays
        private until an admin accepts one of its proposals, its evidence or a restatement."""
        accepted = Commitment.objects.published().filter(source=OuterRef("pk"))
        evidence = StatusChange.objects.filter(
            evidence_turn__source=OuterRef("pk"), commitment__review=Commitment.Review.ACCEPTED
        )
        restated = Restatement.objects.filter(source=OuterRef("pk"), commitment__review=Commitment.Review.ACCEPTED)
        return self.filter(Q(public=True) | Exists(accepted) | Exists(evidence) | Exists(restated))

    def listed(self):
        """The status page's source choices: sources marked public and those in which a public
        commitment was made. Public sources only quoted as evidence or for a restatement are
        left out (filtering by one would show no rows), which keeps the list one cheap query."""
        return self.filter(Q(public=True) | Exists(Commitment.objects.published().filter(source=OuterRef("pk"))))


class SourceManager(SlugManager.from_queryset(SourceQuerySet)):
    pass


class ProjectManager(SlugManager):
    def first_or_from_settings(self) -> "Project":
        """The first project; on an empty site, one made from the settings (PROJECT_NAME,
        PROJECT_NAMES, PROJECT_TICKERS), as the data migration makes for an existing site."""
        project = self.order_by("id").first()
        if project is not None:
            return project
        names = list(getattr(settings, "PROJECT_NAMES", ())) or [settings.PROJECT_NAME]
        name = settings.PROJECT_NAME or names[0]
        project, _ = self.get_or_create(
            slug=slug_for(name, self.model._meta.get_field("slug").max_length) or "project",
            defaults={
                "name": name,
                "other_names": "\n".join(other for other in names if other != name),
                "tickers": ", ".join(settings.PROJECT_TICKERS),
                "contact": settings.CORRECTIONS_CONTACT,
            },
        )
        return project

    def with_public_counts(self):
        """Projects with their public commitments (`total`, `delivered`, `share_delivered`) and
        their latest public source (`latest_title`, `latest_slug`, `latest_aired_on`), in one query."""
        accepted = Q(sources__commitments__review=Commitment.Review.ACCEPTED)
        latest = Source.objects.public().filter(project=OuterRef("pk")).order_by("-aired_on", "-pk")
        projects = self.annotate(
            total=models.Count("sources__commitments", filter=accepted),
            delivered=models.Count(
                "sources__commitments", filter=accepted & Q(sources__commitments__status=Commitment.Status.DELIVERED)
            ),
            latest_title=models.Subquery(latest.values("title")[:1]),
            latest_slug=models.Subquery(latest.values("slug")[:1]),
            latest_aired_on=models.Subquery(latest.values("aired_on")[:1]),
        ).order_by("id")
        for project in projects:
            project.share_delivered = round(100 * project.delivered / project.total) if project.total else 0
            yield project

    def named(self, value: str) -> "Project | None":
        """The project whose slug or name is `value` (a front matter's `project:`), or None."""
        value = " ".join(str(value).split())
        return self.filter(Q(slug=value) | Q(name__iexact=value)).order_by("id").first()


class Project(models.Model):
    """A project whose promises the site tracks: its names and spellings, its token's tickers and
    how it is curated. Sources are filed under one project; their speakers and commitments follow
    the source. The first project (lowest id) is the one served at the site's root."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    other_names = models.TextField(
        blank=True, help_text="Other names and spellings of the project, one per line (\"Stratos Labs\")."
    )
    tickers = models.CharField(max_length=200, blank=True, help_text="Token tickers, comma-separated (\"STOS\").")
    curators = models.CharField("who curates", max_length=300, blank=True)
    contact = models.CharField(max_length=300, blank=True)
    review_frequency = models.CharField("how often it is reviewed", max_length=200, blank=True)

    objects = ProjectManager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name

    @staticmethod
    def _listed(text: str, separators: str) -> tuple[str, ...]:
        for separator in separators[1:]:
            text = text.replace(separator, separators[0])
        return tuple(dict.fromkeys(" ".join(item.split()) for item in text.split(separators[0]) if item.strip()))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self._listed(self.other_names, "\n"))))

    @property
    def ticker_list(self) -> tuple[str, ...]:
        return self._listed(self.tickers, ",\n")

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return f"/p/{self.slug}/"

    def words(self) -> ProjectWords:
        """The project's words for the readers (topics, extraction, evidence)."""
        return ProjectWords(self.names, self.ticker_list)


class Source(models.Model):
    """An AMA or talk whose transcript commitments are quoted from."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="sources", null=True, blank=True,
        help_text="Left empty: the first project.",
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    aired_on = models.DateField()
    author = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    transcript = models.TextField(blank=True)
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the file.")
    metadata = models.JSONField(default=dict, blank=True)
    public = models.BooleanField(
        default=False,
        help_text="Show the source (its page and transcript) even before any of its commitments is accepted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceManager()

    class Meta:
        ordering = ["-aired_on", "title"]

    def save(self, *args, **kwargs):
        if self.project_id is None:
            # A site with one project files every source under it without asking.
            self.project = Project.objects.first_or_from_settings()
        super().save(*args, **kwargs)

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["commitments.project"]

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.slug])


class TurnManager(models.Manager):
    def get_by_natural_key(self, source_slug, position):
        return self.get(source__slug=source_slug, position=position)


class Turn(models.Model):
    """One speaker's uninterrupted speech in a source, in transcript order."""

    # The source page shows its transcript this many turns at a time, by position.
    PER_PAGE = 500

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="turns")
    position = models.PositiveIntegerField()
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="turns")
    section = models.CharField(max_length=300, blank=True)
    text = models.TextField(help_text="Paragraphs separated by a blank line.")
    line_start = models.PositiveIntegerField()
    line_end = models.PositiveIntegerField()
    spoken_at = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "position"], name="unique_turn_position")
        ]

    objects = TurnManager()

    def __str__(self):
        return f"{self.source} #{self.position + 1} ({self.speaker})"

    def natural_key(self):
        return (*self.source.natural_key(), self.position)

    natural_key.dependencies = ["commitments.source"]

    @property
    def anchor(self):
        return f"turn-{self.position + 1}"

    @property
    def paragraphs(self):
        return self.text.split("\n\n")

    @property
    def page(self):
        return self.position // self.PER_PAGE + 1

    def get_absolute_url(self):
        page = f"?page={self.page}" if self.page > 1 else ""
        return f"{self.source.get_absolute_url()}{page}#{self.anchor}"


class CommitmentQuerySet(models.QuerySet):
    def for_project(self, project):
        """A project's commitments (through their source); every commitment when `project` is
        None (a site of one project). The one filter every public page, feed and export uses."""
        return self if project is None else self.filter(source__project=project)

    def published(self):
        return self.filter(review=Commitment.Review.ACCEPTED)

    def proposed(self):
        return self.filter(review=Commitment.Review.PROPOSED)

    def open(self):
        return self.filter(status__in=Commitment.OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(period_ended_q(today or timezone.localdate()))

    def not_overdue(self, today=None):
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def due_soon(self, today=None):
        """Open, not overdue, and due inside periods.due_soon_window (periods.is_due_soon)."""
        today = today or timezone.localdate()
        start, end = periods.due_soon_window(today)
        # The window starts today, and a period holding today or a later day has not ended.
        return self.open().filter(due_date__gte=start, due_date__lte=end)

    def for_list(self):
        return self.select_related("speaker", "source", "topic").defer(*source_text("source"))

    # What a row of the status page's table (commitments/tables.py row_html) reads.
    ROW_FIELDS = (
        "slug", "title", "status", "due_date", "due_precision", "condition", "restated_count",
        "first_due_date", "first_due_precision", "topic__name", "speaker__name", "speaker__full_name",
        "source__slug", "source__title", "delivered_on", "delivered_precision",
    )

    def for_rows(self):
        """for_list with only the columns a row of the status page's table shows: a page of
        rows costs a quarter of the columns to select and to load."""
        return self.select_related("speaker", "source", "topic").only(*self.ROW_FIELDS)

    def fetched_by_ids(self) -> list["Commitment"]:
        """This queryset's rows (usually one sliced page) in its order, in two queries: the
        ids, which the database sorts and slices over an index alone, then those rows with
        what a list shows. Much cheaper than one query when the order is computed over every
        row (by_urgency) and the joins would be made for every row before the sort."""
        ids = list(self.values_list("pk", flat=True))
        rows = Commitment.objects.for_list().in_bulk(ids)
        return [rows[pk] for pk in ids]

    def with_history(self):
        return self.prefetch_related(
            models.Prefetch(
                "history",
                queryset=StatusChange.objects.select_related("changed_by", "evidence_turn__source").defer(
                    *source_text("evidence_turn__source")
                ),
            )
        )

    def by_urgency(self, today=None):
        """The status page's default order: overdue first, then the soonest due, undated last;
        written as explicit CASE expressions so SQLite and PostgreSQL order NULLs alike."""
        today = today or timezone.localdate()
        return self.annotate(
            overdue_rank=models.Case(
                models.When(Q(status__in=Commitment.OPEN_STATUSES) & period_ended_q(today), then=0),
                default=1,
                output_field=models.IntegerField(),
            ),
            undated_rank=models.Case(
                models.When(due_date__isnull=True, then=1), default=0, output_field=models.IntegerField()
            ),
        ).order_by("overdue_rank", "undated_rank", "due_date", "pk")

    def urgency_parts(self, today=None):
        """by_urgency's rows in three parts, each ordered as an index gives it: overdue rows by
        due date, then the other dated rows by due date, then undated rows. Read one after the
        other they are by_urgency, row for row; a page of the status page reads only the parts
        it covers (a generator: a part is built when asked for), and the first page of a large
        list only the first few overdue rows."""
        today = today or timezone.localdate()
        overdue = Q(status__in=Commitment.OPEN_STATUSES) & period_ended_q(today)
        yield self.filter(overdue).order_by("due_date", "pk")
        yield self.filter(due_date__isnull=False).exclude(overdue).order_by("due_date", "pk")
        yield self.filter(due_date__isnull=True).order_by("pk")

    def conditional_started(self) -> list[tuple["Commitment", datetime.date]]:
        """(commitment, day its clock started) for commitments that wait for others, once every
        one they wait for is delivered: the calendar shows that day (and, beside it, the due date
        services.start_clocks gave them)."""
        waiting = (
            self.filter(depends_on__isnull=False)
            .distinct()
            .for_list()
            .prefetch_related("depends_on")
            .order_by("pk")
        )
        started = [(commitment, commitment.clock_started_on) for commitment in waiting]
        return [(commitment, day) for commitment, day in started if day]

    def made_by_date(self) -> dict:
        """{air date: commitments made on it}, for the progress chart."""
        return dict(self.order_by().values_list("source__aired_on").annotate(n=models.Count("pk")))

    def delivered_by_date(self) -> dict:
        """{delivery date: commitments delivered on it}, for the progress chart."""
        return dict(
            self.filter(status=Commitment.Status.DELIVERED, delivered_on__isnull=False)
            .order_by()
            .values_list("delivered_on")
            .annotate(n=models.Count("pk"))
        )

    def per_topic_and_status(self) -> dict:
        """{topic name or None: {status: count}}, for the topic chart."""
        counts: dict = {}
        rows = self.order_by().values_list("topic__name", "status").annotate(n=models.Count("pk"))
        for topic, status, n in rows:
            counts.setdefault(topic, {})[status] = n
        return counts

    def with_restatements(self):
        return self.prefetch_related(
            models.Prefetch(
                "restatements",
                queryset=Restatement.objects.select_related("source", "speaker", "turn__source").defer(
                    *source_text("source"), *source_text("turn__source")
                ),
            )
        )

    def scoreboard(self, today=None):
        """Counts per status, undated, overdue and due soon, and the share delivered: three
        queries, each over an index (commitment_public_idx, commitment_public_due_idx) whatever
        the number of rows; overdue and due soon follow the rules of overdue() and due_soon()."""
        today = today or timezone.localdate()
        per_status = {
            status: (n, dated)
            for status, n, dated in self.order_by().values_list("status").annotate(
                n=models.Count("*"), dated=models.Count("due_date")
            )
        }
        row = {status: per_status.get(status, (0, 0))[0] for status in Commitment.Status.values}
        row["total"] = sum(row.values())
        row["undated"] = row["total"] - sum(dated for _, dated in per_status.values())
        row["overdue"] = self.overdue(today).count()
        row["due_soon"] = self.due_soon(today).count()
        row["share_delivered"] = (
            round(100 * row[Commitment.Status.DELIVERED] / row["total"]) if row["total"] else 0
        )
        return row


def period_ended_q(today: datetime.date) -> Q:
    """Commitments whose due period (the day, week, month, quarter, half or year holding
    due_date) ended before `today`: periods.has_ended as one date comparison against a
    threshold picked by precision, so the database does the work in one pass over an index
    (commitment_public_idx covers status, due_date and due_precision). A due date without a
    precision counts as a day."""
    before = periods.ended_before(today)
    # Every threshold is today or earlier, so `due_date < today` is implied; said outright, it
    # lets an index on due_date skip undated rows and everything not yet due. A date before the
    # earliest threshold has ended whatever its precision, so most old rows skip the CASE.
    return Q(due_date__lt=before[periods.DAY]) & (
        Q(due_date__lt=min(before.values())) | Q(due_date__lt=PeriodThreshold(before))
    )


class PeriodThreshold(models.Expression):
    """CASE due_precision WHEN 'week' THEN <day> ... ELSE <the day's threshold> END: the day
    before which a row's due period has ended, from periods.ended_before. Written as one
    expression rather than a When per precision, whose lookups cost more to build than the
    query they sit in."""

    output_field = models.DateField()

    def __init__(self, thresholds: dict[str, datetime.date], precision=None):
        super().__init__()
        self.thresholds = thresholds
        self.precision = models.F("due_precision") if precision is None else precision

    def get_source_expressions(self):
        return [self.precision]

    def set_source_expressions(self, exprs):
        (self.precision,) = exprs

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.precision)
        adapt = connection.ops.adapt_datefield_value
        default = self.thresholds[periods.DAY]
        others = [(precision, day) for precision, day in self.thresholds.items() if day != default]
        sql = "CASE %s %s ELSE %%s END" % (column, " ".join("WHEN %s THEN %s" for _ in others))
        whens = [value for precision, day in others for value in (precision, adapt(day))]
        return sql, (*params, *whens, adapt(default))


class CommitmentManager(models.Manager.from_queryset(CommitmentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Commitment(models.Model):
    class Status(models.TextChoices):
        """The verdict scale, after PolitiFact's promise meters and the Open Government
        Partnership's completion levels. "No news yet" keeps the stored value "pending"."""

        NO_NEWS = "pending", "No news yet"
        IN_PROGRESS = "in_progress", "In progress"
        STALLED = "stalled", "Stalled"
        POSTPONED = "postponed", "Postponed"
        PARTLY = "partly_delivered", "Partly delivered"
        DELIVERED = "delivered", "Delivered"
        BROKEN = "broken", "Broken"
        DROPPED = "dropped", "Dropped"

    # Open verdicts can still become overdue; the others are final until an admin reopens them.
    OPEN_STATUSES = (Status.NO_NEWS, Status.IN_PROGRESS, Status.STALLED, Status.POSTPONED)

    class Review(models.TextChoices):
        PROPOSED = "proposed", "Proposed (awaiting review)"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    # The values and their meaning live in periods.py (PRECISIONS).
    Precision = models.TextChoices("Precision", [(value.upper(), (value, label)) for value, label in periods.PRECISIONS])
    # When something happened is known to the day, month, quarter or year.
    HAPPENED_PRECISIONS = [(value, label) for value, label in Precision.choices if value in (periods.DAY, periods.MONTH, periods.QUARTER, periods.YEAR)]

    class Strength(models.TextChoices):
        FIRM = extraction.FIRM, "Firm"
        SOFT = extraction.SOFT, "Soft (hedged)"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    quote = models.TextField(help_text="Verbatim, as in the transcript.")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="commitments")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="commitments")
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="commitments", null=True, blank=True
    )
    turn = models.ForeignKey(
        Turn,
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
        help_text="Where in the transcript it was said.",
    )
    line = models.PositiveIntegerField(null=True, blank=True, help_text="Line in the transcript.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NO_NEWS)
    review = models.CharField(
        max_length=20,
        choices=Review.choices,
        default=Review.ACCEPTED,
        help_text="Only accepted commitments are public.",
    )
    strength = models.CharField(max_length=10, choices=Strength.choices, default=Strength.FIRM)
    # The current due: the original statement's, or the latest restatement's (services.add_restatement).
    due_date = models.DateField(null=True, blank=True, help_text="A date inside the due period.")
    due_precision = models.CharField(
        max_length=10, choices=Precision.choices, blank=True, help_text="How exact the due date is."
    )
    due_text = models.CharField("due, as spoken", max_length=200, blank=True)
    condition = models.CharField("condition, as spoken", max_length=300, blank=True)
    # The original statement's due, kept when a restatement moves the current one.
    first_due_date = models.DateField(null=True, blank=True, editable=False)
    first_due_precision = models.CharField(max_length=10, choices=Precision.choices, blank=True, editable=False)
    first_due_text = models.CharField(max_length=200, blank=True, editable=False)
    restated_count = models.PositiveIntegerField(
        "restated", default=0, editable=False, help_text="How many times the promise was said again with a due date or condition of its own; counted when a restatement is added."
    )
    # When the delivery happened in the world (the delivering change's happened date).
    delivered_on = models.DateField(null=True, blank=True)
    delivered_precision = models.CharField(max_length=10, choices=HAPPENED_PRECISIONS, blank=True)
    reviewed_at = models.DateTimeField(
        "last reviewed", null=True, blank=True, editable=False,
        help_text="Set by every status change, and by the list's action “Mark selected commitments reviewed, no change”.",
    )
    depends_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="dependants",
        blank=True,
        help_text="Commitments this one waits for.",
    )
    import_ref = models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Set by the importer so re-imports find what they proposed before.",
    )
    match_terms = models.TextField(
        blank=True,
        editable=False,
        help_text="What later sentences are matched against (evidence.signature of title, quote, condition, topic).",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommitmentManager()

    class Meta:
        ordering = ["-source__aired_on", "line", "pk"]
        indexes = [
            # The status page: published rows filtered by status, ordered by due date.
            models.Index(fields=["review", "status", "due_date", "due_precision"], name="commitment_public_idx"),
            # The status page's default order: published rows ORDER BY due_date LIMIT 25.
            models.Index(fields=["review", "due_date"], name="commitment_public_due_idx"),
            # The charts: published rows grouped by source and by topic and status.
            models.Index(fields=["review", "source"], name="commitment_public_source_idx"),
            models.Index(fields=["review", "topic", "status"], name="commitment_public_topic_idx"),
            # The progress chart: delivered rows grouped by delivery date, from the index alone.
            models.Index(fields=["review", "status", "delivered_on"], name="commitment_delivered_idx"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("commitment_detail", args=[self.slug])

    def is_overdue(self, today=None):
        if self.status not in self.OPEN_STATUSES or self.due_date is None:
            return False
        today = today or timezone.localdate()
        return periods.has_ended(self.due_date, self.due_precision, today)

    @property
    def overdue(self):
        return self.is_overdue()

    def status_summary(self, today=None) -> str:
        """The verdict with what a reader asks next, in words: "In progress, overdue by 11 months",
        "Delivered on Aug 16, 2023", "No news yet, due soon". Link previews (og:title) use it."""
        today = today or timezone.localdate()
        summary = self.get_status_display()
        if self.status == self.Status.DELIVERED and self.delivered_on:
            summary += f" {'on' if self.delivered_precision in ('', periods.DAY) else 'in'} {self.delivered_display}"
        if self.is_overdue(today):
            summary += f", overdue by {periods.overdue_by(self.due_date, self.due_precision, today)}"
        elif self.is_due_soon(today):
            summary += ", due soon"
        return summary

    def is_due_soon(self, today=None):
        """The same rule as CommitmentQuerySet.due_soon."""
        return (
            self.status in self.OPEN_STATUSES
            and self.due_date is not None
            and periods.is_due_soon(self.due_date, self.due_precision, today or timezone.localdate())
        )

    @property
    def due_soon(self):
        return self.is_due_soon()

    @property
    def due_display(self):
        return periods.format_period(self.due_date, self.due_precision)

    @property
    def clock_started_on(self):
        """When every commitment this one waits for has been delivered, the latest of their
        delivery dates; else None. Reads the prefetched depends_on when there is one."""
        dependencies = list(self.depends_on.all())
        if not dependencies or any(d.status != self.Status.DELIVERED for d in dependencies):
            return None
        return max((d.delivered_on for d in dependencies if d.delivered_on), default=None)

    def dependency_cycle(self, depends_on) -> list["Commitment"] | None:
        """The path that would close a cycle if this commitment waited for `depends_on`
        (e.g. [self, a, b, self]), or None when there is none."""
        targets = list(depends_on)
        if self.pk is None:
            return None
        if any(t.pk == self.pk for t in targets):
            return [self.title, self.title]
        edges = dict()
        for source_id, target_id in Commitment.depends_on.through.objects.values_list(
            "from_commitment_id", "to_commitment_id"
        ):
            edges.setdefault(source_id, []).append(target_id)
        edges[self.pk] = [t.pk for t in targets]
        path, seen = [], set()

        def walk(node):
            path.append(node)
            for following in edges.get(node, ()):
                if following == self.pk:
                    path.append(following)
                    return True
                if following not in seen:
                    seen.add(following)
                    if walk(following):
                        return True
            path.pop()
            return False

        if not walk(self.pk):
            return None
        titles = dict(Commitment.objects.filter(pk__in=path).values_list("pk", "title"))
        return [titles.get(pk, str(pk)) for pk in path]

    MATCHED_FIELDS = {"title", "quote", "condition", "topic"}

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self.MATCHED_FIELDS & set(update_fields):
            topic = self.topic.name if self.topic_id else ""
            self.match_terms = evidence.signature(self.title, self.quote, self.condition, topic)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "match_terms"}
        super().save(*args, **kwargs)

    @property
    def delivered_display(self):
        return format_happened(self.delivered_on, self.delivered_precision)

    @property
    def delivered_late_days(self) -> int | None:
        """For a delivery with a due date: 0 when it happened by the end of the due period (its
        happened period starting by then), else the days between the two; None otherwise."""
        if self.status != self.Status.DELIVERED or self.delivered_on is None or self.due_date is None:
            return None
        started = periods.first_day(self.delivered_on, self.delivered_precision or periods.DAY)
        return max((started - periods.last_day(self.due_date, self.due_precision)).days, 0)

    @property
    def first_due(self) -> tuple[datetime.date | None, str]:
        """The original statement's due date and precision (the current one until restated)."""
        if self.restated_count:
            return self.first_due_date, self.first_due_precision
        return self.due_date, self.due_precision

    @property
    def first_due_display(self):
        return periods.format_period(*self.first_due)

    @property
    def now_due_display(self):
        return self.due_display or self.due_text or self.condition

    def current_verdict_change(self) -> "StatusChange | None":
        """The change the status follows: the latest by happened date, then by record time."""
        return self.history.exclude(happened_on=None).order_by("-happened_on", "-changed_at", "-pk").first()

    def timeline(self) -> list["TimelineEntry"]:
        """The public record in order of when things happened: the first statement, what was
        also said in the same source, restatements and verdicts (with their reasons and evidence).
        Reads the prefetched restatements and history when there are."""
        entries = [
            TimelineEntry(
                TimelineEntry.SAID, self.source.aired_on, periods.DAY, self.quote, self.speaker, self.source,
                self.turn.get_absolute_url() if self.turn_id else self.source.get_absolute_url(),
            )
        ]
        for restatement in self.restatements.all():
            entries.append(
                TimelineEntry(
                    TimelineEntry.ALSO_SAID if restatement.also_said else TimelineEntry.RESTATED,
                    restatement.source.aired_on, periods.DAY, restatement.quote, restatement.speaker,
                    restatement.source, restatement.link, restatement=restatement,
                )
            )
        for change in self.history.all():
            entries.append(
                TimelineEntry(
                    TimelineEntry.CHANGE, change.happened_on or change.changed_at.date(), change.happened_precision,
                    change.note, None, change.evidence_turn.source if change.evidence_turn_id else None,
                    change.evidence_link, change=change,
                )
            )
        corrections = getattr(self, "accepted_corrections", None)
        if corrections is None:
            corrections = self.corrections.filter(state=Correction.State.ACCEPTED)
        for correction in corrections:
            entries.append(
                TimelineEntry(
                    TimelineEntry.CORRECTED, timezone.localtime(correction.decided_at).date(), periods.DAY,
                    correction.public_note or correction.what_is_wrong, None, None, correction.source_url,
                    correction=correction,
                )
            )
        return sorted(entries, key=lambda entry: (entry.on, TimelineEntry.ORDER.index(entry.kind)))

    @property
    def current_verdict(self) -> "StatusChange | None":
        """The change that set the current status (its reason and evidence go beside it); read
        from the prefetched history when there is one (CommitmentQuerySet.with_history)."""
        changes = [change for change in self.history.all() if change.to_status == self.status]
        return changes[-1] if changes else None

    @property
    def slipped_days(self) -> int | None:
        """Days between the end of the first due period and the end of the current one, once
        restated with a date both times; else None."""
        return slipped_days(self.restated_count, self.first_due_date, self.first_due_precision, self.due_date, self.due_precision)


def slipped_days(restated, first_due, first_precision, due, precision) -> int | None:
    if not restated or first_due is None or due is None:
        return None
    return (periods.last_day(due, precision) - periods.last_day(first_due, first_precision)).days


def format_happened(day: datetime.date | None, precision: str) -> str:
    """When something happened, as exact as it is known: "Sep 12, 2023", "Sep 2023", "Q3 2023", "2023"."""
    if day is None:
        return ""
    if precision == periods.YEAR:
        return str(day.year)
    return periods.format_period(day, precision)


@dataclass
class TimelineEntry:
    """One line of a commitment's public timeline (Commitment.timeline)."""

    SAID, ALSO_SAID, RESTATED, CHANGE, CORRECTED = "said", "also_said", "restated", "change", "corrected"
    ORDER = (SAID, ALSO_SAID, RESTATED, CHANGE, CORRECTED)  # on the same day

    kind: str
    on: datetime.date
    precision: str
    quote: str
    speaker: "Speaker | None"
    source: "Source | None"
    link: str
    change: "StatusChange | None" = None
    restatement: "Restatement | None" = None
    correction: "Correction | None" = None

    @property
    def when(self) -> str:
        return format_happened(self.on, self.precision)


class StatusChangeManager(models.Manager):
    def get_by_natural_key(self, commitment_slug, changed_at):
        return self.get(commitment__slug=commitment_slug, changed_at=changed_at)


class StatusChange(models.Model):
    """One status change of a commitment. Append-only: written by services.change_status only.
    `note` is the public reason (required for every verdict but "no news yet"); `happened_on`
    and `happened_precision` say when it happened in the world, `changed_at` when it was recorded."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="history")
    from_status = models.CharField(max_length=20, choices=Commitment.Status.choices)
    to_status = models.CharField(max_length=20, choices=Commitment.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(blank=True)
    evidence_url = models.URLField("evidence URL", max_length=500, blank=True)
    evidence_turn = models.ForeignKey(
        Turn,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_for",
        help_text="A turn of a later source that reports the change.",
    )
    happened_on = models.DateField(
        null=True, blank=True, help_text="When it happened in the world: a date inside the period below."
    )
    happened_precision = models.CharField(
        max_length=10, choices=Commitment.HAPPENED_PRECISIONS, default=Commitment.Precision.DAY
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        get_latest_by = ["changed_at", "pk"]
        indexes = [
            # The feed of recent changes: ORDER BY changed_at DESC.
            models.Index(fields=["-changed_at"], name="statuschange_recent_idx"),
        ]

    objects = StatusChangeManager()

    def __str__(self):
        return f"{self.commitment}: {self.from_status} → {self.to_status}"

    def natural_key(self):
        """Backups identify a change by its commitment and the microsecond it was recorded."""
        return (*self.commitment.natural_key(), self.changed_at.isoformat())

    natural_key.dependencies = ["commitments.commitment"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Status history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Status history is append-only.")

    @property
    def evidence_link(self):
        if self.evidence_url:
            return self.evidence_url
        if self.evidence_turn_id:
            return self.evidence_turn.get_absolute_url()
        return ""

    def get_absolute_url(self):
        return f"{self.commitment.get_absolute_url()}#change-{self.pk}"

    @property
    def happened_display(self):
        return format_happened(self.happened_on, self.happened_precision)


class RestatementManager(models.Manager):
    def get_by_natural_key(self, commitment, source, quote):
        return self.get(commitment__slug=commitment, source__slug=source, quote=quote)


class Restatement(models.Model):
    """A later statement of a commitment, with its own quote and its own due or condition.
    Written by services.add_restatement only, which also moves the commitment's current due to
    the latest restatement's (keeping the first in first_due_*). `also_said` marks a repeat within
    the same source: another quote of the same promise, not a restatement (no new due)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="restatements")
    quote = models.TextField(help_text="Verbatim, as in the transcript.")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="restatements", null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="restatements")
    turn = models.ForeignKey(Turn, on_delete=models.SET_NULL, related_name="restatements", null=True, blank=True)
    line = models.PositiveIntegerField(null=True, blank=True, help_text="Line in the transcript.")
    due_date = models.DateField(null=True, blank=True, help_text="A date inside the due period.")
    due_precision = models.CharField(max_length=10, choices=Commitment.Precision.choices, blank=True)
    due_text = models.CharField("due, as spoken", max_length=200, blank=True)
    condition = models.CharField("condition, as spoken", max_length=300, blank=True)
    also_said = models.BooleanField(
        "also said", default=False, help_text="A repeat within the same source, not a restatement."
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestatementManager()

    class Meta:
        ordering = ["source__aired_on", "line", "pk"]

    def __str__(self):
        return f"{self.commitment}: “{self.quote[:60]}”"

    def natural_key(self):
        # A fixture read before its commitment exists has no commitment yet: that key finds nothing.
        commitment = self.commitment.slug if self.commitment_id else None
        source = self.source.slug if self.source_id else None
        return (commitment, source, self.quote)

    natural_key.dependencies = ["commitments.commitment", "commitments.source"]

    @property
    def due_display(self):
        return periods.format_period(self.due_date, self.due_precision)

    @property
    def link(self):
        if self.turn_id:
            return self.turn.get_absolute_url()
        return self.source.url or self.source.get_absolute_url()


class EvidenceSuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=EvidenceSuggestion.State.PROPOSED)

    def in_transcript_order(self):
        """Each with its commitment and source (never the source's transcript), source by source
        in air-date order, then line by line."""
        return (
            self.select_related("commitment", "turn__source", "turn__speaker")
            .defer(*source_text("turn__source"))
            .order_by("turn__source__aired_on", "turn__source__slug", "line", "commitment__slug", "pk")
        )


class EvidenceSuggestionManager(models.Manager.from_queryset(EvidenceSuggestionQuerySet)):
    def get_by_natural_key(self, commitment_slug, ref):
        return self.get(commitment__slug=commitment_slug, ref=ref)


class EvidenceSuggestion(models.Model):
    """A team sentence of a later source that seems to speak of a commitment. Only an admin's
    accept changes the record (services.accept_suggestion), by kind:
    delivered, partly, progress, postponed, dropped -> change_status to that verdict, the turn as
    evidence, happened_on/happened_precision as when it happened (else the source's air date),
    the sentence quoted as the reason; restated -> add_restatement with new_due_date,
    new_due_precision, new_due_text and new_condition."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    class Kind(models.TextChoices):
        DELIVERED = evidence.Kind.DELIVERED, "Delivered"
        PARTLY = evidence.Kind.PARTLY, "Partly delivered"
        PROGRESS = evidence.Kind.PROGRESS, "Progress"
        RESTATED = evidence.Kind.RESTATED, "Restated"
        POSTPONED = evidence.Kind.POSTPONED, "Postponed"
        DROPPED = evidence.Kind.DROPPED, "Dropped"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="suggestions")
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DELIVERED)
    sentence = models.TextField()
    line = models.PositiveIntegerField(null=True, blank=True, help_text="Line of the sentence in the transcript.")
    matched_words = models.JSONField(
        default=list, blank=True, help_text="The sentence's words, as written, that tie it to the commitment."
    )
    matched_question = models.CharField(
        max_length=300,
        blank=True,
        help_text="The question (and section heading), or the sentence before, through which the sentence was matched, when it does not name the commitment itself.",
    )
    ref = models.CharField(
        max_length=200, default="", editable=False, help_text="Source and sentence digest: a re-import finds it again."
    )
    score = models.FloatField(default=0)
    happened_on = models.DateField(null=True, blank=True, help_text="When the report says it happened.")
    happened_precision = models.CharField(max_length=10, choices=Commitment.HAPPENED_PRECISIONS, blank=True)
    happened_by_air_date = models.BooleanField(
        "reported by the air date",
        default=False,
        help_text="The report names no time: it happened by the day the source aired.",
    )
    new_due_date = models.DateField(null=True, blank=True)
    new_due_precision = models.CharField(max_length=10, choices=Commitment.Precision.choices, blank=True)
    new_due_text = models.CharField(max_length=200, blank=True)
    new_condition = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = EvidenceSuggestionManager()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["commitment", "ref"], name="unique_suggestion_per_sentence")]
        indexes = [
            # list_suggestions and the review queue: pending suggestions.
            models.Index(fields=["state", "commitment"], name="suggestion_state_idx"),
        ]

    def __str__(self):
        return f"{self.commitment} ({self.get_kind_display().lower()}): “{self.sentence[:60]}”"

    def is_superseded(self, current: "StatusChange | None" = None) -> bool:
        """A verdict suggestion that happened before the commitment's current verdict (`current`,
        else read): kept, but accepting it cannot change the status."""
        if self.kind == self.Kind.RESTATED:
            return False
        current = current or self.commitment.current_verdict_change()
        when = self.happened_on or self.turn.source.aired_on
        return current is not None and when < current.happened_on

    def marked_parts(self, text: str | None = None) -> list[tuple[str, bool]]:
        """The sentence (or `text`: the question it was matched through) as (text, is a matched
        word) pieces, to mark the matched words."""
        text = self.sentence if text is None else text
        if not self.matched_words:
            return [(text, False)]
        pattern = "|".join(re.escape(word) for word in sorted(self.matched_words, key=len, reverse=True))
        pieces = re.split(rf"(?<![\w$])({pattern})(?![\w])", text)
        return [(piece, number % 2 == 1) for number, piece in enumerate(pieces) if piece]

    @property
    def proposed_dates_display(self) -> str:
        """"happened Sep 2023", "by Oct 27, 2023 (the air date)", "now due Q1 2024, after…"."""
        parts = []
        if self.happened_on:
            when = format_happened(self.happened_on, self.happened_precision)
            parts.append(f"by {when} (the air date)" if self.happened_by_air_date else f"happened {when}")
        if self.new_due_date:
            parts.append(f"now due {periods.format_period(self.new_due_date, self.new_due_precision)}")
        if self.new_condition:
            parts.append(f"now {self.new_condition}")
        return "; ".join(parts)

    def natural_key(self):
        return (*self.commitment.natural_key(), self.ref)

    natural_key.dependencies = ["commitments.commitment", "commitments.turn"]


class CorrectionQuerySet(models.QuerySet):
    def awaiting(self):
        return self.filter(state=Correction.State.NEW)

    def accepted(self):
        return self.filter(state=Correction.State.ACCEPTED)

    def sent_from(self, address_hash: str, since: datetime.datetime):
        return self.filter(address_hash=address_hash, sent_at__gte=since)

    def stamp_used(self, address_hash: str, stamp_hash: str) -> bool:
        """This sender already sent a correction with this form stamp."""
        return self.filter(address_hash=address_hash, stamp_hash=stamp_hash).exists()


class CorrectionManager(models.Manager.from_queryset(CorrectionQuerySet)):
    def get_by_natural_key(self, commitment_slug, sent_at):
        return self.get(commitment__slug=commitment_slug, sent_at=sent_at)


class Correction(models.Model):
    """A reader's report that something on a commitment's page is wrong. Sent without an
    account; an admin accepts it (it then shows on the commitment's timeline and the public
    corrections page) or dismisses it."""

    class State(models.TextChoices):
        NEW = "new", "Awaiting review"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="corrections")
    what_is_wrong = models.TextField("what is wrong", max_length=2000)
    source_url = models.URLField("source link", max_length=500, blank=True)
    email = models.EmailField("e-mail", blank=True, help_text="The reader's, if given; never shown.")
    address_hash = models.CharField(max_length=64, editable=False, help_text="Keyed hash of the sender's address, for throttling.")
    stamp_hash = models.CharField(max_length=64, blank=True, editable=False, help_text="Hash of the form's stamp: one correction per stamp and sender.")
    sent_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=20, choices=State.choices, default=State.NEW)
    public_note = models.TextField(
        "what we changed", blank=True, help_text="Shown on the public corrections page and the commitment's timeline."
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = CorrectionManager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [
            # The throttle: corrections from one address in the last hour.
            models.Index(fields=["address_hash", "sent_at"], name="correction_throttle_idx"),
            # The admin's queue and the public corrections page, by state, newest first.
            models.Index(fields=["state", "-sent_at"], name="correction_state_idx"),
        ]

    def __str__(self):
        return f"{self.commitment}: {self.what_is_wrong[:60]}"

    def decide(self, state: str, by, note: str = "") -> bool:
        """Accept or dismiss a correction awaiting review; False when it was decided already.
        An acceptance queues a message to the promise's followers in the same transaction."""
        from following.notify import queue_change  # the following app builds on these models

        with transaction.atomic():
            updated = Correction.objects.filter(pk=self.pk, state=self.State.NEW).update(
                state=state, decided_by=by, decided_at=timezone.now(), public_note=note or self.public_note
            )
            self.refresh_from_db()
            if updated and state == self.State.ACCEPTED:
                queue_change(self.commitment, correction=self)
        return bool(updated)

    def natural_key(self):
        return (*self.commitment.natural_key(), self.sent_at.isoformat())

    natural_key.dependencies = ["commitments.commitment"]

    def get_absolute_url(self):
        return reverse("corrections") + f"#correction-{self.pk}"


class ImportJob(models.Model):
    """An admin upload imported in the background (commitments/tasks.py): its files wait in
    ImportJobFile rows until the worker reads them; each file is imported in its own
    transaction, so a file that fails writes nothing and the job says why, naming it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file_names = models.JSONField("files", default=list)
    aired_on = models.DateField("air date", null=True, blank=True, help_text="As chosen in the upload, if any.")
    replace = models.CharField("replace source", max_length=200, blank=True)
    project = models.CharField(max_length=200, blank=True)
    files_done = models.PositiveIntegerField(default=0)
    turns_read = models.PositiveIntegerField(default=0)
    result = models.TextField(blank=True, help_text="One line per file: what importing it did.")
    error = models.TextField(blank=True, help_text="Why a file (named) or the job failed.")
    # What each imported file left to review: [{"source": pk, "proposed": n, "suggested": n}].
    sources = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import of {', '.join(self.file_names) or 'no file'} ({self.get_status_display()})"

    @property
    def files_total(self) -> int:
        return len(self.file_names)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)



class ImportJobFile(models.Model):
    """An uploaded file waiting for its job (size-checked when it was uploaded); emptied once read."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        ordering = ["pk"]
