//! Member profiles as a viewer may see them, the directory of consenting members, and
//! editing one's own profile.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{
    optional as optional_text, query_term, required as required_text, Checks,
};
use prassi_db::models::{Organisation, User, UserExpertise, UserProfileUpdateForm};
use prassi_db::schema::{organisations, user_expertise, users};
use prassi_db::{AccountStatus, DbConnection, OrganisationId, OrganisationKind, UserId};
use serde::{Deserialize, Serialize};

use super::lower;
use super::organisations::find_or_create_organisation;
use super::validation::{normalize_username, parse_expertise};

/// A member as shown on profiles, in the directory and in the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub status: String,
    pub organisation: Option<OrganisationView>,
    pub job_title: String,
    pub expertise: Vec<String>,
    pub bio_html: String,
    pub bio_md: String,
    pub directory_consent: bool,
    pub created_at: NaiveDateTime,
}

/// An organisation as shown to people.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub region: Option<String>,
}

impl From<Organisation> for OrganisationView {
    fn from(o: Organisation) -> Self {
        OrganisationView {
            id: o.id.0,
            name: o.name,
            kind: o.kind.as_str().into(),
            region: o.region,
        }
    }
}

/// Builds views for `rows` with two further queries in all (organisations are joined already;
/// expertise comes in one `IN` query), whatever the number of rows.
fn member_views(
    conn: &mut DbConnection,
    rows: Vec<(User, Option<Organisation>)>,
) -> AppResult<Vec<MemberView>> {
    let ids: Vec<UserId> = rows.iter().map(|(u, _)| u.id.clone()).collect();
    let mut areas: HashMap<UserId, Vec<String>> = HashMap::new();
    if !ids.is_empty() {
        let all: Vec<UserExpertise> = user_expertise::table
            .filter(user_expertise::user_id.one_of(&ids))
            .order(user_expertise::label.asc())
            .select(UserExpertise::as_select())
            .load(conn)?;
        for e in all {
            areas.entry(e.user_id).or_default().push(e.label);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(u, org)| MemberView {
            expertise: areas.remove(&u.id).unwrap_or_default(),
            id: u.id.0,
            username: u.username,
            display_name: u.display_name,
            role: u.role.as_str().into(),
            status: u.status.as_str().into(),
            organisation: org.map(Into::into),
            job_title: u.job_title,
            bio_html: prassi_core::markdown::render(&u.bio_md),
            bio_md: u.bio_md,
            directory_consent: u.directory_consent,
            created_at: u.created_at,
        })
        .collect())
}

/// One member by username, as `viewer` may see them: members who consented to the directory
/// are visible to whoever may read public content; others only to themselves and moderators.
pub fn member_profile(
    conn: &mut DbConnection,
    username: &str,
    viewer: &prassi_core::Viewer,
    phase: Phase,
) -> AppResult<MemberView> {
    let Ok(username) = normalize_username(username) else {
        return Err(AppError::not_found());
    };
    let row: Option<(User, Option<Organisation>)> = users::table
        .left_join(organisations::table)
        .filter(users::username.eq(username))
        .select((User::as_select(), Option::<Organisation>::as_select()))
        .first(conn)
        .optional()?;
    let (user, org) = row.ok_or_else(AppError::not_found)?;
    let is_self = viewer.user_id() == Some(&user.id);
    let listed = user.directory_consent
        && matches!(user.status, AccountStatus::Active | AccountStatus::Open)
        && prassi_core::access::can_see_directory(viewer, phase);
    if !(is_self || listed || viewer.is_moderator()) {
        return Err(AppError::not_found());
    }
    member_views(conn, vec![(user, org)])?
        .pop()
        .ok_or_else(AppError::not_found)
}

/// A profile with every module's activity lines, as `viewer` may see them.
pub fn member_profile_with_activity(
    conn: &mut DbConnection,
    state: &prassi_core::AppState,
    username: &str,
    viewer: &prassi_core::Viewer,
    phase: Phase,
    lang: &str,
) -> AppResult<(MemberView, Vec<prassi_core::state::ActivityItem>)> {
    let member = member_profile(conn, username, viewer, phase)?;
    let id = UserId::parse(&member.id).ok_or_else(AppError::not_found)?;
    let activity = state.profile_activity(conn, &id, viewer, phase, lang)?;
    Ok((member, activity))
}

/// Directory filters.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct DirectoryQuery {
    /// Words in the name, job title or username.
    pub q: Option<String>,
    /// An area of expertise (case-insensitive).
    pub expertise: Option<String>,
    /// An organisation id.
    pub organisation: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// One page of the directory: consenting members in good standing.
