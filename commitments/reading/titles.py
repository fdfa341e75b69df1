"""Short titles: the imperative a reader would publish for a promise ("Launch the CDN layer"),
made from the predicate the extraction rules read, or from the quote's own clause when no action
can be made, never cut mid-phrase. Pure Python (no Django)."""

import re
from typing import Protocol

from .text import DELIVERY_ING, DELIVERY_VERB_LIST, VERBS, present_participle


class ReadingRule(Protocol):
    """What a title needs of the extraction rule that read a promise."""

    name: str
    pattern: re.Pattern

TITLE_WORDS = 10
# Words before the promised action that a title leaves out: "also", "be able to", "start to".
TITLE_LEAD = re.compile(
    r"(?i)^(?:(?:also|then|soon|definitely|really|finally|officially|actively|just|still|certainly|surely|first|"
    r"further|even|now|currently|eventually|later|likely|probably|maybe|perhaps|hopefully|kind of|sort of|be able to|be|start to|"
    r"start|begin to|try to|continue to|to|going to|gonna|working on|focusing on|focused on|preparing|"
    r"planning to|aiming to|looking to|need to|have to|committed to|gearing up to|getting ready to|in a position to|on|the plan is to)\b[\s,]*)+"
)
# Where a sentence ends inside what was read as one: notes often go on in lower case ("tomorrow. as far
# as I know"). Not after "e.g", "etc", "vs" or an initial.
SENTENCE_END = r"\s*(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\b[A-Za-z])\.\s"
# Where a title's clause ends.
TITLE_END = re.compile(
    r"(?i),(?!\d{3}\b)|[;()\u2014\u2013]|:(?!\d)|" + SENTENCE_END + r"|\s(?:because|so that|so|which|who|where|as well as|and then|but|while|since|as we|to make sure|compared (?:with|to)|"
    r"in order to|for example|like|(?:and|or) (?:we|i|they|you|it))\s"
)
TRAILING_SMALL_WORDS = re.compile(
    r"(?i)(?:\s+(?:the|a|an|and|or|to|of|for|with|on|in|at|by|our|their|its|your|some|more|from|that|this|as|the end|"
    r"by the end|end|like|than|is|are|was|were|how|such|then|very|even|so|whether|if|when|where|what|try|sometime|"
    r"some time|around|about|roughly|approximately))+$"
)
PASSIVE_TITLE = re.compile(
    r"(?i)^(?:(?:actually|so|and|also|then|but|now|yes|yeah|well),?\s+)*(?P<thing>.+?)\s+(?:will|shall|['’]ll|is going to|"
    r"are going to|should|may|might)\s+(?:\w+ly\s+)?(?:also\s+|soon\s+|then\s+|finally\s+)?(?:be|get)\s+(?:\w+ly\s+)?"
    r"(?:\w+ (?:and|&) )?(?P<done>\w+)\b(?P<rest>.*)$"
)
HAVE_LAUNCHING = re.compile(
    r"(?i)\b(?:we|i) (?:have|got) (?P<thing>(?:the |our |a |an )?[\w$-]+(?: [\w$-]+){0,3}?) (?P<ing>" + DELIVERY_ING + r")\b"
)
PRESENT_TITLE = re.compile(r"(?i)^.*?\b(?:we|i|the team|\w+)\s*(?:['’]re|['’]m|['’]s| are| am| is)\s+(?:\w+ly\s+)?(?P<ing>\w+ing)\b")
STATES = {"available", "live", "ready", "out", "open"}
# Who a passive says will act, left out of the active title: "be launched by the team".
PASSIVE_AGENT = re.compile(r"^\s+by\s+(?:us|the team|our team|the \w+ team|(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Q[1-4]|Christmas|Easter)\w*\b)[A-Z][\w-]*)(?=[\s,.;:!?]|$)")
# An event, which is held, not delivered: "there will be a community call on the 20th".
EVENT = re.compile(
    r"(?i)^(?:(?:a|an|the|some|more|another|two|three|several|our|new)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:call|meeting|workshop|webinar|meetup|event|session|hackathon|conference|ama|livestream|stream|contest|"
    r"competition|vote|election|summit|tournament|party)s?\b"
)
# A thing named as what it is, then what will be done to it: "the rewards program is a unique feature that".
NAMED_AS = re.compile(r"(?i)^(?P<thing>(?:\w+\s+){0,5}?\w+)\s+(?:is|are)\s+(?:a|an|the|one of the)\s+(?:[\w-]+\s+){0,4}?(?:that|which)$")
# An aside a title leaves out: "offer a very competitive (90% off) price".
PARENTHESIS = re.compile(r"\s*\([^()]*\)(?=\s)")
# "consider whether it's feasible to create a light wallet" -> "consider creating a light wallet"
WHETHER_FEASIBLE = re.compile(
    r"(?i)^(?P<verb>consider|explore|study|check|evaluate|look into)\s+whether\s+(?:it['’]s|it is|it would be)\s+"
    r"(?:feasible|possible|viable|worth it|worthwhile)\s+to\s+(?P<action>.+)$"
)


def predicate_title(predicate: str) -> str:
    """The predicate as the start of a title: leads left out, an -ing verb made imperative, its
    clause only."""
    text = TITLE_END.split(TITLE_LEAD.sub("", predicate.strip()), maxsplit=1)[0]
    return imperative_from_ing(text.strip(" .!?"))


# "have more to share about the bridge" -> "share more about the bridge"
HAVE_MORE_TO = re.compile(r"(?i)^have more to (?P<verb>\w+)\b")


def title_for(
    sentence: str,
    plain: str,
    found: tuple[ReadingRule, str] | None,
    spoken: tuple[str | None, ...],
    before: tuple[str, ...] = (),
) -> str:
    """An imperative title of at most TITLE_WORDS words made from the promise: "Actually, we will
    launch the new Big-Dipper explorer very soon." -> "Launch the new Big-Dipper explorer". The
    sentence itself stays the quote. `plain`: the sentence without its emphasis marks; `found`: the
    rule that read the promise and its predicate; `spoken`: the due and condition phrases to leave
    out; `before`: the sentences said just before it, where a pronoun's thing may be named. When no
    action can be made (another party acts, the action is denied, a pronoun names nothing), the
    title is the quote's clause, whole."""
    sentence, plain = without_noise(sentence), without_noise(plain)
    found = (found[0], without_noise(found[1])) if found else None
    if found and (clause := others_clause(PARENTHESIS.sub("", plain), found[1], spoken, before)):
        return clause
    title = imperative_title(sentence, plain, found, spoken)
    readings = with_antecedent(sentence, plain, found, before) if title is None or POINTING.search(title) else []
    for named in readings:
        if (better := imperative_title(*named, spoken)) and better != title:
            title = better
            break
    if title is None:
        # the quote's clause, its pronoun read as the thing it stands for when that is clear
        _, plain, found = readings[0] if readings else (sentence, plain, found)
        return title_from_quote(plain, predicate=found[1] if found else None, spoken=spoken)
    return title[:1].upper() + title[1:]


