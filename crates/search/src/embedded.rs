//! The embedded engine: a tantivy index in the data folder, no server needed. Italian
//! analysis (lower case, Italian stop words, accent folding, Snowball stemming, so "comune"
//! finds "comuni" and "citta" finds "città"), typo tolerance (fuzzy terms: one edit from five
//! letters, two from nine), the last word also as a prefix (suggestions while typing), and
//! snippets escaped by tantivy before the highlight marks are added. Audience, kind, tag and
//! date filters are term and range queries inside the one query, so counts never include what
//! the viewer may not read.

use std::collections::HashMap;
use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;

use prassi_core::search::{
    DocKind, KindCount, SearchDoc, SearchEngine, SearchError, SearchHit, SearchQuery, SearchResults,
};
use tantivy::collector::{Count, TopDocs};
use tantivy::indexer::IndexWriterOptions;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{
    doc, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

/// The writer's memory budget unless [`Embedded::with_writer_budget`] says otherwise: what its
/// one indexing thread buffers before it writes a segment (`PRASSI_SEARCH_WRITER_MB`). Every
/// whole multiple of it in a larger budget is one indexing thread, up to one per core.
pub const DEFAULT_WRITER_BUDGET: usize = 20_000_000;
/// The budget, in MB, of the one-off commands that rebuild the whole index (`prassi search
/// reindex`, `prassi demo --size`) when the configured one is smaller: two indexing threads.
pub const BULK_WRITER_MB: usize = 40;
/// The least tantivy accepts for one indexing thread.
const MIN_WRITER_BUDGET: usize = 15_000_000;
/// Decompressed document-store blocks the reader keeps per segment (tantivy's default is 100):
/// a results page reads at most a few dozen documents, and at 16 KB or more a block, 100 per
/// segment adds up to tens of MB on a large index.
const DOC_STORE_CACHE_BLOCKS: usize = 20;

const ANALYZER: &str = "it";
/// The same analysis without stemming: typos and prefixes are matched on whole words, since a
/// typo can hide the suffix the stemmer would remove ("rigenerazoine").
const RAW_ANALYZER: &str = "it_raw";

struct Fields {
    id: Field,
    kind: Field,
    title: Field,
    body: Field,
    title_raw: Field,
    body_raw: Field,
    url: Field,
    audience: Field,
    tags: Field,
    created_at: Field,
    /// The kind's number (`DocKind::number`), as a fast field for per-kind counts.
    kind_no: Field,
    /// The working group the content was made in (its id), for group-limited searches.
    group_id: Field,
}

/// The embedded tantivy engine.
pub struct Embedded {
    index: Index,
    reader: IndexReader,
    /// Opened on first write: commands that only read (or do not search) never take the
    /// index's writer lock, so they can run beside a serving process.
    writer: Mutex<Option<IndexWriter>>,
    /// The writer's memory budget in bytes, shared by its indexing threads (see
    /// [`writer_threads`]); one merge thread.
    writer_budget: usize,
    fields: Fields,
    analyzer: TextAnalyzer,
    raw_analyzer: TextAnalyzer,
    results: ResultCache,
}

/// Recent result pages, by the whole query (words, audiences, filters, page) and the index
/// generation they were read from. A commit that changes the index makes a new generation, so
/// an entry is only ever served for the exact index it came from: never stale, never another
/// reader's. Popular searches repeat (the same few words from many readers of the same
/// audiences), and a page of hits costs the scoring of every match; serving it again costs a
/// lookup. Least recently used pages leave first.
/// `None` keeps nothing (`PRASSI_SEARCH_CACHE_ENTRIES=0`).
struct ResultCache(Option<Mutex<lru::LruCache<String, (u64, SearchResults)>>>);

impl ResultCache {
    fn new(entries: usize) -> Self {
        ResultCache(std::num::NonZeroUsize::new(entries).map(|n| Mutex::new(lru::LruCache::new(n))))
    }

    fn key(q: &SearchQuery) -> String {
        format!("{q:?}")
    }

    fn get(&self, key: &str, generation: u64) -> Option<SearchResults> {
        let mut cache = self.0.as_ref()?.lock().ok()?;
        match cache.get(key) {
            Some((g, results)) if *g == generation => Some(results.clone()),
            _ => None,
        }
    }

    fn put(&self, key: String, generation: u64, results: &SearchResults) {
        if let Some(Ok(mut cache)) = self.0.as_ref().map(Mutex::lock) {
            cache.put(key, (generation, results.clone()));
        }
    }
}

fn internal(e: impl std::fmt::Display) -> SearchError {
    SearchError::Internal(e.to_string())
}

/// The Italian analyzer: words, lower case, stop words, accents folded, stems.
pub fn italian_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(italian_stop_words())
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// The Italian analyzer without the stemmer: same tokens, one for one.
pub fn italian_raw_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(italian_stop_words())
        .filter(AsciiFoldingFilter)
        .build()
}

