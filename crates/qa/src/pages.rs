//! HTML pages of the Q&A module. Thin handlers: parse, call the service (which applies the
//! access rule), render. Forms post back and redirect (303) to the question, at the anchor of
//! what changed.

use actix_web::{web, HttpResponse};
use prassi_core::access::{Action, Audience};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::PageQuery;
use prassi_core::web::safe_next;
use prassi_core::Ctx;
use prassi_db::{AnswerId, QuestionId};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::service::{
    self, AnswerView, CloseInput, CommentView, EditInput, ExpertSuggestion, ListFilter, ListTab,
    QuestionDetail, QuestionInput, QuestionSummary, TagInput, VoteInput,
};
use prassi_db::PostKind;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub tab: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
    pub autore: Option<String>,
}

async fn list(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let tab = ListTab::parse(q.tab.as_deref());
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let filter = ListFilter {
        tab: Some(tab),
        tag: None,
        author: q.autore.clone(),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (questions, info) = ctx
        .state
        .run(move |conn| service::list(conn, &viewer, phase, &filter, page))
        .await?;
    let author_param = q
        .autore
        .as_deref()
        .map(|a| format!("&autore={}", prassi_core::web::url_encode(a)))
        .unwrap_or_default();
    let tabs: Vec<serde_json::Value> = ListTab::ALL
        .iter()
        .map(|t| {
            serde_json::json!({
                "value": t.as_str(),
                "label": ctx.t(&format!("qa-tab-{}", t.as_str())),
                "url": format!("/qa?tab={}{author_param}", t.as_str()),
            })
        })
        .collect();
    let mut c = Context::new();
    c.insert(
        "questions",
        &summary_blocks(&ctx, &questions, "h2", tab == ListTab::Active)?,
    );
    c.insert("count", &info.total);
    c.insert("page", &info);
    c.insert(
        "page_base",
        &format!("/qa?tab={}{author_param}", tab.as_str()),
    );
    c.insert("tab", tab.as_str());
    c.insert("tabs", &tabs);
    c.insert("heading", &ctx.t(&format!("qa-heading-{}", tab.as_str())));
    c.insert("can_ask", &ctx.viewer.participates());
    ctx.render("qa/list.html", c)
}

/// What one question of a list (`qa/_summary.html`) shows, and so its key in the rendered-HTML
/// cache (see `Templates::fragment`): the question, the page's language, its title's heading
/// level and whether the last activity is shown.
#[derive(Serialize, Hash)]
struct SummaryBlock<'a> {
    q: &'a QuestionSummary,
    lang: &'a str,
    heading: &'static str,
    activity: bool,
}

/// The list's questions as HTML, each block rendered once for everything it shows (a list
/// viewed again, by anyone reading in the same language, renders none of them).
fn summary_blocks(
    ctx: &Ctx,
    questions: &[QuestionSummary],
    heading: &'static str,
    activity: bool,
) -> AppResult<Vec<String>> {
    questions
        .iter()
        .map(|q| {
            let block = SummaryBlock {
                q,
                lang: ctx.lang,
                heading,
                activity,
            };
            Ok(ctx
                .state
                .templates
                .fragment("qa/_summary.html", &block, "", false)?)
        })
        .collect()
}

fn audience_options(ctx: &Ctx) -> Vec<serde_json::Value> {
    [Audience::Members, Audience::Public]
        .iter()
        .filter(|a| ctx.can(a, Action::Participate))
        .map(|a| serde_json::json!({ "value": a.to_db(), "label": ctx.t(&format!("qa-audience-{}", a.to_db())) }))
        .collect()
}

async fn ask_context(ctx: &Ctx, form: &QuestionInput) -> AppResult<Context> {
    let names = ctx.state.run(service::tag_names).await?;
    let mut c = Context::new();
    c.insert("form", form);
    c.insert("audience_options", &audience_options(ctx));
    c.insert("known_tags", &names);
    Ok(c)
}

async fn ask_form(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    if !ctx.viewer.participates() {
        return Err(AppError::forbidden());
    }
    ctx.csrf_token()?;
    let c = ask_context(
        &ctx,
        &QuestionInput {
            audience: "members".into(),
            ..Default::default()
        },
    )
    .await?;
    ctx.render("qa/ask.html", c)
}

