"""What later transcripts say about earlier promises. Pure Python (no Django).

Each team sentence of a later source is compared with the open commitments made before it
aired. A sentence speaks of a commitment when it shares enough of the commitment's distinctive
terms: rare terms weigh more than common ones, a generic action ("launch", "unlock") or a
generic noun ("token", "team") never makes a match on its own, and the commitment's quote counts
beside its title. The sentence's own wording then says which kind of news it is: delivered,
partly delivered, progress, restated (with a new due date or condition), postponed or dropped.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field

from .text import ACTIONS, GENERIC, HOUSEKEEPING, Caseless, ProjectWords, fold, split_sentences, stem, term_words, terms
from .periods import MONTH, WEEK
from .timephrases import find_condition, find_due, find_happened
from .kinds import Kind, pattern_of
from .ranking import BM25


# --- Terms ---------------------------------------------------------------------------------

CONDITION_WORDS = {stem(w) for w in ("after", "once", "when", "until", "ready", "complete", "done", "finish")}


def phrases(word_list: list[str]) -> set[str]:
    """Adjacent pairs of content words ("team token", "computing component"): a pair of common
    words can name one thing precisely."""
    return {f"{a} {b}" for a, b in zip(word_list, word_list[1:]) if not (a.isdigit() or b.isdigit())}


def condition_terms(condition: str) -> set[str]:
    """The terms of a condition that name its subject ("after the mainnet launch" → mainnet)."""
    return terms(condition) - CONDITION_WORDS


def match_condition(condition: str, subjects) -> object | None:
    """The commitment a condition names ("after the mainnet launch" → "Launch the mainnet"):
    among (key, title terms) pairs (see terms()), one whose title holds every
    term of the condition, preferring the shortest title. None when no title holds them all."""
    wanted = condition_terms(condition)
    if not wanted:
        return None
    fits = [(len(title_terms), key) for key, title_terms in subjects if wanted <= title_terms]
    return min(fits, key=lambda fit: fit[0])[1] if fits else None


# --- Kinds of news ---------------------------------------------------------------------------

QUESTION = re.compile(r"\?\s*$")
DROPPED = pattern_of("dropped-decision")
POSTPONED = pattern_of("postponed-delay", "postponed-until-conditions")
DELIVERED = pattern_of("delivered-done-verb", "delivered-as-a-state")
# "we have around 50 validators", "there are 28 validators online": a count reported.
COUNT = re.compile(
    r"(?i)\b(?:we|the team|our team)\s+(?:now |already |currently |also )?(?:have|has)\s+"
    r"(?:now |already |currently )?(?:around |about |over |more than |nearly |almost |roughly |approximately |some )?"
    r"(?P<number>\d[\d,.]*\+?|two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of|thousands of)\s+(?P<what>[\w'-]+(?: [\w'-]+)?)"
)
NOT_YET = Caseless(
    r"(?i)\b(?:not yet|yet to|haven['’]t|hasn['’]t|have not|has not|didn['’]t|did not|wasn['’]t|weren['’]t|never|"
    r"won['’]t|no longer|before (?:we|the|it)|until|if|unless|once|whether|(?:would|could|should|might) have|"
    # "when the first phase is done, we will ...": a time to come, not a report
    r"(?:when|as soon as|after) (?:\w+ ){0,4}?(?:is|are|gets?|['’]s) (?:\w+ )?(?:done|ready|live|finished|complete|completed|out|available)"
    r"|(?:when|as soon as|after) (?:we|they|it)(?:['’]ve| have)|by the time|hopefully|ideally|(?:is|are) (?:still )?missing"
    r")\b"
)
# A part reported without a done verb: "available for some users", "live on the testnet".
PART_REPORTED = pattern_of("partly-part-available", "partly-on-trial", "partly-not-all-yet")
PARTIAL = pattern_of("partly-first-part", "partly-part-available", "partly-on-trial", "partly-not-all-yet")
# "live for staking, but not for transfers yet": a part done, though "not ... yet" is said.
NOT_ALL_YET = pattern_of("partly-not-all-yet")
# After a report: "..., the rest comes next quarter", "other chains will follow".
REST_TO_COME = pattern_of("partly-rest-to-come")
# "We're close", "it's 80% done": work under way even beside a report of something done.
NEARLY = pattern_of("progress-nearly-there")
# (progress-nearly-there is read first, as NEARLY)
PROGRESS = pattern_of("progress-working", "progress-present-work", "progress-on-trial")
# "Currently, we…": the state of things now; progress when nothing says it is done.
NOW = Caseless(
    r"(?i)\b(?:currently|right now|at the moment|these days|at present),? (?:we|our|the|they|it)\b(?![^,.;]*\b(?:no|not|never)\b|[^,.;]*n['’]t\b)"
)
FUTURE = pattern_of("restated-future", "restated-new-horizon")
# A report of something done names who did it: "we launched", "our mainnet", "<the project> is live"
# (the project's own names and tickers), "Gate has listed $STOS"; "other projects launched
# theirs" is not ours.
OURS = frozenset({"we", "our", "us", "team", "i"})


def is_ours(sentence: str, own_words: frozenset[str]) -> bool:
    return bool((OURS | own_words) & set(re.findall(r"[a-z0-9]+", sentence.lower())))


CLAUSE_BREAK = re.compile(r"\s*(?:[;:]|,|\s-\s|\s(?:and then|but|whereas|while)\s)\s*")


def clause_with(sentence: str, matched) -> str:
    """The clause of `sentence` holding most of the matched words (the whole sentence when it
    has one clause): "since the mainnet launched, we won't rush the computing component" says
    one thing of the mainnet and another of the computing component."""
    clauses = [c for c in CLAUSE_BREAK.split(sentence) if c]
    if len(clauses) < 2:
        return sentence
    wanted = set(matched)
    return max(clauses, key=lambda clause: len(wanted & set(term_words(clause))))


def kind_of(sentence: str, matched=None) -> str | None:
    """Which kind of news a team sentence gives about what it names, or None when it only
    mentions it (a question, a statement of how things are). With `matched` (the terms that tie
    it to a commitment), a count reports that commitment only if it counts one of them."""
    # A sentence is read for its kind once per import: again for each promise it names, and
    # when a candidate promise of the same file is compared with those said before it.
    counts = matched is not None and COUNT.search(sentence) is not None
    return _kind_of(sentence, tuple(sorted(matched)) if counts else None)


@functools.lru_cache(maxsize=20_000)
def _kind_of(sentence: str, matched: tuple[str, ...] | None) -> str | None:
    if QUESTION.search(sentence):
        return None
    if DROPPED.search(sentence):
        return Kind.DROPPED
    if POSTPONED.search(sentence):
        return Kind.POSTPONED
    future = FUTURE.search(sentence)
    nearly = NEARLY.search(sentence)
    if nearly and not (future and future.start() < nearly.start()):
        return Kind.PROGRESS  # "we're close", not "we hope it is 80% done by March"
    reported = reports_done(sentence, matched)
    progress = PROGRESS.search(sentence)
    if reported:
        if PARTIAL.search(sentence) or REST_TO_COME.search(sentence, reported.end()):
            return Kind.PARTLY
        counted = reported.re is COUNT
        if not counted and progress and progress.start() > reported.start():
            return Kind.PROGRESS  # "we've completed the frontend, and now they are working on integration"
        if not counted and future and future.start() > reported.start():
            return Kind.PROGRESS  # "we launched the testnet and will open it to everyone"
        return Kind.DELIVERED
    if progress and not (future and future.start() < progress.start()):
        return Kind.PROGRESS
    if future:
        return None if HOUSEKEEPING.search(sentence) else Kind.RESTATED
    if NOW.search(sentence):
        return Kind.PROGRESS
    return None


def reports_done(sentence: str, matched=None) -> re.Match | None:
    """The words that report something done or reached ("was launched", "we have around 50
    validators"), unless the sentence says it has not happened or speaks of what is to come."""
    found = DELIVERED.search(sentence) or PART_REPORTED.search(sentence)
    if found is None:
        found = next(
            (m for m in COUNT.finditer(sentence) if matched is None or set(term_words(m.group("what"))) & set(matched)), None
        )
    if found is None or (NOT_YET.search(sentence) and not NOT_ALL_YET.search(sentence)):
        return None
    future = FUTURE.search(sentence)
    if future and (future.start() < found.start() or " after " in found.group(0)):
        return None  # "we will have it launched", "soon it will be listed", "months after the launch we will"
    return found


# --- Matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """An open commitment that later sources may speak of. `signature` (from signature()) may
    stand for its title, quote and condition: stored with the commitment, it saves reading them."""

    key: object
    title: str = ""
    quote: str = ""
    condition: str = ""
    made_on: datetime.date | None = None
    signature: str = ""


@dataclass(frozen=True)
class Statement:
    """A team sentence of a later source, with the sentences around it in its paragraph."""

    turn: object
    line: int | None
    sentence: str
    context: str = ""
    # The question this sentence answers and the section's heading (the first sentences of an
    # answer only): a promise the question names may be matched through it.
    question: str = ""
    # The sentence before it in the same turn: "We will deliver the CDN soon. We're working on
    # it." speaks of the CDN twice.
    before: str = ""


@dataclass(frozen=True)
class Suggestion:
    commitment: object
    turn: object
    line: int | None
    sentence: str
    kind: str
    score: float
    matched: tuple[str, ...]
    happened_on: datetime.date | None = None
    happened_precision: str = ""
    happened_by_air_date: bool = False
    new_due_date: datetime.date | None = None
    new_due_precision: str = ""
    new_due_text: str = ""
    new_condition: str = ""
    # The question (or the sentence before) through which it matched, when the sentence itself
    # does not name the promise.
    question: str = ""


# The first sentences of an answer may speak of what the question named without naming it.
ANSWER_OPENING = 3


def team_statements(turns) -> list[Statement]:
    """`turns`: (turn key, paragraphs, the line of each paragraph[, the question it answers]).
    One Statement per sentence."""
    statements = []
    for key, paragraphs, lines, *asked in turns:
        question = asked[0] if asked else ""
        position, previous = 0, ""
        for number, paragraph in enumerate(paragraphs):
            sentences = split_sentences(paragraph)
            for index, sentence in enumerate(sentences):
                context = " ".join(sentences[max(0, index - 1) : index] + sentences[index + 1 : index + 2])
                line = lines[number] if number < len(lines) else None
                statements.append(
                    Statement(key, line, sentence, context, question if position < ANSWER_OPENING else "", previous)
                )
                position, previous = position + 1, sentence
    return statements


@dataclass
class _Profile:
    """What a commitment is about, as terms: one profile may stand for many commitments."""

    title: set[str]
    quote: set[str]
    actions: set[str]
    pairs: set[str]
    numbers: dict[str, float]
    common_nouns_only: bool = False
    topic: set[str] = field(default_factory=set)


# Weights: a term's rarity among the open commitments (BM25, see ranking.py) times where it was
# found: in the promise's title, quote or topic; in the sentence or the sentences around it.
FIELD_WEIGHTS = {"title": 1.0, "quote": 0.5, "topic": 0.4}
QUOTE_WEIGHT = FIELD_WEIGHTS["quote"]
CONTEXT_WEIGHT = 0.5
ACTION_WEIGHT = 0.35
PAIR_BONUS = 1.0
MIN_SCORE = 2.6
# A sentence names at least this share of a promise (see score()); its promises are then
# ranked, and those scoring less than RANK_SHARE of the best are left out.
MIN_SHARE = 0.5
RANK_SHARE = 0.7
# A term found in one in this many open commitments or fewer may match alone.
RARE_SHARE = 12
# A sentence is put beside at most this many commitments, the best ones.
MAX_PER_SENTENCE = 3


def profile_of(title: str, quote: str, condition: str, topic: str = "") -> _Profile:
    skip = condition_terms(condition)
    title_words = term_words(title)
    quote_words = term_words(quote)
    title_terms = {w for w in title_words if w not in ACTIONS and w not in GENERIC and not w.isdigit()} - skip
    quote_terms = {w for w in quote_words if w not in ACTIONS and w not in GENERIC and not w.isdigit()} - skip - title_terms
    common_nouns_only = not title_terms
    if common_nouns_only:  # "Unlock team tokens": its common nouns, which must come as a pair
        title_terms = {w for w in title_words if w not in ACTIONS and not w.isdigit()} - skip
    actions = {w for w in title_words if w in ACTIONS} - skip
    pairs = {p for p in phrases(title_words) | phrases(quote_words) if not set(p.split()) <= skip}
    topic_terms = {w for w in term_words(topic) if w not in ACTIONS and w not in GENERIC and not w.isdigit()}
    return _Profile(title_terms, quote_terms, actions, pairs, counts(f"{title} {quote}"), common_nouns_only, topic_terms)


def signature(title: str, quote: str, condition: str, topic: str = "") -> str:
    """A commitment's profile as one line of text, to store beside it (see Subject). `topic`: the
    name of its topic ("Bridges and cross-chain")."""
    p = profile_of(title, quote, condition, topic)
    return "|".join(
        (
            " ".join(sorted(p.title)),
            " ".join(sorted(p.quote)),
            " ".join(sorted(p.actions)),
            ",".join(sorted(p.pairs)),
            " ".join(f"{term}={number:g}" for term, number in sorted(p.numbers.items())),
            "1" if p.common_nouns_only else "",
            " ".join(sorted(p.topic)),
        )
    )


def profile_from(line: str, ignore=frozenset()) -> _Profile:
    """The profile a signature() line stands for, leaving out the `ignore` terms (the project's
    own names: every promise of the project is about the project)."""
    title, quote, actions, pairs, numbers, common, *topic = line.split("|")  # stored before topics: 6 fields
    return _Profile(
        set(title.split()) - ignore,
        set(quote.split()) - ignore,
        set(actions.split()),
        {pair for pair in pairs.split(",") if pair and not set(pair.split()) & ignore},
        {term: float(number) for term, _, number in (item.partition("=") for item in numbers.split())},
        common == "1",
        set(topic[0].split()) - ignore if topic else set(),
    )


def counts(text: str) -> dict[str, float]:
    """{"validator": 10} for "more than 10 validator providers"."""
    found = {}
    for match in re.finditer(r"(?i)\b(\d[\d,]*)\+?\s+([a-z][\w-]+)", text):
        found[stem(match.group(2).lower())] = float(match.group(1).replace(",", ""))
    return found


class Rarity:
    """Which title and quote terms are rare among the open commitments: `term in rarity.rare` for
    a term found in at most one in twelve of them (or in two, when there are few). Profiles are
    added one at a time (`add(profile, how many commitments share it)`)."""

    def __init__(self, groups=()):
        self.frequency: dict[str, int] = {}
        self.total = 1
        self.rare = _Rare(self)
        for p, size in groups:
            self.add(p, size)

    def add(self, p, size: int = 1) -> None:
        self.total += size
        for term in p.title | p.quote:
            self.frequency[term] = self.frequency.get(term, 0) + size


class _Rare:
    def __init__(self, rarity: Rarity):
        self.rarity = rarity

    def __contains__(self, term: str) -> bool:
        count = self.rarity.frequency.get(term)
        return count is not None and count <= max(2, (self.rarity.total - 1) // RARE_SHARE)


@dataclass
class _Said:
    """One statement, read once for all the commitments it is compared with."""

    found: set[str]
    around: set[str]
    pairs: set[str]
    names: set[str]
    counted: set[str]


THE_THING = re.compile(r"(?i)\b(?:the|our|its)\s+([a-z][a-z0-9'’-]*)")


def read_statement(statement: Statement, kind: str) -> _Said:
    sentence = statement.sentence
    if kind == Kind.RESTATED:
        # What a promise waits for ("after the mainnet launch") is not what it promises.
        condition = find_condition(sentence)
        if condition:
            at = sentence.lower().find(condition.lower())
            if at >= 0:
                sentence = sentence[:at] + sentence[at + len(condition) :]
    sentence_words = term_words(sentence)
    found = set(sentence_words)
    raw_words = re.findall(r"[A-Za-z0-9$][A-Za-z0-9$'’-]*", sentence)
    names = {
        term
        for position, raw in enumerate(raw_words)
        if raw.isupper() or (raw[0].isupper() and position > 0)
        for term in term_words(raw)[:1]
    }
    # "the airdrop", "our validators": a word said as the thing spoken of names it like a name.
    names |= {term for raw in THE_THING.findall(sentence) for term in term_words(raw)[:1]}
    counted = {fold(w.lower()) for m in COUNT.finditer(sentence) for w in m.group("what").split()} - {None}
    # The sentences around it and the question it answers (with the section's heading) weigh
    # less than its own words, but help name what it speaks of.
    around = set(term_words(f"{statement.context} {statement.question}")) - found
    return _Said(found, around, phrases(sentence_words), names, counted)


def match_statements(statements, subjects, aired_on: datetime.date, project: ProjectWords = ProjectWords()) -> list[Suggestion]:
    """The suggestions a later source (aired on `aired_on`) gives for `subjects`. The project's
    own names and tickers (`project`) say whose sentence it is, never what it is about."""
    groups: dict[str, list[tuple[object, datetime.date | None]]] = {}
    for subject in subjects:
        key = subject.signature or signature(subject.title, subject.quote, subject.condition)
        groups.setdefault(key, []).append((subject.key, subject.made_on))
    return match_groups(statements, groups, aired_on, project)


class OpenPromises:
    """The promises a sentence is compared with, by signature: their profiles, the index of their
    title terms, rarity and the BM25 index. Promises can be added one at a time (a file's own
    promises, to find one said again) or all at once (match_groups); both read alike."""

    def __init__(self, project: ProjectWords = ProjectWords()):
        self.own_words = project.own_words
        self.own_terms = {term for word in project.own_words for term in term_words(word)}
        self.profiles: dict[str, _Profile] = {}
        self.by_term: dict[str, list[str]] = {}
        self.by_quote_term: dict[str, list[str]] = {}  # the quote's terms that are not the title's
        self.idf = Rarity()
        self.index = BM25((), FIELD_WEIGHTS)

    def add(self, key: str, size: int = 1) -> None:
        """Add `size` promises of signature `key`."""
        p = self.profiles.get(key)
        if p is None:
            p = self.profiles[key] = profile_from(key, self.own_terms)
            for term in p.title:
                self.by_term.setdefault(term, []).append(key)
            for term in p.quote:
                self.by_quote_term.setdefault(term, []).append(key)
        self.idf.add(p, size)
        self.index.add(key, {"title": p.title, "quote": p.quote, "topic": p.topic}, size)

    def may_speak_of_any(self, statement: Statement) -> bool:
        """False when `statement` cannot speak of any of the promises: neither it, nor the question
        it answers, nor the sentence before it says a term of a title (or, the sentence itself,
        of a quote). A quick first test: rank() finds nothing in such a statement."""
        titles, quotes = self.by_term.keys(), self.by_quote_term.keys()
        said = set(term_words(statement.sentence))
        return bool(
            said & titles
            or said & quotes
            or statement.question and not titles.isdisjoint(term_words(statement.question))
            or statement.before and not titles.isdisjoint(term_words(statement.before))
        )

    def rank(self, statement: Statement, kind: str) -> list[tuple[float, str, tuple[str, ...], str, str]]:
        """The promises `statement` (of kind `kind`) speaks of, best first, as (score, signature,
        matched terms, question it was read through, its own kind) tuples."""
        profiles, by_term, idf, index = self.profiles, self.by_term, self.idf, self.index
        said = read_statement(statement, kind)
        # Only commitments whose title shares a term with the sentence itself, or, in a sentence
        # of ours (not others' use of it), that it names by what they do: a rare term of the
        # quote, and more of the quote's terms (see named_by_what_it_does).
        candidates = {key for term in said.found if term in by_term for key in by_term[term]}
        if is_ours(statement.sentence, self.own_words):
            candidates |= {
                key
                for term in said.found
                if term in idf.rare
                for key in self.by_quote_term.get(term, ())
                if named_by_what_it_does(profiles[key].quote & said.found, idf)
            }
        scored = []
        for key in candidates:
            result = score(profiles[key], said, idf, index, key)
            if result is not None:
                scored.append((result[0], key, result[1], ""))
        if statement.question and not scored:
            scored = through_text(statement.question, statement, profiles, by_term, idf, index, is_question=True)
        if statement.before and not scored and REFERS_BACK.search(statement.sentence):
            scored = through_text(statement.before, statement, profiles, by_term, idf, index)
        if not scored:
            return []
        scored.sort(key=lambda item: (-item[0], item[1]))
        # The ranking: a promise far behind the best one for this sentence is not what it speaks of.
        scored = [item for item in scored if item[0] >= RANK_SHARE * scored[0][0]]
        kept = []
        for value, key, matched, asked in scored:
            # A commitment matched only by words a better match also has is the same sentence
            # read less well ("grant" alone, beside "grant, developers, program").
            # A promise whose whole title the sentence says is never read less well.
            if any(set(matched) < set(better) for _, _, better, _ in kept) and not profiles[key].title <= said.found:
                continue
            kept.append((value, key, matched, asked))
        ranked = []
        for value, key, matched, asked in kept:
            clause = statement.sentence if asked else clause_with(statement.sentence, matched)
            own_kind = kind_of(clause, matched) or kind_of(statement.sentence, matched)
            if own_kind == Kind.DELIVERED and len(kept) == 1 and kind_of(statement.sentence, matched) == Kind.PARTLY:
                own_kind = Kind.PARTLY  # "we launched two so far, and more will follow": the rest is its own clause
            if own_kind is None:
                continue
            if own_kind in (Kind.DELIVERED, Kind.PARTLY) and not delivery_named(
                profiles[key], said, index, key, asked, statement.sentence, self.own_words, own_kind
            ):
                continue
            ranked.append((value, key, matched, asked, own_kind))
        return ranked


# A sentence that says most of a promise's title speaks of that promise, whoever it names.
WHOLE_TITLE_SHARE = 0.75
# A delivery read through the question must say at least this many of the quote's own terms.
DELIVERY_QUOTE_TERMS = 2


# The words that say which part or trial ("the first phase", "the beta"), not what it is of.
PART_WORDS = set(
    term_words("first second phase part stage step beta alpha testnet mainnet version half rest remaining early access pilot prototype demo")
)
# Another party's: "they released theirs", "other networks launched one".
# ("users can stake their tokens" is no other party's: "their" alone says nothing.)
THEIRS = Caseless(
    r"(?i)^\W*(?:other (?:networks|chains|protocols|platforms)\b|they\b.*\btheir\b)"
    r"|\b(?:their own|theirs|other (?:projects|teams|companies)|competitors?|of (?:our|a|the) partners?|(?:our |a |the )?partners?['’]s?)(?!\w)"
)
# An answer about what was asked: "It's on testnet now", "The first phase is live".
ABOUT_IT = Caseless(r"(?i)^\W*(?:(?:yes|yeah|well|so|actually|now|currently|right now|today|for now|so far|at the moment),?\s+)*(?:it|this|that|the first|its|part of it|some of it)\b")


def delivery_named(p: _Profile, said: _Said, index: BM25, key, asked: str, sentence: str, own_words, kind: str = Kind.DELIVERED) -> bool:
    """Whether a sentence read as a delivery names the promise clearly enough to report it: a
    wrong "delivered" costs more than a missed one. Through its own words: most of the title's
    weight, and ours (we, our, the project's names) unless it says nearly the whole title; never
    a report of another party's ("their", "other projects", "our partner's").
    Through the question it answers: only when the sentence itself says what the promise does
    (DELIVERY_QUOTE_TERMS of its quote's terms: "streaming now runs on our nodes" after "how is
    the video layer going?"). A part done ("it's on testnet now, mainnet later") may answer the
    question that named the promise, when it is ours or speaks of "it"."""
    if THEIRS.search(sentence):
        return False
    if asked and kind == Kind.PARTLY and (is_ours(sentence, own_words) or ABOUT_IT.search(sentence)):
        # ... and names no other thing ("we launched the beta of our wallet" answers something else)
        return not said.names - PART_WORDS - p.title - p.quote - p.topic - {t for w in own_words for t in term_words(w)}
    if asked:
        return len(p.quote & said.found) >= DELIVERY_QUOTE_TERMS and is_ours(sentence, own_words)
    share = title_share(p, said, index, key)
    return share >= (MIN_SHARE if is_ours(sentence, own_words) else WHOLE_TITLE_SHARE)


def match_groups(
    statements, groups: dict, aired_on: datetime.date, project: ProjectWords = ProjectWords()
) -> list[Suggestion]:
    """match_statements() for commitments grouped by signature: {signature: [(key, made on)]}.
    Commitments with the same profile are compared once."""
    members = {
        key: [(k, made_on) for k, made_on in group if made_on is None or made_on < aired_on]
        for key, group in groups.items()
    }
    members = {key: group for key, group in members.items() if group}
    if not statements or not members:
        return []
    promises = OpenPromises(project)
    for key, group in members.items():
        promises.add(key, len(group))
    suggestions = []
    for statement in statements:
        if not promises.may_speak_of_any(statement):
            continue
        kind = kind_of(statement.sentence)
        if kind is None:
            continue
        made = 0
        for value, key, matched, asked, own_kind in promises.rank(statement, kind):
            for commitment, made_on in members[key]:
                if made == MAX_PER_SENTENCE:
                    break
                suggestion = suggest(commitment, made_on, promises.profiles[key], statement, own_kind, value, matched, aired_on, asked)
                if suggestion is not None:
                    suggestions.append(suggestion)
                    made += 1
    return suggestions


# A sentence that points back ("we're working on that") may speak of what the one before named.
REFERS_BACK = Caseless(r"(?i)\b(?:on|with|of|about|for|to) (?:that|it|this|them|those)\b|\b(?:that|it|this|they)(?: is|['’]s| are| was| will| has| only| already| now| still)\b")
# A match through the question (or the sentence before) must be clearer than one through the
# sentence itself.
QUESTION_MIN_SCORE = MIN_SCORE + 1.5
QUESTION_WEIGHT = 0.6
# ... and name most of what the promise's title names (its BM25 weight for the title's terms).
QUESTION_MIN_SHARE = 0.75
# ... or at least this share when one of the words it names is found in no other open promise.
QUESTION_ONE_WORD_SHARE = 0.4


def through_text(text: str, statement: Statement, profiles, by_term, idf, index: BM25, is_question: bool = False) -> list:
    """The commitments that `text` (the question a sentence answers, with the section heading, or
    the sentence before it) names clearly: most of the title's weight, two distinct signs, a
    higher score than a sentence needs, well ahead of the next promise in the ranking (or, for a
    question, a title word no other promise has). One at most: the answer is about what was asked."""
    asked = read_statement(Statement(statement.turn, statement.line, text), Kind.PROGRESS)
    found = []
    for key in {key for term in asked.found if term in by_term for key in by_term[term]}:
        p = profiles[key]
        named = p.title & asked.found
        title_weight = sum(index.term_score(key, t) for t in p.title) or 1.0
        share = sum(index.term_score(key, t) for t in named) / title_weight
        if p.common_nouns_only or share < QUESTION_ONE_WORD_SHARE - 1e-9:
            continue
        result = score(p, asked, idf, index, key)
        if result is None or result[0] < QUESTION_MIN_SCORE or share < QUESTION_MIN_SHARE:
            # A question (not the sentence before) may name a promise by a word of its title no
            # other open promise has ("any update on the bridge?", "any news on fiat payments?").
            if not is_question or not any(idf.frequency.get(t, 0) <= 1 for t in named):
                continue
            result = (index.score(key, dict.fromkeys(asked.found, 1.0)), tuple(sorted(named)))
        found.append((QUESTION_WEIGHT * result[0], key, result[1], text))
    found.sort(key=lambda item: (-item[0], item[1]))
    if len(found) > 1 and found[1][0] >= 0.8 * found[0][0]:
        return []  # the question names several promises: which one the sentence answers is unclear
    return found[:1]


def score(p: _Profile, said: _Said, idf, index: BM25, key) -> tuple[float, tuple[str, ...]] | None:
    """How strongly a sentence speaks of a commitment (its BM25 score, see ranking.py, with the
    sentence's terms at full weight and the terms around it at CONTEXT_WEIGHT, plus a bonus for
    each two-word name and promised count it repeats), and the words that say so; None when it
    does not: a title term in the sentence itself, two distinct signs (or one rare name) and
    enough weight in all. Which of several promises it speaks of is left to the ranking."""
    found, around = said.found, said.around
    in_title = p.title & found
    shared_pairs = p.pairs & said.pairs
    quoted = p.quote & found
    if p.common_nouns_only and not shared_pairs:
        return None
    if not in_title and not named_by_what_it_does(quoted, idf):
        return None
    title_around = p.title & around
    actions = p.actions & found
    counted = set(p.numbers) & said.counted
    distinct = len(in_title) + len(quoted - in_title) + len(shared_pairs) + len(counted) + bool(actions)
    distinct += bool(title_around) + bool(p.topic & found - in_title - quoted)
    if distinct < 2 and not alone_enough(p, in_title, idf, said):
        return None
    query = dict.fromkeys(around, CONTEXT_WEIGHT) | dict.fromkeys(found, 1.0)
    named = index.score(key, query)
    # The share of the promise the sentence names: its score over what its title alone would
    # score. Quote, topic and context terms count too, so a promise named by what it does rather
    # than by its title's words can pass.
    # Two title words said together ("third party") are one thing, weighed once.
    joined = [pair.split() for pair in shared_pairs if set(pair.split()) <= p.title]
    overlap = sum(min(index.term_score(key, t) for t in pair) for pair in joined)
    share = (named - overlap) / ((sum(index.term_score(key, t) for t in p.title) - overlap) or 1.0)
    if share < MIN_SHARE - 1e-9:
        return None
    value = named + PAIR_BONUS * (len(shared_pairs) + len(counted)) + ACTION_WEIGHT * len(actions)
    if value < MIN_SCORE:
        return None
    matched = in_title | quoted | actions | {w for pair in shared_pairs for w in pair.split()}
    return value * (0.5 + min(share, 1.0)), tuple(sorted(matched))


# A sentence that says none of a promise's title words names it by what it does when it says at
# least this many of its quote's terms, one of them rare among the open promises.
QUOTE_ONLY_TERMS = 2


def named_by_what_it_does(quoted: set[str], idf) -> bool:
    return len(quoted) >= QUOTE_ONLY_TERMS and any(term in idf.rare for term in quoted)


def title_share(p: _Profile, said: _Said, index: BM25, key) -> float:
    """The share of the promise's title (by BM25 weight) that the sentence says, the sentences
    around it counting at CONTEXT_WEIGHT."""
    whole = sum(index.term_score(key, t) for t in p.title) or 1.0
    named = sum(index.term_score(key, t) for t in p.title & said.found)
    named += CONTEXT_WEIGHT * sum(index.term_score(key, t) for t in p.title & (said.around - said.found))
    return named / whole


def alone_enough(p: _Profile, in_title: set[str], idf, said: _Said) -> bool:
    """One shared term is a match only when it is rare among the open commitments and is either
    the title's only distinctive term ("the database") or written as a name ("CDN", "Mesos")."""
    if len(in_title) != 1 or p.common_nouns_only:
        return False
    [term] = in_title
    return term in idf.rare and (p.title == in_title or term in said.names)


def suggest(
    commitment, made_on, p: _Profile, statement: Statement, kind: str, value: float, matched, aired_on, asked: str = ""
) -> Suggestion | None:
    sentence = statement.sentence
    happened_on, precision, by_air_date = None, "", False
    new_due = new_condition = None
    if kind in (Kind.DELIVERED, Kind.PARTLY):
        happened = find_happened(sentence, aired_on)
        if happened is not None:
            if made_on is not None and happened.date < made_on.replace(day=1):
                return None  # it happened before the promise was made: not its delivery
            happened_on, precision = happened.date, happened.precision
            if precision == WEEK:  # the record says when to the day, month, quarter or year
                happened_on, precision = happened_on.replace(day=1), MONTH
        if kind == Kind.DELIVERED and shortfall(p, sentence):
            kind = Kind.PARTLY
    if kind != Kind.RESTATED and happened_on is None:
        happened_on, precision, by_air_date = aired_on, "day", True
    if kind in (Kind.RESTATED, Kind.POSTPONED):
        new_due = find_due(sentence, aired_on)
        new_condition = find_condition(sentence)
    return Suggestion(
        commitment=commitment,
        turn=statement.turn,
        line=statement.line,
        sentence=sentence,
        kind=kind,
        score=round(value, 3),
        matched=surface_words(asked or sentence, matched),
        question=asked or "",
        happened_on=happened_on,
        happened_precision=precision,
        happened_by_air_date=by_air_date,
        new_due_date=new_due.date if new_due else None,
        new_due_precision=new_due.precision if new_due else "",
        new_due_text=new_due.text if new_due else "",
        new_condition=new_condition or "",
    )


def shortfall(p: _Profile, sentence: str) -> bool:
    """A count reported below the one promised ("8 validators" for "more than 10")."""
    for match in COUNT.finditer(sentence):
        number = match.group("number").replace(",", "").rstrip("+")
        for word in match.group("what").split():
            promised = p.numbers.get(stem(word.lower()))
            if promised is not None and number.replace(".", "").isdigit() and float(number) < promised:
                return True
    return False


def surface_words(sentence: str, matched) -> tuple[str, ...]:
    """The words of the sentence, as written, whose terms made the match (to mark them)."""
    wanted = set(matched)
    seen, marked = set(), []
    for raw in re.findall(r"[A-Za-z0-9$][A-Za-z0-9$'’-]*", sentence):
        folded = term_words(raw)
        if folded and folded[0] in wanted and raw.lower() not in seen:
            seen.add(raw.lower())
            marked.append(raw)
    for spelling in ("main net", "main network", "3rd"):
        if "mainnet" in wanted and spelling.startswith("main") and spelling in sentence.lower():
            start = sentence.lower().index(spelling)
            marked.append(sentence[start : start + len(spelling)])
    return tuple(marked)
