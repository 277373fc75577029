//! Groups themselves: create (the creator is the first coordinator), edit the settings, list
//! the groups a viewer may see, show one group as a viewer sees it.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::access::{Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::settings::GroupCreators;
use prassi_db::models::WorkGroup;
use prassi_db::schema::{
    group_invitations, group_members, group_organisations, group_requests, organisations,
    work_groups,
};
use prassi_db::{
    DbConnection, GroupId, GroupInvitationStatus, GroupRequestStatus, GroupRole, GroupVisibility,
    JoinPolicy, OrganisationId,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{actor, add_member, record, MAX_DESCRIPTION, MAX_NAME, MAX_SLUG};
use crate::access::{self, Readable, Standing};

/// Slugs the pages use for their own routes (`/gruppi/nuovo`, `/gruppi/inviti`), and the API
/// for its own (`/api/v1/groups/invitations`).
const RESERVED_SLUGS: &[&str] = &[
    "nuovo",
    "inviti",
    "invitations",
    "pubblicazioni",
    "publications",
];

/// A group's settings as a form or a JSON body sends them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct GroupInput {
    pub name: String,
    /// The address (`/gruppi/<slug>`); empty: derived from the name. Ignored when editing.
    #[serde(default)]
    #[schema(default = "")]
    pub slug: String,
    /// Markdown.
    #[serde(default)]
    #[schema(default = "")]
    pub description_md: String,
    /// Names of existing organisations, separated by commas or new lines; may be empty.
    #[serde(default)]
    #[schema(default = "")]
    pub organisations: String,
    /// `public`, `listed` or `secret`.
    pub visibility: String,
    /// `open`, `request` or `invitation`.
    pub join_policy: String,
}

impl GroupInput {
    /// The form of an existing group.
    pub fn of(detail: &GroupDetail) -> Self {
        GroupInput {
            name: detail.name.clone(),
            slug: detail.slug.clone(),
            description_md: detail.description_md.clone(),
            organisations: detail.organisations.join(", "),
            visibility: detail.visibility.as_str().into(),
            join_policy: detail.join_policy.as_str().into(),
        }
    }
}

/// What a checked [`GroupInput`] holds.
struct Checked {
    name: String,
    slug: String,
    description_md: String,
    organisations: Vec<OrganisationId>,
    visibility: GroupVisibility,
    join_policy: JoinPolicy,
}

