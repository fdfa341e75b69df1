import time

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
        parser.add_argument(
            "--every", type=int, metavar="SECONDS",
            help="Keep running: send what is queued, wait this long, again (a worker beside `make run`; stop it with Ctrl-C).",
        )

    def handle(self, *args, limit=None, where=False, every=None, **options):
        if where:
            self.stdout.write(
                f"E-mail to followers goes to {describe_backend()} (EMAIL_URL); it is queued until "
                "`.venv/bin/python manage.py send_notifications` sends it (after a change, from cron, "
                "or keep `send_notifications --every 10` running in another terminal)."
            )
            return
        while True:
            notify.forget_old()
            result = notify.send_pending(limit=limit)
            if options["verbosity"] and (result.sent or result.failed or not every):
                self.stdout.write(f"{result.sent} sent, {result.failed} failed (kept in the queue) via {describe_backend()}.")
            if not every:
                return
            time.sleep(every)


def describe_backend() -> str:
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "filebased":
        return f"files in {settings.EMAIL_FILE_PATH}/"
    if backend == "smtp":
        return f"the SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"the {backend} backend"