# Sounds of speech that say nothing: "uh", "um".
HESITATION = re.compile(r"(?i)\b(?:uh|um|uhm|erm)\b[,.!]?\s*")
# Words said twice while the speaker looks for the next ones: "I'll take a, I'll take a second look",
# "we'll, we'll make": one word, or words that stop where no phrase ends ("the CDN, the CDN service"
# is said twice on purpose).
SAID_AGAIN = re.compile(
    r"(?i)\b((?:[\w'’]+\s+){1,3}(?:a|an|the|to|of|for|with|on|in|at|and|or|we|i|you|they|it|our|my|your|this|that|"
    r"is|are|will|can|would|[\w]+['’](?:ll|re|m|d|s|ve))|[\w'’]+),\s+\1\b"
)


def without_noise(text: str) -> str:
    """The text as it was meant: "Uh, I'll take a, I'll take a second look" -> "I'll take a second look"."""
    return SAID_AGAIN.sub(r"\1", HESITATION.sub("", text))


def imperative_title(
    sentence: str, plain: str, found: tuple[ReadingRule, str] | None, spoken: tuple[str | None, ...]
) -> str | None:
    """title_for's imperative, or None when none is well made."""
    predicate = PARENTHESIS.sub("", found[1] if found else sentence)
    plain = PARENTHESIS.sub("", plain)
    passive = PASSIVE_TITLE.match(THING_LEAD.sub("", last_clause(plain)))
    thing = passive.group("thing").strip() if passive else ""
    if named := NAMED_AS.match(thing):
        thing = named.group("thing")  # "the rewards program is a unique feature that (will be launched)"
    if passive and re.search(r"[,;:]|\b(?:that|which|who|we|i|you|they)\b|^(?:it|this|these|those|them)$", thing, re.IGNORECASE):
        passive = None  # "..., we want to deliver some dApps that will be powered by": not the thing
    present = PRESENT_TITLE.match(sentence) if found and found[0].name == "present delivery, with a date" else None
    if passive and passive.group("done").lower() == "up":
        predicate = f"put {lower_first(thing)} up{passive.group('rest')}"  # "the simulator will be up"
    elif passive and passive.group("done").lower() != "going" and (verb := base_verb(passive.group("done")) or verb_of_participle(passive.group("done"))):
        rest = passive.group("rest")
        particle = verb.partition(" ")[2]
        if particle and re.match(rf"(?i)\s*{particle}\b", rest):
            rest = re.sub(rf"(?i)^\s*{particle}\b", "", rest)  # "rolled out on" -> "roll out these features on"
        rest = PASSIVE_AGENT.sub("", rest)  # "launched by the team" -> "launch"
        predicate = f"{verb} {lower_first(thing)}{rest}"
    elif passive and passive.group("done").lower() in STATES:
        predicate = f"make {lower_first(thing)} {passive.group('done')}{passive.group('rest')}"
    elif present and (verb := base_verb(present.group("ing"))):
        predicate = verb + sentence[present.end() :]
    elif found and found[0].name == "present delivery, with a date" and (had := HAVE_LAUNCHING.search(plain)):
        # "we have the new vault launching next week" -> "Launch the new vault"
        predicate = f"{base_verb(had.group('ing'))} {had.group('thing')}{plain[had.end():]}"
    elif found and found[0].name == "scheduled":
        scheduled = found[0].pattern.search(plain)
        thing = re.split(r"[,;:\u2014\u2013]\s*", plain[: scheduled.start()] + scheduled.group("subject"))[-1]
        to_deliver = re.match(r"(?i)\s*to\s+(?:be\s+)?(\w+)\b", plain[scheduled.end() :])
        verb = base_verb(to_deliver.group(1)) if to_deliver else None
        if verb is None and to_deliver and to_deliver.group(1).lower() in DELIVERY_VERB_LIST:
            verb = to_deliver.group(1).lower()
        rest = plain[scheduled.end() + to_deliver.end() :] if to_deliver else ""
        predicate = f"{verb} {lower_first(thing.strip())}{rest}" if verb else "-"  # "-": from the quote
    elif found and found[0].name == "roadmap item":
        predicate = "deliver " + re.split(r",|\band\b|\bcontains\b", predicate)[-1]
    elif found and found[0].name in ("is coming", "there will be", "heads-up"):
        thing = TITLE_LEAD.sub("", predicate.strip())
        doing = re.match(r"(?i)(\w+ing)\b(.*)$", thing)
        if doing and found[0].name == "heads-up":
            predicate = imperative_from_ing(doing.group(1)) + doing.group(2)  # "expect us to be opening the forms"
        elif not re.match(r"(?i)(?:we|i|you|they|he|she|it)\b", thing):
            said = plain.lower().find(thing[:20].lower())
            article = re.search(r"(?i)\b(?:a|an|the|another)\s+$", plain[:said]) if said > 0 else None
            thing = f"{article.group(0).lower()}{thing}" if article and not OBJECT_START.match(thing) else thing
            predicate = ("hold " if EVENT.match(thing) else "deliver ") + lower_first(thing)  # "there will be a call"
    elif found and found[0].name in ("work under way", "countdown", "hedged plan", "committed to"):
        thing = TITLE_LEAD.sub("", predicate.strip())
        before = plain[: max(plain.find(predicate.strip()[:30]), 0)] if predicate.strip() else ""
        doing = re.search(r"(?i)\b(\w+ing)((?:\s+(?:out|up|into|at|for))?)\s*$", before)  # "looking into"
        verb = imperative_from_ing(doing.group(1)) if doing else ""
        if doing and doing.group(2).strip() and not verb.endswith(doing.group(2).strip()):
            verb += doing.group(2)  # "setting up" -> "set up", "looking into" -> "look into"
        if re.match(r"(?i)\s*to\s", predicate):
            predicate = thing  # "we're preparing to meet the demand" -> "Meet the demand"
        elif verb and verb.lower() not in ("working", "doing", "starting", "beginning", "work", "do", "start", "begin"):
            predicate = f"{verb.lower()} {thing}"  # "we're implementing a system" -> "Implement a system"
        elif re.match(r"(?i)\w+ing\b", thing):
            predicate = imperative_from_ing(thing)  # "working on updating the pool" -> "Update the pool"
        elif OBJECT_START.match(thing):
            predicate = "deliver " + lower_first(thing)  # "we're working on a v2 of the app" -> "Deliver a v2 of the app"
    for phrase in spoken:
        if phrase:
            # "in August/September" goes whole; "soon" inside "as soon as" stays
            spoken_pattern = re.escape(phrase).replace(r"\ ", r"\s+(?:\w+\s*/\s*)?", 1) if " " in phrase else re.escape(phrase)
            pattern = r"\b(?<!\bas )" + spoken_pattern + r"(?! as\b)(?:\s*/\s*\w+)?(?!\w)|\bas " + re.escape(phrase) + r"(?! as\b)(?!\w)"
            predicate = re.sub(pattern, " ", predicate, flags=re.IGNORECASE)
    predicate = " ".join(predicate.split()).strip(" .!?\"'“”")
    predicate = WHERE_WE.sub(r"\g<thing> to ", predicate)  # "a system where we batch" -> "a system to batch"
    # "we will be going to communities and Discord servers": a visit, not a future
    predicate = re.sub(r"(?i)^(?:be )?going to (?=(?:the|a|an|our|some|many|various|other|\w+s)\b(?! to\b))", "go to ", predicate)
    title = TITLE_LEAD.sub("", predicate)
    title = TITLE_END.split(title, maxsplit=1)[0]
    words = title.split()
    title = whole_phrases(words[:TITLE_WORDS]) if len(words) > TITLE_WORDS else title
    title = DANGLING_PRONOUN.sub("", title)
    title = SAME_VERB_AGAIN.sub(r"\g<verb>\g<first>", title)
    title = TRAILING_SMALL_WORDS.sub("", LEADING_FILLER.sub("", title).strip(" .,!?-")).strip(" .,!?-")
    title = LEADING_ADVERB.sub("", title)  # "directly process the data" -> "process the data"
    title = imperative_from_ing(title)
    title = HAVE_MORE_TO.sub(r"\g<verb> more", title)
    if feasible := WHETHER_FEASIBLE.match(predicate_title(predicate)):
        action_verb, _, rest = imperative_from_ing(feasible.group("action")).partition(" ")
        title = f"{feasible.group('verb')} {present_participle(action_verb.lower())} {rest}".strip()
        title = whole_phrases(title.split()[:TITLE_WORDS]) if len(title.split()) > TITLE_WORDS else title
    title = tidy(HAVE_NEW.sub("deliver ", title))
    first = title.split(" ", 1)[0]
    if first and re.search(rf"(?i)\b{re.escape(first)}(?:\s+[\w$'’-]+){{0,2}}\s+(?:will|shall|['’]ll|can|could|would|may|might)\b", plain):
        return None  # "(The) bridge layer (will) then charge the fee": the thing that acts, not an action
    if objectless := OBJECTLESS.match(title):
        # "the four major features, which we'll deploy on the testnet": deploy what the clause is about
        which = WHICH_WE_WILL.search(plain)
        if not which:
            return None
        words = f"{objectless.group('verb')} {lower_first(which.group('thing'))}{title[objectless.end('verb'):]}".split()
        title = TRAILING_SMALL_WORDS.sub("", whole_phrases(words[:TITLE_WORDS])) if len(words) > TITLE_WORDS else " ".join(words)
    return title if well_made(title) else None


