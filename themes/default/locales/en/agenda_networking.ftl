## Agenda: networking tables and report (prassi-agenda, session/networking.rs and session/report.rs)

## Networking tables
agenda-tb-title = Networking tables
agenda-tb-intro = At the tables people from different administrations meet to work on a topic, with a facilitator who gathers the outcomes. Registered participants may choose a table; the organisers may seat everyone who has not chosen yet, mixing organisations.
agenda-tb-none = This event has no tables yet.
agenda-tb-table-heading = Table { $number }: { $topic }
agenda-tb-facilitator = Facilitator
agenda-tb-no-facilitator = To be decided
agenda-tb-seats = Seats
agenda-tb-seats-line = { $left ->
    [one] 1 seat left
   *[other] { $left } seats left
} of { $seats }
agenda-tb-seats-unlimited = { $count ->
    [one] 1 person, no seat limit
   *[other] { $count } people, no seat limit
}
agenda-tb-people = Who sits here
agenda-tb-nobody = Nobody yet.
agenda-tb-how-assigned = assigned
agenda-tb-your-table = Your table: { $topic }.
agenda-tb-your-table-link = Go to the table
agenda-tb-no-table-yet = You have no table yet: choose one below.
agenda-tb-you-sit-here = You sit at this table.
agenda-tb-choose-submit = Choose this table
agenda-tb-move-submit = Move to this table
agenda-tb-full = This table is full.
agenda-tb-outcomes = Outcomes
agenda-tb-outcomes-write-link = Write the outcomes
agenda-tb-outcomes-edit-link = Edit the outcomes
agenda-tb-back-to-event = Back to the event
agenda-tb-organisers-title = For the organisers
agenda-tb-assign-title = Automatic assignment
agenda-tb-unseated = { $count ->
    [0] Every participant has a table.
    [one] 1 participant has no table yet.
   *[other] { $count } participants have no table yet.
}
agenda-tb-assign-help = The assignment seats everyone without a table, in order of registration while seats last, avoiding two people of the same organisation at one table whenever possible. Those who have a table keep it.
agenda-tb-assign-submit = Assign the tables
agenda-tb-define-title = Define the tables
agenda-tb-field-definitions = Tables
agenda-tb-field-definitions-help = One table per line: topic | @facilitator | seats (facilitator and seats are optional; without seats there is no limit). A table is known by its topic: remove it and those sitting there are left without a table.
agenda-tb-define-submit = Save the tables
agenda-tb-outcomes-title = Outcomes of the table “{ $topic }”
agenda-tb-outcomes-intro = Write what came out of the table: proposals, practices mentioned, contacts to follow up. The outcomes appear in the event's report.
agenda-tb-field-outcomes = Outcomes
agenda-tb-field-outcomes-help = Markdown, at most 20,000 characters. Leave empty to clear them.
agenda-tb-outcomes-submit = Save the outcomes
agenda-tb-back = Back to the tables

# Form outcomes
agenda-tb-saved = Tables saved.
agenda-tb-saved-unseated = Tables saved. Those who sat at the removed tables no longer have a table.
agenda-tb-assigned = Tables assigned: every participant has a table.
agenda-tb-assigned-some-left = Tables assigned while seats lasted: some participants are left without a table.
agenda-tb-chosen = Here is your table.
agenda-tb-outcomes-saved = Outcomes saved.

# Errors
agenda-tb-line-error = Line { $line }: { $problem }
agenda-tb-line-invalid = too many parts separated by “|”: write topic | @facilitator | seats.
agenda-tb-topic-missing = the topic is missing.
agenda-tb-topic-too-long = the topic is longer than 200 characters.
agenda-tb-topic-bad-characters = the topic holds characters that are not allowed.
agenda-tb-topic-duplicate = this topic is already on another line.
agenda-tb-facilitator-unknown = the facilitator is not an active member: write their username, e.g. @mario.rossi.
agenda-tb-facilitator-outside = the facilitator is not a member of the event's working group.
agenda-tb-seats-invalid = seats must be a whole number from 1 to 10,000.
agenda-tb-seats-below-seated = fewer seats than the people already sitting at this table.
agenda-tb-too-many = At most 50 tables per event.
agenda-tb-not-registered = Only participants registered with a seat may choose a table.
agenda-tb-event-cancelled = The event was cancelled.
agenda-tb-table-full = This table is full: choose another one.

## Report
agenda-rp-title = Report
agenda-rp-heading = Report: { $title }
agenda-rp-event-link = The event's page
agenda-rp-publication-title = Publication in the wiki
agenda-rp-published-at = Published in the wiki (revision { $revision }):
agenda-rp-not-published = The report has not been published in the wiki yet.
agenda-rp-publish-help = Publishing creates a wiki page with this report, seen by whoever sees the event, crediting those who organised and facilitated the tables. Publishing again updates the same page with a new revision.
agenda-rp-publish-submit = Publish in the wiki
agenda-rp-republish-submit = Update the wiki page
agenda-rp-programme = Programme
agenda-rp-no-programme = No programme was given.
agenda-rp-questions = Questions answered
agenda-rp-no-questions = No question has been answered yet.
agenda-rp-tables = Outcomes of the tables
agenda-rp-no-tables = The event has no networking tables.
agenda-rp-no-outcomes = The facilitator has not written the outcomes yet.
agenda-rp-feedback = Feedback
agenda-rp-feedback-line = { $count ->
    [one] 1 rating
   *[other] { $count } ratings
}, average { $average } out of 5.
agenda-rp-no-feedback = No feedback received.
agenda-rp-organised-by = Organised by
agenda-rp-facilitated-by = Tables facilitated by
agenda-rp-published = Report published in the wiki.
agenda-rp-republished = The report's wiki page was updated.
agenda-rp-too-long = The report is too long for a wiki page: shorten the tables' outcomes or the answers.
agenda-rp-title-taken = Every possible title for the report's page is already used in the wiki.
agenda-rp-publish-conflict = The report's page was changed meanwhile: try again.
agenda-rp-draft = The event is a draft: publish it before publishing its report in the wiki.

# The wiki page's text (always in the site's language; these are used only if it is English)
agenda-rp-page-title = Report: { $title }
agenda-rp-summary = Report of the event “{ $title }”
agenda-rp-category = Reports
agenda-rp-md-event = Event
agenda-rp-md-programme = Programme
agenda-rp-md-questions = Questions and answers
agenda-rp-md-tables = Networking tables
agenda-rp-md-facilitator = Facilitator
agenda-rp-md-no-outcomes = No outcomes recorded.
agenda-rp-md-feedback-title = Feedback
agenda-rp-md-feedback = { $count ->
    [one] 1 rating
   *[other] { $count } ratings
}, average { $average } out of 5.
agenda-rp-md-no-feedback = No feedback received.
agenda-rp-md-credits = Credits
agenda-rp-md-organised-by = organised by
agenda-rp-md-facilitated-by = tables facilitated by
agenda-rp-md-back-link = The event in the agenda
