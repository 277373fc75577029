//! Three-way merge of a stale wiki save. The editor started from revision `base`; the page is
//! now at `theirs`; the editor submits `mine`. Whatever only one side changed is taken from that
//! side; the body is merged line by line (diffy), so edits to different paragraphs combine;
//! anything both sides changed differently is a conflict, reported by field so the editor can
//! resolve it — never silently dropped.

use prassi_db::PageId;

/// The mergeable state of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageState {
    pub title: String,
    pub body: String,
    /// Sorted, without repeats.
    pub categories: Vec<String>,
    pub parent: Option<PageId>,
}

/// Merges `mine` (based on `base`) with `theirs` (the current state). `Err` lists the fields
/// both sides changed in ways that cannot be combined: `title`, `body_md`, `parent`.
pub fn merge(
    base: &PageState,
    theirs: &PageState,
    mine: &PageState,
) -> Result<PageState, Vec<&'static str>> {
    let mut conflicts = Vec::new();
    let title = scalar(&base.title, &theirs.title, &mine.title);
    let parent = scalar(&base.parent, &theirs.parent, &mine.parent);
    let body = text(&base.body, &theirs.body, &mine.body);
    if title.is_none() {
        conflicts.push("title");
    }
    if body.is_none() {
        conflicts.push("body_md");
    }
    if parent.is_none() {
        conflicts.push("parent");
    }
    match (title, body, parent) {
        (Some(title), Some(body), Some(parent)) => Ok(PageState {
            title,
            body,
            categories: categories(&base.categories, &theirs.categories, &mine.categories),
            parent,
        }),
        _ => Err(conflicts),
    }
}

/// A value changed by at most one side (or by both the same way).
fn scalar<T: Clone + PartialEq>(base: &T, theirs: &T, mine: &T) -> Option<T> {
    if mine == base || mine == theirs {
        Some(theirs.clone())
    } else if theirs == base {
        Some(mine.clone())
    } else {
        None
    }
}

/// Texts merged line by line; `None` when the same lines changed on both sides.
fn text(base: &str, theirs: &str, mine: &str) -> Option<String> {
    if let Some(t) = scalar(&base, &theirs, &mine) {
        return Some(t.to_owned());
    }
    // diffy compares whole lines: give every text a final newline so a change to the last
    // line is not mistaken for a change to the line ending, then restore the editor's ending.
    let with_nl = |s: &str| {
        if s.ends_with('\n') {
            s.to_owned()
        } else {
            format!("{s}\n")
        }
    };
    let merged = diffy::merge(&with_nl(base), &with_nl(theirs), &with_nl(mine)).ok()?;
    Some(if mine.ends_with('\n') {
        merged
    } else {
        merged.trim_end_matches('\n').to_owned()
    })
}

/// Categories: the current set, plus what the editor added, minus what the editor removed.
fn categories(base: &[String], theirs: &[String], mine: &[String]) -> Vec<String> {
    let mut out: Vec<String> = theirs
        .iter()
        .filter(|c| !base.contains(c) || mine.contains(c))
        .cloned()
        .collect();
    for c in mine {
        if !base.contains(c) && !out.contains(c) {
            out.push(c.clone());
        }
    }
    out.sort();
    out
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn state(title: &str, body: &str, cats: &[&str]) -> PageState {
        PageState {
            title: title.into(),
            body: body.into(),
            categories: cats.iter().map(|c| c.to_string()).collect(),
            parent: None,
        }
    }

    #[test]
    fn edits_to_different_paragraphs_merge() {
        let base = state("T", "Uno.\n\nDue.\n\nTre.", &["a", "b"]);
        let theirs = state("T", "Uno, primo.\n\nDue.\n\nTre.", &["a", "b", "c"]);
        let mine = state("Titolo", "Uno.\n\nDue.\n\nTre, ultimo.", &["a"]);
        let m = merge(&base, &theirs, &mine).expect("merges");
        assert_eq!(m.body, "Uno, primo.\n\nDue.\n\nTre, ultimo.");
        assert_eq!(m.title, "Titolo");
        assert_eq!(m.categories, vec!["a", "c"]);
    }

    #[test]
    fn edits_to_the_same_line_conflict() {
        let base = state("T", "Uno.\n\nDue.", &[]);
        let theirs = state("T2", "Uno modificato.\n\nDue.", &[]);
        let mine = state("T3", "Uno cambiato.\n\nDue.", &[]);
        assert_eq!(merge(&base, &theirs, &mine), Err(vec!["title", "body_md"]));
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let base = state("T", "Uno.", &[]);
        let both = state("T", "Uno!", &[]);
        assert_eq!(
            merge(&base, &both, &both).map(|m| m.body),
            Ok("Uno!".to_owned())
        );
    }
}