fn italian_stop_words() -> StopWordFilter {
    StopWordFilter::new(Language::Italian).unwrap_or_else(|| StopWordFilter::remove(Vec::new()))
}

/// Words whose stems a thread remembers (each is at most 40 bytes, so well under 1 MB).
const STEM_CACHE_WORDS: usize = 5_000;

thread_local! {
    /// The stems this thread has computed. Per thread, so neither indexing threads nor
    /// searches share a lock; it outlives each copy of the analyzer (tantivy takes one per
    /// field of a segment being written, and one per query and snippet), so a search's
    /// snippets find the stems of common words already known.
    static STEMS: std::cell::RefCell<HashMap<String, String>> =
        std::cell::RefCell::new(HashMap::new());
}

/// tantivy's Italian Snowball stemmer, remembering the stems of the words it has seen: the
/// stemmer was a third of the time of indexing and of building a search's snippets, and text
/// repeats its words. The tokens are exactly the stemmer's. A full memory is emptied.
#[derive(Clone, Copy)]
struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::Italian))
                .build(),
        }
    }
}

#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
    /// The stemmer itself, over one word.
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
        }
    }
}

struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let known = STEMS.with_borrow(|stems| {
            stems.get(&token.text).map(|stem| {
                token.text.clear();
                token.text.push_str(stem);
            })
        });
        if known.is_some() {
            return true;
        }
        let stem = {
            let mut one = self.stemmer.token_stream(&token.text);
            if one.advance() {
                one.token().text.clone()
            } else {
                token.text.clone()
            }
        };
        let word = std::mem::replace(&mut token.text, stem.clone());
        STEMS.with_borrow_mut(|stems| {
            if stems.len() >= STEM_CACHE_WORDS {
                stems.clear();
            }
            stems.insert(word, stem);
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

impl Embedded {
    /// Opens (or creates) the index in `dir`.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        let mut schema = Schema::builder();
        let text = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let raw = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(RAW_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            id: schema.add_text_field("id", STRING | STORED),
            kind: schema.add_text_field("kind", STRING | STORED),
            title: schema.add_text_field("title", text.clone()),
            body: schema.add_text_field("body", text),
            title_raw: schema.add_text_field("title_raw", raw.clone()),
            body_raw: schema.add_text_field("body_raw", raw),
            url: schema.add_text_field("url", STORED),
            audience: schema.add_text_field("audience", STRING),
            tags: schema.add_text_field("tags", STRING | STORED),
            created_at: schema.add_i64_field("created_at", INDEXED | STORED | FAST),
            kind_no: schema.add_u64_field("kind_no", FAST),
            group_id: schema.add_text_field("group_id", STRING),
        };
        let schema = schema.build();
        std::fs::create_dir_all(dir).map_err(internal)?;
        let directory = tantivy::directory::MmapDirectory::open(dir).map_err(internal)?;
        let index = match Index::open_or_create(directory, schema.clone()) {
            Ok(index) => index,
            // An index written by an older version (e.g. before `group_id`): it is only a
            // cache of the database, so start afresh (`prassi search reindex` fills it again).
            Err(tantivy::TantivyError::SchemaError(e)) => {
                tracing::warn!(error = %e, dir = %dir.display(), "search index schema changed; recreating it — run `prassi search reindex`");
                std::fs::remove_dir_all(dir).map_err(internal)?;
                std::fs::create_dir_all(dir).map_err(internal)?;
                let directory = tantivy::directory::MmapDirectory::open(dir).map_err(internal)?;
                Index::open_or_create(directory, schema).map_err(internal)?
            }
            Err(e) => return Err(internal(e)),
        };
        let analyzer = italian_analyzer();
        let raw_analyzer = italian_raw_analyzer();
        index.tokenizers().register(ANALYZER, analyzer.clone());
        index
            .tokenizers()
            .register(RAW_ANALYZER, raw_analyzer.clone());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()
            .map_err(internal)?;
        Ok(Embedded {
            index,
            reader,
            writer: Mutex::new(None),
            writer_budget: DEFAULT_WRITER_BUDGET,
            fields,
            analyzer,
            raw_analyzer,
            results: ResultCache::new(prassi_core::config::DEFAULT_SEARCH_CACHE_ENTRIES),
        })
    }

    /// Keeps up to `entries` result pages for repeated searches (0: none).
    pub fn with_result_cache(mut self, entries: usize) -> Self {
        self.results = ResultCache::new(entries);
        self
    }

    /// Sets the writer's memory budget in bytes (at least tantivy's 15 MB; less is raised to
    /// it): one indexing thread per whole [`DEFAULT_WRITER_BUDGET`], up to one per core, each
    /// with its share. Two threads index a reindex about a quarter faster on two cores.
    pub fn with_writer_budget(mut self, bytes: usize) -> Self {
        self.writer_budget = bytes.max(MIN_WRITER_BUDGET);
        self
    }

    /// Runs `f` with the writer (opening it on first use), then commits and reloads.
    fn write(
        &self,
        f: impl FnOnce(&mut IndexWriter) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().map_err(internal)?;
        if guard.is_none() {
            // Indexing threads sharing the budget, and one merge thread (tantivy's default is
            // four, each holding the segments it merges).
            let threads = writer_threads(self.writer_budget);
            let options = IndexWriterOptions::builder()
                .memory_budget_per_thread(self.writer_budget / threads)
                .num_worker_threads(threads)
                .num_merge_threads(1)
                .build();
            let w = self.index.writer_with_options(options).map_err(|e| {
                SearchError::Unavailable(format!(
                    "the search index is in use by another process: {e}"
                ))
            })?;
            *guard = Some(w);
        }
        let writer = guard.as_mut().ok_or_else(|| internal("no writer"))?;
        let written = f(writer).and_then(|()| writer.commit().map(|_| ()).map_err(internal));
        if let Err(e) = written {
            // Never let a half-done batch ride along with the next commit: drop the writer
            // (discarding what it holds); the next write opens a fresh one.
            *guard = None;
            return Err(e);
        }
        self.reader.reload().map_err(internal)
    }

    /// The analysed terms of `text`, in order (stemmed).
    fn terms(&self, text: &str) -> Vec<String> {
        self.pairs(text).into_iter().map(|(s, _)| s).collect()
    }

    /// Each word of `text` as (stem, whole word), in order, without repeats.
    fn pairs(&self, text: &str) -> Vec<(String, String)> {
        let collect = |analyzer: &TextAnalyzer| {
            let mut analyzer = analyzer.clone();
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
            out
        };
        let mut out: Vec<(String, String)> = Vec::new();
        for pair in collect(&self.analyzer)
            .into_iter()
            .zip(collect(&self.raw_analyzer))
        {
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
        out
    }

    /// The text part: every word must match title or body — by stem (boosted), or as a whole
    /// word with typos, or (the last word) as the start of a word.
    fn text_query(&self, searcher: &Searcher, text: &str) -> Box<dyn Query> {
        let pairs = self.pairs(text);
        if pairs.is_empty() {
            return Box::new(AllQuery);
        }
        let last = pairs.len() - 1;
        let boosted = |q: Box<dyn Query>, boost: f32| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(BoostQuery::new(q, boost)))
        };
        let f = &self.fields;
        let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, (stem, word)) in pairs.iter().enumerate() {
            // A word the index already holds is taken as meant: typo tolerance is for words
            // it does not know. Expanding a known long word to every word two edits away
            // was most of a search's time, for hits its stem already finds.
            let known = [f.title_raw, f.body_raw].into_iter().any(|field| {
                searcher
                    .doc_freq(&Term::from_field_text(field, word))
                    .is_ok_and(|n| n > 0)
            });
            let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, raw_field, boost) in
                [(f.title, f.title_raw, 3.0), (f.body, f.body_raw, 1.0)]
            {
                shoulds.push(boosted(
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, stem),
                        IndexRecordOption::WithFreqs,
                    )),
                    boost,
                ));
                let raw = Term::from_field_text(raw_field, word);
                let chars = word.chars().count();
                let distance = if known {
                    0
                } else if chars >= 9 {
                    2
                } else if chars >= 5 {
                    1
                } else {
                    0
                };
                if distance > 0 {
                    shoulds.push(boosted(
                        Box::new(FuzzyTermQuery::new(raw.clone(), distance, true)),
                        boost * 0.5,
                    ));
                }
                if i == last && chars >= 3 {
                    shoulds.push(boosted(
                        Box::new(FuzzyTermQuery::new_prefix(raw, 0, true)),
                        boost * 0.5,
                    ));
                }
            }
            musts.push((Occur::Must, Box::new(BooleanQuery::new(shoulds))));
        }
        Box::new(BooleanQuery::new(musts))
    }

    fn any_of(&self, field: Field, values: &[String]) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            values
                .iter()
                .map(|v| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, v),
                            IndexRecordOption::Basic,
                        )) as Box<dyn Query>,
                    )
                })
                .collect(),
        ))
    }

    /// Everything but the kinds: text, audiences, group, tag, dates.
    fn base_clauses(&self, searcher: &Searcher, q: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, self.text_query(searcher, &q.text))];
        // Every document has exactly one audience, so when the reader may see every audience
        // the index holds (a member, most of the time), the filter would keep everything:
        // leave it out rather than intersect with it.
        if !self.holds_only(searcher, self.fields.audience, &q.audiences) {
            clauses.push((Occur::Must, self.any_of(self.fields.audience, &q.audiences)));
        }
        if let Some(group) = &q.group_id {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.group_id, group),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(tag) = &q.tag {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.tags, tag),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if q.from.is_some() || q.until.is_some() {
            let bound = |v: Option<i64>| match v {
                Some(v) => Bound::Included(Term::from_field_i64(self.fields.created_at, v)),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(q.from), bound(q.until))),
            ));
        }
        clauses
    }

    /// Whether every term of `field` in the index is one of `values` (conservative: terms of
    /// deleted documents count until their segment is merged, and a failure says no).
    fn holds_only(&self, searcher: &Searcher, field: Field, values: &[String]) -> bool {
        searcher.segment_readers().iter().all(|segment| {
            let Ok(index) = segment.inverted_index(field) else {
                return false;
            };
            let Ok(mut terms) = index.terms().stream() else {
                return false;
            };
            while terms.advance() {
                let known = std::str::from_utf8(terms.key())
                    .is_ok_and(|term| values.iter().any(|v| v == term));
                if !known {
                    return false;
                }
            }
            true
        })
    }

    /// The whole `text`, escaped, with `<mark>` around the words whose analysed form is one
    /// of `terms`.
    fn mark_terms(&self, text: &str, terms: &std::collections::BTreeMap<String, f32>) -> String {
        use prassi_core::search::escape;
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = String::with_capacity(text.len() + 16);
        let mut at = 0;
        while stream.advance() {
            let token = stream.token();
            if terms.contains_key(&token.text) && token.offset_from >= at {
                out.push_str(&escape(&text[at..token.offset_from]));
                out.push_str("<mark>");
                out.push_str(&escape(&text[token.offset_from..token.offset_to]));
                out.push_str("</mark>");
                at = token.offset_to;
            }
        }
        out.push_str(&escape(&text[at..]));
        out
    }

    fn highlighted(generator: &mut SnippetGenerator, text: &str) -> String {
        let mut snippet = generator.snippet(text);
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        snippet.to_html()
    }
}

