"""The load benchmark's own arithmetic: its phases cover the run, and wrk's script draws the same
mix of pages as the Python readers."""

import re

from bench.load import MIX, phase_plan, wrk_script


def test_the_phases_cover_the_run_and_put_the_outage_in_its_middle_third():
    plan = phase_plan(30, outage=True)

    assert [name for name, _ in plan] == ["cold start", "before outage", "during outage", "after outage"]
    assert sum(seconds for _, seconds in plan) == 30
    assert dict(plan)["during outage"] == 10


def test_without_an_outage_the_run_is_a_cold_start_then_warm():
    assert phase_plan(20, outage=False) == [("cold start", 5), ("warm", 15)]


def test_wrk_script_draws_each_kind_of_page_by_its_weight():
    script = wrk_script(["a-slug", "other"])

    bounds = [int(n) for n in re.findall(r"if r <= (\d+)", script)]
    assert bounds == [30, 55, 85, 99]  # status, filtered, commitment, csv; the rest (1 in 100) the whole CSV
    assert sum(MIX.values()) == 100
    assert 'local slugs = {"a-slug", "other"}' in script
