//! The shared application state every handler receives: configuration, database, templates.

use std::sync::Arc;

use prassi_db::{Database, DbConnection};

use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::templates::Templates;

/// Shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Database,
    pub templates: Arc<Templates>,
    /// The merged OpenAPI document, composed by the server from every module.
    pub openapi: Arc<serde_json::Value>,
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
