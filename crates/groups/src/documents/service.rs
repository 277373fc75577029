//! The documents deposit's services, shared by the pages and the API: lists per folder, a
//! document with its versions, uploads and new versions, the file of a version for download,
//! and deletions. Every function starts from [`readable_group`], so a group the viewer may not
//! see answers `NotFound` like a missing one; reading needs [`Readable::require_content`],
//! uploading [`Readable::require_participant`], deleting the uploader or a coordinator.
//!
//! Writes run in one transaction with the group's `storage_bytes` (the quota line the
//! coordinators see) and a `group_log` line. Files are written *before* the transaction
//! (see [`super::storage`]) and removed only after it, when no version row refers to their
//! key any more.

use bytes::Bytes;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_db::models::{GroupDocument, GroupDocumentVersion, GroupLogEntry};
use prassi_db::schema::{group_document_versions, group_documents, group_log, users, work_groups};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, DocumentId, DocumentVersionId, GroupId, UserId};
use serde::Serialize;
use utoipa::ToSchema;

use super::filetype;
use super::storage::content_key;
use super::upload::{transport_errors, UploadForm};
use crate::access::{readable_group, Readable};

/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest description, in characters.
pub const MAX_DESCRIPTION: usize = 20_000;
/// The longest folder name, in characters.
pub const MAX_FOLDER: usize = 80;

/// The group a documents page belongs to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupRef {
    pub slug: String,
    pub name: String,
    /// The group's page.
    pub url: String,
    /// The group's documents.
    pub documents_url: String,
}

/// A document in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentSummary {
    pub id: String,
    pub title: String,
    pub folder: String,
    pub current_version: i32,
    /// The current version's file.
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub updated_at: NaiveDateTime,
    /// The document's page.
    pub url: String,
    /// The current version's download address.
    pub download_url: String,
}

/// A folder of a group's documents.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FolderView {
    /// Empty for documents outside any folder.
    pub name: String,
    pub count: i64,
    pub url: String,
}

/// One page of the deposit: the folders and the documents of one folder (or all).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Listing {
    pub group: GroupRef,
    pub folders: Vec<FolderView>,
    /// The folder shown, if one was asked for.
    pub folder: Option<String>,
    pub documents: Vec<DocumentSummary>,
    /// The viewer may upload.
    pub can_upload: bool,
    /// Bytes stored by the group (every version not deleted); coordinators only.
    pub storage_bytes: Option<i64>,
}

/// One version of a document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    pub version: i32,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub download_url: String,
    pub current: bool,
    /// The viewer may delete this version (its uploader, or a coordinator).
    pub can_delete: bool,
}

/// A document with its versions, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentDetail {
    pub group: GroupRef,
    pub id: String,
    pub title: String,
    pub folder: String,
    pub description_md: String,
    pub current_version: i32,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub url: String,
    pub versions: Vec<VersionView>,
    /// The viewer may add a version.
    pub can_add_version: bool,
    /// The viewer may delete the document (its creator, or a coordinator).
    pub can_delete: bool,
}

/// The checked metadata of a new document.
#[derive(Debug, Clone, Default)]
pub struct NewDocument {
    pub title: String,
    pub description_md: String,
    pub folder: String,
}

/// A checked file, ready to store.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub bytes: Bytes,
}

fn group_ref(r: &Readable) -> GroupRef {
    let slug = &r.group.slug;
    GroupRef {
        slug: slug.clone(),
        name: r.group.name.clone(),
        url: format!("/gruppi/{slug}"),
        documents_url: documents_url(slug),
    }
}

/// The documents list of a group.
pub fn documents_url(slug: &str) -> String {
    format!("/gruppi/{slug}/documenti")
}

/// A document's page.
pub fn document_url(slug: &str, id: &DocumentId) -> String {
    format!("/gruppi/{slug}/documenti/{id}")
}

/// A version's download address.
pub fn download_url(slug: &str, id: &DocumentId, version: i32) -> String {
    format!("/gruppi/{slug}/documenti/{id}/versioni/{version}")
}

