"""Proposing commitments: sentences by the project team's speakers that state a future action
or deliverable. Pure Python (no Django). An admin reviews every candidate, so precision counts
as much as recall: housekeeping, market predictions and empty pledges are left out."""

import datetime
import functools
import re
from dataclasses import dataclass

from .timephrases import find_condition, find_due
from .topics import TOPICS
from .transcripts import Transcript

ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "dr.", "u.s.", "no.", "approx.")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9$])")

# Future markers. Each finds where the promise's predicate starts (the text after the match).
MODAL = re.compile(
    r"(?i)\b(?P<subject>[\w’']+(?: [\w’']+)?)\s*(?P<modal>will|shall|won['’]t|['’]ll|may|might)\b"
    r"(?! not\b)(?! be (?:wrong|right)\b)"
)
GOING_TO = re.compile(r"(?i)\b(?P<subject>[\w’']+)\s*(?:am|are|is|['’]re|['’]m)\s+(?:going to|gonna|about to)\b")
PLAN_TO = re.compile(
    r"(?i)\b(?P<subject>we|i|team|stratos)\s+(?:have |also |really |still )?"
    r"(?:plan|plans|planned|planning|intend|intends|aim|aims|expect|are planning|are preparing|are working|prepare|commit|promise)"
    r" (?:to|on)\b"
)
PLAN_TO_MORE = re.compile(
    r"(?i)\b(?P<subject>we|i|team)(?:['’]re|['’]m|\s+are|\s+am)?\s+"
    r"(?:committed to|targeting|target|aiming for|aim for|preparing|working toward)\b"
)
# "Our next step is to launch the bridge", "the plan is to open the grants program".
PLAN_NOUN = re.compile(
    r"(?i)\b(?:our|the|my)\s+(?:next\s+(?:step|steps|milestone|phase|priority)\s+(?:is|are|will be)\b(?:\s+to\b)?"
    r"|(?:first|second|third|final|main)\s+(?:step|steps|milestone|phase|priority)\s+(?:is|are|will be)\s+to\b"
    r"|(?:plan|plans|goal|goals|target|aim|priority|focus|mission|roadmap)(?:\s+for\s+[\w\s]{1,30}?)?\s+(?:is|are|will be)\s+to\b)"
)
# "The upgrade is scheduled for the second quarter", "the wallet is expected to be released".
SCHEDULED = re.compile(
    r"(?i)\b(?P<subject>[\w’'$-]+)\s+(?:is|are|['’]s|['’]re)\s+(?:now\s+|currently\s+|also\s+|still\s+)?"
    r"(?:scheduled|planned|expected|set|slated|targeted|on track|due(?!\s+to\b))\s+(?:for|to|in|on|by|at|after)\b"
)
DELIVERY_VERBS = (
    "launch|release|ship|open|list|deploy|announce|start|begin|roll out|publish|deliver|introduce|upgrade|"
    "integrate|unlock|airdrop|distribute|debut|activate|enable|host|hold|onboard|add|migrate|switch|kick off|"
    "unveil|reveal|go live|come out|arrive|land|finish|complete"
)
# Present forms that name a date: "we're launching the wallet next month", "version twelve goes live next Tuesday".
PRESENT_DELIVERY = re.compile(
    # "we're launching", "the bridge is going live"
    r"(?i)\b(?P<subject>[\w$-]+)(?:['’]re|['’]m|['’]s|\s+are|\s+am|\s+is)\s+(?:\w+ly\s+)?"
    r"(?:launch|releas|shipp|open|list|deploy|announc|start|beginn|roll|publish|deliver|introduc|upgrad|integrat|unlock|"
    r"airdropp|distribut|debut|activat|enabl|host|hold|onboard|add|migrat|switch|kick|unveil|reveal|go|com|arriv|land|finish|complet)ing\b"
    # "we launch", "we also open"
    r"|\b(?P<we>we|i)\s+(?:also\s+|then\s+|officially\s+)?(?:" + DELIVERY_VERBS + r")\b"
    # "version twelve goes live", "the bridge launches"
    r"|\b(?P<thing>[\w$-]+)\s+(?:also\s+|then\s+|officially\s+)?"
    r"(?:launches|ships|opens|goes live|comes out|starts|begins|arrives|lands|debuts|kicks off|rolls out|unlocks)\b"
)
NOT_A_SUBJECT = {
    "what", "which", "that", "who", "when", "how", "to", "and", "or", "not", "will", "would", "can", "could",
    "should", "must", "might", "may", "you", "they", "if", "it",
}
DELIVERY_START = re.compile(r"(?i)\s*(?:also |soon |then |be able to )?(?:" + DELIVERY_VERBS + r")\b")
SHOULD_BE_DELIVERED = re.compile(
    r"(?i)\s*(?:also |soon |then )?be\s+(?:live|ready|available|out|open|released|launched|deployed|listed|"
    r"finished|completed|integrated|opened|published|delivered|done by)\b"
)
SHOULD = re.compile(r"(?i)\b(?P<subject>[\w’']+)\s+should\b(?! not\b)")
# Addressed to the listeners: "stay tuned for the airdrop announcement", "expect the new website in a month".
HEADS_UP = re.compile(
    r"(?i)^(?:so,? |and |also,? |please,? )?"
    r"(?:stay tuned for|expect|look out for|watch out for|keep an eye (?:out )?(?:on|for)|coming (?:soon|next)\b:?)\b"
)
SPEECH_VERBS = (
    "share|mention|invite|know|ask|open the floor|appreciate|say|add|introduce|remind|talk|hear|clarify|explain|"
    "emphasi[sz]e|point out|highlight|welcome|thank|start with|begin with|give|take this|use this"
)
# Plans still open: "we hope to launch", "we are considering a buyback", "we're talking to Gate about"
# (HEDGES makes the hoping and considering ones soft).
HEDGED_PLAN = re.compile(
    r"(?i)\b(?:we|i)(?:['’]re|['’]m|['’]d|\s+are|\s+am|\s+would)?(?:\s+(?:really|also|still|now|currently|actively))?\s+"
    r"(?:(?:hope|hoping|wish)\s+(?:that\s+)?(?:to|we\s+(?:can|could|will)|we['’]ll)"
    # "we'd like to run case studies", but not "I'd like to invite Bin" (the host's words)
    r"|(?<=we['’]d )like to(?!\s+(?:" + SPEECH_VERBS + r")\b)|(?<=we would )like to(?!\s+(?:" + SPEECH_VERBS + r")\b)"
    r"|considering|thinking (?:about|of)|exploring|looking into|discussing|evaluating|"
    r"(?:in talks|talking|negotiating) (?:with|to))\b"
)
COMING = re.compile(
    r"(?i)\b(?:is|are|['’]s|['’]re)\s+(?:also\s+)?(?:coming\b(?!\s+(?:from|back)\b)|"
    r"(?:on the horizon|in the pipeline|in the works|on the way|around the corner)\b)"
)
# "aiming to deliver some of them by the end of Q1": a participle plan, counted when it names a date.
AIMING = re.compile(r"(?i)\b(?:aiming|planning|preparing|looking|hoping|expecting) to\b")

