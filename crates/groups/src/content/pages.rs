//! HTML pages of a group's content: the forms that make a question, a wiki page or a
//! discussion in the group, the activity stream, the group's proposals for publication and the
//! moderators' queue. Thin handlers over the functions of [`super`].

use actix_web::{web, HttpResponse};
use prassi_core::error::AppResult;
use prassi_core::Ctx;
use prassi_db::PublicationId;
use serde::Deserialize;
use tera::Context;

use super::publication::{self, DecisionInput, ProposeInput};
use super::{group_for_writing, stream, Create, GroupRef};

/// `?before=` of the activity stream.
#[derive(Debug, Default, Deserialize)]
pub struct StreamQuery {
    pub before: Option<String>,
}

/// The group and, for the question form, the tag vocabulary.
async fn group_ref(ctx: &Ctx, slug: &str, with_tags: bool) -> AppResult<(GroupRef, Vec<String>)> {
    let (viewer, phase, slug) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    ctx.state
        .run(move |conn| {
            let g = group_for_writing(conn, &viewer, phase, &slug)?;
            let tags = if with_tags {
                prassi_qa::service::tag_names(conn)?
            } else {
                Vec::new()
            };
            Ok((GroupRef::from(&g), tags))
        })
        .await
}

fn form_context<T: serde::Serialize>(group: &GroupRef, form: &T, tags: &[String]) -> Context {
    let mut c = Context::new();
    c.insert("group", group);
    c.insert("form", form);
    c.insert("known_tags", tags);
    c
}

/// One kind of item a group's members make from the group: its form, and how it is made.
struct Kind<I: 'static> {
    template: &'static str,
    /// The form offers the tag vocabulary (questions).
    with_tags: bool,
    create: Create<I>,
}

const QUESTION: Kind<prassi_qa::service::QuestionInput> = Kind {
    template: "groups/content_question.html",
    with_tags: true,
    create: super::ask,
};
const PAGE: Kind<prassi_wiki::service::PageInput> = Kind {
    template: "groups/content_page.html",
    with_tags: false,
    create: super::create_page,
};
const DISCUSSION: Kind<prassi_forum::service::DiscussionInput> = Kind {
    template: "groups/content_discussion.html",
    with_tags: false,
    create: super::start_discussion,
};

impl<I: Default + Clone + serde::Serialize + Send + 'static> Kind<I> {
    /// The empty form.
    async fn form(&self, ctx: Ctx, slug: &str) -> AppResult<HttpResponse> {
        let (group, tags) = group_ref(&ctx, slug, self.with_tags).await?;
        ctx.csrf_token()?;
        ctx.render(self.template, form_context(&group, &I::default(), &tags))
    }

    /// Makes the item and goes to it, or shows the form again with every error.
    async fn submit(&self, ctx: Ctx, slug: &str, form: I) -> AppResult<HttpResponse> {
        ctx.account()?;
        match super::create(&ctx, slug, form.clone(), self.create).await {
            Ok(url) => Ok(Ctx::redirect(&url)),
            Err(e) => {
                let (group, tags) = group_ref(&ctx, slug, self.with_tags).await?;
                ctx.form_error(self.template, form_context(&group, &form, &tags), e)
            }
        }
    }
}

async fn question_form(ctx: Ctx, path: web::Path<String>) -> AppResult<HttpResponse> {
    QUESTION.form(ctx, &path).await
}

async fn question_submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<prassi_qa::service::QuestionInput>,
) -> AppResult<HttpResponse> {
    QUESTION.submit(ctx, &path, form.into_inner()).await
}

async fn page_form(ctx: Ctx, path: web::Path<String>) -> AppResult<HttpResponse> {
    PAGE.form(ctx, &path).await
}

async fn page_submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<prassi_wiki::service::PageInput>,
) -> AppResult<HttpResponse> {
    PAGE.submit(ctx, &path, form.into_inner()).await
}

async fn discussion_form(ctx: Ctx, path: web::Path<String>) -> AppResult<HttpResponse> {
    DISCUSSION.form(ctx, &path).await
}

async fn discussion_submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<prassi_forum::service::DiscussionInput>,
) -> AppResult<HttpResponse> {
    DISCUSSION.submit(ctx, &path, form.into_inner()).await
}

async fn activity(
    ctx: Ctx,
    path: web::Path<String>,
    q: web::Query<StreamQuery>,
) -> AppResult<HttpResponse> {
    let (viewer, phase, slug) = (ctx.viewer.clone(), ctx.phase(), path.into_inner());
    let before = q.into_inner().before;
    let first_page = before.is_none();
    let (group, page) = ctx
        .state
        .run(move |conn| stream::activity(conn, &viewer, phase, &slug, before.as_deref(), None))
        .await?;
    let mut c = Context::new();
    c.insert("group", &GroupRef::from(&group));
    c.insert("may_participate", &group.may_participate());
    c.insert("items", &page.items);
    c.insert(
        "next_url",
        &page.next.as_ref().map(|n| {
            format!(
                "/gruppi/{}/attivita?before={}",
                group.group.slug,
                prassi_core::web::url_encode(n)
            )
        }),
    );
    c.insert("first_page", &first_page);
    ctx.render("groups/content_activity.html", c)
}