async fn ask_submit(ctx: Ctx, form: web::Form<QuestionInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let form = form.into_inner();
    let input = form.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    match ctx
        .state
        .write(move |conn| {
            let id = service::ask(conn, &viewer, phase, &input)?;
            Ok(service::question_url(&id, &input.title))
        })
        .await
    {
        Ok(url) => Ok(Ctx::redirect(&url)),
        Err(e) => {
            let c = ask_context(&ctx, &form).await?;
            ctx.form_error("qa/ask.html", c, e)
        }
    }
}

/// A comment sent with an error: shown again, with its message, in the form it came from.
struct CommentRetry<'a> {
    /// The answer's id, or "" for the question's own comments.
    answer_id: &'a str,
    message: String,
    body: &'a str,
}

/// What one answer block (`qa/_answer.html`) shows, and so its key in the rendered-HTML cache
/// (see `Templates::fragment`): the answer, the page's language, the viewer's rights and the
/// comment sent with an error, if it was this answer's.
#[derive(Serialize, Hash)]
struct AnswerBlock<'a> {
    a: &'a AnswerView,
    lang: &'a str,
    can_vote: bool,
    can_comment: bool,
    can_accept: bool,
    question_url: &'a str,
    question_id: &'a str,
    err_here: bool,
    comment_error: &'a str,
    comment_value: &'a str,
}

/// An answer as the question page's template takes it: its block already rendered.
#[derive(Serialize)]
struct RenderedAnswer {
    id: String,
    accepted: bool,
    html: String,
}

