//! The feeds over HTTP: each feed's route, the answer's headers (type, caching, validators,
//! `304 Not Modified`), and the `/feed` page where a member makes, renews or revokes their key.
//! Handlers are thin: who is reading and whether they may read the section at all is decided
//! here once ([`read_as`]), what the feed holds by the functions of `sources`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::PageRequest;
use prassi_core::Ctx;
use prassi_db::DbConnection;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::atom::{self, FeedDoc};
use super::keys;
use super::sources::{self, Site};

/// The media type of every feed.
pub const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";
/// How long shared caches may keep a feed read without a key or a session.
const PUBLIC_CACHE: &str = "public, max-age=300";
/// Feeds read as a member (by key or session): the reader's own cache only, revalidated.
const PRIVATE_CACHE: &str = "private, no-cache";

/// `?token=` on a feed URL: a member's personal key.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct KeyQuery {
    pub token: String,
}

/// Who a feed is read as: the key's member when the URL carries a key (whatever the request's
/// cookies say), else the request's viewer (a visitor, or a member's browser session).
/// Readers who may not read the community at all get what its list pages give them: `401`
/// for visitors (in phases 1 and 2), `404` for accounts without access.
fn read_as(conn: &mut DbConnection, key: &str, viewer: Viewer, phase: Phase) -> AppResult<Viewer> {
    let viewer = if key.is_empty() {
        viewer
    } else {
        keys::viewer_of_key(conn, key)?
    };
    if !access::can(&viewer, phase, &Audience::Public, Action::Read) {
        return Err(if viewer.account().is_none() {
            AppError::unauthorized()
        } else {
            AppError::not_found()
        });
    }
    Ok(viewer)
}

type Build = dyn FnOnce(&mut DbConnection, &Viewer, Phase, &Site) -> AppResult<FeedDoc> + Send;

/// Builds and sends one feed. Anonymous reads are the same for every visitor, so shared caches
/// may keep them for five minutes; reads as a member are private. Every answer carries an
/// `ETag` (a digest of the document) and, unless empty, `Last-Modified` (its newest entry),
/// and a request
/// whose `If-None-Match` names the current `ETag` gets `304` with no body.
async fn serve(
    ctx: Ctx,
    req: HttpRequest,
    key: String,
    build: Box<Build>,
) -> AppResult<HttpResponse> {
    let site = Site {
        base: ctx.state.config.base_url.trim_end_matches('/').to_owned(),
        name: ctx.state.config.site_name.clone(),
        lang: ctx.lang,
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let keyed = !key.is_empty();
    let (body, updated, private) = ctx
        .state
        .run(move |conn| {
            let viewer = read_as(conn, &key, viewer, phase)?;
            let mut doc = build(conn, &viewer, phase, &site)?;
            if keyed {
                // Readers that follow the feed's own address keep the key.
                doc.self_url = format!("{}?token={}", doc.self_url, key);
            }
            let private = keyed || viewer.account().is_some();
            Ok((atom::write(&doc)?, doc.updated(), private))
        })
        .await?;
    let etag = format!("\"{}\"", &prassi_core::tokens::digest(&body)[..32]);
    let fresh = req
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().trim_start_matches("W/"))
        .any(|v| v == etag || v == "*");
    let mut resp = if fresh {
        HttpResponse::NotModified().finish()
    } else {
        HttpResponse::Ok().content_type(ATOM_TYPE).body(body)
    };
    let headers = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    // An empty feed has no date of its own to tell.
    let secs = u64::try_from(updated.and_utc().timestamp()).unwrap_or(0);
    if secs > 0 {
        let modified = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        if let Ok(v) = HeaderValue::from_str(&header::HttpDate::from(modified).to_string()) {
            headers.insert(header::LAST_MODIFIED, v);
        }
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if private { PRIVATE_CACHE } else { PUBLIC_CACHE }),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    if keyed {
        headers.insert(
            header::HeaderName::from_static("x-robots-tag"),
            HeaderValue::from_static("noindex"),
        );
    }
    Ok(resp)
}

async fn questions(ctx: Ctx, req: HttpRequest, q: web::Query<KeyQuery>) -> AppResult<HttpResponse> {
    let build: Box<Build> =
        Box::new(|conn, v, phase, site| sources::questions(conn, v, phase, site, None));
    serve(ctx, req, q.into_inner().token, build).await
}

async fn tag(
    ctx: Ctx,
    req: HttpRequest,
    name: web::Path<String>,
    q: web::Query<KeyQuery>,
) -> AppResult<HttpResponse> {
    let name = name.into_inner();
    let build: Box<Build> =
        Box::new(move |conn, v, phase, site| sources::questions(conn, v, phase, site, Some(&name)));
    serve(ctx, req, q.into_inner().token, build).await
}

async fn forum(
    ctx: Ctx,
    req: HttpRequest,
    slug: web::Path<String>,
    q: web::Query<KeyQuery>,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let build: Box<Build> =
        Box::new(move |conn, v, phase, site| sources::forum_category(conn, v, phase, site, &slug));
    serve(ctx, req, q.into_inner().token, build).await
}

