## Questionnaires (prassi-polls, questionnaires)
search-kind-questionnaire = Questionnaire

questionnaires-title = Questionnaires
questionnaires-intro = The community's internal surveys: sections of questions each member answers once, with results analysed and published.
questionnaires-new-link = New questionnaire
questionnaires-new-title = New questionnaire
questionnaires-tabs-label = Questionnaires
questionnaires-tab-all = All
questionnaires-tab-open = Open
questionnaires-tab-closed = Closed
questionnaires-empty = No questionnaires.
questionnaires-state-upcoming = Not open yet
questionnaires-state-open = Open
questionnaires-state-closed = Closed
questionnaires-anonymous-badge = Anonymous
questionnaires-named-badge = Named
questionnaires-published-badge = Results published
questionnaires-unpublished-badge = Results not published yet
questionnaires-responses-count = { $count ->
    [one] 1 response
   *[other] { $count } responses
}
questionnaires-questions-count = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
questionnaires-answered-count = { $count ->
    [one] 1 person answered
   *[other] { $count } people answered
}
questionnaires-opens-on = opens on
questionnaires-closes-on = closes on
questionnaires-closed-on = closed on
questionnaires-audience-members = Community members
questionnaires-audience-public = Public (answered by registered users)
questionnaires-audience-group = A working group
questionnaires-audience-line-public = Public questionnaire: answered by anyone with an account
questionnaires-audience-line-members = For community members
questionnaires-audience-line-group = For the working group's members
questionnaires-kind-single = Single choice
questionnaires-kind-multiple = Multiple choice
questionnaires-kind-short_text = Short text
questionnaires-kind-long_text = Long text
questionnaires-kind-scale = Scale
questionnaires-kind-date = Date
questionnaires-kind-matrix = Grid of choices

# Answering
questionnaires-notice-anonymous-title = Anonymous questionnaire.
questionnaires-notice-anonymous = Your answers will never be shown or exported with your name, not even to the questionnaire's organisers. The platform records that you answered, so that you answer once and can come back to your draft; whoever administers the database could technically link answers to the people who gave them.
questionnaires-notice-named-title = Named questionnaire.
questionnaires-notice-named = The questionnaire's organisers will see your answers with your name and may export them.
questionnaires-notice-edit = You can save a draft and, once submitted, change your answers until the questionnaire closes.
questionnaires-notice-no-edit = You can save a draft and come back to it; once submitted, answers cannot be changed.
questionnaires-required-help = Questions marked as required must be answered to submit; a draft can be saved at any time.
questionnaires-help-multiple = Choose from { $min } to { $max } options.
questionnaires-submit = Submit your answers
questionnaires-update-submit = Update your answers
questionnaires-save-draft = Save draft
questionnaires-you-submitted = You submitted your answers on
questionnaires-you-may-edit = You can change them until the questionnaire closes.
questionnaires-you-have-draft = You have a saved draft: complete it and submit it before the questionnaire closes.
questionnaires-draft-not-sent = Your draft was not submitted.
questionnaires-closed-note = The questionnaire is closed.
questionnaires-upcoming-note = The questionnaire is not open yet.
questionnaires-sign-in = Sign in to answer
questionnaires-not-eligible-note = You cannot answer this questionnaire: it is for its audience only.
questionnaires-no-edit-note = In this questionnaire submitted answers cannot be changed.
questionnaires-draft-saved = Draft saved.
questionnaires-submitted = Answers submitted: thank you!
questionnaires-updated = Your answers were updated.
questionnaires-see-results = See the results

# Managing
questionnaires-manage-title = Managing the questionnaire
questionnaires-manage-help = Organisers always see the results; publishing them shows them to the questionnaire's whole audience.
questionnaires-export-csv = Export responses (CSV)
questionnaires-export-json = Export responses (JSON)
questionnaires-publish = Publish the results
questionnaires-unpublish = Withdraw the results
questionnaires-close-submit = Close the questionnaire now
questionnaires-closed-now = The questionnaire is closed.
questionnaires-results-published = The results are published.
questionnaires-results-withdrawn = The results are no longer public.
questionnaires-created = Questionnaire created.

# Results
questionnaires-results-title = Results
questionnaires-results-partial = Partial results: the questionnaire is not closed yet.
questionnaires-results-caption = Answers per option
questionnaires-results-caption-scale = Answers per value
questionnaires-results-caption-matrix = Answers per row and column
questionnaires-results-note-multiple = Each person could choose several options: shares are of those who answered and may add up to more than 100%.
questionnaires-col-option = Option
questionnaires-col-value = Value
questionnaires-col-count = Answers
questionnaires-col-share = Share
questionnaires-col-chart = Chart
questionnaires-col-row-total = Total
questionnaires-average = Average:
questionnaires-texts-all = All answers ({ $count })
questionnaires-texts-none = No answers.
questionnaires-texts-order = in alphabetical order

