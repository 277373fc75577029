//! Fixture builders shared by every test file: signed-in clients, accounts in a given state,
//! tags, questions with answers, wiki pages, forum categories and discussions, working groups.
//!
//! Content is made through the modules' own service functions (`prassi_qa::service::ask`,
//! `prassi_wiki::service::create`, `prassi_forum::service::start`…), each call in its own
//! write transaction as a request would make it, so a fixture has exactly the rows, counters
//! and outbox events real use produces — never rows written by copied SQL. A service that
//! refuses the fixture fails the test with its error.
//!
//! Builders take usernames of accounts made before (with [`TestApp::user`]) and act with the
//! phase the platform is in unless told otherwise (`.phase(…)`).

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_db::{AnswerId, DiscussionId, PostId, QuestionId, Role, TagId, UserId};

use crate::{Client, TestApp, PASSWORD};

/// The platform's staff, as fixtures act for it where the services want an administrator
/// (tags, forum categories): an account held only in memory, so no fixture adds an account a
/// test did not ask for. Those services record no actor.
fn staff() -> Viewer {
    Viewer::Account(prassi_core::access::Account {
        id: UserId::new(),
        username: "staff".into(),
        display_name: "staff".into(),
        role: Role::Admin,
        status: prassi_db::AccountStatus::Active,
        groups: Default::default(),
    })
}

/// Runs `f` in one write transaction; a refusal fails the test, naming the fixture.
fn write<T>(
    app: &TestApp,
    what: &str,
    f: impl FnOnce(&mut prassi_db::DbConnection) -> AppResult<T>,
) -> T {
    let mut conn = app.conn();
    prassi_db::write_tx(&mut conn, f).unwrap_or_else(|e| panic!("fixture {what} refused: {e:?}"))
}

impl TestApp {
    /// Makes an account with `role` (as [`TestApp::user`]) and returns a client signed in as
    /// it through the sign-in form.
    pub async fn signed_in(
        &self,
        username: &str,
        role: Role,
    ) -> Client<
        impl Service<
            actix_http::Request,
            Response = ServiceResponse<impl MessageBody>,
            Error = actix_web::Error,
        >,
    > {
        self.user(username, role);
        self.signed_in_as(username).await
    }

    /// A fresh client signed in as an existing account with [`PASSWORD`].
    pub async fn signed_in_as(
        &self,
        username: &str,
    ) -> Client<
        impl Service<
            actix_http::Request,
            Response = ServiceResponse<impl MessageBody>,
            Error = actix_web::Error,
        >,
    > {
        let mut c = self.client().await;
        c.login(username, PASSWORD).await;
        c
    }

    /// A member account that waits for approval (`pending`), as registration in a closed
    /// phase with approval on leaves it; it signs in with [`PASSWORD`].
    pub fn pending_user(&self, username: &str) -> UserId {
        use prassi_db::schema::users;
        let id = self.user(username, Role::Member);
        diesel::update(users::table.find(&id))
            .set(users::status.eq(prassi_db::AccountStatus::Pending))
            .execute(&mut self.conn())
            .expect("pending account");
        id
    }

    /// The id of the account named `username`.
    pub fn user_id(&self, username: &str) -> UserId {
        use prassi_db::schema::users;
        users::table
            .filter(users::username.eq(username))
            .select(users::id)
            .first(&mut self.conn())
            .expect("fixture account")
    }

    /// The phase the platform is in.
    pub fn phase(&self) -> Phase {
        prassi_core::settings::SiteSettings::load(&mut self.conn())
            .expect("settings")
            .phase
    }

    /// A tag of the shared Q&A vocabulary (questions may only use existing tags).
    pub fn tag(&self, name: &str, description: &str) -> TagId {
        let input = prassi_qa::service::TagInput {
            name: name.into(),
            description: description.into(),
        };
        write(self, "tag", |c| {
            prassi_qa::service::create_tag(c, &staff(), &input)
        })
    }