async fn wiki(ctx: Ctx, req: HttpRequest, q: web::Query<KeyQuery>) -> AppResult<HttpResponse> {
    let build: Box<Build> = Box::new(sources::wiki_changes);
    serve(ctx, req, q.into_inner().token, build).await
}

async fn agenda(ctx: Ctx, req: HttpRequest, q: web::Query<KeyQuery>) -> AppResult<HttpResponse> {
    let build: Box<Build> = Box::new(sources::agenda);
    serve(ctx, req, q.into_inner().token, build).await
}

async fn group(
    ctx: Ctx,
    req: HttpRequest,
    slug: web::Path<String>,
    q: web::Query<KeyQuery>,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let build: Box<Build> =
        Box::new(move |conn, v, phase, site| sources::group_activity(conn, v, phase, site, &slug));
    serve(ctx, req, q.into_inner().token, build).await
}

/// A feed offered on the `/feed` page.
#[derive(Debug, Clone, Serialize)]
struct Offered {
    /// Already translated.
    label: String,
    /// Absolute, without a key.
    url: String,
    /// Absolute, with the key just made ("" unless the page shows a new key).
    keyed_url: String,
}

/// The feeds the viewer may read, for the `/feed` page: the whole-site ones, the forum
/// categories they may read and their own working groups (two bounded queries).
fn offered(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    lang: &str,
    base: &str,
) -> AppResult<Vec<Offered>> {
    let t = |key: &str| prassi_core::i18n::t(lang, key);
    let mut out: Vec<(String, String)> = vec![
        (t("feeds-list-qa"), "/feed/qa".to_owned()),
        (t("feeds-list-wiki"), "/feed/wiki/modifiche".to_owned()),
        (t("feeds-list-agenda"), "/feed/agenda".to_owned()),
    ];
    for c in prassi_forum::service::categories(conn, viewer, phase)? {
        out.push((
            prassi_core::i18n::t_args(
                lang,
                "feeds-list-forum",
                &[("name", prassi_core::i18n::FluentArg::Str(c.name))],
            ),
            format!("/feed/forum/c/{}", c.slug),
        ));
    }
    if viewer.is_member() {
        let page = PageRequest {
            page: 1,
            per_page: prassi_core::pagination::MAX_PER_PAGE,
        };
        let mine = prassi_groups::service::visible_groups(conn, viewer, phase, true, page)?;
        for g in mine.items {
            out.push((
                prassi_core::i18n::t_args(
                    lang,
                    "feeds-list-group",
                    &[("name", prassi_core::i18n::FluentArg::Str(g.name))],
                ),
                format!("/feed/gruppi/{}/attivita", g.slug),
            ));
        }
    }
    Ok(out
        .into_iter()
        .map(|(label, path)| Offered {
            label,
            url: format!("{base}{path}"),
            keyed_url: String::new(),
        })
        .collect())
}

/// The `/feed` page; `new_key` is the key just made (shown once, in every feed's URL).
async fn page_with(ctx: &Ctx, new_key: Option<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, lang) = (ctx.viewer.clone(), ctx.phase(), ctx.lang);
    let base = ctx.state.config.base_url.trim_end_matches('/').to_owned();
    let (mut feeds, made) = ctx
        .state
        .run(move |conn| {
            let feeds = offered(conn, &viewer, phase, lang, &base)?;
            let made = keys::key_made_at(conn, &viewer)?;
            Ok((feeds, made))
        })
        .await?;
    if let Some(key) = &new_key {
        for f in &mut feeds {
            f.keyed_url = format!("{}?token={key}", f.url);
        }
    }
    let mut c = Context::new();
    c.insert(
        "tag_feed_example",
        &format!(
            "{}/feed/qa/tags/tag",
            ctx.state.config.base_url.trim_end_matches('/')
        ),
    );
    c.insert("feeds", &feeds);
    c.insert("key_made_at", &made);
    c.insert("new_key", &new_key.is_some());
    c.insert("can_have_key", &ctx.viewer.is_member());
    let mut resp = ctx.render("notifications/feeds.html", c)?;
    // The page that shows a key is never stored anywhere.
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

async fn page(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    page_with(&ctx, None).await
}

async fn make_key(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let key = ctx
        .state
        .write(move |conn| keys::new_key(conn, &viewer))
        .await?;
    page_with(&ctx, Some(key)).await
}

async fn revoke_key(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    ctx.state
        .write(move |conn| keys::revoke_key(conn, &viewer))
        .await?;
    ctx.flash("success", "feeds-key-revoked");
    Ok(Ctx::redirect("/feed"))
}

/// Registers the page and the feeds. Every feed lives under `/feed/` followed by the path of
/// the page it follows, so no feed route can be taken by a module's `{id}` route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/feed", web::get().to(page))
        .route("/feed", web::post().to(make_key))
        .route("/feed/revoca", web::post().to(revoke_key))
        .route("/feed/qa", web::get().to(questions))
        .route("/feed/qa/tags/{name}", web::get().to(tag))
        .route("/feed/forum/c/{slug}", web::get().to(forum))
        .route("/feed/wiki/modifiche", web::get().to(wiki))
        .route("/feed/agenda", web::get().to(agenda))
        .route("/feed/gruppi/{slug}/attivita", web::get().to(group));
}
