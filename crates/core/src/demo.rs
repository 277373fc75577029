//! Demo content: what every module's part of `prassi demo` shares. A module says what it adds
//! through [`crate::Module::demo`] ([`DemoContent`]): its part of the believable community
//! (`prassi demo`), run inside one write transaction with the others ([`Community`]), and its
//! part of the generated benchmark dataset (`prassi demo --size small|large`, [`Dataset`]).
//! The server orders the parts by [`DemoContent::after`] and knows nothing of what they make.
//!
//! Here: the two contexts, which carry what earlier modules made (the demo password and logins,
//! the generated members, ids recorded for later modules); the themes the community is about;
//! the seeded generator ([`Rng`]) and the Italian text drawn from it; and the runner that writes
//! a list of operations in chunked write transactions, on parallel lanes on PostgreSQL
//! ([`Lanes`]). The dataset is one stream of the generator shared by every module, in order: the
//! same seed and the same module order give the same text and shape (ids and times differ).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use prassi_db::schema::users;
use prassi_db::DbConnection;

use crate::access::Viewer;
use crate::{AppResult, AppState};

/// The ten themes of the "Veneto in Azione" communities of practice.
pub const VENETO_THEMES: [&str; 10] = [
    "Innovazione sociale e Terzo Settore",
    "Inclusione e diversità",
    "Contrasto alla povertà",
    "Collaborazione pubblico-privato",
    "Rigenerazione urbana e mobilità",
    "Commercio nei centri urbani",
    "Digitalizzazione della PA",
    "Gestione associata dei servizi",
    "Sostenibilità urbana ed economia circolare",
    "Public management",
];

/// The Co.PIS starting topics.
pub const COPIS_TOPICS: [&str; 5] = [
    "Appalti per l'innovazione",
    "Misurazione e valutazione degli outcome",
    "Schemi PBR e contabilità pubblica",
    "Finanza di impatto",
    "Programmazione 2021-2027",
];

// ------------------------------------------------------------------------------ the hook

/// A module's demo content ([`crate::Module::demo`]).
#[derive(Clone, Copy)]
pub struct DemoContent {
    /// The modules (by [`crate::Module::name`]) whose demo content this one builds on: its
    /// parts run after theirs (the members its content is written by, ids they recorded). The
    /// order also fixes the dataset, whose generator every module draws from in turn. A name
    /// that is not in the module list is no constraint.
    pub after: &'static [&'static str],
    /// What of the module's data already in the database stops `prassi demo`, which fills
    /// only a new database: `Some(what)`, named for the error message (`Q&A content (tags or
    /// questions)`), `None` when the module has nothing stored yet.
    pub existing: fn(&mut DbConnection) -> QueryResult<Option<String>>,
    /// Adds the module's part of the believable community (`prassi demo`).
    pub community: fn(&mut Community<'_>) -> AppResult<()>,
    /// Adds the module's part of the generated dataset (`prassi demo --size`), after the
    /// community; `None` when it generates nothing.
    pub dataset: Option<fn(&mut Dataset<'_>) -> anyhow::Result<()>>,
}

/// The demo logins to print.
// Not `Debug`: the password is not for logs.
#[derive(Clone, Default)]
pub struct Logins {
    pub password: String,
    /// Username and role (or `pending`) of each account the demo made.
    pub accounts: Vec<(String, &'static str)>,
    /// Administrators that existed before, kept with their own passwords.
    pub kept: Vec<String>,
}

// ------------------------------------------------------------------------------ community

/// What the modules' community parts share: one write transaction, the logins made so far,
/// and ids an earlier module recorded for a later one (the wiki promotes the answer Q&A
/// accepted). A module reaches another's content only through what was recorded here.
pub struct Community<'c> {
    pub conn: &'c mut DbConnection,
    /// The password of every account the demo makes, and the accounts made so far; the
    /// accounts module also fills in the administrators it kept.
    pub logins: Logins,
    /// Where uploaded files go (the instance's storage), for modules whose demo holds files.
    pub storage: Option<crate::config::StorageConfig>,
    recorded: HashMap<&'static str, String>,
}

impl<'c> Community<'c> {
    pub fn new(conn: &'c mut DbConnection, password: String) -> Self {
        Self {
            conn,
            logins: Logins {
                password,
                ..Logins::default()
            },
            storage: None,
            recorded: HashMap::new(),
        }
    }

    /// The member with this username, as the services expect the one who acts.
    pub fn viewer(&mut self, username: &str) -> AppResult<Viewer> {
        viewer(self.conn, username)
    }

    /// Records a value for a later module's part, under a key named after the module that
    /// records it (`qa.accepted-answer`); the module documents its keys.
    pub fn record(&mut self, key: &'static str, value: impl Into<String>) {
        self.recorded.insert(key, value.into());
    }

    /// A value an earlier module recorded (`None` when that module is not in the list).
    pub fn recorded(&self, key: &str) -> Option<&str> {
        self.recorded.get(key).map(String::as_str)
    }
}

/// The member with this username, as the services expect the one who acts (with the
/// groups they are in now, as a request would load them).
pub fn viewer(conn: &mut DbConnection, username: &str) -> AppResult<Viewer> {
    let id: prassi_db::UserId = users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(conn)?;
    crate::ctx::viewer_of(conn, &id)?.ok_or_else(crate::AppError::not_found)
}

// ------------------------------------------------------------------------------ dataset

/// How much the dataset holds: each module decides its own counts for each size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// For tests and the harness check in CI: builds in seconds.
    Small,
    /// A real national community (issue 10): what the benchmark figures are measured on.
    Large,
}

