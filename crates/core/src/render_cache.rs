//! One bounded, process-wide cache of rendered HTML: Markdown by its source
//! ([`crate::markdown::render`]) and template fragments by everything they show
//! ([`crate::templates::Templates::fragment`]). A key is bytes: a Markdown source, or a
//! fragment's template name and the stream its values feed to a `Hash`er. Entries are found by
//! their whole key — a hash, then a full comparison — so a changed post or a changed vote count is simply another entry:
//! nothing stale, and nothing rendered for one key is ever served for another. Least recently
//! used entries leave first; keys and HTML both count against the budget
//! (`PRASSI_RENDER_CACHE_KIB`).

use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, OnceLock};

use crate::lru_budget::LruBudget;

/// Keyed by the hash of (kind, key); the entry keeps both, compared in full. Keys are hashed
/// before the lock is taken and compared after it is released (an entry is shared), so that
/// hashing and comparing a question's answer blocks, comments included, never holds one
/// process-wide lock. 8 MiB unless configured.
static CACHE: LruBudget<u64, Entry> = LruBudget::new(8 << 20);

struct Entry {
    kind: &'static str,
    key: Box<[u8]>,
    html: Box<str>,
}

/// Seeded per process; a collision costs a miss, never a wrong entry (keys are compared).
fn hasher() -> &'static foldhash::fast::RandomState {
    static HASHER: OnceLock<foldhash::fast::RandomState> = OnceLock::new();
    HASHER.get_or_init(foldhash::fast::RandomState::default)
}

fn hash(kind: &str, key: &[u8]) -> u64 {
    let mut h = hasher().build_hasher();
    h.write(kind.as_bytes());
    h.write_u8(0);
    h.write(key);
    h.finish()
}

/// Sets the byte budget; 0 turns the cache off (and empties it).
pub fn set_budget(bytes: usize) {
    CACHE.set_budget(bytes);
}

/// What the cache holds now: entries and bytes.
pub fn usage() -> (usize, usize) {
    CACHE.usage()
}

/// The HTML cached for (`kind`, `key`), or `render`'s, which is then kept. `render` runs
/// outside the lock; a failure is returned and nothing is kept. An entry larger than a
/// quarter of the budget is never kept.
pub fn get_or_render<E>(
    kind: &'static str,
    key: &[u8],
    render: impl FnOnce() -> Result<String, E>,
) -> Result<String, E> {
    get_or_render_then(kind, key, render, str::to_owned)
}

/// As [`get_or_render`], handing the HTML to `then` instead of copying it out (a fragment
/// copies it once, with the viewer's token put in).
pub fn get_or_render_then<E, T>(
    kind: &'static str,
    key: &[u8],
    render: impl FnOnce() -> Result<String, E>,
    then: impl FnOnce(&str) -> T,
) -> Result<T, E> {
    if CACHE.budget() == 0 {
        return Ok(then(&render()?));
    }
    let hash = hash(kind, key);
    if let Some(e) = CACHE.get(&hash) {
        if e.kind == kind && *e.key == *key {
            return Ok(then(&e.html));
        }
    }
    let html = render()?;
    let out = then(&html);
    // Keys and HTML both count against the budget.
    let size = key.len() + html.len();
    let entry = Entry {
        kind,
        key: key.into(),
        html: html.into_boxed_str(),
    };
    CACHE.keep(hash, Arc::new(entry), size, |_| true);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

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
        let a = get_or_render("test", b"uno 7f3e", render("uno")).ok();
        assert_eq!(a.as_deref(), Some("<p>uno</p>"));
        assert_eq!(
            get_or_render("test", b"uno 7f3e", render("altro")).ok(),
            a,
            "cached"
        );
        assert_eq!(CALLS.load(Ordering::SeqCst), 1);
        // The same key under another kind is another entry.
        assert_eq!(
            get_or_render("other", b"uno 7f3e", render("due")).ok(),
            Some("<p>due</p>".to_owned())
        );
        // A failed render keeps nothing.
        assert!(get_or_render("test", b"fails 7f3e", || Err::<String, _>(())).is_err());
        assert_eq!(
            get_or_render("test", b"fails 7f3e", render("ok")).ok(),
            Some("<p>ok</p>".to_owned())
        );
        // A small budget evicts the least recently used; nothing over the budget stays.
        set_budget(4_096);
        for i in 0..200 {
            let key = format!("voce {i} 7f3e");
            assert_eq!(
                get_or_render("test", key.as_bytes(), render(&key)).ok(),
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
