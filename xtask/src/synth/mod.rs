//! Synthetic datasets at scale, made from a real one: the means to prove the tool stays fast with hundreds of
//! cities.
//!
//! China has about 300 prefecture-level cities, each publishing dozens of plans. [`Plan::new`] reads a verified
//! dataset (usually the bundled one) and [`Plan::files`] turns it into `n` synthetic cities: each gets its own
//! copy of every source document, with the original city's name replaced by a synthetic one and every curated
//! figure scaled by a per-city factor — changed consistently in the source text and in the YAML — so that the
//! result verifies with `zhibiao check` and looks like real data (same paragraphs, same number formats, shared
//! metric keys). [`write_dataset`] writes it to a folder safely: into a temporary sibling first, renamed into
//! place only when complete.
//!
//! # How a figure is rewritten
//!
//! For every indicator, the quantity the verifier matched in its quote is located in the document (the quote's
//! span plus the quantity's span inside the quote). The Arabic numbers inside that quantity (one, or two for a
//! range) are rewritten in place, keeping their format: the same number of decimals as written, full-width
//! digits stay full-width, thousands separators stay. Integers stay integers, at least 1; a percentage of at
//! most 100 stays at most 100; a rank (`第20位`, `第3名`) moves by at most two places; durations and years are
//! never scaled, nor are figures written in Chinese numerals or `N强`. Several indicators citing one figure
//! share one rewrite. The text is rewritten once, front to back, and every quote (ignored passages included)
//! is recomputed as the new text at its mapped span, so quotes stay exact substrings in the same paragraphs.
//! Each rewritten document is verified as `check` would verify it; a figure whose rewrite would break its quote
//! (a pathological collision) is kept as it was.
//!
//! Everything is deterministic: the names, provinces and factors depend only on `n` and the city's position,
//! through a small splitmix64 generator, so the same `n` gives byte-identical output.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Serialize;

use zhibiao_core::corpus::Text;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::decimal::Decimal;
use zhibiao_core::load::LoadError;
use zhibiao_core::quantity::{find_quantities, normalize_unit, Comparator};
use zhibiao_core::root::Root;
use zhibiao_core::schema::{CityEntry, DocumentEntry, IgnoredEntry, IndicatorEntry, IndicatorFile};
use zhibiao_core::verify::{self, Claim};

mod figures;
mod names;
mod rewrite;
#[cfg(test)]
mod tests;
mod write;

use figures::*;
use names::*;
pub use names::{city, max_cities};
pub use write::write_dataset;
use write::*;

/// Why a synthetic dataset could not be made or written.
#[derive(Debug)]
pub enum SynthError {
    /// The source dataset does not verify (or cannot be read); nothing can be made from it.
    Source(LoadError),
    /// A bad request: too many or too few cities, an `--out` folder that is in the way.
    Usage(String),
    /// Reading or writing files failed.
    Io(String),
    /// A rewritten document did not verify even with its figures unchanged (a bug, or a pathological source).
    Broken(String),
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SynthError::Source(e) => write!(f, "the source dataset does not load: {e}"),
            SynthError::Usage(msg) | SynthError::Io(msg) | SynthError::Broken(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for SynthError {}

/// One synthetic city: who it is and how much its figures are scaled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SynthCity {
    /// Id, `c0001` … (1-based, at least four digits).
    pub id: String,
    /// Two Han characters (`华阳`).
    pub name: String,
    /// Romanised name (`Huayang`).
    pub name_en: String,
    /// Province, Chinese.
    pub province: String,
    /// Province, English.
    pub province_en: String,
    /// What every figure of this city is multiplied by, in [0.6, 1.6], three decimals.
    #[serde(skip)]
    pub factor: Decimal,
}

/// How a figure's numbers change from city to city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Multiplied by the city's factor; `cap` keeps a percentage of at most 100 at most 100.
    Scale { cap: bool },
    /// A rank: moved by at most two places, never below 1.
    Rank,
    /// Kept as written.
    Frozen,
}

/// One Arabic number inside a figure, where it stands in the document and how it is written.
#[derive(Debug, Clone)]
struct Slot {
    /// Byte range in the document text.
    at: Range<usize>,
    /// Its value.
    value: Decimal,
    /// Digits after the point as written (`87.50` → 2).
    decimals: u32,
    /// Written with full-width digits (`１２３`).
    full_width: bool,
    /// The decimal point is the full-width `．`.
    full_width_point: bool,
    /// Written with thousands separators (`1,500`).
    grouped: bool,
}

