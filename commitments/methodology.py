"""What the About page says about the method, kept beside the rules it describes: one line per
status (keyed by Commitment.Status value) and the due-date examples read by timephrases."""

import datetime

from django.conf import settings

from .reading import timephrases
from .reading import periods

STATUS_MEANINGS = {
    "pending": "Said, and nothing reported since: not yet due, or no news either way.",
    "in_progress": "The team has shown work under way (a testnet, a beta, a signed partner), not yet the promised result.",
    "stalled": "Work was reported once, and nothing since for a long while.",
    "postponed": "The team itself moved the date; the new date is in the timeline.",
    "partly_delivered": "Some of what was promised is out; the rest is not.",
    "delivered": "What was promised is out, with evidence a reader can check.",
    "broken": "The due period ended without delivery, or the team did the opposite.",
    "dropped": "The team said it will not do it.",
}

# Phrases a reader meets in transcripts, read as the importer reads them, against this air date.
EXAMPLE_AIR_DATE = datetime.date(2023, 8, 3)
DUE_EXAMPLES = ["on August 15th", "next month", "in Q2", "by the end of the year", "in two weeks", "in 2024"]


def due_examples() -> list[tuple[str, str]]:
    """(phrase, how it is read) for each example, from the importer's own rules."""
    rows = []
    for phrase in DUE_EXAMPLES:
        due = timephrases.find_due(f"We will ship it {phrase}.", EXAMPLE_AIR_DATE)
        rows.append((phrase, periods.format_period(due.date, due.precision) if due else "no date"))
    return rows


def vague_horizons() -> list[tuple[str, str]]:
    """(phrase, default horizon) for each vague phrase ("very soon"), as the importer reads
    them: timephrases.VAGUE_HORIZONS with the VAGUE_DUE_HORIZONS setting's changes."""
    rows = []
    for phrase, months in timephrases.horizons_with(settings.VAGUE_DUE_HORIZONS).items():
        if months == 0:
            rows.append((phrase, "no due date"))
        else:
            rows.append((phrase, f"{months} month{'s' if months != 1 else ''} after it was said"))
    return rows
