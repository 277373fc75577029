## Site pages: privacy notice, legal notes, accessibility statement and the feedback form.
## The administration's details come from the settings on the Administration page; when one is
## missing the page shows a neutral sentence, never a placeholder.

## Common parts

legal-incomplete-notice = Some information on this page, such as the name of the public body running the site and its contact details, has not yet been provided by the administrators.
legal-last-updated = Last updated: { $date }.
legal-contacts-label = Contact details
legal-contact-address = Address: { $address }
legal-contact-pec = Certified email (PEC):
legal-contact-email = Email:

## Privacy notice (art. 13 GDPR)

privacy-title = Privacy notice
privacy-intro = This notice, given under Article 13 of Regulation (EU) 2016/679 (GDPR), describes how the personal data of visitors to { $site } and of participants in the community of practice are processed.
privacy-controller-title = Data controller
privacy-controller-text = The data controller is { $name }.
privacy-controller-unset = The data controller is the public body running the community of practice; its name and contact details have not yet been published on this page.
privacy-dpo-title = Data protection officer
privacy-dpo-text = The data protection officer (DPO) appointed by the controller can be contacted at:
privacy-dpo-unset = The data protection officer (DPO) appointed by the controller can be contacted through the controller's contact details.
privacy-data-title = Data processed
privacy-data-intro = The following categories of data are processed:
privacy-data-account = registration data: username, display name, email address and password, stored only in a non-reversible hashed form;
privacy-data-profile = profile data entered voluntarily, such as organisation, job title, areas of expertise and a short biography;
privacy-data-content = content published in the community (questions, answers, comments, pages) and data on participation in activities;
privacy-data-reports = accessibility reports sent with the feedback form: the page concerned, the description of the problem and, if you give it, the email address for the reply; of the sender's IP address only a fingerprint (hash) is kept, used to limit repeated reports;
privacy-data-technical = technical data: IP address, date and time of access and operations, recorded for the security of the service.
privacy-purposes-title = Purposes and legal basis
privacy-purpose-community = Running the community of practice, registrations and participation in activities, for the performance of a task carried out in the public interest (Art. 6(1)(e) GDPR).
privacy-purpose-basis = The community operates on the basis of: { $basis }.
privacy-purpose-profile = Publishing the optional profile data, on the basis of the data subject's consent (Art. 6(1)(a) GDPR), which can be withdrawn at any time by deleting the data from the profile.
privacy-purpose-security = Security of the service, prevention of abuse and detection of offences (Art. 6(1)(c) and (e) and Art. 32 GDPR).
privacy-purpose-email = Sending service messages related to the account, such as email address confirmation and password recovery.
privacy-purpose-reports = Handling accessibility reports and replying to their senders, to comply with a legal obligation (Art. 6(1)(c) GDPR; Italian Law no. 4 of 9 January 2004).
privacy-provision-title = Whether providing data is required
privacy-provision-text = Registration data are needed to take part in the community: without them the account cannot be created. Providing the optional profile data is voluntary.
privacy-methods-title = How data are processed
privacy-methods-text = Data are processed with IT tools, by authorised staff, with technical and organisational measures that ensure their confidentiality, integrity and availability. No profiling and no decisions based solely on automated processing take place.
privacy-recipients-title = Recipients of the data
privacy-recipients-hosting = Data are processed by the controller's authorised staff, by the community moderators and by the hosting provider, { $provider }, appointed as processor under Art. 28 GDPR.
privacy-recipients-hosting-unset = Data are processed by the controller's authorised staff, by the community moderators and by the providers of technical services, such as hosting, appointed as processors under Art. 28 GDPR.
privacy-recipients-text = Profile information and published content are visible to other members according to the community's visibility rules. Data are not disclosed or communicated to third parties, except where required by law.
privacy-transfer-text = Any transfer of data to countries outside the European Union takes place only with the safeguards of Chapter V of the GDPR.
privacy-retention-title = Retention period
privacy-retention-text = Account data are kept while the membership is active and, after it ends, for the time set by the controller in compliance with its legal obligations. The platform itself deletes expired sessions and, after one day, the records of sign-in attempts. Accessibility reports are kept for as long as needed to handle them. Content published in the community may be kept as shared knowledge.
privacy-cookies-title = Cookies
privacy-cookies-intro = The site uses only the two technical cookies listed below, which it needs to work. It uses no profiling cookies, no analytics tools and no other third-party cookies, so no consent is required (Art. 122 of the Italian Personal Data Protection Code).
privacy-cookies-purpose = What it is for
privacy-cookies-duration = Duration
privacy-cookie-session-purpose = Session cookie. It holds only a random, encrypted code linking the browser to the session kept on the server: it keeps you signed in and lets the site check that submitted forms come from this site (the form check code is kept on the server, in the session, not in a separate cookie). It is set when you sign in or open a page with a form, even without signing in. Scripts on the page cannot read it.
privacy-cookie-session-duration = 14 days from the last change to the session; deleted when you sign out.
privacy-cookie-lang-purpose = Remembers the language chosen with the switch at the top of the page (it holds only "it" or "en"). It is set only if you choose a language.
privacy-cookie-lang-duration = One year.
privacy-cookies-external = Your browser never contacts other sites while you read the platform: images that members link from other sites are shown as plain links, and only a link you choose to follow takes you elsewhere.
privacy-rights-title = Your rights
privacy-rights-text = You can ask the controller at any time for access to your data, their rectification or erasure, restriction of processing and data portability, and you can object to the processing (Articles 15 to 22 GDPR), by writing to the controller's contact details.
privacy-complaint-text = If you believe that the processing of your data infringes the GDPR, you can lodge a complaint with the Italian data protection authority (Garante per la protezione dei dati personali, Art. 77 GDPR):
privacy-complaint-link = website of the Italian data protection authority (in Italian)
privacy-changes-title = Changes to this notice
privacy-changes-text = This notice may be updated; the version in force is always published on this page.