async fn question_context(
    ctx: &Ctx,
    id: &QuestionId,
    retry: Option<&CommentRetry<'_>>,
) -> AppResult<(Context, String)> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let qid = id.clone();
    let (page, accepted_review, watch) = ctx
        .state
        .run(move |conn| {
            let (page, row, audience) = service::question_page_and_row(conn, &qid, &viewer, phase)?;
            // Most questions have no accepted answer, hence no review notice to read.
            let review = match page.question.accepted_answer_id {
                Some(_) => service::accepted_review_of(conn, &viewer, phase, row, audience)?,
                None => None,
            };
            Ok((
                page,
                review,
                prassi_core::notify::watch_state(conn, &viewer, "question", &qid.0)?,
            ))
        })
        .await?;
    let audience = Audience::from_db(&page.question.audience).unwrap_or(Audience::Members);
    let participate = ctx.can(&audience, Action::Participate);
    let open = page.question.closed_reason.is_none();
    let mut c = Context::new();
    // Moderators close and reopen the question, and may accept an answer.
    let can_close = ctx.can(&audience, Action::Moderate);
    let can_accept = (page.question.is_author && participate) || can_close;
    c.insert("can_vote", &participate);
    c.insert("can_comment", &participate);
    c.insert("can_answer", &(participate && open));
    c.insert("can_accept", &can_accept);
    c.insert("can_edit_question", &page.question.can_edit);
    c.insert("can_close", &can_close);
    c.insert(
        "answer_form",
        &serde_json::json!({ "body_md": "", "lang": page.question.lang }),
    );
    let url = page.question.url.clone();
    c.insert("question", &page.question);
    c.insert("question_comments", &page.question_comments);
    let token = ctx.page_csrf_token()?;
    let answers = page
        .answers
        .iter()
        .map(|a| {
            // Only the block the comment came from shows it (and is rendered afresh: the text
            // sent is never kept).
            let sent = retry.filter(|r| r.answer_id == a.id);
            let err_here = sent.is_some();
            let block = AnswerBlock {
                a,
                lang: ctx.lang,
                can_vote: participate,
                can_comment: participate,
                can_accept,
                question_url: &page.question.url,
                question_id: &page.question.id,
                err_here,
                comment_error: sent.map_or("", |r| &r.message),
                comment_value: sent.map_or("", |r| r.body),
            };
            let html = ctx
                .state
                .templates
                .fragment("qa/_answer.html", &block, &token, err_here)?;
            Ok(RenderedAnswer {
                id: a.id.clone(),
                accepted: a.accepted,
                html,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    c.insert("answers", &answers);
    c.insert("experts", &page.experts);
    c.insert("accepted_review", &accepted_review);
    c.insert("watch", &watch);
    let can_invite = page.question.is_author && participate;
    c.insert("can_invite", &can_invite);
    let block = QuestionBlock {
        question: &page.question,
        question_comments: &page.question_comments,
        experts: &page.experts,
        watch: &watch,
        lang: ctx.lang,
        can_vote: participate,
        can_comment: participate,
        can_close,
        can_invite,
        can_edit_question: page.question.can_edit,
    };
    let html = ctx
        .state
        .templates
        .fragment("qa/_question.html", &block, &token, false)?;
    c.insert("question_html", &html);
    Ok((c, url))
}

/// What the question itself (`qa/_question.html`) shows, and so its key in the rendered-HTML
/// cache (see `Templates::fragment`): the question as the viewer sees it (their vote and
/// rights included), its comments, the experts box, the viewer's watch level, the page's
/// language. A form sent back with errors shows them in this part: those pages drop the kept
/// HTML ([`without_kept_question`]) and the page template includes the fragment's template
/// with its own values.
#[derive(Serialize, Hash)]
struct QuestionBlock<'a> {
    question: &'a QuestionDetail,
    question_comments: &'a [CommentView],
    experts: &'a [ExpertSuggestion],
    watch: &'a Option<prassi_core::notify::WatchState>,
    lang: &'a str,
    can_vote: bool,
    can_comment: bool,
    can_close: bool,
    can_invite: bool,
    can_edit_question: bool,
}

/// A question page's values without the question's kept HTML, for a form sent back with
/// errors that the question's part shows (a comment on the question, the close form).
fn without_kept_question(mut c: Context) -> Context {
    c.remove("question_html");
    c
}

/// Where to send the viewer after a form about a question: its address, without the page.
async fn question_url(ctx: &Ctx, id: &QuestionId) -> AppResult<String> {
    let (viewer, phase, qid) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    ctx.state
        .run(move |conn| service::readable_question_url(conn, &qid, &viewer, phase))
        .await
}

async fn question(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (id, slug) = path.into_inner();
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let (c, url) = question_context(&ctx, &id, None).await?;
    if !url.ends_with(&format!("/{slug}")) {
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((actix_web::http::header::LOCATION, url))
            .finish());
    }
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    ctx.render("qa/question.html", c)
}

async fn question_by_id(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let url = question_url(&ctx, &id).await?;
    Ok(HttpResponse::MovedPermanently()
        .insert_header((actix_web::http::header::LOCATION, url))
        .finish())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub body_md: String,
    pub lang: String,
}

async fn answer_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<AnswerForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let AnswerForm {
        body_md: body,
        lang,
    } = form.into_inner();
    let (viewer, phase, qid, text) = (ctx.viewer.clone(), ctx.phase(), id.clone(), body.clone());
    let chosen = lang.clone();
    match ctx
        .state
        .write(move |conn| service::answer_in(conn, &viewer, phase, &qid, &text, &chosen))
        .await
    {
        Ok(aid) => {
            let url = question_url(&ctx, &id).await?;
            Ok(Ctx::redirect(&format!("{url}#risposta-{aid}")))
        }
        Err(e) => {
            let (mut c, _) = question_context(&ctx, &id, None).await?;
            c.insert(
                "answer_form",
                &serde_json::json!({ "body_md": body, "lang": lang }),
            );
            ctx.form_error("qa/question.html", c, e)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CommentForm {
    pub body: String,
    pub answer_id: String,
}

async fn comment_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<CommentForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let CommentForm { body, answer_id } = form.into_inner();
    let answer = match answer_id.trim() {
        "" => None,
        a => Some(AnswerId::parse(a).ok_or_else(AppError::not_found)?),
    };
    let (viewer, phase, qid, a2) = (ctx.viewer.clone(), ctx.phase(), id.clone(), answer.clone());
    let typed = serde_json::json!({ "answer_id": answer_id, "body": body });
    let text = body.clone();
    match ctx
        .state
        .write(move |conn| service::comment(conn, &viewer, phase, &qid, a2.as_ref(), &text))
        .await
    {
        Ok(_) => {
            let url = question_url(&ctx, &id).await?;
            let anchor = answer
                .map(|a| format!("#risposta-{a}"))
                .unwrap_or_else(|| "#commenti".into());
            Ok(Ctx::redirect(&format!("{url}{anchor}")))
        }
        Err(e) => {
            // The message as the page's error summary shows it (`Ctx::form_error`).
            let message = e
                .field_errors()
                .into_iter()
                .find(|f| f.field == "body")
                .map(|f| ctx.t(&f.message));
            let retry = message.map(|message| CommentRetry {
                answer_id: &answer_id,
                message,
                body: &body,
            });
            let (c, _) = question_context(&ctx, &id, retry.as_ref()).await?;
            let mut c = without_kept_question(c);
            c.insert("comment_form", &typed);
            ctx.form_error("qa/question.html", c, e)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct VoteForm {
    pub kind: String,
    pub id: String,
    pub value: i32,
    pub back: String,
}

async fn vote_submit(ctx: Ctx, form: web::Form<VoteForm>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let form = form.into_inner();
    let input = VoteInput {
        kind: form.kind,
        id: form.id,
        value: form.value,
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::vote(conn, &viewer, phase, &input))
        .await?;
    Ok(Ctx::redirect(&safe_next(Some(&form.back))))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AcceptForm {
    pub answer_id: String,
}

async fn accept_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<AcceptForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let answer = match form.answer_id.trim() {
        "" => None,
        a => Some(AnswerId::parse(a).ok_or_else(AppError::not_found)?),
    };
    let (viewer, phase, qid, a2) = (ctx.viewer.clone(), ctx.phase(), id.clone(), answer.clone());
    ctx.state
        .write(move |conn| service::accept(conn, &viewer, phase, &qid, a2.as_ref()))
        .await?;
    let url = question_url(&ctx, &id).await?;
    let anchor = answer.map(|a| format!("#risposta-{a}")).unwrap_or_default();
    Ok(Ctx::redirect(&format!("{url}{anchor}")))
}

async fn tags_context(ctx: &Ctx) -> AppResult<Context> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let tags = ctx
        .state
        .run(move |conn| service::tag_list(conn, &viewer, phase))
        .await?;
    let mut c = Context::new();
    c.insert("tags", &tags);
    c.insert("can_manage", &ctx.viewer.is_moderator());
    Ok(c)
}

async fn tags(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    if ctx.viewer.is_moderator() {
        ctx.csrf_token()?;
    }
    let c = tags_context(&ctx).await?;
    ctx.render("qa/tags.html", c)
}

async fn tag_create(ctx: Ctx, form: web::Form<TagInput>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let input = form.into_inner();
    let typed = input.clone();
    let viewer = ctx.viewer.clone();
    match ctx
        .state
        .write(move |conn| service::create_tag(conn, &viewer, &input))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "qa-tag-created");
            Ok(Ctx::redirect("/qa/tags"))
        }
        Err(e) => {
            let mut c = tags_context(&ctx).await?;
            c.insert("tag_form", "create");
            c.insert("form", &typed);
            ctx.form_error("qa/tags.html", c, e)
        }
    }
}

async fn tag_page(
    ctx: Ctx,
    name: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let name = name.into_inner();
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (tag, questions, info, top, watch) = ctx
        .state
        .run(move |conn| {
            let tag = service::tag_by_name(conn, &name)?;
            let filter = ListFilter {
                tab: Some(ListTab::Newest),
                tag: Some(tag.name.clone()),
                author: None,
            };
            let (questions, info) = service::list(conn, &viewer, phase, &filter, page)?;
            let top = service::top_answerers(conn, &tag.id, &viewer, phase)?;
            let watch = prassi_core::notify::watch_state(conn, &viewer, "tag", &tag.id.0)?;
            Ok((tag, questions, info, top, watch))
        })
        .await?;
    let mut c = Context::new();
    c.insert(
        "page_base",
        &format!("/qa/tags/{}", prassi_core::web::url_encode(&tag.name)),
    );
    c.insert("tag", &tag);
    c.insert("questions", &summary_blocks(&ctx, &questions, "h3", false)?);
    c.insert("page", &info);
    c.insert("top_answerers", &top);
    c.insert("watch", &watch);
    c.insert("can_ask", &ctx.viewer.participates());
    ctx.render("qa/tag.html", c)
}

/// What the edit page needs: the post's current text, its question and where to go back.
struct Editing {
    kind: PostKind,
    question_id: QuestionId,
    question_title: String,
    back_url: String,
    action: String,
    form: EditInput,
}

async fn editing(ctx: &Ctx, kind: PostKind, id: &str) -> AppResult<Editing> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.to_owned());
    ctx.state
        .run(move |conn| {
            let (q, form) = service::editable(conn, kind, &id, &viewer, phase)?;
            Ok(Editing {
                kind,
                action: match kind {
                    PostKind::Question => format!("/qa/modifica/domanda/{id}"),
                    PostKind::Answer => format!("/qa/modifica/risposta/{id}"),
                },
                back_url: service::question_url(&q.id, &q.title),
                form,
                question_title: q.title,
                question_id: q.id,
            })
        })
        .await
}