    /// A question asked by `asker`; by default in `members`, tagged `appalti` (make the tag
    /// first with [`TestApp::tag`]), with a fixed body and no answers.
    pub fn question<'a>(&'a self, asker: &str, title: &str) -> QuestionBuilder<'a> {
        QuestionBuilder {
            app: self,
            asker: asker.into(),
            phase: None,
            input: prassi_qa::service::QuestionInput {
                title: title.into(),
                body_md: "Come si fa?".into(),
                tags: "appalti".into(),
                audience: "members".into(),
                lang: String::new(),
            },
            answers: Vec::new(),
        }
    }

    /// An answer by `who` to `question`, in the platform's phase.
    pub fn answer(&self, who: &str, question: &QuestionId, body: &str) -> AnswerId {
        let (v, phase) = (self.viewer(who), self.phase());
        write(self, "answer", |c| {
            prassi_qa::service::answer(c, &v, phase, question, body)
        })
    }

    /// A wiki page created by `author`; by default in `members`, in the category "Metodo",
    /// with a one-line body.
    pub fn wiki_page<'a>(&'a self, author: &str, title: &str) -> WikiPageBuilder<'a> {
        WikiPageBuilder {
            app: self,
            author: author.into(),
            phase: None,
            input: prassi_wiki::service::PageInput {
                title: title.into(),
                body_md: "Una pagina di prova.".into(),
                categories: "Metodo".into(),
                audience: "members".into(),
                ..Default::default()
            },
        }
    }

    /// A forum category (what an administrator makes on `/forum/categorie`); returns its
    /// slug.
    pub fn forum_category(&self, name: &str, audience: &str) -> String {
        let input = prassi_forum::service::CategoryInput {
            name: name.into(),
            description: "Per confrontarsi".into(),
            position: 0,
            audience: audience.into(),
        };
        write(self, "forum category", |c| {
            prassi_forum::service::create_category(c, &staff(), &input)
        });
        prassi_forum::service::slug_of(name)
    }

    /// A discussion opened by `author` in the category `category` (a slug); by default with
    /// a one-line opening post and no replies.
    pub fn discussion<'a>(
        &'a self,
        author: &str,
        category: &str,
        title: &str,
    ) -> DiscussionBuilder<'a> {
        DiscussionBuilder {
            app: self,
            author: author.into(),
            category: category.into(),
            phase: None,
            input: prassi_forum::service::DiscussionInput {
                title: title.into(),
                body_md: "Apriamo il tema.".into(),
                lang: String::new(),
            },
            replies: Vec::new(),
        }
    }

    fn phase_or_current(&self, phase: Option<Phase>) -> Phase {
        phase.unwrap_or_else(|| self.phase())
    }
}

/// A question being built; see [`TestApp::question`].
#[must_use = "call .create()"]
pub struct QuestionBuilder<'a> {
    app: &'a TestApp,
    asker: String,
    phase: Option<Phase>,
    input: prassi_qa::service::QuestionInput,
    answers: Vec<(String, String)>,
}

/// A question made by [`QuestionBuilder::create`].
#[derive(Debug, Clone)]
pub struct Question {
    pub id: QuestionId,
    /// Its answers, in the order they were given.
    pub answers: Vec<AnswerId>,
}

impl QuestionBuilder<'_> {
    /// The Markdown body.
    pub fn body(mut self, body_md: &str) -> Self {
        self.input.body_md = body_md.into();
        self
    }
    /// The tags, as the form takes them (`"appalti, valutazione"`); they must exist.
    pub fn tags(mut self, tags: &str) -> Self {
        self.input.tags = tags.into();
        self
    }
    /// `public`, `members` or `group:<id>`.
    pub fn audience(mut self, audience: &str) -> Self {
        self.input.audience = audience.into();
        self
    }
    /// The language of the text.
    pub fn lang(mut self, lang: &str) -> Self {
        self.input.lang = lang.into();
        self
    }
    /// The phase the services are told (default: the platform's).
    pub fn phase(mut self, phase: Phase) -> Self {
        self.phase = Some(phase);
        self
    }
    /// One answer by `who`.
    pub fn answer(mut self, who: &str, body_md: &str) -> Self {
        self.answers.push((who.into(), body_md.into()));
        self
    }
    /// `n` answers by `who`, numbered ("Risposta 1: …").
    pub fn answers(mut self, n: usize, who: &str) -> Self {
        let from = self.answers.len();
        for i in from..from + n {
            self.answers.push((
                who.into(),
                format!("Risposta {}: il dialogo competitivo funziona.", i + 1),
            ));
        }
        self
    }
    /// Asks the question, then gives each answer, one transaction per call.
    pub fn create(self) -> Question {
        let phase = self.app.phase_or_current(self.phase);
        let asker = self.app.viewer(&self.asker);
        let id = write(self.app, "question", |c| {
            prassi_qa::service::ask(c, &asker, phase, &self.input)
        });
        let mut viewers: Vec<(String, Viewer)> = Vec::new();
        let mut answers = Vec::with_capacity(self.answers.len());
        for (who, body) in &self.answers {
            let v = match viewers.iter().find(|(n, _)| n == who) {
                Some((_, v)) => v.clone(),
                None => {
                    let v = self.app.viewer(who);
                    viewers.push((who.clone(), v.clone()));
                    v
                }
            };
            answers.push(write(self.app, "answer", |c| {
                prassi_qa::service::answer(c, &v, phase, &id, body)
            }));
        }
        Question { id, answers }
    }
}

