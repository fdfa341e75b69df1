"""Proposing commitments: sentences by the project team's speakers that state a future action
or deliverable. Pure Python (no Django). An admin reviews every candidate, so precision counts
as much as recall: housekeeping, market predictions and empty pledges are left out.

The rules are a table (RULES, built by rules_for): each names its pattern, the subjects it
accepts, the strength it gives and sentences it must and must not propose; the first rule that
reads a promised predicate in a sentence decides, in the table's order."""

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .roster import reading_speakers, team_verdicts
from .text import DELIVERY_ING, DELIVERY_VERB_LIST, HOUSEKEEPING, ProjectWords, content_words, present_participle, split_sentences
from .periods import DAY
from .timephrases import Due, find_condition, find_due, horizons_with
from .topics import TOPICS
from .titles import title_for
from .notes import COMMUNITY, TEAM as TEAM_ANSWERS
from .transcripts import Transcript

SPEAKER_LABELS = {COMMUNITY, TEAM_ANSWERS}  # the speakers of notes that name no one

FIRM, SOFT = "firm", "soft"

# --- Verbs ---------------------------------------------------------------------------------

# The deliveries that also read as news about a thing: "version twelve goes live", "the bridge launches".
THING_DELIVERY_VERBS = (
    "launch", "ship", "open", "go live", "come out", "start", "begin", "arrive", "land", "debut", "kick off",
    "roll out", "unlock",
)


def third_person(verb: str) -> str:
    """"launch" -> "launches", "go live" -> "goes live", "kick off" -> "kicks off"."""
    word, *rest = verb.split()
    word += "es" if word.endswith(("ch", "sh", "s", "x", "o")) else "s"
    return " ".join([word, *rest])


DELIVERY_VERBS = "|".join(DELIVERY_VERB_LIST)
THING_DELIVERIES = "|".join(third_person(verb) for verb in THING_DELIVERY_VERBS)
# What every form of a delivery verb starts with ("releas" for release, releasing, releases).
DELIVERY_STEMS = tuple(dict.fromkeys(verb.split()[0].removesuffix("e") for verb in DELIVERY_VERB_LIST))

# --- Patterns ------------------------------------------------------------------------------

# Future markers. Each finds where the promise's predicate starts (the text after the match).
MODAL = re.compile(
    r"(?i)\b(?P<subject>[\w’']+(?: [\w’']+)?)\s*(?P<modal>will|shall|won['’]t|['’]ll|may|might)\b"
    r"(?! not\b)(?! be (?:wrong|right)\b)"
)
GOING_TO = re.compile(
    r"(?i)\b(?P<subject>[\w’']+?)\s*(?:am|are|is|['’]re|['’]m|['’]s)\s+"
    r"(?:(?:eventually|also|definitely|finally|soon|then|now|actually|still)\s+)?(?:going to|gonna|about to)\b"
)
PLAN_TO_VERBS = (
    r"\s+(?:have |also |really |still )?"
    r"(?:plan|plans|planned|planning|intend|intends|aim|aims|expect|are planning|are preparing|are working|prepare|commit|promise)"
    r" (?:to|on)\b"
)
PLAN_TO_MORE = re.compile(
    r"(?i)\b(?P<subject>we|i|team)(?:['’]re|['’]m|\s+are|\s+am"
    # "the client team is targeting a release next week" (not "our team is focused on", a description)
    r"|(?:\s+is|['’]s)(?=\s+(?:(?:also|now|currently|actively|still|already|really)\s+)?(?:targeting|aiming for|planning|preparing)\b))?"
    r"\s+(?:(?:also|now|currently|actively|still|already|really)\s+)?"
    r"(?:committed to|targeting|target|aiming for|aim for|preparing|working toward|focused on|focusing on|concentrating on|"
    r"planning(?= (?:a|an|the|another|our|one more)\b)|"
    r"gearing up (?:to|for)|getting ready (?:to|for)|determined to|eager to)\b"
)
# "Our next step is to launch the bridge", "the plan is to open the grants program".
FOR_NOW = r"(?:\s+(?:now|right now|currently|at the moment|for now))?"
PLAN_NOUN = re.compile(
    r"(?i)\b(?:our|the|my|this)\s+(?:next\s+(?:step|steps|milestone|phase|priority)\s+(?:is|are|will be)\b(?:\s+to\b)?"
    r"|(?:first|second|third|fourth|final|main|current|top|biggest)\s+(?:step|steps|milestone|phase|priority|focus)\s+(?:is|are|will be)\s+(?:to|on)\b"
    r"|(?:(?:ultimate|long-term|overall|immediate|short-term|primary|main|end)\s+)?"
    r"(?:plan|plans|goal|goals|target|aim|priority|focus|mission|roadmap|strategy|intention|objective|proposal)"
    r"(?:\s+for\s+[\w\s]{1,30}?)?" + FOR_NOW + r"\s+(?:is|are|will be)\s+(?:mainly\s+|simply\s+|basically\s+|just\s+)?(?:to|on)\b"
    # "our focus now is speeding up the sync": work under way named by its focus
    r"|(?:(?:main|current|top|biggest|immediate)\s+)?(?:focus|priority|priorities)" + FOR_NOW
    + r"\s+(?:is|are)\s+(?:mainly\s+|simply\s+|basically\s+|just\s+)?(?=(?!being\b|doing\b)\w+ing\b))"
)
# "The upgrade is scheduled for the second quarter", "the wallet is expected to be released".
SCHEDULED = re.compile(
    r"(?i)\b(?P<subject>[\w$-]+)(?:\s+(?:is|are|got|has been|have been)|['’]s|['’]re)\s+(?:now\s+|currently\s+|also\s+|still\s+)?"
    r"(?:scheduled|planned|expected|set|slated|targeted|on track|supposed|due(?!\s+to\b))\s+(?:for|to|in|on|by|at|after)\b"
)
# Present forms that name a date: "we're launching the wallet next month", "version twelve goes live next Tuesday".
PRESENT_DELIVERY = re.compile(
    # "we're launching", "the bridge is going live"
    r"(?i)\b(?P<subject>[\w$-]+)(?:['’]re|['’]m|['’]s|\s+are|\s+am|\s+is)\s+(?:\w+ly\s+)?(?:" + DELIVERY_ING + r")\b(?!\s+(?:to|gonna)\b)"  # "going to" is the going-to rule's
    # "we launch", "we also open"
    r"|\b(?P<we>we|i)\s+(?:also\s+|then\s+|officially\s+)?(?:" + DELIVERY_VERBS + r")\b"
    # "version twelve goes live", "the bridge launches"
    r"|\b(?P<thing>[\w$-]+)\s+(?:also\s+|then\s+|officially\s+)?(?:" + THING_DELIVERIES + r")\b"
    # "the FAQ bot is getting updated today"
    r"|\b(?P<getting>[\w$-]+)(?:['’]s|\s+is|\s+are)\s+getting\s+(?:updated|released|launched|deployed|published|upgraded|listed|added|integrated|rolled out|shipped)\b"
    # "we have the new vault launching next week"
    r"|\b(?P<have>we|i) (?:have|got) (?:the |our |a |an )?[\w$-]+(?: [\w$-]+){0,3}? (?:" + DELIVERY_ING + r")\b"
    # a plan in the present progressive: "we are pushing out the site soon", "we're having the contracts
    # audited starting tomorrow", "the UI is getting a round of feedback tomorrow", "we're going on the exchange later today"
    r"|\b(?P<progressive>[\w$-]+)(?:['’]re|['’]s|\s+are|\s+is)\s+(?:(?:also|now|then)\s+)?(?:pushing out|putting out|going on(?! (?:with|about|in|here|there|right now)\b)|"
    r"having (?:the |our |a |an |all )?[\w$-]+(?: [\w$-]+){0,3}? (?:audited|reviewed|tested|translated|built|designed|redone|checked)|"
    r"getting (?:a|an|another|its|their|some) (?:round|review|audit|update|refresh|redesign|upgrade|facelift)s?)\b"
)
NOT_A_SUBJECT = {
    "what", "which", "that", "who", "when", "how", "to", "and", "or", "not", "will", "would", "can", "could",
    "should", "must", "might", "may", "you", "they", "if", "it",
}
DELIVERY_START = re.compile(r"(?i)\s*(?:also |soon |then |be able to )?(?:" + DELIVERY_VERBS + r")\b")
SHOULD_BE_DELIVERED = re.compile(
    r"(?i)\s*(?:also |soon |then )?be\s+(?:live|ready|available|out|open|up and running|going (?:live|out|to)|released|launched|deployed|listed|"
    r"finished|completed|integrated|opened|published|delivered|done by|updated|upgraded|improved|fixed|added|merged|shipped|"
    r"tagged|included|finali[sz]ed)\b"
)
SHOULD = re.compile(r"(?i)\b(?P<subject>[\w’']+)\s+should\b(?! not\b)")
# An opinion said before "we should": "I think", "personally I feel", "in my opinion".
OPINION_LEAD = re.compile(r"(?i)\b(?:i (?:\w+ )?(?:think|feel|believe|guess|suppose)|in my (?:opinion|view)|personally)\b[^,;.]*$")
# A thing out by a date: "there should be a release out later this week".
THERE_BE_OUT = re.compile(
    r"(?i)\s*be\s+(?:a|an|the|another|some|new|one more)\s+(?:[\w-]+\s+){0,4}?(?:out|live|ready|available|released|merged|published|up)\b"
)
# The team at work by a date: "next week we should be working on the UI".
SHOULD_BE_AT_WORK = re.compile(r"(?i)\s*(?:also |then )?be\s+(?!going\b|doing\b|seeing\b|getting\b)\w+ing\b")
# Addressed to the listeners: "stay tuned for the airdrop announcement", "expect the new website in a month".
HEADS_UP = re.compile(
    r"(?i)^(?:so,? |and |also,? |please,? )?"
    r"(?:stay tuned for|expect|look out for|watch out for|keep an eye (?:out )?(?:on|for)|coming (?:soon|next)\b:?)\b"
    r"|\byou (?:can|should|will|['’]ll) (?:also )?expect (?:to see )?(?=(?:a|an|the|our|more|new|some)\b)"
    # "the community should expect us to be opening the forms over the coming weeks"
    r"|\b(?:should|can|will|['’]ll|may) (?:also )?expect us to (?:be )?(?=\w+ing\b|(?:" + DELIVERY_VERBS + r")\b)"
)
SPEECH_VERBS = (
    "let (?:\\w+ ){1,2}know|discuss|talk about|go over|share|mention|invite|know|ask|open the floor|appreciate|say|add|introduce|remind|talk|hear|clarify|explain|"
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
    r"(?:in talks|talking|negotiating) (?:with|to)"
    # an offer to do the work: "I'm happy to write up the spec", "we'd be happy to run the benchmarks"
    r"|(?:be\s+)?(?:more than\s+|very\s+|really\s+)?(?:happy|glad|willing) to(?:\s+just)?"
    r"(?!\s+(?:" + SPEECH_VERBS + r"|be|see|hear|have|help|join|take|announce|report|welcome|say)\b))\b"
)
COMING = re.compile(
    r"(?i)\b(?:is|are|['’]s|['’]re)\s+(?:also\s+)?(?:coming\b(?!\s+(?:from|back|along)\b)|"
    r"(?:on the horizon|in the pipeline|in the works|on the way|around the corner)\b)"
)
# "aiming to deliver some of them by the end of Q1": a participle plan, counted when it names a date.
AIMING = re.compile(r"(?i)\b(?:aiming|planning|preparing|looking|hoping|expecting) to\b")

