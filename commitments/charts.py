"""The badge and the charts' geometry. Markup lives in templates/charts/*.svg; this module only
computes positions, widths and colours from aggregated numbers, so the SVG is escaped by the
template engine like every page. No scripts and no style attributes (the CSP forbids inline
scripts), so the charts work with JavaScript off."""

import datetime
from itertools import accumulate

from django.template.loader import render_to_string

from .models import Commitment

# One palette for the pages (palette.css is rendered from it) and the SVG. Keyed by status
# value; a status without an entry is drawn in NEUTRAL.
STATUS_COLOURS = {
    "pending": "#7a5a00",
    "in_progress": "#1f5fa8",
    "stalled": "#a03c6e",
    "postponed": "#7a3fb0",
    "partly_delivered": "#5f6f00",
    "delivered": "#1c7c3c",
    "broken": "#b3261e",
    "dropped": "#5b6475",
}
NEUTRAL = "#5b6475"
INK, MUTED, ACCENT = "#1d2330", "#5b6475", "#2457c5"
OVERDUE, DUE_SOON = "#b3261e", "#7a3e00"


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, NEUTRAL)


def palette() -> list[tuple[str, str]]:
    """(CSS custom property name, colour) for every status and the page's other status marks."""
    return [(status, status_colour(status)) for status in Commitment.Status.values] + [
        ("overdue", OVERDUE),
        ("due-soon", DUE_SOON),
    ]


# Advance widths of Verdana (units per em: 2048), the badge's face; text elsewhere uses the same
# table, scaled to its size. Characters not listed count as a wide letter.
VERDANA_WIDTHS = {
    **dict.fromkeys("abdgpqhnu", 1280),
    "c": 1067, "e": 1208, "f": 720, "i": 562, "j": 678, "k": 1190, "l": 562, "m": 1993, "o": 1233,
    "r": 874, "s": 1067, "t": 807, "v": 1190, "w": 1677, "x": 1190, "y": 1190, "z": 1051,
    **dict.fromkeys("0123456789", 1303),
    "A": 1401, "B": 1405, "C": 1430, "D": 1577, "E": 1294, "F": 1178, "G": 1587, "H": 1540, "I": 862,
    "J": 920, "K": 1415, "L": 1145, "M": 1729, "N": 1532, "O": 1614, "P": 1243, "Q": 1614, "R": 1423,
    "S": 1401, "T": 1265, "U": 1503, "V": 1401, "W": 2031, "X": 1405, "Y": 1255, "Z": 1405,
    " ": 720, ".": 745, ",": 745, ":": 889, ";": 889, "-": 874, "%": 2200, "(": 1042, ")": 1042,
    "/": 1063, "'": 551, "&": 1470, "+": 1716, "!": 823, "?": 1118, "·": 745, "…": 2048,
}
WIDE = 1400


def text_width(text: str, font_size: float = 11) -> float:
    return sum(VERDANA_WIDTHS.get(char, WIDE) for char in text) * font_size / 2048


# Badge colours by delivered share: (at least this share, colour), first match wins.
BADGE_COLOURS = [(0.75, "#1c7c3c"), (0.5, "#4d7a0c"), (0.25, "#9a5b00"), (0.0, "#b3261e")]


def badge_colour(delivered: int, total: int) -> str:
    if not total:
        return NEUTRAL
    share = delivered / total
    return next(colour for least, colour in BADGE_COLOURS if share >= least)


def badge(label: str, delivered: int, total: int) -> str:
    """A small status badge, e.g. "promises | 12 of 31 delivered", coloured by the share."""
    message = f"{delivered} of {total} delivered"
    left = round(text_width(label)) + 12
    right = round(text_width(message)) + 12
    return render_to_string(
        "charts/badge.svg",
        {
            "label": label,
            "message": message,
            "left": left,
            "right": right,
            "width": left + right,
            "colour": badge_colour(delivered, total),
            "message_x": left + 6,
        },
    )


