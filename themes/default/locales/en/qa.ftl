# Questions and answers: list, question, answers, comments, votes, tags.
# Every key has the qa- prefix and a twin in it/qa.ftl (Italian is the reference).

## Section and list of questions (qa/list.html; tabs and headings also used by the Rust code)

qa-section = Questions
qa-tab-newest = Newest
qa-tab-active = Recently active
qa-tab-unanswered = Unanswered
qa-tab-votes = Most voted
qa-heading-newest = Newest questions
qa-heading-active = Recently active questions
qa-heading-unanswered = Unanswered questions
qa-heading-votes = Most voted questions
qa-tabs-label = Sort questions
qa-ask-button = Ask a question
qa-browse-tags = Browse tags
qa-closed-badge = closed
qa-has-accepted = with an accepted answer
qa-asked-by = Asked by
qa-answered-by = Posted by
qa-edited = edited
qa-last-activity = last activity
qa-tags-label = Tags
qa-list-empty = There are no questions yet: ask the community the first one.
qa-list-empty-unanswered = No unanswered questions.

## Counts

qa-questions-count =
    { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }
qa-answers-count =
    { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    }
qa-votes-count =
    { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }
qa-tags-total =
    { $count ->
        [one] { $count } tag
       *[other] { $count } tags
    }
qa-score-total = score { $score }

## New question (qa/ask.html)

qa-ask-title = Ask a question
qa-ask-intro = A good question is specific and gives context: what you are trying to do, what you have already tried, what constraints your administration has. Before asking, check whether someone has already asked the same question.
qa-field-title = Title
qa-field-title-help = A specific question, at most 150 characters.
qa-field-body = Details of the question
qa-field-body-help = Describe the context and what you need. You can use Markdown: **bold**, *italics*, lists and links.
qa-field-tags = Tags
qa-field-tags-help = 1 to 5 existing tags, separated by commas.
qa-field-tags-available = Available tags: { $tags }.
qa-field-tags-none = There are no tags yet: ask the moderators to create one.
qa-field-audience = Who can read the question
qa-field-audience-help = A question reserved to members is not visible to people outside the community.
qa-audience-members = Community members only
qa-audience-public = Everyone, visitors included
qa-ask-submit = Publish the question

## Question, answers and comments (qa/question.html)

qa-members-only-note = This question is visible to community members only.
qa-group-only-note = This question is visible to the members of a group only.
qa-closed-title = Question closed.
qa-closed-duplicate = It duplicates a question already asked: the discussion continues there.
qa-closed-off-topic = It is not about the community's topics.
qa-closed-other = It does not accept new answers.
qa-closed-note-label = Moderators' note:
qa-closed-duplicate-link = Go to the original question
qa-vote-question-label = Votes on the question
qa-vote-answer-label = Votes on the answer by { $name }
qa-vote-up = Vote up
qa-vote-down = Vote down
qa-vote-withdraw-hint = Withdraw the vote: press the same button again.
qa-score-label = Score:
qa-comments-title = Comments
qa-comment-add = Add a comment
qa-comment-label-question = Your comment on the question
qa-comment-label-answer = Your comment on the answer by { $name }
qa-comment-help = At most 600 characters, plain text. Use comments to ask for clarification or suggest improvements; to answer, write an answer.
qa-comment-submit = Publish the comment
qa-answers-none = Nobody has answered this question yet.
qa-answer-title = Answer by { $name }
qa-accepted-badge = Accepted answer
qa-expert-answer-badge = Answer from an expert
qa-accept-submit = Accept this answer
qa-unaccept-submit = Withdraw the acceptance
qa-your-answer-title = Your answer
qa-field-answer = Text of the answer
qa-field-answer-help = Answer concretely, citing rules, documents or experience. You can use Markdown: **bold**, *italics*, lists and links.
qa-answer-submit = Publish the answer
qa-answers-closed = The question is closed: no new answers can be added.
qa-answer-login-intro = Want to answer?
qa-answer-login-link = Sign in to take part
qa-answer-pending = You will be able to answer once your membership request is approved.
qa-answer-not-allowed = Your account cannot answer this question.

## Tags (qa/tags.html, qa/tag.html)

qa-tags-title = Tags
qa-tags-intro = Tags describe the topics of the questions. Choose a tag to see the questions that use it and who answers most often.
qa-tags-empty = There are no tags yet.
qa-tag-create-title = Create a tag
qa-tag-create-intro = Only moderators create tags, so that the community's vocabulary stays tidy.
qa-field-tag-name = Name
qa-field-tag-name-help = Lower-case words joined by hyphens, at most 40 characters. For example: innovation-procurement.
qa-field-tag-description = Description
qa-field-tag-description-help = Optional, at most 300 characters: explain when to use the tag.
qa-tag-create-submit = Create the tag
qa-tag-title = Tag { $name }
qa-tag-empty = There are no questions with this tag yet.
qa-top-answerers-title = Who answers most
qa-top-answerers-empty = Nobody has answered the questions with this tag yet.

