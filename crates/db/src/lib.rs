//! `prassi-db`: the one data layer. It owns the schema, row structs and forms, typed ids, the
//! connection pool over SQLite or PostgreSQL, the embedded migrations, the write-transaction
//! helper and the durable outbox. Nothing outside this crate opens a connection by itself.

pub mod counters;
pub mod enums;
pub mod ids;
pub mod models;
pub mod one_of;
pub mod outbox;
pub mod pool;
pub mod schema;

pub use enums::{
    AccountStatus, CloseReason, EmailTokenPurpose, EventFormat, EventStatus, GroupInvitationStatus,
    GroupRequestStatus, GroupRole, GroupVisibility, JoinPolicy, OrganisationKind, PostKind,
    PublicationStatus, RegistrationStatus, Role, WikiRevisionKind,
};
pub use ids::{
    fresh_id, AnswerId, ApiTokenId, CategoryId, CommentId, DiscussionId, DocumentId,
    DocumentVersionId, EventId, GroupId, GroupInvitationId, GroupRequestId, NotificationEventId,
    OrganisationId, OutboxId, PageId, PostId, PublicationId, QuestionId, RegistrationId, TagId,
    TalkId, UserId,
};
pub use one_of::{OneOf, OneOfExt};
pub use pool::{
    in_transaction, insert_unless_exists, write_tx, BackendKind, Database, DbConnection,
    PooledConn, PING_BYPASS,
};

/// Errors from opening, pooling or migrating the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("no database connection available: {0}")]
    Pool(String),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

/// The current time as stored: UTC without offset, truncated to microseconds so that values
/// round-trip identically through SQLite text and PostgreSQL timestamps.
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}
