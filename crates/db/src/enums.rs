//! Closed vocabularies stored as text (roles, statuses, organisation kinds), with a check
//! constraint in the migrations and a Rust enum here, so an unknown value can neither be written
//! nor silently read.

/// Declares a text-backed enum usable in diesel queries, serde payloads and templates.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            ::serde::Serialize, ::serde::Deserialize,
            ::diesel::expression::AsExpression, ::diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = ::diesel::sql_types::Text)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored text form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored text form.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<DB> ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            str: ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, DB>,
            ) -> ::diesel::serialize::Result {
                <str as ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>>::to_sql(self.as_str(), out)
            }
        }

        impl<DB> ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            String: ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> ::diesel::deserialize::Result<Self> {
                let s = String::from_sql(bytes)?;
                Self::parse(&s).ok_or_else(|| format!("unknown {} value {s:?}", stringify!($name)).into())
            }
        }
    };
}

text_enum!(
    /// What a member may do beyond taking part: experts are marked, moderators moderate,
    /// administrators run the site.
    Role {
        Member => "member",
        Expert => "expert",
        Moderator => "moderator",
        Admin => "admin",
    }
);

impl Role {
    /// Moderators and administrators moderate content.
    pub fn moderates(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
    }
}

text_enum!(
    /// Where an account stands in the community.
    AccountStatus {
        /// Asked to join; waits for a moderator.
        Pending => "pending",
        /// Registered while the community is open (phase 3): takes part in public areas only.
        Open => "open",
        /// An approved or invited member: takes part in members-only areas too.
        Active => "active",
        /// Barred from signing in.
        Suspended => "suspended",
    }
);

text_enum!(
    /// The kind of organisation a member belongs to.
    OrganisationKind {
        PublicAdministration => "public_administration",
        UniversityResearch => "university_research",
        ThirdSector => "third_sector",
        Company => "company",
        Other => "other",
    }
);

text_enum!(
    /// What an emailed one-time token is for.
    EmailTokenPurpose {
        Verify => "verify",
        Reset => "reset",
    }
);

text_enum!(
    /// Which kind of Q&A post a vote or revision belongs to.
    PostKind {
        Question => "question",
        Answer => "answer",
    }
);

text_enum!(
    /// Why a question was closed.
    CloseReason {
        Duplicate => "duplicate",
        OffTopic => "off_topic",
    }
);

text_enum!(
    /// How a wiki revision came about.
    WikiRevisionKind {
        Create => "create",
        Edit => "edit",
        /// A save whose base was stale, merged automatically with the newer revision.
        Merge => "merge",
        Restore => "restore",
        /// An accepted Q&A answer promoted into the page.
        Promote => "promote",
    }
);

text_enum!(
    /// Who sees a working group.
    GroupVisibility {
        /// Whoever may read public content sees the group and its public content.
        Public => "public",
        /// Members of the community see its name and description; its content is its members'.
        Listed => "listed",
        /// Invisible to everyone but its members and the administrators.
        Secret => "secret",
    }
);

text_enum!(
    /// How members join a working group.
    JoinPolicy {
        /// Any member who may see the group joins at once.
        Open => "open",
        /// Members ask with a message; coordinators accept or refuse.
        Request => "request",
        /// Only members a coordinator invites.
        Invitation => "invitation",
    }
);

text_enum!(
    /// A member's role in a working group.
    GroupRole {
        /// Runs the group: accepts requests, invites, removes, changes roles and settings.
        Coordinator => "coordinator",
        /// Takes part in the group's reserved area.
        Member => "member",
    }
);

text_enum!(
    /// Where a request to join a group stands.
    GroupRequestStatus {
        Pending => "pending",
        Accepted => "accepted",
        Refused => "refused",
        Withdrawn => "withdrawn",
    }
);

text_enum!(
    /// Where an invitation to a group stands.
    GroupInvitationStatus {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
        Revoked => "revoked",
    }
);

text_enum!(
    /// Where a proposal to publish a group page stands.
    PublicationStatus {
        Pending => "pending",
        Approved => "approved",
        Refused => "refused",
    }
);

text_enum!(
    /// How an event takes place.
    EventFormat {
        /// At a venue.
        InPerson => "in_person",
        /// Online only.
        Online => "online",
        /// At a venue and online.
        Hybrid => "hybrid",
    }
);

text_enum!(
    /// Where an event stands.
    EventStatus {
        /// Seen only by its organisers and the administrators.
        Draft => "draft",
        Published => "published",
        /// Moved to a date not yet known, or announced as moved.
        Postponed => "postponed",
        Cancelled => "cancelled",
    }
);

text_enum!(
    /// Where a registration to an event stands.
    RegistrationStatus {
        /// Holds a seat.
        Registered => "registered",
        /// In the waiting list, by when they joined it.
        Waiting => "waiting",
        /// Cancelled by the participant (or the organisers).
        Cancelled => "cancelled",
    }
);
