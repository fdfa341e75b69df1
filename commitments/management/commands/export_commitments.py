import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from commitments.exports import SLUG_PLACEHOLDER, csv_rows, export_filename, write_csv
from commitments.filters import CommitmentFilter, public_filter

# Hints for the options whose filter label alone does not say what to give.
HINTS = {
    "topic": "Topic slug, e.g. mainnet.",
    "speaker": "Speaker name as tagged, e.g. Bin.",
    "source": "Source slug.",
    "q": "Words that must appear in the title or quote.",
}


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
        # One option per filter of the status page (filters.CommitmentFilter), named after it.
        for name, field in CommitmentFilter.base_filters.items():
            choices = field.extra.get("choices")
            parser.add_argument(
                "--" + name.replace("_", "-"), dest=name, help=HINTS.get(name),
                choices=[value for value, _ in choices] if choices else None,
            )

    def handle(self, *args, **options):
        query = QueryDict(mutable=True)
        for name in CommitmentFilter.base_filters:
            if options.get(name):
                query[name] = options[name]
        filterset = public_filter(query)
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
