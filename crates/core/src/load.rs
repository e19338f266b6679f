//! Loading and verifying a dataset: the whole of what `zhibiao check` does.
//!
//! A [`Loader`] reads every file of a dataset root, checks every rule, and returns either a [`Dataset`] or every
//! problem found — never a partial dataset. Its options say what it may reuse (the load cache on disk, the
//! snapshot of a previous load) and whom it tells how far it got; [`load`] is a plain load without either. This file reads and builds; the rules themselves are functions in
//! [`crate::verify`]. In the order they run:
//!
//! 1. each YAML file parses into its schema (syntax, types, unknown and missing fields);
//! 2. ids are unique (cities, themes, metrics, documents; indicators across all files) and references
//!    resolve (a document's city, a metric's theme, an indicator file's document, an indicator's metric);
//! 3. each document's source path stays inside the root and the file reads as UTF-8;
//! 4. each quote is in its document exactly once (or once in the paragraph its `paragraph` names);
//! 5. the quantity the parser reads in the quote has the record's value, range, unit and comparator;
//! 6. simple sanity: years are plausible, `value_max` goes with `range`, metric keys are snake_case;
//! 7. each record agrees with its metric in `data/metrics.yaml` (see [`crate::verify::entry`]);
//! 8. each ignored passage is in its document and holds at least one quantity;
//! 9. across records: links resolve and agree, no unexplained duplicate targets ([`crate::verify::links`]);
//! 10. each source's bytes still hash to the `sha256` recorded for its document;
//! 11. no field of a curated file still says `TODO` ([`crate::verify::todo`]; a draft never passes unread): a
//!     record with a TODO is an unfinished draft, checked as far as it goes and then set aside
//!     ([`Dataset::unfinished`]), so that the rest of the dataset loads; `check` reports each of its TODOs.

use std::collections::HashMap;
use std::fmt;

use crate::corpus::Text;
use crate::dataset::{Dataset, Ignored, Indicator};
use crate::diagnostic::Diagnostic;
use crate::ids::CityId;
use crate::parallel;
use crate::root::Root;
use crate::root::Stamp;
use crate::schema::{CityEntry, DocumentEntry, MetricEntry, ThemeEntry};
use crate::snapshot::{self, Early, FileEntry, Snapshot, Tables};
use crate::verify::{self, report};
use crate::yamlpos::{locate, Step};
use tables::shared_stamps;
pub use tables::TABLES;
pub(crate) use tables::{cities_of, documents_of, metrics_of, themes_of};

mod across;
mod counter;
mod file;
pub(crate) use file::{verify_alone, Verified};
mod live;
pub use live::{Live, Reloaded};
mod sources;
pub(crate) mod tables;
mod yaml;

pub use counter::LoadCounter;

/// The largest source text accepted, so that a runaway file cannot exhaust memory.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024 * 1024;