# A means the team will act through, said with "where we": "a system where we batch the uploads".
WHERE_WE = re.compile(
    r"(?i)\b(?P<thing>system|mechanism|process|tool|framework|pipeline|platform|way)\s+(?:where|in which|through which|with which)\s+we\s+(?=[a-z]+\b)(?!(?:will|can|are|have|had|would|could|do|did)\b)"
)
# A verb that needs its object, followed at once by a place or time: "Deploy on the testnet".
OBJECTLESS = re.compile(
    r"(?i)^(?P<verb>deploy|release|launch|ship|publish|deliver|announce|build|implement|integrate|introduce|unveil|"
    r"roll out|list|open|host|add|test|audit|review|share|record|present|send|submit|update|upgrade|migrate|fix)"
    r"\s+(?:on|in|at|to|with|for|by|after|before|during|within|into|as)\b"
)
# What a relative clause of the team's is about: "the four major features, which we'll deploy".
WHICH_WE_WILL = re.compile(
    r"(?i)\b(?P<thing>(?:the|our|a|an|these|those|this)\s+(?:[\w$'’-]+\s+){0,6}?[\w$'’-]+),?\s+(?:which|that)\s+"
    r"(?:we|i)\s*(?:will|shall|['’]ll|are going to|['’]re going to|can|plan to|want to)\b"
)


# Words at a title's end that add nothing once it stands alone: "Include the report in v12 as well".
TRAILING_ADDITIVE = re.compile(r"(?i)(?:\s+(?:as well|too|also|again|either))+$")
# A phrase at a title's end that points at someone or something named elsewhere: "Provide a
# demonstration to them", "Announce the schedule at that meetup" ("with this version" is the one at hand).
TRAILING_PRONOUN_PHRASE = re.compile(
    r"(?i)\s+(?:to|for|with|on|at|in|from)\s+(?:them|him|her|(?:that|those)\s+[a-z][\w-]*)$"
)
# "a" before a word said with a vowel: "Launch a exciting feature" (not "a one-time", "a user", "a euro").
A_BEFORE_VOWEL = re.compile(r"\b([Aa])\s+(?=(?!one\b|once\b|eu)[aeio][a-z])")


# The listeners addressed in a title are the community: "Keep you all updated".
LISTENERS = re.compile(r"(?i)^(?P<verb>keep|tell|show|update|inform|invite|remind)\s+(?:you all|you guys|all of you|y['’]all|you)\b")


def tidy(title: str) -> str:
    """A title that stands alone: no "as well" at its end, no "to them" when the action is whole
    without it ("Provide a direct demonstration"), the listeners named ("Keep the community
    updated"), "an" before a vowel."""
    title = LISTENERS.sub(r"\g<verb> the community", TRAILING_ADDITIVE.sub("", title))
    shorter = TRAILING_PRONOUN_PHRASE.sub("", title)
    if shorter != title and len(shorter.split()) >= 3 and well_made(shorter):  # not "Go back (to those teams)"
        title = shorter
    return A_BEFORE_VOWEL.sub(r"\1n ", title)


# Who acts when it is not the team: "they will integrate our tokens", "users can join as nodes",
# "you will get extra rewards". The words just before the promised predicate.
OTHERS_ACT = re.compile(
    r"(?i)(?:^|[\s,;:])(?P<subject>they|you|users|people|holders|developers|investors|everyone|anyone|someone|"
    r"(?:(?!(?:our|my|we|i|the|and|or|that)\b)[\w-]+\s+){0,2}(?:providers|operators|miners|validators|creators|stakers|customers)|"
    r"(?:a|an|the|another)\s+(?:third[- ]party|external|outside|partner)\s+(?:team|teams|developers?|compan(?:y|ies)|projects?))\s+"
    r"(?:(?:really|also|probably|likely|then|soon|still|finally)\s+)*"
    r"(?:will|would|can|could|shall|['’]ll|are going to|['’]re going to|may|might|are|['’]re|is)\s+"
    r"(?:(?:really|also|probably|likely|then|soon|still|finally|currently|now|already|not only)\s+)*"
    r"(?:be able to\s+|be\s+|start to\s+)?(?:working on\s+|building\s+|developing\s+)?$"
)
# Who a "they" or "you" stands for, named as a part of its own just before it: "all the people who
# hold the token, you will get", "the node operators, they will earn" (not a time: "the next day,").
DISLOCATED = re.compile(
    r"(?i)(?:^|[,;:]\s*)(?P<np>(?:all\s+|both\s+)?(?:the|these|those|our|all|every|each|many|most)\s+"
    r"(?![^,;:]*\b(?:we|i|you|they|day|days|week|weeks|month|months|year|years|time|moment|end|beginning|future|"
    r"past|meantime|quarter|morning|evening|night|way|case|moment|point)\b)"
    # a noun phrase, not a clause ("the wallet vendor confirmed the plan,"), then who or what it is
    r"(?:(?!\w+ed\b|(?:is|are|was|were|has|have|had|said|says|told|will|can|did|does|got|made|built)\b)[\w$'’-]+\s+){0,3}"
    r"[\w$'’-]+(?:\s+(?:who|that)\s+[^,;:]{2,50}?)?)\s*,\s*$"
)
# Names said together: "Northwind and Contoso", "Northwind, Contoso and Fabrikam".
NAME = r"(?!(?:We|I|You|They|He|She|It|And|But|So|Then|The|This|That|Our|Their)\b)[A-Z][\w.-]+"
NAMES_TOGETHER = re.compile(rf"\b{NAME}(?:,\s+{NAME})*\s+and\s+{NAME}")
# A modal after the pronoun, so the named subject takes it as it is: "they will", "you'll".
MODAL_NEXT = re.compile(r"(?i)^(?:\s+(?:will|can|could|would|may|might|should|shall)\b|['’]ll\b)")
# The team named before a "they": "our devs", "the team".
OWN_PEOPLE = re.compile(r"(?i)\b(?:our|the)\s+(?:[\w-]+\s+)?(?:team|teams|devs|developers|engineers|dev team|core team)\b")
# A promise denied: "we won't rush to work on the second component".
DENIED = re.compile(r"(?i)\b(?:won['’]t|will not|shall not|not going to|never|don['’]t|do not)\s+(?!only\b)(?:\w+\s+)?$")


