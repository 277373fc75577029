//! Edit histories shared by every module that keeps revisions (Q&A, forum, wiki): word-level
//! differences, so a reader sees which words changed rather than which lines, and the view of
//! a list of revisions with each one's change against the one before.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use prassi_db::UserId;
use serde::Serialize;

use crate::people::{AuthorRow, AuthorView};

/// One piece of a word-level difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DiffSegment {
    /// `equal`, `insert` or `delete`.
    pub kind: &'static str,
    pub text: String,
}

/// The word-level difference between two texts, runs of the same kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSegment> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<DiffSegment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Insert => "insert",
            ChangeTag::Delete => "delete",
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(DiffSegment {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    out
}

/// One stored revision, whatever module it comes from.
#[derive(Debug, Clone)]
pub struct Revision {
    pub author_id: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub summary: String,
    pub title: Option<String>,
    pub tags: Option<String>,
    pub body: String,
}

/// One revision as a history page shows it: what changed against the one before.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionView {
    /// 1 is the original.
    pub number: usize,
    pub author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    pub summary: String,
    pub title: Option<String>,
    pub tags: Option<String>,
    pub diff: Vec<DiffSegment>,
    pub title_diff: Option<Vec<DiffSegment>>,
    pub tags_diff: Option<Vec<DiffSegment>>,
}

/// Views of `revisions` (oldest first in), newest first out.
pub fn revision_views(
    revisions: &[Revision],
    authors: &HashMap<UserId, AuthorRow>,
) -> Vec<RevisionView> {
    let changed = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) if a != b => Some(word_diff(a, b)),
        _ => None,
    };
    let mut out = Vec::with_capacity(revisions.len());
    let mut prev: Option<&Revision> = None;
    for (i, r) in revisions.iter().enumerate() {
        out.push(RevisionView {
            number: i + 1,
            author: r
                .author_id
                .as_ref()
                .and_then(|id| authors.get(id))
                .map(AuthorView::of),
            created_at: r.created_at,
            summary: r.summary.clone(),
            title: r.title.clone(),
            tags: r.tags.clone(),
            diff: word_diff(prev.map_or("", |p| p.body.as_str()), &r.body),
            title_diff: prev.and_then(|p| changed(&p.title, &r.title)),
            tags_diff: prev.and_then(|p| changed(&p.tags, &r.tags)),
        });
        prev = Some(r);
    }
    out.reverse();
    out
}

/// Views of `revisions` (oldest first), with their authors looked up in one query.
pub fn views_with_authors(
    conn: &mut prassi_db::DbConnection,
    revisions: Vec<Revision>,
) -> diesel::QueryResult<Vec<RevisionView>> {
    let ids: Vec<UserId> = revisions
        .iter()
        .filter_map(|r| r.author_id.clone())
        .collect();
    let authors = crate::people::authors_by_id(conn, &ids)?;
    Ok(revision_views(&revisions, &authors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changed_words_and_merges_runs() {
        let d = word_diff("il comune di Padova", "il comune di Venezia e Padova");
        let ins: Vec<&str> = d
            .iter()
            .filter(|s| s.kind == "insert")
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(ins.concat().trim(), "Venezia e");
        assert!(d.iter().all(|s| s.kind != "delete"));
        let rebuilt: String = d
            .iter()
            .filter(|s| s.kind != "delete")
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(rebuilt, "il comune di Venezia e Padova");
        assert_eq!(word_diff("", "nuovo")[0].kind, "insert");
    }
}
