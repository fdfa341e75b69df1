"""Atom feeds of status changes: all of them, per topic, per commitment."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from .models import Commitment, StatusChange, Topic, source_text

FEED_SIZE = 50


def public_changes():
    return (
        StatusChange.objects.filter(commitment__review=Commitment.Review.ACCEPTED)
        .select_related("commitment__speaker", "commitment__source", "evidence_turn__source")
        .defer(*source_text("commitment__source"), *source_text("evidence_turn__source"))
        .order_by("-changed_at", "-pk")
    )


class StatusChangesFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Every change to a public commitment's status, with its evidence."
    link = "/"

    def title(self):
        return f"{settings.SITE_TITLE}: status changes"

    def items(self):
        return public_changes()[:FEED_SIZE]

    def item_title(self, change):
        return f"{change.commitment.title}: {change.get_to_status_display()}"

    # Atom summaries are type="html": the template escapes every text it holds.
    description_template = "feeds/status_change_summary.html"

    def get_context_data(self, **kwargs):
        """The summary template also gets the site's address: a feed reader cannot follow a
        link relative to a page it never loaded."""
        context = super().get_context_data(**kwargs)
        context["site_url"] = kwargs["request"].build_absolute_uri("/").rstrip("/")
        return context

    def item_link(self, change):
        return change.get_absolute_url()

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at


class TopicFeed(StatusChangesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{settings.SITE_TITLE}: {topic.name}"

    def link(self, topic):
        return f"/?topic={topic.slug}"

    def items(self, topic):
        return public_changes().filter(commitment__topic=topic)[:FEED_SIZE]


class CommitmentFeed(StatusChangesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Commitment.objects.published(), slug=slug)

    def title(self, commitment):
        return f"{settings.SITE_TITLE}: {commitment.title}"

    def link(self, commitment):
        return commitment.get_absolute_url()

    def items(self, commitment):
        return public_changes().filter(commitment=commitment)[:FEED_SIZE]
