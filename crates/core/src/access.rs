//! The one access rule. Whether a viewer may see or do something is decided here and nowhere
//! else: pages, API routes, lists, feeds, notifications and search all call [`can`] (or, for
//! queries, [`visible_audiences`], which is derived from the same rule). Anything a viewer may
//! not read must answer exactly like something that does not exist: callers turn a `false` for
//! [`Action::Read`] into `NotFound`, never `Forbidden`.

use std::collections::HashSet;

use prassi_db::{AccountStatus, Role, UserId};
use serde::{Deserialize, Serialize};

/// The community's opening phase (Co.PIS): closed, extended, open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    /// Only invited or approved members.
    Closed = 1,
    /// Anyone may request membership; moderators approve.
    Extended = 2,
    /// Anonymous visitors read public areas; anyone may register to take part in them.
    Open = 3,
}

impl Phase {
    /// Parses `1`, `2` or `3`.
    pub fn from_number(n: &str) -> Option<Self> {
        match n.trim() {
            "1" => Some(Phase::Closed),
            "2" => Some(Phase::Extended),
            "3" => Some(Phase::Open),
            _ => None,
        }
    }
    /// `1`, `2` or `3`.
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// Who may see a piece of content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "group", rename_all = "snake_case")]
pub enum Audience {
    /// Everyone the phase lets in: anonymous visitors too once the community is open.
    Public,
    /// Approved members only.
    Members,
    /// The members of one working group.
    Group(String),
}

impl Audience {
    /// The stored text form: `public`, `members` or `group:<id>`.
    pub fn to_db(&self) -> String {
        match self {
            Audience::Public => "public".into(),
            Audience::Members => "members".into(),
            Audience::Group(g) => format!("group:{g}"),
        }
    }
    /// Parses the stored text form.
    pub fn from_db(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Audience::Public),
            "members" => Some(Audience::Members),
            _ => s
                .strip_prefix("group:")
                .filter(|g| !g.is_empty())
                .map(|g| Audience::Group(g.to_owned())),
        }
    }
}

/// A signed-in account as the access rule sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub status: AccountStatus,
    /// Working groups the account belongs to.
    pub groups: HashSet<String>,
}

/// Who is asking.
#[derive(Debug, Clone, Serialize)]
pub enum Viewer {
    Anonymous,
    Account(Account),
}

impl Viewer {
    /// The account, if signed in.
    pub fn account(&self) -> Option<&Account> {
        match self {
            Viewer::Anonymous => None,
            Viewer::Account(a) => Some(a),
        }
    }
    /// The account id, if signed in.
    pub fn user_id(&self) -> Option<&UserId> {
        self.account().map(|a| &a.id)
    }
    fn role(&self) -> Option<Role> {
        self.account().map(|a| a.role)
    }
    fn status(&self) -> Option<AccountStatus> {
        self.account().map(|a| a.status)
    }
    /// An approved (or invited) member in good standing.
    pub fn is_member(&self) -> bool {
        self.status() == Some(AccountStatus::Active)
    }
    /// May take part somewhere: an approved member, or an open-phase participant.
    pub fn participates(&self) -> bool {
        matches!(
            self.status(),
            Some(AccountStatus::Active) | Some(AccountStatus::Open)
        )
    }
    /// A moderator or administrator in good standing.
    pub fn is_moderator(&self) -> bool {
        self.is_member() && self.role().is_some_and(Role::moderates)
    }
    /// An administrator in good standing.
    pub fn is_admin(&self) -> bool {
        self.is_member() && self.role() == Some(Role::Admin)
    }
    fn in_group(&self, group: &str) -> bool {
        self.account().is_some_and(|a| a.groups.contains(group))
    }
}

/// What the viewer wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See it (in a page, a list, a count, a search result, a feed).
    Read,
    /// Add to it: post, reply, answer, vote, edit a wiki page, register for an event.
    Participate,
    /// Moderate it: hide, lock, move, protect, approve.
    Moderate,
    /// Change site-wide settings.
    Administer,
}

/// The rule. `phase` is the site's current phase.
pub fn can(viewer: &Viewer, phase: Phase, audience: &Audience, action: Action) -> bool {
    match action {
        Action::Read => match audience {
            Audience::Public => phase == Phase::Open || viewer.is_member(),
            Audience::Members => viewer.is_member(),
            Audience::Group(g) => viewer.is_admin() || (viewer.is_member() && viewer.in_group(g)),
        },
        Action::Participate => match audience {
            Audience::Public => {
                viewer.is_member() || (phase == Phase::Open && viewer.participates())
            }
            Audience::Members => viewer.is_member(),
            Audience::Group(g) => viewer.is_member() && viewer.in_group(g),
        },
        Action::Moderate => match audience {
            Audience::Group(g) => {
                viewer.is_admin() || (viewer.is_moderator() && viewer.in_group(g))
            }
            _ => viewer.is_moderator(),
        },
        Action::Administer => viewer.is_admin(),
    }
}

