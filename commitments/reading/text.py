"""Words: the word pattern, the stop words, the content words and the matching terms of a text,
and the words of the project a tracker follows. Pure Python (no Django); shared by extraction
(does a promise name a deliverable?) and evidence matching (does a report name the promise?)."""

import re
from dataclasses import dataclass

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
HOUSEKEEPING = re.compile(
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


def stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def terms(text: str, ignore: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The stemmed content words two texts are matched on ("launched the bridge" -> {launch,
    bridge}); a word's possessive or contraction is cut ("mainnet's" -> mainnet). Words in
    `ignore` (the project's own name, say) are left out."""
    found = set()
    for word in words(text):
        word = re.split(r"['’]", word, maxsplit=1)[0]
        if len(word) > 2 and word not in STOPWORDS and word not in ignore:
            found.add(stem(word))
    return found


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
