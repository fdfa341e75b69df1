import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from commitments.exports import SLUG_PLACEHOLDER, csv_rows, export_filename, write_csv
from commitments.filters import CommitmentFilter
from commitments.models import Commitment

FILTERS = ("status", "topic", "speaker", "source", "overdue", "due_soon", "q")


class Command(BaseCommand):
    help = "Write the public commitments as CSV, the same file /export.csv gives for the same filters."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o",
            help="File to write (default: standard output). A directory gets a file named after the filters, "
            "e.g. stratos-overdue-2026-12-05.csv.",
        )
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="Scheme and host for the url column (default: SITE_URL, %(default)s).",
        )
        parser.add_argument("--status", choices=Commitment.Status.values)
        parser.add_argument("--topic", help="Topic slug, e.g. mainnet.")
        parser.add_argument("--speaker", help="Speaker name as tagged, e.g. Bin.")
        parser.add_argument("--source", help="Source slug.")
        parser.add_argument("--overdue", choices=["yes", "no"])
        parser.add_argument("--due-soon", dest="due_soon", choices=["yes", "no"])
        parser.add_argument("--q", help="Words that must appear in the title or quote.")

    def handle(self, *args, **options):
        query = QueryDict(mutable=True)
        for name in FILTERS:
            if options.get(name):
                query[name] = options[name]
        filterset = CommitmentFilter(query or None, queryset=Commitment.objects.published().for_list())
        if filterset.is_bound and not filterset.is_valid():
            problems = "; ".join(f"--{field.replace('_', '-')}: {' '.join(errors)}" for field, errors in filterset.errors.items())
            raise CommandError(f"Invalid filter: {problems}")
        url_pattern = options["base_url"].rstrip("/") + reverse("commitment_detail", args=[SLUG_PLACEHOLDER])
        rows = csv_rows(filterset.qs, url_pattern)
        if options["output"]:
            if os.path.isdir(options["output"]):
                options["output"] = os.path.join(options["output"], export_filename(filterset.form.cleaned_data if filterset.is_bound else {}, timezone.localdate()))
            with open(options["output"], "w", encoding="utf-8", newline="") as file:
                count = write_csv(rows, file)
            self.stderr.write(f"Wrote {count} commitment(s) to {options['output']}.")
        else:
            # A pipe gets no byte-order mark: the next program reads UTF-8 text.
            write_csv(rows, sys.stdout, bom=False)
