//! Row structs (what a `SELECT` returns) and insert/update forms (what a write takes), one set
//! per table. Feature crates build their joined view structs from these.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::enums::{
    AccountStatus, CloseReason, EmailTokenPurpose, EventFormat, EventStatus, GroupInvitationStatus,
    GroupRequestStatus, GroupRole, GroupVisibility, JoinPolicy, OrganisationKind, PostKind,
    PublicationStatus, RegistrationStatus, Role, WikiRevisionKind,
};
use crate::ids::{
    AnswerId, ApiTokenId, CategoryId, CommentId, DiscussionId, DocumentId, DocumentVersionId,
    EventId, GroupId, GroupInvitationId, GroupRequestId, NotificationEventId, OrganisationId,
    OutboxId, PageId, PostId, PublicationId, QuestionId, RegistrationId, TagId, TalkId, UserId,
};
use crate::schema::*;

/// An organisation members belong to (a municipality, a university, an association...).
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    pub region: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Insert form for [`Organisation`].
#[derive(Debug, Insertable)]
#[diesel(table_name = organisations)]
pub struct OrganisationInsertForm<'a> {
    pub id: &'a OrganisationId,
    pub name: &'a str,
    pub kind: OrganisationKind,
    pub region: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

/// An account. `password_hash` never leaves the accounts crate's services.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub role: Role,
    pub status: AccountStatus,
    pub email_verified_at: Option<NaiveDateTime>,
    pub organisation_id: Option<OrganisationId>,
    pub job_title: String,
    pub bio_md: String,
    pub directory_consent: bool,
    pub consent_at: Option<NaiveDateTime>,
    pub request_note: String,
    pub locale: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub password_changed_at: NaiveDateTime,
}

/// Insert form for [`User`].
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct UserInsertForm<'a> {
    pub id: &'a UserId,
    pub username: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub status: AccountStatus,
    pub email_verified_at: Option<NaiveDateTime>,
    pub organisation_id: Option<&'a OrganisationId>,
    pub job_title: &'a str,
    pub bio_md: &'a str,
    pub directory_consent: bool,
    pub consent_at: Option<NaiveDateTime>,
    pub request_note: &'a str,
    pub locale: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub password_changed_at: NaiveDateTime,
}

/// Update form for the parts of [`User`] a member edits on their profile.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct UserProfileUpdateForm<'a> {
    pub display_name: &'a str,
    pub organisation_id: Option<&'a OrganisationId>,
    pub job_title: &'a str,
    pub bio_md: &'a str,
    pub directory_consent: bool,
    pub consent_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

/// One declared area of expertise of a member.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = user_expertise)]
pub struct UserExpertise {
    pub user_id: UserId,
    pub area_key: String,
    pub label: String,
}

/// A revocable bearer token for API clients. Only the SHA-256 of the token is stored.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: String,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// Insert form for [`ApiToken`].
#[derive(Debug, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct ApiTokenInsertForm<'a> {
    pub id: &'a ApiTokenId,
    pub user_id: &'a UserId,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
}

/// A one-time emailed token (address verification, password reset). Only its hash is stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_tokens)]
pub struct EmailToken {
    pub id: String,
    pub user_id: UserId,
    pub purpose: EmailTokenPurpose,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

/// An invitation to join while the community is closed.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = invitations)]
pub struct Invitation {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<OrganisationId>,
    pub invited_by: Option<UserId>,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
}

/// One line of the administrators' audit log.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: String,
    pub actor_id: Option<UserId>,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub created_at: NaiveDateTime,
}

/// A durable event waiting for background work.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: OutboxId,
    pub topic: String,
    pub payload: String,
    pub created_at: NaiveDateTime,
    pub available_at: NaiveDateTime,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub locked_until: Option<NaiveDateTime>,
    pub processed_at: Option<NaiveDateTime>,
    /// The current claim's token: renewals and completion must present it.
    pub lease_token: Option<String>,
    /// Events with the same key (and topic) describe the same item and are handled once.
    pub merge_key: Option<String>,
}

/// A notification event: what happened (`kind`, e.g. `qa.answer_posted`), to which item
/// (`item_kind`, `item_id`), by whom, and who may read the item (`audience`, the stored form of
/// `prassi_core::access::Audience`). Written through `prassi_core::notify::record`, which
/// types the free-text columns; also the insert form.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = notification_events)]
pub struct NotificationEvent {
    pub id: NotificationEventId,
    pub kind: String,
    pub item_kind: String,
    pub item_id: String,
    pub actor_id: Option<UserId>,
    pub audience: String,
    pub created_at: NaiveDateTime,
}