async fn edit_context(ctx: &Ctx, e: &Editing, form: &EditInput) -> AppResult<Context> {
    let names = ctx.state.run(service::tag_names).await?;
    let mut c = Context::new();
    c.insert("kind", e.kind.as_str());
    c.insert("action", &e.action);
    c.insert("back_url", &e.back_url);
    c.insert("question_title", &e.question_title);
    c.insert("form", form);
    c.insert("known_tags", &names);
    Ok(c)
}

fn post_kind(segment: &str) -> AppResult<PostKind> {
    match segment {
        "domanda" => Ok(PostKind::Question),
        "risposta" => Ok(PostKind::Answer),
        _ => Err(AppError::not_found()),
    }
}

async fn edit_form(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (kind, id) = path.into_inner();
    let e = editing(&ctx, post_kind(&kind)?, &id).await?;
    ctx.csrf_token()?;
    let c = edit_context(&ctx, &e, &e.form).await?;
    ctx.render("qa/edit.html", c)
}

async fn edit_submit(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<EditInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (kind, id) = path.into_inner();
    let kind = post_kind(&kind)?;
    let e = editing(&ctx, kind, &id).await?;
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let result = ctx
        .state
        .write(move |conn| match kind {
            PostKind::Question => {
                let qid = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
                service::edit_question(conn, &viewer, phase, &qid, &input).map(|_| String::new())
            }
            PostKind::Answer => {
                let aid = AnswerId::parse(&id).ok_or_else(AppError::not_found)?;
                service::edit_answer(conn, &viewer, phase, &aid, &input)
                    .map(|_| format!("#risposta-{aid}"))
            }
        })
        .await;
    match result {
        Ok(anchor) => {
            ctx.flash("success", "qa-edit-saved");
            // The title may have changed: rebuild the URL so the new slug is used.
            let url = question_url(&ctx, &e.question_id).await?;
            Ok(Ctx::redirect(&format!("{url}{anchor}")))
        }
        Err(err) => {
            let c = edit_context(&ctx, &e, &typed).await?;
            ctx.form_error("qa/edit.html", c, err)
        }
    }
}