# "We would definitely support it", "we really would like to list the token" (a team subject).
WOULD_VERBS = (
    r"\s+(?:(?:really|also|definitely|certainly|surely|then|still)\s+)?would\s+(?:(?:really|also|then)\s+)?"
    r"(?:definitely|certainly|surely|absolutely|(?:be (?:happy|glad|able)|love|like) to(?!\s+(?:" + SPEECH_VERBS + r")\b))"
)
# "We want to deliver some dApps", but not "I want to thank everyone".
PLAN_VERBS = (
    DELIVERY_VERBS + r"|build|create|provide|offer|develop|implement|support|work with|work on|partner|collaborate|"
    r"cooperate|dedicate|organi[sz]e|deliver|explore|rebuild|migrate|help|invite|talk with|talk to|do another"
)
WANT_VERBS = (
    r"\s+(?:(?:really|also|just|still|now)\s+)?(?:want|wants|wanna|would want) to\s+(?:(?:also|really|first)\s+)?"
    r"(?=(?:" + PLAN_VERBS + r")\b)"
)
# A state of the team's work it wants reached: "we want them audited", "we want the docs translated before launch".
WANT_IT_DONE = (
    r"\s+(?:(?:really|also|just|still)\s+)?(?:want|wants|would like) (?P<object>(?:it|them|this|that|these|those|(?:the|our|all the|all our) [\w-]+(?: [\w-]+)?)"
    r" (?:audited|reviewed|tested|translated|documented|finished|completed|deployed|released|launched|published|fixed|done))\b"
)


def read_wanted_state(match: re.Match, reading: "Reading") -> str | None:
    return match.group("object") if in_main_clause(match, reading) else None


# "We're looking to do media outreach", "we are looking to launch a second pool": a plan, not "looking to hear from you".
LOOKING_TO = re.compile(
    r"(?i)\b(?P<subject>we|i)(?:['’]re|['’]m|\s+are|\s+am)\s+(?:(?:also|now|currently|actively|still)\s+)?looking to\s+(?:also\s+)?"
    r"(?=(?:" + PLAN_VERBS + r"|do (?!(?:it|that|this|so|more|better|well|our best)\b)\w+)\b)"
)
# Work under way: "we're actively adding X", "a third-party team is currently working on the backend".
ONGOING_VERBS = (
    # "we have started working on the docs": work begun is work under way
    r"(?:(?:['’]ve|\s+have|\s+has)\s+(?:(?:already|now|just|also|recently)\s+)?(?:started|begun)\s+(?=(?:working on|building|developing|writing|designing|testing|integrating|implementing)\b)"
    r"|(?:['’]re|['’]m|['’]s|\s+are|\s+am|\s+is|(?:['’]ve|\s+have|\s+has)\s+been)\s+(?:(?:also|now|currently|actively|still|already|busy)\s+)*)"
    r"(?:working on|building|developing|adding|preparing|finali[sz]ing|testing|integrating|implementing|designing|writing|drafting|"
    r"updating|upgrading|redesigning|revamping|rebuilding|migrating|kicking off|"
    r"going through (?:the |our )?(?:entire |whole )?(?:[\w-]+ )?(?:work|tests|testing|audit|review|checklist|backlog)\b|"
    r"making (?:good |great |some |steady |real )?progress (?:on|with)\b|"
    r"starting to|beginning to|in the process of|doing(?! (?:a lot|so much|great|well|good|fine|our best|everything|so|that|this|it)\b)|setting up|rolling out)\b"
)
# "we can launch the DEX", "we could work with some credit card operator": a team's stated option.
CAN_VERBS = (
    r"\s+(?:(?:also|then|definitely|even|still|additionally)\s+)?(?:can|could)\s+(?:(?:also|then|definitely|even|further)\s+)?"
    r"(?=(?:" + PLAN_VERBS + r")\b)"
)
# A plan said with its date: "we are looking towards an early September launch", "we have already
# booked an audit for mid-August", "we expect the website update to get rolled out next week",
# "a rough estimate of the timeline is a late September release". Counted only with a date to come.
DATED_PLAN = re.compile(
    r"(?i)\b(?:we|i)(?:['’]re|\s+are|['’]m|\s+am)\s+(?:now\s+)?(?:looking|aiming|heading)\s+(?:towards?|at|for)\s+(?:a|an|the)\b"
    r"|\b(?:we|i)(?:['’]ve|\s+have)\s+(?:already\s+|now\s+)?(?:booked|scheduled|planned|set up|lined up)\b"
    r"|\b(?:we|i)\s+(?:also\s+)?expect\s+(?:the|our|a|an|this|that|these|it)\b[\w\s-]{0,40}?\bto\s+(?:be|get|go|come|launch|start|roll|ship|open|land)\b"
    r"|\b(?:estimate|timeline|eta|target date)\b[\w\s]{0,25}?\b(?:is|will be|looks like)\s+(?:a|an|the|for|around|roughly)\b"
)
# A countdown: "we are less than a month away from launch", "mainnet is two weeks away".
COUNTDOWN = re.compile(
    r"(?i)\b(?P<subject>[\w$-]+)(?:\s+(?:is|are)|['’]s|['’]re)\s+(?:now\s+|only\s+|just\s+)?(?:less than |about |around |roughly )?"
    r"(?:a|an|one|two|three|four|five|six|a few|a couple of|\d+)\s+(?:days?|weeks?|months?)\s+away(?:\s+from\b)?"
)
# A roadmap's list: "decentralized database (Todo)".
ROADMAP_ITEM = re.compile(r"(?i)\((?:todo|to ?do|tbd|planned|upcoming|coming soon|in progress|wip|next)\)")
# "There will be more clear guidelines", "there'll be an airdrop".
THERE_WILL_BE = re.compile(r"(?i)\bthere(?:\s+will|['’]ll)\s+(?:also\s+|definitely\s+|soon\s+|still\s+|only\s+)?be\s+(?:a|an|more|some|new|another|the|many)?\b")

# Work under way said without its worker as subject: "there's an effort from the engineers to make an
# in-memory backend", "there is ongoing work to add the export".
EFFORT = re.compile(
    # "we still have ongoing work including the upcoming block template support"
    r"(?i)\b(?:we|i)\s+(?:still\s+|also\s+)?have\s+(?:some\s+)?(?:ongoing|active)\s+work\s+(?:on|including|for)\s+"
    r"|\bthere(?:['’]s|\s+is|\s+are)\s+(?:an?\s+|some\s+)?(?:(?:ongoing|active|current|joint|major)\s+)?(?:efforts?|work|initiatives?)\b"
    r"(?:\s+(?:under ?way|ongoing|in progress|going on))?(?:\s+(?:from|by|at|in|within|on)\s+[^,.;]{1,40}?)?\s+to\s+(?=(?:" + PLAN_VERBS + r"|make|add|improve|fix|move)\b)"
)
# An event the team has booked, with its date: "next Thursday we have the implementers call scheduled".
BOOKED = re.compile(
    r"(?i)\b(?P<subject>[\w’'-]+)(?:['’]ve|\s+have|\s+has)\s+(?:got\s+|also\s+)?(?P<thing>(?:a|an|the|another|our|one more)\s+(?:[\w-]+\s+){0,6}?)"
    r"(?:scheduled|planned|booked|lined up|set up)\b"
)
# An action item of meeting notes: "Lee to publish the numbers in two weeks", "9.2 | Alex and team to
# look into an audit"; the one named must be a person of the call.
ACTION_ITEM = re.compile(
    r"^(?:[\w.]{1,12}\s*[|:\-—]\s*)?(?:and\s+)?(?P<subject>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'.-]*)?|(?:(?:[Oo]ur|[Tt]he)\s+)?[Tt]eam)"
    r"(?:\s+and\s+(?:the\s+)?team)?\s+to\s+(?=(?:" + PLAN_VERBS + r"|follow up|bring|look into|share|reach out|write|open|file|"
    r"review|update|check|test|run|prepare|publish|add|make|set up|schedule|champion|draft|propose|coordinate)\b)"
)
# What the call agreed to do: "developers agreed to reassess the proposal once the audit is out".
AGREED = re.compile(
    r"(?i)\b(?P<subject>we|i|developers|devs|teams?|everyone|everybody|group|participants|implementers|call)\s+"
    r"(?:(?:have|had|also|all|then|tentatively|unanimously|broadly|finally|generally)\s+)*agreed\s+(?:to|on)\s+(?!(?:that|this|it)\b)"
)
# A release named as the one that carries a change: "devnet 12 is the one that will have the new signing".
THE_ONE_THAT = re.compile(r"(?i)\b(?P<thing>[\w#.-]+(?:\s+[\w#.-]+){0,3}?)\s+is\s+the\s+one\s*(?:that|which)?\s*$")
SOME_OF_US = re.compile(r"(?i)\b(?:some|one|two|three|a few|few|most|many|all|both|each) of us\b")
# What a proposal says, retold: "our proposal was saying the pools will stay as is", "the draft says that".
RETOLD_CONTENT = re.compile(
    r"(?i)\b(?:proposal|eip|zip|bip|rfc|draft|spec|specification|document|paper|design)s?\s+(?:was\s+|is\s+)?"
    r"(?:saying|says|said|states|stated|suggests|suggested|proposes|proposed|describes|specifies)\b"
)
# Another team's own work: "the other team will launch their bridge" (not "another team is working on our backend").
OTHERS_OWN_WORK = re.compile(r"(?i)\b(?:the other|another|other)\s+(?:teams?|projects?|groups?|compan(?:y|ies))\b[^.,;]*\btheir\b")
# A heading over the team's to-do list: "Action Items", "Decisions & Action Items", "Next steps".
ACTION_SECTION = re.compile(
    r"(?i)\b(?:action items?|actions?(?:\s+(?:required|needed|items?))?|next steps|to-?dos?|follow[- ]?ups?|decisions?(?:\s+(?:made|items?))?)\b"
)
# The number of an item on such a list: "ii. ", "89.1 | ", "**3.2**: ".
ITEM_NUMBER = re.compile(r"^(?:(?:[ivxlc]{1,6}|\d{1,3}(?:\.\d{1,3})*)[.):]?\s*[|:\-—]?\s+)")
# An item said as an order to the team: "File an issue on the wallet repository".
IMPERATIVE_ITEM = re.compile(r"^(?:" + PLAN_VERBS + r"|file|bring|follow up|share|publish|review|update|check|test|run|prepare|open|"
                             r"write|reach out|look into|schedule|draft|propose|coordinate|add|make|fix|merge|remove|move|set up)\b", re.I)
# A name opening such an item: "Kelly will share the vectors".
LEADING_NAME = re.compile(r"^(?!(?:Need|Needs|Want|Wants|Have|Has|Plan|Plans|Try|Going|Remember|Continue|Keep)\b)([A-Z][\w’'-]+)\s+(?:will|to|should|is going to)\b")
# The speaker takes a task on: "I'll take that as an action item".
ACTION_TAKEN = re.compile(
    r"(?i)\b(?P<subject>we|i)(?:['’]ll|\s+will|\s+can|\s+could|\s+am going to|['’]m going to)?\s+(?:also\s+)?take\s+"
    r"(?:that|this|it)\s+(?:on\s+)?as\s+(?:an?\s+)?(?=action item|to-?do\b|task\b)"
)
# A clause of reason or time around the work named: "because of the processing that we are doing",
# "while we are focusing on this topic".
ADVERBIAL_LEAD = re.compile(r"(?i)\b(?:while|because|since|whereas|although|though|whenever)\b[^,;:]*$")
# Trouble foretold, not delivered: "there will be wallets that have problems".
TROUBLE_FORETOLD = re.compile(
    r"(?i)^\s*(?:[\w-]+\s+){1,3}?(?:that|which|who)\s+(?:will\s+|might\s+|may\s+)?(?:have|has|hit|face|see|run into|experience|cause|get)\b"
    r"[^,.;]*\b(?:problems?|issues?|trouble|bugs?|errors?)\b"
)

