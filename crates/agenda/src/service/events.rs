//! Events: creating and changing them with their programme, speakers, partners and linked
//! activities, and the event as its page shows it.
//!
//! The programme, speakers, partners and links arrive as text, one item per line with fields
//! separated by `|`, so the form works without JavaScript and the API takes the same shape:
//!
//! - programme: `09:30 | 90 | talk | Interventi` (start in Rome time on the event's first day,
//!   minutes, kind, title); kinds by their stored name or Italian label;
//! - speakers: `2 | @luca.ferrari` or `2 | Jane Doe | Researcher | Queen Margaret University`
//!   (the block's number in the programme, then a member or an external person);
//! - partners: `Queen Margaret University | Edinburgh | UK | università`;
//! - links: `Study visit a Edimburgo | visita di studio | maggio 2027 | https://…` (the last
//!   field is a link when it starts with `http`, else a description).
//!
//! Every field of the form is checked and every problem reported at once. Replacing the
//! programme replaces its rows in the same transaction as the event.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_db::models::{AgendaBlock, AgendaEvent, AgendaLink, AgendaPartner, AgendaSpeaker};
use prassi_db::schema::{
    agenda_blocks, agenda_events, agenda_links, agenda_organisers, agenda_partners,
    agenda_registrations, agenda_speakers, users, work_groups,
};
use prassi_db::OneOfExt;
use prassi_db::{
    DbConnection, EventFormat, EventId, EventStatus, GroupId, GroupVisibility, RegistrationStatus,
    UserId,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{self as rule, Found};
use crate::programme::{self, BlockInput, BlockKind};
use crate::time::{self, When};

pub const MAX_TITLE: usize = 200;
pub const MAX_DESCRIPTION: usize = 50_000;
pub const MAX_SHORT: usize = 200;
pub const MAX_LINES: usize = 50;
/// The longest event: a week.
pub const MAX_DAYS: i64 = 7;
/// The largest capacity.
pub const MAX_CAPACITY: i64 = 100_000;

/// An event as its form (or JSON body) sends it. Times are Rome wall-clock time
/// (`2027-03-15T09:30`); text lists are one item per line (see the module comment).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct EventInput {
    pub title: String,
    pub description_md: String,
    /// Free text; events of the same theme are listed together.
    pub theme: String,
    pub starts_at: String,
    pub ends_at: String,
    /// `in_person`, `online` or `hybrid`.
    pub format: String,
    pub venue: String,
    pub address: String,
    /// Shown only to registered participants and organisers.
    pub online_url: String,
    /// `public`, `members`, or `group` (with `group`).
    pub audience: String,
    /// The slug of a working group the event belongs to (its coordinators manage it).
    pub group: String,
    /// `draft`, `published`, `postponed` or `cancelled`.
    pub status: String,
    /// Seats; empty for unlimited.
    pub capacity: String,
    /// Empty: open now.
    pub registration_opens_at: String,
    /// Empty: until the event starts.
    pub registration_closes_at: String,
    pub programme: String,
    /// With an empty programme: start from the four-hour template (`1`).
    pub use_template: String,
    pub speakers: String,
    pub partners: String,
    pub links: String,
    /// Further organisers' usernames, comma-separated (the creator always is one).
    pub organisers: String,
}

/// A block of the programme as pages show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BlockView {
    pub number: usize,
    pub kind: String,
    pub title: String,
    pub start_time: String,
    pub end_time: String,
    pub duration_min: i32,
    pub speakers: Vec<SpeakerView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SpeakerView {
    pub name: String,
    /// A member's username (their profile is linked).
    pub username: Option<String>,
    pub role: String,
    pub affiliation: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartnerView {
    pub name: String,
    pub city: String,
    pub country: String,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkView {
    pub title: String,
    pub kind: String,
    pub happens_on: String,
    pub url: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    pub username: String,
    pub display_name: String,
}

/// The viewer's registration.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyRegistration {
    /// `registered` or `waiting`.
    pub status: String,
    /// Place in the waiting list (1 = next), for `waiting`.
    pub position: Option<i64>,
    pub show_publicly: bool,
    pub attended: bool,
}

/// Everything an event's page shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventDetail {
    pub id: String,
    pub url: String,
    pub ics_url: String,
    pub title: String,
    pub description_html: String,
    pub theme: String,
    pub when: When,
    pub format: String,
    pub venue: String,
    pub address: String,
    /// Only for registered participants and those who manage the event.
    pub online_url: Option<String>,
    pub audience: String,
    pub group: Option<prassi_core::groups::GroupLink>,
    pub status: String,
    pub capacity: Option<i64>,
    pub registered_count: i64,
    pub waiting_count: i64,
    /// Seats left (`None`: unlimited).
    pub seats_left: Option<i64>,
    /// `open`, `not_yet`, `closed`, `over` (the event started), `cancelled`, `draft`.
    pub registration: String,
    pub registration_opens: Option<When>,
    pub registration_closes: Option<When>,
    pub programme: Vec<BlockView>,
    pub partners: Vec<PartnerView>,
    pub links: Vec<LinkView>,
    pub organisers: Vec<PersonView>,
    /// Participants who chose to appear publicly.
    pub public_participants: Vec<PersonView>,
    pub mine: Option<MyRegistration>,
    /// May register (or join the waiting list) now.
    pub can_register: bool,
    pub manages: bool,
    pub sequence: i32,
}

