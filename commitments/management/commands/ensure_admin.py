import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an admin login exists: creates a superuser from ADMIN_USERNAME / ADMIN_PASSWORD "
        "(default admin / admin, only while DEBUG is on) when no superuser exists yet. Never changes an existing user."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Admin login: a superuser already exists.")
            return
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD")
        if not password:
            if not settings.DEBUG:
                self.stdout.write(
                    "Admin login not created: DEBUG is off, so set ADMIN_PASSWORD (or run createsuperuser)."
                )
                return
            password = "admin"
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(f"Admin login created: user {username!r} (password from ADMIN_PASSWORD, default 'admin').")
