## Polls (prassi-polls)
home-module-polls-title = Polls
home-module-polls-description = Quick questions to the community, secret ballots and the decisions that followed.
home-polls-title = Open polls
home-polls-voters = { $count ->
    [one] 1 vote
   *[other] { $count } votes
}
home-polls-secret = secret ballot
home-polls-vote = Vote
home-polls-go-vote = Go to the ballot
home-polls-voted = You voted: thank you!
home-polls-empty = No open polls right now.
home-polls-all = All polls
search-kind-poll = Poll

polls-title = Polls
polls-intro = Quick questions to the community on a topic or an activity: choose one or more options, or put them in order of preference.
polls-new-link = New poll
polls-new-title = New poll
polls-tabs-label = Polls
polls-tab-all = All
polls-tab-open = Open
polls-tab-closed = Closed
polls-empty = No polls.
polls-kind-single = Single choice
polls-kind-multiple = Multiple choice
polls-kind-ranked = Ranked choice
polls-audience-members = Community members
polls-audience-public = Public
polls-audience-group = A working group
polls-audience-line-public = Public poll
polls-audience-line-members = For the community's members
polls-audience-line-group = For the working group's members
polls-results-always = Always
polls-results-after_vote = After voting
polls-results-after_close = When it closes
polls-results-organisers = To organisers only
polls-secret-badge = Secret ballot
polls-on-home-badge = On the home page
polls-state-open = Open
polls-state-closed = Closed
polls-closes-on = closes on
polls-closed-on = closed on
polls-voters-count = { $count ->
    [one] 1 voter
   *[other] { $count } voters
}
polls-secret-explained = Secret ballot: the platform records who voted (so nobody votes twice) and, separately, what the ballots say, with nothing linking them. A vote cannot be changed and results are counted when the poll closes.

# Voting
polls-vote-title = Your vote
polls-help-single = Choose one option.
polls-help-multiple = Choose from { $min } to { $max } options.
polls-help-ranked = Number the options in order of preference (1 = your favourite): at least { $min }, at most { $max }. Leave "—" for those you do not want to rank.
polls-help-change = You may change your vote until the poll closes.
polls-rank-none = —
polls-vote-submit = Vote
polls-vote-change-submit = Change my vote
polls-voted-final = You voted; in this poll a vote cannot be changed.
polls-voted-secret = You voted. The ballot is secret: the platform does not know what you chose, and it cannot be changed.
polls-your-choices = Your choices:
polls-closed-note = The poll is closed.
polls-sign-in-to-vote = Sign in to vote
polls-not-eligible-note = You cannot vote in this poll: it is for its audience only.
polls-voted = You voted.
polls-vote-recorded = Vote recorded.
polls-vote-changed = Your vote changed.
polls-vote-unchanged = Your vote is the same as before: nothing changed.

# Results
polls-results-title = Results
polls-results-caption = Votes per option
polls-results-caption-first = First preferences per option
polls-results-caption-runoff = Result of the instant-runoff count (last round)
polls-results-partial = partial, the poll is open
polls-col-option = Option
polls-col-votes = Votes
polls-col-share = Share
polls-col-chart = Chart
polls-winner = Winner
polls-most-voted = Most voted
polls-results-note = { $count ->
    [one] Shares of 1 voter.
   *[other] Shares of { $count } voters.
}
polls-results-note-multiple = { $count ->
    [one] Shares of 1 voter; each may choose several options, so the total may exceed 100%.
   *[other] Shares of { $count } voters; each may choose several options, so the total may exceed 100%.
}
polls-results-note-first = { $count ->
    [one] First preference of 1 voter. The instant-runoff count happens when the poll closes.
   *[other] First preferences of { $count } voters. The instant-runoff count happens when the poll closes.
}
polls-results-note-runoff = { $count ->
    [one] Shares of the one ballot still counting in the last round.
   *[other] Shares of the { $count } ballots still counting in the last round.
}
polls-runoff-winner = "{ $option }" wins with a majority of the ballots still counting.
polls-runoff-tie = A tie: the options left have the same votes, none has a majority.
polls-rounds-caption = The rounds of the instant-runoff count: each round the option with the fewest votes leaves and its ballots go to their next preference
polls-round = Round { $number }
polls-round-out = eliminated
polls-round-exhausted = Ballots with no preference left
polls-round-eliminated = { $options } leaves
polls-round-majority = "{ $option }" has a majority
polls-round-no-change = nobody leaves
polls-results-hidden-secret = Secret ballot: results are counted and shown when the poll closes.
polls-results-hidden-after-vote = Results are shown once you vote (and to everyone when the poll closes).
polls-results-hidden-after-close = Results are shown when the poll closes.
polls-results-hidden-organisers = Results are shown to the poll's organisers only.
polls-turnout-line = { $count } of { $eligible } eligible members voted
polls-voters-title = Who voted
polls-voters-more = { $count ->
    [one] and one more person (in the export)
   *[other] and { $count } more people (in the export)
}
polls-export-csv = Results (CSV)
polls-export-ballots = Ballots (CSV)
polls-export-json = Results (JSON)
polls-export-later = The export will be available when the results are visible.

