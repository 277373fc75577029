//! Schema invariants the code relies on but no query shows: what deleting a row does to the
//! rows that point at it. Deleting and anonymising accounts will lean on these rules (an
//! account's own data goes with it, what others wrote stays and loses the name), so every
//! foreign key of both backends is compared with the list below, and a new or changed key
//! fails this test until the list — and the thinking behind it — is updated. A column that
//! names a row without a key must say why, and deleting an account shows the rules at work.

use super::*;
use diesel::prelude::*;

/// Every foreign key: (child table, column, parent table, ON DELETE rule), sorted by child
/// table and column. `CASCADE` where the row means nothing without its parent (a vote without
/// its voter, an answer without its question); `SET NULL` where the row belongs to someone
/// else or to the record and only loses a name (who closed a question, who wrote a revision
/// of a shared page, who acted in the audit log).
const FOREIGN_KEYS: &[(&str, &str, &str, &str)] = &[
    ("a11y_reports", "reporter_id", "users", "SET NULL"),
    ("agenda_blocks", "event_id", "agenda_events", "CASCADE"),
    ("agenda_events", "created_by", "users", "SET NULL"),
    ("agenda_events", "group_id", "work_groups", "SET NULL"),
    ("agenda_events", "report_page_id", "wiki_pages", "SET NULL"),
    ("agenda_feed_tokens", "user_id", "users", "CASCADE"),
    ("agenda_feedback", "event_id", "agenda_events", "CASCADE"),
    ("agenda_feedback", "user_id", "users", "CASCADE"),
    ("agenda_links", "event_id", "agenda_events", "CASCADE"),
    ("agenda_organisers", "event_id", "agenda_events", "CASCADE"),
    ("agenda_organisers", "user_id", "users", "CASCADE"),
    ("agenda_partners", "event_id", "agenda_events", "CASCADE"),
    (
        "agenda_question_supports",
        "question_id",
        "agenda_questions",
        "CASCADE",
    ),
    ("agenda_question_supports", "user_id", "users", "CASCADE"),
    ("agenda_questions", "answered_by", "users", "SET NULL"),
    ("agenda_questions", "author_id", "users", "SET NULL"),
    ("agenda_questions", "event_id", "agenda_events", "CASCADE"),
    (
        "agenda_questions",
        "qa_question_id",
        "questions",
        "SET NULL",
    ),
    (
        "agenda_registrations",
        "event_id",
        "agenda_events",
        "CASCADE",
    ),
    ("agenda_registrations", "user_id", "users", "CASCADE"),
    ("agenda_speakers", "block_id", "agenda_blocks", "CASCADE"),
    ("agenda_speakers", "user_id", "users", "SET NULL"),
    ("agenda_table_seats", "event_id", "agenda_events", "CASCADE"),
    ("agenda_table_seats", "table_id", "agenda_tables", "CASCADE"),
    ("agenda_table_seats", "user_id", "users", "CASCADE"),
    ("agenda_tables", "event_id", "agenda_events", "CASCADE"),
    ("agenda_tables", "facilitator_id", "users", "SET NULL"),
    ("answers", "author_id", "users", "CASCADE"),
    ("answers", "question_id", "questions", "CASCADE"),
    ("answers", "review_owner_id", "users", "SET NULL"),
    ("answers", "reviewed_by", "users", "SET NULL"),
    ("api_tokens", "user_id", "users", "CASCADE"),
    ("audit_log", "actor_id", "users", "SET NULL"),
    ("discussions", "author_id", "users", "CASCADE"),
    ("discussions", "category_id", "forum_categories", "CASCADE"),
    ("email_tokens", "user_id", "users", "CASCADE"),
    ("expert_invitations", "expert_id", "users", "CASCADE"),
    ("expert_invitations", "invited_by", "users", "SET NULL"),
    ("expert_invitations", "question_id", "questions", "CASCADE"),
    ("feed_tokens", "user_id", "users", "CASCADE"),
    ("forum_categories", "group_id", "work_groups", "SET NULL"),
    (
        "forum_member_stats",
        "category_id",
        "forum_categories",
        "CASCADE",
    ),
    ("forum_member_stats", "user_id", "users", "CASCADE"),
    ("forum_posts", "author_id", "users", "CASCADE"),
    ("forum_posts", "discussion_id", "discussions", "CASCADE"),
    ("forum_posts", "hidden_by", "users", "SET NULL"),
    ("forum_posts", "quote_of", "forum_posts", "SET NULL"),
    ("forum_reads", "discussion_id", "discussions", "CASCADE"),
    ("forum_reads", "user_id", "users", "CASCADE"),
    ("forum_revisions", "author_id", "users", "SET NULL"),
    ("forum_revisions", "post_id", "forum_posts", "CASCADE"),
    (
        "group_document_versions",
        "document_id",
        "group_documents",
        "CASCADE",
    ),
    (
        "group_document_versions",
        "uploaded_by",
        "users",
        "SET NULL",
    ),
    ("group_documents", "created_by", "users", "SET NULL"),
    ("group_documents", "group_id", "work_groups", "CASCADE"),
    ("group_invitations", "group_id", "work_groups", "CASCADE"),
    ("group_invitations", "invited_by", "users", "SET NULL"),
    ("group_invitations", "user_id", "users", "CASCADE"),
    ("group_log", "actor_id", "users", "SET NULL"),
    ("group_log", "group_id", "work_groups", "CASCADE"),
    ("group_log", "subject_id", "users", "SET NULL"),
    ("group_members", "group_id", "work_groups", "CASCADE"),
    ("group_members", "user_id", "users", "CASCADE"),
    ("group_organisations", "group_id", "work_groups", "CASCADE"),
    (
        "group_organisations",
        "organisation_id",
        "organisations",
        "CASCADE",
    ),
    ("group_publications", "decided_by", "users", "SET NULL"),
    ("group_publications", "group_id", "work_groups", "CASCADE"),
    ("group_publications", "page_id", "wiki_pages", "CASCADE"),
    ("group_publications", "proposed_by", "users", "SET NULL"),
    (
        "group_publications",
        "public_page_id",
        "wiki_pages",
        "SET NULL",
    ),
    ("group_requests", "decided_by", "users", "SET NULL"),
    ("group_requests", "group_id", "work_groups", "CASCADE"),
    ("group_requests", "user_id", "users", "CASCADE"),
    ("invitations", "invited_by", "users", "SET NULL"),
    (
        "invitations",
        "organisation_id",
        "organisations",
        "SET NULL",
    ),
    ("mail_reply_log", "user_id", "users", "SET NULL"),
    ("mail_reply_tokens", "user_id", "users", "CASCADE"),
    ("mentions", "mentioned_by", "users", "SET NULL"),
    ("mentions", "post_id", "forum_posts", "CASCADE"),
    ("mentions", "user_id", "users", "CASCADE"),
    ("notification_digests", "user_id", "users", "CASCADE"),
    ("notification_events", "actor_id", "users", "SET NULL"),
    ("notification_preferences", "user_id", "users", "CASCADE"),
    ("notification_watches", "user_id", "users", "CASCADE"),
    ("notifications", "actor_id", "users", "SET NULL"),
    (
        "notifications",
        "event_id",
        "notification_events",
        "CASCADE",
    ),
    ("notifications", "user_id", "users", "CASCADE"),
    // --- polls (prassi-polls) ---
    ("poll_decisions", "corrects_id", "poll_decisions", "CASCADE"),
    ("poll_decisions", "poll_id", "polls", "CASCADE"),
    ("poll_decisions", "recorded_by", "users", "SET NULL"),
    ("poll_options", "poll_id", "polls", "CASCADE"),
    ("poll_participants", "poll_id", "polls", "CASCADE"),
    ("poll_participants", "user_id", "users", "CASCADE"),
    ("poll_secret_ballots", "poll_id", "polls", "CASCADE"),
    ("poll_votes", "poll_id", "polls", "CASCADE"),
    ("poll_votes", "user_id", "users", "CASCADE"),
    ("polls", "created_by", "users", "SET NULL"),
    ("polls", "group_id", "work_groups", "SET NULL"),
    // --- end of polls ---
    ("qa_comments", "answer_id", "answers", "CASCADE"),
    ("qa_comments", "author_id", "users", "CASCADE"),
    ("qa_comments", "question_id", "questions", "CASCADE"),
    ("qa_member_stats", "user_id", "users", "CASCADE"),
    ("qa_revisions", "author_id", "users", "SET NULL"),
    ("qa_tag_answerers", "tag_id", "tags", "CASCADE"),
    ("qa_tag_answerers", "user_id", "users", "CASCADE"),
    ("qa_votes", "user_id", "users", "CASCADE"),
    ("question_tags", "question_id", "questions", "CASCADE"),
    ("question_tags", "tag_id", "tags", "CASCADE"),
    // --- questionnaires (prassi-polls) ---
    (
        "questionnaire_answers",
        "question_id",
        "questionnaire_questions",
        "CASCADE",
    ),
    (
        "questionnaire_answers",
        "response_id",
        "questionnaire_responses",
        "CASCADE",
    ),
    (
        "questionnaire_options",
        "question_id",
        "questionnaire_questions",
        "CASCADE",
    ),
    (
        "questionnaire_questions",
        "questionnaire_id",
        "questionnaires",
        "CASCADE",
    ),
    (
        "questionnaire_questions",
        "section_id",
        "questionnaire_sections",
        "CASCADE",
    ),
    (
        "questionnaire_responses",
        "questionnaire_id",
        "questionnaires",
        "CASCADE",
    ),
    ("questionnaire_responses", "user_id", "users", "SET NULL"),
    (
        "questionnaire_sections",
        "questionnaire_id",
        "questionnaires",
        "CASCADE",
    ),
    (
        "questionnaire_tallies",
        "question_id",
        "questionnaire_questions",
        "CASCADE",
    ),
    ("questionnaires", "created_by", "users", "SET NULL"),
    ("questionnaires", "group_id", "work_groups", "SET NULL"),
    // --- end of questionnaires ---
    ("questions", "author_id", "users", "CASCADE"),
    ("questions", "closed_by", "users", "SET NULL"),
    ("questions", "duplicate_of", "questions", "SET NULL"),
    ("questions", "group_id", "work_groups", "SET NULL"),
    ("sessions", "user_id", "users", "CASCADE"),
    ("user_expertise", "user_id", "users", "CASCADE"),
    ("users", "organisation_id", "organisations", "SET NULL"),
    ("wiki_categories", "page_id", "wiki_pages", "CASCADE"),
    ("wiki_links", "from_page_id", "wiki_pages", "CASCADE"),
    ("wiki_pages", "created_by", "users", "SET NULL"),
    ("wiki_pages", "group_id", "work_groups", "SET NULL"),
    ("wiki_pages", "parent_id", "wiki_pages", "SET NULL"),
    ("wiki_pages", "review_owner_id", "users", "SET NULL"),
    ("wiki_pages", "reviewed_by", "users", "SET NULL"),
    ("wiki_promotions", "answer_id", "answers", "CASCADE"),
    ("wiki_promotions", "page_id", "wiki_pages", "CASCADE"),
    ("wiki_promotions", "promoted_by", "users", "SET NULL"),
    ("wiki_promotions", "question_id", "questions", "CASCADE"),
    ("wiki_redirects", "page_id", "wiki_pages", "CASCADE"),
    ("wiki_revisions", "author_id", "users", "SET NULL"),
    ("wiki_revisions", "page_id", "wiki_pages", "CASCADE"),
    ("wiki_talk", "author_id", "users", "CASCADE"),
    ("wiki_talk", "page_id", "wiki_pages", "CASCADE"),
    ("wiki_watches", "page_id", "wiki_pages", "CASCADE"),
    ("wiki_watches", "user_id", "users", "CASCADE"),
    ("work_groups", "created_by", "users", "SET NULL"),
];