/// The slug a name gives.
pub fn slug_of(name: &str) -> String {
    let s: String = slug::slugify(name).chars().take(MAX_SLUG).collect();
    s.trim_end_matches('-').to_owned()
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Checks every field at once; `editing` is the group being edited (its slug is kept).
fn check(
    conn: &mut DbConnection,
    input: &GroupInput,
    editing: Option<&GroupId>,
) -> AppResult<Checked> {
    let mut c = Checks::new();
    let name = c.check(input::required("name", &input.name, MAX_NAME));
    let description_md = c.check(prassi_core::markdown::optional_body_text(
        "description_md",
        &input.description_md,
        MAX_DESCRIPTION,
    ));
    let visibility = GroupVisibility::parse(input.visibility.trim());
    if visibility.is_none() {
        c.fail("visibility", "groups-visibility-invalid");
    }
    let join_policy = JoinPolicy::parse(input.join_policy.trim());
    if join_policy.is_none() {
        c.fail("join_policy", "groups-join-policy-invalid");
    }
    let mut slug = String::new();
    if editing.is_none() {
        let given = c.check(input::optional("slug", Some(&input.slug), MAX_SLUG * 4));
        if !c.has("slug") {
            if given.is_empty() {
                slug = slug_of(&name);
                if slug.is_empty() && !c.has("name") {
                    c.fail("slug", "groups-slug-invalid");
                }
            } else if valid_slug(&given) {
                slug = given;
            } else {
                c.fail("slug", "groups-slug-invalid");
            }
        }
        if !slug.is_empty() && !c.has("slug") {
            let taken: i64 = work_groups::table
                .filter(work_groups::slug.eq(&slug))
                .count()
                .get_result(conn)?;
            if taken > 0 || RESERVED_SLUGS.contains(&slug.as_str()) {
                // The field named is the one that gave the slug.
                let field = if input.slug.trim().is_empty() {
                    "name"
                } else {
                    "slug"
                };
                c.fail(field, "groups-slug-taken");
            }
        }
    }
    let wanted: Vec<String> = c
        .check(input::optional(
            "organisations",
            Some(&input.organisations),
            2_000,
        ))
        .split([',', '\n'])
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let mut orgs = Vec::new();
    if !wanted.is_empty() {
        let found: Vec<(OrganisationId, String)> = organisations::table
            .filter(organisations::name.one_of(&wanted))
            .select((organisations::id, organisations::name))
            .load(conn)?;
        if wanted.iter().any(|w| !found.iter().any(|(_, n)| n == w)) {
            c.fail("organisations", "groups-unknown-organisation");
        }
        orgs = found.into_iter().map(|(id, _)| id).collect();
        orgs.sort();
        orgs.dedup();
    }
    c.finish()?;
    Ok(Checked {
        name,
        slug,
        description_md,
        organisations: orgs,
        visibility: visibility.unwrap_or(GroupVisibility::Listed),
        join_policy: join_policy.unwrap_or(JoinPolicy::Request),
    })
}

/// Whether the viewer may create groups under the site setting.
pub fn may_create(viewer: &Viewer, creators: GroupCreators) -> bool {
    match creators {
        GroupCreators::Admins => viewer.is_admin(),
        GroupCreators::Members => viewer.is_member(),
    }
}

/// Creates a group; the creator becomes its first coordinator. `Forbidden` unless the site
/// setting lets the viewer create groups.
pub fn create(
    conn: &mut DbConnection,
    viewer: &Viewer,
    creators: GroupCreators,
    input: &GroupInput,
) -> AppResult<WorkGroup> {
    let me = actor(viewer)?.clone();
    if !may_create(viewer, creators) {
        return Err(AppError::forbidden().with_message("groups-create-forbidden"));
    }
    let v = check(conn, input, None)?;
    let now = prassi_db::now();
    let group = WorkGroup {
        id: GroupId::new(),
        slug: v.slug,
        name: v.name,
        description_md: v.description_md,
        visibility: v.visibility,
        join_policy: v.join_policy,
        member_count: 0,
        coordinator_count: 0,
        storage_bytes: 0,
        created_by: Some(me.clone()),
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(work_groups::table)
        .values(&group)
        .execute(conn)?;
    set_organisations(conn, &group.id, &v.organisations)?;
    add_member(conn, &group.id, &me, GroupRole::Coordinator)?;
    record(conn, &group.id, Some(&me), "created", None, &group.name)?;
    Ok(WorkGroup {
        member_count: 1,
        coordinator_count: 1,
        ..group
    })
}

fn set_organisations(
    conn: &mut DbConnection,
    group: &GroupId,
    orgs: &[OrganisationId],
) -> AppResult<()> {
    diesel::delete(group_organisations::table.filter(group_organisations::group_id.eq(group)))
        .execute(conn)?;
    for o in orgs {
        diesel::insert_into(group_organisations::table)
            .values((
                group_organisations::group_id.eq(group),
                group_organisations::organisation_id.eq(o),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether any question, wiki page or forum category belongs to the group.
fn has_content(conn: &mut DbConnection, group: &GroupId) -> AppResult<bool> {
    use diesel::dsl::exists;
    use prassi_db::schema::{forum_categories, questions, wiki_pages};
    let questions: bool = diesel::select(exists(
        questions::table.filter(questions::group_id.eq(group)),
    ))
    .get_result(conn)?;
    let pages: bool = diesel::select(exists(
        wiki_pages::table.filter(wiki_pages::group_id.eq(group)),
    ))
    .get_result(conn)?;
    let categories: bool = diesel::select(exists(
        forum_categories::table.filter(forum_categories::group_id.eq(group)),
    ))
    .get_result(conn)?;
    Ok(questions || pages || categories)
}

/// Changes a group's settings (coordinators and administrators); the slug stays. A group with
/// content keeps its side of the public line (see [`has_content`]): public stays public, listed
/// and secret may swap.
pub fn update(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: &GroupInput,
) -> AppResult<WorkGroup> {
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_coordinator()?;
    let me = actor(viewer)?.clone();
    let v = check(conn, input, Some(&r.group.id))?;
    // Content made in a public group is public (its audience is stored on each item); content
    // of a listed or secret group has the group's own audience. Crossing that line would leave
    // the content with the old audience, so it is refused once the group has content.
    let public = |g: GroupVisibility| g == GroupVisibility::Public;
    if public(v.visibility) != public(r.group.visibility) && has_content(conn, &r.group.id)? {
        return Err(AppError::invalid("visibility", "groups-visibility-locked"));
    }
    let now = prassi_db::now();
    diesel::update(work_groups::table.find(&r.group.id))
        .set((
            work_groups::name.eq(&v.name),
            work_groups::description_md.eq(&v.description_md),
            work_groups::visibility.eq(v.visibility),
            work_groups::join_policy.eq(v.join_policy),
            work_groups::updated_at.eq(now),
        ))
        .execute(conn)?;
    set_organisations(conn, &r.group.id, &v.organisations)?;
    let mut changes = Vec::new();
    if v.visibility != r.group.visibility {
        changes.push(format!("visibility={}", v.visibility.as_str()));
    }
    if v.join_policy != r.group.join_policy {
        changes.push(format!("join_policy={}", v.join_policy.as_str()));
    }
    if v.name != r.group.name {
        changes.push(format!("name={}", v.name));
    }
    record(
        conn,
        &r.group.id,
        Some(&me),
        "settings_changed",
        None,
        &changes.join(", "),
    )?;
    Ok(WorkGroup {
        name: v.name,
        description_md: v.description_md,
        visibility: v.visibility,
        join_policy: v.join_policy,
        updated_at: now,
        ..r.group
    })
}

/// A group in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupSummary {
    pub slug: String,
    pub name: String,
    /// The description as plain text, shortened.
    pub excerpt: String,
    #[schema(value_type = String)]
    pub visibility: GroupVisibility,
    #[schema(value_type = String)]
    pub join_policy: JoinPolicy,
    pub member_count: i64,
    pub url: String,
    /// The viewer's role in the group (`coordinator`, `member`), or none.
    #[schema(value_type = Option<String>)]
    pub my_role: Option<GroupRole>,
}

/// A page of groups.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupList {
    pub items: Vec<GroupSummary>,
    pub page: PageInfo,
}

/// The URL of a group's page.
pub fn group_url(slug: &str) -> String {
    format!("/gruppi/{slug}")
}

fn excerpt(md: &str) -> String {
    prassi_core::markdown::excerpt(md, 200)
}

type VisibleFilter<'a> =
    diesel::dsl::IntoBoxed<'a, work_groups::table, <DbConnection as diesel::Connection>::Backend>;

/// The groups the viewer may see as a boxed query (administrators: all; members: public,
/// listed and their own; others who may read public content: public ones).
fn visible_query<'a>(viewer: &'a Viewer, phase: Phase, mine_only: bool) -> VisibleFilter<'a> {
    let mut q = work_groups::table.into_boxed();
    let own = viewer.user_id().filter(|_| viewer.is_member()).map(|me| {
        group_members::table
            .filter(group_members::user_id.eq(me))
            .select(group_members::group_id)
    });
    if mine_only {
        return match own {
            Some(sub) => q.filter(work_groups::id.eq_any(sub)),
            None => q.filter(work_groups::id.eq("")),
        };
    }
    if viewer.is_admin() {
        return q;
    }
    let mut kinds = Vec::new();
    if viewer.is_member() {
        kinds.extend([GroupVisibility::Public, GroupVisibility::Listed]);
    } else if prassi_core::access::can(viewer, phase, &Audience::Public, Action::Read) {
        kinds.push(GroupVisibility::Public);
    }
    q = match own {
        Some(sub) => q.filter(
            work_groups::visibility
                .one_of(kinds)
                .or(work_groups::id.eq_any(sub)),
        ),
        None => q.filter(work_groups::visibility.one_of(kinds)),
    };
    q
}

/// The groups the viewer may see, by name, paged; `mine_only` keeps the viewer's own. Three
/// queries.
pub fn visible_groups(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    mine_only: bool,
    page: PageRequest,
) -> AppResult<GroupList> {
    let total: i64 = visible_query(viewer, phase, mine_only)
        .count()
        .get_result(conn)?;
    let rows: Vec<WorkGroup> = visible_query(viewer, phase, mine_only)
        .order((work_groups::name.asc(), work_groups::id.asc()))
        .limit(page.per_page)
        .offset(page.offset())
        .select(WorkGroup::as_select())
        .load(conn)?;
    let roles = my_roles(conn, viewer, rows.iter().map(|g| g.id.clone()).collect())?;
    let items = rows
        .into_iter()
        .map(|g| GroupSummary {
            url: group_url(&g.slug),
            excerpt: excerpt(&g.description_md),
            my_role: roles.get(&g.id).copied(),
            slug: g.slug,
            name: g.name,
            visibility: g.visibility,
            join_policy: g.join_policy,
            member_count: g.member_count,
        })
        .collect();
    Ok(GroupList {
        items,
        page: page.info(total),
    })
}

fn my_roles(
    conn: &mut DbConnection,
    viewer: &Viewer,
    ids: Vec<GroupId>,
) -> AppResult<HashMap<GroupId, GroupRole>> {
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(HashMap::new());
    };
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(GroupId, GroupRole)> = group_members::table
        .filter(group_members::user_id.eq(me))
        .filter(group_members::group_id.one_of(ids))
        .select((group_members::group_id, group_members::role))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The groups `member` belongs to that `viewer` may see (a profile's "member of"), by name.
pub fn profile_groups(
    conn: &mut DbConnection,
    member: &prassi_db::UserId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Vec<GroupSummary>> {
    let rows: Vec<WorkGroup> = visible_query(viewer, phase, false)
        .filter(
            work_groups::id.eq_any(
                group_members::table
                    .filter(group_members::user_id.eq(member))
                    .select(group_members::group_id),
            ),
        )
        .order((work_groups::name.asc(), work_groups::id.asc()))
        .limit(50)
        .select(WorkGroup::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|g| GroupSummary {
            url: group_url(&g.slug),
            excerpt: String::new(),
            my_role: None,
            slug: g.slug,
            name: g.name,
            visibility: g.visibility,
            join_policy: g.join_policy,
            member_count: g.member_count,
        })
        .collect())
}

/// What the viewer may do in a group and where their request or invitation stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ViewerState {
    /// `outsider`, `member` or `coordinator`.
    #[schema(value_type = String)]
    pub standing: Standing,
    pub may_read_content: bool,
    pub may_participate: bool,
    pub may_coordinate: bool,
    /// May join at once (open policy).
    pub may_join: bool,
    /// May ask to join (request policy, no request pending).
    pub may_request: bool,
    /// May leave (a member).
    pub may_leave: bool,
    /// The viewer's latest request to join, if any.
    pub request: Option<super::RequestView>,
    /// The id of the viewer's pending invitation, if any.
    pub invitation_id: Option<String>,
}

/// A group as one viewer sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupDetail {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description_md: String,
    /// The description rendered and sanitized.
    pub description_html: String,
    #[schema(value_type = String)]
    pub visibility: GroupVisibility,
    #[schema(value_type = String)]
    pub join_policy: JoinPolicy,
    pub member_count: i64,
    pub coordinator_count: i64,
    pub organisations: Vec<String>,
    pub url: String,
    pub created_at: chrono::NaiveDateTime,
    /// The stored audience of content made in the group (`public` or `group:<id>`).
    pub audience: String,
    pub viewer: ViewerState,
}

/// The group with this slug as the viewer sees it (`NotFound` when hidden). A fixed number
/// of queries.
pub fn show(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<GroupDetail> {
    let r = access::readable_group(conn, slug, viewer, phase)?;
    detail(conn, &r, viewer)
}

pub(crate) fn detail(
    conn: &mut DbConnection,
    r: &Readable,
    viewer: &Viewer,
) -> AppResult<GroupDetail> {
    let g = &r.group;
    let orgs: Vec<String> = group_organisations::table
        .inner_join(organisations::table)
        .filter(group_organisations::group_id.eq(&g.id))
        .order(organisations::name.asc())
        .select(organisations::name)
        .load(conn)?;
    let (request, invitation_id) = match viewer.user_id().filter(|_| viewer.is_member()) {
        Some(me) => {
            let req = group_requests::table
                .filter(group_requests::group_id.eq(&g.id))
                .filter(group_requests::user_id.eq(me))
                .order((group_requests::created_at.desc(), group_requests::id.desc()))
                .select(prassi_db::models::GroupRequest::as_select())
                .first(conn)
                .optional()?;
            let inv: Option<prassi_db::GroupInvitationId> = group_invitations::table
                .filter(group_invitations::group_id.eq(&g.id))
                .filter(group_invitations::user_id.eq(me))
                .filter(group_invitations::status.eq(GroupInvitationStatus::Pending))
                .select(group_invitations::id)
                .first(conn)
                .optional()?;
            (
                req.map(|q| super::requests::view_of(q, None)),
                inv.map(|i| i.0),
            )
        }
        None => (None, None),
    };
    let outsider = r.standing == Standing::Outsider;
    let member = viewer.is_member();
    let pending = request
        .as_ref()
        .is_some_and(|q| q.status == GroupRequestStatus::Pending);
    Ok(GroupDetail {
        id: g.id.0.clone(),
        slug: g.slug.clone(),
        name: g.name.clone(),
        description_html: prassi_core::markdown::render(&g.description_md),
        description_md: g.description_md.clone(),
        visibility: g.visibility,
        join_policy: g.join_policy,
        member_count: g.member_count,
        coordinator_count: g.coordinator_count,
        organisations: orgs,
        url: group_url(&g.slug),
        created_at: g.created_at,
        audience: r.content_audience().to_db(),
        viewer: ViewerState {
            standing: r.standing,
            may_read_content: r.may_read_content(),
            may_participate: r.may_participate(),
            may_coordinate: r.may_coordinate(),
            may_join: member && outsider && g.join_policy == JoinPolicy::Open,
            may_request: member && outsider && g.join_policy == JoinPolicy::Request && !pending,
            may_leave: !outsider,
            request,
            invitation_id,
        },
    })
}