/// A wiki page being built; see [`TestApp::wiki_page`].
#[must_use = "call .create()"]
pub struct WikiPageBuilder<'a> {
    app: &'a TestApp,
    author: String,
    phase: Option<Phase>,
    input: prassi_wiki::service::PageInput,
}

impl WikiPageBuilder<'_> {
    /// The Markdown body.
    pub fn body(mut self, body_md: &str) -> Self {
        self.input.body_md = body_md.into();
        self
    }
    /// Comma-separated category names.
    pub fn categories(mut self, categories: &str) -> Self {
        self.input.categories = categories.into();
        self
    }
    /// The parent page's title.
    pub fn parent(mut self, title: &str) -> Self {
        self.input.parent = title.into();
        self
    }
    /// `public`, `members` or `group:<id>`.
    pub fn audience(mut self, audience: &str) -> Self {
        self.input.audience = audience.into();
        self
    }
    /// The language of the text.
    pub fn lang(mut self, lang: &str) -> Self {
        self.input.lang = lang.into();
        self
    }
    /// The phase the service is told (default: the platform's).
    pub fn phase(mut self, phase: Phase) -> Self {
        self.phase = Some(phase);
        self
    }
    /// Creates the page (revision 1, watched by its author).
    pub fn create(self) -> prassi_db::models::WikiPage {
        let phase = self.app.phase_or_current(self.phase);
        let author = self.app.viewer(&self.author);
        write(self.app, "wiki page", |c| {
            prassi_wiki::service::create(c, &author, phase, &self.input)
        })
    }
}

/// A forum discussion being built; see [`TestApp::discussion`].
#[must_use = "call .create()"]
pub struct DiscussionBuilder<'a> {
    app: &'a TestApp,
    author: String,
    category: String,
    phase: Option<Phase>,
    input: prassi_forum::service::DiscussionInput,
    replies: Vec<(String, String)>,
}

/// A discussion made by [`DiscussionBuilder::create`].
#[derive(Debug, Clone)]
pub struct Discussion {
    pub id: DiscussionId,
    /// Its replies, in order (the opening post is not among them).
    pub replies: Vec<PostId>,
}

impl DiscussionBuilder<'_> {
    /// The opening post's Markdown.
    pub fn body(mut self, body_md: &str) -> Self {
        self.input.body_md = body_md.into();
        self
    }
    /// The language of the text.
    pub fn lang(mut self, lang: &str) -> Self {
        self.input.lang = lang.into();
        self
    }
    /// The phase the services are told (default: the platform's).
    pub fn phase(mut self, phase: Phase) -> Self {
        self.phase = Some(phase);
        self
    }
    /// One reply by `who`.
    pub fn reply(mut self, who: &str, body_md: &str) -> Self {
        self.replies.push((who.into(), body_md.into()));
        self
    }
    /// Opens the discussion, then posts each reply, one transaction per call.
    pub fn create(self) -> Discussion {
        let phase = self.app.phase_or_current(self.phase);
        let author = self.app.viewer(&self.author);
        let id = write(self.app, "discussion", |c| {
            prassi_forum::service::start(c, &author, phase, &self.category, &self.input)
        });
        let replies = self
            .replies
            .iter()
            .map(|(who, body)| {
                let v = self.app.viewer(who);
                write(self.app, "reply", |c| {
                    prassi_forum::service::reply(c, &v, phase, &id, body, None)
                })
            })
            .collect();
        Discussion { id, replies }
    }
}

impl TestApp {
    /// A working group created by `creator` (who becomes its first coordinator, whatever the
    /// site setting says); by default listed, joined by request, with a one-line
    /// description and no other members.
    pub fn group<'a>(&'a self, creator: &str, name: &str) -> GroupBuilder<'a> {
        GroupBuilder {
            app: self,
            creator: creator.into(),
            input: prassi_groups::service::GroupInput {
                name: name.into(),
                description_md: "Un gruppo di lavoro di prova.".into(),
                visibility: "listed".into(),
                join_policy: "request".into(),
                ..Default::default()
            },
            members: Vec::new(),
        }
    }
}

/// A working group being built; see [`TestApp::group`].
#[must_use = "call .create()"]
pub struct GroupBuilder<'a> {
    app: &'a TestApp,
    creator: String,
    input: prassi_groups::service::GroupInput,
    members: Vec<(String, prassi_db::GroupRole)>,
}