# The team's own next step, said as a need: "we need to submit the CLI for testing", "we definitely
# need to update this"; not "we need to be careful" nor "we need to think about it" (EMPTY_PLEDGE's needs).
OBLIGATION_VERBS = (
    PLAN_VERBS + r"|submit|update|mention(?! (?:how|that|what|why|the fact))|notify|announce|fix|merge|publish|add|remove|write|prepare|document|"
    r"finish|complete|send|deprecate|replace|change|upgrade|migrate|test"
)
TEAM_NEEDS_TO = (
    r"\s+(?:(?:definitely|also|still|really|first|just|then|now|certainly|surely)\s+)?(?:need|needs|have|has) to\s+"
    r"(?:(?:also|first|then|definitely)\s+)?(?!work on (?:it|this|that)\b|talk\b)(?=(?:" + OBLIGATION_VERBS + r")\b)"
)
# What a change itself sets out to do: "this issue aims to remove the old package", "the proposal intends to add a fee".
CHANGE_AIMS = re.compile(
    r"(?i)\b(?:this|the|our|that|which)\s+(?:[\w.#-]+\s+){0,2}?"
    r"(?:issue|pr|pull request|proposal|change|update|release|version|upgrade|tip|improvement|patch|fix|refactor\w*|"
    r"feature|work|effort|project|initiative|optimi[sz]ation|step|phase|milestone)s?\s+"
    r"(?:(?:mainly|also|primarily)\s+)?(?:aims|intends|seeks|is meant|is intended) to\s+"
    r"(?=(?:" + OBLIGATION_VERBS + r"|introduce|optimi[sz]e|improve|simplify|split|separate|unify)\b)"
)
# A plan named as a noun with its date: "with a projected completion by the end of September".
DATED_EVENT_NOUN = re.compile(
    r"(?i)\b(?:projected|planned|scheduled|targeted|estimated|expected|tentative|target)\s+"
    r"(?:completion|release|launch|delivery|rollout|roll-out|go-live|deployment|finish|date|deadline)\b"
)
# The next step of a plan said without a verb of its own: "Then deploying to mainnet and releasing everything".
NEXT_STEP_LINE = re.compile(
    r"(?i)^(?:and\s+)?(?:then|next|after that|afterwards|following that),?\s+"
    r"(?=(?:" + DELIVERY_ING + r"|putting (?:in|up|out|together|forward)|submitting|writing up)\b)"
)
# What a schedule may name as its event: "the old repository, which is planned for deprecation".
SCHEDULED_EVENT = re.compile(
    r"(?i)\s*(?:the\s+|a\s+|its\s+)?(?:deprecation|removal|release|launch|deployment|retirement|rollout|completion|"
    r"upgrade|migration|activation|delivery)\b"
)

# --- Subjects ------------------------------------------------------------------------------

# Who speaks for the team; the project's own names are added from ProjectWords.
TEAM_SUBJECTS = frozenset({"we", "i", "team", "us", "our team", "the team"})
PRODUCT_SUBJECTS = {"it", "this", "that", "which", "there", "you", "they"}
# Who works for the team: "a third-party team is working on the backend".
WORKERS = {"team", "developers", "devs", "engineers", "partner", "partners"}
# Who gains from what the team delivers: "users will be able to", "holders will get", "they'll receive".
BENEFICIARIES = {
    "users", "user", "holders", "holder", "everyone", "people", "creators", "developers", "providers", "operators",
    "they", "you", "stakers", "delegators", "validators", "participants", "members",
}
BENEFICIARY_GAIN = re.compile(r"(?i)\s*(?:also |soon |then |finally )?(?:get|receive|earn|be able to|have access)\b")
# What a deliverable does when the team delivers it: "the computation layer will offer services",
# "more listings will come", not "storage will solve this problem" or "the token will capture value".
THING_ACTS = re.compile(
    r"(?i)\s*(?:(?:also|soon|then|finally|definitely|officially|first|eventually|still|no longer)\s+)*"
    r"(?:" + DELIVERY_VERBS + r"|exclude|offer|provide|support|come|arrive|happen|include|feature|enable|run|build|create|"
    r"develop|show|charge|give|bring|let|deliver|change|adjust|remove|add|replace|deprecate|drop|"
    r"be (?:the )?(?:next|first)|be (?:\w+ly )?(?:available|live|ready|out|open)|be (?:" + DELIVERY_ING + r"))\b"
)
# Pledges with nothing to check: "we will continue watching it", "we'll just wait", "we will do everything".
EMPTY_PLEDGE = re.compile(
    r"(?i)\s*(?:(?:just|also|really|definitely|always|still|certainly|likely|probably)\s+)*"
    r"(?:continue(?! to\b)|keep(?! (?:\w+ )?(?:\w+ )?(?:updated|posted|informed|in the loop))|stay|remain|try|wait|see|solve|"
    r"monitor|watch|observe|postpone|delay|hold off|pause|make sure to (?:review|check|read|look at|answer|respond)\b|"
    # checking on something: "we'll follow up to see if that's done"
    r"follow up (?:to (?:see|check|find out|confirm|verify)|on whether)\b|"
    # the call's own order: "I'll follow up on that offline", "we'll discuss this on the next call"
    r"follow up(?: on (?:that|this|it|those))? offline\b|"
    # a link for the call, a question to others: "I will get the link", "I'll ask in the developers channel"
    r"(?:get|send|share|post|drop|find) (?:you )?(?:the|a) link\b|ask (?:in|on|around)\b|post (?:it )?(?:in|on) (?:the )?[\w-]+ asking\b|"
    r"(?:discuss|talk about|go over|come back to|circle back (?:to|on))\s+(?:this|that|it|these|those)\s+(?:on|at|in|during|offline)\b|"
    r"stop (?:mentioning|talking about|discussing)\b|continue to (?:discuss|talk about|talk to|talk with|speak (?:to|with)|spend|follow|monitor|watch|review)\b|"
    # the speaker's own attention, a state, the call's length: "I'll focus more on partnerships",
    # "we're going to be in a limbo state", "we'll call it 25 minutes"
    r"focus more on\b|be in (?:a |an |the |this |that )?['‘’\w-]+ (?:state|mode|phase|situation|position|period)\b|call it\b|"
    r"do (?:our|my|everything|whatever|anything|it one by one)|(?:use|do|follow|take|apply) the same\b|continue to do (?:so|that|this|it)|"
    # a need or a chore is not a deliverable: "we'll need to improve on", "we'll have to look into it"
    r"need\b(?! to)|need to (?:improve|make sure|be|do|work|get|have|think|look|see|figure|wait|communicate|check)\b|"
    r"have to (?:look|see|think|figure|check|wait|decide|discuss)|"
    # growth hoped for is an outcome, not a deliverable: "we'll attract more people", "we'll start accruing users"
    r"attract|grow\b|start (?:accruing|attracting|seeing|getting)|quickly get to|be in a (?:bigger|better|stronger)|be using (?:that|this|it|them)\b|"
    # acts between people on the call, and feelings: "we'll tag you in there", "I'll add you to the chat",
    # "we'll take your offer", "we'll be stoked to show it off"
    r"(?:tag|add|call|ping|invite|introduce|connect|take) (?:you|your)\b|"
    # the choice left to others: "we will leave that for everyone to decide"
    r"leave (?:that|it|this|the choice|the decision) (?:for|to|up to)\b|"
    r"be (?:so |very |really )?(?:stoked|happy|excited|glad|thrilled|delighted|honou?red|proud)\b|"
    r"be (?:very |more |extra )?(?:careful|transparent|honest|open|patient|cautious))\b"
)
# The speaker's own talk: "I'll share a few examples", "we will talk about the roadmap".
SPEAKING = re.compile(
    r"(?i)\s*(?:(?:just|also|now|briefly|quickly|first)\s+)*(?:share|explain|clarify|mention|introduce|answer|say|tell you|"
    r"go through|go over|(?:discuss|talk about)(?: (?:it|this|that|them))? (?:later|in a bit|in a moment|shortly)|cover|hand (?:it )?over|give you|walk (?:you )?through|elaborate|summari[sz]e|describe|add a (?:little|few|bit)|(?:sync|update|catch) you\b|bring you up to speed|look at (?:how|what|why|where|the (?:numbers|data|figures|slides?|screen|details)))\b"
)
# What the speaker foresees coming to the team, not what it does: "I expect we will get some inquiries".
FORECAST_LEAD = re.compile(
    r"(?i)\b(?:i|we) (?:\w+ )?(?:expect|anticipate|predict|imagine|bet|guess)(?: that)?(?:\s+(?:we|i))?\s*$"
    r"|\b(?:likely|probable|possible|chances are) that\s+(?:we|i)\s*$"
)
# What comes to the team, or what it comes upon: "we will get inquiries", "we'll find something".
RECEIVED = re.compile(r"(?i)\s*(?:also |probably |likely )?(?:get|receive|see|hear|have|find|discover|notice|run into)\b")
# A future retold as a question: "as to when we will launch", "you are wondering if we will".
# A question's topic taken up, not a statement: "As to what the composition of the team will be".
QUESTION_TOPIC = re.compile(r"(?i)^(?:and |so,? )?(?:as to|as for|regarding|about|on) (?:what|when|how|whether|who|why|where)\b")
EMBEDDED_QUESTION = re.compile(r"(?i)\b(?:when|whether|(?<!as )if|how|what|why|wondering)\s+(?:\w+\s+)?$")
QUESTION_WORDS = frozenset({"when", "whether", "if", "how", "what"})
STOPPED = re.compile(r"(?i)\b(?:anymore|any more|any longer|no longer)\b")
NOT_GOING = re.compile(r"(?i)\s*(?:not|never|no longer)\b")
YOU_GAIN = re.compile(r"(?i)\s*(?:also |not only |soon |then )?(?:get|receive|earn|have|be able to|enjoy|benefit)\b")
OUTSIDERS = {
    "people", "investors", "investor", "someone", "everyone", "everybody", "anybody", "somebody", "nobody", "he", "she", "user", "users", "community",
    "others", "who", "miners", "countries", "governments", "creators", "vcs",
}
# What a speaker expects of things outside the team's hands, not what the team will do:
# "storage will probably never compete", "the GPU will be much more efficient".
PREDICTION = re.compile(r"(?i)\s*(?:(?:probably|also|even|still|definitely|much|then|just|soon)\s+)*(?:never\b|be\b|become\b|get (?:bigger|better|more)\b)")
# What a deliverable's own sentence says of it: "the CDN will be launched", "it will be available".
DELIVERED_PARTICIPLES = (
    "launched|released|shipped|opened|listed|deployed|announced|started|rolled out|published|delivered|introduced|"
    "upgraded|integrated|unlocked|airdropped|distributed|activated|enabled|hosted|held|onboarded|added|migrated|"
    "switched|kicked off|unveiled|revealed|completed|finished|implemented|included|supported|built|developed|"
    "designed|created|organi[sz]ed|offered|provided|rewarded|updated|improved|fixed|audited|tested|optimi[sz]ed|"
    "expanded|extended|increased|reduced|lowered|raised|allocated|burned|burnt|bought back|scheduled|planned|"
    "accelerated|boosted|enhanced|powered|merged|submitted|reviewed|determined|decided|finali[sz]ed|approved|resolved|shared|posted|"
    "removed|deprecated|dropped|disabled|retired|replaced|changed|mentioned|documented|noted|excluded|"
    "prepared|set up|run|done|given|made|paid|sent"
)
PASSIVE_DELIVERY = re.compile(
    r"(?i)\s*(?:also |soon |then |definitely |finally |officially |fully |no longer )?(?:be|get(?=\s+(?:\w+ly\s+)?(?:" + DELIVERED_PARTICIPLES + r")\b))\s+(?:\w+ly\s+)?(?:\w+ (?:and|&) )?"
    r"(?:" + DELIVERED_PARTICIPLES + r"|available|live|ready|out|open|up and running|up(?= (?:by|in|on|next|tomorrow|soon|this))|(?:the )?(?:next|first)|(?:the |on by )?default|(?:mint|claim|trad|us|access|transfer|stak|redeem|withdraw|download|upgrad)e?able)\b"
)

# --- What is not a promise, and what makes one soft ----------------------------------------

