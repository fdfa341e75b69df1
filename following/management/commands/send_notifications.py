from django.conf import settings
from django.core.management.base import BaseCommand

from following import notify


class Command(BaseCommand):
    help = (
        "Send the queued e-mail (confirmation links, and one message per change to what each reader follows) "
        "through the EMAIL_URL backend. Run it after each change, or every minute or so from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="Send at most this many messages.")
        parser.add_argument("--where", action="store_true", help="Only say where mail goes (EMAIL_URL), send nothing.")

    def handle(self, *args, limit=None, where=False, **options):
        if where:
            self.stdout.write(
                f"E-mail to followers goes to {describe_backend()} (EMAIL_URL); it is queued until "
                "`.venv/bin/python manage.py send_notifications` sends it (run it after a change, or from cron)."
            )
            return
        notify.forget_old()
        result = notify.send_pending(limit=limit)
        if options["verbosity"]:
            self.stdout.write(f"{result.sent} sent, {result.failed} failed (kept in the queue) via {describe_backend()}.")


def describe_backend() -> str:
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "filebased":
        return f"files in {settings.EMAIL_FILE_PATH}/"
    if backend == "smtp":
        return f"the SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"the {backend} backend"