## Legal notes

legal-title = Legal notes
legal-owner-title = Site owner
legal-owner-text = { $site } is run by { $name }.
legal-owner-unset = { $site } is run by the public body that promotes the community of practice.
legal-purpose-title = Purpose of the site
legal-purpose-text = The site hosts a community of practice: a space where people working in public administration, and in the organisations involved in its projects, share experience, good practices and knowledge. The content is for information and professional exchange and does not replace official acts and communications.
legal-user-content-title = Content published by members
legal-user-content-text = Each member is responsible for the content they publish and undertakes to respect the law, the rights of others and the community's participation rules. Do not publish other people's personal data without good reason, confidential information or offensive content.
legal-moderation-text = Moderators may hide or remove content that breaks these rules and, in serious cases, suspend the account.
legal-report-email = To report content, write to:
legal-report-unset = To report content, contact the community moderators.
legal-copyright-title = Copyright and licences
legal-copyright-text = Unless stated otherwise, content published by the owner is released under the Creative Commons Attribution 4.0 International licence (CC BY 4.0), in line with the principle of open public data (Art. 52 of the Italian Digital Administration Code).
legal-copyright-link = Text of the CC BY 4.0 licence
legal-members-licence-text = Content published by members remains with its authors, who allow the community to use it under the conditions set by the participation rules.
legal-software-title = Software
legal-software-text = The site is built with Prassi, free software released under the European Union Public Licence (EUPL) version 1.2, which other administrations can reuse (Art. 69 of the Italian Digital Administration Code).
legal-software-link = Text of the EUPL 1.2 licence
legal-links-title = Links to other sites
legal-links-text = Links to external sites are provided for convenience: the owner is not responsible for their content or for how they process personal data.
legal-liability-title = Limitation of liability
legal-liability-text = The owner takes care that the information it publishes is accurate and up to date, but cannot guarantee that it is complete and error-free. Opinions expressed by members are their own and do not bind the owner or the administrations they belong to.
legal-related-title = See also

## Accessibility statement (AgID model)

