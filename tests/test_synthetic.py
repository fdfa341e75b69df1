"""The generated data the benchmarks and the load run stand on."""

import pytest

from bench.synthetic import generate
from commitments.models import Commitment, StatusChange


@pytest.mark.django_db
def test_generate_makes_public_commitments_with_their_history():
    generate(120, prefix="t")

    assert Commitment.objects.published().filter(slug__startswith="t-").count() == 120
    assert set(Commitment.objects.values_list("status", flat=True)) <= set(Commitment.Status.values)
    assert StatusChange.objects.count() == Commitment.objects.exclude(status=Commitment.Status.NO_NEWS).count()