impl Size {
    /// `small` or `large`.
    pub fn named(name: &str) -> Option<Size> {
        match name {
            "small" => Some(Self::Small),
            "large" => Some(Self::Large),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Small => "small",
            Self::Large => "large",
        }
    }
}

/// What the modules' dataset parts share, and what they report.
pub struct Dataset<'s> {
    pub state: &'s AppState,
    pub size: Size,
    /// Where the parts write their operations.
    pub lanes: Lanes<'s>,
    /// The one stream every part draws its text and shape from, in module order.
    pub rng: Rng,
    /// The password of the demo logins, which generated members share too.
    pub password: String,
    /// The generated members, for the later parts to act as (the accounts module makes them).
    pub members: Vec<Viewer>,
    /// Each part's timed phases.
    pub timer: Timer,
    /// Lines printed after the logins.
    pub notes: Vec<String>,
    /// The pages and names the benchmark uses, by label (`big-question`, `member`).
    pub pages: Vec<(&'static str, String)>,
    /// Stored counters a part compared with their recount, by label (`Q&A counters`), and
    /// whether they were equal.
    pub recounts: Vec<(&'static str, bool)>,
}

impl<'s> Dataset<'s> {
    /// A dataset of `size` drawn from `seed`, written by `jobs` lanes at once on PostgreSQL
    /// (one on SQLite, which has one writer anyway).
    pub fn new(state: &'s AppState, size: Size, seed: u64, jobs: usize) -> Self {
        let jobs = match state.db.kind() {
            prassi_db::BackendKind::Sqlite => 1,
            prassi_db::BackendKind::Postgres => jobs.max(1),
        };
        Self {
            state,
            size,
            lanes: Lanes { state, jobs },
            rng: Rng::new(seed),
            password: String::new(),
            members: Vec::new(),
            timer: Timer::new(),
            notes: Vec::new(),
            pages: Vec::new(),
            recounts: Vec::new(),
        }
    }

    /// What the command prints and the benchmark uses.
    pub fn into_report(self, logins: Logins, started: Instant) -> Report {
        Report {
            logins,
            notes: self.notes,
            pages: self.pages,
            recounts: self.recounts,
            phases: self.timer.phases,
            total: started.elapsed(),
        }
    }
}

/// What the dataset made, for the command to print and the benchmark to use.
pub struct Report {
    pub logins: Logins,
    pub notes: Vec<String>,
    pub pages: Vec<(&'static str, String)>,
    pub recounts: Vec<(&'static str, bool)>,
    pub phases: Vec<PhaseTime>,
    pub total: Duration,
}

impl Report {
    /// The first page of this label.
    pub fn page(&self, label: &str) -> Option<&str> {
        self.pages
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, p)| p.as_str())
    }
}

/// One timed phase.
#[derive(Debug, Clone)]
pub struct PhaseTime {
    pub name: &'static str,
    pub items: usize,
    pub elapsed: Duration,
}

/// Phase timing: each phase lasts from the end of the one before.
pub struct Timer {
    pub phases: Vec<PhaseTime>,
    since: Instant,
}

impl Timer {
    fn new() -> Self {
        Self {
            phases: Vec::new(),
            since: Instant::now(),
        }
    }

    /// Ends a phase of `items` items.
    pub fn done(&mut self, name: &'static str, items: usize) {
        let elapsed = self.since.elapsed();
        tracing::info!(phase = name, items, elapsed = ?elapsed, "dataset phase done");
        self.phases.push(PhaseTime {
            name,
            items,
            elapsed,
        });
        self.since = Instant::now();
    }
}

// ------------------------------------------------------------------------------ lanes

/// Operations per write transaction.
const CHUNK: usize = 2_000;

/// Where a dataset part writes: chunked write transactions on `jobs` pooled connections at
/// once.
#[derive(Clone, Copy)]
pub struct Lanes<'s> {
    pub state: &'s AppState,
    /// Lanes that write at once (1 on SQLite).
    pub jobs: usize,
}