/// A figure cited by one or more indicators: its numbers (one, or two for a range) and how they change.
#[derive(Debug, Clone)]
struct Figure {
    slots: Vec<Slot>,
    rule: Rule,
}

/// An indicator of the source, where its quote stands and which figure it cites.
#[derive(Debug, Clone)]
struct IndicatorPlan {
    entry: IndicatorEntry,
    span: Range<usize>,
    figure: usize,
}

/// An ignored passage of the source and where it stands.
#[derive(Debug, Clone)]
struct IgnoredPlan {
    entry: IgnoredEntry,
    span: Range<usize>,
}

/// One indicator file of the source.
#[derive(Debug, Clone)]
struct FilePlan {
    /// File name without `.yaml`.
    stem: String,
    indicators: Vec<IndicatorPlan>,
    ignored: Vec<IgnoredPlan>,
}

/// One source document and everything that cites it, ready to be copied for any city.
#[derive(Debug, Clone)]
struct DocPlan {
    entry: DocumentEntry,
    /// File name of the copy, under `seeds/<city>/`.
    file_name: String,
    /// The original city's names, replaced in every copy.
    city_name: String,
    city_name_en: String,
    text: String,
    /// Byte ranges of the city's name and of its one-character abbreviation in document numbers, each with
    /// what it is (`true`: full name).
    names: Vec<(Range<usize>, bool)>,
    figures: Vec<Figure>,
    files: Vec<FilePlan>,
}

/// A verified dataset prepared for copying: every figure located, every quote placed.
#[derive(Debug, Clone)]
pub struct Plan {
    themes_yaml: Vec<u8>,
    /// `data/metrics.yaml`, copied as is.
    metrics_yaml: Vec<u8>,
    docs: Vec<DocPlan>,
    source_cities: Vec<String>,
}

/// Counts of what a synthetic dataset holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Cities.
    pub cities: usize,
    /// Documents (source texts).
    pub documents: usize,
    /// Indicators.
    pub indicators: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

impl Plan {
    /// Loads and verifies the dataset at `root` and locates every figure its indicators cite.
    pub fn new(root: &Root) -> Result<Plan, SynthError> {
        let ds = zhibiao_core::load(root).map_err(SynthError::Source)?;
        Plan::from_dataset(root, &ds)
    }

