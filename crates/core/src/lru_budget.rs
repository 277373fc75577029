//! A least-recently-used map bounded in bytes, for the process-wide caches: rendered HTML
//! ([`crate::render_cache`]) and question threads (`prassi_qa::service::thread`). Each entry
//! counts the size its owner gives it; past the budget the least recently used leave first; an
//! entry larger than a quarter of the budget is never kept; a budget of 0 keeps nothing. The
//! lock is held only to find, keep or evict an entry (entries are shared by `Arc`).

use std::hash::Hash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use lru::LruCache;

/// See the module's doc.
pub struct LruBudget<K, V> {
    budget: AtomicUsize,
    inner: OnceLock<Mutex<Inner<K, V>>>,
}

struct Inner<K, V> {
    entries: LruCache<K, (Arc<V>, usize)>,
    bytes: usize,
}

impl<K: Hash + Eq, V> Inner<K, V> {
    fn shrink_to(&mut self, budget: usize) {
        while self.bytes > budget {
            match self.entries.pop_lru() {
                Some((_, (_, size))) => self.bytes -= size,
                None => break,
            }
        }
    }
}

impl<K: Hash + Eq, V> LruBudget<K, V> {
    /// An empty map that will hold up to `budget` bytes.
    pub const fn new(budget: usize) -> Self {
        LruBudget {
            budget: AtomicUsize::new(budget),
            inner: OnceLock::new(),
        }
    }

    fn inner(&self) -> &Mutex<Inner<K, V>> {
        self.inner.get_or_init(|| {
            Mutex::new(Inner {
                entries: LruCache::unbounded(),
                bytes: 0,
            })
        })
    }

    /// The byte budget (0: the map keeps nothing).
    pub fn budget(&self) -> usize {
        self.budget.load(Ordering::Relaxed)
    }

    /// Sets the byte budget, evicting what no longer fits; 0 empties the map.
    pub fn set_budget(&self, bytes: usize) {
        self.budget.store(bytes, Ordering::Relaxed);
        if let Ok(mut inner) = self.inner().lock() {
            inner.shrink_to(bytes);
        }
    }

    /// What the map holds now: entries and bytes.
    pub fn usage(&self) -> (usize, usize) {
        self.inner()
            .lock()
            .map(|i| (i.entries.len(), i.bytes))
            .unwrap_or((0, 0))
    }

    /// The entry under `key`, marked as just used.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        let mut inner = self.inner().lock().ok()?;
        inner.entries.get(key).map(|(v, _)| Arc::clone(v))
    }

    /// Keeps `value`, counted as `size` bytes, under `key`, unless it is larger than a quarter
    /// of the budget or `replaces` refuses the entry already kept under `key`.
    pub fn keep(&self, key: K, value: Arc<V>, size: usize, replaces: impl FnOnce(&V) -> bool) {
        let budget = self.budget();
        if budget == 0 || size > budget / 4 {
            return;
        }
        let Ok(mut inner) = self.inner().lock() else {
            return;
        };
        if inner
            .entries
            .peek(&key)
            .is_some_and(|(old, _)| !replaces(old))
        {
            return;
        }
        if let Some((_, old)) = inner.entries.put(key, (value, size)) {
            inner.bytes -= old;
        }
        inner.bytes += size;
        inner.shrink_to(budget);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_within_the_budget_least_recently_used_first_and_as_told() {
        let map: LruBudget<u32, &'static str> = LruBudget::new(400);
        map.keep(1, Arc::new("uno"), 100, |_| true);
        map.keep(2, Arc::new("due"), 100, |_| true);
        map.keep(3, Arc::new("tre"), 101, |_| true);
        assert_eq!(
            map.usage(),
            (2, 200),
            "over a quarter of the budget: not kept"
        );
        assert_eq!(map.get(&1).as_deref(), Some(&"uno"));
        map.keep(4, Arc::new("quattro"), 100, |_| true);
        map.keep(5, Arc::new("cinque"), 100, |_| true);
        map.keep(6, Arc::new("sei"), 100, |_| true);
        // 2 was the least recently used (1 was read since).
        assert!(map.get(&2).is_none() && map.get(&1).is_some());
        assert_eq!(map.usage(), (4, 400));
        // A refused replacement keeps the old entry; an accepted one replaces its size.
        map.keep(1, Arc::new("altro"), 50, |_| false);
        assert_eq!(map.get(&1).as_deref(), Some(&"uno"));
        map.keep(1, Arc::new("altro"), 50, |old| *old == "uno");
        assert_eq!(map.get(&1).as_deref(), Some(&"altro"));
        assert_eq!(map.usage(), (4, 350));
        map.set_budget(200);
        assert_eq!(map.usage().0, 2);
        map.set_budget(0);
        assert_eq!(map.usage(), (0, 0), "off: emptied");
        map.keep(7, Arc::new("sette"), 0, |_| true);
        assert_eq!(map.usage(), (0, 0), "off: keeps nothing");
    }
}
