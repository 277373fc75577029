## Notifications (prassi-notifications)
notifications-title = Notifications
notifications-unread-count = { $count ->
    [0] No unread notifications.
    [one] One unread notification.
   *[other] { $count } unread notifications.
}
notifications-show-all = Show all
notifications-show-unread = Show unread only
notifications-settings-link = Notification settings
notifications-mark-all-read = Mark all as read
notifications-all-read-done = Every notification is marked as read.
notifications-mark-read = Mark as read
notifications-new = New
notifications-someone = The community
notifications-empty = No notifications yet.
notifications-older = Older notifications
notifications-settings-title = Notification settings
notifications-settings-intro = Choose how each kind of notification reaches you: in the platform only, also by email at once, also in the periodic digest, or not at all.
notifications-settings-save = Save settings
notifications-settings-saved = Notification settings saved.
notifications-settings-feeds = Prefer a feed reader?
notifications-settings-feeds-link = The community's Atom feeds
notifications-channel-web = In the platform only
notifications-channel-email = Also by email, at once
notifications-channel-digest = Also in the digest
notifications-channel-off = Never
notifications-kind-unknown = Unknown kind of notification.
notifications-channel-unknown = Choose one of the options offered.
notifications-watch-kind-unknown = This item cannot be followed.
notifications-watch-level-unknown = Choose watching, normal or muted.
notifications-watch-saved = Notification preference saved.
notifications-unsubscribe-title = Stop these emails
notifications-unsubscribe-intro = Do you want to stop receiving this kind of notification by email? You will still see them in the platform.
notifications-unsubscribe-confirm = Stop sending me these emails
notifications-unsubscribe-done = Done: you will no longer get emails for this kind of notification. You can change your mind in the settings.
mail-notify-why = You get this email because you take part in { $site }.
mail-notify-settings = Choose which notifications you get:
mail-notify-unsubscribe = Stop emails of this kind:

## One line per kind: what happened (actor: who did it)
notif-accounts-member-approved = Your membership request was approved
notif-accounts-role-changed = Your role in the community changed
notif-accounts-invitation-accepted = { $actor } accepted your invitation
notif-qa-question-asked = { $actor } asked a question on a topic you follow
notif-qa-answer-posted = { $actor } answered
notif-qa-comment-posted = { $actor } commented
notif-qa-answer-accepted = { $actor } accepted your answer
notif-qa-expert-invited = { $actor } invites you to answer as an expert
notif-qa-question-closed = { $actor } closed the question
notif-forum-discussion-started = { $actor } started a discussion
notif-forum-reply-posted = { $actor } replied in the discussion
notif-forum-member-mentioned = { $actor } mentioned you
notif-wiki-page-created = { $actor } created a page
notif-wiki-page-edited = { $actor } edited a page you follow
notif-wiki-talk-posted = { $actor } wrote on the talk page of a page you follow
notif-wiki-answer-promoted = { $actor } made your answer into a wiki page
notif-groups-requested = { $actor } asks to join the group
notif-groups-request-decided = { $actor } decided on your request to join the group
notif-groups-invited = { $actor } invites you to the group
notif-groups-member-joined = { $actor } joined the group
notif-groups-publication-proposed = { $actor } proposes publishing a page of the group
notif-groups-publication-decided = { $actor } decided on the proposed publication

## The kinds, as the settings page names them
notifications-kind-accounts-member-approved = My membership approved
notifications-kind-accounts-role-changed = Changes of my role
notifications-kind-qa-question-asked = New questions on topics I follow
notifications-kind-qa-answer-posted = Answers to questions I asked or follow
notifications-kind-qa-comment-posted = Comments on questions and answers I follow
notifications-kind-qa-answer-accepted = My answers accepted
notifications-kind-qa-expert-invited = Invitations to answer as an expert
notifications-kind-qa-question-closed = My questions closed
notifications-kind-forum-discussion-started = New discussions in categories I follow
notifications-kind-forum-reply-posted = Replies in discussions I take part in or follow
notifications-kind-forum-member-mentioned = Mentions
notifications-kind-wiki-page-edited = Changes to pages I follow
notifications-kind-wiki-talk-posted = Talk on pages I follow
notifications-kind-groups-requested = Requests to join groups I coordinate
notifications-kind-groups-request-decided = Decisions on my requests to join a group
notifications-kind-groups-invited = Invitations to groups
notifications-kind-groups-member-joined = New members of groups I coordinate
notifications-kind-groups-publication-proposed = Publication proposals (moderators)
notifications-kind-groups-publication-decided = Decisions on my publication proposals
notif-wiki-review-due = Time to review a page you own
notif-qa-review-due = Time to review an accepted answer you own
notifications-kind-wiki-review-due = Pages I own that are due for review
notifications-kind-qa-review-due = Accepted answers I own that are due for review

## The email digest
notifications-digest-legend = Email digest
notifications-digest-hint = A summary of what happened in the community since the last one, in what you may read: notifications you send to the digest, new questions in the tags you follow, answers, wiki changes, new events and polls. Never sent when there is nothing new.
notifications-digest-daily = Every day
notifications-digest-weekly = Every week
notifications-digest-off = Never
notifications-digest-unknown = Choose every day, every week or never.
notifications-kind-digest = The email digest
notifications-unsubscribe-intro-digest = Do you want to stop receiving the email digest? You can turn it back on in the settings.
notifications-unsubscribe-done-digest = Done: you will no longer get the email digest. You can change your mind in the settings.
mail-digest-subject-daily = { $site }: your daily digest
mail-digest-subject-weekly = { $site }: your weekly digest
mail-digest-intro-daily = What happened in { $site } since yesterday's digest.
mail-digest-intro-weekly = What happened in { $site } since last week's digest.
mail-digest-notifications = For you
mail-digest-questions = New questions in the tags you follow
mail-digest-questions-community = New questions in the community
mail-digest-answers = New answers in the threads and tags you follow
mail-digest-pages = Changes to the wiki pages you follow
mail-digest-pages-community = Wiki pages changed
mail-digest-events = New events in the agenda
mail-digest-polls = Polls and questionnaires now open
mail-digest-why = You get this digest because you take part in { $site }.
mail-digest-unsubscribe = Stop the digest:

## Agenda, polls and questionnaires
notif-agenda-registered = Your registration is recorded (or you are on the waiting list)
notif-agenda-promoted = A seat freed up: you are now registered
notif-agenda-event-changed = { $actor } changed the date, time, place or status of an event you registered for
notif-agenda-event-cancelled = { $actor } cancelled an event you registered for
notif-polls-closing-soon = A poll you have not answered yet closes within a day
notif-questionnaires-closing-soon = A questionnaire you have not answered yet closes within a day
notifications-kind-agenda-registered = Confirmations of my event registrations
notifications-kind-agenda-promoted = Seats given to me from the waiting list
notifications-kind-agenda-event-changed = Changes to events I registered for
notifications-kind-agenda-event-cancelled = Cancelled events I registered for
notifications-kind-polls-closing-soon = Polls of my groups about to close
notifications-kind-questionnaires-closing-soon = Questionnaires about to close that I have not answered

## Following an item
notifications-watch-label = Notifications
notifications-watch-watching = Watching: tell me of everything new
notifications-watch-normal = Normal: only what concerns me
notifications-watch-muted = Muted: tell me nothing
notifications-watch-save = Save
notifications-kind-wiki-answer-promoted = My answers made into wiki pages
notifications-kind-accounts-invitation-accepted = Invitations I sent that were accepted
