"""The kinds of news a later sentence gives about an earlier promise, as a rule table. Pure Python.

Each rule names one way of saying one kind (delivered, partly, progress, restated, postponed,
dropped) in general AMA language: its pattern, examples it must read as that kind and
counter-examples it must not. tests/test_evidence_kinds.py is generated from the table.
`evidence.kind_of()` decides between kinds (dropped before postponed before a report of something
done, and so on); the table says which words make each kind.
"""

import re
from dataclasses import dataclass

from .text import DONE_VERBS, Caseless


class Kind:
    DELIVERED = "delivered"
    PARTLY = "partly"
    PROGRESS = "progress"
    RESTATED = "restated"
    POSTPONED = "postponed"
    DROPPED = "dropped"

    ALL = (DELIVERED, PARTLY, PROGRESS, RESTATED, POSTPONED, DROPPED)


@dataclass(frozen=True)
class KindRule:
    name: str
    kind: str
    pattern: re.Pattern
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()


# A report of something done: a delivery verb's done form, or a state ("it is live").
DONE = DONE_VERBS + r"|done|live|ready|available|online|merged"
THING = r"(?:it|this|that|them|these|those|the \w+(?: \w+)?)"

RULES = (
    KindRule(
        "dropped-decision",
        Kind.DROPPED,
        re.compile(
            r"(?i)\b(?:decided (?:not to|to stop|to drop|against)|no longer (?:plan|going|work|pursu|support|offer)\w*"
            r"|(?:cancel+ed|abandoned|scrapped|dropped|shelved|discontinued|terminated|gave up on|given up on) (?:the|our|this|that|it|its|these|those|plans?)\b"
            r"|(?:is|are|was|were|has been|have been) (?:now )?(?:cancel+ed|abandoned|scrapped|discontinued|off the table)"
            r"|(?:not|n['’]t) (?:going to|gonna) (?:do|pursue|build|launch|continue) .{0,40}\banymore)\b"
        ),
        ("We decided not to go ahead with the second fund.", "That plan is off the table now."),
        ("We decided to launch it in spring.",),
    ),
    KindRule(
        "postponed-delay",
        Kind.POSTPONED,
        re.compile(
            r"(?i)\b(?:postpon\w*|delay(?:ed|ing|s)?\b|defer+(?:ed|ing)?|push(?:ed|ing)? (?:it |this |that |them )?back"
            r"|(?:put|placed?|kept) (?:it |this |that |them )?on hold|on hold|de-?prioriti[sz]\w*"
            r"|(?:not|never) (?:been |be )?(?:rush\w*|prioriti[sz]\w*|in a hurry|hurry\w*)"
            r"|not (?:a|the|that|a very) (?:good|right|best) time|not the right moment|not (?:a |our )?(?:top )?priority"
            r"|hold(?:ing)? off|reschedul\w*|take (?:a bit |even |much |a little )?longer|later than (?:planned|expected)"
            r"|on the back ?burner|(?:moved|pushed|shifted) (?:" + THING + r" )?(?:back )?(?:to|into|until) (?:next|later|the next|a later)"
            r"|(?:put|set|leave|leaving) " + THING + r" aside|" + THING + r" (?:can|will have to|has to|must) wait"
            r"|not (?:our |a |the )?(?:focus|priority) (?:right now|for now|at the moment|this year)"
            r"|not (?:our|the) (?:main |current |top )?focus\b"
            r"|(?:will|['’]ll|have to|need to|needs to) wait (?:a (?:bit|little)|for now|until|till)"
            r"|" + THING + r" (?:needs?|takes?) (?:a bit |a little |some )?more time)"
            r"|n['’]t (?:been |be )?(?:rush\w*|prioriti[sz]\w*|in a hurry|hurry\w*)"
            r"|slip(?:ped|s|ping) (?:to|into|by|past|a bit|a little|a few)\b"
            r"|(?:won['’]t|will not|not going to|isn['’]t going to|aren['’]t going to|didn['’]t|did not|couldn['’]t) make it (?:in(?:to)?|for|this|before|by)\b"
            r"|later than (?:we |i )?(?:thought|hoped|said|announced|promised|initially \w+)"
            r"|revisit (?:it|this|that|them) (?:later|in|next|after|once)\b"
        ),
        (
            "The wallet release was pushed back to the autumn.",
            "It is not the right moment yet.",
            "We are not in a hurry with the exchange.",
            "The second app is on the back burner.",
            "Listings are not our focus right now.",
            "Currently the mobile wallet is not our focus, we will get to it later.",
            "The bridge needs a bit more time.",
            "That one will have to wait until the audit is done.",
            "We moved the airdrop to next year.",
            "We put the database aside for now.",
            "For now the database can wait.",
            "The app slipped to next quarter.",
            "It won't make it into this release.",
            "It is not going to make it this year.",
            "It will come later than we thought.",
            "We will revisit it after the audit.",
        ),
        (
            "We launched the wallet last week.",
            "We need more time to answer all the questions.",
            "Our focus right now is the wallet.",
            "We will make it into the top ten.",
            "Let me revisit the question from before.",
        ),
    ),
    KindRule(
        "postponed-until-conditions",
        Kind.POSTPONED,
        re.compile(
            r"(?i)\b(?:wait(?:ing)? (?:for|until) (?:a |the )?(?:better|right|good|proper|stronger|calmer|more favou?rable)"
            r" (?:market|time|timing|moment|conditions?)"
            r"|wait(?:ing)? (?:for|until) (?:the )?market (?:conditions )?(?:to )?(?:improve|recover|get better|turn)\w*"
            r"|not the (?:right|best|ideal) (?:moment|time|timing)"
            r"|paus(?:e|ed|ing) " + THING + r" (?:for now|for the time being|at the moment|until)"
            r"|(?:is|are|['’]s|['’]re) (?:on pause|paused)|put " + THING + r" on (?:ice|pause)"
            r"|(?:for now|for the time being),? (?:we (?:have |are |['’]ve |['’]re )?)?(?:paus|freez|froze|stopp)\w*"
            r"|(?:only |not until )?(?:once|when|until|after) (?:the )?market (?:conditions )?(?:recover|improve|get better|turn|is better|are better)\w*"
            r"|(?:we['’]d|we would) rather wait|(?:there['’]s|there is) no rush|(?:decided|chose|choose|prefer) to wait"
            r"|(?:is|are|['’]re|['’]s|been|am|['’]m) (?:currently |still |now )?blocked (?:on|by)\b"
            r"|wait(?:ing)? (?:for|on|until) (?:more |other |the |some |all |enough )?(?:[\w'’-]+ ){1,3}?to (?:come online|be ready|become available|be available|catch up|join|sign up|arrive|be released|be merged))"
        ),
        (
            "We'll wait for a better market before we release it.",
            "Honestly it's not the right moment yet for that.",
            "We are pausing that for now.",
            "The staking pool is on pause until the market recovers.",
            "We will release the app once the market recovers.",
            "There is no rush, we would rather wait.",
            "We decided to wait until the bear market is over.",
            "We're mainly waiting for more partners to come online so that we can test the failover.",
            "We're blocked on the audit.",
        ),
        ("We have to wait for the audit report.", "The pause button in the app works now.", "We are waiting for your questions.", "We blocked the spam accounts."),
    ),
    KindRule(
        "delivered-done-verb",
        Kind.DELIVERED,
        re.compile(
            rf"(?i)\b(?:(?:we|they|it|i|team|[a-z]+ has|[a-z]+ have)\s+(?:already |just |finally |officially |recently |successfully )?"
            rf"(?:{DONE_VERBS})(?!\s+out\b)"
            rf"|(?:has|have|had|['’]ve)\s+(?:already |now |also |just |finally |successfully )*(?:been )?(?:{DONE})(?!\s+out\b)"
            rf"|(?:was|were|got|been)\s+(?:\w+ly\s+)?(?:{DONE})(?!\s+out\b)"
            rf"|(?:already|now|just|finally|officially|recently|newly)\s+(?:{DONE})(?!\s+out\b)"
            rf"|(?:is|are|['’]s|['’]re)\s+(?:now |already |finally |officially )(?:{DONE})(?!\s+out\b)"
            rf"|went live|went online|rolled out|came out"
            r"|(?:was|were|been|had) (?:a |an )?(?:great |big |huge |real |complete |total |full |resounding |major )?success\b"
            r"|went (?:really |very |quite |pretty |super |extremely )?(?:well|smoothly|fine|great|without (?:a hitch|any (?:issues|problems)|issues|problems))"
            r"|(?:we|they|i|team) (?:\w+ )?managed to"
            r"|(?:we|they|i) did (?:have|run|do|get|ship|finish|complete|test|launch|release|deliver)"
            r"|(?:we|they|it|has|have|had|was|were|are|is|['’]re|been),? successfully"
            r"|got (?:it|this|that|them|the \w+) (?:done|finished|out|shipped|merged|live|working)"
            r"|(?:we|they|i) (?:\w+ly )?wrapped up (?!the (?:call|session|ama|space|meeting)\b)"
            r"|(?:tested|verified|confirmed|checked) (?:it|this|that|them)?,? (?:and|that) (?:it|everything|they|all) (?:works|worked|is working|are working|passed|passes)"
            r"|\b(?:it|everything|this|that) (?:now works|works now|works (?:fine|well|as expected|perfectly)))\b"
        ),
        (
            "We launched the explorer in May.",
            "The migration went smoothly.",
            "The first community sale was a great success.",
            "We managed to get all the nodes upgraded in time.",
            "We did run the load tests on the new version.",
            "We are, successfully, running the whole system on the new network.",
            "We got it done last week.",
            "We wrapped up the audit last month.",
            "We tested it and everything works.",
            "It works now.",
            "The bridge has been deployed.",
            "It went live last month.",
            "We've launched the explorer.",
            "They’ve integrated our storage into their app.",
        ),
        (
            "We will launch the explorer in May.",
            "Have we launched the explorer yet?",
            "Once we've launched the explorer, we will open the grants.",
            "After we've integrated the bridge, the wallet follows.",
            "By the time we've finished the audit, the market may change.",
            "Hopefully we've integrated the bridge before summer.",
            "We've reached out to several exchanges.",
            "We hope the launch will be a great success.",
            "If the test goes well, we launch in May.",
            "We did not run the tests yet.",
            "Did we run the tests on the new version?",
            "We want to successfully launch it next year.",
            "Success for us means happy users.",
            "This is how it works.",
            "We are wrapping up the audit.",
            "Let's get it done next week.",
            "Once we wrapped up the audit, we will publish it.",
        ),
    ),
    KindRule(
        "delivered-as-a-state",
        Kind.DELIVERED,
        re.compile(
            r"(?i)\b(?:(?:we['’]ve|we have|they['’]ve|they have) been (?:running|using|operating) " + THING + r" (?:for|since)\b"
            r"|(?:we|they|users|people|holders|creators|developers)(?: have|['’]ve) been (?:using|streaming|storing|staking|serving|operating) "
            r"(?!(?:some |more |internal |the |a )?(?:tests?|test-?nets?|trials?|experiments?|pilots?)\b)(?:[\w'’-]+ ){0,5}?"
            r"(?:for (?:months|weeks|years|a while|over|more than|almost|nearly|\d)|since)\b"
            r"|since (?:the |our )?(?:launch|release) of\b"
            r"|(?:we|we['’]ve|we have|we now|we already|we are|we['’]re)(?: been| now| already)? (?:host|hold|organi[sz]e|run|do)\w* (?:[\w'’-]+ ){0,4}?(?:every|each) (?:week|month|quarter)\b"
            r"|(?:has|have|['’]s) been (?:live|running|operational|in production|available|online) (?:for|since)\b"
            r"|(?:is|are|['’]s|['’]re) (?:already |now )+(?:available|open|accessible) (?:to|for) (?:everyone|everybody|all|anyone|the public)"
            r"|(?:is|are|['’]s|['’]re) (?:already |now )*(?:fully )?(?:operational|in production)\b"
            r"|(?:already |now )(?:runs|run|works|operates) (?:on|in|with)"
            r"|(?:anyone|everyone|everybody|users|holders|people|you) can (?:now |already )+(?:use|try|access|download|stake|run|join)\b"
            r"|(?:is|are|['’]s|['’]re) (?:now )?(?:up and running|in use)\b"
            r"|(?:days|weeks|months|years) (?:after|since) (?:the |our |its )?(?:\w+ )?(?:launch|launched|release|released|went live)\b"
            r"|(?:is|are|['’]s|['’]re) (?:now |already |fully )*live\b"
            r"|(?<!\bwe)(?<!\bi)(?<!\bi['’]m)(?:\s(?:is|are)|['’]s|['’]re) (?:now |already |fully |officially )*(?:done|finished|complete|completed|out|merged)\b(?! of\b| there\b| for (?:today|now)\b)"
            r"|\bv(?:ersion)? ?(?:1|one)\b(?: \w+)? (?:is|was) (?:already )?(?:out|live|released)"
            r"|(?:we|they) had (?:(?!to\b|planned\b|hoped\b|wanted\b|expected\b|intended\b|thought\b)[\w'’-]+ ){1,5}?(?:running|live|working|deployed) (?:on|in)\b"
            r"|\bnow (?:all|every|both) (?:[\w'’-]+ ){0,2}?(?:supports?|runs?|uses?)\b"
            r"|(?:users|people|holders|creators|developers|customers|clients|validators|partners) (?:are|have been) (?:already |now )*using (?:it|this|that|them)\b(?= (?:already|now|every|daily)\b)"
            r"|(?:users|people|holders|creators|developers|customers|clients|validators|partners) (?:are|have been) (?:already|now) using\b)"
        ),
        (
            "We've been running it for months.",
            "We had the new wallet running on mainnet for a week.",
            "Now all wallets support the new token.",
            "Users are using it already.",
            "That's merged.",
            "It is already available to everyone.",
            "The node software has been live since spring.",
            "Streaming already runs on our own nodes.",
            "Users can already stake their tokens in the wallet.",
            "The explorer is up and running.",
            "Two months after the wallet launch, we already have thousands of users.",
            "The bridge is live.",
            "Users have been streaming videos on our nodes since spring.",
            "Since the launch of the bridge, users moved millions of tokens.",
            "We've been hosting spaces like this every month.",
            "We now hold a community call every week.",
            "We are hosting community calls every month now.",
            "The storage upgrade is done.",
            "The new explorer is finished.",
        ),
        (
            "We've been running tests on the bridge.",
            "It will be available to everyone next year.",
            "Users can use it once it launches.",
            "Users can now vote on what we build next year.",
            "Two months after the launch we will open staking to everyone.",
            "It should be live by March.",
            "Hopefully it is live before the summer.",
            "The bridge is live on the testnet.",
            "If the audit passes, the bridge is live next week.",
            "We would have launched it, but the market crashed.",
            "Developers have been using testnets for months.",
            "We will host a community call every month.",
            "We hope to hold an AMA every quarter.",
            "When the bridge is done, we will open it to everyone.",
            "We're done with the first round of questions.",
            "Only the staking part is still missing, everything else is live.",
            "I think we are out of time.",
            "Our documentation is out there for everyone.",
            "We had planned to have it running on mainnet by May.",
            "We had to keep the old bridge running in parallel.",
            "Not all wallets support it now.",
            "Users are using it to vote.",
            "We merged two teams into one.",
        ),
    ),
    KindRule(
        "partly-first-part",
        Kind.PARTLY,
        re.compile(
            r"(?i)\b(?:(?:the )?first (?:phase|part|step|stage|batch|version|one|futures?|of (?:them|these|those))|partly|partially|"
            r"part of (?:it|them|the \w+)|some of (?:them|it|these|those)|phase (?:one|1)|initial (?:phase|version|release)|"
            r"so far only|only (?:the )?(?:first|one|two|some|part)|the rest|remaining|(?:is|are|will be) (?:the )?next|"
            r"some of (?:the|our) \w+|half (?:of )?(?:the|our|it|them)|part of (?:our|its) \w+|"
            r"(?:to|for|on|in) (?:about |around |roughly )?\d{1,2} ?(?:%|percent) of\b|"
            r"(?:most|many|several|\d{1,2} ?(?:%|percent)) of (?:the|our|its|them|it)\b(?:\s+[\w'’-]+){0,4}?"
            r"\s+(?:have|has|had|are|is|were|was) (?:already |now |also |just |been )*(?:live|done|available|out|\w+ed)\b|"
            r"the first (?:\w+ )?(?:milestones?|integrations?|partners?|batch)|"
            r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:of|out of) (?:the |our )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\b)\b"
        ),
        (
            "We launched the first phase of the grants.",
            "Some of them have been integrated, the rest follows.",
            "Some of the features are already live.",
            "Half of the team tokens have been unlocked.",
            "We have already launched three of the five apps.",
            "About half of the nodes have migrated.",
            "Around 80% of the validators have already upgraded.",
            "Most of the features are already live.",
            "We've integrated two of the three payment providers.",
            "The upgrade has been rolled out to 40% of the nodes.",
            "The first milestone of the grant has been awarded and the rest follows.",
        ),
        (
            "We launched the grants program.",
            "We launched all of the five apps.",
            "Half of the people here are new.",
            "We have done some estimation, most of the validators, the large ones, should be profitable.",
            "Many of our members have been with us for years, and we've built a strong team.",
        ),
    ),
    KindRule(
        "partly-part-available",
        Kind.PARTLY,
        re.compile(
            r"(?i)\b(?:(?:is|are|['’]s|['’]re|been) (?:now |already |currently )?(?:available|live|open|opened|out|enabled|running|accessible)"
            r" (?:only )?(?:to|for|in) (?:some|a few|few|selected|certain|the first|early|a (?:small |limited )?(?:number|group|set) of|a small"
            r"|\d+|two|three|four|five) (?:\w+ )?(?:users|people|holders|regions|countries|markets|partners|nodes|testers|members|customers"
            r"|creators|developers|exchanges|chains|communities)"
            r"|v(?:ersion)? ?(?:1|one) (?:is|was) (?:already )?(?:out|live|released)\b.{0,40}\b(?:v(?:ersion)? ?(?:2|two)|the next (?:one|version))\b)"
        ),
        (
            "It is available for some users.",
            "The new wallet is now open to a small group of holders.",
            "The app is out in a few countries.",
            "V1 is out, v2 is coming.",
        ),
        ("It will be available for some users next month.", "Is it available for all users?", "The app is out of date."),
    ),
    KindRule(
        "partly-on-trial",
        Kind.PARTLY,
        re.compile(
            r"(?i)\b(?:(?:is|are|['’]s|['’]re|been|now|already|went|was|were) (?:now |already |currently )?"
            r"(?:live |deployed |running |launched |released |out )?on (?:the |a |our )?(?:public )?test-?nets?\b"
            r"|(?:launched|released|shipped|opened|published|deployed|rolled out|put out|made available) (?:the |a |an |our |its )?(?:first )?"
            r"(?:public |open |closed )?(?:\w+ )?(?:beta|alpha|testnet|preview|early access)\b"
            r"|(?:had|did|made|with) (?:a |its |our )?soft launch\b|soft[- ]launched\b"
            r"|(?:is|are|['’]s|['’]re) (?:now |already |currently )?in (?:public |open )?(?:beta|alpha)\b"
            r"|(?:available|open) (?:only )?to (?:a |some )?(?:few|small group of|selected|first) (?:users|partners|testers))"
        ),
        (
            "The bridge is live on the testnet.",
            "It's on testnet, mainnet later.",
            "We launched the beta version of the wallet.",
            "We released the beta.",
            "The app is available to a few users.",
            "The wallet is in public beta now.",
            "We opened early access for the first creators.",
            "The wallet had a soft launch last week.",
        ),
        (
            "The bridge is live on the mainnet.",
            "We will release the beta next month.",
            "We hope to launch the testnet soon.",
            "We will open early access next month.",
        ),
    ),
    KindRule(
        "partly-not-all-yet",
        Kind.PARTLY,
        re.compile(
            r"(?i)\b(?:(?:live|available|open|running|works?|runs?|supported|enabled)\b[^.?!]{0,60}?,? but not (?:yet )?(?:for|on|in|with|to|all|every)\b"
            r"|(?:works?|runs?|is live|are live|is available|are available|is supported|are supported) (?:[\w'’-]+ ){0,4}?(?:for|on|in|with) "
            r"(?:one|two|three|a few|some|a single|a couple of) [\w'’-]+ so far"
            r"|only (?:the |our )?[\w'’-]+ (?:part|layer|component|phase|module|feature|version|side) (?:is|are|was|has been) (?:now |already )?"
            r"(?:live|done|available|ready|out|released|launched|finished|complete)"
            r"|(?:for now|so far|at the moment|currently|right now),? (?:it|this|that|we|the \w+) only (?:supports?|works? (?:with|on|for)|runs? on|covers?|accepts?)\b"
            rf"|\b(?:{DONE_VERBS}|live|running|out)\b[^.?!]{{0,80}}?,? but (?:we|they|it)(?: still)? (?:haven['’]t|hasn['’]t|have not|has not|didn['’]t|did not)"
            r" (?:[\w'’-]+ ){0,5}?yet\b)"
        ),
        (
            "It's live for staking, but not for transfers yet.",
            "The new wallet was released last week, but we haven't opened it to all countries yet.",
            "The bridge works for one chain so far.",
            "Only the storage part is live so far.",
            "For now it only supports one chain.",
            "Currently we only support two exchanges, more are coming.",
        ),
        (
            "We only support projects that build on our network.",
            "For now, we only focus on storage.",
            "It's not live yet.",
            "It's live, but not everyone knows it yet?",
            "Only the team can answer that so far.",
            "We haven't launched it yet.",
            "It was delayed, but we haven't given up on it yet.",
        ),
    ),
    KindRule(
        "partly-rest-to-come",
        Kind.PARTLY,
        re.compile(
            r"(?i)\b(?:(?:the rest|the remaining (?:\w+ )?\w+|others|other \w+|more"
            r"|the (?:next|second|third|other) (?:phase|part|step|stage|version|one|ones|batch)s?|v(?:ersion)? ?(?:2|two)"
            r"|(?:two|three|four|five|a few|several) more|[a-z]+(?:ing)? (?:part|layer|component))"
            r" (?:will )?(?:follows?|comes? (?:next|later|after)|(?:is|are|['’]s|['’]re|will be) (?:coming|next|planned|scheduled|to come))\b"
            r"|(?:versions?|phases?|parts?|stages?|chains?|regions?|countries|markets|features?|networks?|tokens?|exchanges?|apps?|ones) (?:will|are going to) follow\b"
            r"|(?:is|are|['’]s|['’]re) next\b|mainnet (?:comes |is coming |will come )?later)"
        ),
        (
            "The storage part is done, computing is next.",
            "It's already live on one chain, and other chains will follow.",
            "The first integration is done and two more are coming.",
            "We delivered the first phase, the second phase comes next quarter.",
            "So far we have listed on two exchanges, and more will follow.",
            "We launched the apps on the web, the mobile versions will follow next year.",
        ),
        ("The second phase is coming next quarter.", "We launched the wallet and will keep improving it."),
    ),
    KindRule(
        "progress-working",
        Kind.PROGRESS,
        re.compile(
            r"(?i)\b(?:(?:is|are|am|['’]re|['’]m|['’]s|been) (?:\w+ly |now |still |also |already |just |right now )*(?:developing|building|testing|working|"
            r"trying to (?:test|build|fix|finish|get|integrate|implement|reproduce|debug|sort out|figure out)|"
            r"preparing|integrating|implementing|finali[sz]ing|promoting|concentrating|focus(?:ed|ing)|negotiating|"
            r"polishing|fine-tuning|optimi[sz]ing|upgrading|improving|auditing|designing|exploring|onboarding|talking (?:with|to)|"
            r"cooperating|collaborating|reviewing|discussing with|researching|doing (?:some |more )?research|doing (?:the |an? |our |final )?(?:audit|testing|integration|review)|"
            r"(?:starting|beginning) to (?:use|build|integrat\w*|test|adopt|run|migrat\w*))|"
            r"(?:gradually|progressively|slowly) (?:rolling|deploying|migrating|onboarding|opening)|"
            r"(?:rolling out|deploying|migrating) (?:[\w'’-]+ ){0,4}?(?:gradually|step by step|in (?:phases|stages|batches)|(?:node|region|country|chain|user|one|step) by (?:node|region|country|chain|user|one|step))|"
            r"in progress|under (?:way|development|construction|review)|underway|(?:still|currently|actively) on it\b|"
            r"still (?:promoting|building|developing|working|testing|improving)|(?:we|team)(?: have|['’]ve) (?:started|begun|been working)|"
            r"(?:almost|nearly) (?:ready|done|finished|complete)|in the (?:final|testing|development) (?:stage|phase)|"
            r"(?:is|are) being (?:built|developed|tested|integrated|implemented|prepared|audited|reviewed|finali[sz]ed|rolled out|deployed|migrated)|"
            r"(?:our|the) (?:current |main |first |second |third |fourth |top )?(?:priority|focus) (?:is|are|right now)|"
            r"we (?:cooperate|collaborate|partner|work) with|(?:running|doing|conducting) (?:some |more |internal |the |final )?tests\b|"
            r"(?:is|are|['’]re|am|['’]m) (?:\w+ )?busy (?:with|on)|(?:is|are) (?:still )?ongoing|"
            r"(?:keep|keeps|continue|continues|continuing) (?:to )?(?:work|build|develop|improv|test|integrat)\w*|"
            r"(?:work|development|testing|integration) (?:on (?:the |our )?\w+(?: \w+)? )?(?:has|have) (?:already )?(?:started|begun)|"
            r"(?:is|are|['’]s|['’]re) (?:now |still |currently )?(?:in (?:the )?(?:works|pipeline|beta|testing|development|review)))\b"
        ),
        (
            "The SDK is still in the testing phase.",
            "Our developers are working on the mobile wallet.",
            "We've been running tests on the bridge for weeks.",
            "The new app is in the works.",
            "The team is polishing the dashboard.",
            "Our engineers are busy with the bridge integration.",
            "We keep working on the wallet.",
            "Work on the database has started.",
            "We are doing research on decentralized computing.",
            "The team is researching a second bridge.",
            "We are rolling out the upgrade node by node.",
            "We are migrating the tokens step by step.",
            "We are gradually rolling it out to all nodes.",
            "Many projects are starting to use our storage.",
            "We already finished the development of the bridge and are now doing the audit.",
            "The first users are already testing the wallet.",
            "The contracts are being audited.",
            "We are basically just trying to test the fallback in this setup.",
            "We're still on it.",
        ),
        (
            "The SDK was released in March.",
            "The tests we ran last year were published.",
            "We are talking about the roadmap today.",
            "We will be trying to test it next year.",
        ),
    ),
    KindRule(
        "progress-present-work",
        Kind.PROGRESS,
        re.compile(
            r"(?i)\b(?:(?:something|one of the things|what) (?:we['’]re|we are|the team is) (?:actively |currently |still |really )?"
            r"(?:working on|looking into|exploring)"
            r"|(?:we|team)(?: have|['’]ve) (?:already )?(?:applied (?:to|for|with)\b|applied\s*$|submitted (?:our|an|the)|reached out|started talks)"
            r"|(?:we['’]re|we are|currently|it['’]s|it is) (?:still |now |currently )?waiting (?:for|on) (?:the |an? |their |final )?(?:\w+ )?"
            r"(?:audit|approval|review|results?|feedback|green light|confirmation|permission|licen[cs]e)"
            r"|(?:we|team)(?: have|['’]ve| has)? (?:already |now |just |recently )?(?:started|begun|began|kicked off) (?:on\b|(?:the |our )?(?:work|working|develop|build|integrat|test|implement|migrat|audit|design|research)\w*)"
            r"|(?:we['’]re|we are|team is) (?:actively |currently |now |still )?(?:in talks|in discussions?|in contact|talking) with"
            r"|actively (?:working|developing|building|exploring|pursuing)|right now (?:we|our team|the team) (?:is|are|['’]re)\b(?!\s+(?:planning|going|hoping|aiming|looking|trying|about)\b)"
            r"|in the (?:process|middle) of|(?:we|team)(?: have|['’]ve| has) made (?:(?:a lot of|lots of|good|some|great|real|significant|steady|solid|big) )?progress"
            r"|(?:we['’]re|we are|it['’]s|it is) getting (?:close|closer)\b)"
        ),
        (
            "That is something we're actively working on.",
            "We have applied to several providers for it.",
            "The team is actively exploring a second provider.",
            "We are in talks with two more exchanges.",
            "We are in the process of integrating the second bridge.",
            "The team has made good progress on the mobile app.",
            "We've applied to several providers.",
            "We've started on the database.",
            "We have already begun developing the computing layer.",
            "We started the integration with two payment providers.",
            "We are still waiting for the audit results.",
            "We're waiting on approval from the exchange.",
            "We're still in discussions with them.",
        ),
        (
            "We worked on that last year and it is live.",
            "The process of applying is explained on our site.",
            "We started as a storage project.",
            "We've applied the same rules to every grant.",
            "We are waiting for your questions.",
            "We're rolling out features that users can use, such as sharing.",
        ),
    ),
    KindRule(
        "progress-nearly-there",
        Kind.PROGRESS,
        re.compile(
            r"(?i)(?:(?:['’]re|['’]s|\bare|\bis) (?:very |really |quite |pretty |so |getting )?(?:close|closer)"
            r"(?:\s*(?=[.!;]|$)| now\b| to (?:finishing|completing|launching|releasing|delivering|done|ready|being (?:done|ready|finished)|the (?:finish line|launch|release)))"
            r"|\b(?:almost|nearly|pretty much) there\b|\b\d{1,2} ?(?:%|percent) (?:done|complete|completed|finished|ready|there)\b"
            r"|\b\d{1,2} ?(?:%|percent) of (?:the |our )?(?:work|development|code|coding|tasks?|job|integration|testing)\b"
            r"|\b(?:making|made) (?:(?:a lot of|lots of|good|some|great|real|significant|steady|solid|big|huge|much|fast|quick) )?progress\b(?! reports?)"
            r"|\b(?:development|work|integration|testing|progress|migration|building|implementation)\b.{0,40}?(?:is|are|['’]s) (?:going|progressing|moving) (?:very |really )?"
            r"(?:well|smoothly|nicely|great|fine|forward|as planned|according to plan)"
            r"|(?:is|are|['’]s|['’]re) (?:progressing|coming along)\b"
            r"|\bthere(?:['’]s| is| has| have)(?: been)? (?:a lot of|lots of|good|great|significant|some|real|much|steady) progress"
            r"|\bgetting there\b|\bhalfway (?:through|there|done)|\b(?:at|in) the (?:final|last) (?:stages?|phase|steps?)\b"
            r"|\bfinishing touches|\btaking shape"
            r"|(?<!\bbe )\b(?:about|ready|set) to (?:launch|release|go live|deploy|ship|open|list|finish|complete)\b)"
        ),
        (
            "We're close.",
            "We're very close to finishing the bridge.",
            "It's almost there.",
            "It's 80% done.",
            "The computing layer is about 80% complete.",
            "We're making good progress on the bridge.",
            "Development of the database component is going well.",
            "The bridge is progressing well.",
            "There's been a lot of progress on the bridge.",
            "We're getting there.",
            "We are halfway through the migration.",
            "We're at the final stage of the integration.",
            "We're putting the finishing touches on the app.",
            "It's taking shape.",
            "About 80% of the work is done.",
            "We are about to launch the bridge.",
            "The bridge is ready to launch.",
        ),
        (
            "We are close to our community.",
            "Now it is going very well for the market.",
            "We publish progress reports every month.",
            "It was 100% done last year.",
            "We're close to the end of the session.",
            "We're determined to make progress on listings, and I hope it could happen next year.",
            "We will be ready to launch it next year.",
            "We hope the grants program is 80% done by March.",
        ),
    ),
    KindRule(
        "progress-on-trial",
        Kind.PROGRESS,
        re.compile(
            r"(?i)\b(?:(?:tests?|testing|using) (?:on |in )?(?:the |a |our )?test-?nets?|in (?:a |the )?(?:beta test|pilot|private test|closed test|internal test|closed beta|private beta)\w*"
            r"|(?:running|doing|started|start|run) (?:a |the |our )?(?:pilot|trial)s?|(?:test|trial|pilot) (?:phase|run)|internally"
            r"|(?:a|the|our) (?:working |first |early )?(?:prototype|demo|proof of concept|poc|mvp)\b(?! days?\b))\b"
        ),
        (
            "We are running a pilot with two partners.",
            "The wallet is in a closed test.",
            "We are testing it internally.",
            "We've been running tests on the testnet for weeks.",
            "We built a working prototype of the app.",
            "We have a demo of the computing layer.",
            "It is currently in closed beta.",
        ),
        ("The bridge is live on the mainnet.", "The bridge is live on the testnet.", "The demo day is next week."),
    ),
    KindRule(
        "restated-future",
        Kind.RESTATED,
        re.compile(
            r"(?i)\b(?:will|shall|going to|gonna|plan(?:s|ned|ning)? (?:to|on)|aim(?:s|ing)? (?:to|for)|intend\w* to|"
            r"hope|hoping|hopeful|would like to|want to|wants to|looking to|next step|in the future|looking ahead|"
            r"gearing up|determined to|(?:is|are|['’]s|['’]re|comes?|coming) next\b(?! to)|long-term|upcoming|soon|later on|eager to|expect(?:s|ed|ing)? (?:to|it to|them to)|"
            r"(?:the|our) (?:plan|target|goal|aim) is (?:to|for)|(?:can|could) (?:definitely |also )?"
            r"(?:consider|organi[sz]e|do|happen|start|launch|deliver)|next (?:year|quarter|month|version))\b|['’]ll\b"
        ),
        ("We will open the grants to everyone next year.", "The next step is a public testnet.", "Our target is to have it ready by March."),
        ("We opened the grants last year.",),
    ),
    KindRule(
        "restated-new-horizon",
        Kind.RESTATED,
        re.compile(
            r"(?i)\b(?:(?:should|would|could|might|may) (?:be|go|come) (?:ready|done|live|available|finished|out|launched|released|public)"
            r" (?:in|within|by|around|before|after|early|later|sometime|at)"
            r"|(?:in|within) (?:a|the) (?:couple|few|next few|next couple) (?:of )?(?:weeks|months|quarters)"
            r"|(?:we|they|i)(?:['’]d| would) (?:[\w'’-]+ ){0,3}?be (?:doing|launching|releasing|testing|running|shipping|starting|opening) (?:[\w'’-]+ ){0,3}?over the next\b"
            r"|(?:ca|can)n?['’]?o?t (?:promise|give|commit to) (?:a|an|any) (?:exact |specific |firm )?(?:date|timeline|deadline)"
            r"|(?:is|are|['’]s|['’]re) (?:now |still )?(?:scheduled|expected|planned|targeted|slated) (?:for|in|by|around|to)\b"
            r"|(?:is|are|['’]s|['’]re) (?:still )?on (?:our|the) (?:road ?map|to-?do list|agenda)"
            r"|still (?:on track|coming|planned|in (?:the|our) plans?|part of (?:the|our) (?:plan|road ?map))"
            r"|(?:remains|is still) (?:our|the|a) (?:goal|plan|target)|(?:we are|we['’]re) (?:still )?committed to"
            r")|\((?:to ?-?do|planned|upcoming|coming soon|next)\)"
        ),
        (
            "I can't promise a date, but it should be ready in a couple of months.",
            "It should go live around the end of the year.",
            "The second bridge is now scheduled for the third quarter.",
            "The database is still on our roadmap.",
            "The mobile app is still on track.",
            "We are still committed to the second fund.",
            "Roadmap: the wallet (done), the bridge (planned).",
            "We'd most likely be doing this over the next week.",
        ),
        ("It has been ready for a couple of months.", "The roadmap was published in March.", "We would be happy to talk about it."),
    ),
)


def pattern_of(*names: str) -> Caseless:
    """One pattern for the named rules of the table (read once per sentence)."""
    chosen = [rule.pattern.pattern.removeprefix("(?i)") for rule in RULES if rule.name in names]
    assert len(chosen) == len(names), names
    return Caseless("(?i)" + "|".join(f"(?:{p})" for p in chosen))


def rule_named(name: str) -> KindRule:
    return next(rule for rule in RULES if rule.name == name)