/// Columns that name a row (`…_id`, `…_by`) without a foreign key, and why. Deleting the row
/// they name leaves them pointing nowhere: whatever deletes it must clean them up itself.
const UNKEYED_REFERENCES: &[(&str, &str, &str)] = &[
    (
        "answers",
        "review_by",
        "a date (review by), not a member: the owner is review_owner_id",
    ),
    (
        "mail_reply_log",
        "item_id",
        "the item a reply became, after item_kind; the log outlives it",
    ),
    (
        "mail_reply_tokens",
        "item_id",
        "a question, answer, post, page… after item_kind; a reply to one that is gone is refused",
    ),
    (
        "notification_events",
        "item_id",
        "a member, question, answer, post, page… after item_kind",
    ),
    (
        "notification_watches",
        "item_id",
        "a question, discussion, category, tag, page or group, after item_kind",
    ),
    (
        "notifications",
        "item_id",
        "a member, question, answer, post, page… after item_kind (as its event)",
    ),
    ("qa_counts", "tag_id", "'' is the row for all tags"),
    (
        "qa_revisions",
        "post_id",
        "a question or an answer, after post_kind",
    ),
    (
        "qa_votes",
        "post_id",
        "a question or an answer, after post_kind",
    ),
    (
        "questions",
        "accepted_answer_id",
        "answers point at questions: a key both ways is a cycle",
    ),
    (
        "wiki_pages",
        "review_by",
        "a date (review by), not a member: the owner is review_owner_id",
    ),
];

