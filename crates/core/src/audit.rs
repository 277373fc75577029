//! The administrators' audit log: who changed the phase, approved whom, changed a role.

use diesel::prelude::*;
use prassi_db::models::AuditEntry;
use prassi_db::schema::audit_log;
use prassi_db::{DbConnection, UserId};

/// Appends one entry; call inside the transaction making the change.
pub fn record(
    conn: &mut DbConnection,
    actor: Option<&UserId>,
    action: &str,
    subject: &str,
    detail: &str,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(AuditEntry {
            id: prassi_db::fresh_id(),
            actor_id: actor.cloned(),
            action: action.into(),
            subject: subject.into(),
            detail: detail.into(),
            created_at: prassi_db::now(),
        })
        .execute(conn)
        .map(|_| ())
}

/// The newest entries, newest first.
pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<AuditEntry>> {
    audit_log::table
        .order(audit_log::created_at.desc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)
}