    /// Builds the plan from an already verified dataset `ds` loaded from `root`.
    pub fn from_dataset(root: &Root, ds: &Dataset) -> Result<Plan, SynthError> {
        let read = |rel: &str| {
            root.read(rel).map(|b| b.into_owned()).map_err(|e| SynthError::Io(format!("{}: {e}", root.display(rel))))
        };
        let yaml = |rel: &str| -> Result<String, SynthError> {
            String::from_utf8(read(rel)?).map_err(|_| SynthError::Io(format!("{}: not UTF-8", root.display(rel))))
        };
        let themes_yaml = read("data/themes.yaml")?;
        let metrics_yaml = read("data/metrics.yaml")?;
        let parse_err = |rel: &str, e: serde_yaml::Error| SynthError::Io(format!("{}: {e}", root.display(rel)));
        let cities: Vec<CityEntry> =
            serde_yaml::from_str(&yaml("data/cities.yaml")?).map_err(|e| parse_err("data/cities.yaml", e))?;
        let documents: Vec<DocumentEntry> =
            serde_yaml::from_str(&yaml("data/documents.yaml")?).map_err(|e| parse_err("data/documents.yaml", e))?;
        let mut files: Vec<(String, IndicatorFile)> = Vec::new();
        for rel in root.indicator_files().map_err(|e| SynthError::Io(format!("data/indicators: {e}")))? {
            let file: IndicatorFile = serde_yaml::from_str(&yaml(&rel)?).map_err(|e| parse_err(&rel, e))?;
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(name).to_string();
            files.push((stem, file));
        }

        let mut docs = Vec::new();
        let mut used_names: Vec<String> = Vec::new();
        for (i, entry) in documents.into_iter().enumerate() {
            let Some(d) = ds.find_document(&entry.id).map(|d| ds.document(d)) else { continue };
            let Some(city) = cities.iter().find(|c| c.id == entry.city) else { continue };
            let mut file_name = d.file_name().to_string();
            if used_names.contains(&file_name) {
                file_name = format!("{i:03}_{file_name}");
            }
            used_names.push(file_name.clone());
            let text = d.text.text.to_string();
            let names = name_spans(&text, &city.name);
            let mut doc = DocPlan {
                file_name,
                city_name: city.name.clone(),
                city_name_en: city.name_en.clone(),
                names,
                figures: Vec::new(),
                files: Vec::new(),
                text,
                entry,
            };
            let mut by_span: BTreeMap<(usize, usize), usize> = BTreeMap::new();
            for (stem, file) in files.iter().filter(|(_, f)| f.document == doc.entry.id) {
                let mut plan = FilePlan { stem: stem.clone(), indicators: Vec::new(), ignored: Vec::new() };
                for e in &file.indicators {
                    let loc = verify::locate_quote(&d.text, &e.quote, e.paragraph).map_err(|p| {
                        SynthError::Broken(format!("{}: quote of {} not placed: {p:?}", doc.entry.id, e.id))
                    })?;
                    let claim = Claim::of(e);
                    let q = verify::match_figure(&e.quote, &claim).map_err(|p| {
                        SynthError::Broken(format!("{}: figure of {} not matched: {p:?}", doc.entry.id, e.id))
                    })?;
                    let at = loc.span.start + q.span.start..loc.span.start + q.span.end;
                    let figure = *by_span.entry((at.start, at.end)).or_insert_with(|| {
                        doc.figures.push(figure_at(&doc.text, at.clone(), e));
                        doc.figures.len() - 1
                    });
                    plan.indicators.push(IndicatorPlan { entry: e.clone(), span: loc.span, figure });
                }
                for e in &file.ignored {
                    let loc = verify::locate_quote(&d.text, &e.quote, e.paragraph).map_err(|p| {
                        SynthError::Broken(format!("{}: ignored passage not placed: {p:?}", doc.entry.id))
                    })?;
                    plan.ignored.push(IgnoredPlan { entry: e.clone(), span: loc.span });
                }
                doc.files.push(plan);
            }
            freeze_overlaps(&mut doc.figures);
            docs.push(doc);
        }
        Ok(Plan { themes_yaml, metrics_yaml, docs, source_cities: cities.into_iter().map(|c| c.name).collect() })
    }

    /// Number of source documents one synthetic city gets.
    pub fn documents_per_city(&self) -> usize {
        self.docs.len()
    }

    /// Number of indicators one synthetic city gets.
    pub fn indicators_per_city(&self) -> usize {
        self.docs.iter().flat_map(|d| &d.files).map(|f| f.indicators.len()).sum()
    }

    /// Checks that `n` cities can be made.
    fn check_count(&self, n: usize) -> Result<(), SynthError> {
        if n == 0 {
            return Err(SynthError::Usage("--cities must be at least 1".to_string()));
        }
        if n > max_cities() {
            return Err(SynthError::Usage(format!(
                "--cities can be at most {} (every synthetic city name is unique)",
                max_cities()
            )));
        }
        Ok(())
    }

    /// The cities of a dataset of `n`, skipping any name that a source city already has.
    fn cities(&self, n: usize) -> Vec<SynthCity> {
        (0..)
            .map_while(|k| city(n, k))
            .filter(|c| !self.source_cities.contains(&c.name))
            .take(n)
            .enumerate()
            .map(|(k, mut c)| {
                c.id = format!("c{:04}", k + 1);
                c
            })
            .collect()
    }