MARKET_WORDS = re.compile(
    r"(?i)\b(price|prices|bitcoin|btc|halving|bull market|bear market|pump|dump|crash\w*|the market|crypto market)\b"
)
HEDGES = re.compile(
    r"(?i)\b(maybe|probably|possibly|perhaps|might|hopefully|hope|hoping|wish|potentially|consider\w*|could|"
    r"not sure|try to|trying to|would like|i think|i believe|i guess|depend\w*|if everything)\b"
    r"|\b(?:we|i|it|they|you) may\b|\bmay (?:also )?be\b|\bexpected\b|\bon track\b"
    # "should" hedges, but "should prices rise, we will buy back" is a condition
    r"|\bshould\b(?! (?:the |our )?\w+ (?:rise|fall|increase|drop|go up|go down|pass|be approved|succeed)\b)"
    r"|['’]d like\b|\b(?:thinking (?:about|of)|exploring|looking into|evaluating)\b"
    r"|\b(?:happy|glad|willing) to\b|\bcan take (?:that|this|it) (?:on )?as\b"
    # "it's challenging to predict when we'll be listed": the speaker disclaims a date
    r"|\b(?:challenging|difficult|hard|impossible|too early) (?:for (?:me|us) )?to (?:predict|estimate|say|tell|promise|give)\b"
    r"|\b(?:can['’]?not|can['’]t|won['’]t|don['’]t) (?:promise|guarantee|commit)\b"
)
# How the product works, said with "will": "if a node goes offline, this will be shown", "when you
# upload a video, we will slice it". A rule, not a promise.
MECHANISM = re.compile(
    r"(?i)\b(?:if|when|whenever|once|as long as|every time|each time) (?:you|a user|users|"
    r"a node|the node|nodes|a file|the file|your)\b|\bthe more\b.{1,80}\bthe (?:more|less|better|higher)\b"
    r"|\b(?:right now|at the moment|currently|today),? (?:when|if)\b"
)
# Running the call, not promising: "I'll pass it along to Dana", "with that, I will open it up to
# the team", "I'll let Robin take over", "I'll be giving the update myself", "a point I'd like to touch on".
# The call's agenda: "Second, we'll discuss the new issues", "Today, I will provide updated test data".
# The speaker's own order of talk: "I'll start with the docs", "I'll update that".
OWN_TALK = re.compile(r"(?i)\bI(?:['’]ll| will) (?:start|begin) with\b|\b(?:I|we)(?:['’]ll| will) (?:update|cover|handle|check) (?:that|this|it)\s*[.!]?$")
AGENDA_TALK = re.compile(
    r"(?i)^(?:so,? |and |now,? )?(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth|fifth|next|then|finally|lastly|after that|today)\b,?"
    r"(?:\s+as (?:always|usual),?)?\s+"
    r"(?:we|i)(?:['’]ll| will| are going to| am going to|['’]re going to|['’]m going to)\s+(?:\w+\s+)?"
    r"(?:discuss|check|look at|go over|review|talk about|hear|sync|cover|provide|share|present|show|give|walk|"
    r"discussing|checking|looking at|going over|reviewing|talking about|hearing|covering)\b"
)
SESSION_TALK = re.compile(
    r"(?i)\b(?:pass(?:ing)? (?:it|this|things) (?:along|over|on|back)|hand(?:ing)? (?:it|this) (?:off|back)|"
    r"open (?:it|this) up to|let \w+ take over|(?:otherwise|then|next),? I(?:['’]ll| will) (?:go|turn|move) to\b|take (?:over|the lead) (?:on )?(?:these|this|the call|the calls|from here)|"
    r"(?:be )?giving (?:the|an|my|our|a quick) update|handing (?:it|this) over|speak about (?:a few|two|three|some) things|(?:start|begin) with (?:a|an|the|my|our) (?:\w+ )?(?:update|overview|recap|intro\w*)|(?:also )?add a (?:little|few words|bit)|touch on|move on to|(?:first |next |last |other )?(?:update|question|answer|presentation)s? will come from|(?:dive|jump|get) (?:straight |right )?(?:in|into it|started)|let (?:him|her|them|\w+) introduce|follow up with \w+ here|move (?:on )?to (?:the )?(?:next|second|third|fourth|last|final|first|other) (?:topic|item|question|point|section|agenda item)|(?:take it away|take it from here)|turn(?:ing)? (?:it|this|things) (?:over )?to|I(?:['’]ll| will|['’]m going to| am going to) (?:just )?(?:let|leave) (?:him|her|them|\w+) (?:to )?(?:mention|give|explain|talk|speak|cover|share|fill|add)|go in (?:the )?order|follow up on (?:the |these |those )?action items|add (?:this|that|it|these|them) to the (?:notes|chat|agenda|doc|document|slides?|recording))\b|\bgoing through\s*[.!]?$"
)
# The speaker sets a claim aside: "I'm not saying the listing will bring users", "I'm not sure we will".
DISCLAIMED = re.compile(
    r"(?i)^(?:\w+,\s+)?(?:i['’]m not (?:saying|sure|claiming)|i am not (?:saying|sure)|i don['’]t (?:know|think) (?:if|whether|that)?)\b"
)
# An open question said as a statement: "we cannot guarantee that a file will be available or not".
OPEN_ALTERNATIVE = re.compile(r"(?i)\b(?:or not|whether or not)\b")
# Emphasis marks of Markdown notes ("**The vault** launches on mainnet") are read as plain words.
EMPHASIS = re.compile(r"\*\*|__|`|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
# A sentence said wholly as an aside in brackets explains, it does not promise: "(There will still be a fee somewhere.)"
ASIDE = re.compile(r"^\s*\([^()]*\)\s*[.!]?\s*$")
# Plans told as the past: "initially we planned to", "at first we were going to".
PAST_PLAN = re.compile(
    r"(?i)^(?:(?:and|but|so),? )?(?:initially|originally|at first|previously|in the past|back then|before that|last year|"
    r"in the early days|in the beginning|historically|years ago)\b"
    r"|\b(?:we|i) had (?:planned|intended) to\b|\bwas (?:supposed|meant) to\b|\bwere (?:supposed|meant|going) to\b"
)
# Words that promise nothing concrete: generic goals and vision ("we will deliver many exciting
# updates", "a seamless and effective platform that empowers businesses to thrive").
VAGUE_WORDS = frozenset(
    """updates features news surprise surprises development developments improvement improvements
    progress growth success benefit benefits advantage advantages opportunity opportunities potential strength
    strengths exciting amazing interesting awesome incredible huge massive many various several certain solid
    seamless seamlessly robust reliable effective efficient efficiency clear honest superior high-quality
    world-class cutting-edge innovative strong stronger greater best everything anything deliver delivering provide
    providing offer offering bring bringing showcase showcasing engage engaging achieve achieving reach reaching
    improve improving enhance enhancing expand expanding strengthen empower empowers empowering thrive leverage
    leveraging ensure ensuring highlight highlighting persuade illustrate demonstrate continue continuing focus
    focusing attract attracting become becoming solution solutions platform landscape ecosystem industry world
    space businesses demands needs vision mission journey goal goals aim aims priority step steps way ways efforts
    effort aspect aspects regard terms level levels kind kinds part parts details""".split()
)


# --- The rule table ------------------------------------------------------------------------


class Reading:
    """One sentence being read: what the rules ask of it, each computed at most once."""

    def __init__(self, sentence: str, aired_on: datetime.date | None, team_subjects: frozenset[str]):
        self.sentence = sentence
        self.aired_on = aired_on
        self.team_subjects = team_subjects
        self.project_names = tuple(name for name in team_subjects if name not in TEAM_SUBJECTS and " " not in name)
        self.lowered = sentence.lower()

    @functools.cached_property
    def market_talk(self) -> bool:
        return bool(MARKET_WORDS.search(self.sentence))

    @functools.cached_property
    def names_a_date(self) -> bool:
        """find_due reads the sentence at most once, and only when a rule asks for a date."""
        return self.aired_on is not None and find_due(self.sentence, self.aired_on) is not None

    @functools.cached_property
    def names_a_condition(self) -> bool:
        return find_condition(self.sentence) is not None


@dataclass(frozen=True)
class Rule:
    """One way of saying a promise. `read` gets a match of `pattern` and returns the promised
    predicate (the words that must name a deliverable), or None to try the next match."""

    name: str
    pattern: re.Pattern
    subjects: str
    read: Callable[[re.Match, Reading], str | None]
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()
    strength: str = FIRM  # a hedge in the sentence makes a firm rule's promise soft
    skips_market_talk: bool = False
    # Words the pattern cannot match without (lower case): a quick test before the pattern runs.
    needs: tuple[str, ...] = ()
    # The rule proposes only a sentence that names a date to come: tested before the pattern runs.
    needs_a_date: bool = False

    def may_match(self, present: frozenset[str]) -> bool:
        """`present`: which of every rule's needed words the sentence holds (see needed_words)."""
        return not self.needs or not present.isdisjoint(self.needs)


# "we should have the report published": a state reached, said of a thing ("done it" is the past).
DONE_STATE = re.compile(
    r"(?i)^\s+(?:the|a|an|our|this|these|those|all|it|them|\w+)\b(?:\s+[\w’'-]+){0,6}?\s+"
    r"(?:finali[sz]ed|finished|done|ready|completed|published|live|launched|released|deployed|shipped|out|merged|up and running)\b"
)


def read_should_have(match: re.Match, reading: Reading) -> str | None:
    """"We should have the documents finalized by next week": the thing and the state it reaches."""
    rest = reading.sentence[match.end() :]
    if re.match(r"(?i)\s+(?:been|done|had|made|gone|known|seen|said|thought)\b", rest) or not DONE_STATE.match(rest):
        return None
    return rest.strip()


# Sharing said of a time to come is an announcement promised: "I will share the testing result in the future".
SHARED_LATER = re.compile(
    r"(?i)\s*(?:also\s+)?share\b(?!.*\b(?:today|now|here|with you now)\b).*\b(?:in the future|later|next (?:week|month|call|meeting)|soon|once|when|after)\b"
    r"|\s*(?:also\s+)?share\s+(?:a|an|the|our|my|these|those)\s+(?:sort of\s+|short\s+|full\s+|detailed\s+|[\w-]+\s+){0,2}?"
    r"(?:post[- ]?mortem|report|write-?up|document|summary|recap|retrospective|guide|article|blog post|roadmap|proposal|"
    r"test vectors|vectors|results|benchmarks|benchmark numbers|findings|specification|spec|draft)\b"
)


def read_future(match: re.Match, reading: Reading) -> str | None:
    """Who may promise with "will", "going to", "plan to": the team; a deliverable ("the CDN will
    be launched"); listeners who gain ("you will get"); others acting on ours ("they will list our
    token"). Not outsiders, market talk, predictions, nor others' possibilities and refusals."""
    sentence = reading.sentence
    words = match.group("subject").lower().replace("’", "'").split()
    subject = " ".join(words)
    predicate = sentence[match.end() :]
    modal = (match.groupdict().get("modal") or "").lower()
    if EMBEDDED_QUESTION.search(sentence[: match.start()]):
        return None  # "as to when we will launch a dashboard": a question retold
    if words[0] in QUESTION_WORDS or "your" in words:
        # "as to when we will launch": a question retold; "your data will be split": how it works for you
        return None
    if modal in ("may", "might") and re.match(r"(?i)\s*have\s+(?:been|\w+ed|\w+en|\w+wn)\b", predicate):
        return None  # "I might have missed it": the past, guessed
    if modal in ("may", "might") and re.match(r"(?i)\s*(?:(?:also|just|really)\s+)*(?:learn|find|discover|notice|hear)\b", predicate):
        return None  # "we might learn about something breaking": a finding guessed
    if modal in ("may", "might", "could") and re.match(r"(?i)\s*(?:(?:also|just|really)\s+)*want\s+to\b", predicate):
        return None  # "we might want to ask them afterwards": a suggestion to the call
    if subject in reading.team_subjects or words[-1] in reading.team_subjects or "team" in words:
        if EMPTY_PLEDGE.match(predicate) or SPEAKING.match(predicate) and not SHARED_LATER.match(predicate):
            return None
        if FORECAST_LEAD.search(sentence[: match.end("subject")]) and RECEIVED.match(predicate):
            return None  # "I expect we will get some inquiries": a forecast of what comes to the team
        if not deliverable_words(predicate) and words[0] in ("that", "which") and len(words) > 1:
            # "the first builder house that we will be doing": the deliverable comes before
            return sentence[: match.start()] + predicate
        # "at present we won't change the supply": a refusal of change is no promise
        # ("we won't start computing before storage has users" orders the work: a promise)
        refused = modal.startswith("won") or NOT_GOING.match(predicate)
        if modal in ("may", "might") and re.match(r"(?i)\s*(?:also\s+)?(?:need|have) to\b", predicate):
            return None  # "we might need to calculate that": a need guessed
        if refused and STOPPED.search(predicate) and not re.match(r"(?i)\s*(?:not\s+|no longer\s+)?(?:be|have|need|see|get)\b", predicate):
            return predicate  # "we won't build the lite package anymore", "we will no longer support it": a plan to stop
        return None if refused and not re.search(r"(?i)\b(?:before|until|unless)\b", sentence) else predicate
    if reading.market_talk:
        return None
    if words[-1] in BENEFICIARIES and modal in ("will", "shall", "'ll", "’ll") and BENEFICIARY_GAIN.match(predicate):
        # "you/they will get that reward" alone tells how rewards work; tied to something to come
        # ("when that is ready, you will get extra rewards") it is promised.
        return predicate if words[-1] not in ("you", "they") or gain_to_come(reading) else None
    if words[-1] in OUTSIDERS:
        return None
    if (one := THE_ONE_THAT.search(sentence[: match.start("subject")] + " ".join(words[:-1]))) and words[-1] in ("that", "which"):
        return one.group("thing") + " " + predicate  # "devnet 12 is the one that will have the new signing"
    negated = modal.startswith("won")
    if negated or modal in ("may", "might"):
        # Others' possibilities and refusals are not the team's promises; a deliverable's are.
        if not negated and PASSIVE_DELIVERY.match(predicate):
            return sentence[: match.start()] + " " + predicate
        return None
    if words[-1] == "you" and YOU_GAIN.match(predicate):
        return predicate if gain_to_come(reading) else None
    if words[-1] == "they" and (
        re.search(r"(?i)\b(our|us)\b", predicate) or any(name in predicate.lower() for name in reading.project_names)
    ):
        return predicate
    if PASSIVE_DELIVERY.match(predicate):
        # "The CDN will be launched", "it will be available": the subject is the deliverable.
        return sentence[: match.start()] + " " + predicate
    if words[-1] not in PRODUCT_SUBJECTS and deliverable_words(subject) and (
        THING_ACTS.match(predicate) or reading.names_a_date and not PREDICTION.match(predicate)
    ):
        return subject + " " + predicate
    return None


# A clause that gives a reason, a condition or a manner, not a plan: "because we want to",
# "if we could work with them", "how we can build", "where we believe we can".
SUBORDINATE = re.compile(
    r"(?i)\b(?:if|because|since|why|how|what|where|whichever|whether|unless|reason|believe|think|that|who|which|when|while|"
    r"asked|wonder\w*|ask\w*)\b[^,;:]*$"
)


def in_main_clause(match: re.Match, reading: Reading) -> bool:
    """The match is not inside a clause of reason, condition or manner (looking back to the last comma)."""
    return not SUBORDINATE.search(reading.sentence[: match.start()])


def read_plan_in_main_clause(match: re.Match, reading: Reading) -> str | None:
    return reading.sentence[match.end() :] if in_main_clause(match, reading) else None


# When a capability is still to come: "later on, users can use the wallet", "as we progress, users can join".
TO_COME = re.compile(r"(?i)\b(?:later|in the future|soon|as we progress|eventually|one day|next (?:year|month|quarter|version))\b")


def gain_to_come(reading: Reading) -> bool:
    """The sentence ties a listener's gain to what is still to come: a time, a date or a condition."""
    return bool(TO_COME.search(reading.sentence) or reading.names_a_date or find_condition(reading.sentence))


def read_gain_to_come(match: re.Match, reading: Reading) -> str | None:
    if subject_of(match) not in BENEFICIARIES or not TO_COME.search(reading.sentence) or not in_main_clause(match, reading):
        return None
    return reading.sentence[match.end() :]


# What "there will be" may introduce that nobody delivers: "there will be many potential risks", "nor a need to".
NOT_DELIVERED_THINGS = re.compile(
    r"(?i)^\s*(?:(?:no|many|some|a lot of|lots of|more|potential|significant|big|serious|any|a|an)\s+)*(?:[\w-]+\s+)?"
    r"(?:risks?|problems?|issues?|need|needs|impacts?|difference|questions?|volatility|concerns?|challenges?|gaps?|delays?|errors?)\b"
    r"|^\s*(?:a lot|lots|much|more|plenty)\s+to\s+(?:report|share|talk about|discuss|say|look forward to)\b"
)


# A thing that can be done to come: "it can also be integrated with the toolbox later".
CAN_BE_LATER = re.compile(r"(?i)\b(?P<subject>[\w’'-]+)\s+(?:can|could|may|might)\s+(?:also\s+|then\s+|easily\s+)?be\s+(?:\w+ly\s+)?(?:\w+ed|built|done|run|made)\b")


def read_can_be_later(match: re.Match, reading: Reading) -> str | None:
    if subject_of(match) in OUTSIDERS | {"you", "i"} or not TO_COME.search(reading.sentence) or not in_main_clause(match, reading):
        return None
    return reading.sentence[match.start() :]


def read_there_will_be(match: re.Match, reading: Reading) -> str | None:
    """"Once we announce it, there will be guidelines", not "if we built X, there will be so many people"
    nor "there will be many potential risks"."""
    rest = reading.sentence[match.end() :]
    if re.search(r"(?i)\bif\b", reading.sentence[: match.start()]) or NOT_DELIVERED_THINGS.match(rest) or TROUBLE_FORETOLD.match(rest):
        return None
    return read_plan_in_main_clause(match, reading)


def read_ongoing(match: re.Match, reading: Reading) -> str | None:
    """Not a question retold: "he is confident about what we are doing"."""
    subject = subject_of(match)
    predicate = reading.sentence[match.end() :]
    # others at work on ours: "the insurer is working on whitelisting us"
    ours = re.search(r"(?i)\b(?:us|our)\b", predicate) and subject not in OUTSIDERS | NOT_A_SUBJECT | PRODUCT_SUBJECTS
    some_of_us = SOME_OF_US.search(reading.sentence[: match.start()])  # "some of us from the research group are working on"
    if subject not in reading.team_subjects | WORKERS and not ours and not some_of_us or EMBEDDED_QUESTION.search(reading.sentence[: match.start()]):
        return None
    if ADVERBIAL_LEAD.search(reading.sentence[: match.start()]):
        return None  # "because of the processing that we are doing": work named as a reason
    if re.search(r"(?i)\b(?:that|which)\s+(?:we|i)\s*(?:['’]ll|will|are going to|am going to)\s+(?:" + SPEECH_VERBS + r")\b", predicate):
        return None  # "the content that we'll discuss later": material for the call
    if not deliverable_words(predicate) and re.search(r"(?i)\b(?:that|which)\s+\S+\s*$", reading.sentence[: match.start()]):
        return reading.sentence[: match.start()] + predicate  # "a proposal that we are writing now": the thing comes before
    return predicate


def read_after_in_main_clause(match: re.Match, reading: Reading) -> str | None:
    """Not said in a clause of reason or time: "while we are focusing on this topic, …"."""
    return None if ADVERBIAL_LEAD.search(reading.sentence[: match.start()]) else reading.sentence[match.end() :]


def read_action_item(match: re.Match, reading: Reading) -> str | None:
    subject = subject_of(match)
    predicate = reading.sentence[match.end() :]
    if subject not in reading.team_subjects and subject.split()[0] not in reading.team_subjects or EMPTY_PLEDGE.match(predicate):
        return None  # not a person of the call, or a chore ("follow up to see if that's done")
    return predicate


def read_booked(match: re.Match, reading: Reading) -> str | None:
    if subject_of(match) in OUTSIDERS | NOT_A_SUBJECT | {"you", "they"}:
        return None
    return match.group("thing") + reading.sentence[match.end() :]


# A clause of the speaker's own before "is coming": "I have seen talk about an update that is coming",
# "I'll say there is more going on for what's coming next month".
SPEAKERS_CLAUSE = re.compile(r"(?i)\b(?:i|i['’](?:ll|ve|m|d)|you|he|she)\b|\bwhat\s*$")


def read_before(match: re.Match, reading: Reading) -> str | None:
    """The deliverable is what comes before, in its own clause: "lastly, more website updates are coming"."""
    thing = re.split(r"[,;:()\u2014\u2013]", reading.sentence[: match.start()])[-1]
    return None if SPEAKERS_CLAUSE.search(thing) else thing


def read_after(match: re.Match, reading: Reading) -> str:
    return reading.sentence[match.end() :]


def read_scheduled(match: re.Match, reading: Reading) -> str | None:
    """A schedule counts when it names a delivery, a date or an event: not "targeted for two audiences"."""
    predicate = reading.sentence[match.end() :]
    if subject_of(match) in OUTSIDERS | {"you"}:
        return None
    if (
        PASSIVE_DELIVERY.match(predicate)
        or predicate.lstrip().lower().startswith("be ") and "expected" not in match.group(0).lower()  # a forecast
        or DELIVERY_START.match(predicate)
        or SCHEDULED_EVENT.match(predicate)
        or reading.names_a_date
        or TODAY.search(predicate)
        or reading.names_a_condition
    ):
        return reading.sentence[: match.end("subject")] + " " + predicate
    return None


def read_should(match: re.Match, reading: Reading) -> str | None:
    predicate = reading.sentence[match.end() :]
    subject = subject_of(match)
    if subject in OUTSIDERS | {"you"} or OPINION_LEAD.search(reading.sentence[: match.start()]):
        return None  # "I think we should ship it in the next fork": an opinion of what to do
    if subject in reading.team_subjects and DELIVERY_START.match(predicate) or SHOULD_BE_DELIVERED.match(predicate):
        return reading.sentence[: match.start()] + " " + predicate
    if subject in reading.team_subjects and reading.names_a_date and SHOULD_BE_AT_WORK.match(predicate):
        return predicate  # "next week we should be working on the UI"
    if subject == "there" and reading.names_a_date and THERE_BE_OUT.match(predicate):
        return predicate  # "there should be a release out later this week"
    if subject not in NOT_A_SUBJECT and reading.names_a_date and DELIVERY_START.match(predicate):
        return reading.sentence[: match.start()] + " " + predicate  # "the rewards should start on September fifteenth"
    return None


# A design choice weighed, not a plan: "that way, we can upgrade some nodes first".
# "If we do implement it, ...": the decision itself is still open.
HYPOTHETICAL_LEAD = re.compile(
    r"(?i)^(?:(?:so|and|but),? )?(?:that way|in that case|in this case|otherwise|if so|ideally|if we (?:do|ever|actually|really) \w+)\b"
)


def read_option(match: re.Match, reading: Reading) -> str | None:
    if HYPOTHETICAL_LEAD.match(reading.sentence):
        return None
    return read_plan_in_main_clause(match, reading)


# What a thing is for, not a plan of the team: "the main objective is to create a template".
PURPOSE_OF_A_THING = re.compile(r"(?i)^the\s+(?:(?:main|primary|overall|sole|only)\s+)?(?:objective|purpose|aim)\b")


def read_named_plan(match: re.Match, reading: Reading) -> str | None:
    return None if PURPOSE_OF_A_THING.match(match.group(0)) else reading.sentence[match.end() :]


# A need that serves a wish, not a step the team has taken on: "if we want to build it, we need to add nodes".
NEED_FOR_A_WISH = re.compile(r"(?i)\b(?:if|when|unless) (?:we|you|they) (?:want|wish|would like|decide|choose)\b|\bin order to\b|\bto (?:do|achieve|make) (?:that|this|it)\b")


def read_need(match: re.Match, reading: Reading) -> str | None:
    if NEED_FOR_A_WISH.search(reading.sentence[: match.start()]):
        return None
    return read_plan_in_main_clause(match, reading)


def read_next_step(match: re.Match, reading: Reading) -> str | None:
    """Not the past told in order: "then deploying was hard"."""
    rest = reading.sentence[match.end() :]
    return None if re.search(r"(?i)\b(?:was|were|is|are|had|did|has)\b", rest) else rest


# A step to come named as the time of another: "As we launch an Asia team, some roles will move there".
AS_WE_DELIVER = re.compile(r"(?i)^(?:and |so,? |now,? )?as (?:we|the team) (?:(?:also|soon|now) )?(?=(?:" + DELIVERY_VERBS + r")\b)")


def read_as_we_deliver(match: re.Match, reading: Reading) -> str | None:
    """The clause up to its comma: "launch an Asia team"; not a habit ("as we launch each pool, we ...")."""
    clause = re.split(r"[,;\u2014\u2013]", reading.sentence[match.end() :], maxsplit=1)
    if len(clause) < 2 or re.search(r"(?i)\b(?:each|every|any|new ones)\b", clause[0]):
        return None
    return clause[0]


CALL_LATER = re.compile(r"(?i)\blater (?:in|on|during) (?:the|this|today['’]s) (?:call|meeting|session|space|ama)\b")


def read_step_for_later(match: re.Match, reading: Reading) -> str | None:
    """"We can record this issue later": a step the team leaves for later, said after the verb."""
    rest = reading.sentence[match.end() :]
    if not re.search(r"(?i)\blater\b", rest) or HYPOTHETICAL_LEAD.match(reading.sentence):
        return None
    if SPEAKING.match(rest) or re.match(r"(?i)\s*(?:" + SPEECH_VERBS + r")\b", rest) or CALL_LATER.search(rest):
        return None  # "we can go over that later in the call": the call's own order
    return read_plan_in_main_clause(match, reading)


def read_whole_with_a_date(match: re.Match, reading: Reading) -> str | None:
    """The sentence names the plan around the match: "the refactor is ongoing, with a projected completion by X"."""
    return reading.sentence if reading.names_a_date else None


def read_with_a_date(match: re.Match, reading: Reading) -> str | None:
    return reading.sentence[match.end() :] if reading.names_a_date else None


def read_countdown(match: re.Match, reading: Reading) -> str | None:
    """"We are a month away from launch": the event after "from", or the subject when nothing follows."""
    if subject_of(match) in OUTSIDERS | NOT_A_SUBJECT:
        return None
    rest = reading.sentence[match.end() :].strip(" .!")
    if not rest:
        return reading.sentence[: match.start()] + " " + match.group("subject")
    return rest if re.match(r"(?i)(?:the |our |a |an )?(?:\w+ )?(?:" + DELIVERY_ING + r"|launch|release|mainnet|listing|upgrade|migration)\b", rest) else None


# Said in the present of a thing going out the day of the call: "the proposal is going out today".
TODAY = re.compile(r"(?i)\b(?:today|tonight)\b")


def read_present_delivery(match: re.Match, reading: Reading) -> str | None:
    subject = (match.group("subject") or match.group("we") or match.group("thing") or match.group("have") or match.group("getting") or match.group("progressive")).lower()
    if subject in OUTSIDERS or subject in NOT_A_SUBJECT:
        return None
    return reading.sentence if reading.names_a_date or TODAY.search(reading.sentence) else None


@functools.lru_cache(maxsize=32)
def rules_for(project: ProjectWords = ProjectWords()) -> tuple[Rule, ...]:
    """The rules in the order they are tried. The project's names join the team's subjects."""
    names = "".join("|" + re.escape(name) for name in project.lowered_names)
    team = r"(?i)\b(?P<subject>we|i|team" + names + r")"
    plan_to = re.compile(team + PLAN_TO_VERBS)
    return (
        Rule(
            "will", MODAL, "team, a deliverable, listeners who gain, others acting on ours", read_future,
            examples=("We will build the CDN layer.", "We'll open the grants program in Q3.",
                      "The bridge to Solana will be launched next month.", "Android is first, iOS will be the next.",
                      "Maybe we will integrate with Polkadot later.", "The CDN service may be launched on the resource nodes next year.", "When the CDN is ready, you will get extra rewards."),
            not_examples=("We will keep building.", "So we will see.", "Maybe Bitcoin will crash next month.",
                          "Decentralized storage will probably never compete with centralized storage.",
                          "Miners may choose to invest further in the network.",
                          "They won't have any movement until our product is fully ready.",
                          "We will wait one more minute and then start.", "Will you launch the mainnet next month?", "You will get that reward.",
                "They will receive rewards for the traffic they serve.",
                "I expect we will get some inquiries from the people who attended.",
                "I'll focus more on outward-looking partnerships.", "We'll continue to talk to the wallet teams.",
                "So, we will continue to spend time and build relationships there.",
                "I'll be turning it over to Dana.", "So, I'll let him mention that.", "I'll leave Sam to fill in some details.",
                "Everyone can go back, and we'll call it 25 minutes.",
                "As to what the composition of the team will be and the mandate going forward.",
                "I think the first update will come from Sam.",
                "Eventually, we will stop mentioning those because they will be in the release notes."),
            needs=("will", "shall", "won", "ll", "may", "might"),
        ),
        Rule(
            "would", re.compile(team + WOULD_VERBS), "the team, or the project by name", read_after,
            examples=("In that case we would definitely support it.", "Later, we really would like to list the token on some decent exchanges.",
                      "We also would like to cooperate with the community on computation cases."),
            not_examples=("I would like to invite Bin to the stage.", "We would love to hear your thoughts."),
            needs=("would",),
        ),
        Rule(
            "going to", GOING_TO, "as for will", read_future,
            examples=("We are going to list the token on two more exchanges.", "We are eventually going to redo the website.",
                      "Regarding the converter, it's going to be removed in the next version."),
            not_examples=("What I'm saying is when do you think we're going to start onboarding people.",
                          "We're going to be in a limbo state over the next few months.",
                          "It's going to be hard.", "He's going to launch his own token."),
            needs=("going to", "gonna", "about to"),
        ),
        Rule(
            "plan to", plan_to, "the team, or the project by name", read_future,
            examples=("We plan to release the mobile wallet next month.",),
            not_examples=("Users plan to launch their own dApps.",),
            needs=("plan", "intend", "aim", "expect", "preparing", "working", "prepare", "commit", "promise"),
        ),
        Rule(
            "want it done", re.compile(team + WANT_IT_DONE), "the team, or the project by name, in a main clause",
            read_wanted_state,
            examples=("We want them audited to be sure.", "We really want the docs translated before the launch."),
            not_examples=("If we want it done right, we need more people.", "Users want it fixed.",
                          "I want that done by you."),
            skips_market_talk=True,
            needs=("want", "like"),
        ),
        Rule(
            "want to", re.compile(team + WANT_VERBS), "the team, or the project by name, in a main clause",
            read_plan_in_main_clause,
            examples=("The current roadmap, we really want to deliver some dApps powered by the network.",
                      "We want to provide a storage service to video platforms."),
            not_examples=("I want to thank everyone for joining.", "We want to share some news with you.",
                          "If we want to build a decentralized Twitter, we need more nodes.",
                          "The reason we want to build the bridge is the cross-chain demand.",
                          "We want to attract more builders."),
            skips_market_talk=True,
            needs=("want",),
        ),
        Rule(
            "we need to", re.compile(team + TEAM_NEEDS_TO), "the team, its own next step, in a main clause",
            read_need,
            examples=("We need to submit a version of the wallet for testing within these two days.",
                      "We definitely need to update this.",
                      "If there are any, we need to mention them in advance to notify the exchanges."),
            not_examples=("We need to be careful about this.", "We need to think about the design.",
                          "You need to upgrade your node.", "If we want to build it, we need to add more nodes."),
            skips_market_talk=True,
            needs=("need", "have to", "has to"),
        ),
        Rule(
            "a change aims to", CHANGE_AIMS, "a change of the team's (this issue, the proposal)", read_after,
            examples=("This issue aims to remove the old node's package.",
                      "The proposal intends to add a fee for contract deletion."),
            not_examples=("The user aims to remove the package.",),
            skips_market_talk=True,
            needs=("aims", "intends", "seeks", "meant", "intended"),
        ),
        Rule(
            "next step, without a verb", NEXT_STEP_LINE, "the next step of a plan just told", read_next_step,
            examples=("Then deploying to mainnet and releasing everything into the wild.",
                      "Then putting in a proposal for rewards for the pool's participants."),
            not_examples=("Then we launched it.", "Then deploying was hard."),
            skips_market_talk=True,
            needs=("then", "next", "after", "following"),
        ),
        Rule(
            "is coming", COMING, "a deliverable, named before the verb", read_before,
            examples=("The new explorer is coming after the upgrade.", "A new block explorer is on the horizon."),
            not_examples=("The price is coming back up.", "Our growth is coming from Asia.",
                          "Some exciting new features are on the horizon."),
            skips_market_talk=True,
            needs=("coming", "horizon", "pipeline", "works", "way", "corner"),
        ),
        Rule(
            "named plan", PLAN_NOUN, "our / the plan, goal, next step", read_named_plan,
            examples=("Our next step is to launch the bridge to Polygon.",
                      "The plan is to open the grants program after mainnet.", "Our goal is to have 50 validators at launch."),
            not_examples=("The first step is for anyone using a camera.",
                          "The main objective is to create a standard template to avoid outdated settings."),
            skips_market_talk=True,
            needs=("step", "milestone", "phase", "priority", "plan", "goal", "target", "aim", "focus", "mission", "roadmap",
                   "strategy", "intention", "objective", "proposal"),
        ),
        Rule(
            "agreed to", AGREED, "the team, the developers, everyone on the call", read_after,
            examples=("Developers agreed to reassess the candidacy of the proposal once the audit results are ready.",
                      "We agreed on a devnet launch next week."),
            not_examples=("Everyone agreed that the call went well.", "Nobody agreed to that."),
            skips_market_talk=True,
            needs=("agreed",),
        ),
        Rule(
            "should have it done", re.compile(team + r"\s+should\s+have\b"), "the team, with a date to come",
            read_should_have,
            examples=("We should have the documents finalized and published within two weeks.",
                      "We should have the audit report ready by the end of March."),
            not_examples=("We should have done it earlier.", "We should have the documents finalized."),
            strength=SOFT,
            needs=("should",),
            needs_a_date=True,
        ),
        Rule(
            "committed to", PLAN_TO_MORE, "the team, not in a clause of reason or time", read_after_in_main_clause,
            examples=("We are preparing the listing on Gate.", "We target a mainnet launch in Q3.",
                      "We're committed to listing on two more exchanges this year."),
            not_examples=("While we are focusing on this topic, I want us to think about usability.",),
            skips_market_talk=True,
            needs=("committed", "target", "aim", "preparing", "planning", "working toward", "focus", "concentrat", "gearing",
                   "getting ready", "determined", "eager"),
        ),
        Rule(
            "looking to", LOOKING_TO, "we or I, with a thing to do", read_after,
            examples=("We're looking to do media outreach.", "We are looking to launch a second pool on the new chain."),
            not_examples=("We're looking to hear from you.", "We're looking to do better."),
            skips_market_talk=True,
            needs=("looking to",),
        ),
        Rule(
            "work under way", re.compile(r"(?i)\b(?P<subject>[\w’'-]+)" + ONGOING_VERBS), "the team, or a team working for it",
            read_ongoing,
            examples=("We're actively adding support for the Polygon bridge.", "We have started working on the developer docs for the partners.",
                      "A third-party team is currently working on the backend to allow uploads from the app.",
                      "We're starting to support smart contracts for prepayment."),
            not_examples=("We are working hard every day.", "Users are building their own dApps.",
                          "People are doing really well in the community."),
            skips_market_talk=True,
            needs=("working", "building", "developing", "adding", "preparing", "finali", "testing", "integrating",
                   "implementing", "designing", "starting", "beginning", "process", "doing", "setting", "rolling",
                   "updating", "upgrading", "redesigning", "revamping", "rebuilding", "migrating", "kicking", "writing", "drafting",
                   "going through", "making"),
        ),
        Rule(
            "action item", ACTION_ITEM, "the team, or a person of the call named", read_action_item,
            examples=("Team to publish the benchmark numbers in two weeks", "9.2 | Our team to open the grants round"),
            not_examples=("Hard to say.", "Users to upgrade their nodes before the fork"),
            skips_market_talk=True,
        ),
        Rule(
            "action item taken", ACTION_TAKEN, "we or I", read_after,
            examples=("I can take that as an action item.", "We can take this on as a to-do."),
            not_examples=("Take it as a compliment.",),
            needs=("take",),
        ),
        Rule(
            "effort under way", EFFORT, "whoever the effort is of", read_after,
            examples=("There's an effort from the other engineers to make an in-memory version of the backend.",
                      "There is ongoing work to add the export to the mobile wallet."),
            not_examples=("There is work to do on the docs.", "There was an effort to build a bridge in 2019."),
            skips_market_talk=True,
            needs=("effort", "work", "initiative"),
        ),
        Rule(
            "as we deliver", AS_WE_DELIVER, "we or the team, a step to come told as the time of another", read_as_we_deliver,
            examples=("As we launch an Asia team, some of the roles may transition over there.",),
            not_examples=("As we launch each pool, we check the contracts twice.", "As we launched the bridge last year, we grew."),
            skips_market_talk=True,
            needs=("as we", "as the team"),
        ),
        Rule(
            "heads-up", HEADS_UP, "the listeners, told what to expect", read_after,
            examples=("Coming soon: the new block explorer.", "Expect the new website in a month or so.",
                      "The community should expect us to be opening up the grant forms over the coming weeks.",
                      "Stay tuned for the airdrop announcement next week."),
            not_examples=("We expect nothing less.", "You can expect us to be transparent.", "Nobody should expect us to be perfect."),
            skips_market_talk=True,
        ),
        Rule(
            "hedged plan", HEDGED_PLAN, "the team", read_after,
            examples=("We hope to launch the bridge next quarter.", "We are considering a buyback program.",
                      "We'd like to list on more exchanges after mainnet.",
                      "We are talking to Gate about integrating the native token."),
            not_examples=("We hope everyone enjoyed the session.", "I'd like to invite Bin to share the recent updates.",
                          "We would like to open the floor to the community.", "We like to keep things simple."),
            skips_market_talk=True,
            needs=("hope", "hoping", "wish", "like to", "considering", "thinking", "exploring", "looking into", "discussing", "evaluating", "talks", "talking", "negotiating",
                   "happy", "glad", "willing"),
        ),
        Rule(
            "scheduled", SCHEDULED, "anything but outsiders; with a delivery, a date or an event", read_scheduled,
            examples=("The upgrade is scheduled for the second quarter.", "The explorer is set to launch next week.",
                      "The bridge is planned for early next year.", "Staking rewards are due in September.",
                      "The wallet is expected to be released in March.",
                      "I don't want to spoil the drop that's supposed to happen today."),
            not_examples=("The campaign is targeted for two major audiences.",
                          "The network is due to the fact that storage is cheap.",
                          "The price is expected to rise next month.", "The drop was supposed to happen today.",
                          "It is supposed to work like that."),
            skips_market_talk=True,
            needs=("scheduled", "planned", "expected", "set", "slated", "targeted", "on track", "supposed", "due"),
        ),
        Rule(
            "should be delivered", SHOULD, "the team delivering, or a deliverable being ready", read_should,
            examples=("The CDN should be live by Q1.", "Those rewards should start on September fifteenth or so."),
            not_examples=("Both of them should be compensated.", "You should be able to launch it next month.",
                          "Those rewards should start paying out.", "Miners should start selling next month."),
            skips_market_talk=True,
            needs=("should",),
        ),
        Rule(
            "plan with a date", DATED_PLAN, "we or I, or a timeline; only with a date to come", read_with_a_date,
            examples=("We are looking towards an early September launch for this.", "We have already booked an audit for mid-August.",
                      "We expect the website update to get rolled out next week.",
                      "A rough estimate of the timeline is a late September release."),
            not_examples=("We are looking at a few options.", "We have already booked an audit.",),
            skips_market_talk=True,
            needs=("looking", "aiming", "heading", "booked", "scheduled", "planned", "set up", "lined up", "expect", "estimate",
                   "timeline", "eta", "target date"),
            needs_a_date=True,
        ),
        Rule(
            "booked, with a date", BOOKED, "we or I; only with a date to come", read_booked,
            examples=("So next Thursday, same time as this call, we have the implementers call scheduled already.",
                      "We've got a security review lined up for early October."),
            not_examples=("We have a call scheduled.", "We had the review planned for last month."),
            skips_market_talk=True,
            needs=("scheduled", "planned", "booked", "lined up", "set up"),
            needs_a_date=True,
        ),
        Rule(
            "a plan named with its date", DATED_EVENT_NOUN, "a projected or planned event; only with a date to come",
            read_whole_with_a_date,
            examples=("The refactor is ongoing, with a projected completion by the end of September.",
                      "The tentative release date is next Tuesday."),
            not_examples=("The projected completion was last month.", "The expected release date is not clear."),
            skips_market_talk=True,
            needs=("projected", "planned", "scheduled", "targeted", "estimated", "expected", "tentative", "target"),
            needs_a_date=True,
        ),
        Rule(
            "aiming to, with a date", AIMING, "whoever the sentence is about; only with a date to come",
            read_with_a_date,
            examples=("Our team is focused on three use cases, aiming to deliver some of them by the end of Q1.",),
            not_examples=("We are aiming to be the best storage network.",),
            skips_market_talk=True,
            needs=("aiming", "planning", "preparing", "looking", "hoping", "expecting"),
            needs_a_date=True,
        ),
        Rule(
            "present delivery, with a date", PRESENT_DELIVERY, "anything but outsiders; only with a date to come",
            read_present_delivery,
            examples=("We're launching the mobile wallet next month.", "We are releasing the SDK in Q4.",
                      "Version twelve goes live on mainnet next Tuesday.", "We are pushing out the new docs site soon.",
                      "We are having the contracts audited starting tomorrow.",
                      "The dashboard is getting a round of feedback tomorrow.", "We are going on the new exchange later today."),
            not_examples=("We launched the bridge last month.", "We were launching the bridge back then.",
                          "We are working hard every day.", "Users are launching their dApps next month.",
                          "We are having a great time today.", "We are going on with the next question now."),
            skips_market_talk=True,
            needs=DELIVERY_STEMS + ("getting", "pushing", "putting", "going on", "having"),
        ),
        Rule(
            "users can, later", re.compile(r"(?i)\b(?P<subject>[\w’'-]+)\s+(?:can|could)\s+(?:also\s+|even\s+)?"),
            "those who gain (users, holders, you, they), with a time to come", read_gain_to_come,
            examples=("For the video stream function, later on, users can use the wallet to do it.",
                      "As we progress, users can join as storage nodes or contribute as computing nodes."),
            not_examples=("Users can upload files today.", "You can run a node at home."),
            skips_market_talk=True,
            needs=("can", "could"),
        ),
        Rule(
            "can be done, later", CAN_BE_LATER, "a thing, with a time to come", read_can_be_later,
            examples=("It can also be integrated with the toolbox later.",
                      "If there is a need in the future, this function can be extended."),
            not_examples=("It can be integrated with any wallet.", "I can be reached later."),
            strength=SOFT,
            skips_market_talk=True,
            needs=("can", "could", "may", "might"),
        ),
        Rule(
            "can, as an option", re.compile(r"(?i)\b(?P<subject>we|i)" + CAN_VERBS), "we or I, in a main clause, not a design weighed",
            read_option,
            examples=("Additionally, we can launch the DEX on our chain.",
                      "When the mainnet is live, we can launch some projects together with them.",
                      "Perhaps in the future, we can organize more spaces to discuss in-depth topics."),
            not_examples=("We can store your files for a tenth of the price.", "You can launch your own node.",
                          "The network can provide a similar performance to Google Drive.",
                          "They asked if we could work with them.", "These are areas where we believe we can provide help.",
                          "That way, we can upgrade some nodes to enable this feature first.",
                          "If we do implement it, the first version ships with it off, and we can enable it on our nodes first."),
            skips_market_talk=True,
            needs=("can", "could"),
        ),
        Rule(
            "we can, later", re.compile(r"(?i)\b(?P<subject>we|i)\s+(?:can|could)\s+(?:also\s+|then\s+)?(?!see\b|talk\b|discuss\b|chat\b|be\b)"),
            "we or I, a step left for later, in a main clause", read_step_for_later,
            examples=("We can collect feedback on this later.", "We can record this issue and plan the migration later."),
            not_examples=("We can see if there is room for it later.", "Later, we can talk about it.",
                          "We can go over that later in the call."),
            strength=SOFT,
            skips_market_talk=True,
            needs=("later",),
        ),
        Rule(
            "countdown", COUNTDOWN, "the team or a deliverable, a time away from an event", read_countdown,
            examples=("We are less than a month away from launch.", "The mainnet is two weeks away."),
            not_examples=("People are a few weeks away from giving up.", "We are a month away from the office."),
            skips_market_talk=True,
            needs=("away",),
        ),
        Rule(
            "roadmap item", ROADMAP_ITEM, "an item of a listed roadmap", read_before,
            examples=("The stack contains decentralized storage (mainnet) and decentralized database (Todo).",),
            needs=("(",),
        ),
        Rule(
            "there will be", THERE_WILL_BE, "a thing to come, in a main clause, not a hypothesis", read_there_will_be,
            examples=("Once we are near to announce this feature, there will be clear guidelines and rules.",
                      "There will be an airdrop for the node operators."),
            not_examples=("There will be a lot of volatility in the market.",
                          "If we build a decentralized Twitter, there will be so many people refreshing the page.",
                          "(There will still be a gas fee somewhere.)"),
            skips_market_talk=True,
            needs=("there",),
        ),
    )


RULES = rules_for()


@functools.lru_cache(maxsize=32)
def needed_words(project: ProjectWords) -> tuple[str, ...]:
    """Every word some rule of the project's needs (keyed by the project: hashing the rules
    themselves on every sentence would cost more than reading it)."""
    return tuple(dict.fromkeys(word for rule in rules_for(project) for word in rule.needs))


@functools.lru_cache(maxsize=32)
def team_subjects(project: ProjectWords) -> frozenset[str]:
    names = project.lowered_names
    return TEAM_SUBJECTS | set(names) | {f"{name} team" for name in names}


def matching_rule(
    sentence: str, aired_on: datetime.date | None = None, project: ProjectWords = ProjectWords(),
    people: frozenset[str] = frozenset(),
) -> tuple[Rule, str] | None:
    """The first rule, in table order, that reads a promised predicate in the sentence, with that
    predicate; None when none does. `people`: the names (lower case) of those who speak for the
    team on this call, who act for it when named ("Sam will share the vectors")."""
    reading = Reading(sentence, aired_on, team_subjects(project) | people)
    rules = rules_for(project)
    present = frozenset(word for word in needed_words(project) if word in reading.lowered)
    for rule in rules:
        if (
            not rule.may_match(present)
            or rule.skips_market_talk and reading.market_talk
            or rule.needs_a_date and not reading.names_a_date
        ):
            continue
        for match in rule.pattern.finditer(sentence):
            predicate = rule.read(match, reading)
            if predicate:
                return rule, predicate
    return None


def commitment_strength(
    sentence: str, aired_on: datetime.date | None = None, project: ProjectWords = ProjectWords()
) -> str | None:
    """"firm" or "soft" when the sentence promises something, else None. With the air date,
    present-tense plans that name a date to come ("we're launching it next month") count too."""
    return promise_in(sentence, aired_on, project)[0]


def promise_in(
    sentence: str, aired_on: datetime.date | None = None, project: ProjectWords = ProjectWords(),
    people: frozenset[str] = frozenset(),
) -> tuple[str | None, tuple[Rule, str] | None]:
    """commitment_strength, with the rule that read the promise and its predicate."""
    if sentence.rstrip().endswith("?"):
        return None, None
    sentence = EMPHASIS.sub("", sentence)
    if RETOLD_CONTENT.search(sentence) or OTHERS_OWN_WORK.search(sentence) or HOUSEKEEPING.search(sentence) or SESSION_TALK.search(sentence) or AGENDA_TALK.search(sentence) or OWN_TALK.search(sentence) or DISCLAIMED.search(sentence) or OPEN_ALTERNATIVE.search(sentence) or ASIDE.match(sentence) or QUESTION_TOPIC.match(sentence):
        return None, None
    found = matching_rule(sentence, aired_on, project, people)
    if found is None:
        return None, None
    rule, predicate = found
    if not deliverable_words(predicate) or is_vague(sentence) or MECHANISM.search(sentence) or PAST_PLAN.search(sentence):
        return None, None
    return (SOFT if rule.strength == SOFT or HEDGES.search(sentence) else FIRM), found


def subject_of(match: re.Match) -> str:
    return match.group("subject").lower().replace("’", "'")


def deliverable_words(text: str) -> list[str]:
    return content_words(text)


def is_vague(sentence: str) -> bool:
    """At least half of the sentence's content words promise nothing concrete."""
    found = deliverable_words(sentence)
    return sum(word in VAGUE_WORDS for word in found) * 2 >= len(found)


# --- Candidates ----------------------------------------------------------------------------


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
    title: str = ""

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
            "title": self.title,
        }


