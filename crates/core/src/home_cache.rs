//! The home page's short-lived cache of module blocks. A block whose content depends only on
//! what the viewer may read ([`crate::module::HomeScope::Audiences`]) is the same HTML for
//! every viewer with the same audiences and language, so the home page keeps it for at most
//! [`TTL`] instead of querying and rendering it on every view (on the large dataset the
//! blocks cost two thirds of a signed-in home view). Any content write on this instance
//! ([`crate::search::SearchSource::touch`], which every write that changes what is listed
//! calls) starts a new generation, so its author sees the change on their next view; other
//! instances see it within [`TTL`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long a block is kept.
pub const TTL: Duration = Duration::from_secs(5);

/// Entries kept at most; the whole cache is dropped when it is full (a new entry per distinct
/// set of audiences, language and module: a handful in practice).
const MAX_ENTRIES: usize = 1024;

static GENERATION: AtomicU64 = AtomicU64::new(0);

struct Entry {
    at: Instant,
    generation: u64,
    html: String,
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
    let map = cache().lock().ok()?;
    let entry = map.get(key)?;
    (entry.generation == generation() && entry.at.elapsed() < TTL).then(|| entry.html.clone())
}

/// Keeps a block built at `generation` (a write since then makes it stale at once).
pub fn put(key: String, generation: u64, html: String) {
    if let Ok(mut map) = cache().lock() {
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(
            key,
            Entry {
                at: Instant::now(),
                generation,
                html,
            },
        );
    }
}