fn stored_str(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

impl SearchEngine for Embedded {
    fn name(&self) -> &'static str {
        "embedded"
    }

    fn upsert(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        self.apply(docs, Vec::new())
    }

    /// Upserts and deletions in one commit (the outbox worker's batches).
    fn apply(&self, docs: Vec<SearchDoc>, delete: Vec<String>) -> Result<(), SearchError> {
        if docs.is_empty() && delete.is_empty() {
            return Ok(());
        }
        let f = &self.fields;
        self.write(|writer| {
            for id in delete {
                writer.delete_term(Term::from_field_text(f.id, &id));
            }
            for d in docs {
                writer.delete_term(Term::from_field_text(f.id, &d.id));
                let mut document = doc!(
                    f.id => d.id,
                    f.kind => d.kind.as_str(),
                    f.title_raw => d.title.clone(),
                    f.body_raw => d.body.clone(),
                    f.title => d.title,
                    f.body => d.body,
                    f.url => d.url,
                    f.audience => d.audience,
                    f.created_at => d.created_at,
                    f.kind_no => kind_no(d.kind),
                );
                for t in d.tags {
                    document.add_text(f.tags, t);
                }
                if let Some(group) = d.group_id {
                    document.add_text(f.group_id, group);
                }
                writer.add_document(document).map_err(internal)?;
            }
            Ok(())
        })
    }

    fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.write(|writer| {
            for id in ids {
                writer.delete_term(Term::from_field_text(self.fields.id, &id));
            }
            Ok(())
        })
    }

    fn clear(&self) -> Result<(), SearchError> {
        self.write(|writer| writer.delete_all_documents().map(|_| ()).map_err(internal))
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        if q.audiences.is_empty() {
            return Ok(SearchResults::default());
        }
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        let key = ResultCache::key(q);
        if let Some(found) = self.results.get(&key, generation) {
            return Ok(found);
        }
        let results = self.search_in(&searcher, q)?;
        self.results.put(key, generation, &results);
        Ok(results)
    }
}

