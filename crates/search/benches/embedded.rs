//! Benchmark of the embedded engine (not a timed test): indexes 100,000 generated documents
//! in batches and reports the indexing time, then runs 2,000 queries (one to three words,
//! some with a typo, some with a kind filter) and reports p50/p99 latency.
//!
//! `cargo bench -p prassi-search --bench embedded` (optionally `-- 20000` for fewer
//! documents). The figures go in docs/performance.md.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

use std::time::{Duration, Instant};

use prassi_core::search::{DocKind, SearchDoc, SearchEngine, SearchQuery};
use prassi_search::embedded::Embedded;

const WORDS: &[&str] = &[
    "comune",
    "comuni",
    "regione",
    "provincia",
    "servizi",
    "sociali",
    "appalto",
    "appalti",
    "innovazione",
    "valutazione",
    "outcome",
    "indicatori",
    "progetto",
    "progetti",
    "bando",
    "avviso",
    "coprogettazione",
    "terzo",
    "settore",
    "partenariato",
    "convenzione",
    "gestione",
    "associata",
    "rigenerazione",
    "urbana",
    "mobilità",
    "città",
    "cittadini",
    "digitalizzazione",
    "piattaforma",
    "dati",
    "aperti",
    "formazione",
    "competenze",
    "personale",
    "dirigenti",
    "bilancio",
    "contabilità",
    "finanza",
    "impatto",
    "programmazione",
    "fondi",
    "europei",
    "povertà",
    "inclusione",
    "lavoro",
    "giovani",
    "anziani",
    "scuola",
    "salute",
    "ambiente",
    "economia",
    "circolare",
    "rifiuti",
    "energia",
    "trasporti",
    "commercio",
    "centro",
    "storico",
    "turismo",
    "cultura",
    "biblioteca",
    "sport",
    "sicurezza",
    "protezione",
    "civile",
    "catasto",
    "tributi",
    "anagrafe",
    "elettorale",
    "urbanistica",
    "edilizia",
    "lavori",
    "pubblici",
    "contratti",
    "fornitori",
    "gara",
    "capitolato",
    "offerta",
    "criteri",
    "punteggio",
    "commissione",
    "verbale",
    "delibera",
    "determina",
    "regolamento",
    "statuto",
    "trasparenza",
    "anticorruzione",
    "privacy",
    "accesso",
    "civico",
    "partecipazione",
    "consultazione",
    "questionario",
    "comunità",
    "pratica",
    "tavolo",
    "networking",
    "esperti",
    "incontro",
];

/// A tiny deterministic generator (no extra dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }
    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("prassi-bench-{}", uuid::Uuid::now_v7().simple()));
    let engine = Embedded::open(&dir).unwrap();
    let kinds = DocKind::ALL;
    let audiences = ["public", "members", "group:g1"];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);

    let started = Instant::now();
    let batch = 5_000;
    let mut i = 0;
    while i < n {
        let docs: Vec<SearchDoc> = (i..(i + batch).min(n))
            .map(|j| SearchDoc {
                id: format!("doc-{j}"),
                kind: kinds[j % kinds.len()],
                title: rng.words(6),
                body: rng.words(80),
                url: format!("/x/{j}"),
                audience: audiences[j % audiences.len()].into(),
                tags: vec![rng.word().into()],
                created_at: 1_600_000_000 + j as i64 * 60,
                group_id: None,
            })
            .collect();
        engine.upsert(docs).unwrap();
        i += batch;
    }
    let indexing = started.elapsed();

    let mut latencies = Vec::with_capacity(2_000);
    let mut results = 0usize;
    for q in 0..2_000 {
        let words = 1 + (rng.next() % 3) as usize;
        let mut text = rng.words(words);
        if q % 5 == 0 {
            // A typo: drop one letter of the last word.
            text.pop();
        }
        let query = SearchQuery {
            text,
            audiences: vec!["public".into(), "members".into()],
            kinds: if q % 4 == 0 {
                vec![DocKind::Question]
            } else {
                Vec::new()
            },
            limit: 20,
            ..Default::default()
        };
        let t = Instant::now();
        let r = engine.search(&query).unwrap();
        latencies.push(t.elapsed());
        results += r.hits.len();
    }
    latencies.sort();
    let size: u64 = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    println!("| documents | indexing | docs/s | index size | queries | p50 | p99 | max |");
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| {n} | {:.1} s | {:.0} | {:.0} MiB | {} (avg {:.1} hits) | {:.2} ms | {:.2} ms | {:.2} ms |",
        indexing.as_secs_f64(),
        n as f64 / indexing.as_secs_f64(),
        size as f64 / 1_048_576.0,
        latencies.len(),
        results as f64 / latencies.len() as f64,
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
        latencies.last().expect("queries").as_secs_f64() * 1000.0,
    );
    drop(engine);
    let _ = std::fs::remove_dir_all(&dir);
}
