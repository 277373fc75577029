//! `column IN (values)` as a statement both backends can keep prepared.
//!
//! diesel's `eq_any` over a list writes one placeholder per value and marks the statement as
//! not cacheable on SQLite, so every list page, filtered by the reader's audiences, prepared its
//! statements again on every view (about 290,000 instructions per statement on the large
//! dataset, a quarter of the signed-in home page before its blocks were cached). [`OneOf`]
//! writes the same SQL but pads the list to the next power of two with its last value, so a
//! statement's text depends only on that size and diesel's statement cache keeps it: a reader of
//! 3 audiences and one of 4 share one prepared statement, and a page of 20 ids and one of 17
//! share another. On PostgreSQL it is `= ANY($1)`, one array parameter, which diesel already
//! caches. Repeating a value in an `IN` list changes nothing in what it matches.

use diesel::backend::Backend;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{Array, Bool, HasSqlType, SqlType};
use diesel::sqlite::Sqlite;
use diesel::QueryResult;

use crate::pool::MultiBackend;

/// `column IN (values)`, cacheable on both backends (see the module's documentation). An empty
/// list matches nothing.
#[derive(Debug, Clone)]
pub struct OneOf<C, T> {
    column: C,
    values: Vec<T>,
}

/// Adds [`one_of`](OneOfExt::one_of) to every expression, next to diesel's `eq_any`.
pub trait OneOfExt: Expression + Sized {
    /// `self IN (values)`, as a statement diesel keeps prepared on both backends. Use it
    /// instead of `eq_any` for a list of values; `eq_any` stays right for a subquery.
    fn one_of<T, I>(self, values: I) -> OneOf<Self, T>
    where
        I: IntoIterator<Item = T>,
        T: Clone,
    {
        let mut values: Vec<T> = values.into_iter().collect();
        if let Some(last) = values.last().cloned() {
            values.resize(values.len().next_power_of_two(), last);
        }
        OneOf {
            column: self,
            values,
        }
    }
}

impl<E: Expression> OneOfExt for E {}

impl<C: Expression, T> Expression for OneOf<C, T> {
    type SqlType = Bool;
}

impl<C, T, GB> ValidGrouping<GB> for OneOf<C, T>
where
    C: ValidGrouping<GB>,
{
    type IsAggregate = C::IsAggregate;
}

impl<C, T, QS> AppearsOnTable<QS> for OneOf<C, T>
where
    C: AppearsOnTable<QS>,
    Self: Expression,
{
}

impl<C, T, QS> SelectableExpression<QS> for OneOf<C, T>
where
    C: SelectableExpression<QS>,
    Self: AppearsOnTable<QS>,
{
}

impl<C, T> QueryId for OneOf<C, T> {
    type QueryId = ();
    // The statement's text depends on the list's (padded) length, so the SQL itself is the
    // cache key.
    const HAS_STATIC_QUERY_ID: bool = false;
}

fn match_nothing<DB: Backend>(mut out: AstPass<'_, '_, DB>) -> QueryResult<()> {
    out.push_sql("1 = 0");
    Ok(())
}

impl<C, T> QueryFragment<Sqlite> for OneOf<C, T>
where
    C: Expression + QueryFragment<Sqlite>,
    C::SqlType: SqlType,
    Sqlite: HasSqlType<C::SqlType>,
    T: ToSql<C::SqlType, Sqlite>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        if self.values.is_empty() {
            return match_nothing(out);
        }
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (");
        for (i, value) in self.values.iter().enumerate() {
            if i > 0 {
                out.push_sql(", ");
            }
            out.push_bind_param::<C::SqlType, T>(value)?;
        }
        out.push_sql(")");
        Ok(())
    }
}

impl<C, T> QueryFragment<Pg> for OneOf<C, T>
where
    C: Expression + QueryFragment<Pg>,
    C::SqlType: SqlType,
    Pg: HasSqlType<Array<C::SqlType>>,
    Vec<T>: ToSql<Array<C::SqlType>, Pg>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        if self.values.is_empty() {
            return match_nothing(out);
        }
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" = ANY(");
        out.push_bind_param::<Array<C::SqlType>, Vec<T>>(&self.values)?;
        out.push_sql(")");
        Ok(())
    }
}

impl<C, T> QueryFragment<MultiBackend> for OneOf<C, T>
where
    Self: QueryFragment<Sqlite> + QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        MultiBackend::walk_variant_ast(self, pass)
    }
}
