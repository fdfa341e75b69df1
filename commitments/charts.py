"""Server-rendered SVG charts and the badge. Functions take aggregated numbers and return SVG
text; every piece of text is escaped. No scripts and no style attributes (the CSP forbids
inline scripts), so the charts work with JavaScript off."""

import datetime
from itertools import accumulate

from django.utils.html import escape

STATUS_COLOURS = {
    "delivered": "#1c7c3c",
    "partly_delivered": "#6a9c3a",
    "in_progress": "#1f5fa8",
    "pending": "#b58900",
    "stalled": "#a35a00",
    "postponed": "#7a5aa8",
    "broken": "#b3261e",
    "dropped": "#8a909c",
}
STATUS_LABELS = {
    "delivered": "Delivered", "partly_delivered": "Partly delivered", "in_progress": "In progress", "pending": "No news yet",
    "stalled": "Stalled", "postponed": "Postponed", "broken": "Broken", "dropped": "Dropped",
}


def cumulative_chart(made: dict[datetime.date, int], delivered: dict[datetime.date, int], today: datetime.date) -> str:
    """Commitments made (by air date) and delivered (by delivery date), cumulative over time."""
    # A narrow canvas: it scales up on a desktop and its 12-unit text stays legible on a phone.
    width, height, left, bottom, top, right = 360, 220, 40, 40, 12, 12
    dates = sorted(set(made) | set(delivered))
    total_made, total_delivered = sum(made.values()), sum(delivered.values())
    title = "Commitments made and delivered over time"
    desc = f"{total_made} commitments made and {total_delivered} delivered"
    if dates:
        desc += f", from {dates[0]:%B %Y} to {max(dates[-1], today):%B %Y}."
    parts = [svg_open(width, height, "chart-progress", title, desc)]
    if not dates:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#5b6475">No commitments yet.</text></svg>')
        return "".join(parts)
    start, end = dates[0], max(dates[-1], today)
    span = max((end - start).days, 1)
    peak = max(total_made, 1)

    def x(date):
        return left + (width - left - right) * (date - start).days / span

    def y(count):
        return height - bottom - (height - bottom - top) * count / peak

    for label, series, colour, dash in (
        ("made", made, "#2457c5", ""),
        ("delivered", delivered, STATUS_COLOURS["delivered"], ' stroke-dasharray="6 3"'),
    ):
        # One step per drawn column: dates closer than a unit apart would draw on top of each
        # other, so years of daily deliveries stay a few hundred points.
        columns: dict[int, int] = {}
        for date, count in sorted(series.items()):
            column = round(x(date))
            columns[column] = columns.get(column, 0) + count
        running = list(accumulate(columns.values()))
        points = [(x(start), y(0))]
        for column, total in zip(columns, running):
            points += [(column, points[-1][1]), (column, y(total))]
        points.append((x(end), points[-1][1]))
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}><title>{label}: {running[-1] if running else 0}</title></polyline>')
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#5b6475"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#5b6475"/>')
    parts.append(f'<text x="{left - 6}" y="{y(peak) + 4:.1f}" text-anchor="end" font-size="12" fill="#1d2330">{peak}</text>')
    parts.append(f'<text x="{left - 6}" y="{y(0) + 4:.1f}" text-anchor="end" font-size="12" fill="#1d2330">0</text>')
    parts.append(f'<text x="{left}" y="{height - bottom + 16}" font-size="12" fill="#1d2330">{start:%b %Y}</text>')
    parts.append(f'<text x="{width - right}" y="{height - bottom + 16}" text-anchor="end" font-size="12" fill="#1d2330">{end:%b %Y}</text>')
    parts.append(f'<text x="{left}" y="{height - 4}" font-size="12" fill="#2457c5">── made ({total_made})</text>')
    parts.append(f'<text x="{left + 130}" y="{height - 4}" font-size="12" fill="{STATUS_COLOURS["delivered"]}">- - delivered ({total_delivered})</text>')
    parts.append("</svg>")
    return "".join(parts)


