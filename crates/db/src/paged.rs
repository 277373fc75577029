//! `LIMIT … OFFSET …` that PostgreSQL can plan once.
//!
//! diesel binds a query's limit and offset as parameters. A generic plan cannot know them, so
//! PostgreSQL prices it as if a tenth of the rows were skipped and a tenth returned, finds it
//! dearer than a plan made for the values, and so plans a list's statement again on every
//! execution (0.3–1.4 ms of planning for 0.1–0.2 ms of work on the large dataset; see
//! docs/performance.md). [`Paged`] writes the limit of a first page of a usual size as a literal
//! on PostgreSQL (`LIMIT 20`): the statement's text then depends only on that size, diesel
//! keeps it prepared, and PostgreSQL settles on a generic plan priced for twenty rows. Other
//! sizes, later pages, and SQLite bind both as before (so a client choosing odd page sizes
//! cannot make a connection keep a statement for each).

use diesel::backend::Backend;
use diesel::connection::Connection;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::query_dsl::RunQueryDsl;
use diesel::sql_types::BigInt;
use diesel::sqlite::Sqlite;
use diesel::QueryResult;

use crate::pool::MultiBackend;

/// A query with its page's limit and offset (see the module's documentation). The query must
/// have no limit or offset of its own.
#[derive(Debug, Clone)]
pub struct Paged<Q> {
    query: Q,
    window: Window,
}

/// The `LIMIT … OFFSET …` part.
#[derive(Debug, Clone, Copy)]
struct Window {
    limit: i64,
    offset: i64,
}

/// Adds [`paged`](PagedExt::paged) to queries, in place of diesel's `.limit(…).offset(…)`.
pub trait PagedExt: Sized {
    /// `self LIMIT limit OFFSET offset`, the first page plannable once on PostgreSQL.
    fn paged(self, limit: i64, offset: i64) -> Paged<Self> {
        Paged {
            query: self,
            window: Window { limit, offset },
        }
    }
}

impl<Q: Query> PagedExt for Q {}

impl<Q: Query> Query for Paged<Q> {
    type SqlType = Q::SqlType;
}

impl<Q> QueryId for Paged<Q> {
    type QueryId = ();
    // The first page's text holds its limit: the SQL itself is the cache key.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, C: Connection> RunQueryDsl<C> for Paged<Q> {}

impl<Q: QueryFragment<MultiBackend>> QueryFragment<MultiBackend> for Paged<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        self.query.walk_ast(out.reborrow())?;
        MultiBackend::walk_variant_ast(&self.window, out)
    }
}

fn bound<'b, DB>(window: &'b Window, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()>
where
    DB: Backend + diesel::sql_types::HasSqlType<BigInt>,
    i64: diesel::serialize::ToSql<BigInt, DB>,
{
    out.push_sql(" LIMIT ");
    out.push_bind_param::<BigInt, i64>(&window.limit)?;
    out.push_sql(" OFFSET ");
    out.push_bind_param::<BigInt, i64>(&window.offset)
}

impl QueryFragment<Sqlite> for Window {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        bound(self, out)
    }
}

/// Page sizes a first page writes as a literal on PostgreSQL.
const LITERAL_LIMITS: [i64; 4] = [10, 20, 50, 100];

impl QueryFragment<Pg> for Window {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        if self.offset == 0 && LITERAL_LIMITS.contains(&self.limit) {
            out.push_sql(&format!(" LIMIT {}", self.limit));
            Ok(())
        } else {
            bound(self, out)
        }
    }
}