def others_clause(plain: str, predicate: str, spoken: tuple[str | None, ...], before: tuple[str, ...] = ()) -> str | None:
    """The quote's clause, whole, when its action is another party's ("They will give us their
    monthly results") or denied ("We won't rush to work on the second component"): an imperative
    would make it the team's promise. `before`: the sentences said just before, where the names a
    "they" stands for may be said."""
    start = plain.lower().find(" ".join(predicate.split())[:30].lower()) if predicate.strip() else -1
    if start <= 0:
        return None
    lead = plain[:start]
    others = OTHERS_ACT.search(lead)
    if others and others.group("subject").lower() == "they" and OWN_PEOPLE.search(lead[: others.start("subject")]):
        others = None  # "our developers, they will ship the bridge": the team itself
    if others:
        clause = plain[others.start("subject") :]
        named = DISLOCATED.search(lead[: others.start("subject")])
        then = plain[others.end("subject") :]
        if named and others.group("subject").lower() in ("they", "you") and MODAL_NEXT.match(then):
            # "all the people who hold the token, you will get": those people will get
            clause = named.group("np") + re.sub(r"^['’]ll\b", " will", then)
        elif others.group("subject") == "they" and before and MODAL_NEXT.match(then):
            names = {found.group(0) for found in NAMES_TOGETHER.finditer(before[-1])}
            if len(names) == 1:  # "we will contact Northwind and Contoso ... they could integrate"
                clause = names.pop() + then
    elif DENIED.search(lead):
        clause = re.split(r"[,;:\u2014\u2013]\s*", lead)[-1] + plain[start:]
    else:
        return None
    clause = without_spoken(clause, spoken)
    clause = whole_clause(QUOTE_LEAD.sub("", LEADING_FILLER.sub("", joined_parts(re.split(CLAUSE_BREAK, clause))[0].strip())))
    return clause[:1].upper() + clause[1:] if len(clause.split()) >= 3 else None


def whole_clause(clause: str) -> str:
    """A clause from the quote as a title: ended before a second clause, a reason or (when enough
    is left) a condition, at most CLAUSE_WORDS words ending on a whole phrase: "We will have more
    validators when the mainnet is launched and more will come" -> "We will have more validators"."""
    whole = clause.strip(" .,!?-")
    clause = CLAUSE_END.split(whole, maxsplit=1)[0]
    head = ACTION_END.split(clause, maxsplit=1)[0].strip()
    if len(head.split()) >= 4 and head.split()[-1].lower() not in STAND_INS | {"them", "us", "him", "her", "you"}:
        clause = head  # "We will do it (after the launch)": the condition is all it names
    words = clause.split()
    if len(words) > LONGEST_CLAUSE:
        # "A partner team is working on the backend (to allow users to ...)": before its first joining word
        join = next((at for at in range(6, CLAUSE_WORDS) if words[at].lower() in PHRASE_JOINS), None)
        clause = " ".join(words[:join]) if join else whole_phrases(words[:CLAUSE_WORDS])
    clause = clause.strip(" .,!?-")
    return clause if clause == whole else TRAILING_SMALL_WORDS.sub("", clause).strip(" .,!?-")


# Where a sentence breaks into clauses: a comma (not one inside "100,000"), a bracket, a dash.
CLAUSE_BREAK = re.compile(r",(?!\d{3}\b)|[;()\u2014\u2013]|:(?!\d)|" + SENTENCE_END)
# Where a clause from the quote ends: a reason, an aside or a second clause starts.
CLAUSE_END = re.compile(
    r"(?i)\s(?:because|so that|so|(?<!anyone )(?<!everyone )(?<!someone )(?<!those )(?<!people )(?:which|who)|where|but|while|"
    r"since|and then|(?:and|or) (?:we|i|they|you|it))\s"
)
# A clause from the quote stays whole up to LONGEST_CLAUSE words; a longer one ends on a whole
# phrase within CLAUSE_WORDS.
CLAUSE_WORDS = 14
LONGEST_CLAUSE = 16


def without_spoken(text: str, spoken: tuple[str | None, ...]) -> str:
    """The text without its due and condition phrases ("after the mainnet is launched")."""
    for phrase in spoken:
        if phrase:
            text = re.sub(r"(?i)(?<!\w)" + re.escape(phrase) + r"(?!\w)", " ", text)
    return " ".join(text.split())


# "announce it", "ship it": a verb acting on "it".
ACTED_ON_IT = re.compile(r"(?i)\b(?P<verb>[a-z]{3,})\s+it\b(?!['’])")
# Verbs whose "it" names no thing they were said with before: "do it", "make it", "see it".
NO_ACTION_VERBS = frozenset("have make take give keep find know think feel mean said tell call like love want need see".split())


def same_verb_object(text: str, verb: str) -> str | None:
    """What the verb acts on in an earlier sentence: "announce the final fee schedule in Lisbon"
    -> "the final fee schedule"."""
    found = re.search(
        rf"(?i)\b{re.escape(verb)}\s+(?P<thing>(?:the|our|a|an)\s+(?:(?!(?:it|that|this|them)\b)[\w$'’-]+\s+){{0,4}}?"
        r"(?!(?:it|that|this|them)\b)[\w$'’-]+)"
        r"(?=\s+(?:in|at|on|to|for|by|with|after|before|during|next|soon|when|if|as|once)\b|\s*[,.;:!?]|\s*$)",
        text,
    )
    return lower_first(found.group("thing")) if found else None
