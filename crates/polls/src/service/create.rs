//! Creating a poll: who may (moderators, administrators, and coordinators for their group),
//! and every field checked at once so that a form or an API call learns all its problems in
//! one answer. A poll's question and options are fixed once created: ballots point at option
//! positions, and changing what people voted for under them would falsify the count.

use std::collections::HashSet;

use chrono::Utc;
use diesel::prelude::*;
use prassi_core::access::{Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_db::ids::{PollId, PollOptionId};
use prassi_db::models::{Poll, PollOption};
use prassi_db::schema::{group_members, poll_options, polls, work_groups};
use prassi_db::{DbConnection, GroupId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Kind, Visibility, MAX_OPTIONS};

/// Longest question, in characters.
pub const MAX_QUESTION: usize = 300;
/// Longest description (Markdown).
pub const MAX_DESCRIPTION: usize = 20_000;
/// Longest option.
pub const MAX_OPTION: usize = 200;

/// A poll as its form (or JSON body) sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct PollInput {
    /// The question (at most 300 characters).
    pub question: String,
    /// Optional context, in Markdown.
    pub description_md: String,
    /// `single`, `multiple` or `ranked`.
    pub kind: String,
    /// From 2 to 20 options: a JSON array of texts, or (as the form sends it) one text with
    /// one option per line.
    #[serde(deserialize_with = "options_field")]
    pub options: Vec<String>,
    /// Multiple and ranked choice: the fewest options a ballot names (default 1).
    #[serde(deserialize_with = "number_text")]
    #[schema(value_type = Option<i32>)]
    pub min_choices: String,
    /// Multiple and ranked choice: the most options a ballot names (default: all).
    #[serde(deserialize_with = "number_text")]
    #[schema(value_type = Option<i32>)]
    pub max_choices: String,
    /// Optional: when the poll closes, Rome time (`2027-03-15T18:00`); in the future.
    pub closes_at: String,
    /// `public`, `members` (default) or `group` (with `group`).
    pub audience: String,
    /// A working group's slug: a group poll, for its members.
    pub group: String,
    /// Show who voted and what (never for a secret ballot).
    #[serde(deserialize_with = "flag")]
    pub show_voters: bool,
    /// When results are shown: `always` (default), `after_vote`, `after_close`, `organisers`.
    pub results: String,
    /// A vote may be changed until the poll closes (never for a secret ballot).
    #[serde(deserialize_with = "flag")]
    pub allow_change: bool,
    /// A secret ballot: who voted and what they voted are kept apart; results after closing.
    #[serde(deserialize_with = "flag")]
    pub secret: bool,
    /// On the home page (moderators and administrators only).
    #[serde(deserialize_with = "flag")]
    pub on_home: bool,
}

/// A checkbox or a JSON boolean: `true`, `1`, `on`, `yes` are true; absent or anything else
/// false.
pub fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum F {
        Bool(bool),
        Num(i64),
        Text(String),
    }
    Ok(match Option::<F>::deserialize(d)? {
        Some(F::Bool(b)) => b,
        Some(F::Num(n)) => n != 0,
        Some(F::Text(t)) => matches!(t.trim(), "1" | "true" | "on" | "yes" | "sì" | "si"),
        None => false,
    })
}

/// A JSON number or the text a form sends, kept as text (checked with the other fields).
pub fn number_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        Int(i64),
        Float(f64),
        Text(String),
    }
    Ok(match Option::<N>::deserialize(d)? {
        Some(N::Int(n)) => n.to_string(),
        Some(N::Float(f)) => f.to_string(),
        Some(N::Text(t)) => t,
        None => String::new(),
    })
}

/// Options as a JSON array, or as one text with one per line (blank lines before the first
/// and after the last are dropped; a blank line between two options is an empty option).
pub fn options_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum O {
        List(Vec<String>),
        Text(String),
    }
    Ok(match Option::<O>::deserialize(d)? {
        Some(O::List(v)) => v,
        Some(O::Text(t)) => lines(&t),
        None => Vec::new(),
    })
}

/// The options of a text, one per line, without the blank lines around them.
pub fn lines(text: &str) -> Vec<String> {
    let all: Vec<&str> = text.lines().collect();
    let first = all.iter().position(|l| !l.trim().is_empty());
    let last = all.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(a), Some(b)) => all[a..=b].iter().map(|l| l.trim().to_owned()).collect(),
        _ => Vec::new(),
    }
}