async fn publications_context(ctx: &Ctx, slug: &str, form: &ProposeInput) -> AppResult<Context> {
    let (viewer, phase, slug) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let (group, list, pages) = ctx
        .state
        .run(move |conn| {
            let (group, list) = publication::group_publications(conn, &viewer, phase, &slug)?;
            let pages = if group.may_participate() && viewer.account().is_some() {
                publication::group_pages(conn, &viewer, phase, &group)?
            } else {
                Vec::new()
            };
            Ok((group, list, pages))
        })
        .await?;
    let options: Vec<serde_json::Value> = pages
        .iter()
        .map(|(slug, title)| serde_json::json!({ "value": slug, "label": title }))
        .collect();
    let mut c = Context::new();
    c.insert("group", &GroupRef::from(&group));
    c.insert(
        "may_propose",
        &(group.may_participate() && ctx.viewer.account().is_some()),
    );
    c.insert("publications", &list);
    c.insert("page_options", &options);
    c.insert("form", form);
    Ok(c)
}

async fn publications(ctx: Ctx, path: web::Path<String>) -> AppResult<HttpResponse> {
    let c = publications_context(&ctx, &path, &ProposeInput::default()).await?;
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    ctx.render("groups/publications.html", c)
}

async fn propose(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<ProposeInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let slug = path.into_inner();
    let form = form.into_inner();
    let (viewer, phase, input, s) = (ctx.viewer.clone(), ctx.phase(), form.clone(), slug.clone());
    match ctx
        .state
        .write(move |conn| publication::propose(conn, &viewer, phase, &s, &input))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "groups-publication-proposed");
            Ok(Ctx::redirect(&format!("/gruppi/{slug}/pubblicazioni")))
        }
        Err(e) => {
            let c = publications_context(&ctx, &slug, &form).await?;
            ctx.form_error("groups/publications.html", c, e)
        }
    }
}

async fn queue_context(ctx: &Ctx) -> AppResult<Context> {
    let viewer = ctx.viewer.clone();
    let list = ctx
        .state
        .run(move |conn| publication::pending(conn, &viewer))
        .await?;
    let mut c = Context::new();
    c.insert("pending", &list);
    Ok(c)
}

async fn queue(ctx: Ctx) -> AppResult<HttpResponse> {
    let c = queue_context(&ctx).await?;
    ctx.csrf_token()?;
    ctx.render("groups/publication_queue.html", c)
}

async fn decide(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<DecisionInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = PublicationId(path.into_inner());
    let form = form.into_inner();
    let (viewer, phase, input) = (ctx.viewer.clone(), ctx.phase(), form.clone());
    match ctx
        .state
        .write(move |conn| publication::decide(conn, &viewer, phase, &id, &input))
        .await
    {
        Ok(done) => {
            ctx.flash(
                "success",
                if done.public_url.is_some() {
                    "groups-publication-approved"
                } else {
                    "groups-publication-refused"
                },
            );
            Ok(Ctx::redirect("/gruppi/pubblicazioni"))
        }
        Err(e) => {
            let mut c = queue_context(&ctx).await?;
            c.insert("form", &form);
            ctx.form_error("groups/publication_queue.html", c, e)
        }
    }
}

/// Registers the pages. `/gruppi/pubblicazioni` must come before any `/gruppi/{slug}` route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/gruppi/pubblicazioni", web::get().to(queue))
        .route("/gruppi/pubblicazioni/{id}", web::post().to(decide))
        .route("/gruppi/{slug}/attivita", web::get().to(activity))
        .route("/gruppi/{slug}/domande/nuova", web::get().to(question_form))
        .route(
            "/gruppi/{slug}/domande/nuova",
            web::post().to(question_submit),
        )
        .route("/gruppi/{slug}/wiki/nuova", web::get().to(page_form))
        .route("/gruppi/{slug}/wiki/nuova", web::post().to(page_submit))
        .route(
            "/gruppi/{slug}/discussioni/nuova",
            web::get().to(discussion_form),
        )
        .route(
            "/gruppi/{slug}/discussioni/nuova",
            web::post().to(discussion_submit),
        )
        .route("/gruppi/{slug}/pubblicazioni", web::get().to(publications))
        .route("/gruppi/{slug}/pubblicazioni", web::post().to(propose));
}
