//! One bounded, process-wide cache of rendered HTML: Markdown by its source
//! ([`crate::markdown::render`]) and template fragments by everything they show (the `cached`
//! template function, [`crate::templates`]). Entries are found by their whole key — a hash,
//! then a full comparison — so a changed post or a changed vote count is simply another entry:
//! nothing stale, and nothing rendered for one key is ever served for another. Least recently
//! used entries leave first; keys and HTML both count against the budget
//! (`PRASSI_RENDER_CACHE_KIB`).

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use lru::LruCache;

/// 8 MiB unless configured.
static BUDGET: AtomicUsize = AtomicUsize::new(8 << 20);

/// The lock is held only to find, keep or evict an entry: keys are hashed before it is taken
/// and compared after it is released (an entry is shared), so that hashing and comparing a
/// question's answer blocks, comments included, never holds one process-wide lock.
struct Cache {
    /// Keyed by the hash of (kind, key); the entry keeps both, compared in full.
    entries: LruCache<u64, Arc<Entry>>,
    bytes: usize,
}

struct Entry {
    kind: &'static str,
    key: Key,
    html: Box<str>,
    /// What the entry counts against the budget: its key and its HTML.
    size: usize,
}

/// What an entry was made from: a text (a Markdown source), or a template and the values it
/// was given (a fragment), kept as values so a lookup never has to write them out as text.
enum Key {
    Text(Box<str>),
    Args {
        template: Box<str>,
        args: serde_json::Map<String, serde_json::Value>,
    },
}

/// A fragment's arguments, by name (sorted, so their order never matters).
pub type Args<'a> = std::collections::BTreeMap<&'a str, &'a serde_json::Value>;

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| {
        Mutex::new(Cache {
            entries: LruCache::unbounded(),
            bytes: 0,
        })
    })
}

/// Seeded per process; a collision costs a miss, never a wrong entry (keys are compared).
fn hasher() -> &'static foldhash::fast::RandomState {
    static HASHER: OnceLock<foldhash::fast::RandomState> = OnceLock::new();
    HASHER.get_or_init(foldhash::fast::RandomState::default)
}

/// The entry kept under `hash`, if any (marked as just used).
fn lookup(hash: u64) -> Option<Arc<Entry>> {
    cache().lock().ok()?.entries.get(&hash).cloned()
}

fn hash(kind: &str, key: &str) -> u64 {
    let mut h = hasher().build_hasher();
    h.write(kind.as_bytes());
    h.write_u8(0);
    h.write(key.as_bytes());
    h.finish()
}

fn hash_args(kind: &str, template: &str, args: &Args<'_>) -> u64 {
    let mut h = hasher().build_hasher();
    h.write(kind.as_bytes());
    h.write_u8(0);
    h.write(template.as_bytes());
    for (name, value) in args {
        h.write_u8(0);
        h.write(name.as_bytes());
        feed(&mut h, value);
    }
    h.finish()
}

impl Cache {
    fn shrink_to(&mut self, budget: usize) {
        while self.bytes > budget {
            match self.entries.pop_lru() {
                Some((_, e)) => self.bytes -= e.size,
                None => break,
            }
        }
    }

    /// Keeps `entry` under `hash` if it fits a quarter of the budget.
    fn keep(&mut self, hash: u64, entry: Arc<Entry>, budget: usize) {
        if entry.size <= budget / 4 {
            let size = entry.size;
            if let Some(old) = self.entries.put(hash, entry) {
                self.bytes -= old.size;
            }
            self.bytes += size;
            self.shrink_to(budget);
        }
    }
}

/// Feeds a value to a hasher, with a tag per type and lengths, so different values make
/// different streams.
fn feed(h: &mut impl Hasher, value: &serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Null => h.write_u8(1),
        Value::Bool(b) => h.write_u8(if *b { 2 } else { 3 }),
        Value::Number(n) => {
            h.write_u8(4);
            match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => h.write_i64(i),
                (None, Some(f)) => h.write_u64(f.to_bits()),
                (None, None) => h.write_u8(0),
            }
        }
        Value::String(s) => {
            h.write_u8(5);
            h.write_usize(s.len());
            h.write(s.as_bytes());
        }
        Value::Array(items) => {
            h.write_u8(6);
            h.write_usize(items.len());
            for item in items {
                feed(h, item);
            }
        }
        Value::Object(map) => {
            h.write_u8(7);
            h.write_usize(map.len());
            for (k, v) in map {
                h.write_usize(k.len());
                h.write(k.as_bytes());
                feed(h, v);
            }
        }
    }
}

