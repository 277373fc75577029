//! Where the bytes of uploaded documents live, behind one interface ([`FileStore`]): a folder
//! inside the data folder by default, or an S3-compatible bucket for instances that scale out
//! (`PRASSI_STORAGE=s3`, through the `object_store` crate).
//!
//! Keys are content addresses: the SHA-256 of the bytes in lowercase hex ([`content_key`]),
//! never a name a member chose, so a file name cannot reach the file system and two uploads of
//! the same bytes share one stored file. On disk a key becomes `files/ab/cd/<sha256>`; in a
//! bucket the object `files/ab/cd/<sha256>`. A file is written to a temporary name and renamed
//! into place, so a crash never leaves half a file under a real name.
//!
//! Uploads write the file first and the database rows after: a file without a row (the
//! transaction failed) is harmless and can be swept; a row never points to a missing file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use object_store::{ObjectStore, ObjectStoreExt};
use prassi_core::config::{S3Config, StorageConfig};
use prassi_core::error::{AppError, AppResult};
use sha2::{Digest, Sha256};

/// The content address of `bytes`: SHA-256 in lowercase hex.
pub fn content_key(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `key` is a content address (64 lowercase hex digits): the only keys a store
/// accepts, so no path can ever be smuggled in.
pub fn valid_key(key: &str) -> bool {
    key.len() == 64
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn relative_path(key: &str) -> AppResult<String> {
    if !valid_key(key) {
        return Err(AppError::internal(format!("not a content key: {key:?}")));
    }
    Ok(format!("{}/{}/{key}", &key[0..2], &key[2..4]))
}

/// A store of files by content key. Cheap to clone.
#[derive(Clone)]
pub enum FileStore {
    /// A folder on the local disk (default: `<data dir>/files`).
    Folder(Arc<PathBuf>),
    /// An S3-compatible bucket.
    Object(Arc<dyn ObjectStore>),
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileStore::Folder(p) => write!(f, "FileStore::Folder({})", p.display()),
            FileStore::Object(s) => write!(f, "FileStore::Object({s})"),
        }
    }
}

thread_local! {
    // One S3 client per configuration and thread: each actix worker is a thread with its own
    // runtime, and an HTTP client's pooled connections belong to the runtime that opened them.
    static S3_CLIENTS: std::cell::RefCell<Vec<(S3Config, Arc<dyn ObjectStore>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl FileStore {
    /// The store the configuration names. The S3 client is built once per worker thread and
    /// kept; a folder store is just its path.
    pub fn from_config(config: &StorageConfig) -> AppResult<Self> {
        match config {
            StorageConfig::Folder(dir) => Ok(FileStore::Folder(Arc::new(dir.clone()))),
            StorageConfig::S3(s3) => {
                let cached = S3_CLIENTS.with(|c| {
                    c.borrow()
                        .iter()
                        .find(|(k, _)| k == s3)
                        .map(|(_, v)| Arc::clone(v))
                });
                if let Some(store) = cached {
                    return Ok(FileStore::Object(store));
                }
                let store = build_s3(s3)?;
                S3_CLIENTS.with(|c| c.borrow_mut().push((s3.clone(), Arc::clone(&store))));
                Ok(FileStore::Object(store))
            }
        }
    }

    /// The store of this instance.
    pub fn of(state: &prassi_core::AppState) -> AppResult<Self> {
        Self::from_config(&state.config.storage)
    }

    /// Stores `bytes` under `key` (which must be their [`content_key`]). Writing the same key
    /// again is harmless: the content is the same.
    pub async fn put(&self, key: &str, bytes: Bytes) -> AppResult<()> {
        let rel = relative_path(key)?;
        match self {
            FileStore::Folder(dir) => {
                let dir = Arc::clone(dir);
                blocking(move || write_atomically(&dir, &rel, &bytes)).await
            }
            FileStore::Object(store) => store
                .put(&object_path(&rel), bytes.into())
                .await
                .map(|_| ())
                .map_err(AppError::unavailable),
        }
    }

    /// The bytes stored under `key`, or `None`.
    pub async fn get(&self, key: &str) -> AppResult<Option<Bytes>> {
        let rel = relative_path(key)?;
        match self {
            FileStore::Folder(dir) => {
                let path = dir.join(rel);
                blocking(move || match std::fs::read(&path) {
                    Ok(b) => Ok(Some(Bytes::from(b))),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(AppError::internal(format!("{}: {e}", path.display()))),
                })
                .await
            }
            FileStore::Object(store) => match store.get(&object_path(&rel)).await {
                Ok(r) => r.bytes().await.map(Some).map_err(AppError::unavailable),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(AppError::unavailable(e)),
            },
        }
    }

    /// Whether something is stored under `key`.
    pub async fn exists(&self, key: &str) -> AppResult<bool> {
        let rel = relative_path(key)?;
        match self {
            FileStore::Folder(dir) => {
                let path = dir.join(rel);
                blocking(move || Ok(path.is_file())).await
            }
            FileStore::Object(store) => match store.head(&object_path(&rel)).await {
                Ok(_) => Ok(true),
                Err(object_store::Error::NotFound { .. }) => Ok(false),
                Err(e) => Err(AppError::unavailable(e)),
            },
        }
    }

    /// Removes what is stored under `key`; removing a missing key is not an error.
    pub async fn delete(&self, key: &str) -> AppResult<()> {
        let rel = relative_path(key)?;
        match self {
            FileStore::Folder(dir) => {
                let path = dir.join(rel);
                blocking(move || match std::fs::remove_file(&path) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    Err(e) => Err(AppError::internal(format!("{}: {e}", path.display()))),
                })
                .await
            }
            FileStore::Object(store) => match store.delete(&object_path(&rel)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(AppError::unavailable(e)),
            },
        }
    }
}

fn object_path(rel: &str) -> object_store::path::Path {
    object_store::path::Path::from(format!("files/{rel}"))
}

fn build_s3(s3: &S3Config) -> AppResult<Arc<dyn ObjectStore>> {
    use object_store::aws::AmazonS3Builder;
    let mut b = AmazonS3Builder::new()
        .with_bucket_name(&s3.bucket)
        .with_region(&s3.region);
    if let Some(endpoint) = &s3.endpoint {
        b = b
            .with_endpoint(endpoint)
            .with_allow_http(endpoint.starts_with("http://"))
            .with_virtual_hosted_style_request(false);
    }
    if let Some(k) = &s3.access_key_id {
        b = b.with_access_key_id(k);
    }
    if let Some(k) = &s3.secret_access_key {
        b = b.with_secret_access_key(k);
    }
    b.build()
        .map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
        .map_err(|e| AppError::unavailable(format!("S3 storage: {e}")))
}

/// Runs file-system work off the async executor.
async fn blocking<T, F>(f: F) -> AppResult<T>
where
    F: FnOnce() -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(f).await.map_err(AppError::internal)?
}