fn folder_url(slug: &str, folder: &str) -> String {
    format!(
        "{}?cartella={}",
        documents_url(slug),
        prassi_core::web::url_encode(folder)
    )
}

/// Checks every field of an upload at once: the metadata when `with_meta` (a new document;
/// a new version takes only a file), the file's presence, size, name and type by content.
pub fn check_upload(form: &UploadForm, with_meta: bool) -> AppResult<(NewDocument, CheckedFile)> {
    let mut c = Checks::new();
    let mut doc = NewDocument::default();
    if with_meta {
        doc.title = c.check(input::required("title", &form.title, MAX_TITLE));
        doc.description_md = c.check(prassi_core::markdown::optional_body_text(
            "description_md",
            &form.description_md,
            MAX_DESCRIPTION,
        ));
        let folder: String = c.check(input::optional("folder", Some(&form.folder), MAX_FOLDER));
        if folder.contains(['/', '\\']) {
            c.fail("folder", "documents-folder-invalid");
        }
        doc.folder = folder;
    }
    transport_errors(form, &mut c);
    let mut checked = None;
    if !c.has("file") {
        match &form.file {
            None => c.fail("file", "documents-file-required"),
            Some(f) => match filetype::clean_file_name(&f.name) {
                None => c.fail("file", "documents-file-name-invalid"),
                Some(name) => match filetype::detect(&f.bytes, &name) {
                    Err(key) => c.fail("file", key),
                    Ok(kind) => {
                        checked = Some(CheckedFile {
                            key: content_key(&f.bytes),
                            file_name: filetype::name_for(&name, kind),
                            content_type: kind.content_type.to_owned(),
                            size_bytes: i64::try_from(f.bytes.len()).unwrap_or(i64::MAX),
                            bytes: f.bytes.clone(),
                        })
                    }
                },
            },
        }
    }
    c.finish()?;
    let file = checked.ok_or_else(|| AppError::invalid("file", "documents-file-required"))?;
    Ok((doc, file))
}

