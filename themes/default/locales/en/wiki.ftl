# Wiki: pages, links, history, edit conflicts, talk pages, promotion of answers.
# Every key has the wiki- prefix and a twin in it/wiki.ftl.
# Comparisons reuse the qa-diff-* and qa-revision-* keys of qa.ftl.

## Section and uses from the Rust code

wiki-section = Wiki
wiki-link-missing = Page not written yet: create it
wiki-audience-members = Community members only
wiki-audience-public = Everyone, even without an account
wiki-profile-edits = Wiki edits

## Messages after an action

wiki-page-created = The page has been created.
wiki-page-saved = Your edit has been saved.
wiki-page-merged = Your edit has been saved and merged automatically with the changes someone else saved in the meantime: please check the result.
wiki-page-restored = The revision has been restored.
wiki-settings-saved = The page settings have been saved.
wiki-watch-on = You are now watching this page: its changes appear in your watched pages.
wiki-watch-off = You are no longer watching this page.
wiki-promoted = The answer has been promoted to the wiki.

## Errors

wiki-page-protected = This page is protected: only moderators can edit it.
wiki-category-too-long = Each category can be at most 40 characters long.
wiki-too-many-categories = You can give at most 10 categories.
wiki-title-too-short = The title must be 2 to 120 characters long.
wiki-title-invalid = The title must contain at least one letter or digit.
wiki-parent-not-found = There is no page with this title that you can see: check the parent page's title.
wiki-parent-cycle = A page cannot be placed under itself or under one of its subpages.
wiki-audience-invalid = Choose who can read the page from the options offered.
wiki-title-taken = A page with this title already exists (or had it in the past): choose another title or edit that page.
wiki-base-invalid = The form does not say which revision you started from: reload the edit page and try again.
wiki-edit-busy = The page was changed several times in a few moments and your edit was not saved: please try again shortly.
wiki-edit-conflict = The page was changed in the meantime and the changes overlap: nothing was saved.
wiki-restore-stale = The page has changed since you opened it and the revision was not restored: check the history and try again.
wiki-restore-invalid = This revision does not exist or is already the current one.
wiki-promote-not-accepted = Only the accepted answer can be promoted to the wiki.
wiki-promote-page-not-found = There is no page with this title that you can edit.
wiki-promote-audience = That page is visible to people who cannot see the question: choose a page with the same or a narrower audience, or create a new page.
wiki-promote-already = This answer has already been promoted to this page.
wiki-promote-mode = Choose whether to create a new page or add the answer to an existing page.

## Revision kinds

wiki-kind-create = Creation
wiki-kind-edit = Edit
wiki-kind-merge = Edit merged automatically
wiki-kind-restore = Restore
wiki-kind-restore-from = Restore of revision { $number }
wiki-kind-promote = Answer promoted from Questions and answers

## Common parts (wiki/macros.html)

wiki-author-unknown = an account no longer active
wiki-by = by
wiki-none = none
wiki-cancel = Cancel
wiki-protected-badge = protected
wiki-members-only-badge = members only
wiki-group-only-badge = group only
wiki-tabs-label = Page actions
wiki-tab-read = Read
wiki-tab-edit = Edit
wiki-tab-protected = Editing reserved to moderators
wiki-tab-login-to-edit = Sign in to edit
wiki-tab-history = History
wiki-tab-talk = Talk
wiki-tab-export = Export as Markdown
wiki-summary-none = no description
wiki-diff-none = first version
wiki-current-badge = current
wiki-page-label = Page:
wiki-of-page = of the page { $title }
wiki-back-to-page = Back to the page
wiki-back-to-history = Back to the history

## Counts

wiki-pages-count =
    { $count ->
        [0] No pages
        [one] { $count } page
       *[other] { $count } pages
    }
wiki-changes-count =
    { $count ->
        [0] No changes.
        [one] One change.
       *[other] { $count } changes.
    }
wiki-talk-count =
    { $count ->
        [0] No comments
        [one] { $count } comment
       *[other] { $count } comments
    }
wiki-size =
    { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }

## Home and categories (wiki/index.html, wiki/category.html)

wiki-intro = The wiki pages gather the community's knowledge: definitions, guides, experiences and good practices that every member can read, improve and link together.
wiki-create-button = Create a page
wiki-all-pages-title = All pages
wiki-updated-on = updated on
wiki-pages-empty = There are no pages yet.
wiki-pages-empty-create = Write the first one.
wiki-categories-title = Categories
wiki-categories-empty = No page has a category yet.
wiki-recent-all-link = All recent changes
wiki-category-title = Category: { $name }
wiki-category-pages-title = Pages in the category
wiki-category-changes-link = Recent changes in this category
wiki-category-empty = There are no pages in this category.
wiki-back-to-categories = All categories

