//! Typed ids: one newtype per table, so a `UserId` can never be passed where an
//! `OrganisationId` is expected. Ids are UUIDv7 generated in Rust and stored as text, which keeps
//! them portable across SQLite and PostgreSQL and roughly time-ordered for index locality.

/// Declares a text-backed id newtype usable directly in diesel queries and serde payloads.
#[macro_export]
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
            ::diesel::expression::AsExpression, ::diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = ::diesel::sql_types::Text)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(::uuid::Uuid::now_v7().to_string())
            }
            /// The id as stored and shown in URLs.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// Parses an id received from outside; only well-formed UUIDs are accepted, so a
            /// malformed id answers "not found" without touching the database.
            pub fn parse(s: &str) -> Option<Self> {
                ::uuid::Uuid::parse_str(s).ok().map(|u| Self(u.to_string()))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<DB> ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            String: ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, DB>,
            ) -> ::diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        impl<DB> ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            String: ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> ::diesel::deserialize::Result<Self> {
                String::from_sql(bytes).map(Self)
            }
        }
    };
}

id_type!(
    /// Primary key of `users`.
    UserId
);
id_type!(
    /// Primary key of `organisations`.
    OrganisationId
);
id_type!(
    /// Primary key of `api_tokens`.
    ApiTokenId
);
id_type!(
    /// Primary key of `outbox`.
    OutboxId
);
id_type!(
    /// Primary key of `questions`.
    QuestionId
);
id_type!(
    /// Primary key of `answers`.
    AnswerId
);
id_type!(
    /// Primary key of `tags`.
    TagId
);
id_type!(
    /// Primary key of `qa_comments`.
    CommentId
);
id_type!(
    /// Primary key of `forum_categories`.
    CategoryId
);
id_type!(
    /// Primary key of `discussions`.
    DiscussionId
);
id_type!(
    /// Primary key of `forum_posts`.
    PostId
);

id_type!(
    /// Primary key of `wiki_pages`.
    PageId
);
id_type!(
    /// Primary key of `wiki_talk`.
    TalkId
);
id_type!(
    /// Primary key of `notification_events`.
    NotificationEventId
);

id_type!(
    /// Primary key of `work_groups`.
    GroupId
);
id_type!(
    /// Primary key of `group_requests`.
    GroupRequestId
);
id_type!(
    /// Primary key of `group_invitations`.
    GroupInvitationId
);
id_type!(
    /// Primary key of `group_documents`.
    DocumentId
);
id_type!(
    /// Primary key of `group_document_versions`.
    DocumentVersionId
);
id_type!(
    /// Primary key of `group_publications`.
    PublicationId
);

id_type!(
    /// Primary key of `agenda_events`.
    EventId
);
id_type!(
    /// Primary key of `agenda_registrations`.
    RegistrationId
);

/// A fresh UUIDv7 as text, for rows that need no typed id (log rows, attempts, settings).
pub fn fresh_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

id_type!(
    /// Primary key of `polls`.
    PollId
);
id_type!(
    /// Primary key of `poll_options`.
    PollOptionId
);
id_type!(
    /// Primary key of `mail_reply_log`.
    MailReplyLogId
);
id_type!(
    /// Primary key of `poll_decisions`.
    PollDecisionId
);

id_type!(
    /// Primary key of `questionnaires`.
    QuestionnaireId
);
id_type!(
    /// Primary key of `questionnaire_sections`.
    QuestionnaireSectionId
);
id_type!(
    /// Primary key of `questionnaire_questions`.
    QuestionnaireQuestionId
);
id_type!(
    /// Primary key of `questionnaire_options`.
    QuestionnaireOptionId
);
id_type!(
    /// Primary key of `questionnaire_responses`.
    QuestionnaireResponseId
);