# A thing asked about just before: "When will IBC be ready?" -> "IBC".
ASKED_THING = re.compile(
    r"(?i)\b(?:will|is|are|does|do|can|would)\s+(?P<thing>(?:the\s+|our\s+|your\s+|a\s+|an\s+)?"
    r"(?!(?:we|you|they|it|there|i|he|she|this|that|these|those)\b)[\w$'’-]+(?:\s+[\w$'’-]+){0,3}?)\s+"
    r"(?:be|get|come|launch|go|happen|ship|start|arrive|open)\b[^?]*\?\s*$"
)
# Things counted: "three options", "two wallets".
COUNTED_THINGS = re.compile(r"\b(?P<things>(?:two|three|four|five|six|several)\s+(?:[\w$-]+\s+){0,2}?[a-z][a-z-]*[^s\W]s)\b")
# A thing the sentence just before is about: "The indexer rewrite is mostly done. We will ship it next week."
SAID_THING = re.compile(
    r"(?i)^(?:(?:so|and|now|well),?\s+)?(?P<thing>(?:the|our)\s+(?:[\w$-]+\s+){0,3}?"
    r"(?!(?:team|teams|community|people|users|partners|founder|market|price|question|answer|idea|plan|goal|point|"
    r"reason|problem|issue|thing|situation|good news|news)\b)[\w$-]+)\s+"
    r"(?:is|was|has been|will be|should be)\s+(?!(?:a|an|the|that|to|not|one|why|how|what)\b)"
)
# A thing the team says it will act on: "it" in "it will be ready", "we will announce it".
THING_PRONOUN = re.compile(
    r"(?i)\bit\b(?!['’]|\s+(?:is|was|will be (?:a|an|the))\b)"
    r"|\b(?:this|that)\b(?=\s*[.,;!?]|\s*$|\s+(?:in|on|at|to|for|with|by|as|after|before|soon|later|next|now|too|again|also|once|when|if)\b)"
)
# Several things named earlier in the sentence: "these three use cases, aiming to deliver some of them".
NAMED_THINGS = re.compile(
    r"\b(?P<things>(?:[Tt]he|[Tt]hese|[Tt]hose|[Oo]ur|[Mm]ost|[Aa]ll|[Ss]everal|[Mm]any)\s+(?:[\w$-]+\s+){0,3}?"
    r"(?!(?:us|its|this|was|is|has|does|yes|always|sometimes|as|thanks|plus|less|unless|whereas|perhaps|across)\b)[a-z][a-z-]*[^s\W]s)\b"
)


# A title that points at a thing named elsewhere: "Roll out these features", "Help them to migrate".
POINTING = re.compile(r"(?i)\b(?:it|them)\b|\b(?:this|that|these|those)\s+(?!\w+ly\b)[a-z]")
# "these enterprises", "that layer": a thing pointed at by its noun.
DEMONSTRATIVE = re.compile(r"\b(?:[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?P<head>[a-z][a-z-]{2,})\b")
# Words that are no part of a thing's name: "the", "will", "of".
NOT_A_MODIFIER = frozenset(
    "the a an this that these those some any our their your its my his her we i you they it will can could would "
    "should is are was were be been to of and or but so have has had do does did all more most many much which who "
    "what not no very really at by in on with for from into within after before during until under over".split()
)


# What opens a noun phrase: a determiner, a number or a preposition.
NP_OPENERS = frozenset(
    "the a an this that these those some any our their your its all more most many several two three four five "
    "at by in on with for to from into within after before during until under over of about".split()
)


def named_before(head: str, texts: list[str]) -> str | None:
    """The thing a demonstrative's noun stands for, named with more words in the nearest text:
    "these enterprises" after "larger business enterprises" -> "the larger business enterprises"."""
    if head in EMPTY_OBJECT_WORDS or head.endswith("ly"):
        return None
    stem = head[:-1] if head.endswith("s") else head
    for text in texts:
        for found in reversed(list(re.finditer(rf"(?P<words>(?:[\w$'’-]+\s+){{1,4}}){re.escape(stem)}s?\b", text))):
            modifiers, opener = [], None
            for word in reversed(found.group("words").split()):
                if word.lower() in NOT_A_MODIFIER or not re.fullmatch(r"[\w$-]+", word):
                    opener = word.lower()
                    break
                modifiers.insert(0, word)
            if modifiers and opener in NP_OPENERS:  # "with larger business enterprises", not "will ship features"
                return "the " + " ".join(modifiers[-3:]) + " " + head
    return None


def with_antecedent(
    sentence: str, plain: str, found: tuple[ReadingRule, str] | None, before: tuple[str, ...]
) -> list[tuple[str, str, tuple[ReadingRule, str] | None]]:
    """The promise read again with its pronoun replaced by the thing it stands for, when that is
    clear: a thing asked about in the sentence just before ("When will the bridge be ready? It
    will be ready with this version."), or the things named earlier in the same sentence for
    "them" ("these three use cases, aiming to deliver some of them")."""
    readings = []
    acted = ACTED_ON_IT.search(plain)
    if acted and acted.group("verb").lower() not in NO_ACTION_VERBS:
        # "We will announce the final schedule in Lisbon. ... we will announce it at that meetup."
        verb = acted.group("verb")
        same = (same_verb_object(text, verb) for text in reversed(before))
        if acted_thing := next(filter(None, same), None):
            readings.append(lambda text: re.sub(rf"(?i)\b({re.escape(verb)})\s+it\b", lambda m: f"{m.group(1)} {acted_thing}", text, count=1))
    earlier = re.split(r",\s*(?:and|but|so)?\s*", plain, maxsplit=1)[0] if "," in plain else ""
    if (asked := SAID_THING.match(earlier)) or (
        before and (asked := ASKED_THING.search(before[-1]) or SAID_THING.match(before[-1]))
    ):
        asked_thing = lower_first(asked.group("thing"))
        readings.append(lambda text: THING_PRONOUN.sub(lambda _: asked_thing, text, count=1))
    them = re.search(r"(?i)\bthem\b", plain)
    named = list(NAMED_THINGS.finditer(plain[: them.start()])) if them else []
    if them and not named and before:
        # "So there are three options. We may support all three of them.": the one plural thing just before
        named = list(NAMED_THINGS.finditer(before[-1])) + list(COUNTED_THINGS.finditer(before[-1]))
        named = named if len({found.group("things").lower() for found in named}) == 1 else []
    if named:
        things = lower_first(re.sub(r"(?i)^(?:most|all|several|many)\s+", "", named[-1].group("things")))  # "most NFT projects"
        things = re.sub(r"^(?:two|three|four|five|six|several)\s+", "the ", things)  # "all three of them": "of the options"
        readings.append(lambda text: re.sub(r"(?i)\bthem\b", lambda _: things, text, count=1))
    pointed = DEMONSTRATIVE.search(plain)
    texts = [plain[: pointed.start()], *reversed(before[-2:])] if pointed else []
    if pointed and (pointed_thing := named_before(pointed.group("head"), texts)):
        readings.append(lambda text: text.replace(pointed.group(0), pointed_thing, 1))
    return [
        (
            replace(sentence),
            replace(plain),
            (found[0], replace(found[1])) if found else None,
        )
        for replace in readings
    ]