/// What a valid form becomes.
struct Checked {
    title: String,
    description_md: String,
    theme: String,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    format: EventFormat,
    venue: String,
    address: String,
    online_url: String,
    audience: Audience,
    group: Option<GroupId>,
    status: EventStatus,
    capacity: Option<i64>,
    opens: Option<NaiveDateTime>,
    closes: Option<NaiveDateTime>,
    blocks: Vec<programme::Block>,
    speakers: Vec<(usize, Option<UserId>, String, String, String)>,
    partners: Vec<AgendaPartnerRow>,
    links: Vec<AgendaLinkRow>,
    organisers: Vec<UserId>,
}

struct AgendaPartnerRow {
    name: String,
    city: String,
    country: String,
    kind: String,
}

struct AgendaLinkRow {
    title: String,
    kind: String,
    happens_on: String,
    url: String,
    description: String,
}

fn lines(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('|').map(|f| f.trim().to_owned()).collect())
}

fn time_field(c: &mut Checks, field: &str, raw: &str, required: bool) -> Option<NaiveDateTime> {
    if raw.trim().is_empty() {
        if required {
            c.fail(field, "agenda-time-required");
        }
        return None;
    }
    let parsed = time::parse_local(raw);
    if parsed.is_none() {
        c.fail(field, "agenda-time-invalid");
    }
    parsed
}

/// The kind of a programme line: its stored name or its Italian label.
fn block_kind(raw: &str) -> String {
    let k = raw.trim().to_lowercase();
    let it = match k.as_str() {
        "introduzione" => "introduction",
        "intervento" | "interventi" => "talk",
        "domande" => "question_time",
        "presentazione dei tavoli" | "presentazione tavoli" => "tables_presentation",
        "tavoli" | "tavoli di networking" => "tables",
        "pausa" => "break",
        "altro" => "other",
        "question time" => "question_time",
        _ => "",
    };
    if it.is_empty() {
        k.replace(' ', "_")
    } else {
        it.to_owned()
    }
}

fn user_by_name(conn: &mut DbConnection, username: &str) -> AppResult<Option<(UserId, String)>> {
    Ok(users::table
        .filter(users::username.eq(username.trim().trim_start_matches('@')))
        .select((users::id, users::display_name))
        .first(conn)
        .optional()?)
}