## Service messages (used by the Rust code)

qa-title-too-short = The title must be at least 10 characters long: phrase a specific question.
qa-tags-count = Give 1 to 5 tags.
qa-tag-unknown = One or more tags do not exist: choose among the available tags.
qa-audience-invalid = Choose from the list who can read the question.
qa-question-closed = The question is closed and does not accept new answers.
qa-vote-invalid = Invalid vote.
qa-vote-own-post = You cannot vote on your own posts.
qa-vote-none = There is no vote to withdraw.
qa-vote-already = You have already cast this vote.
qa-vote-changed = The vote changed in the meantime: reload the page and try again.
qa-accept-not-allowed = Only the person who asked the question or a moderator can accept an answer.
qa-tag-name-invalid = A tag name may contain only letters, digits, full stops and hyphens.
qa-tag-exists = A tag with this name already exists.
qa-tag-created = Tag created.

## Editing questions and answers (qa/edit.html; links in qa/question.html)

qa-edit-question-title = Edit the question
qa-edit-answer-title = Edit the answer
qa-answer-to-label = Answer to the question:
qa-edit-intro = Every edit is kept in the history, visible to whoever can read the question. Use edits to correct, clarify or update the text without changing its meaning.
qa-field-summary = Describe the edit
qa-field-summary-help = Optional, at most 200 characters. For example: corrected the reference to the decree.
qa-edit-submit = Save the edit
qa-edit-cancel = Cancel
qa-edit-link = Edit
qa-edit-link-question-context = the question
qa-edit-link-answer-context = the answer by { $name }
qa-history-link = History
qa-history-link-question-context = of the question
qa-history-link-answer-context = of the answer by { $name }
qa-edit-count =
    { $count ->
        [one] edited once
       *[other] edited { $count } times
    }

## Edit history (qa/history.html)

qa-history-question-title = History of the question
qa-history-answer-title = History of the answer
qa-history-intro = Each revision shows what changed since the previous one; the most recent is at the top.
qa-revisions-count =
    { $count ->
        [one] One revision in all.
       *[other] { $count } revisions in all.
    }
qa-diff-legend-title = How to read the changes
qa-diff-legend-ins-sample = Added text
qa-diff-legend-ins = underlined, on a green background
qa-diff-legend-del-sample = Removed text
qa-diff-legend-del = struck through, on a red background
qa-diff-legend-equal = Text without marks stayed the same.
qa-diff-ins-start = start of added text
qa-diff-ins-end = end of added text
qa-diff-del-start = start of removed text
qa-diff-del-end = end of removed text
qa-revision-title = Revision { $number }
qa-revision-original = original
qa-revision-original-by = Written by
qa-revision-edit-by = Edited by
qa-revision-author-unknown = an account no longer active
qa-revision-summary-label = Edit description:
qa-revision-summary-none = No description of the edit.
qa-revision-body-label = Text
qa-revision-body-unchanged = Text unchanged.
qa-history-back = Back to the question

## Closing and reopening (qa/question.html, moderators only)

qa-close-title = Close the question
qa-close-reason-legend = Reason for closing
qa-close-reason-duplicate = Duplicate of another question
qa-close-reason-off-topic = Off topic
qa-field-duplicate-of = Address or identifier of the original question
qa-field-duplicate-of-help = Required for duplicates: paste the address of the original question or type its number.
qa-field-close-note = Reason
qa-field-close-note-help = Explain why the question is being closed: the reason appears above the question.
qa-close-submit = Close
qa-reopen-submit = Reopen the question

## Edit and close messages (used by the Rust code)

qa-edit-not-allowed = You can only edit your own contributions, unless you are a moderator.
qa-summary-too-long = The edit description can have at most 200 characters.
qa-close-reason-invalid = Choose the reason for closing.
qa-duplicate-required = Indicate the original question.
qa-duplicate-invalid = The original question does not exist or is not visible.
qa-duplicate-self = A question cannot be a duplicate of itself.
qa-already-closed = The question is already closed.
qa-not-closed = The question is not closed.
qa-question-closed-done = Question closed.
qa-question-reopened = Question reopened.
qa-edit-saved = Edit saved.

## Reputation (qa/reputation.html; points next to authors in qa/question.html)

