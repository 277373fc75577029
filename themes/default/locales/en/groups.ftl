# Working groups (prassi-groups). Sections: groups and membership at the top; documents and
# content/publication follow at the end.

## Section, home and profile
nav-groups = Groups
groups-section = Working groups
groups-intro = Reserved areas where organisations and people of the community work together on a project or a topic: the group's discussions, pages, questions and documents.
home-module-groups-title = Working groups
home-module-groups-description = Reserved areas for projects, labs and tables: take part, ask to join or create a group.
home-groups-title = Your groups
home-groups-public-title = Open groups
home-groups-empty = You are not in any group yet.
home-groups-all = All groups
home-groups-invitations = { $count ->
    [one] You have an invitation to a group
   *[other] You have { $count } invitations to groups
}
groups-activity-member-of = Member of
admin-group-creators = Working groups
admin-group-creators-label = Who may create working groups
admin-group-creators-admins = Administrators only
admin-group-creators-members = Every member of the community
admin-group-creators-invalid = Choose who may create groups.

## List
groups-tab-all = All groups
groups-tab-mine = My groups
groups-tabs-label = Which groups to show
groups-empty = No groups to show.
groups-mine-empty = You are not in any group yet.
groups-new-link = Create a group
groups-invitations-link = My invitations
groups-members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
groups-my-role = Your role: { $role }

## Group settings
groups-visibility-public = Public
groups-visibility-listed = Visible to community members
groups-visibility-secret = Secret
groups-visibility-public-help = Whoever may read public content sees the group and its content.
groups-visibility-listed-help = Community members see its name and description; its content is for its members only.
groups-visibility-secret-help = Only its members and the administrators know it exists.
groups-join-policy-open = Open: join at once
groups-join-policy-request = By request, with a message
groups-join-policy-invitation = By invitation only
groups-role-coordinator = Coordinator
groups-role-member = Member
groups-new-title = New working group
groups-settings-title = Group settings
groups-settings-link = Settings
groups-field-name = Group name
groups-field-slug = Address
groups-field-slug-help = Lowercase letters, digits and hyphens; left empty, it is made from the name.
groups-field-description = Description
groups-field-description-help = What the group works on, who may join and how it works. You can use Markdown.
groups-field-organisations = Promoting organisations
groups-field-organisations-help = Names of organisations already in the community, separated by commas (optional).
groups-field-visibility = Visibility
groups-field-join-policy = How to join
groups-new-submit = Create the group
groups-settings-submit = Save the settings

## Group page
groups-organisations = Organisations
groups-visibility-label = Visibility
groups-join-policy-label = Joining
groups-members-title = Members
groups-members-all = All members
groups-members-hidden = The list of members is visible to the group's members only.
groups-you-coordinate = You coordinate this group.
groups-you-are-member = You are a member of this group.
groups-join-submit = Join the group
groups-leave-submit = Leave the group
groups-request-title = Ask to join
groups-field-message = Message to the coordinators
groups-field-message-help = Introduce yourself and say why you want to join.
groups-request-submit = Send the request
groups-request-status-pending = Your request to join is waiting for the coordinators' answer.
groups-request-status-refused = Your request to join was not accepted.
groups-request-status-accepted = Your request was accepted.
groups-request-status-withdrawn = You withdrew your request to join.
groups-request-withdraw-submit = Withdraw the request
groups-request-withdrawn = Request withdrawn.
groups-request-not-pending = You have no pending request for this group.
groups-you-are-not-a-member = You are not a member of this group.
groups-request-reason = Reason: { $reason }
groups-invitation-title = You have been invited to this group
groups-invitation-accept = Accept the invitation
groups-invitation-decline = Decline the invitation
groups-by-invitation = This group is joined only by invitation of its coordinators.
groups-sign-in-to-join = Sign in to join the group.
groups-coordination = Coordination
groups-requests-link = Requests to join
groups-log-link = Group log
groups-members-manage-link = Manage members