#[derive(QueryableByName, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    #[diesel(sql_type = diesel::sql_types::Text)]
    child: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    col: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    parent: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    rule: String,
}

/// As a line of [`FOREIGN_KEYS`].
impl std::fmt::Debug for ForeignKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "(\"{}\", \"{}\", \"{}\", \"{}\"),",
            self.child, self.col, self.parent, self.rule
        )
    }
}

/// Every foreign key of the app's database, as the database itself reports it.
fn foreign_keys(app: &TestApp) -> Vec<ForeignKey> {
    let sql = match app.backend {
        prassi_tests::Backend::Sqlite => {
            "SELECT m.name AS child, f.\"from\" AS col, f.\"table\" AS parent, f.on_delete AS rule \
             FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f \
             WHERE m.type = 'table'"
        }
        prassi_tests::Backend::Postgres => {
            "SELECT kcu.table_name::text AS child, kcu.column_name::text AS col, \
                    pk.table_name::text AS parent, rc.delete_rule::text AS rule \
             FROM information_schema.referential_constraints AS rc \
             JOIN information_schema.key_column_usage AS kcu \
               ON kcu.constraint_schema = rc.constraint_schema \
              AND kcu.constraint_name = rc.constraint_name \
             JOIN information_schema.key_column_usage AS pk \
               ON pk.constraint_schema = rc.unique_constraint_schema \
              AND pk.constraint_name = rc.unique_constraint_name \
              AND pk.ordinal_position = kcu.position_in_unique_constraint \
             WHERE rc.constraint_schema = current_schema()"
        }
    };
    let mut keys: Vec<ForeignKey> = diesel::sql_query(sql).load(&mut app.conn()).unwrap();
    keys.sort();
    keys
}