## Recent changes, contributions, watched pages (wiki/changes.html)

wiki-recent-title = Recent changes
wiki-recent-intro = The latest changes to the pages you can see, newest first.
wiki-contributions-title = Contributions by { $name }
wiki-contributions-intro = This member's changes to the pages you can see, newest first.
wiki-contributions-profile-link = Go to the profile
wiki-watchlist-title = Watched pages
wiki-watchlist-intro = The latest changes to the pages you watch. You automatically watch the pages you create; add others with the "Watch this page" button.
wiki-watchlist-empty = There are no changes to the pages you watch. Open a page and use the "Watch this page" button to follow it.
wiki-filters-label = Filter the changes
wiki-filter-member = Member
wiki-filter-member-help = The username, for example giulia.rossi.
wiki-filter-category = Category
wiki-filter-submit = Filter
wiki-filter-reset = Show all changes
wiki-changes-empty = There are no changes yet.
wiki-changes-empty-filtered = No changes match the chosen filters.
wiki-col-page = Page
wiki-col-revision = Revision
wiki-col-kind = Kind
wiki-col-author = Author
wiki-col-date = Date
wiki-col-summary = Description
wiki-col-size = Size
wiki-col-diff = Differences
wiki-diff-link = differences
wiki-diff-link-context = made by revision { $number } of { $title }

## New page and edit (wiki/new.html, wiki/edit.html)

wiki-new-title = New page
wiki-new-intro = Write a page to gather what the community knows about a topic. Everyone taking part can improve it; every change stays in the history.
wiki-new-missing-note = The page "{ $title }" does not exist yet: you can create it now.
wiki-new-submit = Create the page
wiki-field-title = Title
wiki-field-title-help = 2 to 120 characters. The title gives the page its address and is used to link to it from other pages.
wiki-field-title-edit-help = 2 to 120 characters. If you change the title, the old address and the existing links keep leading here.
wiki-field-body = Text
wiki-field-body-help = You can use Markdown: ## for section headings, **bold**, *italics*, lists and links. To link another wiki page write [[Title]], or [[Title|link text]]; if the page does not exist yet, the link invites readers to create it.
wiki-field-categories = Categories
wiki-field-categories-help = Optional. Separate categories with a comma, for example: Method, Funding. At most 10, of up to 40 characters each.
wiki-field-parent = Parent page
wiki-field-parent-help = Optional. The title of the page to place this one under, as a subpage; leave empty for a top-level page.
wiki-field-audience = Who can read the page
wiki-field-audience-help = A page visible to everyone can be read even by people without an account.
wiki-field-audience-settings-help = If you narrow the audience, the page disappears for those outside the new audience, from links and searches too.
wiki-field-summary = Describe your edit
wiki-field-summary-help = Optional, at most 200 characters. It appears in the history, for example: added the reference to the decree.
wiki-edit-title = Edit: { $title }
wiki-edit-intro = Edit the text and save: the previous version stays in the history. If someone saves the page while you edit it, changes that do not overlap are merged automatically.
wiki-edit-form-title = Edit form
wiki-edit-submit = Save the edit
wiki-protected-edit-note = This page is protected: only moderators can edit it.

## Edit conflict (wiki/edit.html, status 409)

wiki-conflict-title = Someone else changed the page while you were editing it
wiki-conflict-by = { $name } saved revision { $number } after you opened the form, and their changes overlap with yours.
wiki-conflict-by-unknown = Revision { $number } was saved after you opened the form, and its changes overlap with yours.
wiki-conflict-fields = Parts changed by both:
wiki-conflict-field-title = title
wiki-conflict-field-body = text
wiki-conflict-field-parent = parent page
wiki-conflict-field-categories = categories
wiki-conflict-nothing-saved = Nothing you wrote has been saved: your text is still in the form below.
wiki-conflict-how = Compare the current version with yours, copy into the form by hand the other person's changes you want to keep, then save.
wiki-conflict-current-link = See the current version
wiki-conflict-diff-link = See the differences
wiki-conflict-form-link = Go to your text
wiki-conflict-current-title = The current version (revision { $number })
wiki-conflict-current-by = Saved by
wiki-conflict-current-title-label = Current title
wiki-conflict-current-categories-label = Current categories
wiki-conflict-current-parent-label = Current parent page
wiki-conflict-current-body-label = Current text (read only)
wiki-conflict-current-body-help = You can select and copy parts of this text into yours.
wiki-conflict-diff-title = Differences between the current version and your text
wiki-conflict-legend-ins = only in your text
wiki-conflict-legend-del = only in the current version
wiki-conflict-diff-same = The text is the same in both versions: only the other parts listed above differ.
wiki-conflict-form-title = Your text
wiki-conflict-form-warning = Warning: saving will replace the current version (revision { $number }) with the content of this form. Before saving, copy here the other person's changes you want to keep.
wiki-conflict-submit = Save and replace the current version