## Members, invitations, requests, log
groups-members-page-title = Members of { $group }
groups-member-joined = Since { $date }
groups-invite-title = Invite a member
groups-field-username = Username
groups-field-username-help = The username of the community member to invite.
groups-invite-submit = Send the invitation
groups-field-role = Role of { $name }
groups-role-submit = Change role
groups-remove-submit = Remove { $name }
groups-requests-title = Requests to join { $group }
groups-requests-empty = No pending requests.
groups-request-from = Request from { $name }
groups-field-decision = Decision
groups-decision-accept = Accept
groups-decision-refuse = Refuse
groups-field-reason = Reason (shown to the requester)
groups-decide-submit = Confirm
groups-log-title = Log of { $group }
groups-log-empty = No entries in the log.
groups-log-when = When
groups-log-who = Who
groups-log-what = What
groups-log-action = { $action ->
    [created] created the group
    [settings_changed] changed the settings
    [joined] joined the group
    [left] left the group
    [removed] removed a member
    [role_changed] changed a member's role
    [requested] asked to join
    [request_accepted] accepted a request
    [request_refused] refused a request
    [request_withdrawn] withdrew the request to join
    [document_uploaded] uploaded a document
    [document_version_added] uploaded a new version of a document
    [document_deleted] deleted a document
    [document_version_deleted] deleted a version of a document
    [publication_proposed] proposed a page for publication
    [publication_approved] approved the publication of a page
    [publication_refused] refused the publication of a page
    [invited] invited a member
    [invitation_accepted] accepted the invitation
    [invitation_declined] declined the invitation
   *[other] { $action }
}
groups-log-subject = Concerning
groups-invitations-title = My invitations to groups
groups-invitations-empty = You have no pending invitations.
groups-invited-by = Invited by { $name }

## Outcomes and errors
groups-created = Group created: you are its first coordinator.
groups-settings-saved = Settings saved.
groups-joined = You joined the group.
groups-left = You left the group.
groups-requested = Request sent to the coordinators.
groups-invited = Invitation sent.
groups-invitation-accepted = Welcome to the group.
groups-invitation-declined = Invitation declined.
groups-role-changed = Role changed.
groups-member-removed = Member removed.
groups-request-accepted = Request accepted: the new member is in the group.
groups-request-refused = Request refused.
groups-create-forbidden = Only administrators may create working groups.
groups-slug-invalid = The address may contain only lowercase letters, digits and hyphens.
groups-slug-taken = A group with this address already exists: choose another name or address.
groups-visibility-invalid = Choose the group's visibility.
groups-join-policy-invalid = Choose how members join the group.
groups-unknown-organisation = One or more organisations are not in the community.
groups-unknown-member = No community member has this username.
groups-not-a-member = This person is not a member of the group.
groups-already-member = This person is already a member of the group.
groups-already-invited = This person already has a pending invitation.
groups-last-coordinator = A group needs at least one coordinator: name another coordinator first.
groups-join-by-request = This group is joined by request.
groups-join-by-invitation = This group is joined by invitation only.
groups-join-open = This group is open: you can join at once.
groups-request-pending = You already have a pending request for this group.
groups-request-decided = Another coordinator has already decided on this request.
groups-decision-invalid = Choose whether to accept or refuse the request.
groups-role-invalid = Choose a role.
groups-invitation-answered = You have already answered this invitation.

