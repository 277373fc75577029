//! The one access rule. Whether a viewer may see or do something is decided here and nowhere
//! else: pages, API routes, lists, feeds, notifications and search all call [`can`] (or, for
//! queries, [`visible_audiences`], which is derived from the same rule). Anything a viewer may
//! not read must answer exactly like something that does not exist: callers turn a `false` for
//! [`Action::Read`] into `NotFound`, never `Forbidden`. Who may change a piece of content
//! (its author, any participant, or only moderators) is [`check_edit`], built on [`can`] and
//! shared by every module.

use std::collections::HashSet;

use prassi_db::{AccountStatus, Role, UserId};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

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

/// Who, besides the audience's moderators, may change a piece of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editors<'a> {
    /// Its author, while taking part in its audience (Q&A and forum posts).
    Author(&'a UserId),
    /// Anyone taking part in its audience (wiki pages).
    Participants,
}

/// What decides whether a piece of content may be edited; see [`check_edit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditRule<'a> {
    pub editors: Editors<'a>,
    /// Reserved to moderators for now, whoever the editors are: a hidden forum post, a
    /// protected wiki page.
    pub moderators_only: bool,
}

/// Why an edit is refused, so each module can say it in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditRefusal {
    /// A visitor: signing in might help (`Unauthorized`).
    SignIn,
    /// An account that does not take part in the audience at all.
    NotParticipant,
    /// An account that takes part, but the content is someone else's or reserved to
    /// moderators.
    NotAllowed,
}

impl EditRefusal {
    /// The usual error: `Unauthorized` for visitors, `Forbidden` with `message` for accounts.
    pub fn error(self, message: &str) -> AppError {
        match self {
            EditRefusal::SignIn => AppError::unauthorized(),
            EditRefusal::NotParticipant | EditRefusal::NotAllowed => {
                AppError::forbidden().with_message(message)
            }
        }
    }
}

/// The one edit rule, for content the viewer may already read: the audience's moderators may
/// always edit; otherwise the viewer must take part in the audience, the content must not be
/// reserved to moderators, and (for authored content) the viewer must be its author.
pub fn check_edit(
    viewer: &Viewer,
    phase: Phase,
    audience: &Audience,
    rule: &EditRule<'_>,
) -> Result<(), EditRefusal> {
    if can(viewer, phase, audience, Action::Moderate) {
        return Ok(());
    }
    if viewer.account().is_none() {
        return Err(EditRefusal::SignIn);
    }
    if !can(viewer, phase, audience, Action::Participate) {
        return Err(EditRefusal::NotParticipant);
    }
    if rule.moderators_only {
        return Err(EditRefusal::NotAllowed);
    }
    match rule.editors {
        Editors::Participants => Ok(()),
        Editors::Author(author) if viewer.user_id() == Some(author) => Ok(()),
        Editors::Author(_) => Err(EditRefusal::NotAllowed),
    }
}