async fn history(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (kind, id) = path.into_inner();
    let kind = post_kind(&kind)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (q, revisions) = ctx
        .state
        .run(move |conn| service::history(conn, kind, &id, &viewer, phase))
        .await?;
    let mut c = Context::new();
    c.insert("kind", kind.as_str());
    c.insert("question_title", &q.title);
    c.insert("back_url", &service::question_url(&q.id, &q.title));
    c.insert("revisions", &revisions);
    ctx.render("qa/history.html", c)
}

async fn close_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<CloseInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = form.into_inner();
    let (viewer, phase, qid) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| service::close(conn, &viewer, phase, &qid, &input))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "qa-question-closed-done");
            let url = question_url(&ctx, &id).await?;
            Ok(Ctx::redirect(&url))
        }
        Err(e) => {
            let (c, _) = question_context(&ctx, &id, None).await?;
            ctx.form_error("qa/question.html", without_kept_question(c), e)
        }
    }
}

async fn reopen_submit(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase, qid) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    ctx.state
        .write(move |conn| service::reopen(conn, &viewer, phase, &qid))
        .await?;
    ctx.flash("success", "qa-question-reopened");
    let url = question_url(&ctx, &id).await?;
    Ok(Ctx::redirect(&url))
}

async fn reputation_help(ctx: Ctx) -> AppResult<HttpResponse> {
    let mut c = Context::new();
    c.insert(
        "rules",
        &serde_json::json!({
            "upvote_answer": service::REP_UPVOTE_ANSWER,
            "upvote_question": service::REP_UPVOTE_QUESTION,
            "downvote_received": service::REP_DOWNVOTE,
            "accepted_answer": service::REP_ACCEPTED,
        }),
    );
    ctx.render("qa/reputation.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub expert: String,
}

async fn invite_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<InviteForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let expert = form.into_inner().expert;
    let (viewer, phase, qid) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    ctx.state
        .write(move |conn| service::invite_expert(conn, &viewer, phase, &qid, &expert))
        .await?;
    ctx.flash("success", "qa-expert-invited");
    let url = question_url(&ctx, &id).await?;
    Ok(Ctx::redirect(&format!("{url}#esperti")))
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct TagAdminForm {
    pub from: String,
    pub to: String,
    pub into: String,
}

async fn tag_rename(ctx: Ctx, form: web::Form<TagAdminForm>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let f = form.into_inner();
    let typed = f.clone();
    let viewer = ctx.viewer.clone();
    match ctx
        .state
        .write(move |conn| service::rename_tag(conn, &viewer, &f.from, &f.to))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "qa-tag-renamed");
            Ok(Ctx::redirect("/qa/tags"))
        }
        Err(e) => {
            let mut c = tags_context(&ctx).await?;
            c.insert("tag_form", "rename");
            c.insert("form", &typed);
            ctx.form_error("qa/tags.html", c, e)
        }
    }
}