## Page (wiki/page.html)

wiki-last-edit = Last edited by
wiki-watch-submit = Watch this page
wiki-unwatch-submit = Stop watching this page
wiki-watching-note = You are watching this page: its changes appear in
wiki-members-only-note = This page is visible only to community members.
wiki-group-only-note = This page is visible only to the members of a group.
wiki-toc-title = Contents
wiki-children-title = Subpages
wiki-children-empty = This page has no subpages.
wiki-child-create-link = Create a subpage
wiki-backlinks-title = Pages that link here
wiki-sources-title = From Questions and answers
wiki-sources-intro = Parts of this page come from accepted answers to these questions.
wiki-settings-title = Page settings (moderation)
wiki-field-protected = Protected page
wiki-field-protected-help = Only moderators can edit a protected page; everyone can still read it and comment on it.
wiki-settings-submit = Save the settings

## History, differences, revisions (wiki/history.html, wiki/diff.html, wiki/revision.html)

wiki-history-title = History: { $title }
wiki-history-intro = Every save is a revision; the newest is at the top. Choose two revisions in the "From" and "To" columns to compare them.
wiki-history-caption = Revisions of the page { $title }, newest first
wiki-col-from = From
wiki-col-to = To
wiki-compare-from-label = Compare from revision { $number }
wiki-compare-to-label = to revision { $number }
wiki-compare-submit = Compare
wiki-diff-previous-link = with the previous one
wiki-diff-previous-context = (revision { $number })
wiki-diff-title = Differences between revisions { $from } and { $to }
wiki-diff-crumb = Differences
wiki-diff-from = From revision { $number }
wiki-diff-to = To revision { $number }
wiki-diff-unchanged = The two revisions have the same title, the same categories and the same text.
wiki-revision-view-link = Read this revision
wiki-revision-old-notice = You are reading an old revision of this page (revision { $number }); the current revision is { $current }.
wiki-revision-is-current = This is the current revision of the page (revision { $number }).
wiki-revision-current-link = Go to the current version
wiki-revision-diff-current-link = Differences with the current version
wiki-revision-categories-label = Categories:
wiki-restore-title = Restore this revision
wiki-restore-intro = Restoring creates a new revision with the title, text and categories of revision { $number }; no revision is deleted from the history.
wiki-restore-confirm = Do you want to restore revision { $number }?
wiki-field-restore-summary = Reason for the restore
wiki-field-restore-summary-help = Optional, at most 200 characters. It appears in the history.
wiki-restore-submit = Restore this revision

## Talk page (wiki/talk.html)

wiki-talk-title = Talk: { $title }
wiki-talk-intro = This is where to discuss how to improve the page: proposals, doubts, sources to add. Comments do not change the page.
wiki-talk-empty = There are no comments yet.
wiki-comment-title = Comment by { $name }
wiki-talk-new-title = Add a comment
wiki-field-comment = Your comment
wiki-field-comment-help = You can use Markdown: **bold**, *italics*, lists and links, and [[Title]] for wiki pages.
wiki-talk-submit = Post the comment
wiki-talk-pending = You will be able to comment once your membership request is approved.
wiki-talk-not-allowed = Your account cannot comment on this page.
wiki-talk-login-intro = You need to sign in to comment.
wiki-talk-login-link = Sign in

## Promoting an answer (wiki/promote.html, qa/question.html)

wiki-promote-link = Promote to the wiki
wiki-promoted-in = Promoted to the wiki:
wiki-promote-title = Promote the answer to the wiki
wiki-promote-lead = The accepted answer by { $name } to the question
wiki-promote-intro = The answer becomes a section of a wiki page, where everyone can improve it. The page credits the person who answered and links back to the question, and the question will link to the page.
wiki-promote-audience-public = A new page will be visible to everyone, like the question.
wiki-promote-audience-members = A new page will be visible only to community members, like the question.
wiki-promote-audience-group = A new page will be visible only to the members of the question's group.
wiki-promote-append-note = An existing page must be visible only to people who can already see the question.
wiki-promote-mode-legend = Where do you want to promote the answer?
wiki-promote-mode-new = To a new page
wiki-promote-mode-append = At the end of an existing page
wiki-promote-field-title = Page title
wiki-promote-field-title-help = For a new page this is its title; to add the answer to an existing page, write that page's title.
wiki-promote-submit = Promote to the wiki

## Home page block
home-wiki-title = Updated pages
home-wiki-empty = No pages yet.
home-wiki-all = Recent changes
home-wiki-revision = Revision { $count }