/// Checks every field at once (see the module comment).
fn check(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    input: &EventInput,
    registered: i64,
) -> AppResult<Checked> {
    let mut c = Checks::new();
    let title = c.check(input::required("title", &input.title, MAX_TITLE));
    let description_md = c.check(prassi_core::markdown::optional_body_text(
        "description_md",
        &input.description_md,
        MAX_DESCRIPTION,
    ));
    let theme = c.check(input::optional("theme", Some(&input.theme), MAX_SHORT));
    let starts_at = time_field(&mut c, "starts_at", &input.starts_at, true);
    let ends_at = time_field(&mut c, "ends_at", &input.ends_at, true);
    if let (Some(s), Some(e)) = (starts_at, ends_at) {
        if e <= s {
            c.fail("ends_at", "agenda-end-before-start");
        } else if e - s > Duration::days(MAX_DAYS) {
            c.fail("ends_at", "agenda-too-long");
        }
    }
    let format = EventFormat::parse(input.format.trim());
    if format.is_none() {
        c.fail("format", "agenda-format-invalid");
    }
    let venue = c.check(input::optional("venue", Some(&input.venue), MAX_SHORT));
    let address = c.check(input::optional("address", Some(&input.address), MAX_SHORT));
    let online_url = c.check(input::optional(
        "online_url",
        Some(&input.online_url),
        1_000,
    ));
    let web_link = online_url.starts_with("https://") || online_url.starts_with("http://");
    if !online_url.is_empty() && !web_link {
        c.fail("online_url", "agenda-url-invalid");
    }
    match format {
        Some(EventFormat::InPerson | EventFormat::Hybrid) if venue.is_empty() => {
            c.fail("venue", "agenda-venue-required")
        }
        _ => {}
    }
    if matches!(format, Some(EventFormat::Online | EventFormat::Hybrid)) && online_url.is_empty() {
        c.fail("online_url", "agenda-online-url-required");
    }
    // The group, and the audience it implies.
    let mut group = None;
    let slug = input.group.trim();
    if !slug.is_empty() {
        let found: Option<(GroupId, GroupVisibility)> = work_groups::table
            .filter(work_groups::slug.eq(slug))
            .select((work_groups::id, work_groups::visibility))
            .first(conn)
            .optional()?;
        match found {
            Some((id, vis)) => {
                let member = viewer.account().is_some_and(|a| a.groups.contains(&id.0));
                if !(viewer.is_admin() || member) {
                    c.fail("group", "agenda-group-unknown");
                } else {
                    group = Some((id, vis));
                }
            }
            None => c.fail("group", "agenda-group-unknown"),
        }
    }
    let audience = match (input.audience.trim(), &group) {
        (_, Some((id, vis))) => {
            // A group's event has the group's content audience, as its other content.
            if *vis == GroupVisibility::Public {
                Some(Audience::Public)
            } else {
                Some(Audience::Group(id.0.clone()))
            }
        }
        ("public", None) => Some(Audience::Public),
        ("members" | "", None) => Some(Audience::Members),
        _ => {
            c.fail("audience", "agenda-audience-invalid");
            None
        }
    };
    if let Some(a) = &audience {
        if !access::can(viewer, phase, a, Action::Participate) {
            c.fail("audience", "agenda-audience-invalid");
        }
    }
    let status = match input.status.trim() {
        "" => Some(EventStatus::Published),
        s => EventStatus::parse(s),
    };
    if status.is_none() {
        c.fail("status", "agenda-status-invalid");
    }
    let capacity = match input.capacity.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(n) if (0..=MAX_CAPACITY).contains(&n) => {
                if n < registered {
                    c.fail("capacity", "agenda-capacity-below-registered");
                }
                Some(n)
            }
            _ => {
                c.fail("capacity", "agenda-capacity-invalid");
                None
            }
        },
    };
    let opens = time_field(
        &mut c,
        "registration_opens_at",
        &input.registration_opens_at,
        false,
    );
    let closes = time_field(
        &mut c,
        "registration_closes_at",
        &input.registration_closes_at,
        false,
    );
    if let (Some(o), Some(cl)) = (opens, closes) {
        if cl <= o {
            c.fail(
                "registration_closes_at",
                "agenda-registration-window-invalid",
            );
        }
    }
    if let (Some(cl), Some(e)) = (closes, ends_at) {
        if cl > e {
            c.fail("registration_closes_at", "agenda-registration-after-event");
        }
    }
    // The programme.
    let mut blocks = Vec::new();
    if let (Some(s), Some(e)) = (starts_at, ends_at.filter(|e| Some(*e) > starts_at)) {
        let first_day = time::to_local(s).date();
        let mut inputs = Vec::new();
        let mut malformed = false;
        for f in lines(&input.programme) {
            let start = f
                .first()
                .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok())
                .and_then(|t| time::parse_local(&format!("{first_day}T{}", t.format("%H:%M"))));
            let minutes = f.get(1).and_then(|m| m.parse::<i32>().ok());
            match (start, minutes, f.len() >= 4) {
                (Some(starts_at), Some(duration_min), true) => inputs.push(BlockInput {
                    kind: block_kind(&f[2]),
                    starts_at,
                    duration_min,
                    title: f[3..].join(" | "),
                }),
                _ => malformed = true,
            }
        }
        if malformed {
            c.fail("programme", "agenda-programme-line-invalid");
        } else if inputs.is_empty() && input.use_template.trim() == "1" {
            blocks = programme::four_hour_template(s);
            if blocks
                .last()
                .is_some_and(|b| b.starts_at + Duration::minutes(i64::from(b.duration_min)) > e)
            {
                c.fail("programme", "agenda-template-too-long");
            }
        } else {
            match programme::validate(&inputs, s, e) {
                Ok(b) => blocks = b,
                Err(errors) => {
                    if let Some(first) = errors.first() {
                        c.fail("programme", first.message);
                    }
                }
            }
        }
    } else if !input.programme.trim().is_empty() {
        // Without valid times the programme cannot be placed; the times' errors say why.
    }
    let mut speakers = Vec::new();
    for f in lines(&input.speakers) {
        let number = f.first().and_then(|n| n.parse::<usize>().ok());
        let name = f.get(1).cloned().unwrap_or_default();
        match number {
            Some(n) if n >= 1 && n <= blocks.len().max(1) && !name.is_empty() => {
                if name.starts_with('@') {
                    match user_by_name(conn, &name)? {
                        Some((id, display)) => speakers.push((
                            n - 1,
                            Some(id),
                            display,
                            f.get(2).cloned().unwrap_or_default(),
                            f.get(3).cloned().unwrap_or_default(),
                        )),
                        None => c.fail("speakers", "agenda-speaker-unknown"),
                    }
                } else {
                    speakers.push((
                        n - 1,
                        None,
                        name,
                        f.get(2).cloned().unwrap_or_default(),
                        f.get(3).cloned().unwrap_or_default(),
                    ));
                }
            }
            _ => c.fail("speakers", "agenda-speaker-line-invalid"),
        }
    }
    if !speakers.is_empty() && blocks.is_empty() {
        c.fail("speakers", "agenda-speaker-line-invalid");
    }
    let mut partners = Vec::new();
    for f in lines(&input.partners) {
        match f.first().filter(|n| !n.is_empty()) {
            Some(name) => partners.push(AgendaPartnerRow {
                name: name.clone(),
                city: f.get(1).cloned().unwrap_or_default(),
                country: f.get(2).cloned().unwrap_or_default(),
                kind: f.get(3).cloned().unwrap_or_default(),
            }),
            None => c.fail("partners", "agenda-partner-line-invalid"),
        }
    }
    let mut links = Vec::new();
    for f in lines(&input.links) {
        match f.first().filter(|n| !n.is_empty()) {
            Some(title) => {
                let last = f.get(3).cloned().unwrap_or_default();
                let (url, description) =
                    if last.starts_with("https://") || last.starts_with("http://") {
                        (last, String::new())
                    } else {
                        (String::new(), last)
                    };
                links.push(AgendaLinkRow {
                    title: title.clone(),
                    kind: f.get(1).cloned().unwrap_or_default(),
                    happens_on: f.get(2).cloned().unwrap_or_default(),
                    url,
                    description,
                })
            }
            None => c.fail("links", "agenda-link-line-invalid"),
        }
    }
    for (field, n) in [
        ("speakers", lines(&input.speakers).count()),
        ("partners", partners.len()),
        ("links", links.len()),
    ] {
        if n > MAX_LINES {
            c.fail(field, "agenda-too-many-lines");
        }
    }
    let long = |v: &Vec<String>| v.iter().any(|f| f.chars().count() > MAX_SHORT);
    for (field, text) in [
        ("speakers", &input.speakers),
        ("partners", &input.partners),
        ("links", &input.links),
    ] {
        if lines(text).any(|f| long(&f)) && !c.has(field) {
            c.fail(field, "agenda-line-too-long");
        }
    }
    let mut organisers = Vec::new();
    for name in input
        .organisers
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        match user_by_name(conn, name)? {
            Some((id, _)) => {
                if !organisers.contains(&id) {
                    organisers.push(id)
                }
            }
            None => c.fail("organisers", "agenda-organiser-unknown"),
        }
    }
    c.finish()?;
    let missing = || AppError::internal("checked event without a value");
    Ok(Checked {
        title,
        description_md,
        theme,
        starts_at: starts_at.ok_or_else(missing)?,
        ends_at: ends_at.ok_or_else(missing)?,
        format: format.ok_or_else(missing)?,
        venue,
        address,
        online_url,
        audience: audience.ok_or_else(missing)?,
        group: group.map(|(id, _)| id),
        status: status.ok_or_else(missing)?,
        capacity,
        opens,
        closes,
        blocks,
        speakers,
        partners,
        links,
        organisers,
    })
}