qa-rep-title = How reputation works
qa-rep-breadcrumb = Reputation
qa-rep-link = How reputation works
qa-rep-lead = Reputation is a number that sums up how useful a person's questions and answers have been to the other members of the community.
qa-rep-earn-title = How points are earned
qa-rep-earn-text = Points come from the votes your questions and answers receive, and from your answers that the person who asked chooses as the accepted answer. A vote down takes away a few points.
qa-rep-table-caption = Points for each action
qa-rep-col-action = Action
qa-rep-col-points = Points
qa-rep-rule-upvote-answer = One of your answers receives a vote up
qa-rep-rule-upvote-question = One of your questions receives a vote up
qa-rep-rule-accepted = One of your answers is accepted
qa-rep-rule-downvote = One of your questions or answers receives a vote down
qa-rep-limits-title = What earns no points
qa-rep-limit-self-accept = If you accept an answer you wrote yourself to your own question, you earn no points.
qa-rep-limit-self-vote = You cannot vote on your own questions and answers: points come only from others.
qa-rep-where-title = Where it is shown
qa-rep-where-text = Reputation appears on every member's profile and next to the name of whoever writes questions and answers.
qa-rep-meaning-title = What it means
qa-rep-meaning-text = Reputation is a sign of how helpful a person has been to others, not a rank of authority: having more points does not make someone more right. Read every answer for what it says.
qa-rep-experts-text = The community's experts are marked by their role, with the "Expert" label, not by points: one can be an expert with few points.
qa-rep-back = Back to the questions
qa-rep-author-label = reputation
qa-rep-points =
    { $count ->
        [one] { $count } point
       *[other] { $count } points
    }

## Ask an expert (qa/question.html)

qa-experts-title = Ask an expert
qa-experts-intro = Community experts whose expertise matches the tags of this question.
qa-expert-matching = Expertise: { $areas }
qa-expert-invite-submit = Invite to answer
qa-expert-invited-badge = Invited

## Renaming and merging tags (qa/tags.html, moderators only)

qa-tag-choose = Choose a tag
qa-tag-rename-title = Rename a tag
qa-tag-rename-intro = The questions that use the tag take the new name.
qa-field-tag-rename-from = Tag to rename
qa-field-tag-new-name = New name
qa-tag-rename-submit = Rename the tag
qa-tag-merge-title = Merge two tags
qa-tag-merge-help = The questions of the first tag move to the second; the first tag is deleted.
qa-field-tag-merge-from = First tag, to be deleted
qa-field-tag-merge-into = Second tag, which remains
qa-tag-merge-submit = Merge the tags
qa-tag-merge-confirm = Merge the two tags? The first tag will be deleted and this cannot be undone.

## Expert, tag, reputation and activity messages (used by the Rust code)

qa-expert-invited = Invitation sent: the expert will see it among their notifications.
qa-expert-already-invited = This expert has already been invited to answer.
qa-expert-invalid = This person is not a community expert.
qa-invite-not-allowed = Only the person who asked the question or a moderator can invite experts.
qa-tag-renamed = Tag renamed.
qa-tag-merged = Tags merged: the questions of the first tag now use the second.
qa-tag-merge-same = Choose two different tags.
qa-rep-points-label = Reputation
qa-activity-questions = Questions
qa-activity-answers = Answers
qa-activity-accepted = Accepted answers

## Home page block
home-qa-title = Recent questions
home-qa-empty = No questions yet: be the first to ask.
home-qa-all = All questions
home-qa-unanswered =
    { $count ->
        [one] { $count } unanswered question
       *[other] { $count } unanswered questions
    }

## Home block: questions waiting for the member's expertise
home-qa-expertise-title = Waiting for your expertise
home-qa-expertise-areas = Your areas of expertise:
home-qa-expertise-empty = No unanswered questions in your areas for now.
home-qa-expertise-no-areas = Add your areas of expertise to your profile: unanswered questions about them will show here.
home-qa-expertise-declare = Add your expertise
home-qa-expertise-all = All unanswered questions

## Expert routing: the moderators' queue (/qa/moderazione/in-attesa)
qa-queue-title = Questions waiting for experts
qa-queue-link = Questions waiting for experts
qa-queue-intro = Open questions still without answers after the platform invited experts. A question without answers after { $hours ->
        [one] one hour
       *[other] { $hours } hours
    } invites up to { $experts ->
        [one] one expert
       *[other] { $experts } experts
    } whose expertise matches its tags (invitations made by hand count too). You can invite more experts.
qa-queue-routing-off = Automatic expert invitations are turned off: questions routed earlier stay here.
qa-queue-count =
    { $count ->
        [0] No questions waiting
        [one] { $count } question waiting
       *[other] { $count } questions waiting
    }
qa-queue-count-many = At least { $count } questions waiting
qa-queue-asked = Asked on
qa-queue-routed = experts sought on
qa-queue-invited-title = Experts invited
qa-queue-invited-by = invited by { $name }
qa-queue-invited-by-platform = invited by the platform
qa-queue-invited-none = No expert invited yet.
qa-queue-suggestions-title = Other experts to invite
qa-queue-suggestions-none = No other expert with matching expertise can answer.
qa-queue-empty = No questions waiting: every routed question has an answer or is closed.
qa-expert-no-access = This expert cannot read the question (for example, they are not in the working group).