both_backends! {
    async fn every_foreign_key_has_the_delete_rule_written_down_here(app) {
        let found = foreign_keys(&app);
        let expected: Vec<ForeignKey> = FOREIGN_KEYS
            .iter()
            .map(|(child, col, parent, rule)| ForeignKey { child: (*child).into(), col: (*col).into(), parent: (*parent).into(), rule: (*rule).into() })
            .collect();
        let mut sorted = expected.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, expected, "keep FOREIGN_KEYS sorted, each key once");
        let lines = |keys: Vec<&ForeignKey>| keys.iter().map(|k| format!("    {k:?}")).collect::<Vec<_>>().join("\n");
        let missing = lines(expected.iter().filter(|k| !found.contains(k)).collect());
        let unlisted = lines(found.iter().filter(|k| !expected.contains(k)).collect());
        assert!(
            missing.is_empty() && unlisted.is_empty(),
            "the foreign keys of {:?} differ from FOREIGN_KEYS in tests/tests/it/schema.rs.\n\
             Listed, but not in the database:\n{missing}\n\
             In the database, but not listed (or with another rule):\n{unlisted}\n\
             Decide what deleting the parent must do to each new row, then list the database's keys:\n{}",
            app.backend,
            lines(found.iter().collect())
        );
        // Every table that points somewhere is one the platform declares.
        for k in &found {
            assert!(prassi_db::schema::TABLES.contains(&k.child.as_str()), "{} is not in schema::TABLES", k.child);
        }
    }
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

