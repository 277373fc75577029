//! One bounded, process-wide cache of rendered HTML: Markdown by its source
//! ([`crate::markdown::render`]) and template fragments by everything they show (the `cached`
//! template function, [`crate::templates`]). Entries are found by their whole key — a hash,
//! then a full comparison — so a changed post or a changed vote count is simply another entry:
//! nothing stale, and nothing rendered for one key is ever served for another. Least recently
//! used entries leave first; keys and HTML both count against the budget
//! (`PRASSI_RENDER_CACHE_KIB`).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use lru::LruCache;

/// 8 MiB unless configured.
static BUDGET: AtomicUsize = AtomicUsize::new(8 << 20);

struct Cache {
    /// Keyed by the hash of (kind, key); the entry keeps both, compared in full.
    entries: LruCache<u64, Entry>,
    bytes: usize,
    hasher: RandomState,
}

struct Entry {
    kind: &'static str,
    key: Box<str>,
    html: Box<str>,
}

impl Entry {
    fn size(&self) -> usize {
        self.key.len() + self.html.len()
    }
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| {
        Mutex::new(Cache {
            entries: LruCache::unbounded(),
            bytes: 0,
            hasher: RandomState::new(),
        })
    })
}

impl Cache {
    fn shrink_to(&mut self, budget: usize) {
        while self.bytes > budget {
            match self.entries.pop_lru() {
                Some((_, e)) => self.bytes -= e.size(),
                None => break,
            }
        }
    }

    fn hash(&self, kind: &str, key: &str) -> u64 {
        let mut h = self.hasher.build_hasher();
        h.write(kind.as_bytes());
        h.write_u8(0);
        h.write(key.as_bytes());
        h.finish()
    }
}

/// Sets the byte budget; 0 turns the cache off (and empties it).
pub fn set_budget(bytes: usize) {
    BUDGET.store(bytes, Ordering::Relaxed);
    if let Ok(mut c) = cache().lock() {
        c.shrink_to(bytes);
    }
}

/// What the cache holds now: entries and bytes.
pub fn usage() -> (usize, usize) {
    cache()
        .lock()
        .map(|c| (c.entries.len(), c.bytes))
        .unwrap_or((0, 0))
}

/// The HTML cached for (`kind`, `key`), or `render`'s, which is then kept. `render` runs
/// outside the lock; a failure is returned and nothing is kept. An entry larger than a
/// quarter of the budget is never kept.
pub fn get_or_render<E>(
    kind: &'static str,
    key: &str,
    render: impl FnOnce() -> Result<String, E>,
) -> Result<String, E> {
    let budget = BUDGET.load(Ordering::Relaxed);
    if budget == 0 {
        return render();
    }
    let hash = {
        let Ok(mut c) = cache().lock() else {
            return render();
        };
        let hash = c.hash(kind, key);
        if let Some(e) = c.entries.get(&hash) {
            if e.kind == kind && *e.key == *key {
                return Ok(e.html.to_string());
            }
        }
        hash
    };
    let html = render()?;
    if let Ok(mut c) = cache().lock() {
        let entry = Entry {
            kind,
            key: key.into(),
            html: html.as_str().into(),
        };
        let size = entry.size();
        if size <= budget / 4 {
            if let Some(old) = c.entries.put(hash, entry) {
                c.bytes -= old.size();
            }
            c.bytes += size;
            c.shrink_to(budget);
        }
    }
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn each_key_gets_its_own_html_once_within_the_budget() {
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        let render = |text: &str| {
            let text = text.to_owned();
            move || {
                CALLS.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(format!("<p>{text}</p>"))
            }
        };
        let a = get_or_render("test", "uno 7f3e", render("uno")).ok();
        assert_eq!(a.as_deref(), Some("<p>uno</p>"));
        assert_eq!(
            get_or_render("test", "uno 7f3e", render("altro")).ok(),
            a,
            "cached"
        );
        assert_eq!(CALLS.load(Ordering::SeqCst), 1);
        // The same key under another kind is another entry.
        assert_eq!(
            get_or_render("other", "uno 7f3e", render("due")).ok(),
            Some("<p>due</p>".to_owned())
        );
        // A failed render keeps nothing.
        assert!(get_or_render("test", "fails 7f3e", || Err::<String, _>(())).is_err());
        assert_eq!(
            get_or_render("test", "fails 7f3e", render("ok")).ok(),
            Some("<p>ok</p>".to_owned())
        );
        // A small budget evicts the least recently used; nothing over the budget stays.
        set_budget(4_096);
        for i in 0..200 {
            let key = format!("voce {i} 7f3e");
            assert_eq!(
                get_or_render("test", &key, render(&key)).ok(),
                Some(format!("<p>{key}</p>"))
            );
        }
        let (entries, bytes) = usage();
        assert!(
            bytes <= 4_096 && entries > 0 && entries < 200,
            "{entries} entries, {bytes} bytes"
        );
        set_budget(0);
        assert_eq!(usage(), (0, 0), "off: emptied");
        set_budget(8 << 20);
    }
}
