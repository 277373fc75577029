//! Promoting an accepted Q&A answer into a new page or onto an existing one.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_core::people::{author_columns, AuthorRow};
use prassi_db::schema::{answers, users, wiki_promotions, wiki_revisions};
use prassi_db::{AnswerId, DbConnection, WikiRevisionKind};
use serde::{Deserialize, Serialize};

use super::access::{readable_page, require_edit};
use super::input::PageInput;
use super::slug_of;
use super::writing::{apply, create, current_state, reload};

/// Promoting an accepted answer: into a new page, or appended to an existing one.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PromoteInput {
    /// `new` or `append`.
    pub mode: String,
    /// The new page's title, or the title of the page to append to.
    pub title: String,
}

/// The answer to promote with its question, checked: readable, accepted, and the viewer takes
/// part in the question's audience.
pub fn promotable_answer(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
) -> AppResult<(
    prassi_db::models::Question,
    Audience,
    prassi_db::models::Answer,
    AuthorRow,
)> {
    let row: Option<(prassi_db::models::Answer, AuthorRow)> = answers::table
        .inner_join(users::table)
        .filter(answers::id.eq(answer))
        .select((prassi_db::models::Answer::as_select(), author_columns()))
        .first(conn)
        .optional()?;
    let (a, author) = row.ok_or_else(AppError::not_found)?;
    let (q, audience) = prassi_qa::service::readable_question(conn, &a.question_id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Participate)?;
    if q.accepted_answer_id.as_ref() != Some(&a.id) {
        return Err(AppError::invalid("answer", "wiki-promote-not-accepted"));
    }
    Ok((q, audience, a, author))
}

/// Escapes Markdown punctuation so text is shown as written.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The section an answer becomes: the question as heading, the answer, and a credit line naming
/// the author and linking back to the question.
fn promoted_section(
    q: &prassi_db::models::Question,
    a: &prassi_db::models::Answer,
    author: &AuthorRow,
) -> String {
    let question_url = format!(
        "{}#risposta-{}",
        prassi_qa::service::question_url(&q.id, &q.title),
        a.id
    );
    format!(
        "## {}\n\n{}\n\n*Fonte: risposta di {} ([@{}](/membri/{})) alla domanda [{}]({}).*\n",
        md_escape(&q.title),
        a.body_md.trim_end(),
        md_escape(&author.2),
        md_escape(&author.1),
        author.1,
        md_escape(&q.title),
        question_url
    )
}

/// Promotes an accepted answer into a new page (with the question's audience) or appends it to
/// an existing page whose readers may all read the question. Records the promotion so the
/// question shows it. Returns the page's slug. Call inside a write transaction.
pub fn promote(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
    input: &PromoteInput,
) -> AppResult<String> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let (q, q_audience, a, author) = promotable_answer(conn, viewer, phase, answer)?;
    let section = promoted_section(&q, &a, &author);
    let (page_id, slug, revision, audience) = match input.mode.as_str() {
        "new" => {
            let page = create(
                conn,
                viewer,
                phase,
                &PageInput {
                    title: input.title.clone(),
                    body_md: section,
                    audience: q_audience.to_db(),
                    summary: String::new(),
                    ..Default::default()
                },
            )?;
            diesel::update(wiki_revisions::table.filter(wiki_revisions::page_id.eq(&page.id)))
                .set(wiki_revisions::kind.eq(WikiRevisionKind::Promote))
                .execute(conn)?;
            (page.id, page.slug, 1, page.audience)
        }
        "append" => {
            let found = readable_page(conn, &slug_of(&input.title), viewer, phase)
                .map_err(|_| AppError::invalid("title", "wiki-promote-page-not-found"))?;
            require_edit(viewer, phase, &found)?;
            if !access::is_within(&found.audience, &q_audience) {
                return Err(AppError::invalid("title", "wiki-promote-audience"));
            }
            let already: bool = diesel::select(diesel::dsl::exists(
                wiki_promotions::table.find((&a.id, &found.page.id)),
            ))
            .get_result(conn)?;
            if already {
                return Err(AppError::invalid("title", "wiki-promote-already"));
            }
            let mut page = found.page;
            let mut done = None;
            for _ in 0..5 {
                let mut state = current_state(conn, &page)?;
                state.body = format!("{}\n\n{}", state.body.trim_end(), section);
                if apply(
                    conn,
                    &page,
                    &state,
                    &me,
                    "",
                    WikiRevisionKind::Promote,
                    None,
                )? {
                    done = Some(page.revision + 1);
                    break;
                }
                page = reload(conn, &page.id)?;
            }
            let revision = done.ok_or_else(|| AppError::conflict("wiki-edit-busy"))?;
            (page.id, page.slug, revision, page.audience)
        }
        _ => return Err(AppError::invalid("mode", "wiki-promote-mode")),
    };
    diesel::insert_into(wiki_promotions::table)
        .values((
            wiki_promotions::answer_id.eq(&a.id),
            wiki_promotions::page_id.eq(&page_id),
            wiki_promotions::question_id.eq(&q.id),
            wiki_promotions::revision.eq(revision),
            wiki_promotions::promoted_by.eq(&me),
            wiki_promotions::created_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    notify::happened(
        conn,
        EventKind::AnswerPromoted,
        ItemKind::WikiPage,
        &page_id,
        &me,
        &audience,
    )?;
    Ok(slug)
}
