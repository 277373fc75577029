# Forum: categories, discussions, posts, mentions, moderation.
# Every key has the forum- prefix and a twin in it/forum.ftl (Italian is the reference).
# The history reuses the qa-diff-* and qa-revision-* keys of qa.ftl.

## Section, list of categories and discussions (forum/index.html, forum/macros.html)

forum-section = Forum
forum-intro = The forum is the community's main tool: a space for interaction that feeds the discussion. Choose a category to read its discussions or start a new one.
forum-mentions-link = My mentions
forum-manage-categories-link = Manage categories
forum-categories-title = Categories
forum-categories-empty = There are no categories yet.
forum-categories-empty-admin = Create the first category
forum-members-only-badge = members only
forum-group-only-badge = group only
forum-discussions-title = Discussions
forum-tabs-label = Filter discussions
forum-list-empty = There are no discussions yet: choose a category and start the first one.
forum-list-empty-unread = There are no discussions with posts to read.
forum-pinned-badge = pinned
forum-locked-badge = locked
forum-unread-badge = unread
forum-started-by = Started by
forum-in-category = in the category
forum-last-post = last post

## Counts

forum-discussions-count =
    { $count ->
        [0] No discussions
        [one] { $count } discussion
       *[other] { $count } discussions
    }
forum-replies-count =
    { $count ->
        [0] no replies
        [one] { $count } reply
       *[other] { $count } replies
    }
forum-posts-count =
    { $count ->
        [one] { $count } post
       *[other] { $count } posts
    }
forum-mentions-count =
    { $count ->
        [0] No mentions.
        [one] One mention.
       *[other] { $count } mentions.
    }

## Category (forum/category.html)

forum-start-button = Start a discussion
forum-category-members-note = The discussions in this category are visible to community members only.
forum-category-group-note = The discussions in this category are visible to the members of a group only.
forum-category-empty = There are no discussions in this category yet.

## New discussion (forum/new.html)

forum-new-title = Start a discussion
forum-new-in-category = In the category:
forum-new-intro = Give the discussion a clear title and, in the first post, explain the topic, the context and what you are asking the community.
forum-field-title = Title
forum-field-title-help = From 5 to 150 characters.
forum-field-body = Post
forum-field-body-help = You can use Markdown: **bold**, *italics*, lists and links.
forum-mention-help = Write @username to mention a member: they will get a notification.
forum-new-submit = Publish the discussion

## Discussion and posts (forum/discussion.html)

forum-locked-notice = The discussion is locked: no replies can be added.
forum-locked-moderator-note = As a moderator you can still reply.
forum-post-title = Post no. { $number }
forum-edited = edited
forum-in-reply-to = in reply to post no. { $number }
forum-post-actions-label = Actions on post no. { $number }
forum-edit-link = Edit
forum-history-link = History
forum-quote-link = Quote
forum-post-context = post no. { $number }
forum-of-post-context = of post no. { $number }
forum-edit-count =
    { $count ->
        [one] edited once
       *[other] edited { $count } times
    }
forum-hidden-label = Post hidden by the moderators:
forum-hidden-no-reason = no reason given.
forum-hidden-body-toggle = Read the hidden text
forum-show-submit = Show again
forum-hide-toggle = Hide
forum-field-hide-reason = Reason
forum-field-hide-reason-help = The reason stays visible to everyone in place of the post.
forum-hide-submit = Hide post no. { $number }
forum-moderation-title = Discussion moderation
forum-pin-submit = Pin
forum-unpin-submit = Unpin
forum-lock-submit = Lock the discussion
forum-unlock-submit = Reopen the discussion
forum-field-move-category = Move to another category
forum-field-move-category-help = The discussion takes the visibility of the new category.
forum-move-submit = Move
forum-reply-title = Reply
forum-field-reply = Your reply
forum-reply-submit = Reply
forum-replying-to = You are replying to post no. { $number }.
forum-quote-cancel = Cancel the quote
forum-reply-login-intro = Want to take part in the discussion?
forum-reply-login-link = Sign in to reply
forum-reply-pending = You will be able to reply once your membership request is approved.
forum-reply-not-allowed = Your account cannot reply to this discussion.

## Edits and history (forum/edit.html, forum/history.html)

forum-edit-title = Edit the post
forum-edit-opening-title = Edit the discussion
forum-in-discussion = In the discussion:
forum-edit-intro = Every edit is kept in the history, visible to whoever can read the discussion. Use edits to correct, clarify or update the text without changing its meaning.
forum-history-title = Post history
forum-revision-original-by = Written by
forum-revision-edit-by = Edited by
forum-history-back = Back to the discussion

## Mentions (forum/mentions.html)

forum-mentions-title = My mentions
forum-mentions-intro = The forum posts in which someone mentioned you by writing @{ $username }, newest first.
forum-mention-by = Mentioned by
forum-mentions-empty = Nobody has mentioned you in the forum yet.

## Managing categories (forum/categories.html, administrators only)

forum-categories-admin-title = Manage categories
forum-categories-admin-intro = Categories organise the forum's discussions. Who can read a discussion depends on its category.
forum-categories-table-caption = Forum categories
forum-col-position = Order
forum-col-name = Name
forum-col-slug = Address
forum-col-description = Description
forum-col-audience = Who can read
forum-col-discussions = Discussions
forum-category-create-title = Create a category
forum-field-category-name = Name
forum-field-category-name-help = At most 80 characters. The category's address is made from the name.
forum-field-category-description = Description
forum-field-category-description-help = Optional, at most 500 characters: explain what is discussed in the category.
forum-field-category-position = Order
forum-field-category-position-help = A whole number: categories with the lowest number come first.
forum-field-category-audience = Who can read
forum-field-category-audience-help = A public category is visible to visitors only when the community is open to everyone (phase 3).
forum-category-create-submit = Create the category

## Service messages and values (used by the Rust code)

forum-title-too-short = The title must be at least 5 characters long.
forum-discussion-locked = The discussion is locked.
forum-category-exists = A category with this name already exists.
forum-category-invalid = Choose a valid category.
forum-edit-not-allowed = You can edit only your own posts, unless you are a moderator.
forum-hide-reason-required = Give the reason for hiding the post.
forum-moderation-invalid = Invalid moderation action.
forum-quote-invalid = The quoted post does not exist or is not part of this discussion.
forum-tab-latest = Recent activity
forum-tab-unread = Unread
forum-moderated = Done.
forum-category-created = Category created.
forum-post-hidden = Post hidden.
forum-post-shown = The post is visible again.
forum-edit-saved = Edit saved.
forum-audience-public = Public (visible to everyone in phase 3)
forum-audience-members = Members only

## Home page block
home-forum-title = Active discussions
home-forum-empty = No discussions yet.
home-forum-all = All discussions

## Member profile lines
forum-activity-discussions = Discussions started
forum-activity-posts = Forum posts