# An adverb before a title's verb: "Seamlessly allow ...", "Directly process ...".
LY_VERBS = frozenset("apply supply reply rely fly multiply comply imply rally tally ally".split())
LEADING_ADVERB = re.compile(
    r"(?i)^(?!(?:" + "|".join(LY_VERBS) + r"|early|only|likely|family|daily|weekly|monthly|quarterly|yearly|july|italy)\b)"
    r"[a-z]+ly\s+(?=[a-z])"
)
# Words a title never starts with: it would be a fragment ("The dAPPs", "Is very unique", "With Gate").
NOT_A_VERB_START = frozenset(
    "the a an this that these those it its they them their we i you your our us he she his her there here is are was "
    "were be been has had and but or so because if when while with without from of for in on at by to as basically "
    "right some any more most many much all both each every other another my one two three first second third new "
    "very not no yes yeah okay ok well also just".split()
)
LEADING_FILLER = re.compile(r"(?i)^(?:(?:and|but|so|then|basically|actually|yeah|yes|well|now|okay|ok)\b[\s,]*)+")
# A title cut at TITLE_WORDS ends on a whole phrase: before its last "to", "and", "or" or "with".
PHRASE_JOINS = {"to", "and", "or", "with", "from", "which", "if", "when"}
VOWELS = set("aeiou")
# Verbs ending in a vowel and a consonant whose "-ing" form adds nothing else.
PLAIN_VERBS = frozenset(
    "develop deliver offer consider visit edit audit open happen discover cover render enter order register monitor "
    "gather partner power answer explain".split()
)
# Verbs whose "-ing" form drops a final "e": the base cannot be told from the form alone.
E_VERBS = frozenset(
    "update create make improve provide move prepare finalize finalise optimize optimise organize organise use produce "
    "write complete explore introduce upgrade integrate migrate activate automate achieve raise increase reduce remove "
    "rewrite release decentralize decentralise share secure change manage balance celebrate educate promote "
    "stake issue continue host give leave receive solve serve drive save prove resolve evolve involve approve".split()
)
SUBORDINATE_START = re.compile(
    r"(?i)^(?:when|if|whether|after|before|as|from|once|until|while|since|because|for example|in|on|at|later|also)\b"
)


# The title's verb said again for a second thing: "build the layer also build some apps" -> "build the layer".
SAME_VERB_AGAIN = re.compile(r"(?i)^(?P<verb>\w+)\b(?P<first>.+?)\s+(?:also|and also|and then)\s+(?P=verb)\b.*$")
# A second verb left with only its pronoun once the title is cut: "meet the needs and provide them".
DANGLING_PRONOUN = re.compile(r"(?i)\s+and\s+\w+\s+(?:them|it|us|him|her)$")


def whole_phrases(words: list[str]) -> str:
    """The first TITLE_WORDS words, ended before the last joining word when one stands after the
    third word: "use three different points of view to make the final" -> "use three different
    points of view"."""
    for end in range(len(words) - 1, 2, -1):
        if words[end].lower() in PHRASE_JOINS:
            return " ".join(words[:end])
    return " ".join(words)


def imperative_from_ing(title: str) -> str:
    """"Listing our tokens on more exchanges" -> "List our tokens on more exchanges", "Hosting more
    events" -> "Host more events"; an -ing form whose base cannot be told ("using": "us" or "use")
    stays as it is and the title is judged as such."""
    first, _, rest = title.partition(" ")
    word = first.lower()
    if not word.endswith("ing") or (len(word) < 6 and word[:-3] + "e" not in E_VERBS):
        return title  # "using" is "use"; "bring", "sing" are no -ing forms
    verb = base_verb(word)
    stem = word[:-3]
    if verb is None and stem + "e" in E_VERBS:
        verb = stem + "e"  # "updating" -> "update"
    elif verb is None and stem in PLAIN_VERBS:
        verb = stem  # "developing" -> "develop"
    if verb is None and len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        verb = stem[:-1]  # "running" -> "run"
    elif verb is None and stem[-1] not in VOWELS and stem[-2] not in VOWELS and stem[-1] != stem[-2]:
        verb = stem  # "working" -> "work", "checking" -> "check"
    elif verb is None and stem[-1] not in VOWELS | set("vszy") and stem[-2] in VOWELS and stem[-3] in VOWELS:
        verb = stem  # "looking" -> "look", "joining" -> "join" (not "leaving", "raising")
    if verb and " " in verb and rest.lower().startswith(verb.partition(" ")[2] + " "):
        rest = rest[len(verb.partition(" ")[2]) + 1 :]  # "rolling out the app": "roll out" has its "out"
    return f"{verb} {rest}".strip() if verb else title


# How a noun ends, never a verb a title starts with: "Cooperation between chains", "Middle layer".
NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "dle", "ship", "hood", "ism")
VERBS_LIKE_NOUNS = frozenset(
    "mention question function position commission sanction partition caution auction transition provision condition "
    "petition section envision implement document comment experiment segment complement supplement augment increment "
    "enhance advance finance balance influence commence reference experience evidence license sentence handle bundle "
    "ship harness witness".split()
)
# What "have" a title may start with says: a state reached, not a possession ("Have the CDN ready").
HAVE_STATE = re.compile(
    r"(?i)\b(?:ready|up|live|done|available|in place|finished|completed|out|running|launched|released|deployed|"
    r"published|audited|integrated|listed|fixed|set up)\b"
)


def well_made(title: str) -> bool:
    """A title a reader would publish: two words or more, starting with an action, not an -ing
    form, a participle, a determiner, a pronoun or a joining word; naming what is promised; not a
    clause of its own ("The app is ready")."""
    words = title.split()
    if len(words) < 2 or len(words) > TITLE_WORDS:
        return False
    first = words[0].lower()
    ends_like_ing = first.endswith(("ing", "ly")) and first not in LY_VERBS | {"bring"}
    participle = (first.endswith("ed") and not first.endswith("eed")) or first in IRREGULAR_PARTICIPLES
    adjective = first.endswith(ADJECTIVE_ENDINGS) and first not in ("enable", "disable")
    noun = first.endswith(NOUN_ENDINGS) and first not in VERBS_LIKE_NOUNS  # "Collaboration parties build ..."
    if third_person(first):
        return False  # "Makes peer discovery easier": a clause whose subject was left behind
    if first == "have" and not HAVE_STATE.search(title):
        return False  # "Have a grant for developers", "Have some traction": not an action; "Have the CDN ready" is
    if all(word.lower().strip(".,") in STAND_INS for word in words[1:]):
        return False  # "Implement it", "Do that as well": what is promised is named elsewhere
    if vague_object(words[1:]) or CLAUSE_VERB.search(title) or OBJECTLESS.match(title) or SUBORDINATE_START.match(title):
        return False  # "Deploy on the testnet": deploy what?
    return (
        first not in NOT_A_VERB_START | {"available", "live", "ready"}
        and not ends_like_ing
        and not participle
        and not adjective
        and not noun
        and first.replace("-", "").isalpha()
    )


# Words that stand for a thing named elsewhere: a title made only of a verb and these says nothing.
STAND_INS = frozenset("it this that them these those so too as well also again there here".split())
# Words of an object that name nothing: "Support all the value", "Deliver some of them", "Build something".
EMPTY_OBJECT_WORDS = STAND_INS | frozenset(
    "the a an of our their your its my his her us you me they we some any all more most much many few lot lots "
    "bit other others another one ones two three four five both each every same second third next last something "
    "anything everything "
    "things thing stuff value plan time very really close closely together first directly working doing going".split()
)
# Words that open a phrase after the object: "Announce it at the conference".
PREPOSITIONS = frozenset("at by in on with for to from into within after before during until under over".split())
# A preposition after an empty object that says what it is about: "Share more about the bridge".
ABOUT = frozenset({"about"})
# Words after a verb that say how, not what: "Work more closely with the partners".
ADVERBS = frozenset("more very really close together directly first".split())
# How an adjective ends, never a verb a title starts with: "Potential partnerships for streaming".
ADJECTIVE_ENDINGS = ("ial", "ous", "ful", "ical", "ible", "able")
IRREGULAR_PARTICIPLES = frozenset("driven given taken shown known seen done gone been made held built".split())
# A verb of its own inside a title makes it a clause, not an action: "Program is a unique feature".
CLAUSE_VERB = re.compile(r"(?i)^(?:(?!\b(?:that|which|who|what|how|why|where|when|if|whether|sure|until|once|while)\b)\S+\s+){1,4}(?:is|are|was|were)\b")


