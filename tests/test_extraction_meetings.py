"""Meeting notes and AMAs of any project: the running of a call, needs, guesses about the past and
how the product works are not promises; what a team says it will ship is, and its title is a short
imperative a reader would publish as is. Made-up sentences, no project's words."""

import datetime

import pytest

from commitments.reading.extraction import commitment_strength, propose_commitments, short_title
from commitments.reading.timephrases import find_condition, find_due
from commitments.reading.transcripts import parse_transcript

AIRED_ON = datetime.date(2021, 8, 19)  # a Thursday


@pytest.mark.parametrize(
    "sentence",
    [
        # running the call
        "With that, I'll pass it along to Dana for the operations update.",
        "I'll pass it over to the dev team now.",
        "With that, I will open it up to Sam and Lee.",
        "I'll let Robin take over.",
        "As mentioned last week, I will take the lead on these going forward.",
        "So, I'll be giving the update myself for the tech side.",
        "I have a long list I'll be going through.",
        "Another point I'd like to touch on, the proposals that are in the pipeline at the moment.",
        "And I can also add a little bit in regards to the new website.",
        # needs, chores and reuse are not deliverables
        "We have so many products we are going to need something like that.",
        "We'll have to look into it.",
        "Those will have things that we'll need to improve on.",
        "We'll be using that framework moving forward.",
        "And we will likely continue to do so over the following month.",
        # growth hoped for
        "So, we will quickly get to a widely distributed token.",
        "We hope that by offering more transparency, we'll attract more people to the forum.",
        # guesses about the past, claims set aside, questions retold
        "Sorry, I might have missed it.",
        "I'm not saying the listing will immediately bring us mainstream users.",
        "As to when we will launch a public dashboard for everyone.",
        "He is still confident about what we are doing in that region.",
        "I have seen some talk in the community about a big update that is coming.",
        # how the product works, for the listener, and open alternatives
        "With the network, all your data will be distributed to hundreds of nodes.",
        "We cannot guarantee that a file will be available or not.",
        # nothing to check
        "There will be more details about that later.",
        "I feel we are doing a lot behind the scenes.",
        # acts between the people on the call, and feelings
        "We'll tag you in there, Alex.",
        "I will add you to the internal chat!",
        "But, yeah, we greatly appreciate it, and we'll take your offer.",
        "Otherwise, we'll be stoked to show it off when the product goes live.",
        "I'll start with a website update.",
        "I'll be handing it over to Sam from here on out.",
        "I'll speak about two things that we are working on.",
    ],
)
def test_sentences_of_a_call_that_promise_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "We have the lending vault launching next week on mainnet.",
        "The audit got scheduled for mid-September.",
        "At the end of September, the options product should be going to audit.",
        "You can expect to see a quarterly report.",
        "There will still be a weekly edition of the newsletter on Friday.",
        "We are less than a month away from launch.",
        "The app will be fully functional and available from the start.",
        "It sounds as if the vault will be launching in the same week.",
        "Lastly, more website updates are coming.",
        "We're working on updating our lending pool to add a new asset.",
        "**The vault** launches on mainnet next Tuesday.",
        "We're a month away from launch, and we're all excited about it.",
        "The upgrade's scheduled for next month.",
    ],
)
def test_what_a_team_says_it_will_ship_is_proposed(sentence):
    assert commitment_strength(sentence, AIRED_ON) is not None


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("We have the lending vault launching next week on mainnet.", "Launch the lending vault on mainnet"),
        ("A simulator will be available for everyone to use.", "Make a simulator available for everyone to use"),
        ("Our hope is that the simulator will be up tomorrow.", "Put the simulator up"),
        ("Furthermore, these features will be rolled out on the mainnet.", "Roll out these features on the mainnet"),
        ("And that means by the time we meet again, Option Vaults will be live.", "Make Option Vaults live"),
        ("We're working on updating our lending pool to add a new asset.", "Update our lending pool to add a new asset"),
        ("Aside from the audit, we're currently working on a v2 of the yield app.", "Deliver a v2 of the yield app"),
        ("You can expect to see a quarterly report.", "Deliver a quarterly report"),
        ("After launch, we will be going to communities and various forums.", "Go to communities and various forums"),
        ("So, we'll be looking to bring those decisions to a vote next.", "Bring those decisions to a vote next"),
        ("We will provide updates as soon as we have more information.", "Provide updates"),
        ("We need to work on it now so we can build the dashboard in August/September.", "Build the dashboard"),
        ("Which, ideally, we can publish the report sometime next week.", "Publish the report"),
        ("We're currently focusing on developing the storage layer.", "Develop the storage layer"),
        ("We'll need to discuss this further with the team.", "Discuss this further with the team"),
        ("We are exploring potential partnerships for streaming.", "Explore potential partnerships for streaming"),
        ("We're preparing to meet the needs of these enterprises.", "Meet the needs of these enterprises"),
    ],
)
def test_titles_are_short_imperatives(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


@pytest.mark.parametrize(
    "sentence",
    [
        "The audit got scheduled to go to review mid-September, and then the options product should be going to audit.",
        "For the release timeline – our plan is that the testers will be happy.",
    ],
)
def test_a_title_from_the_quote_is_a_whole_clause_without_hedges(sentence):
    title = short_title(sentence, AIRED_ON)
    assert title.split()[0].lower() not in {"probably", "maybe", "for", "and", "so"}, title
    assert title.split()[-1].lower() not in {"the", "a", "to", "and", "of", "as", "like", "than", "is"}, title
    assert title.rstrip(" .").lower() in " ".join(sentence.split()).lower(), title


@pytest.mark.parametrize(
    "sentence, due",
    [
        ("We are less than a month away from launch.", (2021, 9)),
        ("We can add those within the week.", (2021, 8)),
    ],
)
def test_due_dates_of_meeting_phrases(sentence, due):
    found = find_due(sentence, AIRED_ON)
    assert (found.date.year, found.date.month) == due


def test_the_later_of_two_months_is_the_due_month():
    found = find_due("We will implement it in August/September.", AIRED_ON)
    assert (found.date.year, found.date.month) == (2021, 9)



@pytest.mark.parametrize(
    "sentence, title",
    [
        ("We will implement it.", "We will implement it"),
        ("Next month we will do that as well.", "Next month we will do that"),  # "as well" adds nothing alone
        ("We are going to deliver them soon.", "We are going to deliver them soon"),
        ("We will launch the staking page.", "Launch the staking page"),
    ],
)
def test_a_title_of_a_verb_and_a_pronoun_is_taken_from_the_quote(sentence, title):
    """"Implement it" names nothing a reader can check: the quote's clause says more."""
    assert short_title(sentence, AIRED_ON) == title


@pytest.mark.parametrize(
    "sentence",
    [
        "Dana will share the latest numbers, and we'll dive straight in.",
        "Alright, I'll sync you with the latest developments and analyze the proposal.",
        "We'll look at how the fee rate is expected to change and update you on the details.",
        "So the withdrawal is expected to be limited.",  # a forecast, not a schedule
        "We're looking to hear from you.",
        "We're looking to do better.",
        "So we can go over that later in the call.",
        "I'm going to go ahead and add this to the notes as well.",
        "We will leave that for everyone to decide.",
        "So, I'll let him introduce himself.",
        "Without further ado, we're going to turn it to the tech team for updates.",
        "The work will take some time, so we'll monitor the market in the meantime.",
        "Without restrictions, there will be many potential risks and malicious behaviors.",
        "In this case, there will be no need to delegate resources.",
        "I can be reached later.",
        "If they are that good then everybody's going to find out soon enough.",
        "Pavlo, I'll let you take it away.",
        "Second, we'll discuss the new issues found in the compatibility work.",
        "Today, I will provide updated test data on block production.",
        "Because we would like to let the community know in advance.",
        "People are working on our network.",
        "I'll update that.",
        "I'll start with the docs.",
        "I'll follow up with Sam here.",
        "Now we will move to the second topic.",
        "I would like to discuss whether this needs to be optimized.",
        "Feel free to fill this out, and we'll make sure to review it.",
        "So we will postpone introducing this proposal.",
        "And we will continue to discuss the progress of the release during the coming meetings.",
        "The docs are coming along.",
        "I will share a few examples.",
        "We might need to communicate further on the standards for merging.",
        "Also, we have been working on the content that we'll discuss later.",
        "No matter how it is configured, there will be no error.",
        "We are looking at a few options.",
        "We have already booked an audit.",
    ],
)
def test_presenting_and_forecasting_on_a_call_promise_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence, strength",
    [
        ("We're looking to do media outreach.", "firm"),
        ("We are looking to launch a second pool on the new chain.", "firm"),
        ("That's still in the works, and more details about it will get released closer to launch.", "firm"),
        ("The wallet is expected to be released in March.", "soft"),
        ("The new query engine will be the default in version three.", "firm"),
        ("Also, we are updating the branding slightly.", "firm"),
        ("This proposal is mainly to add a shadow fork tool to the toolkit.", "firm"),
        ("It can also be integrated with the test framework later.", "soft"),
        ("If there is a need in the future, this function can be extended.", "soft"),
        ("That should be updated to reflect the new score soon.", "soft"),
        ("Next week we should be working on the wallet interface.", "soft"),
        ("We are kicking off the lending rewards with those.", "firm"),
        ("So, the insurer is working on whitelisting us.", "firm"),  # others at work on ours
        ("The ultimate goal is to bring the database to the same version on both platforms.", "firm"),
        ("The old engine will stay, but this may be unified later.", "soft"),
        ("A new, simplified script named `start.simple` will be introduced.", "firm"),
        ("The front end is close, and we should be connecting it to the contracts sometime next week.", "soft"),
        ("For those who need test tokens, those will be mintable.", "firm"),
        ("After the review is completed, they will be merged into the branch before next Friday.", "firm"),
        ("There are two proposals that may need a hard fork, it will be determined in the next meeting.", "firm"),
        ("And I will share the testing result in the future.", "firm"),
        ("In terms of timelines, we are looking towards an early September launch for this.", "firm"),
        ("We have already booked an audit for mid-August.", "firm"),
        ("We expect the website update to get rolled out next week.", "firm"),
        ("A rough estimate of the timeline is a late September release.", "firm"),
        ("The proposal is going out today.", "firm"),
        ("I'll share a sort of post mortem for what was accomplished.", "firm"),
        ("After this version, the --safe option will no longer be supported.", "firm"),
        ("We will discuss with traditional businesses and other projects together.", "firm"),
    ],
)
def test_plans_said_as_looking_to_and_things_that_get_released(sentence, strength):
    assert commitment_strength(sentence, AIRED_ON) == strength


