//! Stored counters: values that pages show (reputation, list totals) kept on rows and moved in
//! the transaction that changes them, so no page aggregates over an unbounded set per view.
//! The one statement both backends share for "add to this counter, creating its row" is
//! `INSERT … ON CONFLICT (…) DO UPDATE SET c = c + excluded.c`; only the bind placeholders
//! differ, which is why it lives here, matched on the connection variant once.

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::DbConnection;

/// Adds `deltas` (column, amount) to the counter row of `table` whose key columns hold the
/// given values, creating the row at the deltas when it is missing. Table and column names are
/// compile-time constants of the caller; only the key values are bound. Amounts of zero are
/// skipped, and nothing is written when all are zero.
pub fn bump(
    conn: &mut DbConnection,
    table: &'static str,
    keys: &[(&'static str, &str)],
    deltas: &[(&'static str, i64)],
) -> QueryResult<()> {
    let deltas: Vec<&(&str, i64)> = deltas.iter().filter(|(_, n)| *n != 0).collect();
    if deltas.is_empty() {
        return Ok(());
    }
    let placeholders: Vec<String> = (1..=keys.len())
        .map(|i| match conn {
            DbConnection::Sqlite(_) => "?".to_owned(),
            DbConnection::Postgresql(_) => format!("${i}"),
        })
        .collect();
    let key_columns: Vec<&str> = keys.iter().map(|(c, _)| *c).collect();
    let columns: Vec<&str> = deltas.iter().map(|(c, _)| *c).collect();
    let values: Vec<String> = deltas.iter().map(|(_, n)| n.to_string()).collect();
    let sets: Vec<String> = columns
        .iter()
        .map(|c| format!("{c} = {table}.{c} + excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({keys}, {cols}) VALUES ({params}, {vals}) \
         ON CONFLICT ({keys}) DO UPDATE SET {sets}",
        keys = key_columns.join(", "),
        cols = columns.join(", "),
        params = placeholders.join(", "),
        vals = values.join(", "),
        sets = sets.join(", "),
    );
    match conn {
        DbConnection::Sqlite(c) => {
            let mut q = diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>();
            for (_, v) in keys {
                q = q.bind::<Text, _>(*v);
            }
            q.execute(c)
        }
        DbConnection::Postgresql(c) => {
            let mut q = diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>();
            for (_, v) in keys {
                q = q.bind::<Text, _>(*v);
            }
            q.execute(c)
        }
    }
    .map(|_| ())
}
