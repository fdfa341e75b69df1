"""Words: the word patterns, the stop words, spellings, stemming, the content words and the
matching terms of a text, the delivery verbs, sentence splitting, the host's housekeeping and the
words of the project a tracker follows. Pure Python (no Django); shared by extraction (does a
promise name a deliverable?) and evidence matching (does a report name the promise?)."""

import functools
import re
from dataclasses import dataclass

class Caseless:
    """A case-insensitive pattern that reads fast: Python's re compares every letter twice under
    IGNORECASE and skips its quick scans, so a long alternation of phrases costs 20-50 µs a
    sentence. A case-sensitive copy searched in the lower-cased text answers "no match" (most
    sentences) at a third of that; only a text it finds something in is searched by the pattern
    itself, so every match, span and group is the pattern's own. A pattern that names capitals
    ("[A-Z]"), which a lower-cased text cannot match in a case-sensitive copy, is searched as it is."""

    def __init__(self, source: str, flags: int = 0):
        self.compiled = re.compile(source, flags)
        self.quick = None
        if self.compiled.flags & re.IGNORECASE and not _names_capitals(source):
            self.quick = re.compile(source.replace("(?i)", "", 1), self.compiled.flags & ~re.IGNORECASE)

    def _may(self, how: str, text: str, *span) -> bool:
        """Whether the quick copy finds something (`how`: "search" or "match") in the lower-cased
        text; always True when there is no quick copy or lower case changes the text's length."""
        if self.quick is None:
            return True
        lowered = text.lower()
        return len(lowered) != len(text) or getattr(self.quick, how)(lowered, *span) is not None

    def search(self, text: str, *span):
        return self.compiled.search(text, *span) if self._may("search", text, *span) else None

    def match(self, text: str, *span):
        return self.compiled.match(text, *span) if self._may("match", text, *span) else None

    def fullmatch(self, text: str, *span):
        return self.compiled.fullmatch(text, *span) if self._may("fullmatch", text, *span) else None

    def finditer(self, text: str, *span):
        return self.compiled.finditer(text, *span) if self._may("search", text, *span) else iter(())

    def findall(self, text: str, *span):
        return self.compiled.findall(text, *span) if self._may("search", text, *span) else []

    def sub(self, repl, text: str, count: int = 0):
        return self.compiled.sub(repl, text, count) if self._may("search", text) else text

    def split(self, text: str, maxsplit: int = 0):
        return self.compiled.split(text, maxsplit) if self._may("search", text) else [text]

    def __getattr__(self, name):
        return getattr(self.compiled, name)  # .pattern (the source), .flags, .groupindex, .groups


def _names_capitals(source: str) -> bool:
    """Whether a pattern's source holds a capital letter of its own (not an escape such as \\W
    or a group's name)."""
    source = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)", "(", source)
    escaped = False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char.isupper():
            return True
    return False


# A word: a letter, then letters, digits, apostrophes and hyphens ("mainnet", "we'll", "cross-chain").
WORD = re.compile(r"[a-z][a-z0-9'’-]*")

# Words that name no deliverable: function words, filler, empty verbs of effort, time words.
STOPWORDS = frozenset(
    """a an the to be been being it its it's that this these those and or but so very really more much all also just
    still always even only some any our your their we you they i us them of in on at for with by from as about up out
    into over do doing done make making get getting have has having keep keeping continue continuing build building
    work working go going grow growing push pushing try trying see seeing feel know think say tell talk take time
    together step steps plan plans best hard careful excited exciting happy different same good great better there
    here now then later soon future way what how when where which who whom thing things stuff something everything
    everyone anyone people community sure definitely course again back one lot lots well like can could would should
    will shall not no if because me my let let's okay ok yeah yes maybe probably happen happens follow stick start
    starting project projects other others too as such than very bit little many new first next last year month week
    day today tomorrow soon right thank thanks glad proud forward move moving bring bringing give giving share value
    mind idea ideas own always ever never long very again also am is are was were 'll ll 're re 's s n't t
    won't won’t wont don't don’t can't can’t powerful differently valuable comfortable amazing important
    transparent possible closely exactly basically actually eventually stay staying""".split()
)


# Sentences end at . ! or ? followed by a capital, a digit or "$", except after these abbreviations.
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "dr.", "u.s.", "no.", "approx.")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9$])")