/// An option as duplicates are compared: lower case, spaces collapsed.
pub(crate) fn folded(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What a valid form becomes.
struct Checked {
    question: String,
    description_md: String,
    kind: Kind,
    options: Vec<String>,
    min: i32,
    max: i32,
    closes_at: Option<chrono::NaiveDateTime>,
    audience: Audience,
    group: Option<GroupId>,
    results: Visibility,
}

fn choices(c: &mut Checks, field: &str, raw: &str, default: i32) -> Option<i32> {
    match raw.trim() {
        "" => Some(default),
        t => match t.parse::<i32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                c.fail(field, "polls-choices-invalid");
                None
            }
        },
    }
}

/// The audience a form asks for (`public`, `members` or `group`) and the working group it
/// names by slug, which the viewer must belong to (administrators may name any). Problems go
/// to `c` under `audience` and `group`, with messages `<prefix>-group-unknown`,
/// `<prefix>-group-required` and `<prefix>-audience-invalid`. Polls and questionnaires share
/// it.
pub(crate) fn audience_and_group(
    conn: &mut DbConnection,
    viewer: &Viewer,
    c: &mut Checks,
    prefix: &str,
    audience: &str,
    group_slug: &str,
) -> AppResult<(Option<Audience>, Option<GroupId>)> {
    let mut group = None;
    let slug = group_slug.trim();
    if !slug.is_empty() {
        let found: Option<GroupId> = work_groups::table
            .filter(work_groups::slug.eq(slug))
            .select(work_groups::id)
            .first(conn)
            .optional()?;
        match found {
            Some(id)
                if viewer.is_admin()
                    || viewer.account().is_some_and(|a| a.groups.contains(&id.0)) =>
            {
                group = Some(id)
            }
            _ => c.fail("group", &format!("{prefix}-group-unknown")),
        }
    }
    let audience = match (audience.trim(), &group) {
        (_, Some(id)) => Some(Audience::Group(id.0.clone())),
        ("group", None) => {
            if !c.has("group") {
                c.fail("group", &format!("{prefix}-group-required"));
            }
            None
        }
        ("public", None) => Some(Audience::Public),
        ("members" | "", None) => Some(Audience::Members),
        _ => {
            c.fail("audience", &format!("{prefix}-audience-invalid"));
            None
        }
    };
    Ok((audience, group))
}

/// Checks every field at once.
fn check(conn: &mut DbConnection, viewer: &Viewer, input: &PollInput) -> AppResult<Checked> {
    let mut c = Checks::new();
    let question = c.check(input::required("question", &input.question, MAX_QUESTION));
    let description_md = c.check(prassi_core::markdown::optional_body_text(
        "description_md",
        &input.description_md,
        MAX_DESCRIPTION,
    ));
    let kind = match input.kind.trim() {
        "" => {
            c.fail("kind", "polls-kind-required");
            None
        }
        k => {
            let kind = Kind::parse(k);
            if kind.is_none() {
                c.fail("kind", "polls-kind-invalid");
            }
            kind
        }
    };
    // The options.
    let mut options = Vec::new();
    let mut seen = HashSet::new();
    for raw in &input.options {
        match input::optional("options", Some(raw), MAX_OPTION) {
            Ok(label) if label.is_empty() => c.fail("options", "polls-option-empty"),
            Ok(label) => {
                if !seen.insert(folded(&label)) {
                    c.fail("options", "polls-option-duplicate");
                }
                options.push(label);
            }
            Err(e) => {
                let message = if e.message == "field-too-long" {
                    "polls-option-too-long"
                } else {
                    "polls-option-bad-characters"
                };
                c.fail("options", message);
            }
        }
    }
    match input.options.len() {
        0 => c.fail("options", "polls-options-missing"),
        1 => c.fail("options", "polls-options-too-few"),
        n if n > MAX_OPTIONS => c.fail("options", "polls-options-too-many"),
        _ => {}
    }
    let n = i32::try_from(input.options.len()).unwrap_or(i32::MAX);
    let (min, max) = match kind {
        Some(Kind::Multiple | Kind::Ranked) => {
            let min = choices(&mut c, "min_choices", &input.min_choices, 1);
            let max = choices(&mut c, "max_choices", &input.max_choices, n.max(1));
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    c.fail("min_choices", "polls-min-above-max");
                }
                if hi > n && n >= 2 && n as usize <= MAX_OPTIONS {
                    c.fail("max_choices", "polls-max-above-options");
                }
            }
            (min.unwrap_or(1), max.unwrap_or(1))
        }
        _ => (1, 1),
    };
    let now = Utc::now().naive_utc();
    let closes_at = match input.closes_at.trim() {
        "" => None,
        raw => match prassi_agenda::time::parse_local(raw) {
            Some(t) if t <= now => {
                c.fail("closes_at", "polls-close-in-past");
                None
            }
            Some(t) => Some(t),
            None => {
                c.fail("closes_at", "polls-close-invalid");
                None
            }
        },
    };
    // The audience, and the group it may name.
    let (audience, group) =
        audience_and_group(conn, viewer, &mut c, "polls", &input.audience, &input.group)?;
    let results = match input.results.trim() {
        "" => Some(Visibility::Always),
        r => Visibility::parse(r),
    };
    if results.is_none() {
        c.fail("results", "polls-results-invalid");
    }
    if input.secret && input.show_voters {
        c.fail("show_voters", "polls-secret-no-voters");
    }
    if input.secret && input.allow_change {
        c.fail("allow_change", "polls-secret-no-change");
    }
    if input.on_home && !viewer.is_moderator() {
        c.fail("on_home", "polls-home-moderators-only");
    }
    c.finish()?;
    let missing = || AppError::internal("checked poll without a value");
    Ok(Checked {
        question,
        description_md,
        kind: kind.ok_or_else(missing)?,
        options,
        min,
        max,
        closes_at,
        audience: audience.ok_or_else(missing)?,
        group,
        results: results.ok_or_else(missing)?,
    })
}

