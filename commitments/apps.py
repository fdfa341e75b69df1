from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommitmentsConfig(AppConfig):
    name = "commitments"

    def ready(self):
        from . import caching

        post_migrate.connect(caching.install_data_version, sender=self)
