//! The group a search is limited to (`/cerca?gruppo=<slug>`, `/api/v1/search?group=<slug>`):
//! the search crate knows no module, so this module supplies the lookup through
//! `Module::search_scope`. It goes through [`readable_group`], the one rule of who may see a
//! group, and also asks that the viewer may read its content.

use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppResult, ErrorKind};
use prassi_core::search::GroupScope;
use prassi_db::DbConnection;

use crate::access::readable_group;

/// The group with this slug when the viewer may read its content; `None` for an unknown slug,
/// a group the viewer may not see and one whose content they may not read alike.
pub fn resolve(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<GroupScope>> {
    let readable = match readable_group(conn, slug, viewer, phase) {
        Ok(readable) => readable,
        Err(e) if e.kind == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !readable.may_read_content() {
        return Ok(None);
    }
    let group = readable.group;
    Ok(Some(GroupScope {
        id: group.id.0,
        slug: group.slug,
        name: group.name,
    }))
}
