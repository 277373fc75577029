//! A short-lived cache of what is the same for every reader of the same audiences: the home
//! page's module blocks ([`crate::module::HomeScope::Audiences`]: the same HTML for every
//! viewer with the same audiences and language) and figures such as a tag's top answerers.
//! Each is kept for at most [`TTL`] instead of being queried and rendered on every view (on
//! the large dataset the blocks cost two thirds of a signed-in home view, and a tag's top
//! answerers, summed over a row per member and audience, a third of the tag page). Keys name
//! the audiences, so nothing is ever served to a reader of other audiences. Any content write
//! on this instance ([`crate::search::SearchSource::touch`], which every write that changes
//! what is listed calls, and [`content_changed`] for votes and acceptances) starts a new
//! generation, so its author sees the change on their next view; other instances see it
//! within [`TTL`].

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long a block is kept.
pub const TTL: Duration = Duration::from_secs(5);

/// Entries kept at most; the whole cache is dropped when it is full (a new entry per distinct
/// set of audiences, language and module, a handful in practice, plus the blocks about each
/// member who viewed the home page within [`TTL`]).
const MAX_ENTRIES: usize = 4096;

static GENERATION: AtomicU64 = AtomicU64::new(0);

struct Entry {
    at: Instant,
    generation: u64,
    value: Arc<dyn Any + Send + Sync>,
}

fn cache() -> &'static Mutex<HashMap<String, Entry>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Entry>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Content changed on this instance: every kept block is stale.
pub fn content_changed() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// The current generation, to store with what is about to be built.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Relaxed)
}

/// A kept block, if fresh.
pub fn get(key: &str) -> Option<String> {
    fresh::<String>(key).map(|html| (*html).clone())
}

/// Keeps a block built at `generation` (a write since then makes it stale at once).
pub fn put(key: String, generation: u64, html: String) {
    keep(key, generation, Arc::new(html));
}

/// The value kept under `key` if it is fresh and of type `T`, else `build`'s (kept when it
/// succeeds). `key` must name everything the value depends on, the reader's audiences first.
pub fn get_or_build<T, E>(key: String, build: impl FnOnce() -> Result<T, E>) -> Result<T, E>
where
    T: Clone + Send + Sync + 'static,
{
    if let Some(found) = fresh::<T>(&key) {
        return Ok((*found).clone());
    }
    let at = generation();
    let value = build()?;
    keep(key, at, Arc::new(value.clone()));
    Ok(value)
}

fn fresh<T: Send + Sync + 'static>(key: &str) -> Option<Arc<T>> {
    let map = cache().lock().ok()?;
    let entry = map.get(key)?;
    if entry.generation != generation() || entry.at.elapsed() >= TTL {
        return None;
    }
    entry.value.clone().downcast::<T>().ok()
}

fn keep(key: String, generation: u64, value: Arc<dyn Any + Send + Sync>) {
    if let Ok(mut map) = cache().lock() {
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(
            key,
            Entry {
                at: Instant::now(),
                generation,
                value,
            },
        );
    }
}