impl Embedded {
    /// The search itself, on one searcher (one index generation).
    fn search_in(
        &self,
        searcher: &Searcher,
        q: &SearchQuery,
    ) -> Result<SearchResults, SearchError> {
        let base = BooleanQuery::new(self.base_clauses(searcher, q));
        let limit = q.limit.clamp(1, 100);
        let top_docs = TopDocs::with_limit(limit)
            .and_offset(q.offset)
            .order_by_score();
        // One pass gives the per-kind counts (over every kind); with a kind filter a second
        // pass gives the hits and their total.
        let (top, total, counts) = if q.kinds.is_empty() {
            searcher
                .search(&base, &(top_docs, Count, KindCounts))
                .map_err(internal)?
        } else {
            let counts = searcher.search(&base, &KindCounts).map_err(internal)?;
            let names: Vec<String> = q.kinds.iter().map(|k| k.as_str().to_owned()).collect();
            let filtered = BooleanQuery::new(vec![
                (Occur::Must, Box::new(base) as Box<dyn Query>),
                (Occur::Must, self.any_of(self.fields.kind, &names)),
            ]);
            let (top, total) = searcher
                .search(&filtered, &(top_docs, Count))
                .map_err(internal)?;
            (top, total, counts)
        };
        let kinds = DocKind::ALL
            .into_iter()
            .map(|kind| (kind, counts.get(kind.number()).copied().unwrap_or(0)))
            .filter(|(_, n)| *n > 0)
            .map(|(kind, count)| KindCount { kind, count })
            .collect();
        // Highlight the words the reader typed (their stems), in title and body.
        let terms: std::collections::BTreeMap<String, f32> =
            self.terms(&q.text).into_iter().map(|t| (t, 1.0)).collect();
        let mut body_gen =
            SnippetGenerator::new(terms.clone(), self.analyzer.clone(), self.fields.body, 220);
        let mut hits = Vec::with_capacity(top.len());
        for (_, address) in top {
            let d: TantivyDocument = searcher.doc(address).map_err(internal)?;
            let title = stored_str(&d, self.fields.title);
            let body = stored_str(&d, self.fields.body);
            let mut snippet_html = Self::highlighted(&mut body_gen, &body);
            if snippet_html.is_empty() {
                let start: String = body.chars().take(200).collect();
                snippet_html = prassi_core::search::escape(&start);
            }
            let title_html = self.mark_terms(&title, &terms);
            hits.push(SearchHit {
                id: stored_str(&d, self.fields.id),
                kind: DocKind::parse(&stored_str(&d, self.fields.kind)).unwrap_or(DocKind::Wiki),
                title,
                title_html,
                snippet_html,
                url: stored_str(&d, self.fields.url),
                tags: d
                    .get_all(self.fields.tags)
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                created_at: d
                    .get_first(self.fields.created_at)
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0),
            });
        }
        Ok(SearchResults { hits, total, kinds })
    }
}