impl Lanes<'_> {
    /// Runs `f` on every op, in chunked write transactions, and returns the results in the
    /// ops' order. With `jobs > 1` the ops are split into lanes by `lane` (ops of one lane run
    /// in order on one connection; lanes at once): give ops that update the same rows the same
    /// lane. A chunk that fails is rolled back and retried (a deadlock between lanes), up to 3
    /// times.
    pub fn write<T, R, L, F>(&self, ops: &[T], lane: L, f: F) -> anyhow::Result<Vec<R>>
    where
        T: Sync,
        R: Send,
        L: Fn(&T, usize) -> usize,
        F: Fn(&mut DbConnection, &T) -> AppResult<R> + Sync,
    {
        let state = self.state;
        let jobs = self.jobs.max(1);
        let mut lanes: Vec<Vec<usize>> = vec![Vec::new(); jobs];
        for (i, op) in ops.iter().enumerate() {
            lanes[lane(op, i) % jobs].push(i);
        }
        let run_lane = |indices: &[usize]| -> anyhow::Result<Vec<(usize, R)>> {
            let mut conn = state.db.get()?;
            let mut out = Vec::with_capacity(indices.len());
            for chunk in indices.chunks(CHUNK) {
                let mut tries = 0;
                let done = loop {
                    tries += 1;
                    let attempt = prassi_db::write_tx(&mut conn, |c| {
                        chunk
                            .iter()
                            .map(|&i| f(c, &ops[i]).map(|r| (i, r)))
                            .collect::<AppResult<Vec<_>>>()
                    });
                    match attempt {
                        Ok(done) => break done,
                        Err(e) if tries < 3 => {
                            tracing::warn!(error = %e, "dataset chunk failed; retrying it");
                        }
                        Err(e) => anyhow::bail!("{e}"),
                    }
                };
                out.extend(done);
            }
            Ok(out)
        };
        let mut results: Vec<Option<R>> = Vec::new();
        results.resize_with(ops.len(), || None);
        if jobs == 1 {
            for (i, r) in run_lane(&lanes[0])? {
                results[i] = Some(r);
            }
        } else {
            let outs: Vec<anyhow::Result<Vec<(usize, R)>>> = std::thread::scope(|s| {
                let handles: Vec<_> = lanes.iter().map(|l| s.spawn(|| run_lane(l))).collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join()
                            .unwrap_or_else(|_| Err(anyhow::anyhow!("a dataset lane panicked")))
                    })
                    .collect()
            });
            for out in outs {
                for (i, r) in out? {
                    results[i] = Some(r);
                }
            }
        }
        results
            .into_iter()
            .map(|r| r.ok_or_else(|| anyhow::anyhow!("an operation left no result")))
            .collect()
    }

    /// [`Lanes::write`] on one lane: the ops run in their order (a page that names its parent
    /// after the parent).
    pub fn write_in_order<T, R, F>(&self, ops: &[T], f: F) -> anyhow::Result<Vec<R>>
    where
        T: Sync,
        R: Send,
        F: Fn(&mut DbConnection, &T) -> AppResult<R> + Sync,
    {
        Lanes {
            state: self.state,
            jobs: 1,
        }
        .write(ops, |_, _| 0, f)
    }
}

// ------------------------------------------------------------------------------ text

/// SplitMix64: small, fast, and the same sequence on every platform and version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
    /// In `0..n`, small values likelier: the larger `exp`, the more skewed.
    pub fn skewed(&mut self, n: usize, exp: f64) -> usize {
        ((self.unit().powf(exp) * n as f64) as usize).min(n.saturating_sub(1))
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A sentence of the community's work: who did what, and often where or how.
pub fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(0.35) {
        s.push_str(rng.word(CONNECTORS));
        s.push(' ');
        s.push_str(rng.word(SUBJECTS));
    } else {
        s.push_str(&capitalise(rng.word(SUBJECTS)));
    }
    s.push(' ');
    s.push_str(rng.word(VERBS));
    s.push(' ');
    let object = rng.word(OBJECTS);
    if rng.chance(0.12) {
        s.push_str(&format!("**{object}**"));
    } else {
        s.push_str(object);
    }
    if rng.chance(0.8) {
        s.push(' ');
        s.push_str(rng.word(COMPLEMENTS));
    }
    s.push('.');
    s
}

