"""Importing a new version of a transcript proposes nothing seen before and never makes a second source."""

import pytest
from django.core.management import call_command

from commitments.models import Commitment, EvidenceSuggestion, Source

from .factories import corpus_files

pytestmark = pytest.mark.django_db

AMA = "stratos-ama-twitter-spaces-27-10-2023.md"


def corpus_file(name):
    return next(path for path in corpus_files() if path.name == name)


def test_replace_with_a_changed_closing_line_proposes_no_new_commitment(tmp_path, capsys):
    original = corpus_file(AMA)
    call_command("import_transcript", str(original))
    slug = Source.objects.get().slug
    before = set(Commitment.objects.values_list("pk", flat=True))
    edited = tmp_path / "edited" / AMA
    edited.parent.mkdir()
    edited.write_text(original.read_text(encoding="utf-8") + "\nThank you all for joining, see you next time.\n")
    capsys.readouterr()

    call_command("import_transcript", "--replace", slug, str(edited))

    assert set(Commitment.objects.values_list("pk", flat=True)) == before
    assert "0 commitment(s) proposed" in capsys.readouterr().out


def test_the_same_file_name_with_new_content_is_a_new_version_of_its_source(tmp_path, capsys):
    original = corpus_file(AMA)
    call_command("seed", story=False, verbosity=0)
    first = tmp_path / "first" / AMA
    first.parent.mkdir()
    first.write_text(original.read_text(encoding="utf-8"))
    call_command("import_transcript", str(first))
    source = Source.objects.get(file_name=AMA)
    proposals = Commitment.objects.filter(source=source).count()
    suggestions = EvidenceSuggestion.objects.count()
    edited = tmp_path / "edited" / AMA
    edited.parent.mkdir()
    edited.write_text(original.read_text(encoding="utf-8") + "\nThank you all for joining, see you next time.\n")
    capsys.readouterr()

    call_command("import_transcript", str(edited))

    assert list(Source.objects.filter(file_name=AMA)) == [source]
    assert Commitment.objects.filter(source=source).count() == proposals
    assert EvidenceSuggestion.objects.count() == suggestions
    out = capsys.readouterr().out
    assert f"a new version of {AMA}, imported before as source {source.slug}: it replaces that source" in out
