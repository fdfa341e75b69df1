"""Synthetic commitments for benchmarks and load runs: realistic sources, speakers, topics
and history, written with bulk_create. Call after django.setup()."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from commitments.reading.evidence import signature
from commitments.models import Commitment, Source, Speaker, StatusChange, Topic
from commitments.reading.topics import TOPICS

VERBS = ["launch", "ship", "open", "integrate", "release", "announce", "build", "list", "deliver", "support"]
THINGS = [
    "the mainnet", "the CDN layer", "a grants program", "the Solana bridge", "the mobile wallet",
    "the computing component", "the database component", "fiat payments", "more market makers",
    "the SDK v2", "team token unlocks", "a new funding round", "the resource-node rewards", "airdrops",
]
PRECISIONS = ["day", "week", "month", "quarter", "year", ""]


@transaction.atomic
def generate(count: int, seed: int = 1, prefix: str = "syn") -> None:
    rng = random.Random(seed)
    topics = [Topic.objects.get_or_create(slug=t.slug, defaults={"name": t.name})[0] for t in TOPICS]
    speakers = [
        Speaker.objects.get_or_create(name=f"{prefix} speaker {n}", defaults={"is_team": n < 12, "role": "Team"})[0]
        for n in range(20)
    ]
    first_air = datetime.date(2021, 1, 1)
    sources = Source.objects.bulk_create(
        Source(
            slug=f"{prefix}-ama-{n}",
            title=f"Synthetic AMA {n}",
            aired_on=first_air + datetime.timedelta(days=7 * n),
            author="Bench",
            description=f"Synthetic AMA number {n}.",
        )
        for n in range(max(1, count // 60))
    )
    now = timezone.now()
    commitments = []
    for n in range(count):
        source = rng.choice(sources)
        precision = rng.choice(PRECISIONS)
        due = source.aired_on + datetime.timedelta(days=rng.randint(7, 700)) if precision else None
        # weights in Commitment.Status order
        status = rng.choices(Commitment.Status.values, weights=[50, 15, 2, 2, 3, 20, 6, 2])[0]
        text = f"We will {rng.choice(VERBS)} {rng.choice(THINGS)}"
        title = f"{text.removeprefix('We will ').capitalize()} (#{n})"
        quote = f"{text} {'next month' if precision else 'after the mainnet launch'}, as we said in AMA {n}."
        condition = "" if precision else "after the mainnet launch"
        topic = rng.choice(topics)
        commitments.append(
            Commitment(
                slug=f"{prefix}-{n}",
                title=title,
                quote=quote,
                match_terms=signature(title, quote, condition, topic.name),  # as Commitment.save() sets it
                speaker=rng.choice(speakers),
                source=source,
                topic=topic,
                status=status,
                due_date=due,
                due_precision=precision,
                due_text="next month" if precision else "",
                condition=condition,
                delivered_on=due if status == "delivered" and due else None,
                delivered_precision=precision if status == "delivered" and due else "",
                created_at=now,
                updated_at=now,
            )
        )
    Commitment.objects.bulk_create(commitments, batch_size=2000)
    created = Commitment.objects.filter(slug__startswith=f"{prefix}-").exclude(status="pending").values_list("pk", "status")
    StatusChange.objects.bulk_create(
        (StatusChange(commitment_id=pk, from_status="pending", to_status=status, changed_at=now, note="Synthetic") for pk, status in created.iterator()),
        batch_size=2000,
    )