/// [`check_edit`] as a yes or no, for the "edit" links pages show.
pub fn may_edit(viewer: &Viewer, phase: Phase, audience: &Audience, rule: &EditRule<'_>) -> bool {
    check_edit(viewer, phase, audience, rule).is_ok()
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
    fn edit_rule_truth_table() {
        use EditRefusal::{NotAllowed, NotParticipant, SignIn};
        /// Whose content it is: the viewer's own, someone else's, or open to participants.
        #[derive(Clone, Copy)]
        enum Whose {
            Own,
            Other,
            Anyone,
        }
        use Whose::{Anyone, Other, Own};
        let anon = Viewer::Anonymous;
        let member = account(Role::Member, AccountStatus::Active, &["g"]);
        let pending = account(Role::Member, AccountStatus::Pending, &[]);
        let open = account(Role::Member, AccountStatus::Open, &[]);
        let moderator = account(Role::Moderator, AccountStatus::Active, &[]);
        let admin = account(Role::Admin, AccountStatus::Active, &[]);
        let suspended = account(Role::Admin, AccountStatus::Suspended, &[]);
        let (public, members, group) = (
            Audience::Public,
            Audience::Members,
            Audience::Group("g".into()),
        );
        let someone = UserId::new();
        let ok = Ok(());
        /// A case, the viewer, the phase, the audience, whose content, whether it is
        /// reserved to moderators, and the decision.
        type Case<'a> = (
            &'a str,
            &'a Viewer,
            Phase,
            &'a Audience,
            Whose,
            bool,
            Result<(), EditRefusal>,
        );
        #[rustfmt::skip]
        let table: Vec<Case<'_>> = vec![
            // Visitors are asked to sign in, whatever the content.
            ("visitor, public, open", &anon, Phase::Open, &public, Anyone, false, Err(SignIn)),
            ("visitor, members", &anon, Phase::Closed, &members, Other, false, Err(SignIn)),
            ("visitor, protected", &anon, Phase::Open, &public, Anyone, true, Err(SignIn)),
            // A member edits their own posts and any unprotected page, never someone else's
            // post or what is reserved to moderators.
            ("member, own post", &member, Phase::Closed, &members, Own, false, ok),
            ("member, own hidden post", &member, Phase::Closed, &members, Own, true, Err(NotAllowed)),
            ("member, other's post", &member, Phase::Closed, &members, Other, false, Err(NotAllowed)),
            ("member, page", &member, Phase::Closed, &members, Anyone, false, ok),
            ("member, protected page", &member, Phase::Closed, &members, Anyone, true, Err(NotAllowed)),
            ("member, own post in group", &member, Phase::Closed, &group, Own, false, ok),
            // Moderators and administrators edit everything in what they moderate.
            ("moderator, other's post", &moderator, Phase::Closed, &members, Other, false, ok),
            ("moderator, hidden post", &moderator, Phase::Closed, &public, Other, true, ok),
            ("moderator, protected page", &moderator, Phase::Closed, &members, Anyone, true, ok),
            ("moderator outside the group", &moderator, Phase::Closed, &group, Own, false, Err(NotParticipant)),
            ("admin, other's post", &admin, Phase::Closed, &members, Other, false, ok),
            ("admin outside the group, protected", &admin, Phase::Closed, &group, Anyone, true, ok),
            // Open-phase participants take part in public areas only while the site is open.
            ("open participant, own public post", &open, Phase::Open, &public, Own, false, ok),
            ("open participant, other's post", &open, Phase::Open, &public, Other, false, Err(NotAllowed)),
            ("open participant, public page", &open, Phase::Open, &public, Anyone, false, ok),
            ("open participant, protected page", &open, Phase::Open, &public, Anyone, true, Err(NotAllowed)),
            ("open participant, site closed again", &open, Phase::Closed, &public, Own, false, Err(NotParticipant)),
            // Accounts without powers take part nowhere, even in their own posts.
            ("pending, own public post", &pending, Phase::Open, &public, Own, false, Err(NotParticipant)),
            ("suspended admin, own post", &suspended, Phase::Closed, &members, Own, false, Err(NotParticipant)),
        ];
        for (case, viewer, phase, audience, whose, moderators_only, expected) in table {
            let own = viewer.user_id().cloned().unwrap_or_else(UserId::new);
            let editors = match whose {
                Own => Editors::Author(&own),
                Other => Editors::Author(&someone),
                Anyone => Editors::Participants,
            };
            let rule = EditRule {
                editors,
                moderators_only,
            };
            assert_eq!(
                check_edit(viewer, phase, audience, &rule),
                expected,
                "{case}"
            );
            assert_eq!(
                may_edit(viewer, phase, audience, &rule),
                expected.is_ok(),
                "{case}"
            );
        }
    }

    #[test]
    fn edit_refusals_become_the_usual_errors() {
        use crate::error::ErrorKind;
        assert_eq!(
            EditRefusal::SignIn.error("x-not-allowed").kind,
            ErrorKind::Unauthorized
        );
        for r in [EditRefusal::NotParticipant, EditRefusal::NotAllowed] {
            let e = r.error("x-not-allowed");
            assert_eq!(e.kind, ErrorKind::Forbidden);
            assert_eq!(e.message, "x-not-allowed");
        }
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
