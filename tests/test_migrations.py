"""Existing records move to the verdict scale and to happened dates when migrated."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("commitments", "0005_due_precision_half_estimated")]
AFTER = [("commitments", "0006_verdict_scale_happened_dates_restatements")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_missed_becomes_broken_and_a_delivery_happened_on_its_delivery_date(old_apps):
    Source, Speaker = old_apps.get_model("commitments", "Source"), old_apps.get_model("commitments", "Speaker")
    Commitment, StatusChange = old_apps.get_model("commitments", "Commitment"), old_apps.get_model("commitments", "StatusChange")
    source = Source.objects.create(slug="ama", title="AMA", aired_on=datetime.date(2023, 8, 3))
    speaker = Speaker.objects.create(name="Bin")
    made = {"source": source, "speaker": speaker, "quote": "We will."}
    missed = Commitment.objects.create(slug="missed", title="Missed", status="missed", **made)
    delivered = Commitment.objects.create(
        slug="delivered", title="Delivered", status="delivered", delivered_on=datetime.date(2023, 9, 12), **made
    )
    untouched = Commitment.objects.create(slug="untouched", title="Untouched", status="pending", **made)
    recorded = timezone.make_aware(datetime.datetime(2023, 10, 27, 12, 0))
    StatusChange.objects.create(commitment=missed, from_status="pending", to_status="missed", changed_at=recorded)
    StatusChange.objects.create(commitment=delivered, from_status="pending", to_status="in_progress", changed_at=recorded)
    last = StatusChange.objects.create(
        commitment=delivered, from_status="in_progress", to_status="delivered", changed_at=recorded + datetime.timedelta(days=1)
    )

    apps = migrate(AFTER)

    Commitment, StatusChange = apps.get_model("commitments", "Commitment"), apps.get_model("commitments", "StatusChange")
    assert Commitment.objects.get(slug="missed").status == "broken"
    assert StatusChange.objects.get(commitment__slug="missed").to_status == "broken"
    assert Commitment.objects.get(slug="untouched").status == "pending"
    migrated = Commitment.objects.get(slug="delivered")
    assert (migrated.delivered_on, migrated.delivered_precision) == (datetime.date(2023, 9, 12), "day")
    assert migrated.reviewed_at == last.changed_at
    assert Commitment.objects.get(slug="untouched").reviewed_at is None
    happened = dict(StatusChange.objects.filter(commitment=migrated).values_list("to_status", "happened_on"))
    assert happened == {"in_progress": datetime.date(2023, 10, 27), "delivered": datetime.date(2023, 9, 12)}