def propose_commitments(
    transcript: Transcript,
    team_speakers: set[str] | None = None,
    project: ProjectWords = ProjectWords(),
    horizons: dict[str, int] | None = None,
) -> list[Candidate]:
    """The candidates of the team's turns. `project`: the words of the project the tracker follows
    (from the settings); the transcript's front matter may add to them. `horizons`: changes to the
    default horizons of vague due phrases (timephrases.VAGUE_HORIZONS)."""
    horizons = horizons_with(horizons)
    team = guess_team_speakers(transcript) if team_speakers is None else set(team_speakers)
    project = project.with_front_matter(transcript.metadata)
    people = people_of_the_call(transcript, team)
    candidates, seen = [], set()
    for turn in transcript.turns:
        if turn.speaker not in team:
            continue
        for number, paragraph in enumerate(turn.paragraphs):
            section = turn.paragraph_sections[number] if turn.paragraph_sections else turn.section
            context = TopicContext(section, paragraph)
            sentences = split_sentences(paragraph)
            for position, sentence in enumerate(sentences):
                read, acting = read_as_the_teams(sentence, section, people)
                strength, found = promise_in(read, transcript.aired_on, project, acting)
                key = sentence.lower()
                if strength is None or key in seen:
                    continue
                seen.add(key)
                own_due = find_due(sentence, transcript.aired_on, horizons)
                due = (
                    own_due
                    or follow_up_due(sentences[position + 1 : position + 2], transcript.aired_on, horizons)
                    or due_today(sentence, transcript.aired_on)
                )
                own_condition = find_condition(sentence)
                title = short_title(
                    sentence,
                    found=found,
                    spoken=(own_due.text if own_due else None, own_condition),
                    before=tuple(sentences[max(position - 2, 0) : position]),
                )
                if promises_nothing(title) and not own_due and not (found[0].name == "there will be" and NEWS_ON_A_TOPIC.search(sentence)):
                    continue  # a goal with a date to come is still checked against that date
                candidates.append(
                    Candidate(
                        turn_index=turn.index,
                        speaker=turn.speaker,
                        section=section,
                        line=turn.paragraph_lines[number],
                        text=sentence,
                        strength=strength,
                        topic=guess_topic(sentence) or context.topic(sentence),
                        due_text=due.text if due else None,
                        due_date=due.date if due else None,
                        due_precision=due.precision if due else None,
                        # a promise with its own date is not framed by an earlier event
                        condition=own_condition or (None if due else condition_before(sentences[:position])),
                        title=title,
                    )
                )
    return candidates