## Content and publication
groups-content-section = Working groups
groups-content-in-group = In the group
groups-content-audience-note = Only people who may read the group's content will see it: its members, or everyone if the group is public.
groups-content-question-title = New question in the group
groups-content-page-title = New group page
groups-content-discussion-title = New discussion in the group
groups-activity-title = Group activity
groups-activity-kind-question = Question
groups-activity-kind-discussion = Discussion
groups-activity-kind-page = Page
groups-activity-kind-event = Event
groups-events-link = The group's events
groups-new-event-link = New group event
groups-activity-empty = The group has no questions, discussions or pages yet.
groups-activity-pages = Activity pages
groups-activity-newest = Newest
groups-activity-older = Older
groups-search-in-group = Search in the group
groups-publications-title = Publications
groups-publications-intro = A group page can become public knowledge: propose it, and a moderator will approve it or tell you why not. The public page credits the group and the people who wrote it, and keeps its history.
groups-publications-list = The group's proposals
groups-publications-empty = The group has not proposed any page yet.
groups-publication-propose-title = Propose a page
groups-publication-field-page = Group page
groups-publication-field-page-help = It is proposed as it is now, at its current revision.
groups-publication-propose-submit = Propose for publication
groups-publication-no-pages = The group has no pages to propose yet.
groups-publication-revision = revision { $revision }
groups-publication-proposed-by = proposed by { $name }
groups-publication-status-pending = pending
groups-publication-status-approved = approved
groups-publication-status-refused = refused
groups-publication-reason = Reason
groups-publication-public-page = Go to the public page
groups-publication-queue-title = Publications to decide
groups-publication-queue-intro = Pages that working groups propose to publish. Approved, they become public wiki pages crediting the group and their authors; refused, the group reads your reason.
groups-publication-queue-empty = No proposals pending.
groups-publication-show-text = Proposed text
groups-publication-decision = Decision
groups-publication-approve = Approve and publish
groups-publication-refuse = Refuse
groups-publication-field-reason = Reason
groups-publication-field-reason-help = Needed to refuse: the group will read it.
groups-publication-decide-submit = Confirm the decision
groups-publication-proposed = Page proposed for publication.
groups-publication-approved = Proposal approved: the public page has been written.
groups-publication-refused = Proposal refused; the group will see the reason.
groups-publication-page-required = Choose one of the group's pages.
groups-publication-page-unknown = This page is not the group's.
groups-publication-pending = This page is already waiting for a decision.
groups-publication-decided = Someone else has already decided on this proposal.
groups-publication-decision-invalid = Choose whether to approve or refuse the proposal.
groups-publication-reason-required = Write why the proposal is refused.
groups-publication-title-taken = A public page already has this title: rename it before approving.

## Documents
documents-title = Documents
documents-lead = The documents deposit of the group
documents-upload = Upload a document
documents-upload-submit = Upload
documents-quota = Storage used by the group
documents-folders = Folders
documents-folder = Folder
documents-folder-all = All documents
documents-folder-none = No folder
documents-field-title = Title
documents-field-description = Description
documents-field-description-help = Optional. You can use Markdown.
documents-field-folder-help = Optional: the name of a folder to keep the document in, for example "Minutes".
documents-file = File
documents-file-help = PDF, OpenDocument (odt, ods, odp) or Office (docx, xlsx, pptx) documents, PNG, JPEG, GIF or WebP images, CSV or text files. The type is recognised by the content.
documents-types-help = Files are checked by their content: PDF, OpenDocument, Office, images, CSV and text are accepted; HTML and SVG are not.
documents-max-size = Largest size
documents-updated = Updated
documents-version = Version
documents-version-short = v
documents-versions = Versions
documents-current = current
documents-uploaded-by = Uploaded by
documents-actions = Actions
documents-empty = The group has no documents yet.
documents-new-version = Upload a new version
documents-new-version-submit = Upload the new version
documents-delete = Delete the document
documents-delete-version = Delete the version
documents-uploaded = Document uploaded.
documents-version-added = New version uploaded; the earlier ones stay downloadable.
documents-deleted = Document deleted.
documents-version-deleted = Version deleted.
documents-file-required = Choose a file to upload.
documents-file-empty = The file is empty.
documents-file-too-large = The file is larger than the largest size allowed.
documents-file-name-invalid = The file name cannot be used: rename the file and try again.
documents-type-not-allowed = This type of file is not accepted: upload a PDF, an OpenDocument or Office document, a PNG, JPEG, GIF or WebP image, or a .csv or .txt file.
documents-type-markup = HTML, SVG and XML files are not accepted.
documents-type-text-invalid = A text file must be UTF-8 and contain no NUL characters.
documents-type-macros = Documents with macros are not accepted: save it without macros (docx, xlsx, pptx).
documents-upload-malformed = The upload did not arrive whole: try again.
documents-folder-invalid = A folder name cannot contain "/" or "\".

## The group's area (header links)
groups-area = Group area
groups-activity-link = Activity
groups-documents-link = Documents
groups-search-link = Search in the group
groups-new-question-link = New question
groups-new-page-link = New page
groups-new-discussion-link = New discussion
groups-publications-link = Publication proposals
groups-visibility-locked = The group already has content: a public group stays public and a listed or secret group cannot become public (listed and secret may swap).
home-groups-activity = Latest in your groups
