"""Front matter as hostile input: YAML aliases are refused before anything is expanded, and
whatever a file holds, reading it ends in success or one TranscriptError (a line in the
command, a message in the admin; never a traceback or a 500)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings, strategies as st
from pytest_django.asserts import assertContains

from commitments.models import Source
from commitments.reading.transcripts import TranscriptError, parse_transcript

BODY = "\n<bin>Bin</bin>\n\nWe will launch the mainnet next month.\n"


def alias_bomb(levels=9, width=9):
    """Each level a list of `width` aliases of the one before: width**levels strings once expanded."""
    lines = ["title: AMA 03.08.2023", 'a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines.append(f"description: *a{levels}")
    return "---\n" + "\n".join(lines) + "\n---\n" + BODY


def test_an_alias_bomb_is_refused_before_it_is_expanded():
    started = time.perf_counter()

    with pytest.raises(TranscriptError, match=r"^bomb\.md: .*alias"):
        parse_transcript(alias_bomb(), "bomb.md")

    assert time.perf_counter() - started < 1


def test_a_self_referencing_alias_gives_a_clear_error():
    with pytest.raises(TranscriptError) as raised:
        parse_transcript("---\ntitle: AMA 03.08.2023\nx: &x [*x]\n---\n" + BODY, "loop.md")

    message = str(raised.value)
    assert message.startswith("loop.md: ")
    assert "alias" in message and "line 3" in message
    assert "\n" not in message


def test_a_single_small_alias_is_refused_too():
    """No legitimate transcript needs one, and refusing them all is the rule that cannot be gamed."""
    with pytest.raises(TranscriptError, match="alias"):
        parse_transcript("---\ntitle: &t AMA 03.08.2023\ndescription: *t\n---\n" + BODY, "alias.md")


def test_anchors_without_aliases_and_ordinary_front_matter_still_read():
    transcript = parse_transcript("---\ntitle: &t AMA 03.08.2023\ntags: [a, b]\n---\n" + BODY, "plain.md")

    assert transcript.title == "AMA 03.08.2023"
    assert transcript.metadata["tags"] == ["a", "b"]


def test_deeply_nested_front_matter_is_refused_with_the_error_type():
    with pytest.raises(TranscriptError, match="^deep.md: "):
        parse_transcript("---\ntitle: " + "[" * 50_000 + "\n---\n" + BODY, "deep.md")


@pytest.mark.django_db
@pytest.mark.parametrize("front", ["x: &x [*x]", alias_bomb().split("---\n")[1]])
def test_the_command_prints_one_line_for_a_hostile_file(tmp_path, front, capsys):
    path = tmp_path / "hostile.md"
    path.write_text("---\ntitle: AMA 03.08.2023\n" + front + "\n---\n" + BODY)

    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_transcript", str(path))

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "hostile.md: " in err and "alias" in err and "Traceback" not in err
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_the_admin_shows_a_message_for_a_hostile_file(staff_client):
    upload = SimpleUploadedFile("loop.md", ("---\ntitle: AMA 03.08.2023\nx: &x [*x]\n---\n" + BODY).encode())

    response = staff_client.post("/admin/commitments/source/import/", {"file": [upload]}, follow=True)

    assertContains(response, "loop.md: ")
    assertContains(response, "alias")
    assert not Source.objects.exists()


# --- Fuzz: front matter and bodies ------------------------------------------------------------

yaml_scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["&a x", "*a", "&a [*a]", "!!python/object:os.system x", "!!binary AAAA", "[", "{", "? x",
                     "2023-02-30", "1e999", "~", "|", ">", "'", '"', "- - -", ": :", "&", "*", "!", "%YAML 1.1"]),
)


@st.composite
def front_matters(draw):
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        key = draw(st.sampled_from(["title", "description", "author", "date", "url", "tags", "x", "&k key", "*k"]))
        lines.append(f"{' ' * draw(st.integers(0, 3))}{key}: {draw(yaml_scalars)}")
    return "\n".join(lines)


bodies = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["<bin>Bin</bin>", "<o>Host</o>", "## Section", "We will ship it in Q2.", "---", "...",
                         "**<o>Blake</o>, \\[4/21/2022 5:01 AM\\]** <br>We will", "\x00", "\ufeff"]),
    ),
    max_size=20,
).map("\n".join)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters(), bodies)
def test_any_front_matter_and_body_read_or_raise_only_the_transcript_error(front, body):
    try:
        transcript = parse_transcript(f"---\n{front}\n---\n{body}", "fuzz.md")
    except TranscriptError as error:
        assert str(error).startswith("fuzz.md: ")
        assert "\n" not in str(error)
    else:
        assert isinstance(transcript.metadata, dict)
        assert isinstance(transcript.title, str)