# Decision
polls-decision-title = Decision
polls-decision-entry = Decision taken
polls-decision-correction = Correction
polls-decision-superseded = corrected
polls-decision-by = Decided by
polls-decision-on = Date of the decision
polls-decision-turnout = Turnout
polls-decision-recorded-by = Recorded by { $name } on
polls-decision-see-corrected = see the entry corrected
polls-decision-see-correction = see the correction
polls-decision-new-title = Record the decision
polls-decision-correct-title = Correct the decision
polls-decision-append-only = Recorded entries never change: a correction is a new entry referring to the earlier one.
polls-field-decision = What was decided
polls-field-decision-help = You may use Markdown.
polls-field-deciders = Decided by
polls-field-deciders-help = A body, a role or people: for example "Referents' assembly".
polls-field-decided-on = Date of the decision
polls-decision-submit = Record the decision
polls-decision-correct-submit = Record the correction
polls-decision-recorded = Decision recorded.

# Managing
polls-manage-title = Managing the poll
polls-close-help = Close the poll now: no more votes are taken and the results become final.
polls-close-submit = Close the poll
polls-closed-now = Poll closed: the results are final.
polls-home-add = Put on the home page
polls-home-remove = Take off the home page
polls-home-added = The poll is on the home page.
polls-home-removed = The poll is no longer on the home page.
polls-created = Poll created.

# Form
polls-field-question = Question
polls-field-description = Description
polls-field-description-help = Optional: the question's context. You may use Markdown.
polls-field-kind = Kind of answer
polls-field-kind-help = Single choice, multiple choice (with a minimum and a maximum) or ranked choice (counted by instant runoff).
polls-field-options = Options
polls-field-options-help = From 2 to 20 options, one per line, all different.
polls-field-min = Fewest choices
polls-field-min-help = For multiple and ranked choice; empty: 1.
polls-field-max = Most choices
polls-field-max-help = For multiple and ranked choice; empty: every option.
polls-field-closes = Closes
polls-field-closes-help = Optional, Italian time; must be in the future. Organisers may close earlier.
polls-field-audience = Who sees and votes
polls-field-audience-help = With a working group, the poll is for the group's members.
polls-field-group = Working group
polls-field-group-help = The group's short address (for example "piazza-dei-funzionari"). Group coordinators create polls for their own group only.
polls-field-results = When results are shown
polls-field-results-help = "After voting" and "When it closes" avoid swaying those who have not voted yet.
polls-field-show-voters = Show who voted and what
polls-field-show-voters-help = Voters and their choices are shown with the results. Not for a secret ballot.
polls-field-allow-change = Votes may be changed until the poll closes
polls-field-secret = Secret ballot
polls-field-secret-help = Who voted is recorded, but not what: ballots and voters are kept apart. A vote cannot be changed and results are shown when the poll closes.
polls-field-on-home = Show on the home page
polls-field-on-home-help = Only moderators and administrators choose the home page's polls.
polls-create-submit = Create the poll

# Errors
polls-kind-required = Choose the kind of answer.
polls-kind-invalid = The kind of answer must be single, multiple or ranked choice.
polls-options-missing = Write the options, one per line.
polls-options-too-few = At least 2 options are needed.
polls-options-too-many = At most 20 options.
polls-option-empty = An option is empty: remove the blank lines between options.
polls-option-duplicate = Two options are the same (case and spaces do not count).
polls-option-too-long = An option is longer than 200 characters.
polls-option-bad-characters = An option contains characters that are not allowed.
polls-choices-invalid = Write a whole number from 1 up.
polls-min-above-max = The fewest choices exceed the most.
polls-max-above-options = The most choices exceed the number of options.
polls-close-invalid = Write date and time as 2027-03-15T18:00.
polls-close-in-past = The closing time must be in the future.
polls-audience-invalid = The audience must be public, members or a working group.
polls-group-unknown = None of your working groups has this address.
polls-group-required = Name the working group.
polls-group-coordinators = Group coordinators create polls only for a group they coordinate: name it.
polls-results-invalid = Choose when results are shown.
polls-secret-no-voters = A secret ballot cannot show who voted and what.
polls-secret-no-change = In a secret ballot a vote cannot be changed.
polls-home-moderators-only = Only moderators and administrators choose the home page's polls.
polls-create-not-allowed = Moderators, administrators and working-group coordinators create polls.
polls-organisers-only = Only the poll's organisers may do this.
polls-not-eligible = You cannot vote in this poll.
polls-closed = The poll is closed: your vote was not recorded.
polls-already-closed = The poll is already closed.
polls-already-voted = You already voted in this poll and a vote cannot be changed.
polls-option-unknown = One of the options chosen is not an option of this poll.
polls-choice-repeated = You chose the same option more than once.
polls-choose-one = Choose one option.
polls-too-few-choices = You chose fewer options than the minimum.
polls-too-many-choices = You chose more options than the maximum.
polls-rank-invalid = Places are numbers from 1 up.
polls-rank-repeated = Two options have the same place: each number once only.
polls-results-not-yet = The results are not visible yet: the export will be, with them.
polls-decision-before-close = A decision is recorded once the poll closes.
polls-decided-in-future = The date of the decision cannot be in the future.
polls-date-invalid = Write the date as 2027-03-15.
polls-decision-unknown = The entry to correct does not exist in this poll.
polls-decision-exists = The decision is already recorded: to change it, record a correction.
polls-decision-already-corrected = This entry was already corrected: correct the latest entry.
