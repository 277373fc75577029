### Prassi — common theme messages (layout, home page, errors, legal pages).
### Italian is the reference language: every key here has a twin in it/main.ftl.
### In the legal pages the parts in square brackets must be completed by the public body
### that runs the community.

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

## Legal pages: common parts

legal-model-notice = Sample text: the public body running the community must complete the parts in square brackets and review the text before publishing it.
legal-last-updated = Last updated: [date].

## Privacy notice (art. 13 GDPR)

privacy-title = Privacy notice
privacy-intro = This notice, given under Article 13 of Regulation (EU) 2016/679 (GDPR), explains how the personal data of visitors to { $site } and of participants in the community of practice are processed.
privacy-controller-title = Data controller
privacy-controller-text = The data controller is [name of the public body], with offices at [address], certified e-mail (PEC) [PEC address], e-mail [e-mail address].
privacy-dpo-title = Data protection officer
privacy-dpo-text = The data protection officer (DPO) appointed by the controller can be contacted at [DPO e-mail or PEC address].
privacy-data-title = Data processed
privacy-data-intro = The following categories of data are processed:
privacy-data-account = registration data: username, display name, e-mail address and password, stored only in a non-reversible encrypted form;
privacy-data-profile = profile data entered voluntarily, for example organisation, role, skills and a short introduction;
privacy-data-content = content published in the community (questions, answers, comments, documents) and data about participation in activities;
privacy-data-technical = technical data: IP address, date and time of sign-ins and actions, recorded for the security of the service.
privacy-purposes-title = Purposes and legal basis
privacy-purpose-community = running the community of practice, memberships and participation in activities, for the performance of a task carried out in the public interest (Art. 6(1)(e) GDPR) [state the law or act establishing the community];
privacy-purpose-profile = publishing optional profile data, on the basis of the data subject's consent (Art. 6(1)(a) GDPR), which can be withdrawn at any time by deleting the data from the profile;
privacy-purpose-security = security of the service, prevention of abuse and detection of unlawful acts (Art. 6(1)(c) and (e) and Art. 32 GDPR);
privacy-purpose-email = sending service messages about the account, such as e-mail address confirmation and password recovery.
privacy-provision-title = Whether providing data is mandatory
privacy-provision-text = Registration data is required to take part in the community: without it the account cannot be created. Providing optional profile data is voluntary.
privacy-methods-title = How data is processed
privacy-methods-text = Data is processed with IT tools, by authorised staff, with technical and organisational measures suitable to ensure its confidentiality, integrity and availability. No profiling and no decisions based solely on automated processing take place.
privacy-recipients-title = Recipients of the data
privacy-recipients-text = Data is processed by the controller's authorised staff and the community moderators, and by the hosting provider [name of the provider], appointed as processor under Art. 28 GDPR. Profile information and published content are visible to other members according to the community's visibility rules. Data is not disclosed to third parties, except where required by law.
privacy-transfer-text = Data is stored on servers located in the European Union and is not transferred to third countries [check and, if needed, state the safeguards adopted].
privacy-retention-title = Retention period
privacy-retention-text = Account data is kept while the membership is active and deleted within [number] days of its closure; technical logs are kept for [number] days. Content published in the community may be kept as shared knowledge [state whether anonymised or with the author's name].
privacy-cookies-title = Cookies
privacy-cookies-text = The site uses only technical cookies needed for it to work: the session cookie that keeps you signed in, the one that remembers the chosen language and the one that protects forms from fraudulent submissions. No profiling cookies or third-party analytics are used, so no consent is required.
privacy-rights-title = Your rights
privacy-rights-text = You may at any time ask the controller for access to your data, its rectification or erasure, restriction of processing and data portability, and you may object to processing (Articles 15 to 22 GDPR), by writing to the contacts given above.
privacy-complaint-text = If you believe that the processing of your data infringes the GDPR, you may lodge a complaint with the Italian Data Protection Authority (Garante per la protezione dei dati personali, Art. 77 GDPR):
privacy-complaint-link = website of the Italian Data Protection Authority
privacy-changes-title = Changes to this notice
privacy-changes-text = This notice may be updated; the version in force is always published on this page.

## Legal notes

legal-title = Legal notes
legal-owner-title = Site owner
legal-owner-text = { $site } is run by [name of the public body], [address], certified e-mail (PEC) [PEC address].
legal-purpose-title = Purpose of the site
legal-purpose-text = The site hosts a community of practice: a space for exchange among people working in public administration and in the organisations involved in its projects, to share experiences, good practices and knowledge. The content is for information and professional exchange and does not replace official acts and communications.
legal-user-content-title = Content published by members
legal-user-content-text = Each member is responsible for the content they publish and undertakes to respect the law, the rights of others and the community's participation rules. Do not publish other people's personal data without a valid reason, confidential information or offensive content.
legal-moderation-text = Moderators may hide or remove content that breaks these rules and, in the most serious cases, suspend the account. To report content, write to [editorial team e-mail address].
legal-copyright-title = Copyright and licences
legal-copyright-text = Unless otherwise stated, content published by the owner is released under the Creative Commons Attribution 4.0 International licence (CC BY 4.0), in line with the principle of openness of public data (Art. 52 of the Italian Digital Administration Code).
legal-copyright-link = Text of the CC BY 4.0 licence
legal-members-licence-text = Content published by members remains the property of its authors, who allow the community to use it under the terms set by the participation rules [state the licence adopted, for example CC BY 4.0].
legal-software-title = Software
legal-software-text = The site is built with Prassi, free software distributed under the European Union Public Licence (EUPL) version 1.2, which other administrations may reuse (Art. 69 of the Italian Digital Administration Code).
legal-software-link = Text of the EUPL 1.2 licence
legal-links-title = Links to other sites
legal-links-text = Links to external sites are provided for convenience: the owner is not responsible for their content or for how they process personal data.
legal-liability-title = Limitation of liability
legal-liability-text = The owner takes care that the information it publishes is accurate and up to date, but cannot guarantee that it is complete and error-free. Opinions expressed by members are their own and do not bind the owner or the administrations they belong to.
legal-related-title = See also

## Accessibility statement (AgID model)

a11y-title = Accessibility statement
a11y-intro = The public body [name] is committed to making its website accessible, in accordance with Italian Law no. 4 of 9 January 2004. This accessibility statement applies to { $site } ([site address]).
a11y-status-title = Compliance status
a11y-status-value = Partially compliant
a11y-status-text = This website is partially compliant with the requirements of Annex A to the UNI CEI EN 301549 standard, which for websites correspond to the WCAG 2.1 level AA success criteria, pending the first compliance evaluation.
a11y-noncompliant-title = Non-accessible content
a11y-noncompliant-intro = The content listed below may not be accessible for the following reasons:
a11y-noncompliant-evaluation = non-compliance with Law 4/2004: the first compliance evaluation has not yet been completed, so the individual requirements have not been systematically verified;
a11y-noncompliant-user-content = content published by members (texts, images, attached documents) that may not meet all requirements, for example images without a text alternative or inaccessible PDF documents;
a11y-noncompliant-third-party = third-party content neither funded, developed nor controlled by the owner, such as external sites reached through links.
a11y-design-title = How the site was designed
a11y-design-intro = The Prassi software is developed to meet WCAG 2.1 level AA. In particular:
a11y-design-keyboard = every feature can be used from the keyboard, with a link to skip to the content and a clearly visible focus indicator;
a11y-design-structure = pages have a semantic structure, with landmarks, headings in hierarchical order and a declared language;
a11y-design-contrast = text has a contrast ratio of at least 4.5:1 and no information is conveyed by colour alone;
a11y-design-forms = form fields have explicit labels, and errors are described in words and announced to assistive technologies;
a11y-design-no-js = the site works without JavaScript;
a11y-design-reflow = the layout adapts to small screens and to text enlarged up to 200%, and respects the preference for reduced motion.
a11y-preparation-title = Preparation of this statement
a11y-preparation-text = This statement was prepared on [date] on the basis of a self-assessment carried out directly by the provider, following the self-assessment model of the AgID Guidelines on the accessibility of IT tools. The statement was last reviewed on [date].
a11y-feedback-title = Feedback and contact information
a11y-feedback-text = To report non-compliance with the accessibility requirements, or to request in an accessible format information and content excluded from the scope of the directive, write to:
a11y-feedback-response = The administration replies within thirty days of receiving the report.
a11y-procedure-title = Enforcement procedure
a11y-procedure-text = If the reply is unsatisfactory, or if there is no reply within thirty days of the notification or request, you can report the matter to the Digital Ombudsman (Difensore civico per il digitale) at the Agency for Digital Italy (Article 3-quinquies, paragraph 3, of Law no. 4 of 9 January 2004).
a11y-procedure-link = Enforcement procedure on the AgID website (in Italian)
a11y-site-info-title = Information about the site
a11y-site-info-standard = Reference requirements
a11y-site-info-standard-value = UNI CEI EN 301549, Annex A; WCAG 2.1 level AA
a11y-site-info-software = Software used
a11y-site-info-software-value = Prassi, free software for communities of practice
a11y-site-info-published = Site publication date
a11y-site-info-published-value = [date]

# Home page module cards
home-module-qa-title = Questions and answers
home-module-qa-description = Ask the community: colleagues and experts answer, the best answer is accepted and stays available to everyone.
home-module-forum-title = Forum
home-module-forum-description = Discussions by theme, to compare notes on projects, tools and community meetings.
home-module-wiki-title = Wiki
home-module-wiki-description = Pages the community writes together: definitions, guides and good practices, linked to each other and always open to improvement.
home-module-members-title = Members
home-module-members-description = Find who works on your themes, by expertise and organisation.
