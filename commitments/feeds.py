"""Atom feeds of what changed (verdicts, restatements, accepted corrections), newest happened date
first: all of them, per topic, per commitment. Each carries an XSL stylesheet, so a browser that
opens a feed shows a readable page with the link to subscribe."""

import copy
import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from .models import Commitment, Correction, Restatement, StatusChange, Topic, source_text
from .projects import scope

FEED_SIZE = 50


def public_changes():
    return (
        StatusChange.objects.filter(commitment__review=Commitment.Review.ACCEPTED)
        .select_related("commitment__speaker", "commitment__source", "evidence_turn__source")
        .defer(*source_text("commitment__source"), *source_text("evidence_turn__source"))
        .order_by("-changed_at", "-pk")
    )


class StyledAtom1Feed(Atom1Feed):
    """Atom with the feed's stylesheets as xml-stylesheet instructions (Django writes them only
    for RSS). Served as application/xml: Chromium shows application/atom+xml as plain text and
    applies no stylesheet, while feed readers read either type."""

    content_type = "application/xml; charset=utf-8"

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


def happened(item) -> tuple:
    """When an item happened in the world, then when it was recorded: the feeds' order."""
    if isinstance(item, StatusChange):
        return (item.happened_on or item.changed_at.date(), item.changed_at)
    if isinstance(item, Restatement):
        return (item.source.aired_on, item.created_at)
    return (item.decided_at.date(), item.decided_at)


def feed_items(project=None, **filters) -> list:
    """The FEED_SIZE newest items by happened date: status changes, restatements and accepted
    corrections of public commitments, `filters` applied to each (e.g. commitment=...).
    Three queries, each naming its joins; only a project's when given."""
    if project is not None:
        filters["commitment__in"] = Commitment.objects.for_project(project)
    changes = public_changes().filter(**filters).order_by("-happened_on", "-changed_at", "-pk")[:FEED_SIZE]
    restated = (
        Restatement.objects.filter(commitment__review=Commitment.Review.ACCEPTED, also_said=False, **filters)
        .select_related("commitment__speaker", "commitment__source", "source", "turn")
        .defer(*source_text("commitment__source"), *source_text("source"))
        .order_by("-source__aired_on", "-pk")[:FEED_SIZE]
    )
    corrections = (
        Correction.objects.accepted().filter(commitment__review=Commitment.Review.ACCEPTED, **filters)
        .select_related("commitment__speaker", "commitment__source")
        .defer(*source_text("commitment__source"))
        .order_by("-decided_at", "-pk")[:FEED_SIZE]
    )
    items = []
    for kind, rows in (("verdict", changes), ("restatement", restated), ("correction", corrections)):
        for row in rows:
            row.feed_kind = kind
            items.append(row)
    return sorted(items, key=happened, reverse=True)[:FEED_SIZE]


class StatusChangesFeed(Feed):
    feed_type = StyledAtom1Feed
    subtitle = "Every verdict on a public commitment, restatement and accepted correction, with its evidence."

    project = None

    def __call__(self, request, *args, **kwargs):
        # One feed object serves every request: the project is set on a copy for this one.
        feed = copy.copy(self)
        feed.project = scope(request)
        return super(StatusChangesFeed, feed).__call__(request, *args, **kwargs)

    def stylesheets(self):
        return [reverse("feed_stylesheet")]

    def title(self):
        named = f"{self.project.name} · " if self.project else ""
        return f"{named}{settings.SITE_TITLE}: what changed"

    def link(self):
        return reverse("status_page")

    def author_name(self):
        """Atom needs an author for every entry (RFC 4287 4.1.1): the site that records them."""
        return settings.SITE_TITLE

    def items(self):
        return feed_items(self.project)

    def item_title(self, item):
        if item.feed_kind == "restatement":
            return f"{item.commitment.title}: restated in {item.source.title}"
        if item.feed_kind == "correction":
            return f"{item.commitment.title}: correction accepted"
        return f"{item.commitment.title}: {item.get_to_status_display()}"

    # Atom summaries are type="html": the template escapes every text it holds.
    description_template = "feeds/status_change_summary.html"

    def get_context_data(self, **kwargs):
        """The summary template also gets the site's address: a feed reader cannot follow a
        link relative to a page it never loaded."""
        context = super().get_context_data(**kwargs)
        context["site_url"] = kwargs["request"].build_absolute_uri("/").rstrip("/")
        return context

    def item_link(self, item):
        if item.feed_kind == "restatement":
            return f"{item.commitment.get_absolute_url()}#restated-{item.pk}"
        if item.feed_kind == "correction":
            return f"{item.commitment.get_absolute_url()}#correction-{item.pk}"
        return item.get_absolute_url()

    def item_pubdate(self, item):
        """Atom's <published> is when it happened in the world (midnight UTC of that day);
        <updated> is when it was recorded."""
        return datetime.datetime.combine(happened(item)[0], datetime.time(), tzinfo=datetime.timezone.utc)

    def item_updateddate(self, item):
        return happened(item)[1]


class TopicFeed(StatusChangesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{settings.SITE_TITLE}: {topic.name}"

    def link(self, topic):
        return f"{reverse('status_page')}?topic={topic.slug}"

    def items(self, topic):
        return feed_items(self.project, commitment__topic=topic)


class CommitmentFeed(StatusChangesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Commitment.objects.published().for_project(self.project), slug=slug)

    def title(self, commitment):
        return f"{settings.SITE_TITLE}: {commitment.title}"

    def link(self, commitment):
        return commitment.get_absolute_url()

    def items(self, commitment):
        return feed_items(commitment=commitment)