/// Whether `viewer` may create events: moderators and administrators, and group coordinators
/// (for their group's events; the form's group is checked then).
pub fn may_create(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<bool> {
    if viewer.is_moderator() {
        return Ok(true);
    }
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(false);
    };
    use prassi_db::schema::group_members;
    Ok(diesel::select(diesel::dsl::exists(
        group_members::table
            .filter(group_members::user_id.eq(me))
            .filter(group_members::role.eq(prassi_db::GroupRole::Coordinator)),
    ))
    .get_result(conn)?)
}

fn write_children(conn: &mut DbConnection, id: &EventId, v: &Checked) -> AppResult<()> {
    diesel::delete(agenda_blocks::table.filter(agenda_blocks::event_id.eq(id))).execute(conn)?;
    diesel::delete(agenda_partners::table.filter(agenda_partners::event_id.eq(id)))
        .execute(conn)?;
    diesel::delete(agenda_links::table.filter(agenda_links::event_id.eq(id))).execute(conn)?;
    let mut block_ids = Vec::new();
    for (i, b) in v.blocks.iter().enumerate() {
        let bid = prassi_db::fresh_id();
        diesel::insert_into(agenda_blocks::table)
            .values(AgendaBlock {
                id: bid.clone(),
                event_id: id.clone(),
                position: i32::try_from(i).unwrap_or(i32::MAX),
                kind: b.kind.as_str().to_owned(),
                starts_at: b.starts_at,
                duration_min: b.duration_min,
                title: b.title.clone(),
            })
            .execute(conn)?;
        block_ids.push(bid);
    }
    for (i, (block, user, name, role, affiliation)) in v.speakers.iter().enumerate() {
        let Some(bid) = block_ids.get(*block) else {
            continue;
        };
        diesel::insert_into(agenda_speakers::table)
            .values(AgendaSpeaker {
                id: prassi_db::fresh_id(),
                block_id: bid.clone(),
                position: i32::try_from(i).unwrap_or(i32::MAX),
                user_id: user.clone(),
                name: name.clone(),
                role: role.clone(),
                affiliation: affiliation.clone(),
            })
            .execute(conn)?;
    }
    for (i, p) in v.partners.iter().enumerate() {
        diesel::insert_into(agenda_partners::table)
            .values(AgendaPartner {
                id: prassi_db::fresh_id(),
                event_id: id.clone(),
                position: i32::try_from(i).unwrap_or(i32::MAX),
                name: p.name.clone(),
                city: p.city.clone(),
                country: p.country.clone(),
                kind: p.kind.clone(),
            })
            .execute(conn)?;
    }
    for (i, l) in v.links.iter().enumerate() {
        diesel::insert_into(agenda_links::table)
            .values(AgendaLink {
                id: prassi_db::fresh_id(),
                event_id: id.clone(),
                position: i32::try_from(i).unwrap_or(i32::MAX),
                title: l.title.clone(),
                kind: l.kind.clone(),
                happens_on: l.happens_on.clone(),
                url: l.url.clone(),
                description: l.description.clone(),
            })
            .execute(conn)?;
    }
    for u in &v.organisers {
        prassi_db::insert_unless_exists(conn, |c| {
            diesel::insert_into(agenda_organisers::table)
                .values((
                    agenda_organisers::event_id.eq(id),
                    agenda_organisers::user_id.eq(u),
                ))
                .execute(c)
        })?;
    }
    Ok(())
}