# The host's running of the session: neither a promise nor a report of one.
HOUSEKEEPING = Caseless(
    r"(?i)(\bwait\b.{0,40}\b(minute|moment|second)s?\b|\bput you on\b|\bspeaker\b|\bunmute\b|\bmute\b|"
    r"\braise (your|the) (hand|mic)\b|\brequest(ed)? to speak\b|\bquestions?\b|\bq ?& ?a\b|\bjump (right )?into\b|"
    r"\bdive (right )?in|\bget(ting)? started\b|\bdo you think\b|\bkick (it )?off\b|\bsee you\b|\bthank\w*\b|\bpass(?:ing)? (it )?(?:over |on )?to\b|\bturn it over to\b|\bgive an update\b|\bleave it at that\b|\btake (?:this|it) offline\b|"
    r"\bhand (it )?over\b|\bhear (me|you)\b|\bintroduc\w+ (myself|yourself)\b|\bwelcome\b|\bthis (ama|session|space)\b|"
    r"\bnext (topic|segment)\b|\bwrap (it )?up\b|\blet me\b|\bgive (you|the floor)\b|"
    # the host's running of the session and its giveaways
    r"\bthis (?:section|segment|part)\b|\bend (?:it )?here\b|\bconclude\b|\bgiveaway\b|\bwinners?\b|\bprizes?\b|"
    r"\blucky\b|\bretweet\b|\bopen (?:up )?the (?:floor|stage|mic)\b|\b(?:today|tonight)['’]s (?:ama|session|space|event)\b|\blive with us\b|\bgo first\b)"
)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """The words of `text` that can name something: not stop words, longer than two letters."""
    return [word for word in words(text) if word not in STOPWORDS and len(word) > 2]


@dataclass(frozen=True)
class ProjectWords:
    """The words of the project a tracker follows: its names ("Stratos") and its token's tickers
    ("STOS"). They come from the settings (PROJECT_NAMES, PROJECT_TICKERS) and a transcript's
    front matter (`project:`, `ticker:`), never from the general rules."""

    names: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()

    def with_front_matter(self, metadata: dict) -> "ProjectWords":
        def listed(value) -> tuple[str, ...]:
            if value is None:
                return ()
            items = value if isinstance(value, (list, tuple)) else str(value).split(",")
            return tuple(" ".join(str(item).split()) for item in items if str(item).strip())

        names = tuple(dict.fromkeys(self.names + listed(metadata.get("project"))))
        tickers = tuple(dict.fromkeys(self.tickers + listed(metadata.get("ticker"))))
        return ProjectWords(names, tickers)

    @classmethod
    def from_settings(cls, settings) -> "ProjectWords":
        """From Django's settings (PROJECT_NAMES, PROJECT_TICKERS), passed in by the caller."""
        return cls(tuple(getattr(settings, "PROJECT_NAMES", ())), tuple(getattr(settings, "PROJECT_TICKERS", ())))

    @property
    def lowered_names(self) -> tuple[str, ...]:
        return tuple(name.lower() for name in self.names)

    @property
    def own_words(self) -> frozenset[str]:
        """Every word of the project's names and tickers, lower case."""
        return frozenset(word for text in self.names + self.tickers for word in words(text))


