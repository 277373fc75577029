//! The shared application state every handler receives: configuration, database, templates.

use std::sync::Arc;

use prassi_db::{Database, DbConnection};

use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::templates::Templates;

/// One line of a member's activity on their profile, contributed by a module.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ActivityItem {
    /// Already translated.
    pub label: String,
    pub value: String,
    /// A page listing the items, or empty.
    pub href: String,
}

/// How a module adds to member profiles: given the member and who is looking, its lines.
/// Must respect the access rule (count only what the viewer may see) and use a fixed number of
/// queries.
pub type ProfileExtra = fn(
    &mut DbConnection,
    &prassi_db::UserId,
    &crate::access::Viewer,
    crate::access::Phase,
    &str,
) -> AppResult<Vec<ActivityItem>>;

/// Shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Database,
    pub templates: Arc<Templates>,
    /// The merged OpenAPI document, composed by the server from every module.
    pub openapi: Arc<serde_json::Value>,
    /// Modules' contributions to member profiles, in order.
    pub profile_extras: Arc<Vec<ProfileExtra>>,
    /// The search engine chosen by configuration.
    pub search: Arc<dyn crate::search::SearchEngine>,
}

impl AppState {
    /// Every module's activity lines for `member` as `viewer` may see them.
    pub fn profile_activity(
        &self,
        conn: &mut DbConnection,
        member: &prassi_db::UserId,
        viewer: &crate::access::Viewer,
        phase: crate::access::Phase,
        lang: &str,
    ) -> AppResult<Vec<ActivityItem>> {
        let mut out = Vec::new();
        for extra in self.profile_extras.iter() {
            out.extend(extra(conn, member, viewer, phase, lang)?);
        }
        Ok(out)
    }
}

impl AppState {
    /// Runs blocking database work off the async executor.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.db.clone();
        actix_web::web::block(move || {
            let mut conn = db.get()?;
            f(&mut conn)
        })
        .await
        .map_err(AppError::internal)?
    }

    /// Runs blocking work in one write transaction (IMMEDIATE on SQLite).
    pub async fn write<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| prassi_db::write_tx(conn, f)).await
    }
}