/// Creates an event; the creator is its first organiser. Call inside a write transaction.
pub fn create(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    input: &EventInput,
) -> AppResult<EventId> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    if !may_create(conn, viewer)? {
        return Err(AppError::forbidden());
    }
    let v = check(conn, viewer, phase, input, 0)?;
    // A coordinator (not a moderator) creates events only for a group they coordinate.
    if !viewer.is_moderator() {
        let ok = match &v.group {
            Some(g) => rule::coordinates(conn, viewer, g)?,
            None => false,
        };
        if !ok {
            return Err(AppError::invalid("group", "agenda-group-required"));
        }
    }
    let now = Utc::now().naive_utc();
    let id = EventId::new();
    diesel::insert_into(agenda_events::table)
        .values(AgendaEvent {
            id: id.clone(),
            title: v.title.clone(),
            description_md: v.description_md.clone(),
            theme: v.theme.clone(),
            starts_at: v.starts_at,
            ends_at: v.ends_at,
            format: v.format,
            venue: v.venue.clone(),
            address: v.address.clone(),
            online_url: v.online_url.clone(),
            audience: v.audience.to_db(),
            group_id: v.group.clone(),
            status: v.status,
            capacity: v.capacity,
            registered_count: 0,
            waiting_count: 0,
            registration_opens_at: v.opens,
            registration_closes_at: v.closes,
            sequence: 0,
            created_by: Some(me.clone()),
            created_at: now,
            updated_at: now,
            feedback_count: 0,
            rating_sum: 0,
            question_count: 0,
            report_page_id: None,
        })
        .execute(conn)?;
    diesel::insert_into(agenda_organisers::table)
        .values((
            agenda_organisers::event_id.eq(&id),
            agenda_organisers::user_id.eq(&me),
        ))
        .execute(conn)?;
    write_children(conn, &id, &v)?;
    crate::search::EVENTS.touch(conn, id.as_str())?;
    Ok(id)
}