# Verbs a title may start with, to tell "makes" or "releases" (a clause's verb) from an imperative.
COMMON_VERBS = frozenset(
    "make take get help allow let mean seem need want give go do work run bring keep put set show look start begin "
    "try find call come say see tell think know feel become stay turn move play pay hold build send".split()
)


def third_person(word: str) -> bool:
    """"makes", "releases", "goes": a verb with the -s of its third person; not "process" or "focus"."""
    known = COMMON_VERBS | E_VERBS | PLAIN_VERBS | {verb.split()[0] for verb in DELIVERY_VERB_LIST}
    if not word.endswith("s") or word.endswith("ss"):
        return False
    return word[:-1] in known or (word.endswith("es") and word[:-2] in known)


def vague_object(rest: list[str]) -> bool:
    """The words after a title's verb name nothing: none can name a thing ("Talk with them",
    "Support 100"), or its object is only such words and what follows is not what it is about
    ("Announce it at the conference", "Support all the value by the product")."""
    words = [word.lower().strip(".,!?\"'“”") for word in rest]
    words = [word for word in words if word]
    if all(word in EMPTY_OBJECT_WORDS or word in PREPOSITIONS or word.isdigit() for word in words):
        return True
    object_words = []
    for word in words:
        if word in PREPOSITIONS or word in ABOUT:
            break
        object_words.append(word)
    following = words[len(object_words)] if len(object_words) < len(words) else None
    object_words = [word for word in object_words if word not in ADVERBS and not word.endswith("ly")]
    empty = bool(object_words) and all(word in EMPTY_OBJECT_WORDS or word.isdigit() for word in object_words)
    return empty and following not in ABOUT and following != "to"  # "Help them to migrate the assets"


def title_from_quote(sentence: str, predicate: str | None = None, spoken: tuple[str | None, ...] = ()) -> str:
    """The quote's clause that holds the promise when it gives no clean action, whole, never cut
    mid-phrase, without the filler and hedges before it: "Aside from the audit, we're currently
    working on the staking page." -> "We're currently working on the staking page"."""
    text = " ".join(sentence.split()).strip(" .!?\"'“”")
    text = GREETING.sub("", text) or text
    clauses = [LEADING_FILLER.sub("", part.strip(" .!?")) for part in joined_parts(re.split(CLAUSE_BREAK, text))]
    main = [part for part in clauses if len(part.split()) >= 4 and not SUBORDINATE_START.match(part)]
    if main:
        start = " ".join((predicate or "").split())[:25].strip()
        holding = [part for part in main if start and (start in part or part.endswith(start[:10]))]
        if not holding or holding[0] == main[0]:
            holding = [part for part in main if FUTURE_MARK.search(part)] or holding
        main = holding or main
    clause = main[0] if main else text
    after = clauses[clauses.index(clause) + 1 :] if clause in clauses else []
    clause = QUOTE_LEAD.sub("", LEADING_FILLER.sub("", clause)) or clause
    clause = promise_part(clause)
    action = thing_we_will(clause, spoken) or thing_will_come(clause) or team_action(clause, spoken)
    if not action and TEAM_WILL.match(clause):
        action = next(filter(None, map(participle_action, after)), None)
    if action:
        action = tidy(action)
        return action[:1].upper() + action[1:]
    clause = whole_clause(clause) or clause
    clause = TRAILING_ADDITIVE.sub("", clause) or clause  # "We will announce that on the forum (as well)"
    return clause[:1].upper() + clause[1:]


# Where a clause goes on with a second one: "we will make a plan and we will implement it".
NEXT_CLAUSE = re.compile(r"(?i)\s(?:and|or|but|so|because|while|by)\s(?=(?:then\s|later\s|later on\s)?(?:we|i|they|you|it|he|she)\b)")
# A clause whose subject is the speaker's team, then how it will act: "we will", "we're going to".
TEAM_WILL = re.compile(
    r"(?i)^(?:(?:later(?: on)?|then|after that|next|eventually|in the future|now|right now|currently|soon|"
    r"(?:especially |just )?as|since),?\s+)*"
    r"(?:(?:i|we) (?:really )?(?:hope|think|feel|believe|know)(?: that)? )?(?:we|i|our team|the team)\s*"
    r"(?:(?:really|also|definitely|certainly|still|actually)\s+)?"
    r"(?:will|shall|['’]ll|are going to|['’]re going to|am going to|['’]m going to|are|['’]re|am|['’]m|can|could|"
    r"want to|would like to|['’]d like to|plan to|aim to)\s+(?:(?:also|still|then|really|definitely|soon)\s+)*"
)


# A part that ends on one of these goes on after the comma: "build something like, the drive".
DANGLING = re.compile(r"(?i)\b(?:like|such as|the|a|an|to|of|for|with|and|or|including)\s*$")


def joined_parts(parts: list[str]) -> list[str]:
    """Comma-split parts, a part that ends mid-phrase joined to the next one."""
    joined = []
    for part in parts:
        if joined and DANGLING.search(joined[-1]):
            joined[-1] = f"{joined[-1].rstrip()} {part.strip()}"
        else:
            joined.append(part)
    return joined


def promise_part(clause: str) -> str:
    """A long clause ends where a second clause starts, keeping the part that holds the promise:
    "we will make a plan and we will implement it one by one" -> "we will make a plan"."""
    parts = [part.strip() for part in NEXT_CLAUSE.split(clause)]
    if len(parts) == 1:
        return clause
    holding = [part for part in parts if len(part.split()) >= 4 and FUTURE_MARK.search(part)]
    return holding[0] if holding else parts[0]


# "There are several programs we will announce at the same time": the thing named before the
# team's clause is what its verb acts on.
THING_WE_WILL = re.compile(
    r"(?i)\b(?:is|are|have|has)\s+(?:(?:definitely|also|still|actually)\s+)?(?P<thing>(?:a|an|the|some|several|many|"
    r"more|two|three|four|another|our|new)\s+(?:[\w$'’-]+\s+){0,4}?[\w$'’-]+)\s+(?:that\s+|which\s+)?(?:we|i)\s+"
    r"(?:will|shall|['’]ll|are going to|['’]re going to|can|could|want to|plan to)\s+(?:\w+ly\s+)?(?P<verb>[a-z]+)\b(?P<rest>.*)$"
)


def thing_we_will(clause: str, spoken: tuple[str | None, ...] = ()) -> str | None:
    """"there are several programs we will announce at the same time" -> "announce several
    programs at the same time", when that makes a title."""
    found = THING_WE_WILL.search(clause)
    if not found or found.group("verb").lower() in ("be", "have", "do", "get", "go", "need", "see"):
        return None
    return team_action(f"we will {found.group('verb')} {lower_first(found.group('thing'))}{found.group('rest')}", spoken)