def test_a_parenthesis_opening_the_next_sentence_dates_the_promise_before_it():
    from commitments.reading.transcripts import parse_transcript
    from commitments.reading.extraction import propose_commitments

    text = (
        "# Call 3\n\nDate: 2021-08-19\n\nAttendees: Sam Lee\n\n"
        "**Sam:** Next up, we will open the app for deposits. (Sometime next week) This means people can join early.\n"
    )
    found = {c.text: c for c in propose_commitments(parse_transcript(text, "call-3.md"))}
    promise = found["Next up, we will open the app for deposits."]
    assert (promise.due_text, promise.due_date) == ("next week", datetime.date(2021, 8, 29))


@pytest.mark.parametrize(
    "sentence, strength",
    [
        # the team's own next step said as a need
        ("We need to submit a version of the wallet for testing within these two days.", "firm"),
        ("We definitely need to update this.", "firm"),
        ("If there are any, we need to mention them in advance to notify the exchanges.", "firm"),
        # passive and impersonal futures of the team's deliverable
        ("This will be mentioned in the release note.", "firm"),
        ("The old deployment repository, which is planned for deprecation, stays read-only.", "firm"),
        ("Relevant unit tests will exclude the old database and no longer run it.", "firm"),
        ("In the future, there will only be the node and the toolkit packages.", "firm"),
        ("The new architecture will no longer support the old database format.", "firm"),
        # aims and plans to stop
        ("This issue aims to remove the old node package.", "firm"),
        ("We won't build the lite package anymore.", "firm"),
        ("We will no longer support the legacy wallet.", "firm"),
        # deadlines as noun phrases, plan lines without a verb, conditions said first
        ("The refactor is ongoing, with a projected completion by the end of September.", "firm"),
        ("Then deploying to mainnet and releasing everything into the wild.", "firm"),
        ("After all these issues are reviewed and merged, we'll send out the release notes.", "firm"),
    ],
)
def test_obligations_aims_and_impersonal_plans_of_meeting_notes(sentence, strength):
    assert commitment_strength(sentence, AIRED_ON) == strength


