//! Stored counters: values that pages show (reputation, list totals) kept on rows and moved in
//! the transaction that changes them, so no page aggregates over an unbounded set per view.
//! The one statement both backends share for "add to this counter, creating its row" is
//! `INSERT … ON CONFLICT (…) DO UPDATE SET c = c + excluded.c`; only the bind placeholders
//! differ, which is why it lives here, matched on the connection variant once.

use diesel::backend::Backend;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, HasSqlType, Text};

use crate::DbConnection;

/// Adds `deltas` (column, amount) to the counter row of `table` whose key columns hold the
/// given values, creating the row at the deltas when it is missing. Table and column names are
/// compile-time constants of the caller; key values and amounts are bound, so the statement's
/// text depends only on the table and the columns and each connection prepares it once (its
/// statement cache, keyed by the text). Amounts of zero are skipped, and nothing is written
/// when all are zero.
pub fn bump(
    conn: &mut DbConnection,
    table: &'static str,
    keys: &[(&'static str, &str)],
    deltas: &[(&'static str, i64)],
) -> QueryResult<()> {
    let deltas: Vec<(&'static str, i64)> =
        deltas.iter().copied().filter(|(_, n)| *n != 0).collect();
    if deltas.is_empty() {
        return Ok(());
    }
    let upsert = Upsert {
        table,
        keys,
        deltas: &deltas,
    };
    match conn {
        DbConnection::Sqlite(c) => upsert.execute(c),
        DbConnection::Postgresql(c) => upsert.execute(c),
    }
    .map(|_| ())
}

/// `INSERT INTO t (k…, c…) VALUES (?…, ?…) ON CONFLICT (k…) DO UPDATE SET c = t.c +
/// excluded.c, …`, every value a bind parameter.
struct Upsert<'a> {
    table: &'static str,
    keys: &'a [(&'static str, &'a str)],
    deltas: &'a [(&'static str, i64)],
}

impl<Conn> RunQueryDsl<Conn> for Upsert<'_> {}

impl QueryId for Upsert<'_> {
    type QueryId = ();
    // The text depends on the table and columns: the SQL itself is the cache key.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<DB> QueryFragment<DB> for Upsert<'_>
where
    DB: Backend + HasSqlType<Text> + HasSqlType<BigInt>,
    str: ToSql<Text, DB>,
    i64: ToSql<BigInt, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        let table = self.table;
        let keys = names(self.keys);
        let columns = names(self.deltas);
        let sets = self
            .deltas
            .iter()
            .map(|(c, _)| format!("{c} = {table}.{c} + excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_sql(&format!("INSERT INTO {table} ({keys}, {columns}) VALUES ("));
        for (i, (_, v)) in self.keys.iter().enumerate() {
            if i > 0 {
                out.push_sql(", ");
            }
            out.push_bind_param::<Text, str>(v)?;
        }
        for (_, n) in self.deltas {
            out.push_sql(", ");
            out.push_bind_param::<BigInt, i64>(n)?;
        }
        out.push_sql(&format!(") ON CONFLICT ({keys}) DO UPDATE SET {sets}"));
        Ok(())
    }
}

/// The column names of `pairs` (column, value), comma-separated.
fn names<T>(pairs: &[(&'static str, T)]) -> String {
    pairs.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
}
