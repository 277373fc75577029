//! `prassi-db`: the one data layer. It owns the schema, row structs and forms, typed ids, the
//! connection pool over SQLite or PostgreSQL, the embedded migrations, the write-transaction
//! helper and the durable outbox. Nothing outside this crate opens a connection by itself.

pub mod counters;
pub mod enums;
pub mod ids;
pub mod models;
pub mod one_of;
pub mod outbox;
pub mod paged;
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
pub use paged::{Paged, PagedExt};
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

/// A fixed SQL expression of the program, written into the statement as it is (a correlated
/// subquery diesel's DSL cannot say, for instance). Unlike diesel's `sql()`, which makes its
/// statement be prepared again at every execution, the statement stays kept, cached by its
/// text. Only for text written in the source, never for input.
pub fn fixed_sql<ST>(text: &'static str) -> FixedSql<ST> {
    FixedSql(text, std::marker::PhantomData)
}

/// See [`fixed_sql`].
#[derive(Debug, Clone, Copy)]
pub struct FixedSql<ST>(&'static str, std::marker::PhantomData<ST>);

impl<ST: diesel::sql_types::SqlType + diesel::expression::TypedExpressionType> diesel::Expression
    for FixedSql<ST>
{
    type SqlType = ST;
}

impl<ST, QS: ?Sized> diesel::AppearsOnTable<QS> for FixedSql<ST> where Self: diesel::Expression {}

impl<ST, QS: ?Sized> diesel::SelectableExpression<QS> for FixedSql<ST> where Self: diesel::Expression
{}

impl<ST, GB> diesel::expression::ValidGrouping<GB> for FixedSql<ST> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

impl<ST> diesel::query_builder::QueryId for FixedSql<ST> {
    type QueryId = ();
    // The text is the statement's: statements are told apart by their text.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<ST, DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for FixedSql<ST> {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        out.push_sql(self.0);
        Ok(())
    }
}

/// A constant text written into the statement instead of bound as a parameter. PostgreSQL
/// plans a statement kept prepared once for every parameter value (its generic plan, after
/// five executions); a condition on a skewed column, such as `users.role = 'expert'` (62 of
/// 1,000 members), then looks as common as any other value, and the plan walks every active
/// member. Written out, the value's frequency is known to that plan. Only for constants of
/// the program (an enum's stored form), never for input. The statement stays kept: it is
/// cached by its text (diesel's `SqlLiteral` would make it be prepared at every execution).
pub fn constant(value: &'static str) -> Constant {
    Constant(value)
}

/// See [`constant`].
#[derive(Debug, Clone, Copy)]
pub struct Constant(&'static str);

impl diesel::Expression for Constant {
    type SqlType = diesel::sql_types::Text;
}

impl<QS: ?Sized> diesel::AppearsOnTable<QS> for Constant {}

impl<QS: ?Sized> diesel::SelectableExpression<QS> for Constant {}

impl<GB> diesel::expression::ValidGrouping<GB> for Constant {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

impl diesel::query_builder::QueryId for Constant {
    type QueryId = ();
    // The value is in the text, not the type: statements are told apart by their text.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for Constant {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        out.push_sql("'");
        out.push_sql(&self.0.replace('\'', "''"));
        out.push_sql("'");
        Ok(())
    }
}