    /// Makes every file of a synthetic dataset of `n` cities and hands each to `sink` as (root-relative path,
    /// bytes), in a fixed order. Cities are made in parallel, a batch at a time, so memory stays bounded.
    pub fn files(
        &self,
        n: usize,
        mut sink: impl FnMut(&str, &[u8]) -> Result<(), SynthError>,
    ) -> Result<Written, SynthError> {
        self.check_count(n)?;
        let cities = self.cities(n);
        if cities.len() < n {
            return Err(SynthError::Usage(format!("--cities can be at most {}", cities.len())));
        }
        let mut written = Written { cities: n, ..Written::default() };
        let mut emit = |path: &str, bytes: &[u8], w: &mut Written| -> Result<(), SynthError> {
            w.files += 1;
            w.bytes += bytes.len() as u64;
            sink(path, bytes)
        };

        let header =
            format!("# Synthetic cities made by `cargo xtask synth --cities {n}` from real seeds; not real places.\n");
        let city_rows: Vec<CityOut> = cities
            .iter()
            .map(|c| CityOut {
                id: &c.id,
                name: &c.name,
                name_en: &c.name_en,
                province: &c.province,
                province_en: &c.province_en,
            })
            .collect();
        emit("data/cities.yaml", &yaml_bytes(&header, &city_rows)?, &mut written)?;
        emit("data/themes.yaml", &self.themes_yaml, &mut written)?;
        emit("data/metrics.yaml", &self.metrics_yaml, &mut written)?;

        let mut doc_rows = Vec::with_capacity(n * self.docs.len());
        for c in &cities {
            for d in &self.docs {
                let e = &d.entry;
                doc_rows.push(DocOut {
                    id: format!("{}-{}", c.id, e.id),
                    source: format!("seeds/{}/{}", c.id, d.file_name),
                    city: c.id.clone(),
                    title: d.rename(&e.title, c),
                    title_en: d.rename(&e.title_en, c),
                    issuer: d.rename(&e.issuer, c),
                    issuer_en: d.rename(&e.issuer_en, c),
                    date: e.date.clone(),
                    kind: e.kind.clone(),
                    note: e.note.as_ref().map(|s| d.rename(s, c)),
                });
            }
        }
        emit("data/documents.yaml", &yaml_bytes(&header, &doc_rows)?, &mut written)?;
        drop(doc_rows);

        const BATCH: usize = 32;
        for batch in cities.chunks(BATCH) {
            let made = zhibiao_core::parallel::map(batch, |c| self.city_files(n, c));
            for files in made {
                for (path, bytes) in files? {
                    emit(&path, &bytes, &mut written)?;
                }
            }
        }
        written.documents = n * self.docs.len();
        written.indicators = n * self.indicators_per_city();
        Ok(written)
    }

    /// The files of one city: its copies of the source texts and its indicator files.
    fn city_files(&self, n: usize, c: &SynthCity) -> Result<Vec<(String, Vec<u8>)>, SynthError> {
        let k: usize = c.id[1..].parse().unwrap_or(0);
        let mut rng = SplitMix::for_city(n, k.wrapping_add(0x5EED));
        let mut out = Vec::new();
        for d in &self.docs {
            let (text, files) = d.copy_for(c, &mut rng)?;
            out.push((format!("seeds/{}/{}", c.id, d.file_name), text.into_bytes()));
            for (stem, file) in files {
                let header = format!(
                    "# Indicators of {} ({}), a synthetic copy of {} with figures × {}.\n",
                    d.rename(&d.entry.title, c),
                    c.name,
                    d.entry.id,
                    c.factor
                );
                out.push((format!("data/indicators/{}-{stem}.yaml", c.id), yaml_bytes(&header, &file)?));
            }
        }
        Ok(out)
    }

    /// Makes a synthetic dataset of `n` cities in memory (for tests and quick experiments).
    pub fn in_memory(&self, n: usize) -> Result<Root, SynthError> {
        let mut files = Vec::new();
        self.files(n, |path, bytes| {
            files.push((path.to_string(), bytes.to_vec()));
            Ok(())
        })?;
        Ok(Root::Memory(files))
    }
}

/// A city as written to `data/cities.yaml`.
#[derive(Serialize)]
struct CityOut<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    province: &'a str,
    province_en: &'a str,
}

/// A document as written to `data/documents.yaml`.
#[derive(Serialize)]
struct DocOut {
    id: String,
    source: String,
    city: String,
    title: String,
    title_en: String,
    issuer: String,
    issuer_en: String,
    date: String,
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// An indicator file as written under `data/indicators/`.
#[derive(Serialize)]
struct FileOut {
    document: String,
    indicators: Vec<IndicatorEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ignored: Vec<IgnoredOut>,
}

/// An ignored passage as written.
#[derive(Serialize)]
struct IgnoredOut {
    quote: String,
    reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
}
