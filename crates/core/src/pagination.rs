//! Bounded pagination shared by every list: pages start at 1, page sizes are capped.

use serde::{Deserialize, Serialize};

/// Largest page size any list serves.
pub const MAX_PER_PAGE: i64 = 100;
/// Page size when none is asked for.
pub const DEFAULT_PER_PAGE: i64 = 20;

/// `?page=&per_page=` as received; anything out of range is clamped, never an error.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageQuery {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl PageQuery {
    /// The clamped page.
    pub fn resolve(&self) -> PageRequest {
        let per_page = self
            .per_page
            .unwrap_or(DEFAULT_PER_PAGE)
            .clamp(1, MAX_PER_PAGE);
        let page = self.page.unwrap_or(1).clamp(1, 1_000_000);
        PageRequest { page, per_page }
    }
}

/// A clamped page request.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PageRequest {
    pub page: i64,
    pub per_page: i64,
}

impl PageRequest {
    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }
    /// Describes the page once the total is known.
    pub fn info(&self, total: i64) -> PageInfo {
        let pages = ((total + self.per_page - 1) / self.per_page).max(1);
        PageInfo {
            page: self.page,
            per_page: self.per_page,
            total,
            pages,
            has_prev: self.page > 1,
            has_next: self.page < pages,
        }
    }
}

/// What a list template or API response says about its page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PageInfo {
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub pages: i64,
    pub has_prev: bool,
    pub has_next: bool,
}