def read_as_the_teams(sentence: str, section: str, people: frozenset[str]) -> tuple[str, frozenset[str]]:
    """The sentence and the people who act for the team in it. Under an action items heading the
    list is the team's to-do: an order ("File an issue on …") is read as the team's ("Team to file
    an issue on …"), and the person an item names acts for the team ("Kelly will share …")."""
    if not ACTION_SECTION.search(section):
        return sentence, people
    item = ITEM_NUMBER.sub("", EMPHASIS.sub("", sentence))
    if IMPERATIVE_ITEM.match(item):
        return "Team to " + item[:1].lower() + item[1:], people
    if named := LEADING_NAME.match(item):
        return sentence, people | {named.group(1).lower()}
    return sentence, people


def people_of_the_call(transcript: Transcript, team: set[str]) -> frozenset[str]:
    """The names (whole and first, lower case) of the team's speakers and the people the header
    lines name: named as a subject, they act for the team ("Lee to publish the numbers")."""
    names = [name for name in (*team, *transcript.participants, *transcript.hosts) if name not in SPEAKER_LABELS]
    return frozenset(form for name in names for form in (name.lower(), name.split()[0].lower()) if len(form) > 1)


def due_today(promise: str, aired_on: datetime.date | None) -> Due | None:
    """A promise for the day of the call: "we expect to start the beta test today", "the proposal is
    going out today" (find_due leaves "today" alone: it is mostly the present)."""
    found = TODAY.search(promise)
    if found and re.search(r"(?i)\b(?:not|until|since|as of)\s+$", promise[: found.start()]):
        return None  # "just not today, we will announce it at the conference"
    return Due(text=found.group(0), date=aired_on, precision=DAY) if found and aired_on else None