impl GroupBuilder<'_> {
    /// `public`, `listed` or `secret`.
    pub fn visibility(mut self, visibility: &str) -> Self {
        self.input.visibility = visibility.into();
        self
    }
    /// `open`, `request` or `invitation`.
    pub fn join_policy(mut self, policy: &str) -> Self {
        self.input.join_policy = policy.into();
        self
    }
    /// The Markdown description.
    pub fn description(mut self, description_md: &str) -> Self {
        self.input.description_md = description_md.into();
        self
    }
    /// The address (default: made from the name).
    pub fn slug(mut self, slug: &str) -> Self {
        self.input.slug = slug.into();
        self
    }
    /// A member (an existing account), added by invitation whatever the join policy.
    pub fn member(mut self, who: &str) -> Self {
        self.members
            .push((who.into(), prassi_db::GroupRole::Member));
        self
    }
    /// Another coordinator (an existing account).
    pub fn coordinator(mut self, who: &str) -> Self {
        self.members
            .push((who.into(), prassi_db::GroupRole::Coordinator));
        self
    }
    /// Creates the group, then adds each member (invitation accepted, then the role), one
    /// transaction per call; returns the group's row as stored at the end.
    pub fn create(self) -> prassi_db::models::WorkGroup {
        use prassi_groups::service;
        let phase = self.app.phase();
        let creator = self.app.viewer(&self.creator);
        let group = write(self.app, "group", |c| {
            service::create(
                c,
                &creator,
                prassi_core::settings::GroupCreators::Members,
                &self.input,
            )
        });
        for (who, role) in &self.members {
            let invite = service::InviteInput {
                username: who.clone(),
            };
            let id = write(self.app, "group invitation", |c| {
                service::invite(c, &creator, phase, &group.slug, &invite)
            });
            let member = self.app.viewer(who);
            write(self.app, "group invitation answer", |c| {
                service::respond(c, &member, phase, &group.slug, id.as_str(), true)
            });
            if *role == prassi_db::GroupRole::Coordinator {
                write(self.app, "group role", |c| {
                    service::set_role(c, &creator, phase, &group.slug, who, "coordinator")
                });
            }
        }
        use prassi_db::schema::work_groups;
        work_groups::table
            .find(&group.id)
            .select(prassi_db::models::WorkGroup::as_select())
            .first(&mut self.app.conn())
            .expect("fixture group")
    }
}

impl TestApp {
    /// `n` approved members `<prefix>1` … `<prefix>n` of organisation `org` (made if new), for
    /// tests that need many people at once (seats racing, table assignment). They share the
    /// password hash of one account made the usual way (`<prefix>0`), since hashing hundreds of
    /// passwords would take minutes in a debug build; every other column is what
    /// `create_user_direct` writes. Returns their ids, in order.
    pub fn members(&self, prefix: &str, n: usize, org: &str) -> Vec<UserId> {
        use prassi_db::models::{User, UserInsertForm};
        use prassi_db::schema::users;
        let template = format!("{prefix}0");
        self.user(&template, Role::Member);
        let mut conn = self.conn();
        prassi_db::write_tx(&mut conn, |c| -> AppResult<Vec<UserId>> {
            let t: User = users::table
                .filter(users::username.eq(&template))
                .select(User::as_select())
                .first(c)?;
            let org = prassi_accounts::service::find_or_create_organisation(
                c,
                org,
                prassi_db::OrganisationKind::PublicAdministration,
                Some("Veneto"),
            )?;
            let mut ids = Vec::with_capacity(n);
            for i in 1..=n {
                let id = UserId::new();
                let (username, email) =
                    (format!("{prefix}{i}"), format!("{prefix}{i}@example.org"));
                let name = format!("Persona {prefix} {i}");
                diesel::insert_into(users::table)
                    .values(UserInsertForm {
                        id: &id,
                        username: &username,
                        email: &email,
                        password_hash: &t.password_hash,
                        display_name: &name,
                        role: t.role,
                        status: t.status,
                        email_verified_at: t.email_verified_at,
                        organisation_id: Some(&org),
                        job_title: "",
                        bio_md: "",
                        directory_consent: false,
                        consent_at: None,
                        request_note: "",
                        locale: t.locale.as_deref(),
                        created_at: t.created_at,
                        updated_at: t.updated_at,
                        password_changed_at: t.password_changed_at,
                    })
                    .execute(c)?;
                ids.push(id);
            }
            Ok(ids)
        })
        .expect("fixture members")
    }
}