both_backends! {
    async fn every_column_that_names_a_row_has_a_foreign_key_or_a_reason_not_to(app) {
        let keyed = foreign_keys(&app);
        let mut problems = Vec::new();
        for table in prassi_db::schema::TABLES {
            let sql = match app.backend {
                prassi_tests::Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
                prassi_tests::Backend::Postgres => format!(
                    "SELECT column_name::text AS name FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = '{table}'"
                ),
            };
            let columns: Vec<Column> = diesel::sql_query(sql).load(&mut app.conn()).unwrap();
            for c in columns.iter().filter(|c| c.name.ends_with("_id") || c.name.ends_with("_by")) {
                let has_key = keyed.iter().any(|k| k.child == *table && k.col == c.name);
                let excused = UNKEYED_REFERENCES.iter().any(|(t, col, _)| t == table && *col == c.name);
                if has_key == excused {
                    problems.push(format!("{table}.{}: {}", c.name, if has_key { "has a key now: remove it from UNKEYED_REFERENCES" } else { "no foreign key: add one, or list it in UNKEYED_REFERENCES with the reason" }));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

both_backends! {
    async fn deleting_an_account_takes_its_own_content_and_leaves_shared_pages_without_a_name(app) {
        use prassi_db::schema::{answers, questions, users, wiki_pages, wiki_revisions};
        // The rules above are in force on the connections the platform uses (SQLite enforces
        // foreign keys only when each connection asks it to).
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let question = app.question("anna", "Una domanda che se ne andrà con lei").answer("bruno", "Una risposta di Bruno.").create();
        let kept = app.question("bruno", "Una domanda di Bruno che resta").answer("anna", "Una risposta di Anna.").create();
        let page = app.wiki_page("anna", "Pagina condivisa").create();
        let mut conn = app.conn();
        let anna: prassi_db::UserId = users::table.filter(users::username.eq("anna")).select(users::id).first(&mut conn).unwrap();
        diesel::delete(users::table.find(&anna)).execute(&mut conn).unwrap();
        // CASCADE: her question goes, with the answers it collected, and so does her answer.
        let left: Vec<prassi_db::QuestionId> = questions::table.select(questions::id).load(&mut conn).unwrap();
        assert_eq!(left, std::slice::from_ref(&kept.id));
        let answers_left: Vec<prassi_db::AnswerId> = answers::table.select(answers::id).load(&mut conn).unwrap();
        assert!(answers_left.is_empty(), "{answers_left:?} (bruno's answer to her question, her answer to his)");
        assert!(!question.answers.is_empty() && !kept.answers.is_empty());
        // SET NULL: the shared page stays, without its creator's name.
        let created_by: Option<prassi_db::UserId> = wiki_pages::table.find(&page.id).select(wiki_pages::created_by).first(&mut conn).unwrap();
        assert_eq!(created_by, None);
        let authors: Vec<Option<prassi_db::UserId>> = wiki_revisions::table.filter(wiki_revisions::page_id.eq(&page.id)).select(wiki_revisions::author_id).load(&mut conn).unwrap();
        assert_eq!(authors, [None]);
    }
}