/// Why a dataset did not load.
#[derive(Debug)]
pub enum LoadError {
    /// The dataset has problems; every one found is listed. (`check` exits 1.)
    Invalid(Vec<Diagnostic>),
    /// The root itself could not be read. (Exit 2.)
    Io(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Invalid(d) => f.write_str(&crate::diagnostic::render_all(d)),
            LoadError::Io(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for LoadError {}

/// A loaded YAML file: its path for messages and its text for locating entries (read again on first use for a
/// table that came from the load cache).
struct Source {
    shown: String,
    text: std::sync::OnceLock<String>,
    unread: Option<(Root, String)>,
}

impl Source {
    fn at(&self, path: &[Step<'_>]) -> (usize, usize) {
        let text = self.text.get_or_init(|| match &self.unread {
            Some((root, rel)) => root.read(rel).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default(),
            None => String::new(),
        });
        locate(text, path)
    }
}

/// Collects the problems found while loading (one per thread when files are loaded in parallel).
struct Checker<'r> {
    root: &'r Root,
    diags: Vec<Diagnostic>,
}

/// What the documents, themes and cities resolved to, shared read-only by the threads that load indicator
/// files.
struct Context<'a> {
    root: &'a Root,
    doc_ids: &'a HashMap<&'a str, usize>,
    theme_ids: &'a HashMap<&'a str, usize>,
    metric_ids: &'a HashMap<&'a str, usize>,
    metrics: &'a [MetricEntry],
    /// Per document: its text (None if it failed to load) and its city (None if unknown).
    docs: &'a [(Option<Text>, Option<CityId>)],
}

/// The outcome of one indicator file.
struct FileResult {
    /// Root-relative path.
    rel: String,
    /// The indicators that verified, with their index in the file.
    indicators: Vec<(usize, Indicator)>,
    /// The ignored passages that verified.
    ignored: Vec<Ignored>,
    /// Entries in the file, verified or not.
    entries: usize,
    /// Problems found in the file.
    diags: Vec<Diagnostic>,
    /// Taken from the snapshot, not read.
    reused: bool,
    /// Records set aside because a field still says `TODO`.
    unfinished: Vec<crate::dataset::Unfinished>,
    /// The document the file names, when it is known and read.
    doc: Option<crate::ids::DocId>,
}

/// Every YAML file a load of `root` reads, in the order it reads them: the tables, then the indicator files.
/// Whatever scans "the dataset's files" (`check`'s control-character warnings) takes them from here, so a file
/// the loader reads cannot be left out of the scan.
pub fn yaml_files(root: &Root) -> std::io::Result<Vec<String>> {
    let mut files: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
    files.extend(root.indicator_files()?);
    Ok(files)
}

/// Loads and verifies the dataset at `root`, every file of it: `Loader::new(root).load()`.
pub fn load(root: &Root) -> Result<Dataset, LoadError> {
    Loader::new(root).load()
}

/// One load of a dataset root and its options: the one way in to loading.
///
/// ```no_run
/// # use zhibiao_core::{load::{Loader, LoadCounter}, Root};
/// # let root = Root::Embedded;
/// let counter = LoadCounter::new();
/// let dir = zhibiao_core::cache::default_dir();
/// let ds = Loader::new(&root).cache(dir.as_deref()).counter(&counter).load();
/// ```
#[derive(Clone, Copy)]
pub struct Loader<'a> {
    root: &'a Root,
    cache: Option<&'a std::path::Path>,
    counter: Option<&'a LoadCounter>,
}

impl<'a> Loader<'a> {
    /// A load of `root`: every file read and verified, nothing counted.
    pub fn new(root: &'a Root) -> Loader<'a> {
        Loader { root, cache: None, counter: None }
    }

    /// Reuses what the load cache in folder `dir` holds for the unchanged files, and stores the new state there
    /// when anything changed (see [`crate::cache`]). Only a root on disk is cached; `None` loads without one.
    pub fn cache(self, dir: Option<&'a std::path::Path>) -> Loader<'a> {
        Loader { cache: dir, ..self }
    }

    /// Counts the files read and verified in `counter` as it goes (for a load bar shown elsewhere).
    pub fn counter(self, counter: &'a LoadCounter) -> Loader<'a> {
        Loader { counter: Some(counter), ..self }
    }

    /// Loads and verifies the dataset.
    pub fn load(self) -> Result<Dataset, LoadError> {
        self.run(false).map(|(ds, _)| ds)
    }

    /// Loads and verifies the dataset, and with `live` what a live reload needs of it.
    pub(crate) fn run(self, live: bool) -> Result<(Dataset, Option<Live>), LoadError> {
        if let Some(dir) = self.cache {
            return crate::cache::load_counted(self.root, Some(dir), self.counter, live);
        }
        let mut previous = Snapshot::default();
        let early = previous.early();
        let done = load_awaiting(self.root, || early, || previous, Keep::Never, live, self.counter);
        done.result.map(|ds| (ds, done.live))
    }

    /// Loads the dataset again, taking over the records of `previous` (moved, not copied) for the indicator
    /// files that did not change since (see [`Snapshot`] for what "changed" means): a one-file edit re-reads and
    /// re-verifies one file. Checks across files run over all records. Returns the dataset (or every problem)
    /// and the snapshot to pass next time: the new one, or when the load failed `previous` as it was but for its
    /// tables (what it verified still describes the last dataset that loaded). The load cache is not read:
    /// `previous` is what it would hold, and newer.
    pub fn reload(self, previous: Snapshot) -> (Result<Dataset, LoadError>, Snapshot) {
        let mut previous = previous;
        let early = previous.early();
        let done = load_awaiting(self.root, || early, || previous, Keep::Always, false, self.counter);
        (done.result, done.snapshot.unwrap_or_default())
    }
}

/// How many indicator files a load through the cache may read again (edited since the cache was written) and
/// still leave the cache as it is (see `few_edits` in `load_inner`).
const REREAD_BEFORE_REWRITE: usize = 16;

/// When a load builds a new snapshot (copying every record, which costs time and memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Never: a plain load.
    Never,
    /// When it differs from the previous one (something was re-read): the cache on disk.
    IfChanged,
    /// Always: a live reload keeps it for the next one.
    Always,
}

/// What [`load_awaiting`] gives back.
pub(crate) struct Done {
    /// The dataset, or every problem.
    pub(crate) result: Result<Dataset, LoadError>,
    /// The snapshot made as `keep` said; after a failed load, what is left of the previous one.
    pub(crate) snapshot: Option<Snapshot>,
    /// What a live reload needs of the dataset, when asked for and the load succeeded.
    pub(crate) live: Option<Live>,
}

/// A load that takes over what it can of a previous snapshot: its tables asked for first and the rest of it only
/// once every file is stat'ed (the load cache decodes it on another thread meanwhile). The new snapshot is built
/// as `keep` says, and only after a successful load; with `live`, what a live reload needs of it too.
pub(crate) fn load_awaiting(
    root: &Root,
    early: impl FnOnce() -> Option<Early>,
    previous: impl FnOnce() -> Snapshot,
    keep: Keep,
    live: bool,
    counter: Option<&LoadCounter>,
) -> Done {
    let idle = LoadCounter::new();
    match load_inner(root, early, previous, keep, live, counter.unwrap_or(&idle)) {
        Ok((ds, snapshot, live)) => Done { result: Ok(ds), snapshot, live },
        Err((e, previous)) => Done { result: Err(e), snapshot: previous.map(|p| *p), live: None },
    }
}

/// A load's outcome: the dataset, the snapshot and live state it made, or every problem and what is left of the
/// previous snapshot (all of it but its tables, when the load got as far as taking it).
type Outcome = Result<(Dataset, Option<Snapshot>, Option<Live>), (LoadError, Option<Box<Snapshot>>)>;

fn load_inner(
    root: &Root,
    early: impl FnOnce() -> Option<Early>,
    previous: impl FnOnce() -> Snapshot,
    keep: Keep,
    live: bool,
    counter: &LoadCounter,
) -> Outcome {
    // Taken before any file is looked at: a file modified in this second or later is not reused next time.
    let started = snapshot::now_secs();
    let mut l = Checker { root, diags: Vec::new() };
    let table_stamps: Vec<(String, Option<Stamp>)> = TABLES.iter().map(|t| (t.to_string(), root.stamp(t))).collect();
    // Tables unchanged since the snapshot are taken from it: they verified then, and nothing they are checked
    // against lives elsewhere.
    let cached = early().and_then(|e| e.tables_if_unchanged(&table_stamps));
    let tables_reused = cached.is_some();
    let (cities, themes, metrics, documents) = match cached {
        Some(t) => (
            l.cached(TABLES[0], t.cities),
            l.cached(TABLES[1], t.themes),
            l.cached(TABLES[2], t.metrics),
            l.cached(TABLES[3], t.documents),
        ),
        None => (
            l.table::<CityEntry>(TABLES[0]),
            l.table::<ThemeEntry>(TABLES[1]),
            l.table::<MetricEntry>(TABLES[2]),
            l.table::<DocumentEntry>(TABLES[3]),
        ),
    };
    // Stamped before it is listed: an entry added or removed after this changes the stamp the snapshot keeps.
    let folder = root.stamp(Root::INDICATOR_FOLDER);
    let files = root.indicator_files().map_err(|e| (LoadError::Io(format!("data/indicators: {e}")), None))?;
    counter.add_total(documents.1.len() + files.len());
    let shared = shared_stamps(root, table_stamps, &documents.1);
    let mut previous = previous();
    let trusted = previous.trusts_shared(&shared);

    let city_ids = l.unique_ids(&cities, "city", |c| &c.id);
    let theme_ids = l.unique_ids(&themes, "theme", |t| &t.id);
    let metric_ids = l.unique_ids(&metrics, "metric", |m| &m.id);
    let doc_ids = l.unique_ids(&documents, "document", |d| &d.id);
    let metric_themes = l.metrics(&metrics, &theme_ids);
    // The sources' hashes were checked when the snapshot was made, and the sources have not changed since.
    let docs = l.documents(&documents, &city_ids, trusted.then_some(previous.texts.as_slice()), counter);

    let ctx = Context {
        root,
        doc_ids: &doc_ids,
        theme_ids: &theme_ids,
        metric_ids: &metric_ids,
        metrics: &metrics.1,
        docs: &docs,
    };
    let file_stamps = root.stamps(&files.iter().map(String::as_str).collect::<Vec<_>>());
    let stamps: Vec<(&String, Option<Stamp>)> = files.iter().zip(file_stamps).collect();
    let bounds = (docs.len(), cities.1.len(), themes.1.len(), metrics.1.len());
    // Reused entries are moved out of the snapshot (no copy); only the other files are read, in parallel.
    let previous_files = previous.files.len();
    let mut reused: Vec<Option<FileEntry>> = stamps
        .iter()
        .map(|&(rel, stamp)| {
            let ok = trusted && previous.reusable(rel, stamp).is_some_and(|e| in_bounds(e, bounds));
            ok.then(|| previous.files.remove(rel.as_str())).flatten()
        })
        .collect();
    let to_read: Vec<&String> = stamps.iter().zip(&reused).filter(|(_, r)| r.is_none()).map(|(s, _)| s.0).collect();
    let mut read = parallel::map(&to_read, |rel| {
        counter.tick();
        ctx.indicator_file(rel)
    })
    .into_iter();
    let results: Vec<FileResult> = stamps
        .iter()
        .zip(reused.iter_mut())
        .filter_map(|((rel, _), entry)| match entry.take() {
            Some(e) => {
                counter.tick();
                Some(FileResult {
                    rel: (*rel).clone(),
                    indicators: e.indicators,
                    ignored: e.ignored,
                    entries: e.entries,
                    diags: Vec::new(),
                    reused: true,
                    unfinished: Vec::new(),
                    doc: None,
                })
            }
            None => read.next(),
        })
        .collect();

    // Checks across files: unique indicator ids, then the links between records. Positions are looked up again
    // only for the entries that have a problem.
    // When every file's records come from a snapshot of the same files, tables and sources, these checks passed
    // on exactly these records when it was made: they are not run again.
    let unchanged = results.iter().all(|r| r.reused) && previous_files == results.len();
    // When only a few files were read again and the rest came from such a snapshot, only their records can break
    // the checks: when they still pass on those (`load/across.rs`), the full checks would find nothing.
    let ids_unique = unchanged || (trusted && across::ids_unique(&results));
    let total: usize = results.iter().map(|r| r.indicators.len()).sum();
    let mut seen: rustc_hash::FxHashMap<&str, (usize, usize)> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(if ids_unique { 0 } else { total }, Default::default());
    let entries = results.iter().map(|r| r.entries).sum::<usize>();
    for (f, r) in results.iter().enumerate().filter(|_| !unchanged) {
        l.diags.extend(r.diags.iter().cloned());
        for (i, ind) in r.indicators.iter().filter(|_| !ids_unique) {
            if let Some(&(first_file, first_entry)) = seen.get(ind.id.as_str()) {
                let first_rel = &results[first_file].rel;
                let first_line =
                    l.position(first_rel, &[Step::Key("indicators"), Step::Index(first_entry), Step::Key("id")]).0;
                let at = l.position(&r.rel, &[Step::Key("indicators"), Step::Index(*i), Step::Key("id")]);
                l.diags.push(
                    Diagnostic::error(root.display(&r.rel), at, format!("duplicate indicator id `{}`", ind.id))
                        .detail("first", format!("{}:{first_line}", root.display(first_rel))),
                );
                continue;
            }
            seen.insert(&ind.id, (f, *i));
        }
    }
    if l.diags.is_empty() && entries == 0 {
        let shown = root.display("data/indicators");
        l.diags.push(
            Diagnostic::error(shown, (1, 1), "the dataset has no indicators")
                .hint("add a file data/indicators/<document-id>.yaml (see README, \"Data format\")"),
        );
    }
    // Files with unfinished drafts are read by every load; when they are all that was read, each as it was when
    // the previous snapshot was made, that snapshot still says everything (the cache is not rewritten each time).
    let same_files = previous_files + previous.set_aside.len() == results.len();
    let only_drafts_read_again = same_files
        && results.iter().zip(&stamps).filter(|(r, _)| !r.reused).all(|(r, (_, stamp))| {
            !r.unfinished.is_empty()
                && stamp.is_some_and(|s| {
                    s.settled_before(previous.started)
                        && previous.set_aside.iter().any(|a| a.rel == r.rel && a.stamp == s)
                })
        });
    // A few files edited since are not worth rewriting the whole cache for (about a second per 1,000 cities):
    // the next start reads them again at their own cost, as this one did, and `list` verifies them alone from
    // the index. Past a few, or when anything else changed, the cache is rewritten.
    let few_edits = same_files && results.iter().filter(|r| !r.reused).count() <= REREAD_BEFORE_REWRITE;
    // Whether a new snapshot is made (for the cache on disk: only when something was read).
    let wanted = match keep {
        Keep::Never => false,
        // A listing that changed and changed back (a file added, then removed) reads as unchanged, yet the query
        // index trusts the folder's stamp and would refuse the old one forever; so would it one not settled
        // before its load began.
        Keep::IfChanged => {
            !(unchanged || only_drafts_read_again || few_edits)
                || !tables_reused
                || previous.texts.len() != docs.len()
                || previous.folder.map(|(s, _)| s) != folder
                || !folder.is_some_and(|s| s.settled_before(previous.started))
        }
        Keep::Always => true,
    };
    // The tables as parsed, for that snapshot (before they are consumed below).
    let tables_kept = wanted.then(|| Tables {
        cities: cities.1.clone(),
        themes: themes.1.clone(),
        metrics: metrics.1.clone(),
        documents: documents.1.clone(),
    });
    // The tables as a live reload needs them (before they are consumed below).
    let live = live.then(|| live::KnownTables::of(&themes.1, &metrics.1, &documents.1));
    let metrics = metrics_of(metrics.1, metric_themes);
    // The id index of the duplicate check goes before the links build their own.
    drop(seen);
    if l.diags.is_empty() && !unchanged && !(trusted && across::links_hold(&results, &previous, &docs, &metrics)) {
        let all: Vec<&Indicator> = results.iter().flat_map(|r| r.indicators.iter().map(|(_, ind)| ind)).collect();
        for (k, problem) in verify::links::check_links(&all, &metrics) {
            // Record k of `all` is record k - (those of earlier files) of its file.
            let (mut f, mut k) = (0, k);
            while k >= results[f].indicators.len() {
                k -= results[f].indicators.len();
                f += 1;
            }
            let (rel, i) = (&results[f].rel, results[f].indicators[k].0);
            let at = l.position(rel, &[Step::Key("indicators"), Step::Index(i), Step::Key(problem.key)]);
            l.diags.push(report::problem_diagnostic(root.display(rel), at, problem));
        }
    }
    if !l.diags.is_empty() {
        // The load stops: the unfinished drafts' TODOs are problems of this run like any other.
        l.diags.extend(results.iter().flat_map(|r| r.unfinished.iter().flat_map(|u| u.todos.iter().cloned())));
        verify::todo::shadowed(&mut l.diags);
        // The records taken over go back where they came from: a live reload that fails keeps showing the
        // dataset the previous snapshot describes, and the next save is checked against it.
        for (r, (rel, stamp)) in results.into_iter().zip(&stamps) {
            if let (true, Some(stamp)) = (r.reused && r.rel == **rel, *stamp) {
                let entry = FileEntry { stamp, indicators: r.indicators, ignored: r.ignored, entries: r.entries };
                previous.files.insert(r.rel, entry);
            }
        }
        return Err((LoadError::Invalid(l.diags), Some(Box::new(previous))));
    }
    let live = live.map(|tables| {
        // Sources unchanged since the previous snapshot have its entries; the others were read now.
        let texts = if trusted && previous.texts.len() == docs.len() {
            std::mem::take(&mut previous.texts)
        } else {
            docs.iter().map(|(text, _)| text.as_ref().map(snapshot::TextEntry::of)).collect()
        };
        let state =
            live::State { started, shared: shared.clone(), texts, tables, folder: folder.map(|f| (f, files.len())) };
        Live::seeded(state, &results, &stamps, std::mem::take(&mut previous.id_hashes))
    });
    let snapshot = wanted.then(|| Snapshot {
        version: crate::BUILD.to_string(),
        started,
        shared,
        files: results
            .iter()
            .zip(&stamps)
            // A file with unfinished drafts is read again next time: the snapshot keeps verified records only.
            .filter(|(r, _)| r.unfinished.is_empty())
            .filter_map(|(r, (_, stamp))| {
                let entry = FileEntry {
                    stamp: (*stamp)?,
                    indicators: r.indicators.clone(),
                    ignored: r.ignored.clone(),
                    entries: r.entries,
                };
                Some((r.rel.clone(), entry))
            })
            .collect(),
        texts: docs.iter().map(|(text, _)| text.as_ref().map(snapshot::TextEntry::of)).collect(),
        tables: tables_kept,
        folder: folder.map(|f| (f, files.len())),
        set_aside: results
            .iter()
            .zip(&stamps)
            .filter(|(r, _)| !r.unfinished.is_empty())
            .filter_map(|(r, (_, stamp))| {
                let (rel, stamp, records, doc) = (r.rel.clone(), (*stamp)?, r.indicators.len(), r.doc);
                Some(snapshot::SetAside { rel, stamp, records, doc })
            })
            .collect(),
        id_hashes: HashMap::new(),
    });
    // Freed but still resident (see crate::memory): the parsers' garbage, and each file's vector of records once
    // they moved into the one vector. Given back before the move, halfway through it and at the end, so that the
    // two copies never coexist whole (38 MB each at 1,000 cities). Not when nothing was parsed (a warm start,
    // every file from the snapshot): there is little garbage then, and the pages given back would only be faulted
    // in again by the explorer's first frame (+8 ms at 1,000 cities).
    let trim = !unchanged;
    if trim {
        crate::memory::release_free_memory();
    }
    let mut indicators = Vec::with_capacity(entries);
    let mut ignored = Vec::new();
    let mut unfinished = Vec::new();
    let (files_done, half) = (results.len(), results.len().div_ceil(2));
    for (k, r) in results.into_iter().enumerate() {
        indicators.extend(r.indicators.into_iter().map(|(_, ind)| ind));
        ignored.extend(r.ignored);
        unfinished.extend(r.unfinished);
        if trim && (k + 1 == half || k + 1 == files_done) {
            crate::memory::release_free_memory();
        }
    }
    let (cities, themes, documents) = (cities_of(cities.1), themes_of(themes.1), documents_of(documents.1, docs));
    let ds = Dataset::new(cities, themes, metrics, documents, indicators, ignored).with_unfinished(unfinished);
    let live = live.map(|l| l.showing(&ds));
    Ok((ds, snapshot, live))
}

/// True when every index a cached entry holds points into the tables as loaded now (they are unchanged when the
/// entry is reused, so this only guards against a cache that lies).
fn in_bounds(e: &FileEntry, (docs, cities, themes, metrics): (usize, usize, usize, usize)) -> bool {
    e.indicators.iter().all(|(_, i)| {
        i.doc.index() < docs && i.city.index() < cities && i.theme.index() < themes && i.metric.index() < metrics
    }) && e.ignored.iter().all(|g| g.doc.index() < docs)
}

impl Checker<'_> {
    /// Position of `path` in the file `rel`, read again: used only to report a problem found after the file's
    /// own text was dropped.
    fn position(&self, rel: &str, path: &[Step<'_>]) -> (usize, usize) {
        match self.root.read(rel) {
            Ok(bytes) => locate(&String::from_utf8_lossy(&bytes), path),
            Err(_) => (1, 1),
        }
    }
}
