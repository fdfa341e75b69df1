"""iCalendar (RFC 5545) of due dates, written by hand: a few all-day events."""

import datetime
import re

from .reading import periods


def escape(text: str) -> str:
    """RFC 5545 TEXT: every line break (CRLF, a bare CR or LF) becomes the two characters \\n,
    so a value can never end its line and start a property or event of its own."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", r"\\n", text)


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def calendar(commitments, url_for, host: str, now: datetime.datetime, started=()) -> str:
    """An all-day event per dated commitment on the last day of its due period, and per
    conditional one (`started`: (commitment, day)) on the day its condition was met."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Commitment Tracker//Due dates//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Commitment due dates",
    ]
    for commitment in commitments:
        due = periods.last_day(commitment.due_date, commitment.due_precision)
        lines += [
            "BEGIN:VEVENT",
            f"UID:commitment-{commitment.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape('Due: ' + commitment.title)}",
            f"DESCRIPTION:{escape(commitment.quote + ' — ' + str(commitment.speaker) + ', ' + commitment.source.title)}",
            f"URL:{url_for(commitment)}",
            "END:VEVENT",
        ]
    for commitment, day in started:
        lines += [
            "BEGIN:VEVENT",
            f"UID:commitment-{commitment.pk}-clock@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape('Clock started: ' + commitment.title)}",
            f"DESCRIPTION:{escape('Its condition was met (' + (commitment.condition or 'what it waited for was delivered') + '). ' + commitment.quote + ' — ' + str(commitment.speaker) + ', ' + commitment.source.title)}",
            f"URL:{url_for(commitment)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