/// A reply-by-email token (`mail_reply_tokens`), stored as its SHA-256; also the insert form.
/// `item_kind` is a `prassi_core::notify::ItemKind` string.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = mail_reply_tokens)]
pub struct MailReplyToken {
    pub token_hash: String,
    pub user_id: UserId,
    pub item_kind: String,
    pub item_id: String,
    pub created_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

/// One incoming reply-by-email message and its outcome (`mail_reply_log`); also the insert
/// form. `outcome` is `accepted` or a refusal's reason code.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = mail_reply_log)]
pub struct MailReplyLogEntry {
    pub id: crate::ids::MailReplyLogId,
    pub received_at: NaiveDateTime,
    pub source: String,
    pub outcome: String,
    pub user_id: Option<UserId>,
    pub item_kind: Option<String>,
    pub item_id: Option<String>,
    pub size_bytes: i64,
}

/// A shared tag of the Q&A vocabulary.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = tags)]
pub struct Tag {
    pub id: TagId,
    pub name: String,
    pub description: String,
    pub created_at: NaiveDateTime,
}

/// A question. `score` and `answer_count` are maintained with the votes and answers.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = questions)]
pub struct Question {
    pub id: QuestionId,
    pub author_id: UserId,
    pub title: String,
    pub body_md: String,
    pub audience: String,
    pub score: i32,
    pub answer_count: i32,
    pub accepted_answer_id: Option<AnswerId>,
    pub closed_reason: Option<CloseReason>,
    pub closed_note: Option<String>,
    pub duplicate_of: Option<QuestionId>,
    pub closed_by: Option<UserId>,
    pub closed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_activity_at: NaiveDateTime,
    /// The language of the content (a primary language tag, e.g. `it`).
    pub lang: String,
    /// The working group it was asked in (its audience is then the group's content audience).
    pub group_id: Option<GroupId>,
}

/// An answer to a question.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = answers)]
pub struct Answer {
    pub id: AnswerId,
    pub question_id: QuestionId,
    pub author_id: UserId,
    pub body_md: String,
    pub score: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language of the content (a primary language tag, e.g. `it`).
    pub lang: String,
}

/// A short comment on a question (no `answer_id`) or on an answer.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = qa_comments)]
pub struct QaComment {
    pub id: CommentId,
    pub question_id: QuestionId,
    pub answer_id: Option<AnswerId>,
    pub author_id: UserId,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// One member's vote on one post.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = qa_votes)]
pub struct QaVote {
    pub user_id: UserId,
    pub post_kind: PostKind,
    pub post_id: String,
    pub value: i32,
    pub created_at: NaiveDateTime,
}

/// One saved version of a question or answer.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = qa_revisions)]
pub struct QaRevision {
    pub id: String,
    pub post_kind: PostKind,
    pub post_id: String,
    pub author_id: Option<UserId>,
    pub title: Option<String>,
    pub body_md: String,
    pub tags: Option<String>,
    /// The editor's description of the change (empty for the original).
    pub summary: String,
    pub created_at: NaiveDateTime,
}

/// A forum category; its audience is the audience of every discussion in it.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = forum_categories)]
pub struct ForumCategory {
    pub id: CategoryId,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub position: i32,
    pub audience: String,
    pub created_at: NaiveDateTime,
    /// Discussions in the category, kept with every start and move.
    pub discussion_count: i64,
    /// The working group whose own category this is (one per group, made lazily).
    pub group_id: Option<GroupId>,
}

/// A discussion: a title over a thread of posts (the first is the opening post).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = discussions)]
pub struct Discussion {
    pub id: DiscussionId,
    pub category_id: CategoryId,
    pub author_id: UserId,
    pub title: String,
    pub pinned: bool,
    pub locked: bool,
    pub reply_count: i32,
    pub last_post_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language of the content (a primary language tag, e.g. `it`).
    pub lang: String,
}

/// One post of a discussion.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = forum_posts)]
pub struct ForumPost {
    pub id: PostId,
    pub discussion_id: DiscussionId,
    pub author_id: UserId,
    pub body_md: String,
    pub quote_of: Option<PostId>,
    pub hidden_reason: Option<String>,
    pub hidden_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language of the content (a primary language tag, e.g. `it`).
    pub lang: String,
}

/// One saved version of a forum post (and of the title, for opening posts).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = forum_revisions)]
pub struct ForumRevision {
    pub id: String,
    pub post_id: PostId,
    pub author_id: Option<UserId>,
    pub title: Option<String>,
    pub body_md: String,
    pub summary: String,
    pub created_at: NaiveDateTime,
}

/// A wiki page: its current title, body and settings. `revision` is the number of its latest
/// revision and the optimistic-concurrency counter every save is conditioned on.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = wiki_pages)]
pub struct WikiPage {
    pub id: PageId,
    pub slug: String,
    pub title: String,
    pub body_md: String,
    pub audience: String,
    pub parent_id: Option<PageId>,
    pub protected: bool,
    pub revision: i32,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language of the content (a primary language tag, e.g. `it`).
    pub lang: String,
    /// The working group it was made in (its audience is then the group's content audience).
    pub group_id: Option<GroupId>,
}

/// One saved version of a wiki page, numbered from 1.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = wiki_revisions)]
pub struct WikiRevision {
    pub id: String,
    pub page_id: PageId,
    pub number: i32,
    pub author_id: Option<UserId>,
    pub title: String,
    pub body_md: String,
    /// The page's categories at this revision, sorted, joined by ", ".
    pub categories: String,
    pub summary: String,
    pub kind: WikiRevisionKind,
    /// For a restore: the revision brought back.
    pub restored_from: Option<i32>,
    pub created_at: NaiveDateTime,
}

/// A comment on a wiki page's talk page.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = wiki_talk)]
pub struct WikiTalk {
    pub id: TalkId,
    pub page_id: PageId,
    pub author_id: UserId,
    pub body_md: String,
    pub created_at: NaiveDateTime,
}

crate::id_type!(
    /// Primary key of `a11y_reports`.
    A11yReportId
);

crate::text_enum!(
    /// Where an accessibility report stands; administrators move it along.
    A11yReportStatus {
        New => "new",
        InProgress => "in_progress",
        Resolved => "resolved",
    }
);

/// A report sent through the accessibility feedback form (`/accessibilita/segnalazione`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = a11y_reports)]
pub struct A11yReport {
    pub id: A11yReportId,
    /// The page the problem is on, as the reporter gave it (a path or an address).
    pub page_url: String,
    pub description: String,
    /// Where to answer; empty when the reporter left none.
    pub contact_email: String,
    /// The signed-in account that sent it, if any.
    pub reporter_id: Option<UserId>,
    /// SHA-256 of the client address, only to limit how many reports one address sends.
    #[serde(skip)]
    pub ip_hash: String,
    pub status: A11yReportStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A working group (`work_groups`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = work_groups)]
pub struct WorkGroup {
    pub id: GroupId,
    pub slug: String,
    pub name: String,
    pub description_md: String,
    pub visibility: GroupVisibility,
    pub join_policy: JoinPolicy,
    /// Members, coordinators included; moved in the transaction that changes membership.
    pub member_count: i64,
    /// Coordinators; a group never drops to zero (conditional updates).
    pub coordinator_count: i64,
    /// Bytes of every stored document version not deleted (the coordinators' quota line).
    pub storage_bytes: i64,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A member of a working group.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = group_members)]
pub struct GroupMember {
    pub group_id: GroupId,
    pub user_id: UserId,
    pub role: GroupRole,
    pub joined_at: NaiveDateTime,
}

/// A request to join a group (join policy `request`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = group_requests)]
pub struct GroupRequest {
    pub id: GroupRequestId,
    pub group_id: GroupId,
    pub user_id: UserId,
    pub message: String,
    pub status: GroupRequestStatus,
    /// Why it was refused, shown to the requester.
    pub reason: String,
    pub decided_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

/// An invitation to join a group.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = group_invitations)]
pub struct GroupInvitation {
    pub id: GroupInvitationId,
    pub group_id: GroupId,
    pub user_id: UserId,
    pub invited_by: Option<UserId>,
    pub status: GroupInvitationStatus,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

/// One line of a group's log: who did what to whom.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = group_log)]
pub struct GroupLogEntry {
    pub id: String,
    pub group_id: GroupId,
    pub actor_id: Option<UserId>,
    /// What happened (`created`, `joined`, `left`, `request_accepted`, `document_uploaded`, …).
    pub action: String,
    /// The member it happened to, if any.
    pub subject_id: Option<UserId>,
    pub detail: String,
    pub created_at: NaiveDateTime,
}

/// A document in a group's deposit; its files are its versions.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = group_documents)]
pub struct GroupDocument {
    pub id: DocumentId,
    pub group_id: GroupId,
    pub folder: String,
    pub title: String,
    pub description_md: String,
    pub current_version: i32,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

/// One uploaded file of a document, stored under the SHA-256 of its bytes.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = group_document_versions)]
pub struct GroupDocumentVersion {
    pub id: DocumentVersionId,
    pub document_id: DocumentId,
    pub version: i32,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

/// A group page proposed for publication as a public wiki page.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = group_publications)]
pub struct GroupPublication {
    pub id: PublicationId,
    pub group_id: GroupId,
    pub page_id: PageId,
    /// The revision of the group page that was proposed.
    pub revision: i32,
    pub status: PublicationStatus,
    pub public_page_id: Option<PageId>,
    pub proposed_by: Option<UserId>,
    pub decided_by: Option<UserId>,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

/// A community event (`agenda_events`). Times are UTC.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = agenda_events)]
pub struct AgendaEvent {
    pub id: EventId,
    pub title: String,
    pub description_md: String,
    pub theme: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub format: EventFormat,
    pub venue: String,
    pub address: String,
    /// Shown only to registered participants and organisers.
    pub online_url: String,
    pub audience: String,
    pub group_id: Option<GroupId>,
    pub status: EventStatus,
    /// Seats; `None` is unlimited.
    pub capacity: Option<i64>,
    /// Seats taken; moved in the transaction that registers, cancels or promotes.
    pub registered_count: i64,
    /// People in the waiting list.
    pub waiting_count: i64,
    pub registration_opens_at: Option<NaiveDateTime>,
    pub registration_closes_at: Option<NaiveDateTime>,
    /// iCalendar SEQUENCE.
    pub sequence: i32,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Feedback given after the event, and the sum of its ratings (the average is their ratio).
    pub feedback_count: i64,
    pub rating_sum: i64,
    /// Questions sent for question time (hidden ones excluded).
    pub question_count: i64,
    /// The wiki page the report was published to.
    pub report_page_id: Option<PageId>,
}

/// A registration to an event, or a place in its waiting list (`agenda_registrations`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = agenda_registrations)]
pub struct AgendaRegistration {
    pub id: RegistrationId,
    pub event_id: EventId,
    pub user_id: UserId,
    pub status: RegistrationStatus,
    pub show_publicly: bool,
    pub attended: bool,
    /// Orders the waiting list (then the id, time-ordered).
    pub created_at: NaiveDateTime,
    pub promoted_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub reminded_at: Option<NaiveDateTime>,
}

/// A block of an event's programme (`agenda_blocks`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = agenda_blocks)]
pub struct AgendaBlock {
    pub id: String,
    pub event_id: EventId,
    pub position: i32,
    pub kind: String,
    pub starts_at: NaiveDateTime,
    pub duration_min: i32,
    pub title: String,
}

/// A speaker of a programme block: a member, or an external person (`agenda_speakers`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = agenda_speakers)]
pub struct AgendaSpeaker {
    pub id: String,
    pub block_id: String,
    pub position: i32,
    pub user_id: Option<UserId>,
    pub name: String,
    pub role: String,
    pub affiliation: String,
}

/// A partner organisation of an event (`agenda_partners`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = agenda_partners)]
pub struct AgendaPartner {
    pub id: String,
    pub event_id: EventId,
    pub position: i32,
    pub name: String,
    pub city: String,
    pub country: String,
    pub kind: String,
}

/// An activity linked to an event: a study visit, a course, an earlier event (`agenda_links`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = agenda_links)]
pub struct AgendaLink {
    pub id: String,
    pub event_id: EventId,
    pub position: i32,
    pub title: String,
    pub kind: String,
    /// Free text ("marzo 2027", "2027-03-15").
    pub happens_on: String,
    pub url: String,
    pub description: String,
}

/// A question sent for an event's question time (`agenda_questions`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = agenda_questions)]
pub struct AgendaQuestion {
    pub id: String,
    pub event_id: EventId,
    pub author_id: Option<UserId>,
    pub body: String,
    /// Moved in the transaction that adds or removes a support.
    pub support_count: i64,
    /// The organisers' order; `None` comes after the ordered ones.
    pub position: Option<i32>,
    /// `open`, `answered` or `hidden`.
    pub status: String,
    pub answer_md: String,
    pub answered_by: Option<UserId>,
    pub answered_at: Option<NaiveDateTime>,
    /// The Q&A question it became.
    pub qa_question_id: Option<QuestionId>,
    pub created_at: NaiveDateTime,
}

/// A networking table of an event (`agenda_tables`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = agenda_tables)]
pub struct AgendaTable {
    pub id: String,
    pub event_id: EventId,
    pub position: i32,
    pub topic: String,
    pub facilitator_id: Option<UserId>,
    /// `None`: no limit.
    pub seats: Option<i64>,
    /// Moved in the transaction that seats or unseats someone.
    pub seated_count: i64,
    pub outcomes_md: String,
    pub outcomes_at: Option<NaiveDateTime>,
}

/// A poll (`polls`). Times are UTC.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = polls)]
pub struct Poll {
    pub id: crate::ids::PollId,
    pub question: String,
    pub description_md: String,
    /// `single`, `multiple` or `ranked`.
    pub kind: String,
    pub min_choices: i32,
    pub max_choices: i32,
    pub audience: String,
    pub group_id: Option<GroupId>,
    pub show_voters: bool,
    /// `always`, `after_vote`, `after_close` or `organisers`.
    pub results_visibility: String,
    pub allow_change: bool,
    pub secret: bool,
    pub on_home: bool,
    pub closes_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    /// Moved in the transaction that records a ballot.
    pub voter_count: i64,
    /// Counted when the poll closes.
    pub eligible_count: Option<i64>,
    /// Instant-runoff rounds as JSON, counted when a ranked poll closes.
    pub ranked_rounds: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An option of a poll (`poll_options`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = poll_options)]
pub struct PollOption {
    pub id: crate::ids::PollOptionId,
    pub poll_id: crate::ids::PollId,
    pub position: i32,
    pub label: String,
    pub vote_count: i64,
}

/// A decision recorded after a poll closed (`poll_decisions`); never changed.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = poll_decisions)]
pub struct PollDecision {
    pub id: crate::ids::PollDecisionId,
    pub poll_id: crate::ids::PollId,
    pub decision_md: String,
    pub deciders: String,
    /// `YYYY-MM-DD`.
    pub decided_on: String,
    pub turnout: i64,
    pub eligible: i64,
    pub corrects_id: Option<crate::ids::PollDecisionId>,
    pub recorded_by: Option<UserId>,
    pub recorded_at: NaiveDateTime,
}

/// A questionnaire (`questionnaires`). Times are UTC.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = questionnaires)]
pub struct Questionnaire {
    pub id: crate::ids::QuestionnaireId,
    pub title: String,
    pub description_md: String,
    pub audience: String,
    pub group_id: Option<GroupId>,
    pub anonymous: bool,
    pub allow_edit: bool,
    pub opens_at: NaiveDateTime,
    pub closes_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub results_published: bool,
    /// Submitted responses, moved in the transaction that submits one.
    pub response_count: i64,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A section of a questionnaire (`questionnaire_sections`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = questionnaire_sections)]
pub struct QuestionnaireSection {
    pub id: crate::ids::QuestionnaireSectionId,
    pub questionnaire_id: crate::ids::QuestionnaireId,
    pub position: i32,
    pub title: String,
    pub intro_md: String,
}

/// A question of a questionnaire (`questionnaire_questions`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = questionnaire_questions)]
pub struct QuestionnaireQuestion {
    pub id: crate::ids::QuestionnaireQuestionId,
    pub questionnaire_id: crate::ids::QuestionnaireId,
    pub section_id: crate::ids::QuestionnaireSectionId,
    pub position: i32,
    /// `single`, `multiple`, `short_text`, `long_text`, `scale`, `date` or `matrix`.
    pub kind: String,
    pub text: String,
    pub help: String,
    pub required: bool,
    pub min_choices: Option<i32>,
    pub max_choices: Option<i32>,
    pub scale_max: Option<i32>,
    pub scale_min_label: String,
    pub scale_max_label: String,
    /// Submitted responses that answer it.
    pub answer_count: i64,
    /// A scale's sum of submitted values.
    pub value_sum: i64,
}

/// An option, or a matrix's row or column (`questionnaire_options`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = questionnaire_options)]
pub struct QuestionnaireOption {
    pub id: crate::ids::QuestionnaireOptionId,
    pub question_id: crate::ids::QuestionnaireQuestionId,
    /// `choice`, `row` or `column`.
    pub axis: String,
    pub position: i32,
    pub label: String,
}

/// A member's response to a questionnaire (`questionnaire_responses`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, Serialize)]
#[diesel(table_name = questionnaire_responses)]
pub struct QuestionnaireResponse {
    pub id: crate::ids::QuestionnaireResponseId,
    pub questionnaire_id: crate::ids::QuestionnaireId,
    pub user_id: Option<UserId>,
    /// `draft` or `submitted`.
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
}
