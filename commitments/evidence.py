"""Finding delivery reports in later transcripts: sentences that say, in the past or present
tense, that something the team promised is done, and that share its subject. Pure Python."""

import re
from dataclasses import dataclass

from . import text
from .extraction import split_sentences

DELIVERY = re.compile(
    r"(?i)\b(?:launched|released|delivered|shipped|listed|integrated|deployed|completed|implemented|opened|"
    r"went live|go live|is live|are live|now live|is now available|are now available|is available now|"
    r"is running|are running|is online|are online|went online|has been \w+ed|have been \w+ed|was \w+ed|were \w+ed)\b"
)
FUTURE_OR_HEDGED = re.compile(
    r"(?i)\b(will|shall|going to|gonna|plan\w*|soon|next|hope|maybe|probably|might|may|could|would|"
    r"if|not|never|until|before)\b|['’]ll\b|n['’]t\b"
)
SOMEONE_ELSE = re.compile(r"(?i)\b(other|others|their|competitors?|binance|filecoin|arweave|they)\b")
OURS = re.compile(r"(?i)\b(we|our|us|stratos)\b")
GENERIC = {"team", "stratos", "mainnet's", "token", "tokens", "stos", "said", "month", "ago", "already", "now"}


@dataclass(frozen=True)
class Match:
    commitment: object
    turn: object
    sentence: str
    score: float


def terms(sentence: str) -> set[str]:
    return text.terms(sentence, ignore=GENERIC)


def is_delivery_report(sentence: str) -> bool:
    return bool(
        DELIVERY.search(sentence)
        and OURS.search(sentence)
        and not FUTURE_OR_HEDGED.search(sentence)
        and not SOMEONE_ELSE.search(sentence)
        and not sentence.rstrip().endswith("?")
    )


def delivery_reports(turns) -> list[tuple[object, str, set[str]]]:
    """(turn key, sentence, its terms) for each sentence of `turns` that reports a delivery."""
    return [
        (turn_key, sentence, terms(sentence))
        for turn_key, text in turns
        for sentence in split_sentences(" ".join(text.split()))
        if is_delivery_report(sentence)
    ]


def match_reports(reports, subjects, coverage: float = 0.6) -> list[Match]:
    """`reports`: from delivery_reports(); `subjects`: (key, title, condition) triples of open
    commitments. A delivery report matches a commitment when it names at least `coverage` of
    the title's terms, leaving out the condition's ("after the mainnet launch" is what the
    promise waits for, not what it delivers)."""
    if not reports:
        return []
    reported = set().union(*(found for _, _, found in reports))
    matches = []
    for key, title, condition in subjects:
        subject = terms(title) - terms(condition)
        if not subject or len(subject & reported) / len(subject) < coverage:
            continue
        for turn_key, sentence, found in reports:
            shared = subject & found
            if len(shared) / len(subject) >= coverage:
                matches.append(Match(key, turn_key, sentence, len(shared) / len(subject)))
    return matches


def condition_terms(condition: str) -> set[str]:
    """The terms of a condition that name its subject ("after the mainnet launch" → mainnet, launch)."""
    return terms(condition) - {"after", "once", "when", "until", "ready", "complete", "done", "finish"}


def match_condition(condition: str, subjects) -> object | None:
    """The commitment a condition names ("after the mainnet launch" → "Launch the mainnet"):
    among (key, title terms) pairs (see terms()), one whose title holds every term of the
    condition, preferring the shortest title. None when no title holds them all."""
    wanted = condition_terms(condition)
    if not wanted:
        return None
    fits = [(len(title_terms), key) for key, title_terms in subjects if wanted <= title_terms]
    return min(fits, key=lambda fit: fit[0])[1] if fits else None