a11y-title = Accessibility statement
a11y-intro = { $name } is committed to making its website accessible, in accordance with Italian Law no. 4 of 9 January 2004. This accessibility statement applies to { $site } ({ $url }).
a11y-intro-unset = The public body running { $site } is committed to making its website accessible, in accordance with Italian Law no. 4 of 9 January 2004. This accessibility statement applies to { $site } ({ $url }).
a11y-official-text = The official statement, compiled with the procedure of the Agency for Digital Italy, is published on the AgID website:
a11y-official-link = accessibility statement on form.agid.gov.it
a11y-status-title = Compliance status
a11y-status-compliant = Compliant
a11y-status-partial = Partially compliant
a11y-status-non_compliant = Not compliant
a11y-status-text-compliant = This website is compliant with the requirements of Annex A to the UNI CEI EN 301549 standard, which for websites correspond to the WCAG 2.1 level AA success criteria.
a11y-status-text-partial = This website is partially compliant with the requirements of Annex A to the UNI CEI EN 301549 standard, which for websites correspond to the WCAG 2.1 level AA success criteria, due to the non-compliances listed below.
a11y-status-text-non_compliant = This website is not compliant with the requirements of Annex A to the UNI CEI EN 301549 standard, which for websites correspond to the WCAG 2.1 level AA success criteria. The non-compliances are listed below.
a11y-status-pending = The first compliance evaluation has not been completed yet.
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
a11y-preparation-drafted = This statement was prepared on { $date }.
a11y-preparation-self = The evaluation is a self-assessment carried out directly by the provider, following the model of the AgID Guidelines on the accessibility of IT tools.
a11y-preparation-third_party = The evaluation was carried out by a third party, following the AgID Guidelines on the accessibility of IT tools.
a11y-preparation-reviewed = The statement was last reviewed on { $date }.
a11y-preparation-unset = The date of preparation will be given here once the first compliance evaluation is complete.
a11y-feedback-title = Feedback and contact information
a11y-feedback-text = To report non-compliance with the accessibility requirements, or to request in an accessible format information and content excluded from the scope of the directive, use the feedback form:
a11y-feedback-link = Report an accessibility problem
a11y-feedback-email = You can also write to:
a11y-feedback-response = The administration replies within thirty days of receiving the report.
a11y-procedure-title = Enforcement procedure
a11y-procedure-text = If the reply is unsatisfactory, or if there is no reply within thirty days of the notification or request, you can report the matter to the Digital Ombudsman (Difensore civico per il digitale) at the Agency for Digital Italy (Article 3-quinquies, paragraph 3, of Law no. 4 of 9 January 2004), with the form published on the AgID website:
a11y-procedure-link = Enforcement procedure on form.agid.gov.it (in Italian)
a11y-site-info-title = Information about the site
a11y-site-info-owner = Administration
a11y-site-info-standard = Reference requirements
a11y-site-info-standard-value = UNI CEI EN 301549, Annex A; WCAG 2.1 level AA
a11y-site-info-software = Software used
a11y-site-info-software-value = Prassi, free software for communities of practice
a11y-site-info-published = Site publication date

## Accessibility feedback form

a11y-report-title = Report an accessibility problem
a11y-report-intro = Did you find a page or a feature you cannot use, for example with the keyboard, with a screen reader or with enlarged text? Describe the problem: the report reaches the site's administrators. You do not need an account.
a11y-report-field-page = Page address
a11y-report-field-page-help = The address of the page with the problem, for example /forum or the full address copied from the browser.
a11y-report-field-description = Description of the problem
a11y-report-field-description-help = What you were trying to do, what did not work and, if you like, which tools you use (browser, screen reader, magnification). At least 10 characters.
a11y-report-field-email = Email for the reply
a11y-report-field-email-help = Optional: give it if you want a reply.
a11y-report-submit = Send the report
a11y-report-privacy = The data you send are processed as described in the privacy notice.
a11y-report-sent-title = Report sent
a11y-report-sent-text = Thank you: the report has been recorded and will be examined by the site's administrators.
a11y-report-sent-response = If you gave an email address, the administration replies within thirty days. If the reply is unsatisfactory or there is none, you can turn to the Digital Ombudsman, as described in the accessibility statement.
a11y-report-sent-back = Back to the accessibility statement
a11y-report-url-invalid = Give the page address: a path starting with / or an address starting with https://.
a11y-report-description-too-short = Describe the problem in at least 10 characters.
a11y-report-throttled = Too many reports have been sent from this connection in the last hour. Please try again later.
a11y-report-mail-subject = New accessibility report
a11y-report-mail-body = A new report has arrived from the accessibility statement's feedback form. The law requires a reply within thirty days.
a11y-report-mail-no-contact = not given
footer-a11y-report = Report an accessibility problem

## Layout: the main menu on narrow screens

nav-menu-toggle = Menu