/// Writes `bytes` to `dir/rel` through a temporary file in `dir/tmp`, flushed to disk before
/// the rename, so the real name only ever holds a whole file.
fn write_atomically(dir: &Path, rel: &str, bytes: &[u8]) -> AppResult<()> {
    use std::io::Write;
    let target = dir.join(rel);
    let io =
        |what: &Path, e: std::io::Error| AppError::internal(format!("{}: {e}", what.display()));
    let tmp_dir = dir.join("tmp");
    std::fs::create_dir_all(&tmp_dir).map_err(|e| io(&tmp_dir, e))?;
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let tmp = tmp_dir.join(format!("{}.part", uuid::Uuid::now_v7().simple()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(&target, e));
    }
    Ok(())
}

/// The checks every store must pass, shared by the unit tests (folder) and the integration
/// suite (S3, when a server is configured): put, get, exists, overwrite with the same bytes,
/// delete, delete again, refuse a key that is not a content address.
pub async fn conformance(store: &FileStore) -> Result<(), String> {
    let body = Bytes::from(format!("prassi conformance {}", uuid::Uuid::now_v7()));
    let key = content_key(&body);
    let fail = |what: &str, e: AppError| format!("{what}: {e}");
    if store.exists(&key).await.map_err(|e| fail("exists", e))? {
        return Err("a fresh key already exists".into());
    }
    if store.get(&key).await.map_err(|e| fail("get", e))?.is_some() {
        return Err("get of a missing key returned bytes".into());
    }
    store
        .put(&key, body.clone())
        .await
        .map_err(|e| fail("put", e))?;
    if !store.exists(&key).await.map_err(|e| fail("exists", e))? {
        return Err("the key does not exist after put".into());
    }
    let got = store.get(&key).await.map_err(|e| fail("get", e))?;
    if got.as_ref() != Some(&body) {
        return Err(format!("get returned {got:?}, not the bytes put"));
    }
    store
        .put(&key, body.clone())
        .await
        .map_err(|e| fail("second put", e))?;
    store.delete(&key).await.map_err(|e| fail("delete", e))?;
    if store.exists(&key).await.map_err(|e| fail("exists", e))? {
        return Err("the key still exists after delete".into());
    }
    store
        .delete(&key)
        .await
        .map_err(|e| fail("delete of a missing key", e))?;
    for bad in ["../../etc/passwd", "ABC", &key.to_uppercase(), ""] {
        if store.put(bad, body.clone()).await.is_ok() {
            return Err(format!("put accepted the key {bad:?}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn the_folder_store_passes_the_conformance_checks_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("prassi-store-{}", uuid::Uuid::now_v7()));
        let store = FileStore::Folder(Arc::new(dir.clone()));
        let outcome = conformance(&store).await;
        let leftovers = std::fs::read_dir(dir.join("tmp"))
            .map(|d| d.count())
            .unwrap_or(0);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(outcome, Ok(()));
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn keys_are_content_addresses_only() {
        let k = content_key(b"x");
        assert!(valid_key(&k));
        assert_eq!(
            relative_path(&k).ok(),
            Some(format!("{}/{}/{k}", &k[..2], &k[2..4]))
        );
        assert!(!valid_key("../x"));
        assert!(relative_path("a/../../b").is_err());
    }
}