def split_sentences(paragraph: str) -> list[str]:
    text = " ".join(paragraph.split())
    parts, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before = text[start : match.start() + 1]
        if before.lower().endswith(ABBREVIATIONS):
            continue
        parts.append(before.strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


# --- Delivery verbs ----------------------------------------------------------------------------

# Each verb once: its base form, the form that reports it done ("-" for none) and who reads it:
# promise: extraction reads "we will <verb> ..." as a delivery promised;
# report: evidence reads "<done form>" as something done ("we launched", "it was listed");
# action: evidence weighs it as what is done, never as what a promise is about.
VERB_TABLE = """
    launch      launched       promise report action
    release     released       promise report action
    ship        shipped        promise report action
    open        opened         promise report action
    list        listed         promise report action
    deploy      deployed       promise report action
    announce    -              promise action
    start       -              promise action
    begin       -              promise
    roll out    -              promise
    publish     published      promise report action
    deliver     delivered      promise report action
    introduce   introduced     promise report action
    upgrade     upgraded       promise report
    integrate   integrated     promise report action
    unlock      unlocked       promise report action
    airdrop     airdropped     promise report
    distribute  distributed    promise report
    debut       -              promise
    activate    activated      promise report action
    enable      enabled        promise report action
    host        hosted         promise report action
    hold        held           promise report action
    onboard     onboarded      promise report
    add         added          promise report action
    migrate     migrated       promise report action
    switch      -              promise
    kick off    -              promise
    unveil      unveiled       promise report
    reveal      -              promise
    go live     -              promise
    come out    -              promise
    arrive      -              promise
    land        -              promise
    finish      finished       promise report action
    complete    completed      promise report action
    implement   implemented    report action
    approve     approved       report action
    organize    organi[sz]ed   report action
    achieve     achieved       report action
    support     supported      report action
    reach       reached        report action
    build       built          report action
    sign        signed         report
    secure      secured        report
    raise       raised         report action
    close       closed         report
    grant       granted        report
    fund        funded         report
    award       awarded        report
    accelerate  -              action
    allow       -              action
    boost       -              action
    bring       -              action
    buy         -              action
    cooperate   -              action
    create      -              action
    deepen      -              action
    deposit     -              action
    develop     -              action
    focus       -              action
    help        -              action
    improve     -              action
    increase    -              action
    invite      -              action
    move        -              action
    need        -              action
    negotiate   -              action
    offer       -              action
    organise    -              action
    pay         -              action
    plan        -              action
    prepare     -              action
    provide     -              action
    run         -              action
    sell        -              action
    talk        -              action
    try         -              action
    use         -              action
    want        -              action
    work        -              action
"""


@dataclass(frozen=True)
class Verb:
    base: str
    done: str
    roles: frozenset[str]


VERBS = tuple(
    Verb(base, "" if done == "-" else done, frozenset(roles.split()))
    for base, done, roles in (re.split(r"\s{2,}", line.strip()) for line in VERB_TABLE.strip().splitlines())
)
# What a team delivers (extraction derives each verb's third-person form).
DELIVERY_VERB_LIST = tuple(verb.base for verb in VERBS if "promise" in verb.roles)
# Verbs whose last consonant doubles before "-ing" (ship -> shipping, begin -> beginning).
DOUBLED_BEFORE_ING = {"ship", "begin", "airdrop"}


def present_participle(verb: str) -> str:
    """The "-ing" form of a verb's first word: "release" -> "releasing", "roll out" -> "rolling"."""
    word = verb.split()[0]
    if word in DOUBLED_BEFORE_ING:
        return word + word[-1] + "ing"
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1] + "ing"
    return word + "ing"


DELIVERY_ING = "|".join(dict.fromkeys(present_participle(verb) for verb in DELIVERY_VERB_LIST))
# The forms that report a delivery done, as one regular-expression alternation.
DONE_VERBS = "|".join(verb.done for verb in VERBS if "report" in verb.roles)
# Actions: what is done, not what it is done to. They add to a match, never make one.
ACTION_WORDS = [verb.base for verb in VERBS if "action" in verb.roles] + "built held ready live done new current currently".split()


# --- Terms: what later sentences are matched on ----------------------------------------------