/// `min` to `max` sentences.
pub fn paragraph(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// `min` to `max` paragraphs, sometimes with a list.
pub fn body(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    let mut parts: Vec<String> = (0..n).map(|_| paragraph(rng, 2, 4)).collect();
    if rng.chance(0.2) {
        let items: Vec<String> = (0..2 + rng.below(3))
            .map(|_| format!("- {} {}", rng.word(OBJECTS), rng.word(COMPLEMENTS)))
            .collect();
        parts.insert(rng.below(parts.len() + 1), items.join("\n"));
    }
    parts.join("\n\n")
}

// ------------------------------------------------------------------------------ vocabulary

pub const SUBJECTS: &[&str] = &[
    "il nostro comune",
    "la regione",
    "l'ufficio di piano",
    "il responsabile del procedimento",
    "la cabina di regia",
    "il partenariato",
    "l'unione dei comuni",
    "il gruppo di lavoro",
    "la direzione generale",
    "l'ente capofila",
    "il servizio sociale professionale",
    "l'ambito territoriale",
    "la giunta",
    "il nucleo di valutazione",
    "la centrale di committenza",
    "l'ufficio per la transizione digitale",
    "il tavolo di co-progettazione",
    "la rete delle associazioni",
    "il segretario comunale",
    "l'organismo indipendente di valutazione",
];

pub const VERBS: &[&str] = &[
    "ha avviato",
    "sta valutando",
    "ha sperimentato",
    "deve definire",
    "ha pubblicato",
    "propone",
    "ha concluso",
    "intende rafforzare",
    "ha rivisto",
    "sta ridisegnando",
    "ha finanziato",
    "ha condiviso",
    "sta misurando",
    "ha semplificato",
    "ha affidato",
    "coordina",
    "ha documentato",
    "sta preparando",
];

pub const OBJECTS: &[&str] = &[
    "un avviso di co-progettazione",
    "la consultazione preliminare di mercato",
    "un sistema di indicatori di outcome",
    "il piano triennale per l'informatica",
    "una convenzione per la gestione associata",
    "il patto di collaborazione per i beni comuni",
    "un appalto pre-commerciale",
    "il bilancio di genere",
    "la mappatura dei servizi digitali",
    "un protocollo con le scuole del territorio",
    "il regolamento sull'amministrazione condivisa",
    "lo sportello unico per le imprese",
    "un contratto pay-by-result",
    "la rendicontazione sociale",
    "il piano integrato di attività e organizzazione",
    "la valutazione d'impatto del progetto",
    "un fondo rotativo per l'economia circolare",
    "la rigenerazione degli spazi dismessi",
    "il lavoro agile negli uffici",
    "un percorso di formazione per i dipendenti",
    "la piattaforma per la partecipazione civica",
    "l'accordo di programma con la provincia",
    "il distretto del commercio",
    "la carta dei servizi",
    "un laboratorio di innovazione sociale",
    "il monitoraggio dei fondi europei",
    "la gestione dei dati aperti",
    "un bando per le imprese sociali",
    "il servizio di assistenza domiciliare",
    "la mobilità sostenibile casa-lavoro",
];

pub const COMPLEMENTS: &[&str] = &[
    "entro la fine dell'anno",
    "con il supporto di Formez",
    "nell'ambito del PNRR",
    "insieme alle associazioni del territorio",
    "per i servizi sociali",
    "secondo il nuovo codice dei contratti",
    "con risorse del Fondo sociale europeo",
    "in tre comuni pilota",
    "coinvolgendo le università",
    "per le persone più fragili",
    "nella programmazione 2021-2027",
    "senza costi aggiuntivi per l'ente",
    "con un gruppo di esperti esterni",
    "dopo una fase di ascolto dei cittadini",
    "con indicatori condivisi",
    "in collaborazione con la camera di commercio",
    "nei piccoli comuni montani",
    "per ridurre i tempi dei procedimenti",
];

pub const CONNECTORS: &[&str] = &[
    "Inoltre",
    "Per questo",
    "In pratica",
    "Nella nostra esperienza",
    "D'altra parte",
    "Di conseguenza",
    "Da qualche mese",
    "Come previsto dal bando",
    "Nel frattempo",
    "A nostro avviso",
];
