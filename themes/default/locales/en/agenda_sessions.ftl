## Agenda: question time, feedback and certificate of attendance (prassi-agenda, session)

agenda-q-title = Question time
agenda-q-question-title = Question for question time
agenda-q-intro = Send your questions before or during the meeting and support other people's: the organisers answer the most supported ones during question time.
agenda-q-count = { $count ->
    [0] No questions so far.
    [one] One question so far.
   *[other] { $count } questions so far.
}
agenda-q-new-title = Ask a question
agenda-q-field-body = Your question
agenda-q-field-body-help = At most 1,000 characters. Your name will be shown next to the question.
agenda-q-submit = Send the question
agenda-q-ended = The meeting has ended: questions can no longer be sent or supported.
agenda-q-sign-in = Sign in to send questions and support other people's
agenda-q-register-to-ask = Registered participants and the organisers may send and support questions.
agenda-q-registration-link = Go to registration
agenda-q-open-title = { $count ->
    [one] One question waiting for an answer
   *[other] Questions waiting for an answer ({ $count })
}
agenda-q-open-empty = No questions waiting for an answer.
agenda-q-answered-title = { $count ->
    [one] One answered question
   *[other] Answered questions ({ $count })
}
agenda-q-answered-empty = No question has been answered yet.
agenda-q-hidden-title = { $count ->
    [one] One hidden question (only organisers see it)
   *[other] Hidden questions, only organisers see them ({ $count })
}
agenda-q-hidden-empty = No hidden questions.
agenda-q-author-gone = Author no longer a member
agenda-q-position-label = position { $position }
agenda-q-supports = { $count ->
    [0] No support.
    [one] 1 supporter.
   *[other] { $count } supporters.
}
agenda-q-you-support = You support this question.
agenda-q-support-submit = Support
agenda-q-number-context = (question { $number })
agenda-q-answered-context = (answered question { $number })
agenda-q-hidden-context = (hidden question { $number })
agenda-q-open-link = Open the question
agenda-q-back-to-list = All questions of “{ $title }”
agenda-q-status-open = Waiting for an answer
agenda-q-status-answered = Answered
agenda-q-status-hidden = Hidden
agenda-q-answer-heading = The organisers' answer
agenda-q-answer-link = Answer
agenda-q-manage-title = For the organisers
agenda-q-field-position = Position
agenda-q-field-position-help = The order of question time: 1 for the first question. Leave empty to follow the supports.
agenda-q-position-submit = Save the position
agenda-q-field-answer = Answer
agenda-q-field-answer-help = Record the answer given during question time. You may use Markdown; at most 10,000 characters.
agenda-q-answer-submit = Record the answer
agenda-q-answer-change-submit = Change the answer
agenda-q-hide-submit = Hide
agenda-q-show-submit = Show again
agenda-q-in-qa-title = Move to Q&A
agenda-q-in-qa-intro = The question becomes a Q&A question with the meeting's audience, asked by its author (or by you, if they are no longer a member); the recorded answer is posted under your name and accepted.
agenda-q-field-qa-title = Title of the Q&A question
agenda-q-field-qa-title-help = 10 to 150 characters.
agenda-q-field-qa-tags = Tags
agenda-q-field-qa-tags-help = 1 to 5 existing tags, separated by commas.
agenda-q-in-qa-submit = Publish in Q&A
agenda-q-in-qa-link = The question in Q&A
agenda-q-qa-note = _Question asked during the meeting [{ $title }]({ $url })._
agenda-q-sent = Question sent.
agenda-q-supported = You support the question.
agenda-q-unsupported = You withdrew your support.
agenda-q-answered = Answer recorded.
agenda-q-position-saved = Position saved.
agenda-q-hidden-done = Question hidden.
agenda-q-shown-done = The question is visible again.
agenda-q-in-qa-done = The question was published in Q&A with its accepted answer.
agenda-q-not-participant = Only registered participants and the organisers may send and support questions.
agenda-q-closed = The meeting has ended or was cancelled: questions can no longer be sent.
agenda-q-support-own = You cannot support your own question.
agenda-q-support-closed = Only questions waiting for an answer can be supported, until the meeting ends.
agenda-q-hidden = The question is hidden: show it again before answering.
agenda-q-position-invalid = Give the position as a whole number from 1 to 9999, or leave it empty.
agenda-q-already-in-qa = This question has already been published in Q&A.
agenda-q-not-answered = Only answered questions can be published in Q&A.

agenda-fb-title = Feedback
agenda-fb-summary-title = Participants' rating
agenda-fb-summary-line = { $count ->
    [one] 1 participant gave feedback, rating the meeting { $average } out of 5.
   *[other] { $count } participants gave feedback, with an average rating of { $average } out of 5.
}
agenda-fb-none = No feedback so far.
agenda-fb-distribution-title = Distribution of ratings
agenda-fb-col-rating = Rating
agenda-fb-col-count = Answers
agenda-fb-col-percent = Share
agenda-fb-comments-title = { $count ->
    [one] One comment
   *[other] Comments ({ $count })
}
agenda-fb-comments-note = Comments are shown without names, so that participants can write freely.
agenda-fb-comments-empty = No comments.
agenda-fb-comment-rating = Rated { $rating } out of 5
agenda-fb-give-title = Your feedback
agenda-fb-change-title = Your feedback (you may change it)
agenda-fb-field-rating = How do you rate the meeting?
agenda-fb-field-rating-help = From 1 (not at all satisfied) to 5 (very satisfied).
agenda-fb-rating-1 = 1 – Not at all satisfied
agenda-fb-rating-2 = 2 – Slightly satisfied
agenda-fb-rating-3 = 3 – Fairly satisfied
agenda-fb-rating-4 = 4 – Satisfied
agenda-fb-rating-5 = 5 – Very satisfied
agenda-fb-field-comment = Comment
agenda-fb-field-comment-help = Optional, at most 2,000 characters. The organisers read it without your name.
agenda-fb-submit = Send feedback
agenda-fb-change-submit = Update feedback
agenda-fb-not-yet-note = You can give your feedback once the meeting has ended.
agenda-fb-cancelled-note = The meeting was cancelled: no feedback is collected.
agenda-fb-sign-in = Sign in to give your feedback
agenda-fb-attendees-only = Feedback is for those who attended the meeting.
agenda-fb-certificate-link = Download the certificate of attendance
agenda-fb-saved = Thank you: your feedback was recorded.
agenda-fb-not-attendee = Feedback is for those who attended the meeting.
agenda-fb-not-yet = Feedback can be given only once the meeting has ended.
agenda-fb-rating-invalid = Choose a rating from 1 to 5.

agenda-cert-title = Certificate of attendance
agenda-cert-print-hint = To save the certificate as PDF or print it, use your browser's Print command (Ctrl+P, or Cmd+P on a Mac) and choose “Save as PDF”.
agenda-cert-heading = Certificate of attendance
agenda-cert-intro = This is to certify that
agenda-cert-attended = attended the meeting
agenda-cert-date = Date
agenda-cert-hours = Time
agenda-cert-hours-line = from { $start } to { $end }
agenda-cert-duration = Duration
agenda-cert-duration-value = { $tenths ->
    [10] 1 hour
   *[other] { $hours } hours
}
agenda-cert-format = Format
agenda-cert-organisers = Organised by
agenda-cert-issued = Issued on { $date } by { $site }.
agenda-cert-code = Certificate code: { $code }
agenda-cert-not-attendee = The certificate is for those who attended the meeting.
agenda-cert-not-yet = The certificate is available from the start of the meeting.