# "But the wallet will come first", "after a couple of weeks the storage will come": the thing comes.
WILL_COME = re.compile(
    r"(?i)^(?:(?:after|in|within) (?:\w+ ){1,4}?)?(?P<thing>(?:the|our|a|an|this|that|its) (?:[\w-]+ ){0,3}?[\w-]+) "
    r"(?:will|['’]ll|is going to|are going to) (?:\w+ly |then |also |soon )?come(?P<rest>(?: first| next| later| soon)?)$"
)


def thing_will_come(clause: str) -> str | None:
    found = WILL_COME.match(clause.strip(" .!?"))
    if not found:
        return None
    action = f"deliver {lower_first(found.group('thing'))}{found.group('rest')}"
    return action if well_made(action) else None


def team_action(clause: str, spoken: tuple[str | None, ...] = ()) -> str | None:
    """The action of a clause whose subject is the team, as an imperative, when it makes a title:
    "we are working on the file sharing app" -> "work on the file sharing app". `spoken`: its due
    and condition phrases, left out."""
    said = TEAM_WILL.match(clause)
    if not said:
        return None
    rest = clause[said.end():]
    for phrase in spoken:
        if phrase:
            rest = re.sub(r"(?i)(?<!\w)" + re.escape(phrase) + r"(?!\w)", " ", rest)
    rest = " ".join(rest.split())
    rest = ACTION_END.split(TITLE_END.split(rest, maxsplit=1)[0], maxsplit=1)[0]
    for action in (imperative_from_ing(ACTION_LEAD.sub("", rest)), imperative_from_ing(TITLE_LEAD.sub("", rest))):
        action = HAVE_NEW.sub("deliver ", TRAILING_SMALL_WORDS.sub("", action.strip(" .,!?-")).strip(" .,!?-"))
        if well_made(action):
            return action
    return None


# To have a new thing is to deliver it: "we will have the new website" -> "Deliver the new website".
HAVE_NEW = re.compile(r"(?i)^have\s+(?=(?:a|an|the|our)\s+new\b)")


def participle_action(part: str) -> str | None:
    """The team's action said on after a comma with an -ing form, when that makes a title: "we will
    start working, looking for more partners" -> "look for more partners"."""
    if not re.match(r"(?i)\w+ing\b", part):
        return None
    rest = ACTION_END.split(TITLE_END.split(part.strip(), maxsplit=1)[0], maxsplit=1)[0]
    for action in (imperative_from_ing(TITLE_LEAD.sub("", rest)), imperative_from_ing(rest)):
        action = TRAILING_SMALL_WORDS.sub("", action.strip(" .,!?-")).strip(" .,!?-")
        if well_made(action):
            return action
    return None


# Words before an action that its title leaves out, the action's own verb kept: "be working on" -> "working on".
ACTION_LEAD = re.compile(r"(?i)^(?:(?:be|start to|begin to|continue to|try to|be able to|need to|have to|(?:start|begin)(?=\s+\w+ing\b))\s+)+")
# Where an action's title ends: its condition or time ("negotiate with them if this can be done").
# Not an "if" that says what is checked: "take a look to see if anything is missing".
ACTION_END = re.compile(
    r"(?i)\s(?:(?<!\bsee\s)(?<!\bcheck\s)(?<!\bknow\s)(?<!\bask\s)(?<!\bdecide\s)if|when|once|after|before|until|unless)\s"
)


FUTURE_MARK = re.compile(
    r"(?i)\b(?:will|shall|['’]ll|going to|plan\w*|aim\w*|hope|coming|working on|should|want to|would like|can|could)\b"
)
# Hedges and filler a title taken from the quote leaves out: "Probably we will start with Gate".
# A speaker's greeting before what they say: "Yes hi this is sam from the wallet team (we have ...)".
GREETING = re.compile(
    r"(?i)^(?:(?:yes|yeah|ok|okay)[\s,]+)?(?:hi|hello|hey)\b[\s,]*(?:(?:everyone|all|there|guys)\b[\s,]*)?"
    r"(?:(?:this is|it['’]s|its|i['’]m)\s+[\w-]+(?:\s+here)?(?:\s+from\s+(?:the\s+)?[\w-]+(?:\s+team)?)?\b[\s,]*)?"
)
QUOTE_LEAD = re.compile(
    r"(?i)^(?:(?:probably|maybe|perhaps|hopefully|basically|actually|definitely|i think(?: that)?|i believe(?: that)?|"
    r"we think(?: that)?|i know(?: that)?|i guess)\b[\s,]*)+"
)
# What comes before a deliverable's name in its own clause: "it sounds as if the app will be live",
# "our hope is that the simulator will be up".
THING_LEAD = re.compile(
    r"(?i)^.*\b(?:as if|as though|(?:is|was|means|hope|think|believe|know|expect|sure) that|(?:that|this|which) means)\s+"
)
# What a deliverable's noun phrase starts with: "a v2", "the new explorer", "more website updates".
OBJECT_START = re.compile(r"(?i)(?:the|a|an|our|its|their|this|these|more|new|some|another|two|three|several)\b")


def last_clause(sentence: str) -> str:
    """The sentence from its last comma-like break that still leaves a clause: "And that means by the
    time we meet, the app will be live." -> "the app will be live."."""
    parts = re.split(r"[,;:\u2014\u2013]\s*", sentence)
    for index in range(len(parts) - 1, -1, -1):
        if re.search(r"(?i)\b(?:will|shall|['’]ll|is going to|are going to|should|may|might)\b", parts[index]):
            return ", ".join(parts[index:])
    return sentence


COMMON_STARTS = frozenset(
    "the a an this that these those it its our their your some more new all every each any another both".split()
)


def lower_first(text: str) -> str:
    """"The bridge" -> "the bridge", "A simulator" -> "a simulator", but names stay as written
    ("Option Vaults", "STOS", "iOS")."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in COMMON_STARTS else text


def verb_of_participle(form: str) -> str | None:
    """"updated" -> "update", "tested" -> "test" for a verb the word lists know; None otherwise."""
    word = form.lower()
    if not word.endswith("ed"):
        return None
    if word[:-1] in E_VERBS:
        return word[:-1]  # "updated", "improved"
    if word[:-2] in PLAIN_VERBS or word[:-2] in PARTICIPLE_VERBS:
        return word[:-2]  # "developed", "tested"
    return next((verb.base for verb in VERBS if verb.done == word and " " not in verb.base), None)


# Verbs whose participle adds "-ed" to them, for a passive made active ("will be tested" -> "test").
PARTICIPLE_VERBS = frozenset("test review audit fix record translate document finish add list".split())


def base_verb(form: str) -> str | None:
    """"launched" or "launching" -> "launch", "shipped" -> "ship", "released" -> "release"; None
    for a word not among the delivery verbs."""
    word = form.lower()
    for verb in DELIVERY_VERB_LIST + ("build", "hold", "run", "set up", "include", "support", "implement", "offer"):
        first = verb.split()[0]
        if word == present_participle(first):
            return verb
        if word in (first + "ed", first + "d", first + first[-1] + "ed") or (first, word) in (
            ("build", "built"), ("hold", "held"), ("run", "run"), ("set", "set")
        ):
            return verb
    return None