async fn tag_merge(ctx: Ctx, form: web::Form<TagAdminForm>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let f = form.into_inner();
    let typed = f.clone();
    let viewer = ctx.viewer.clone();
    match ctx
        .state
        .write(move |conn| service::merge_tags(conn, &viewer, &f.from, &f.into))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "qa-tag-merged");
            Ok(Ctx::redirect("/qa/tags"))
        }
        Err(e) => {
            let mut c = tags_context(&ctx).await?;
            c.insert("tag_form", "merge");
            c.insert("form", &typed);
            ctx.form_error("qa/tags.html", c, e)
        }
    }
}

/// Registers the module's HTML routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // The question page first: actix tries each route's pattern in turn (a regular expression
    // per dynamic route, run before the method is looked at), and a question's address would
    // otherwise be matched against each `/qa/questions/{id}/…` form route first.
    cfg.route("/qa/questions/{id}/{slug}", web::get().to(question))
        .route("/qa", web::get().to(list))
        .route("/qa/domande/nuova", web::get().to(ask_form))
        .route("/qa/domande/nuova", web::post().to(ask_submit))
        .route("/qa/questions/{id}", web::get().to(question_by_id))
        .route("/qa/questions/{id}/risposte", web::post().to(answer_submit))
        .route(
            "/qa/questions/{id}/commenti",
            web::post().to(comment_submit),
        )
        .route("/qa/questions/{id}/accetta", web::post().to(accept_submit))
        .route("/qa/questions/{id}/chiudi", web::post().to(close_submit))
        .route("/qa/questions/{id}/riapri", web::post().to(reopen_submit))
        .route("/qa/modifica/{kind}/{id}", web::get().to(edit_form))
        .route("/qa/modifica/{kind}/{id}", web::post().to(edit_submit))
        .route("/qa/cronologia/{kind}/{id}", web::get().to(history))
        .route("/qa/voti", web::post().to(vote_submit))
        .route("/qa/tags", web::get().to(tags))
        .route("/qa/tags", web::post().to(tag_create))
        .route("/qa/tags/rinomina", web::post().to(tag_rename))
        .route("/qa/tags/unisci", web::post().to(tag_merge))
        .route("/qa/reputazione", web::get().to(reputation_help))
        .route("/qa/questions/{id}/invita", web::post().to(invite_submit))
        .route("/qa/tags/{name}", web::get().to(tag_page));
}