/// Audiences whose content the viewer may read, for building query filters from typed values:
/// the public audience (if readable), `members` (if a member) and `group:<id>` per group.
/// Derived from [`can`] so lists and search can never disagree with pages.
pub fn visible_audiences(viewer: &Viewer, phase: Phase) -> Vec<String> {
    let mut out = Vec::new();
    for a in [Audience::Public, Audience::Members] {
        if can(viewer, phase, &a, Action::Read) {
            out.push(a.to_db());
        }
    }
    if let Some(acc) = viewer.account() {
        let mut groups: Vec<&String> = acc.groups.iter().collect();
        groups.sort();
        for g in groups {
            let a = Audience::Group(g.clone());
            if can(viewer, phase, &a, Action::Read) {
                out.push(a.to_db());
            }
        }
    }
    out
}

/// Whether everyone who may read `inner` may also read `outer`, so content of `outer` may be
/// copied into `inner` without reaching new readers (promoting an answer into a wiki page).
pub fn is_within(inner: &Audience, outer: &Audience) -> bool {
    match (outer, inner) {
        (Audience::Public, _) => true,
        (Audience::Members, Audience::Members | Audience::Group(_)) => true,
        (Audience::Group(a), Audience::Group(b)) => a == b,
        _ => false,
    }
}

/// Whether the viewer may see member profiles and the directory: members always; in the open
/// phase, anyone may see the profiles of members who consented to the directory.
pub fn can_see_directory(viewer: &Viewer, phase: Phase) -> bool {
    can(viewer, phase, &Audience::Public, Action::Read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(role: Role, status: AccountStatus, groups: &[&str]) -> Viewer {
        Viewer::Account(Account {
            id: UserId::new(),
            username: "u".into(),
            display_name: "U".into(),
            role,
            status,
            groups: groups.iter().map(|g| g.to_string()).collect(),
        })
    }

    #[test]
    fn anonymous_reads_public_only_in_open_phase() {
        let anon = Viewer::Anonymous;
        assert!(!can(&anon, Phase::Closed, &Audience::Public, Action::Read));
        assert!(!can(
            &anon,
            Phase::Extended,
            &Audience::Public,
            Action::Read
        ));
        assert!(can(&anon, Phase::Open, &Audience::Public, Action::Read));
        assert!(!can(&anon, Phase::Open, &Audience::Members, Action::Read));
        assert!(!can(
            &anon,
            Phase::Open,
            &Audience::Public,
            Action::Participate
        ));
    }

    #[test]
    fn pending_account_is_treated_like_anonymous() {
        let p = account(Role::Member, AccountStatus::Pending, &[]);
        assert!(!can(&p, Phase::Extended, &Audience::Public, Action::Read));
        assert!(can(&p, Phase::Open, &Audience::Public, Action::Read));
        assert!(!can(
            &p,
            Phase::Open,
            &Audience::Public,
            Action::Participate
        ));
        assert!(!can(&p, Phase::Open, &Audience::Members, Action::Read));
    }

    #[test]
    fn open_participant_takes_part_in_public_areas_only() {
        let o = account(Role::Member, AccountStatus::Open, &[]);
        assert!(can(&o, Phase::Open, &Audience::Public, Action::Participate));
        assert!(!can(&o, Phase::Open, &Audience::Members, Action::Read));
        // If the community closes again, an open participant loses access.
        assert!(!can(&o, Phase::Closed, &Audience::Public, Action::Read));
    }

    #[test]
    fn groups_are_reserved_to_their_members_and_admins() {
        let inside = account(Role::Member, AccountStatus::Active, &["g1"]);
        let outside = account(Role::Moderator, AccountStatus::Active, &["g2"]);
        let admin = account(Role::Admin, AccountStatus::Active, &[]);
        let g1 = Audience::Group("g1".into());
        assert!(can(&inside, Phase::Closed, &g1, Action::Participate));
        assert!(!can(&outside, Phase::Closed, &g1, Action::Read));
        assert!(can(&admin, Phase::Closed, &g1, Action::Read));
        assert_eq!(
            visible_audiences(&inside, Phase::Closed),
            vec!["public", "members", "group:g1"]
        );
    }

    #[test]
    fn suspended_admin_has_no_powers() {
        let s = account(Role::Admin, AccountStatus::Suspended, &[]);
        assert!(!can(&s, Phase::Closed, &Audience::Members, Action::Read));
        assert!(!can(
            &s,
            Phase::Closed,
            &Audience::Public,
            Action::Administer
        ));
    }

    #[test]
    fn audience_text_round_trips() {
        for a in [
            Audience::Public,
            Audience::Members,
            Audience::Group("x".into()),
        ] {
            assert_eq!(Audience::from_db(&a.to_db()), Some(a));
        }
        assert_eq!(Audience::from_db("group:"), None);
        assert_eq!(Audience::from_db("everyone"), None);
    }
}
