# Freshness of knowledge: review owner and review-by date of wiki pages and accepted answers,
# the list of content to review. Every key has the review- prefix and a twin in it/review.ftl.

## Messages after an action

review-saved = The review owner and date have been saved.
review-removed = The scheduled review has been removed.
review-marked = Marked as reviewed: the next review has been scheduled.

## Errors

review-owner-required = Enter the username of the review owner.
review-owner-unknown = There is no account with this username.
review-owner-not-member = The owner must be an active member of the community.
review-owner-cannot-read = The owner must be able to read this content.
review-date-required = Enter the date by which the content should be reviewed.
review-date-invalid = Write the date as dd/mm/yyyy, for example 31/03/2027.
review-date-past = The review date must be after today.
review-date-too-far = The review date can be at most five years from now.
review-not-owner = Only the review owner can mark the content as reviewed.
review-not-allowed = The review of an answer can be set by the person who asked the question, the answer's author and moderators.
review-answer-not-accepted = Only an accepted answer can have a review owner and date.

## Notices to readers

review-due-prefix = To be reviewed:
review-due-text = review was due by { $date }
review-planned-text = Review due by { $date }
review-owner-label = owner
review-no-owner = no owner
review-last-reviewed = Last reviewed:

## Forms

review-settings-add = Schedule a review
review-settings-change = Review owner and date
review-field-owner = Owner (username)
review-field-owner-help = A member of the community who can read this content: they will be told when the review is due.
review-field-date = Review by
review-field-date-help = A future date, at most five years from now (dd/mm/yyyy).
review-save-submit = Save the review
review-remove-submit = Remove the review
review-mark-submit = Mark as reviewed
review-mark-inline-help = The next review will be in 12 months.
review-mark-other-date-link = Choose another date
review-mark-title = Mark as reviewed
review-field-next = Next review by
review-field-next-help = Leave empty for 12 months from today.
review-form-title = Review of “{ $title }”
review-form-crumb = Review
review-form-intro-page = Whoever can edit the page chooses its owner and the date by which to review it; the owner marks it as reviewed.
review-form-intro-answer = The person who asked the question, the answer's author and moderators choose the owner of the accepted answer and the date by which to review it; the owner marks it as reviewed.
review-not-accepted-note = This answer is no longer the accepted one: its review stays recorded but is neither shown nor reminded.
review-none = No review is scheduled.
review-back-page = Back to the page
review-back-answer = Back to the answer

## Lists

review-list-title = Content to review
review-mine-title = My reviews
review-list-intro = Wiki pages and accepted answers whose review is overdue or due within { $days } days, most urgent first.
review-mine-intro = The pages and answers you own, nearest review first.
review-tabs-label = Which content
review-tab-all = All due
review-tab-mine = Owned by me
review-kind-page = Wiki page
review-kind-answer = Accepted answer
review-item-due = To be reviewed: due by { $date }
review-item-planned = Due by { $date }
review-list-empty = Nothing to review for now.
review-mine-empty = You own the review of no content.