# A sentence that goes on about the promise before it: "Hopefully, that will start next week."
FOLLOW_UP = re.compile(
    r"(?i)^(?:(?:and|but|so),? )?(?:hopefully|that|this|it|which|maybe|probably|we (?:expect|hope))\b|\bhopefully\b"
)


# A parenthesis that opens the next sentence is said of the one before: "(Sometime next week)".
OPENING_ASIDE = re.compile(r"^\(([^()]{3,60})\)")


def follow_up_due(following: list[str], aired_on: datetime.date, horizons: dict[str, int]):
    """The due date a promise gets from the sentence after it, when that sentence goes on about it
    ("We will choose an auditor. Hopefully, that will start next week.")."""
    if following and (aside := OPENING_ASIDE.match(following[0])):
        return find_due(aside.group(1), aired_on, horizons)  # "We will open it. (Sometime next week) ..."
    if following and FOLLOW_UP.search(following[0]):
        return find_due(following[0], aired_on, horizons)
    return None


def condition_before(earlier: list[str], reach: int = 6) -> str | None:
    """An event waited for that an earlier sentence of the paragraph names: it frames the promises
    listed after it ("After the mainnet launch, we have three plans. ... For example, we will build
    the CDN layer.")."""
    for sentence in reversed(earlier[-reach:]):
        condition = find_condition(sentence, temporal_only=True)
        if condition:
            return condition
    return None


