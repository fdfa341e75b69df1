"""What the journeys share: screenshots kept for a person to look at, what is inside the
viewport (not only in the DOM), a click counter, and axe-core's accessibility check."""

import re
from pathlib import Path

import axe_playwright_python

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def screenshot(page, name: str, full_page: bool = False):
    ARTIFACTS.mkdir(exist_ok=True)
    file_name = re.sub(r"[^\w.-]+", "_", name) + ".png"
    page.screenshot(path=str(ARTIFACTS / file_name), full_page=full_page)


def in_viewport(page, locator) -> bool:
    """The element's whole box lies inside the visible viewport, as scrolled now."""
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["x"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"] + 1
    )


class Clicks:
    """Counts what a person does: each click, as they would make it."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, target, **kwargs):
        self.count += 1
        locator = self.page.locator(target) if isinstance(target, str) else target
        locator.click(**kwargs)


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


# A later AMA in which the team reports the mainnet launched: the delivery the journeys accept.
LAUNCH_REPORT = """---
title: AMA on Twitter 27.10.2023
description: Stratos AMA on Twitter Spaces with Bin Zhu and Claire Bearzh, aired on October 27, 2023.
---

## Updates

<bin>Bin</bin>

So as you know, our Stratos mainnet was launched more than a month ago and is live.
"""


def import_in_admin(page, folder, text: str = LAUNCH_REPORT, name: str = "later-launch-report.md"):
    """Upload one transcript through the admin's Import page, as a logged-in admin would."""
    transcript = folder / name
    transcript.write_text(text, encoding="utf-8")
    page.goto(page.base + "/admin/commitments/source/import/")
    page.set_input_files("#id_file", str(transcript))
    page.click("input[type=submit][value=Import]")