def cumulative_chart(made: dict[datetime.date, int], delivered: dict[datetime.date, int]) -> str:
    """Commitments made (by air date) and delivered (by delivery date), cumulative over time,
    drawn as steps, with a labelled count axis and date axis from the first event to the last
    (not to today: a flat tail to today would read as a measured stretch with nothing in it)."""
    width, height, left, bottom, top, right = 360, 240, 44, 58, 14, 14
    dates = sorted(set(made) | set(delivered))
    total_made, total_delivered = sum(made.values()), sum(delivered.values())
    context = {
        "width": width,
        "height": height,
        "title": "Commitments made and delivered over time",
        "desc": f"{total_made} commitments made and {total_delivered} delivered",
        "total_made": total_made,
        "total_delivered": total_delivered,
        "made_colour": ACCENT,
        "delivered_colour": status_colour(Commitment.Status.DELIVERED),
        "ink": INK,
        "muted": MUTED,
        "empty": not dates,
        "centre_x": width / 2,
        "centre_y": height / 2,
    }
    if not dates:
        return render_to_string("charts/progress.svg", context)
    start, end = dates[0], dates[-1]
    if (end - start).days < 30:
        start -= datetime.timedelta(days=15)
        end += datetime.timedelta(days=15)
    span = (end - start).days
    peak = max(total_made, 1)
    plot_bottom = height - bottom

    def x(date):
        return left + (width - left - right) * (date - start).days / span

    def y(count):
        return plot_bottom - (plot_bottom - top) * count / peak

    def steps(series):
        # One step per drawn column: dates closer than a unit apart would draw on top of each
        # other, so years of daily deliveries stay a few hundred points.
        columns: dict[int, int] = {}
        for date, count in sorted(series.items()):
            column = round(x(date))
            columns[column] = columns.get(column, 0) + count
        points = [(x(start), y(0))]
        for column, running in zip(columns, accumulate(columns.values())):
            points += [(column, points[-1][1]), (column, y(running))]
        points.append((x(end), points[-1][1]))
        return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)

    count_ticks = sorted({0, peak // 2, peak})
    date_ticks = [start, start + (end - start) / 2, end]
    legend_y = height - 8
    made_label, delivered_label = f"made ({total_made})", f"delivered ({total_delivered})"
    delivered_x = left + 24 + round(text_width(made_label, 12)) + 18
    context.update(
        {
            "desc": context["desc"] + f", from {start:%B %Y} to {end:%B %Y}.",
            "made_points": steps(made),
            "delivered_points": steps(delivered),
            "left": left,
            "right_edge": width - right,
            "top": top,
            "plot_bottom": plot_bottom,
            "y_ticks": [
                {"y": round(y(count), 1), "count": count, "label_x": left - 6, "label_y": round(y(count) + 4, 1)}
                for count in count_ticks
            ],
            "x_ticks": [
                {"x": round(x(date), 1), "label": f"{date:%b %Y}", "anchor": anchor,
                 "mark_y": plot_bottom + 4, "label_y": plot_bottom + 17}
                for date, anchor in zip(date_ticks, ("start", "middle", "end"))
            ],
            "y_label": {"x": 12, "y": round((top + plot_bottom) / 2, 1)},
            "x_label": {"x": round((left + width - right) / 2, 1), "y": plot_bottom + 33},
            "legend": [
                {"x": x0, "line_end": x0 + 18, "line_y": legend_y - 4, "text_x": x0 + 24, "y": legend_y,
                 "colour": colour, "dashed": dashed, "label": label}
                for x0, colour, dashed, label in (
                    (left, ACCENT, False, made_label),
                    (delivered_x, status_colour(Commitment.Status.DELIVERED), True, delivered_label),
                )
            ],
        }
    )
    return render_to_string("charts/progress.svg", context)


def topic_rows(counts: dict[str | None, dict[str, int]], most: int = 20) -> list[tuple[str, dict[str, int]]]:
    """Topics by number of commitments, then name; "No topic" and the grouped tail last."""
    named = sorted(((t, s) for t, s in counts.items() if t), key=lambda item: (-sum(item[1].values()), item[0]))
    tail: dict[str, int] = {}
    tail_count = 0
    if len(named) > most:
        for _, statuses in named[most - 1 :]:
            tail_count += 1
            for status, count in statuses.items():
                tail[status] = tail.get(status, 0) + count
        named = named[: most - 1]
    rows = list(named)
    if tail:
        rows.append((f"{tail_count} other topics", tail))
    if counts.get(None):
        rows.append(("No topic", counts[None]))
    return rows


def topic_chart(counts: dict[str | None, dict[str, int]], most: int = 20) -> str:
    """One horizontal bar per topic, split by status, with "delivered/all" beside each bar.
    Each topic's name sits on its own line above its bar, legible on a phone."""
    rows = topic_rows(counts, most)
    labels = dict(Commitment.Status.choices)
    width, label_height, bar_height, gap, font = 360, 14, 14, 8, 12
    row_height = label_height + bar_height + gap
    legend = legend_rows(width, labels)
    height = max(60, 8 + len(rows) * row_height + 18 * len(legend))
    desc = "; ".join(
        f"{topic}: " + ", ".join(f"{n} {labels.get(s, s).lower()}" for s, n in statuses.items() if n)
        for topic, statuses in rows
    )
    context = {
        "width": width,
        "height": height,
        "title": "Commitments per topic, by status",
        "desc": desc or "No commitments yet.",
        "empty": not rows,
        "centre_x": width / 2,
        "centre_y": height / 2,
        "ink": INK,
        "muted": MUTED,
        "font": font,
    }
    if not rows:
        return render_to_string("charts/topics.svg", context)
    biggest = max(sum(statuses.values()) for _, statuses in rows) or 1
    count_width = text_width(f"{biggest}/{biggest}", font) + 10
    bar_space = width - 8 - count_width
    drawn = []
    for index, (topic, statuses) in enumerate(rows):
        row_top = 8 + index * row_height
        bar_top = row_top + label_height
        x, bars = 4.0, []
        for status in Commitment.Status.values:
            count = statuses.get(status, 0)
            if not count:
                continue
            span = bar_space * count / biggest
            bars.append(
                {"x": round(x, 1), "width": round(max(span, 1), 1), "colour": status_colour(status),
                 "count": count, "label": labels[status].lower()}
            )
            x += span
        drawn.append(
            {
                "name": truncate(topic, width - 8, font),
                "topic": topic,
                "label_y": row_top + 11,
                "bar_top": bar_top,
                "bars": bars,
                "count_x": round(x + 6, 1),
                "count_y": bar_top + 11,
                "delivered": statuses.get(Commitment.Status.DELIVERED, 0),
                "total": sum(statuses.values()),
            }
        )
    legend_top = 8 + len(rows) * row_height
    context.update(
        {
            "rows": drawn,
            "bar_height": bar_height,
            "legend": [
                {"x": x, "y": legend_top + 12 + 18 * line, "box_y": legend_top + 2 + 18 * line,
                 "colour": status_colour(status), "label": labels[status], "text_x": x + 14}
                for line, items in enumerate(legend)
                for x, status in items
            ],
        }
    )
    return render_to_string("charts/topics.svg", context)


def truncate(text: str, room: float, font_size: float) -> str:
    if text_width(text, font_size) <= room:
        return text
    while text and text_width(text + "…", font_size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def legend_rows(width: int, labels: dict[str, str]) -> list[list[tuple[int, str]]]:
    """The status legend's items as (x, status), wrapped into lines that fit the width."""
    lines, x = [[]], 4
    for status in Commitment.Status.values:
        item_width = 14 + round(text_width(labels[status], 11)) + 10
        if x + item_width > width and lines[-1]:
            lines.append([])
            x = 4
        lines[-1].append((x, status))
        x += item_width
    return lines