def topic_chart(counts: dict[str, dict[str, int]], most: int = 12) -> str:
    """One horizontal bar per topic, split by status, each with its numbers as text."""
    rows = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    if len(rows) > most:
        other: dict[str, int] = {}
        for _, statuses in rows[most - 1 :]:
            for status, count in statuses.items():
                other[status] = other.get(status, 0) + count
        rows = rows[: most - 1] + [(f"{len(rows) - most + 1} other topics", other)]
    # Each topic's name on its own line above its bar, so names need no truncation and the
    # narrow canvas stays legible on a phone.
    width, label_height, bar_height, gap = 360, 14, 14, 8
    row_height = label_height + bar_height + gap
    legend = legend_rows(width)
    height = max(60, 8 + len(rows) * row_height + 18 * len(legend))
    title = "Commitments per topic, by status"
    desc = "; ".join(f"{topic}: " + ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in statuses.items() if n) for topic, statuses in rows) or "No commitments yet."
    parts = [svg_open(width, height, "chart-topics", title, desc)]
    if not rows:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#5b6475">No commitments yet.</text></svg>')
        return "".join(parts)
    biggest = max(sum(statuses.values()) for _, statuses in rows) or 1
    count_width = 7 * len(f"{biggest}/{biggest}") + 10  # room for the "delivered/all" text
    bar_space = width - 8 - count_width
    for index, (topic, statuses) in enumerate(rows):
        top = 8 + index * row_height
        name = topic if len(topic) <= 48 else topic[:47].rstrip() + "…"
        parts.append(f'<text x="4" y="{top + 11}" font-size="12" fill="#1d2330">{escape(name)}</text>')
        bar_top = top + label_height
        x = 4
        for status in STATUS_COLOURS:
            count = statuses.get(status, 0)
            if not count:
                continue
            span = bar_space * count / biggest
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_top}" width="{max(span, 1):.1f}" height="{bar_height}" fill="{STATUS_COLOURS[status]}">'
                f"<title>{escape(topic)}: {count} {STATUS_LABELS[status].lower()}</title></rect>"
            )
            x += span
        delivered = statuses.get("delivered", 0)
        parts.append(f'<text x="{x + 6:.1f}" y="{bar_top + 11}" font-size="12" fill="#1d2330">{delivered}/{sum(statuses.values())}</text>')
    legend_top = 8 + len(rows) * row_height
    for line, items in enumerate(legend):
        y = legend_top + 12 + 18 * line
        for x, status in items:
            parts.append(f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{STATUS_COLOURS[status]}"/>')
            parts.append(f'<text x="{x + 14}" y="{y}" font-size="11" fill="#1d2330">{STATUS_LABELS[status]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend_rows(width: int) -> list[list[tuple[int, str]]]:
    """The status legend's items as (x, status), wrapped into lines that fit the width."""
    lines, x = [[]], 4
    for status in STATUS_COLOURS:
        item_width = 14 + 6 * len(STATUS_LABELS[status]) + 8
        if x + item_width > width and lines[-1]:
            lines.append([])
            x = 4
        lines[-1].append((x, status))
        x += item_width
    return lines


def svg_open(width: int, height: int, ident: str, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="system-ui, sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
    )


def badge(label: str, message: str) -> str:
    """A small status badge, e.g. "promises | 12 of 31 delivered"."""
    left, right = 7 * len(label) + 12, 7 * len(message) + 12
    width = left + right
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{escape(label)}: {escape(message)}">'
        f"<title>{escape(label)}: {escape(message)}</title>"
        f'<rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" fill="#1c7c3c"/>'
        f'<g fill="#fff" font-family="Verdana, DejaVu Sans, sans-serif" font-size="11">'
        f'<text x="6" y="14">{escape(label)}</text><text x="{left + 6}" y="14">{escape(message)}</text></g></svg>'
    )