/// About what a value takes in memory (its text and a word per node).
fn weight(value: &serde_json::Value) -> usize {
    use serde_json::Value;
    16 + match value {
        Value::String(s) => s.len(),
        Value::Array(items) => items.iter().map(weight).sum(),
        Value::Object(map) => map.iter().map(|(k, v)| k.len() + weight(v)).sum(),
        Value::Null | Value::Bool(_) | Value::Number(_) => 0,
    }
}

fn same_args(kept: &serde_json::Map<String, serde_json::Value>, args: &Args<'_>) -> bool {
    kept.len() == args.len()
        && args
            .iter()
            .all(|(name, value)| kept.get(*name).is_some_and(|v| v == *value))
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
    let hash = hash(kind, key);
    if let Some(e) = lookup(hash) {
        if e.kind == kind && matches!(&e.key, Key::Text(k) if **k == *key) {
            return Ok(e.html.to_string());
        }
    }
    let html = render()?;
    let entry = Arc::new(Entry {
        kind,
        size: key.len() + html.len(),
        key: Key::Text(key.into()),
        html: html.as_str().into(),
    });
    if let Ok(mut c) = cache().lock() {
        c.keep(hash, entry, budget);
    }
    Ok(html)
}

/// The HTML cached for `template` rendered with `args`, or `render`'s, which is then kept
/// (as [`get_or_render`], with the arguments compared as values: a long page's fragments are
/// found without writing every argument out as text on each view).
pub fn get_or_render_args<E>(
    kind: &'static str,
    template: &str,
    args: &Args<'_>,
    render: impl FnOnce() -> Result<String, E>,
) -> Result<String, E> {
    let budget = BUDGET.load(Ordering::Relaxed);
    if budget == 0 {
        return render();
    }
    let hash = hash_args(kind, template, args);
    if let Some(e) = lookup(hash) {
        let hit = e.kind == kind
            && matches!(&e.key, Key::Args { template: t, args: kept }
                if **t == *template && same_args(kept, args));
        if hit {
            return Ok(e.html.to_string());
        }
    }
    let html = render()?;
    let kept: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).clone()))
        .collect();
    let size =
        template.len() + html.len() + kept.iter().map(|(k, v)| k.len() + weight(v)).sum::<usize>();
    let entry = Arc::new(Entry {
        kind,
        key: Key::Args {
            template: template.into(),
            args: kept,
        },
        html: html.as_str().into(),
        size,
    });
    if let Ok(mut c) = cache().lock() {
        c.keep(hash, entry, budget);
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
        // Fragments: found by their template and every argument's value, nested ones included.
        let answer = serde_json::json!({"id": "a1", "score": -3, "body": "<p>testo</p>",
            "comments": [{"id": "c1", "body": "sì"}]});
        static TRUE: serde_json::Value = serde_json::Value::Bool(true);
        fn args(a: &serde_json::Value) -> Args<'_> {
            [("a", a), ("can_vote", &TRUE)].into_iter().collect()
        }
        let first = get_or_render_args("test", "qa/_answer.html", &args(&answer), render("A"));
        assert_eq!(first.ok().as_deref(), Some("<p>A</p>"));
        let calls = CALLS.load(Ordering::SeqCst);
        let again = get_or_render_args(
            "test",
            "qa/_answer.html",
            &args(&answer.clone()),
            render("B"),
        );
        assert_eq!(
            again.ok().as_deref(),
            Some("<p>A</p>"),
            "equal values: cached"
        );
        assert_eq!(CALLS.load(Ordering::SeqCst), calls);
        let mut changed = answer.clone();
        changed["comments"][0]["body"] = serde_json::json!("no");
        let other = get_or_render_args("test", "qa/_answer.html", &args(&changed), render("C"));
        assert_eq!(
            other.ok().as_deref(),
            Some("<p>C</p>"),
            "a nested change is another entry"
        );
        let elsewhere = get_or_render_args("test", "qa/_other.html", &args(&answer), render("D"));
        assert_eq!(
            elsewhere.ok().as_deref(),
            Some("<p>D</p>"),
            "another template"
        );
        let mut fewer = args(&answer);
        fewer.remove("can_vote");
        let less = get_or_render_args("test", "qa/_answer.html", &fewer, render("E"));
        assert_eq!(less.ok().as_deref(), Some("<p>E</p>"), "an argument fewer");
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
