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

/// One entry of a pager: a page to link, the current page, or a gap ("…").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "n", rename_all = "lowercase")]
pub enum PageLink {
    Page(i64),
    Current(i64),
    Gap,
}

/// The pager of `page` out of `pages`: the first and last pages, two on each side of the
/// current one, and a gap where pages are left out. At most nine entries however many pages
/// a list has (a list of 10,000 questions has 500), so drawing the pager never walks them all.
pub fn page_links(page: i64, pages: i64) -> Vec<PageLink> {
    let pages = pages.max(1);
    let mut out = Vec::with_capacity(9);
    let shown = |n: i64| n == 1 || n == pages || (n >= page - 2 && n <= page + 2);
    let mut push = |n: i64| {
        if n == page {
            out.push(PageLink::Current(n));
        } else if shown(n) {
            out.push(PageLink::Page(n));
        } else if n == page - 3 || n == page + 3 {
            out.push(PageLink::Gap);
        }
    };
    let (lo, hi) = ((page - 3).max(2), (page + 3).min(pages - 1));
    push(1);
    for n in lo..=hi {
        push(n);
    }
    if pages > 1 {
        push(pages);
    }
    out
}

/// `page_links(page=…, pages=…)` for templates (see [`page_links`]).
pub fn tera_page_links(
    args: &std::collections::HashMap<String, serde_json::Value>,
) -> tera::Result<serde_json::Value> {
    let number = |name: &str| {
        args.get(name)
            .and_then(serde_json::Value::as_i64)
            .ok_or_else(|| tera::Error::msg(format!("page_links(): `{name}` must be a number")))
    };
    serde_json::to_value(page_links(number("page")?, number("pages")?))
        .map_err(|e| tera::Error::msg(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the template's loop over every page showed.
    fn walked(page: i64, pages: i64) -> Vec<PageLink> {
        let mut out = Vec::new();
        for n in 1..=pages.max(1) {
            if n == 1 || n == pages.max(1) || (n >= page - 2 && n <= page + 2) {
                out.push(if n == page {
                    PageLink::Current(n)
                } else {
                    PageLink::Page(n)
                });
            } else if n == page - 3 || n == page + 3 {
                out.push(PageLink::Gap);
            }
        }
        out
    }

    #[test]
    fn the_pager_shows_what_walking_every_page_showed_in_at_most_nine_entries() {
        for pages in 0..=40 {
            for page in -2..=45 {
                let links = page_links(page, pages);
                assert_eq!(links, walked(page, pages), "page {page} of {pages}");
                assert!(links.len() <= 9, "page {page} of {pages}: {links:?}");
            }
        }
        assert_eq!(page_links(250, 500).len(), 9);
        assert_eq!(page_links(1_000_000, 500).len(), 2);
    }
}