/// Indexing threads for a writer budget: one per whole [`DEFAULT_WRITER_BUDGET`] (so each
/// gets at least that), at least one, at most one per core and four.
fn writer_threads(budget: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (budget / DEFAULT_WRITER_BUDGET).clamp(1, cores.clamp(1, 4))
}

fn kind_no(kind: DocKind) -> u64 {
    kind.number() as u64
}

/// Per-kind counts, indexed by [`DocKind::number`].
type KindTally = [usize; DocKind::NUMBERS];

/// Counts matching documents per kind in the same pass as the hits.
struct KindCounts;

struct SegmentKindCounts {
    column: tantivy::columnar::Column<u64>,
    counts: KindTally,
}

impl tantivy::collector::Collector for KindCounts {
    type Fruit = KindTally;
    type Child = SegmentKindCounts;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentKindCounts> {
        Ok(SegmentKindCounts {
            column: reader.fast_fields().u64("kind_no")?,
            counts: [0; DocKind::NUMBERS],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<KindTally>) -> tantivy::Result<KindTally> {
        let mut out = [0; DocKind::NUMBERS];
        for f in fruits {
            for (o, n) in out.iter_mut().zip(f) {
                *o += n;
            }
        }
        Ok(out)
    }
}

impl tantivy::collector::SegmentCollector for SegmentKindCounts {
    type Fruit = KindTally;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        if let Some(k) = self.column.first(doc) {
            if let Some(c) = self.counts.get_mut(k as usize) {
                *c += 1;
            }
        }
    }

    fn harvest(self) -> KindTally {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn the_remembering_stemmer_gives_exactly_the_stemmers_tokens() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(italian_stop_words())
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::Italian))
            .build();
        let text = "I comuni e il Comune: città, CITTÀ, rigenerazione rigenerazioni \
                    co-progettazione; valutazione valutazioni valutare. Perché perche x";
        let expected = tokens(&mut plain, text);
        assert!(expected.iter().any(|t| t.0 == "comun"), "{expected:?}");
        // Twice through one analyzer: the second pass reads the stems from its memory.
        let mut cached = italian_analyzer();
        assert_eq!(tokens(&mut cached, text), expected);
        assert_eq!(tokens(&mut cached, text), expected);
    }

    fn doc(id: &str, title: &str, audience: &str) -> SearchDoc {
        SearchDoc {
            id: id.to_owned(),
            kind: DocKind::Question,
            title: title.to_owned(),
            body: String::new(),
            url: format!("/{id}"),
            audience: audience.to_owned(),
            tags: Vec::new(),
            created_at: 0,
            group_id: None,
        }
    }

    fn found(engine: &Embedded, text: &str, audiences: &[&str]) -> Vec<String> {
        let query = SearchQuery {
            text: text.to_owned(),
            audiences: audiences.iter().map(|a| (*a).to_owned()).collect(),
            limit: 20,
            ..SearchQuery::default()
        };
        let mut ids: Vec<String> = engine
            .search(&query)
            .map(|r| r.hits.into_iter().map(|h| h.id).collect())
            .unwrap_or_else(|e| panic!("search failed: {e}"));
        ids.sort();
        ids
    }

    #[test]
    fn typos_widen_only_unknown_words_and_the_audience_filter_holds_when_left_out() {
        let dir = std::env::temp_dir().join(format!("prassi-embedded-{}", uuid::Uuid::now_v7()));
        let engine = Embedded::open(&dir).unwrap_or_else(|e| panic!("open: {e}"));
        engine
            .upsert(vec![
                doc("question-1", "Conto partecipato", "public"),
                doc("question-2", "Canto partecipato", "members"),
                doc("question-3", "Rigenerazione urbana", "group:g1"),
            ])
            .unwrap_or_else(|e| panic!("upsert: {e}"));
        // "conto" is in the index: taken as meant, it no longer reaches "canto" (one edit
        // away, another stem); words the index lacks still find their neighbours.
        let all = ["public", "members", "group:g1"];
        assert_eq!(found(&engine, "conto", &all), vec!["question-1"]);
        assert_eq!(found(&engine, "cnato", &all), vec!["question-2"]);
        assert_eq!(found(&engine, "rigenerazoine", &all), vec!["question-3"]);
        // A reader of every audience the index holds gets no audience clause; a reader of
        // fewer still gets only theirs, with and without words.
        assert_eq!(
            found(&engine, "partecipato", &all),
            vec!["question-1", "question-2"]
        );
        assert_eq!(
            found(&engine, "partecipato", &["public"]),
            vec!["question-1"]
        );
        assert_eq!(
            found(&engine, "partecipato", &["public", "members"]),
            vec!["question-1", "question-2"]
        );
        assert!(found(&engine, "rigenerazione", &["public", "members"]).is_empty());
        assert!(found(&engine, "rigenerazione", &["public", "members", "group:g2"]).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