class TopicContext:
    """The topic of the text around a sentence, for a sentence that names none itself: its
    section and paragraph, read once; in a paragraph longer than CONTEXT_CHARS, the section and
    the CONTEXT_CHARS around the sentence, so that reading stays linear in the paragraph's length."""

    CONTEXT_CHARS = 4000

    def __init__(self, section: str, paragraph: str):
        self.section = section
        self.paragraph = paragraph
        self.text = " ".join(paragraph.split())
        self.offset = 0

    @functools.cached_property
    def paragraph_topic(self) -> str | None:
        return guess_topic(f"{self.section} {self.paragraph}")

    def topic(self, sentence: str) -> str | None:
        """Sentences are asked for in order: each is looked for after the previous one."""
        position = self.text.find(sentence, self.offset)
        self.offset = max(position, self.offset)
        if len(self.text) <= self.CONTEXT_CHARS:
            return self.paragraph_topic
        half = self.CONTEXT_CHARS // 4
        window = self.text[max(0, position - half) : position + len(sentence) + half]
        return guess_topic_in_one_pass(f"{self.section} {window}")


# Each topic's keywords, compiled once: a keyword counts where no letter comes before it.
TOPIC_PATTERNS = [
    (topic, [(keyword, re.compile(r"(?<![a-z])" + re.escape(keyword))) for keyword in topic.keywords])
    for topic in TOPICS
]


# Every keyword in one pattern, longest first: one pass over a long text.
ALL_KEYWORDS = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(re.escape(k) for k in sorted({k for t in TOPICS for k in t.keywords}, key=len, reverse=True))
    + ")"
)
TOPIC_ORDER = {topic.slug: order for order, topic in enumerate(TOPICS)}
KEYWORD_TOPICS = {k: [t.slug for t in TOPICS if k in t.keywords] for t in TOPICS for k in t.keywords}


def guess_topic_in_one_pass(text: str) -> str | None:
    """guess_topic's choice for a long text, its keywords found in one pass (where two keywords
    overlap, the longer one counts)."""
    hits: dict[str, int] = {}
    for keyword in ALL_KEYWORDS.findall(f" {text.lower()} "):
        for slug in KEYWORD_TOPICS[keyword]:
            hits[slug] = hits.get(slug, 0) + 1
    return min(hits, key=lambda slug: (-hits[slug], TOPIC_ORDER[slug])) if hits else None


def guess_topic(sentence: str, context: str = "") -> str | None:
    """The topic whose keywords the sentence names most often (the first listed on a tie); else
    the one the context names most."""
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
    """The speakers read when no roster is given: those the front matter proposes (roster.py)."""
    return reading_speakers(team_verdicts(transcript))


# --- Short titles ---------------------------------------------------------------------------


def short_title(
    sentence: str,
    aired_on: datetime.date | None = None,
    project: ProjectWords = ProjectWords(),
    found: tuple[Rule, str] | None = None,
    spoken: tuple[str | None, ...] | None = None,
    before: tuple[str, ...] = (),
) -> str:
    """The promise's title (titles.title_for). `found` (the rule and predicate) and `spoken` (the
    due and condition phrases to leave out) when the caller has them already; `before`: the
    sentences said just before it."""
    if found is None:
        found = matching_rule(sentence, aired_on, project)
    if spoken is None:
        due = find_due(sentence, aired_on) if aired_on else None
        spoken = (due.text if due else None, find_condition(sentence))
    return title_for(sentence, EMPHASIS.sub("", sentence), found, spoken, before)


def promises_nothing(title: str) -> bool:
    """A title whose action is a goal ("Become a trusted network", "Persuade them to partner") or
    whose every word promises nothing concrete ("Provide clear and honest updates"): no
    deliverable to track."""
    first = title.split(" ", 1)[0].lower()
    found = deliverable_words(title)
    return first in GOAL_VERBS or bool(found) and all(word in VAGUE_WORDS for word in found)


# News promised on a topic just named is an announcement to come, not talk of "updates" in general:
# "there will be more updates on that", not "there will be many exciting updates".
NEWS_ON_A_TOPIC = re.compile(
    r"(?i)\b(?:more|further)\s+(?:updates?|news|details|information|announcements?)\s+(?:on|about|regarding)\s+(?:that|this|it|them|the\s+\w+)\b"
)
# Verbs of a goal, not of something a team delivers.
GOAL_VERBS = frozenset("become illustrate persuade convince inspire empower attract".split())
