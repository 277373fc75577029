### Prassi — common theme messages (layout, home page, errors). The legal pages and the
### accessibility statement are in pages.ftl.
### Italian is the reference language: every key here has a twin in it/main.ftl.

## Layout

site-tagline = Community of practice
skip-to-content = Skip to content
header-signed-in-as = Signed in as { $name }
lang-switch-label = Language
search-label = Search the site
search-submit = Search
nav-main-label = Main menu
nav-home = Home
nav-questions = Questions
nav-forum = Forum
nav-wiki = Wiki
nav-members = Members
nav-profile = Profile
nav-notifications = Notifications
nav-notifications-unread = unread
nav-security = Security
nav-moderation = Moderation
nav-admin = Administration
nav-logout = Sign out
nav-login = Sign in
nav-register = Register
pending-notice-title = Membership request pending.
pending-notice-text = Your request must be approved by the community moderators: some features will be available only after approval.
breadcrumbs-label = Breadcrumb
footer-nav-label = Legal information
footer-privacy = Privacy
footer-legal = Legal notes
footer-accessibility = Accessibility statement
footer-powered-by = Powered by Prassi
password-show = Show password
password-hide = Hide password

## Forms, pagination and messages (macros.html)

form-required = required
form-error-prefix = Error:
form-error-summary-title = Please check the information you entered
form-choose = Choose…
item-group-label = Working group:
form-error-title-prefix = Error:
pagination-label = Pagination
pagination-summary = Page { $page } of { $pages }
pagination-prev = Previous
pagination-next = Next
pagination-page = Page
pagination-page-number = (page { $page })
flash-prefix-success = Done:
flash-prefix-error = Error:
flash-prefix-info = Note:

## Counts

members-count =
    { $count ->
        [one] { $count } member
       *[other] { $count } members
    }

## Home page

home-lead = A space for exchange among people working in public administration and in the projects that innovate it.
home-cop-definition = A community of practice is a group of people who share a common goal, a set of problems or an interest in a topic, and who come together to achieve individual and group goals through learning and professional growth, by sharing best practices and creating new knowledge.
home-cop-learning = What cannot be learnt from manuals or formal procedures can be learnt by telling one's own experiences and solving problems together.
home-welcome = Hello { $name }, enjoy your work in the community.
home-cta-profile = Your profile
home-cta-members = Community members
home-cta-request-access = Request access
home-cta-request-membership = Ask to join
home-cta-register = Register
home-cta-login = Sign in
home-phase-title = Who can take part
phase-1-name = Community reserved to members
phase-1-description = At this stage the administrations and partners involved in the community's activities take part, with personal credentials. Contents are visible to members only.
phase-2-name = Community open to membership requests
phase-2-description = Universities, research centres, other public and private bodies and experts in the field may also ask to join. Every request is reviewed by the moderators.
phase-3-name = Open community
phase-3-description = Anyone interested in the community's topics can register and take part in the discussions.
home-modules-title = Community spaces
home-goals-title = What we do
home-goal-topics-title = Explore shared topics
home-goal-topics-text = Topics arise from the exchange among participants and are explored together: administrative tools, measuring results, funding models, new programming periods.
home-goal-exchange-title = Exchange knowledge
home-goal-exchange-text = Every member can ask a question and get answers from colleagues and experts: over time the answers become a source of knowledge useful to everyone.
home-goal-knowhow-title = Share know-how
home-goal-knowhow-text = Documents, experiences and good practices born in the projects remain available to the community, and everyone can help improve them.

## Errors (also used by the Rust code and the API)

error-not-found = Page not found
error-unauthorized = Sign-in required
error-forbidden = Action not allowed
error-conflict = Conflict with existing data
error-invalid = Invalid request
error-too-many = Too many requests
error-unavailable = Service unavailable
error-internal = Internal error
error-csrf = The form has expired or was sent from another site. Reload the page and try again.
error-too-large = The submitted data exceeds the maximum allowed size.
error-bad-token = The access token is invalid, expired or revoked.
error-status = Error { $status }
error-back-home = Back to the home page
error-help-unauthorized = You need to sign in with your account to see this page.
error-help-forbidden = Your account does not have the permissions needed for this action. If you think this is a mistake, contact the community moderators.
error-help-not-found = The address may be wrong, or the content has been moved, removed or is not visible to your account.
error-help-conflict = The data was changed in the meantime or already exists. Reload the page and try again.
error-help-too-many = Too many requests were sent in a short time. Wait a few minutes and try again.
error-help-unavailable = The service is temporarily unavailable. Try again in a few minutes.
error-help-internal = An unexpected error occurred and has been logged. Please try again later.
error-help-invalid = Check the information you entered and try again.


# Home page module cards
home-module-qa-title = Questions and answers
home-module-qa-description = Ask the community: colleagues and experts answer, the best answer is accepted and stays available to everyone.
home-module-forum-title = Forum
home-module-forum-description = Discussions by theme, to compare notes on projects, tools and community meetings.
home-module-wiki-title = Wiki
home-module-wiki-description = Pages the community writes together: definitions, guides and good practices, linked to each other and always open to improvement.
home-module-members-title = Members
home-module-members-description = Find who works on your themes, by expertise and organisation.

## Language of user content
field-content-lang = Language of the text
field-content-lang-help = The language the content is written in: screen readers use it for pronunciation.
content-lang-invalid = Choose one of the languages offered.
markdown-image-alt-missing = Every image needs alternative text describing it, for readers who cannot see it: write ![description](address).
home-blocks-title = What's new in the community

## Home page: how to join, for visitors without an account
home-join-title = How to join
home-join-step-1-request = Request access with your organisation's email address: if your organisation takes part and its domain is enabled, your account is active as soon as you confirm the address.
home-join-step-1-approval = Otherwise your request goes to the moderators, who check that your organisation takes part in the community's activities and answer by email.
home-join-step-2-request = Fill in the membership request with your organisation, role and reason: administrations, universities, research centres, other bodies and experts may join.
home-join-step-2-approval = Moderators review every request and answer by email.
home-join-step-3-request = Register with your email address and confirm it.
home-join-step-3-approval = From then on you can ask and answer in the open forum; to reach the members' areas, ask to join.
home-join-step-profile = Complete your profile with your areas of expertise: the home page will show the questions waiting for you.