/// Whether `viewer` may create polls: moderators and administrators, and group coordinators
/// (for their group's polls; the form's group is checked then).
pub fn may_create(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<bool> {
    if viewer.is_moderator() {
        return Ok(true);
    }
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(false);
    };
    Ok(diesel::select(diesel::dsl::exists(
        group_members::table
            .filter(group_members::user_id.eq(me))
            .filter(group_members::role.eq(prassi_db::GroupRole::Coordinator)),
    ))
    .get_result(conn)?)
}

/// Creates a poll with its options. Call inside a write transaction.
pub fn create(
    conn: &mut DbConnection,
    viewer: &Viewer,
    _phase: Phase,
    input: &PollInput,
) -> AppResult<PollId> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    if !may_create(conn, viewer)? {
        return Err(AppError::forbidden().with_message("polls-create-not-allowed"));
    }
    let v = check(conn, viewer, input)?;
    // A coordinator (not a moderator) creates polls only for a group they coordinate.
    if !viewer.is_moderator() {
        let ok = match &v.group {
            Some(g) => crate::access::coordinates(conn, viewer, g)?,
            None => false,
        };
        if !ok {
            return Err(AppError::invalid("group", "polls-group-coordinators"));
        }
    }
    let now = prassi_db::now();
    let id = PollId::new();
    diesel::insert_into(polls::table)
        .values(Poll {
            id: id.clone(),
            question: v.question,
            description_md: v.description_md,
            kind: v.kind.as_str().to_owned(),
            min_choices: v.min,
            max_choices: v.max,
            audience: v.audience.to_db(),
            group_id: v.group,
            show_voters: input.show_voters,
            results_visibility: v.results.as_str().to_owned(),
            allow_change: input.allow_change,
            secret: input.secret,
            on_home: input.on_home,
            closes_at: v.closes_at,
            closed_at: None,
            voter_count: 0,
            eligible_count: None,
            ranked_rounds: None,
            created_by: Some(me),
            created_at: now,
            updated_at: now,
        })
        .execute(conn)?;
    for (i, label) in v.options.into_iter().enumerate() {
        diesel::insert_into(poll_options::table)
            .values(PollOption {
                id: PollOptionId::new(),
                poll_id: id.clone(),
                position: i32::try_from(i).unwrap_or(i32::MAX),
                label,
                vote_count: 0,
            })
            .execute(conn)?;
    }
    crate::search::POLLS.touch(conn, id.as_str())?;
    Ok(id)
}

/// Puts a poll on the home page or takes it off (moderators and administrators). Call inside
/// a write transaction.
pub fn set_home(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    on_home: bool,
) -> AppResult<()> {
    let found = crate::access::readable_poll(conn, id, viewer, phase)?;
    if !viewer.is_moderator() {
        return Err(AppError::forbidden().with_message("polls-home-moderators-only"));
    }
    diesel::update(polls::table.find(&found.poll.id))
        .set((
            polls::on_home.eq(on_home),
            polls::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    prassi_core::audience_cache::content_changed();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_lines_keep_inner_blanks_and_fold_for_duplicates() {
        assert_eq!(lines("\n\n a \n\nb\n \n"), vec!["a", "", "b"]);
        assert!(lines(" \n ").is_empty());
        assert_eq!(folded("  Sì,   va  BENE "), "sì, va bene");
    }
}
