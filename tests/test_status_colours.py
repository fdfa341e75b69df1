"""No two status colours a reader could mistake for each other, and each readable as text."""

import itertools

from commitments.charts import STATUS_COLOURS
from commitments.models import Commitment

WHITE = "#ffffff"
MIN_DISTANCE = 25  # CIE76 ΔE in CIELAB: below about 20, small marks of two colours look alike
MIN_CONTRAST = 4.5  # WCAG AA for text on the page's light background


def channels(colour: str) -> list[float]:
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return [linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]


def luminance(colour: str) -> float:
    r, g, b = channels(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    r, g, b = channels(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


def test_every_status_has_its_own_colour_far_from_every_other():
    assert set(STATUS_COLOURS) == set(Commitment.Status.values)
    close = [
        (first, second, round(distance(STATUS_COLOURS[first], STATUS_COLOURS[second]), 1))
        for first, second in itertools.combinations(STATUS_COLOURS, 2)
        if distance(STATUS_COLOURS[first], STATUS_COLOURS[second]) < MIN_DISTANCE
    ]
    assert close == []


def test_the_distance_tells_near_identical_colours_apart():
    assert distance("#8a4b00", "#7a5a00") < MIN_DISTANCE  # the old stalled and pending browns
    assert distance("#1c7c3c", "#b3261e") > MIN_DISTANCE


def test_every_status_colour_is_readable_as_text_on_white():
    assert {status: contrast(colour, WHITE) >= MIN_CONTRAST for status, colour in STATUS_COLOURS.items()} == {
        status: True for status in STATUS_COLOURS
    }
