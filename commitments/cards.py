"""A promise's link-preview card (og:image): a 1200×630 PNG drawn with Pillow from its title,
verdict and due. Served by views.commitment_card; the public page cache keeps it under the data
version (commitments/caching.py), so it is drawn once per change of the data."""

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .charts import INK, MUTED, OVERDUE, status_colour

SIZE = (1200, 630)
MARGIN = 64
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False):
    """DejaVu Sans when the system has it (wide coverage: Cyrillic, accents), else Pillow's own."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def wrap(draw, text: str, face, width: int, max_lines: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + "…", font=face) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines


def commitment_card(*, title: str, status: str, summary: str, due: str, quote: str, project: str, site: str, overdue: bool) -> bytes:
    image = Image.new("RGB", SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    colour = status_colour(status)
    draw.rectangle([0, 0, SIZE[0], 18], fill=colour)
    width = SIZE[0] - 2 * MARGIN
    y = 60
    draw.text((MARGIN, y), f"{project}'s promise", font=font(30), fill=MUTED)
    y += 60
    for line in wrap(draw, title, font(64, bold=True), width, 3):
        draw.text((MARGIN, y), line, font=font(64, bold=True), fill=INK)
        y += 78
    y += 24
    for line in wrap(draw, summary, font(44, bold=True), width, 2):
        draw.text((MARGIN, y), line, font=font(44, bold=True), fill=OVERDUE if overdue else colour)
        y += 56
    if due:
        draw.text((MARGIN, y + 8), due, font=font(32), fill=MUTED)
        y += 56
    y += 24
    room = max((SIZE[1] - 100 - y) // 40, 0)
    if room:
        for line in wrap(draw, f"“{quote}”", font(30), width, min(room, 3)):
            draw.text((MARGIN, y), line, font=font(30), fill=INK)
            y += 40
    draw.text((MARGIN, SIZE[1] - 70), site, font=font(28), fill=MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