@pytest.mark.parametrize(
    "sentence",
    [
        "We need to be careful about this.",
        "We need to think about the design first.",
        "You need to upgrade your node before the fork.",
        "We might need to calculate that.",
        "I still need to mention how much we appreciate the community.",
        "I need to talk to the other community about how they did it.",
        "We need to adjust to account for that.",
        # design weighed, the past guessed, no impact, what a thing is for, reuse, the host's order
        "That way, we can upgrade some nodes to enable this feature first.",
        "If we do implement it, the first version can have it off by default.",
        "In the early days, the data was small, and a backup might be completed in seconds.",
        "No, there will be no negative impact.",
        "The main objective is to create a standard template to avoid outdated settings.",
        "We'll use the same approach.",
        "There are four topics today, and we'll go in the order they were submitted.",
        "We will follow up on the action items discussed here in our next session.",
        "Then deploying was the hardest part.",
    ],
)
def test_needs_hypotheses_and_purposes_that_promise_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


def test_a_promise_for_the_day_of_the_call_is_due_that_day():
    transcript = parse_transcript(
        b"# Dev call\n\nDate: 2021-08-19\n\n**Sam:** We expect to initiate the beta test today. "
        b"Just not today, we will publish the audit report at the conference.\n",
        "call.md",
    )
    assert transcript.aired_on == AIRED_ON
    found = {c.text: c.due_date for c in propose_commitments(transcript, team_speakers={"Sam"})}
    assert found["We expect to initiate the beta test today."] == AIRED_ON
    assert found["Just not today, we will publish the audit report at the conference."] is None


