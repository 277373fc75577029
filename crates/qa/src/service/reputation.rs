//! Reputation and the Q&A lines of a profile, counted over what the viewer may see.

use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_db::schema::users;
use prassi_db::{DbConnection, UserId};

/// Reputation of `members`, counting only posts the viewer may read (so the number never
/// reveals hidden activity). One query over the maintained counters.
pub fn reputation(
    conn: &mut DbConnection,
    members: &[UserId],
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<HashMap<UserId, i64>> {
    let audiences = access::visible_audiences(viewer, phase);
    Ok(crate::counters::figures(conn, members, &audiences)?
        .into_iter()
        .map(|(who, f)| (who, f.reputation))
        .collect())
}

/// The Q&A lines of a member's profile: reputation, questions, answers, accepted answers,
/// all counted over what the viewer may see.
pub fn profile_activity(
    conn: &mut DbConnection,
    member: &UserId,
    viewer: &Viewer,
    phase: Phase,
    lang: &str,
) -> AppResult<Vec<prassi_core::state::ActivityItem>> {
    use prassi_core::i18n::t;
    let visible = access::visible_audiences(viewer, phase);
    let username: String = users::table
        .find(member)
        .select(users::username)
        .first(conn)?;
    let f = crate::counters::figures(conn, std::slice::from_ref(member), &visible)?
        .get(member)
        .copied()
        .unwrap_or_default();
    let (rep, asked, answered, accepted) = (f.reputation, f.questions, f.answers, f.accepted);
    let item = |label: &str, value: i64, href: String| prassi_core::state::ActivityItem {
        label: t(lang, label),
        value: value.to_string(),
        href,
    };
    Ok(vec![
        item("qa-rep-points-label", rep, "/qa/reputazione".into()),
        item(
            "qa-activity-questions",
            asked,
            format!("/qa?autore={username}"),
        ),
        item("qa-activity-answers", answered, String::new()),
        item("qa-activity-accepted", accepted, String::new()),
    ])
}