TEAM_SUBJECTS = {"we", "i", "team", "stratos", "us", "our team", "the team", "stratos team"}
PRODUCT_SUBJECTS = {"it", "this", "that", "which", "there", "you", "they"}
YOU_GAIN = re.compile(r"(?i)\s*(?:also |not only |soon |then )?(?:get|receive|earn|have|be able to|enjoy|benefit)\b")
OUTSIDERS = {
    "people", "investors", "investor", "someone", "everyone", "nobody", "he", "she", "user", "users", "community",
    "others", "who", "miners", "countries", "governments", "creators", "vcs",
}
# What a speaker expects of things outside the team's hands, not what the team will do:
# "storage will probably never compete", "the GPU will be much more efficient".
PREDICTION = re.compile(r"(?i)\s*(?:(?:probably|also|even|still|definitely|much|then|just|soon)\s+)*(?:never\b|be\b|become\b|get (?:bigger|better|more)\b)")
PASSIVE_DELIVERY = re.compile(
    r"(?i)\s*(?:also |soon |then |definitely )?be\s+"
    r"(?:\w+ed|built|run|done|given|made|shown|paid|sent|set up|available|live|ready|out|open|(?:the )?(?:next|first))\b"
)
MARKET_WORDS = re.compile(
    r"(?i)\b(price|prices|bitcoin|btc|halving|bull market|bear market|pump|dump|crash\w*|the market|crypto market)\b"
)
HEDGES = re.compile(
    r"(?i)\b(maybe|probably|possibly|perhaps|might|hopefully|hope|hoping|wish|potentially|consider\w*|could|"
    r"not sure|try to|trying to|would like|i think|i believe|i guess|depend\w*|if everything)\b"
    r"|\b(?:we|i|it|they|you) may\b|\bmay (?:also )?be\b|\bshould\b|\bexpected\b|\bon track\b"
    r"|['’]d like\b|\b(?:thinking (?:about|of)|exploring|looking into|evaluating)\b"
    # "it's challenging to predict when we'll be listed": the speaker disclaims a date
    r"|\b(?:challenging|difficult|hard|impossible|too early) (?:for (?:me|us) )?to (?:predict|estimate|say|tell|promise|give)\b"
    r"|\b(?:can['’]?not|can['’]t|won['’]t|don['’]t) (?:promise|guarantee|commit)\b"
)
HOUSEKEEPING = re.compile(
    r"(?i)(\bwait\b.{0,40}\b(minute|moment|second)s?\b|\bput you on\b|\bspeaker\b|\bunmute\b|\bmute\b|"
    r"\braise (your|the) (hand|mic)\b|\brequest(ed)? to speak\b|\bquestions?\b|\bq ?& ?a\b|\bjump (right )?into\b|"
    r"\bdive (right )?in|\bget(ting)? started\b|\bdo you think\b|\bkick (it )?off\b|\bsee you\b|\bthank\w*\b|\bpass (it )?(over )?to\b|"
    r"\bhand (it )?over\b|\bhear (me|you)\b|\bintroduc\w+ (myself|yourself)\b|\bwelcome\b|\bthis (ama|session|space)\b|"
    r"\bnext (topic|segment)\b|\bwrap (it )?up\b|\blet me\b|\bgive (you|the floor)\b)"
)
STOPWORDS = set(
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
WORD = re.compile(r"[a-z][a-z0-9'’-]*")


@dataclass(frozen=True)
class Candidate:
    turn_index: int
    speaker: str
    section: str
    line: int
    text: str
    strength: str
    topic: str | None
    due_text: str | None
    due_date: datetime.date | None
    due_precision: str | None
    condition: str | None

    def as_dict(self, source_name: str, aired_on: datetime.date) -> dict:
        return {
            "source": source_name,
            "aired_on": aired_on.isoformat(),
            "speaker": self.speaker,
            "section": self.section,
            "line": self.line,
            "text": self.text,
            "strength": self.strength,
            "topic": self.topic,
            "due_text": self.due_text,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "due_precision": self.due_precision,
            "condition": self.condition,
        }


def propose_commitments(transcript: Transcript, team_speakers: set[str] | None = None) -> list[Candidate]:
    team = guess_team_speakers(transcript) if team_speakers is None else set(team_speakers)
    candidates, seen = [], set()
    for turn in transcript.turns:
        if turn.speaker not in team:
            continue
        for number, paragraph in enumerate(turn.paragraphs):
            section = turn.paragraph_sections[number] if turn.paragraph_sections else turn.section
            for sentence in split_sentences(paragraph):
                strength = commitment_strength(sentence, transcript.aired_on)
                key = sentence.lower()
                if strength is None or key in seen:
                    continue
                seen.add(key)
                due = find_due(sentence, transcript.aired_on)
                candidates.append(
                    Candidate(
                        turn_index=turn.index,
                        speaker=turn.speaker,
                        section=section,
                        line=turn.paragraph_lines[number],
                        text=sentence,
                        strength=strength,
                        topic=guess_topic(sentence, f"{section} {paragraph}"),
                        due_text=due.text if due else None,
                        due_date=due.date if due else None,
                        due_precision=due.precision if due else None,
                        condition=find_condition(sentence),
                    )
                )
    return candidates


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


def commitment_strength(sentence: str, aired_on: datetime.date | None = None) -> str | None:
    """"firm" or "soft" when the sentence promises something, else None. With the air date,
    present-tense plans that name a date to come ("we're launching it next month") count too."""
    if sentence.rstrip().endswith("?") or HOUSEKEEPING.search(sentence):
        return None
    predicate = promise_predicate(sentence) or plan_predicate(sentence, aired_on)
    if predicate is None or not deliverable_words(predicate):
        return None
    return "soft" if HEDGES.search(sentence) else "firm"


def promise_predicate(sentence: str) -> str | None:
    """The words that say what is promised, or None when the sentence promises nothing."""
    for pattern in (MODAL, GOING_TO, PLAN_TO):
        for match in pattern.finditer(sentence):
            words = match.group("subject").lower().replace("’", "'").split()
            subject = " ".join(words)
            predicate = sentence[match.end() :]
            if subject in TEAM_SUBJECTS or words[-1] in TEAM_SUBJECTS:
                return predicate
            if MARKET_WORDS.search(sentence) or words[-1] in OUTSIDERS:
                continue
            modal = (match.groupdict().get("modal") or "").lower()
            negated = modal.startswith("won")
            if negated or modal in ("may", "might"):
                # Others' possibilities and refusals are not the team's promises; a deliverable's are.
                if not negated and PASSIVE_DELIVERY.match(predicate):
                    return sentence[: match.start()] + " " + predicate
                continue
            if words[-1] == "you" and YOU_GAIN.match(predicate):
                return predicate
            if words[-1] == "they" and re.search(r"(?i)\b(our|us)\b", predicate):
                return predicate
            if PASSIVE_DELIVERY.match(predicate):
                # "The CDN will be launched", "it will be available": the subject is the deliverable.
                return sentence[: match.start()] + " " + predicate
            if words[-1] not in PRODUCT_SUBJECTS and deliverable_words(subject) and not PREDICTION.match(predicate):
                return subject + " " + predicate
    coming = COMING.search(sentence)
    if coming and not MARKET_WORDS.search(sentence):
        return sentence[: coming.start()]
    return None


def plan_predicate(sentence: str, aired_on: datetime.date | None) -> str | None:
    """Plans said without "will": named plans, schedules, and present forms with a date to come."""
    if MARKET_WORDS.search(sentence):
        return None
    match = (
        PLAN_NOUN.search(sentence) or PLAN_TO_MORE.search(sentence) or HEADS_UP.search(sentence)
        or HEDGED_PLAN.search(sentence)
    )
    if match:
        return sentence[match.end() :]
    # find_due reads the sentence at most once, and only when a rule asks for a date.
    names_a_date = functools.cache(lambda: aired_on is not None and find_due(sentence, aired_on) is not None)
    for match in SCHEDULED.finditer(sentence):
        predicate = sentence[match.end() :]
        if subject_of(match) in OUTSIDERS | {"you"}:
            continue
        if (
            predicate.lstrip().lower().startswith("be ")
            or DELIVERY_START.match(predicate)
            or names_a_date()
            or find_condition(sentence)
        ):
            return sentence[: match.start()] + " " + predicate
        # else: "targeted for two audiences" names no date, event or delivery
    for match in SHOULD.finditer(sentence):
        predicate = sentence[match.end() :]
        subject = subject_of(match)
        if subject in OUTSIDERS | {"you"}:
            continue
        if subject in TEAM_SUBJECTS and DELIVERY_START.match(predicate) or SHOULD_BE_DELIVERED.match(predicate):
            return sentence[: match.start()] + " " + predicate
    match = AIMING.search(sentence)
    if match and names_a_date():
        return sentence[match.end() :]
    for match in PRESENT_DELIVERY.finditer(sentence):
        subject = (match.group("subject") or match.group("we") or match.group("thing")).lower()
        if subject not in OUTSIDERS and subject not in NOT_A_SUBJECT:
            return sentence if names_a_date() else None
    return None


def subject_of(match: re.Match) -> str:
    return match.group("subject").lower().replace("’", "'")


def deliverable_words(text: str) -> list[str]:
    return [word for word in WORD.findall(text.lower()) if word not in STOPWORDS and len(word) > 2]


# Each topic's keywords, compiled once: a keyword counts where no letter comes before it.
TOPIC_PATTERNS = [
    (topic, [(keyword, re.compile(r"(?<![a-z])" + re.escape(keyword))) for keyword in topic.keywords])
    for topic in TOPICS
]


def guess_topic(sentence: str, context: str = "") -> str | None:
    for text in (sentence, context):
        lowered = f" {text.lower()} "
        scores = []
        for order, (topic, patterns) in enumerate(TOPIC_PATTERNS):
            hits = sum(len(pattern.findall(lowered)) for keyword, pattern in patterns if keyword in lowered)
            if hits:
                scores.append((-hits, order, topic.slug))
        if scores:
            return min(scores)[2]
    return None


def guess_team_speakers(transcript: Transcript) -> set[str]:
    """Speakers who speak for the project: a speaker whose name, or first name, appears in the
    front matter's title or description (leaving out whoever it says hosted the session), unless
    tagged <o> (the style for others); and every speaker sharing a tag with one of those."""
    about = f"{transcript.title} {transcript.description}"
    about = re.sub(r"(?i)\bhosted by [\w&.' -]+?(?= with\b|,|\.|$)", " ", about).lower()
    team = set()
    for turn in transcript.turns:
        if turn.tag == "o":
            continue
        name = turn.speaker.lower()
        first = name.split()[0] if name.split() else name
        if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", about) or (
            len(first) >= 3 and re.search(rf"(?<![a-z]){re.escape(first)}(?![a-z])", about)
        ):
            team.add(turn.speaker)
    team_tags = {turn.tag for turn in transcript.turns if turn.speaker in team}
    team |= {turn.speaker for turn in transcript.turns if turn.tag in team_tags and turn.tag != "o"}
    return team