# A term's word (matching): numbers and "$" may start it, a hyphen splits it ("resource-node").
TERM_WORD = re.compile(r"[a-z0-9$][a-z0-9'’]*")
# Spellings of one thing, folded before words are split.
SPELLINGS = [
    (re.compile(r"\bmain[ -]?net(?:work)?s?\b"), "mainnet"),
    (re.compile(r"\btest[ -]nets?\b"), "testnet"),
    (re.compile(r"\b3rd\b"), "third"),
    (re.compile(r"\bcross[ -]chain\b"), "crosschain"),
    (re.compile(r"\bd-?apps?\b"), "dapp"),
    (re.compile(r"\b(?:amas|ama)\b"), "ama"),
    (re.compile(r"\bx spaces?\b|\btwitter spaces?\b"), "twitter space"),
    (re.compile(r"\bfund[ -]?rais(?:ing|es|ed|e)\b"), "fund raise"),
]
# Nouns every promise of a project shares: they weigh little and never make a match alone.
GENERIC_WORDS = {
    "token", "team", "network", "ecosystem", "platform", "user", "community",
    "product", "feature", "service", "solution", "function", "system", "part", "case", "side", "kind", "type",
    "chain", "blockchain", "crypto", "everybody", "reason", "thing", "question", "answer", "moment", "people",
    "said", "ago", "already", "now", "month", "year", "week", "day", "today", "time", "lot", "number", "more",
    "than", "main", "big", "exist", "existing", "based", "brand", "high", "low", "less", "most", "few", "several", "other", "another", "around",
    # the parts a product is built of: "the computing component" is the computing
    "component", "layer", "module",
}
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    word = word.strip("'’-").replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for ending in SUFFIXES:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            if ending in ("ies", "ied"):
                word += "y"
            elif ending in ("ation", "ations"):
                word += "at"
            break
    if word.endswith("e") and len(word) >= 5:
        word = word[:-1]
    if word.endswith("at") and len(word) >= 8:
        word = word[:-2]  # "integrat(e)", "integrat(ion)"
    return word


# One action said several ways: "host an AMA", "we held an AMA", "we organised an AMA".
ACTION_SYNONYMS = {"held": "host", "hold": "host", "organiz": "host", "organis": "host", "releas": "launch", "ship": "launch"}
ACTIONS = {ACTION_SYNONYMS.get(stem(w), stem(w)) for w in ACTION_WORDS}
GENERIC = {stem(w) for w in GENERIC_WORDS} | GENERIC_WORDS


FUNCTION_WORDS = set(
    """after before once until since while during within without through upon across per via anyone someone
    whatever whenever because although though unless whether either neither both each every""".split()
)


# All spellings in one pattern, so a text is read once.
ANY_SPELLING = re.compile("|".join(f"(?P<s{n}>{pattern.pattern})" for n, (pattern, _) in enumerate(SPELLINGS)))


def _spelled(match: re.Match) -> str:
    pattern, spelling = SPELLINGS[int(match.lastgroup[1:])]
    return pattern.sub(spelling, match.group(0))


@functools.lru_cache(maxsize=100_000)
def fold(word: str) -> str | None:
    """A word's term, or None for a word that carries no meaning here."""
    if word in STOPWORDS or word in FUNCTION_WORDS or (len(word) <= 2 and not word.isdigit()):
        return None
    if re.split(r"['’]", word, maxsplit=1)[0] in STOPWORDS:
        return None  # "we're", "it's", "they'll": a pronoun and a verb
    folded = stem(word)
    return ACTION_SYNONYMS.get(folded, folded)


def term_words(text: str) -> list[str]:
    """Content words of `text`, stemmed, in order (numbers kept: "10 validators")."""
    return list(_term_words(text))


@functools.lru_cache(maxsize=50_000)
def _term_words(text: str) -> tuple[str, ...]:
    # A sentence is read for its terms several times (and a single word many times) in one import.
    words = (fold(w) for w in TERM_WORD.findall(ANY_SPELLING.sub(_spelled, text.lower())))
    return tuple(w for w in words if w is not None)


def terms(text: str) -> set[str]:
    """The terms of `text`: its content words but numbers and the project's generic nouns."""
    return {w for w in term_words(text) if not w.isdigit()} - GENERIC