/// Changes an event (those who manage it). Capacity may not drop below the seats taken;
/// raising it promotes the waiting list at once. Participants are told when the status, time
/// or place changes. Call inside a write transaction.
pub fn update(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &EventInput,
) -> AppResult<EventId> {
    let found = rule::readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let id = found.event.id.clone();
    // Lock the event's row first, as every registration path does, so the seat count read
    // here is the one the capacity check compares against.
    super::registration::lock_event(conn, &id)?;
    let registered: i64 = agenda_events::table
        .find(&id)
        .select(agenda_events::registered_count)
        .first(conn)?;
    let mut input = input.clone();
    if input.group.trim().is_empty() {
        if let Some(g) = &found.event.group_id {
            // The group stays unless the form names another one.
            input.group = work_groups::table
                .find(g)
                .select(work_groups::slug)
                .first(conn)
                .optional()?
                .unwrap_or_default();
        }
    }
    let v = check(conn, viewer, phase, &input, registered)?;
    let e = &found.event;
    let significant = v.starts_at != e.starts_at
        || v.ends_at != e.ends_at
        || v.status != e.status
        || v.venue != e.venue
        || v.address != e.address
        || v.online_url != e.online_url
        || v.title != e.title
        || v.description_md != e.description_md;
    let sequence = e.sequence + i32::from(significant);
    diesel::update(agenda_events::table.find(&id))
        .set((
            agenda_events::title.eq(&v.title),
            agenda_events::description_md.eq(&v.description_md),
            agenda_events::theme.eq(&v.theme),
            agenda_events::starts_at.eq(v.starts_at),
            agenda_events::ends_at.eq(v.ends_at),
            agenda_events::format.eq(v.format),
            agenda_events::venue.eq(&v.venue),
            agenda_events::address.eq(&v.address),
            agenda_events::online_url.eq(&v.online_url),
            agenda_events::audience.eq(v.audience.to_db()),
            agenda_events::group_id.eq(&v.group),
            agenda_events::status.eq(v.status),
            agenda_events::capacity.eq(v.capacity),
            agenda_events::registration_opens_at.eq(v.opens),
            agenda_events::registration_closes_at.eq(v.closes),
            agenda_events::sequence.eq(sequence),
            agenda_events::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    write_children(conn, &id, &v)?;
    super::registration::promote(conn, &id)?;
    let told = v.status != e.status || v.starts_at != e.starts_at || v.venue != e.venue;
    if told && e.status != EventStatus::Draft {
        super::registration::tell_participants(
            conn,
            &id,
            viewer.user_id(),
            v.status,
            &v.audience.to_db(),
        )?;
    }
    crate::search::EVENTS.touch(conn, id.as_str())?;
    Ok(id)
}

/// The form of an event being edited, from what is stored.
pub fn edit_form(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<(Found, EventInput)> {
    let found = rule::readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let e = &found.event;
    let blocks = blocks_of(conn, &e.id)?;
    let programme = blocks
        .iter()
        .map(|(b, _)| {
            format!(
                "{} | {} | {} | {}",
                time::to_local(b.starts_at).format("%H:%M"),
                b.duration_min,
                b.kind,
                b.title
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let speakers = blocks
        .iter()
        .enumerate()
        .flat_map(|(i, (_, speakers))| {
            speakers.iter().map(move |s| match &s.username {
                Some(u) => format!("{} | @{u} | {} | {}", i + 1, s.role, s.affiliation),
                None => format!("{} | {} | {} | {}", i + 1, s.name, s.role, s.affiliation),
            })
        })
        .collect::<Vec<_>>()
        .join("\n");
    let partners = partners_of(conn, &e.id)?
        .iter()
        .map(|p| format!("{} | {} | {} | {}", p.name, p.city, p.country, p.kind))
        .collect::<Vec<_>>()
        .join("\n");
    let links = links_of(conn, &e.id)?
        .iter()
        .map(|l| {
            let last = if l.url.is_empty() {
                &l.description
            } else {
                &l.url
            };
            format!("{} | {} | {} | {}", l.title, l.kind, l.happens_on, last)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let organisers = organisers_of(conn, &e.id)?
        .iter()
        .map(|p| p.username.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let group = match &e.group_id {
        Some(g) => work_groups::table
            .find(g)
            .select(work_groups::slug)
            .first(conn)
            .optional()?
            .unwrap_or_default(),
        None => String::new(),
    };
    let audience = match found.audience {
        Audience::Public => "public",
        Audience::Members => "members",
        Audience::Group(_) => "group",
    };
    let input = EventInput {
        title: e.title.clone(),
        description_md: e.description_md.clone(),
        theme: e.theme.clone(),
        starts_at: time::form_value(e.starts_at),
        ends_at: time::form_value(e.ends_at),
        format: e.format.as_str().to_owned(),
        venue: e.venue.clone(),
        address: e.address.clone(),
        online_url: e.online_url.clone(),
        audience: audience.to_owned(),
        group,
        status: e.status.as_str().to_owned(),
        capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        registration_opens_at: e
            .registration_opens_at
            .map(time::form_value)
            .unwrap_or_default(),
        registration_closes_at: e
            .registration_closes_at
            .map(time::form_value)
            .unwrap_or_default(),
        programme,
        use_template: String::new(),
        speakers,
        partners,
        links,
        organisers,
    };
    Ok((found, input))
}

fn blocks_of(
    conn: &mut DbConnection,
    id: &EventId,
) -> AppResult<Vec<(AgendaBlock, Vec<SpeakerView>)>> {
    let blocks: Vec<AgendaBlock> = agenda_blocks::table
        .filter(agenda_blocks::event_id.eq(id))
        .order(agenda_blocks::position.asc())
        .select(AgendaBlock::as_select())
        .load(conn)?;
    let ids: Vec<&String> = blocks.iter().map(|b| &b.id).collect();
    let speakers: Vec<(AgendaSpeaker, Option<String>)> = agenda_speakers::table
        .left_join(users::table.on(users::id.nullable().eq(agenda_speakers::user_id)))
        .filter(agenda_speakers::block_id.one_of(ids))
        .order(agenda_speakers::position.asc())
        .select((AgendaSpeaker::as_select(), users::username.nullable()))
        .load(conn)?;
    Ok(blocks
        .into_iter()
        .map(|b| {
            let mine = speakers
                .iter()
                .filter(|(s, _)| s.block_id == b.id)
                .map(|(s, username)| SpeakerView {
                    name: s.name.clone(),
                    username: username.clone(),
                    role: s.role.clone(),
                    affiliation: s.affiliation.clone(),
                })
                .collect();
            (b, mine)
        })
        .collect())
}

fn partners_of(conn: &mut DbConnection, id: &EventId) -> AppResult<Vec<PartnerView>> {
    Ok(agenda_partners::table
        .filter(agenda_partners::event_id.eq(id))
        .order(agenda_partners::position.asc())
        .select(AgendaPartner::as_select())
        .load(conn)?
        .into_iter()
        .map(|p| PartnerView {
            name: p.name,
            city: p.city,
            country: p.country,
            kind: p.kind,
        })
        .collect())
}

fn links_of(conn: &mut DbConnection, id: &EventId) -> AppResult<Vec<LinkView>> {
    Ok(agenda_links::table
        .filter(agenda_links::event_id.eq(id))
        .order(agenda_links::position.asc())
        .select(AgendaLink::as_select())
        .load(conn)?
        .into_iter()
        .map(|l| LinkView {
            title: l.title,
            kind: l.kind,
            happens_on: l.happens_on,
            url: l.url,
            description: l.description,
        })
        .collect())
}

fn organisers_of(conn: &mut DbConnection, id: &EventId) -> AppResult<Vec<PersonView>> {
    Ok(agenda_organisers::table
        .inner_join(users::table)
        .filter(agenda_organisers::event_id.eq(id))
        .order(users::display_name.asc())
        .select((users::username, users::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(username, display_name)| PersonView {
            username,
            display_name,
        })
        .collect())
}

/// Where registration stands for an event now.
pub fn registration_state(e: &AgendaEvent, now: NaiveDateTime) -> &'static str {
    match e.status {
        EventStatus::Draft => "draft",
        EventStatus::Cancelled => "cancelled",
        EventStatus::Postponed => "closed",
        EventStatus::Published => {
            if now >= e.starts_at {
                "over"
            } else if e.registration_opens_at.is_some_and(|o| now < o) {
                "not_yet"
            } else if e.registration_closes_at.is_some_and(|c| now >= c) {
                "closed"
            } else {
                "open"
            }
        }
    }
}

/// The event's page.
pub fn detail(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<EventDetail> {
    let found = rule::readable_event(conn, id, viewer, phase)?;
    let e = &found.event;
    let mine = match viewer.user_id() {
        Some(me) => super::registration::mine(conn, &e.id, me)?,
        None => None,
    };
    let registered = mine.as_ref().is_some_and(|m| m.status == "registered");
    let blocks = blocks_of(conn, &e.id)?;
    let programme = blocks
        .into_iter()
        .enumerate()
        .map(|(i, (b, speakers))| {
            let end = b.starts_at + Duration::minutes(i64::from(b.duration_min));
            BlockView {
                number: i + 1,
                kind: b.kind,
                title: b.title,
                start_time: time::to_local(b.starts_at).format("%H:%M").to_string(),
                end_time: time::to_local(end).format("%H:%M").to_string(),
                duration_min: b.duration_min,
                speakers,
            }
        })
        .collect();
    let public_participants: Vec<PersonView> = agenda_registrations::table
        .inner_join(users::table)
        .filter(agenda_registrations::event_id.eq(&e.id))
        .filter(agenda_registrations::status.eq(RegistrationStatus::Registered))
        .filter(agenda_registrations::show_publicly.eq(true))
        .order(users::display_name.asc())
        .limit(200)
        .select((users::username, users::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(username, display_name)| PersonView {
            username,
            display_name,
        })
        .collect();
    let state = registration_state(e, Utc::now().naive_utc());
    let can_register = state == "open"
        && mine.is_none()
        && viewer.participates()
        && access::can(viewer, phase, &found.audience, Action::Participate);
    Ok(EventDetail {
        id: e.id.0.clone(),
        url: super::event_url(&e.id),
        ics_url: super::ics_url(&e.id),
        title: e.title.clone(),
        description_html: prassi_core::markdown::render(&e.description_md),
        theme: e.theme.clone(),
        when: When::of(e.starts_at, e.ends_at),
        format: e.format.as_str().to_owned(),
        venue: e.venue.clone(),
        address: e.address.clone(),
        online_url: (!e.online_url.is_empty() && (registered || found.manages))
            .then(|| e.online_url.clone()),
        audience: e.audience.clone(),
        group: prassi_core::groups::link(conn, e.group_id.as_ref())?,
        status: e.status.as_str().to_owned(),
        capacity: e.capacity,
        registered_count: e.registered_count,
        waiting_count: e.waiting_count,
        seats_left: e.capacity.map(|c| (c - e.registered_count).max(0)),
        registration: state.to_owned(),
        registration_opens: e.registration_opens_at.map(|t| When::of(t, t)),
        registration_closes: e.registration_closes_at.map(|t| When::of(t, t)),
        programme,
        partners: partners_of(conn, &e.id)?,
        links: links_of(conn, &e.id)?,
        organisers: organisers_of(conn, &e.id)?,
        public_participants,
        mine,
        can_register,
        manages: found.manages,
        sequence: e.sequence,
    })
}

/// Every block kind, for the form's help.
pub fn block_kinds() -> Vec<&'static str> {
    BlockKind::ALL.iter().map(|k| k.as_str()).collect()
}