@pytest.mark.parametrize(
    "sentence, condition",
    [
        ("After all these issues are reviewed and merged, we'll send out the release notes.",
         "after all these issues are reviewed and merged"),
        ("Once all items have been submitted for testing, we will re-sync.", "once all items have been submitted for testing"),
    ],
)
def test_a_condition_said_first_is_kept_as_spoken(sentence, condition):
    assert find_condition(sentence) == condition


def test_more_news_on_a_topic_just_named_is_proposed_but_updates_in_general_are_not():
    text = (
        "# Call 4\n\nDate: 2021-08-19\n\nAttendees: Sam Lee\n\n"
        "**Sam:** We need to decide on the pool incentives. There will be more updates on that, and a long community discussion "
        "will take place. There will be many exciting updates.\n"
    )
    found = [c.text for c in propose_commitments(parse_transcript(text, "call-4.md"))]
    assert found == ["There will be more updates on that, and a long community discussion will take place."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Our focus now is speeding up the wallet sync.",
        "Our main priority right now is fixing the memory usage.",
        "Both our team and the other client team have been working on implementations of the proposal.",
        "We've been actively testing the new relay rules on the devnet.",
        "So next Thursday, same time as this call, we have the implementers call scheduled already.",
        "We do have a concrete proposal that we are writing now for the fees.",
        "There's an effort from the other engineers to make an in-memory version of the backend.",
        "There is ongoing work to add the export to the mobile wallet.",
    ],
)
def test_work_under_way_and_events_booked_on_a_dev_call_are_proposed(sentence):
    assert commitment_strength(sentence, AIRED_ON) == "firm"


@pytest.mark.parametrize(
    "sentence",
    [
        # suggestions to the others on the call
        "I feel like we might want to also just ask the others afterwards.",
        "You might want to rebase before the release.",
        # work named in a clause of reason or time, not promised
        "It's just because of the amount of processing that we are doing at any given time.",
        "Also while we are focusing on this topic I want us to think more broadly about usability.",
        # predicted trouble
        "There will be wallets that have problems.",
        "There will be some clients which run into issues with it.",
        # the efforts of a sentence that is no plan
        "There is work to do on the docs.",
    ],
)
def test_suggestions_reasons_and_predicted_trouble_promise_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence",
    ["We will share the test vectors with the other teams.", "I'll share the benchmark results next week."],
)
def test_sharing_results_is_a_deliverable_and_sharing_the_screen_is_not(sentence):
    assert commitment_strength(sentence, AIRED_ON) == "firm"
    assert commitment_strength("I'll share my screen.", AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Developers agreed to reassess the candidacy of the proposal once the results of the audit are ready.",
        "The client teams tentatively agreed to ship the fork on the public testnets in October.",
        "We agreed on a devnet launch next week.",
    ],
)
def test_what_the_call_agreed_to_do_is_proposed(sentence):
    assert commitment_strength(sentence, AIRED_ON) == "firm"


@pytest.mark.parametrize(
    "sentence",
    [
        "It's very likely that we'll find something.",
        "I expect we will find some contract somewhere that breaks.",
        "Everyone agreed that the call went well.",
        "Nobody agreed to that.",
    ],
)
def test_findings_foretold_and_agreement_on_opinions_promise_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


def test_some_of_us_at_work_is_the_team_at_work():
    assert commitment_strength("Some of us from the research group are working on account abstraction.", AIRED_ON) == "firm"