# Builder
questionnaires-field-title = Title
questionnaires-field-description = Description
questionnaires-field-description-help = What the questionnaire is for and how the answers will be used (Markdown).
questionnaires-field-opens = Opens
questionnaires-field-opens-help = Date and time (Rome); empty: now.
questionnaires-field-closes = Closes
questionnaires-field-closes-help = Optional: after it opens.
questionnaires-field-audience = Who answers
questionnaires-field-audience-help = A public questionnaire can be read by everyone once the community is open, but only people with an account answer.
questionnaires-field-group = Working group
questionnaires-field-group-help = The group's short address (for a group's questionnaires).
questionnaires-field-anonymous = Anonymous answers
questionnaires-field-anonymous-help = Answers will never be shown or exported with the respondent's name; respondents read this before they start.
questionnaires-field-allow-edit = Answers may be changed until closing
questionnaires-field-allow-edit-help = Those who submitted may change their answers while the questionnaire is open.
questionnaires-sections-title = Sections and questions
questionnaires-sections-help = At least one section with at least one question. Questions left empty are not created. For each kind fill in its fields: options for choices, minimum and maximum for multiple choice, scale and labels for a scale, rows and columns for a grid.
questionnaires-section-n = Section { $number }
questionnaires-question-n = Question { $section }.{ $number }
questionnaires-field-section-title = Section title
questionnaires-field-section-intro = Section introduction (optional)
questionnaires-field-kind = Kind of question
questionnaires-field-question = Question
questionnaires-field-help = Help (optional)
questionnaires-field-required = Answer required
questionnaires-field-options = Options
questionnaires-field-options-help = Single or multiple choice: 2 to 30 options, one per line.
questionnaires-field-min = Fewest choices
questionnaires-field-max = Most choices
questionnaires-field-minmax-help = Multiple choice only; empty: from 1 to all.
questionnaires-field-scale = Scale
questionnaires-field-scale-help = Scale only: 1 to 5 or 1 to 10.
questionnaires-field-scale-min-label = Label of 1
questionnaires-field-scale-max-label = Label of the highest value
questionnaires-field-rows = Grid rows
questionnaires-field-rows-help = Grid only: the rows one per line, then the columns (at least 2) to choose from in each row.
questionnaires-field-columns = Grid columns
questionnaires-add-question = Add a question to section { $section }
questionnaires-add-section = Add a section
questionnaires-create-submit = Create the questionnaire

# Errors
questionnaires-create-not-allowed = Moderators, administrators and working-group coordinators create questionnaires.
questionnaires-organisers-only = Only the questionnaire's organisers may do this.
questionnaires-group-coordinators = Coordinators create questionnaires for their own group only: name the group.
questionnaires-group-unknown = No group of yours has this address.
questionnaires-group-required = Name the working group.
questionnaires-audience-invalid = Choose who answers.
questionnaires-sections-missing = Add at least one section with a question.
questionnaires-sections-too-many = At most 20 sections.
questionnaires-questions-too-many = At most 100 questions in all.
questionnaires-questions-missing = Add at least one question to this section.
questionnaires-kind-required = Choose the kind of question.
questionnaires-kind-invalid = Unknown kind of question.
questionnaires-options-missing = Write the options, one per line.
questionnaires-options-too-few = At least 2 options are needed (for a grid's rows, at least 1).
questionnaires-options-too-many = At most 30 options.
questionnaires-option-empty = An option is empty: remove the empty lines.
questionnaires-option-duplicate = Two options are the same.
questionnaires-choices-invalid = Write a whole number from 1 up.
questionnaires-min-above-max = The minimum is above the maximum.
questionnaires-max-above-options = The maximum is above the number of options.
questionnaires-min-above-options = The minimum is above the number of options.
questionnaires-scale-invalid = The scale is 1 to 5 or 1 to 10.
questionnaires-date-time-invalid = Write date and time as 2027-03-15T18:00.
questionnaires-close-in-past = The closing date has passed.
questionnaires-close-before-open = The closing date must come after the opening.
questionnaires-not-eligible = You cannot answer this questionnaire.
questionnaires-not-open-yet = The questionnaire is not open yet.
questionnaires-closed = The questionnaire is closed: answers can no longer be saved.
questionnaires-already-closed = The questionnaire is already closed.
questionnaires-already-responded = You already submitted your answers and they cannot be changed in this questionnaire.
questionnaires-already-submitted = Your answers are already submitted: they cannot go back to a draft.
questionnaires-results-not-published = The results are not published yet.
questionnaires-question-unknown = An answer refers to a question that is not in this questionnaire.
questionnaires-answer-invalid = This answer is not in the expected form.
questionnaires-answer-required = Answer this question: it is required.
questionnaires-option-unknown = Choose among the options offered.
questionnaires-choice-repeated = The same option is chosen twice.
questionnaires-choose-one = Choose one option only.
questionnaires-too-few-choices = Choose more options.
questionnaires-too-many-choices = You chose too many options.
questionnaires-scale-out-of-range = Choose a value of the scale.
questionnaires-date-invalid = Write the date as 2027-03-15.
questionnaires-matrix-incomplete = Choose an answer for every row.
home-module-questionnaires-title = Questionnaires
home-module-questionnaires-description = Structured surveys of the community, with drafts, published results and exports.
