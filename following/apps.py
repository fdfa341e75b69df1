from django.apps import AppConfig


class FollowingConfig(AppConfig):
    """Readers following a promise, a topic or a project by e-mail. Its own app so that its
    tables stay outside the public page cache's data version (commitments/caching.py watches
    every table of the commitments app): a reader subscribing changes no public page."""

    name = "following"
    verbose_name = "Following by e-mail"
