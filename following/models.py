"""Subscriptions by e-mail and the queue of messages to send them. Addresses live here and
nowhere else; no public page, feed, API or export reads these tables."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from commitments.models import Commitment, Correction, Project, Restatement, StatusChange, Topic


class SubscriptionQuerySet(models.QuerySet):
    @staticmethod
    def normalize_email(email: str) -> str:
        """One address, one spelling: the whole address in lower case (no mail server in use
        tells Reader@ from reader@), so the limits and "already follows" see one address."""
        return email.strip().lower()

    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def following(self, commitment: Commitment, project_id: int | None):
        """Confirmed subscriptions to `commitment`, its topic or its project."""
        followed = Q(commitment=commitment)
        if commitment.topic_id:
            followed |= Q(topic_id=commitment.topic_id)
        if project_id:
            followed |= Q(project_id=project_id)
        return self.confirmed().filter(followed)


class Subscription(models.Model):
    """One address following one promise, topic or project. Confirmed by the signed link it
    was sent (double opt-in); deleted, with whatever it had pending, when the reader leaves."""

    email = models.EmailField("e-mail", help_text="Never shown publicly.")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="subscription_one_target",
                condition=(
                    Q(commitment__isnull=False, topic__isnull=True, project__isnull=True)
                    | Q(commitment__isnull=True, topic__isnull=False, project__isnull=True)
                    | Q(commitment__isnull=True, topic__isnull=True, project__isnull=False)
                ),
            ),
            models.UniqueConstraint(fields=["email", "commitment"], condition=Q(commitment__isnull=False), name="subscription_commitment_once"),
            models.UniqueConstraint(fields=["email", "topic"], condition=Q(topic__isnull=False), name="subscription_topic_once"),
            models.UniqueConstraint(fields=["email", "project"], condition=Q(project__isnull=False), name="subscription_project_once"),
        ]

    def __str__(self):
        return f"{self.email} follows {self.target}"

    @property
    def target(self):
        return self.commitment or self.topic or self.project

    @property
    def target_name(self) -> str:
        if self.commitment_id:
            return f"“{self.commitment.title}”"
        if self.topic_id:
            return f"the topic {self.topic.name}"
        return f"{self.project.name}'s promises"

    @property
    def specificity(self) -> int:
        """A promise before its topic before its project: the one named in the message."""
        return 0 if self.commitment_id else 1 if self.topic_id else 2


class FollowRequestQuerySet(models.QuerySet):
    def in_last_hour(self, **hashes):
        return self.filter(requested_at__gte=timezone.now() - datetime.timedelta(hours=1), **hashes)


class FollowRequest(models.Model):
    """A request to follow, kept an hour or so for the limits: keyed hashes of the address and
    of the client, never the address itself."""

    email_hash = models.CharField(max_length=64)
    client_hash = models.CharField(max_length=64)
    requested_at = models.DateTimeField(default=timezone.now)

    objects = FollowRequestQuerySet.as_manager()

    class Meta:
        indexes = [
            # The limits: requests for one address, and from one client, in the last hour.
            models.Index(fields=["email_hash", "requested_at"], name="followrequest_email_idx"),
            models.Index(fields=["client_hash", "requested_at"], name="followrequest_client_idx"),
        ]


class Notification(models.Model):
    """A message waiting to be sent (sent_at empty) or sent: a confirmation link, or one change
    to what the subscription follows. Written in the same transaction as the change by
    following.notify.queue_change; sent by `manage.py send_notifications`."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirmation link"
        STATUS = "status", "Status change"
        RESTATED = "restated", "Restatement"
        CORRECTION = "correction", "Accepted correction"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    status_change = models.ForeignKey(StatusChange, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    restatement = models.ForeignKey(Restatement, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # send_notifications: the unsent ones, oldest first.
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="notification_pending_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.subscription_id}"
