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