@pytest.mark.parametrize(
    "sentence",
    [
        # checking on something is no deliverable
        "Need to follow up to see if that's done.",
        "We'll follow up to check whether the audit is finished.",
        # what a proposal says, retold
        "Our proposal was saying the old pools will stay as is and then we will change the way new ones are done.",
        "The draft says that clients will drop unknown transaction types.",
    ],
)
def test_checking_on_things_and_what_a_proposal_says_promise_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence", ["I'm happy to write up the spec changes after the call.", "We'd be happy to run the benchmarks for the other clients."]
)
def test_an_offer_to_do_the_work_is_a_soft_promise(sentence):
    assert commitment_strength(sentence, AIRED_ON) == "soft"


@pytest.mark.parametrize(
    "sentence", ["I'm happy to be here.", "I'm happy to announce that the beta is live.", "We are happy to see so many new faces."]
)
def test_gladness_is_no_offer(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence, due, precision",
    [
        # AIRED_ON is Thursday 2021-08-19
        ("We're aiming to ship the exporter by end of month.", datetime.date(2021, 8, 31), "month"),
        ("It could be worked on end-of-september.", datetime.date(2021, 9, 30), "month"),
        ("The release is planned for end-of-year.", datetime.date(2021, 12, 31), "year"),
        ("We'll have the build out by Friday.", datetime.date(2021, 8, 20), "day"),
        ("We will freeze the spec before Thursday.", datetime.date(2021, 8, 26), "day"),
        ("The devnet launches two weeks from now.", datetime.date(2021, 9, 5), "week"),
    ],
)
def test_due_dates_said_without_an_article_by_a_weekday_or_from_now(sentence, due, precision):
    found = find_due(sentence, AIRED_ON)
    assert (found.date, found.precision) == (due, precision)


@pytest.mark.parametrize(
    "sentence",
    ["The other team will launch their bridge next month.", "Another team is working on their own indexer.",
     "Other teams will ship their upgrades in October."],
)
def test_the_work_of_other_teams_is_not_the_teams_promise(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence, strength",
    [
        ("There should be a release out later this week.", "soft"),
        ("The client team is targeting a release next week.", "firm"),
        ("We have a PR open for that, it should be merged this week.", "soft"),
        ("We are planning a release for next week.", "firm"),
        ("The other client has a release planned for next week.", "firm"),
        ("I can take that as an action item.", "soft"),
        ("I'll take that as an action item.", "firm"),
    ],
)
def test_releases_planned_targeted_or_due_on_a_dev_call(sentence, strength):
    assert commitment_strength(sentence, AIRED_ON) == strength


@pytest.mark.parametrize(
    "sentence",
    ["I'll follow up on that offline.", "We'll discuss this on the next call.", "We can talk about that at the next call.",
     "There should be a lot of interest next week.", "Users are targeting a higher yield next month."],
)
def test_taking_things_offline_or_to_the_next_call_promises_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Today as always we'll be talking about the fork and get some updates on testing.",
        "Give me one sec. I will get the link.",
        "Anything else from the testing team, otherwise I will go to Ben.",
        "I'll ask in the developers channel.",
        "I'll post in the Discord asking if there are more clients.",
        "It feels like we might learn about something breaking.",
    ],
)
def test_the_calls_agenda_links_turns_and_questions_to_others_promise_nothing(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence",
    ["Devnet #12 is the one that will have the new signing changes.", "So we're going through the entire MEV work on the devnet as well."],
)
def test_the_release_that_will_carry_a_change_and_work_being_gone_through(sentence):
    assert commitment_strength(sentence, AIRED_ON) == "firm"


def test_going_through_the_questions_is_the_call():
    assert commitment_strength("We're going through the questions from the chat.", AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence",
    ["I think we should ship it in the next fork.", "Personally I feel we should start the devnet next week.",
     "In my opinion we should include the change in the upgrade."],
)
def test_an_opinion_of_what_we_should_do_is_no_promise(sentence):
    assert commitment_strength(sentence, AIRED_ON) is None
    assert commitment_strength("The new explorer should be live by the end of the month.", AIRED_ON) == "soft"


@pytest.mark.parametrize(
    "sentence",
    ["We are also making progress on the recursion work on three parallel tracks.",
     "We still have ongoing work including the upcoming block template support."],
)
def test_progress_and_ongoing_work_said_so_are_work_under_way(sentence):
    assert commitment_strength(sentence, AIRED_ON) == "firm"


def test_progress_made_in_the_past_is_no_promise():
    assert commitment_strength("We made good progress on the wallet last month.", AIRED_ON) is None
