import datetime

from django.core.management.base import BaseCommand, CommandError

from commitments.importers import describe_import, import_files


LONG_FILE_TURNS = 1000  # files with more turns get a progress line on stderr


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--aired-on {value!r}: use YYYY-MM-DD, e.g. 2023-08-03.") from None


class Command(BaseCommand):
    help = (
        "Import AMA transcripts: each file becomes a source with its speakers and turns, and its "
        "commitments are proposed for review in the admin. Each file is imported in one "
        "transaction; a bad file writes nothing and the others go on."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; write nothing.")
        parser.add_argument("--aired-on", type=iso_date, help="Air date (YYYY-MM-DD) when the file has none.")
        parser.add_argument(
            "--replace",
            metavar="SLUG",
            default="",
            help="The file is a new version of this source: update it (its turns, new proposals) instead of "
            "making a new source. Without it, a file whose name slugs like another source's is a new source.",
        )

        parser.add_argument(
            "--project",
            metavar="SLUG",
            default="",
            help="File the sources under this project (slug or name). Without it: the front matter's "
            "`project:` when it names one, else the first project.",
        )

    def handle(self, *args, files, dry_run, aired_on, replace, project, **options):
        if replace and len(files) > 1:
            raise CommandError(f"--replace {replace} names one source: give one file with it, not {len(files)}.")
        failed = 0
        started = [0]

        def read(name, turns):
            # A long file takes seconds: say so on stderr while it is stored and matched.
            started[0] += 1
            if turns >= LONG_FILE_TURNS:
                self.stderr.write(f"[{started[0]}/{len(files)}] {name}: {turns:,} turn(s) read; storing and matching them…")

        outcomes = import_files(files, aired_on=aired_on, dry_run=dry_run, replace=replace, project=project, on_read=read)
        for number, outcome in enumerate(outcomes, start=1):
            started[0] = number
            prefix = f"[{number}/{len(files)}] "
            if outcome.error:
                failed += 1
                self.stderr.write(f"{prefix}error: {outcome.error}")
            else:
                self.stdout.write(prefix + describe_import(outcome.result, dry_run=dry_run))
                if outcome.result.team_silent:
                    self.stderr.write(self.style.WARNING(f"{prefix}{outcome.result.warnings[0]}"))
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) failed; nothing was written for them.")