pub fn directory(
    conn: &mut DbConnection,
    query: &DirectoryQuery,
) -> AppResult<(Vec<MemberView>, prassi_core::pagination::PageInfo)> {
    let page = prassi_core::pagination::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve();
    let filtered = || {
        let mut q = users::table
            .left_join(organisations::table)
            .filter(users::directory_consent.eq(true))
            .filter(users::status.one_of([AccountStatus::Active, AccountStatus::Open]))
            .into_boxed();
        if let Some(text) = query_term(query.q.as_deref(), 100) {
            let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
            q = q.filter(
                lower(users::display_name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(users::job_title).like(pattern.clone()).escape('\\'))
                    .or(users::username.like(pattern).escape('\\')),
            );
        }
        if let Some(area) = query_term(query.expertise.as_deref(), 60) {
            q = q.filter(
                users::id.eq_any(
                    user_expertise::table
                        .filter(user_expertise::area_key.eq(area.to_lowercase()))
                        .select(user_expertise::user_id),
                ),
            );
        }
        if let Some(org) = query.organisation.as_deref().filter(|t| !t.is_empty()) {
            // A malformed id matches nothing rather than reaching the database.
            let id = OrganisationId::parse(org).map(|o| o.0).unwrap_or_default();
            q = q.filter(users::organisation_id.eq(id));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<(User, Option<Organisation>)> = filtered()
        .order((users::display_name.asc(), users::id.asc()))
        .limit(page.per_page)
        .offset(page.offset())
        .select((User::as_select(), Option::<Organisation>::as_select()))
        .load(conn)?;
    Ok((member_views(conn, rows)?, page.info(total)))
}

/// Expertise areas declared by consenting members, with counts, for the directory filter.
pub fn directory_areas(conn: &mut DbConnection) -> AppResult<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = user_expertise::table
        .inner_join(users::table)
        .filter(users::directory_consent.eq(true))
        .filter(users::status.one_of([AccountStatus::Active, AccountStatus::Open]))
        .group_by(user_expertise::area_key)
        .select((user_expertise::area_key, diesel::dsl::count_star()))
        .order(user_expertise::area_key.asc())
        .limit(200)
        .load(conn)?;
    Ok(rows)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// What the profile form submits.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProfileInput {
    pub display_name: String,
    pub organisation: String,
    #[serde(default)]
    pub organisation_kind: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    /// Comma-separated areas of expertise.
    #[serde(default)]
    pub expertise: Option<String>,
    #[serde(default)]
    pub bio_md: Option<String>,
    /// Explicit consent to appear in the member directory ("on" from a checkbox).
    #[serde(default, deserialize_with = "checkbox")]
    pub directory_consent: bool,
}

fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<B>::deserialize(d)? {
        None => false,
        Some(B::Bool(b)) => b,
        Some(B::Text(t)) => matches!(t.as_str(), "on" | "true" | "1" | "yes"),
    })
}

/// Saves the profile. Consent keeps its original time while it stays given.
pub fn update_profile(
    conn: &mut DbConnection,
    user_id: &UserId,
    input: &ProfileInput,
) -> AppResult<()> {
    let mut c = Checks::new();
    let display_name = c.check(required_text("display_name", &input.display_name, 100));
    c.check(required_text("organisation", &input.organisation, 200));
    let job_title = c.check(optional_text("job_title", input.job_title.as_deref(), 150));
    let bio = c.check(prassi_core::markdown::optional_body_text(
        "bio_md",
        input.bio_md.as_deref().unwrap_or(""),
        5000,
    ));
    let areas = c.check(parse_expertise(input.expertise.as_deref().unwrap_or("")));
    let kind = c.check_opt(
        match input.organisation_kind.as_deref().filter(|k| !k.is_empty()) {
            None => Ok(OrganisationKind::Other),
            Some(k) => OrganisationKind::parse(k)
                .ok_or_else(|| AppError::invalid("organisation_kind", "organisation-kind-invalid")),
        },
    );
    c.check(optional_text("region", input.region.as_deref(), 100));
    c.finish()?;
    let kind = kind.unwrap_or(OrganisationKind::Other);
    let org =
        find_or_create_organisation(conn, &input.organisation, kind, input.region.as_deref())?;
    let previous: Option<NaiveDateTime> = users::table
        .find(user_id)
        .select(users::consent_at)
        .first(conn)?;
    let now = prassi_db::now();
    let consent_at = if input.directory_consent {
        Some(previous.unwrap_or(now))
    } else {
        None
    };
    diesel::update(users::table.find(user_id))
        .set(UserProfileUpdateForm {
            display_name: &display_name,
            organisation_id: Some(&org),
            job_title: &job_title,
            bio_md: &bio,
            directory_consent: input.directory_consent,
            consent_at,
            updated_at: now,
        })
        .execute(conn)?;
    diesel::delete(user_expertise::table.filter(user_expertise::user_id.eq(user_id)))
        .execute(conn)?;
    // One statement per area (at most 20): diesel's multi-backend connection has no batch
    // insert, and this runs inside one transaction anyway.
    for (area_key, label) in areas {
        diesel::insert_into(user_expertise::table)
            .values(UserExpertise {
                user_id: user_id.clone(),
                area_key,
                label,
            })
            .execute(conn)?;
    }
    crate::search::MEMBERS.touch(conn, user_id.as_str())?;
    Ok(())
}

/// The account's own full record (for the profile form and `/api/v1/me`).
pub fn own_account(conn: &mut DbConnection, user_id: &UserId) -> AppResult<(User, MemberView)> {
    let row: (User, Option<Organisation>) = users::table
        .left_join(organisations::table)
        .filter(users::id.eq(user_id))
        .select((User::as_select(), Option::<Organisation>::as_select()))
        .first(conn)?;
    let user = row.0.clone();
    let view = member_views(conn, vec![row])?
        .pop()
        .ok_or_else(AppError::not_found)?;
    Ok((user, view))
}