/// The group as a participant sees it: `NotFound` if hidden, `Forbidden` unless a member.
/// Called before an upload's body is read, and again inside its transaction.
pub fn participant(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Readable> {
    let r = readable_group(conn, slug, viewer, phase)?;
    r.require_content()?;
    r.require_participant()?;
    Ok(r)
}

fn content(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Readable> {
    let r = readable_group(conn, slug, viewer, phase)?;
    r.require_content()?;
    Ok(r)
}

fn live_document(
    conn: &mut DbConnection,
    group: &GroupId,
    id: &DocumentId,
) -> AppResult<GroupDocument> {
    group_documents::table
        .filter(group_documents::id.eq(id))
        .filter(group_documents::group_id.eq(group))
        .filter(group_documents::deleted_at.is_null())
        .select(GroupDocument::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)
}

/// The folders and documents of a group (of one folder when `folder` is given).
pub fn list(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    folder: Option<&str>,
) -> AppResult<Listing> {
    let r = content(conn, slug, viewer, phase)?;
    let gid = r.group.id.clone();
    let folders: Vec<(String, i64)> = group_documents::table
        .filter(group_documents::group_id.eq(&gid))
        .filter(group_documents::deleted_at.is_null())
        .group_by(group_documents::folder)
        .select((group_documents::folder, diesel::dsl::count_star()))
        .order(group_documents::folder.asc())
        .load(conn)?;
    let mut q = group_documents::table
        .inner_join(
            group_document_versions::table.on(group_document_versions::document_id
                .eq(group_documents::id)
                .and(group_document_versions::version.eq(group_documents::current_version))),
        )
        .filter(group_documents::group_id.eq(&gid))
        .filter(group_documents::deleted_at.is_null())
        .into_boxed();
    if let Some(f) = folder {
        q = q.filter(group_documents::folder.eq(f.to_owned()));
    }
    let rows: Vec<(GroupDocument, GroupDocumentVersion)> = q
        .order((group_documents::folder.asc(), group_documents::title.asc()))
        .select((
            GroupDocument::as_select(),
            GroupDocumentVersion::as_select(),
        ))
        .load(conn)?;
    let slug = r.group.slug.clone();
    Ok(Listing {
        group: group_ref(&r),
        folders: folders
            .into_iter()
            .map(|(name, count)| FolderView {
                url: folder_url(&slug, &name),
                name,
                count,
            })
            .collect(),
        folder: folder.map(str::to_owned),
        documents: rows
            .into_iter()
            .map(|(d, v)| DocumentSummary {
                url: document_url(&slug, &d.id),
                download_url: download_url(&slug, &d.id, v.version),
                id: d.id.0,
                title: d.title,
                folder: d.folder,
                current_version: d.current_version,
                file_name: v.file_name,
                content_type: v.content_type,
                size_bytes: v.size_bytes,
                updated_at: d.updated_at,
            })
            .collect(),
        can_upload: r.may_participate(),
        storage_bytes: r.may_coordinate().then_some(r.group.storage_bytes),
    })
}

fn names(conn: &mut DbConnection, ids: Vec<UserId>) -> AppResult<Vec<(UserId, String)>> {
    Ok(users::table
        .filter(users::id.one_of(ids))
        .select((users::id, users::display_name))
        .load(conn)?)
}

/// A document with its versions.
pub fn detail(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    id: &DocumentId,
) -> AppResult<DocumentDetail> {
    let r = content(conn, slug, viewer, phase)?;
    let d = live_document(conn, &r.group.id, id)?;
    let versions: Vec<GroupDocumentVersion> = group_document_versions::table
        .filter(group_document_versions::document_id.eq(id))
        .filter(group_document_versions::deleted_at.is_null())
        .order(group_document_versions::version.desc())
        .select(GroupDocumentVersion::as_select())
        .load(conn)?;
    let mut ids: Vec<UserId> = versions
        .iter()
        .filter_map(|v| v.uploaded_by.clone())
        .collect();
    ids.extend(d.created_by.clone());
    let names = names(conn, ids)?;
    let name_of = |u: &Option<UserId>| {
        u.as_ref()
            .and_then(|u| names.iter().find(|(i, _)| i == u))
            .map(|(_, n)| n.clone())
    };
    let me = viewer.user_id();
    let coordinates = r.may_coordinate();
    let slug = r.group.slug.clone();
    Ok(DocumentDetail {
        group: group_ref(&r),
        url: document_url(&slug, &d.id),
        versions: versions
            .iter()
            .map(|v| VersionView {
                version: v.version,
                file_name: v.file_name.clone(),
                content_type: v.content_type.clone(),
                size_bytes: v.size_bytes,
                uploaded_by: name_of(&v.uploaded_by),
                created_at: v.created_at,
                download_url: download_url(&slug, &d.id, v.version),
                current: v.version == d.current_version,
                can_delete: r.may_participate()
                    && (coordinates || (me.is_some() && v.uploaded_by.as_ref() == me)),
            })
            .collect(),
        can_add_version: r.may_participate(),
        can_delete: r.may_participate()
            && (coordinates || (me.is_some() && d.created_by.as_ref() == me)),
        created_by: name_of(&d.created_by),
        id: d.id.0,
        title: d.title,
        folder: d.folder,
        description_md: d.description_md,
        current_version: d.current_version,
        created_at: d.created_at,
        updated_at: d.updated_at,
    })
}

fn log(
    conn: &mut DbConnection,
    group: &GroupId,
    actor: Option<&UserId>,
    action: &str,
    detail: String,
) -> AppResult<()> {
    diesel::insert_into(group_log::table)
        .values(GroupLogEntry {
            id: uuid::Uuid::now_v7().to_string(),
            group_id: group.clone(),
            actor_id: actor.cloned(),
            action: action.into(),
            subject_id: None,
            detail,
            created_at: Utc::now().naive_utc(),
        })
        .execute(conn)?;
    Ok(())
}

fn add_storage(conn: &mut DbConnection, group: &GroupId, delta: i64) -> AppResult<()> {
    diesel::update(work_groups::table.find(group))
        .set(work_groups::storage_bytes.eq(work_groups::storage_bytes + delta))
        .execute(conn)?;
    Ok(())
}

fn insert_version(
    conn: &mut DbConnection,
    doc: &DocumentId,
    version: i32,
    file: &CheckedFile,
    by: Option<&UserId>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(group_document_versions::table)
        .values(GroupDocumentVersion {
            id: DocumentVersionId::new(),
            document_id: doc.clone(),
            version,
            storage_key: file.key.clone(),
            file_name: file.file_name.clone(),
            content_type: file.content_type.clone(),
            size_bytes: file.size_bytes,
            uploaded_by: by.cloned(),
            created_at: now,
            deleted_at: None,
        })
        .execute(conn)?;
    Ok(())
}

/// Creates a document with its first version (the file is already stored). One transaction
/// (call inside `write`): document, version, the group's storage, the log.
pub fn create(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    doc: &NewDocument,
    file: &CheckedFile,
) -> AppResult<DocumentId> {
    let r = participant(conn, slug, viewer, phase)?;
    let now = Utc::now().naive_utc();
    let id = DocumentId::new();
    let by = viewer.user_id();
    diesel::insert_into(group_documents::table)
        .values(GroupDocument {
            id: id.clone(),
            group_id: r.group.id.clone(),
            folder: doc.folder.clone(),
            title: doc.title.clone(),
            description_md: doc.description_md.clone(),
            current_version: 1,
            created_by: by.cloned(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        })
        .execute(conn)?;
    insert_version(conn, &id, 1, file, by, now)?;
    add_storage(conn, &r.group.id, file.size_bytes)?;
    log(
        conn,
        &r.group.id,
        by,
        "document_uploaded",
        format!("{} (v1, {})", doc.title, file.file_name),
    )?;
    Ok(id)
}

/// Adds a version to a document (the file is already stored); earlier versions stay. The
/// number is one more than any version the document ever had, so a deleted number is never
/// reused; two members adding one at the same moment meet the unique index and the second
/// gets a conflict.
pub fn add_version(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    id: &DocumentId,
    file: &CheckedFile,
) -> AppResult<i32> {
    let r = participant(conn, slug, viewer, phase)?;
    let d = live_document(conn, &r.group.id, id)?;
    let last: Option<i32> = group_document_versions::table
        .filter(group_document_versions::document_id.eq(id))
        .select(diesel::dsl::max(group_document_versions::version))
        .first(conn)?;
    let version = last.unwrap_or(0) + 1;
    let now = Utc::now().naive_utc();
    let by = viewer.user_id();
    insert_version(conn, id, version, file, by, now)?;
    diesel::update(group_documents::table.find(id))
        .set((
            group_documents::current_version.eq(version),
            group_documents::updated_at.eq(now),
        ))
        .execute(conn)?;
    add_storage(conn, &r.group.id, file.size_bytes)?;
    log(
        conn,
        &r.group.id,
        by,
        "document_version_added",
        format!("{} (v{version}, {})", d.title, file.file_name),
    )?;
    Ok(version)
}

/// The version to download, through the access rule.
pub fn version_file(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    id: &DocumentId,
    version: i32,
) -> AppResult<GroupDocumentVersion> {
    let r = content(conn, slug, viewer, phase)?;
    live_document(conn, &r.group.id, id)?;
    group_document_versions::table
        .filter(group_document_versions::document_id.eq(id))
        .filter(group_document_versions::version.eq(version))
        .filter(group_document_versions::deleted_at.is_null())
        .select(GroupDocumentVersion::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)
}

fn may_delete(r: &Readable, viewer: &Viewer, owner: Option<&UserId>) -> AppResult<()> {
    r.require_participant()?;
    let mine = viewer.user_id().is_some() && viewer.user_id() == owner;
    if r.may_coordinate() || mine {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// Deletes a document and every version of it (its creator or a coordinator). Returns the
/// storage keys it used, for [`unreferenced`] after the commit.
pub fn delete_document(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    id: &DocumentId,
) -> AppResult<Vec<String>> {
    let r = content(conn, slug, viewer, phase)?;
    let d = live_document(conn, &r.group.id, id)?;
    may_delete(&r, viewer, d.created_by.as_ref())?;
    let live: Vec<(String, i64)> = group_document_versions::table
        .filter(group_document_versions::document_id.eq(id))
        .filter(group_document_versions::deleted_at.is_null())
        .select((
            group_document_versions::storage_key,
            group_document_versions::size_bytes,
        ))
        .load(conn)?;
    let now = Utc::now().naive_utc();
    diesel::update(
        group_document_versions::table
            .filter(group_document_versions::document_id.eq(id))
            .filter(group_document_versions::deleted_at.is_null()),
    )
    .set(group_document_versions::deleted_at.eq(now))
    .execute(conn)?;
    let done = diesel::update(
        group_documents::table
            .find(id)
            .filter(group_documents::deleted_at.is_null()),
    )
    .set((
        group_documents::deleted_at.eq(now),
        group_documents::updated_at.eq(now),
    ))
    .execute(conn)?;
    if done == 0 {
        return Err(AppError::not_found());
    }
    let freed: i64 = live.iter().map(|(_, s)| s).sum();
    add_storage(conn, &r.group.id, -freed)?;
    log(
        conn,
        &r.group.id,
        viewer.user_id(),
        "document_deleted",
        format!("{} ({} versions)", d.title, live.len()),
    )?;
    Ok(live.into_iter().map(|(k, _)| k).collect())
}

/// Deletes one version (its uploader or a coordinator). When it was the current one, the
/// newest remaining version becomes current; when it was the last, the document goes too.
/// Returns the storage key it used, for [`unreferenced`] after the commit.
pub fn delete_version(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    id: &DocumentId,
    version: i32,
) -> AppResult<Vec<String>> {
    let r = content(conn, slug, viewer, phase)?;
    let d = live_document(conn, &r.group.id, id)?;
    let v: GroupDocumentVersion = group_document_versions::table
        .filter(group_document_versions::document_id.eq(id))
        .filter(group_document_versions::version.eq(version))
        .filter(group_document_versions::deleted_at.is_null())
        .select(GroupDocumentVersion::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    may_delete(&r, viewer, v.uploaded_by.as_ref())?;
    let now = Utc::now().naive_utc();
    let done = diesel::update(
        group_document_versions::table
            .find(&v.id)
            .filter(group_document_versions::deleted_at.is_null()),
    )
    .set(group_document_versions::deleted_at.eq(now))
    .execute(conn)?;
    if done == 0 {
        return Err(AppError::not_found());
    }
    let newest: Option<i32> = group_document_versions::table
        .filter(group_document_versions::document_id.eq(id))
        .filter(group_document_versions::deleted_at.is_null())
        .select(diesel::dsl::max(group_document_versions::version))
        .first(conn)?;
    match newest {
        Some(n) => {
            diesel::update(group_documents::table.find(id))
                .set((
                    group_documents::current_version.eq(n),
                    group_documents::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::update(group_documents::table.find(id))
                .set((
                    group_documents::deleted_at.eq(now),
                    group_documents::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    add_storage(conn, &r.group.id, -v.size_bytes)?;
    log(
        conn,
        &r.group.id,
        viewer.user_id(),
        "document_version_deleted",
        format!("{} (v{version}, {})", d.title, v.file_name),
    )?;
    Ok(vec![v.storage_key])
}

/// Of `keys`, those no live version row refers to any more: their files may be removed.
pub fn unreferenced(conn: &mut DbConnection, mut keys: Vec<String>) -> AppResult<Vec<String>> {
    keys.sort();
    keys.dedup();
    let used: Vec<String> = group_document_versions::table
        .filter(group_document_versions::storage_key.one_of(&keys))
        .filter(group_document_versions::deleted_at.is_null())
        .select(group_document_versions::storage_key)
        .load(conn)?;
    Ok(keys.into_iter().filter(|k| !used.contains(k)).collect())
}

/// Bytes as people read them (`1,5 MB` in Italian, `1.5 MB` in English).
pub fn human_size(bytes: i64, lang: &str) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = if lang == "it" {
        text.replace('.', ",")
    } else {
        text
    };
    format!("{text} {}", UNITS[unit])
}
