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

use zhibiao::corpus::Text;
use zhibiao::dataset::Dataset;
use zhibiao::decimal::Decimal;
use zhibiao::load::LoadError;
use zhibiao::model::{CityEntry, DocumentEntry, IgnoredEntry, IndicatorEntry, IndicatorFile};
use zhibiao::quantity::{find_quantities, normalize_unit, Comparator};
use zhibiao::root::Root;
use zhibiao::verify::{self, Claim};

/// First characters of synthetic city names, with their romanisation. None is a numeral, a measure word or a
/// comparator word, so a name can never change how a figure next to it is read.
#[rustfmt::skip]
const FIRST: &[(&str, &str)] = &[
    ("华", "Hua"), ("青", "Qing"), ("临", "Lin"), ("安", "An"), ("宁", "Ning"), ("昌", "Chang"), ("平", "Ping"),
    ("丰", "Feng"), ("兴", "Xing"), ("泰", "Tai"), ("嘉", "Jia"), ("永", "Yong"), ("德", "De"), ("武", "Wu"),
    ("江", "Jiang"), ("海", "Hai"), ("河", "He"), ("东", "Dong"), ("金", "Jin"), ("云", "Yun"), ("龙", "Long"),
    ("福", "Fu"), ("广", "Guang"), ("汉", "Han"), ("蓉", "Rong"), ("柳", "Liu"), ("荆", "Jing"), ("岳", "Yue"),
    ("襄", "Xiang"), ("洛", "Luo"), ("汾", "Fen"), ("沧", "Cang"), ("淮", "Huai"), ("桐", "Tong"), ("松", "Song"),
    ("梅", "Mei"), ("榆", "Yu"), ("碧", "Bi"), ("瑞", "Rui"), ("明", "Ming"), ("滕", "Teng"), ("邵", "Shao"),
    ("潍", "Wei"), ("莱", "Lai"), ("郴", "Chen"), ("赣", "Gan"), ("黔", "Qian"), ("彭", "Peng"),
];

/// Second characters of synthetic city names, with their romanisation.
#[rustfmt::skip]
const SECOND: &[(&str, &str)] = &[
    ("阳", "yang"), ("川", "chuan"), ("州", "zhou"), ("山", "shan"), ("源", "yuan"), ("城", "cheng"), ("宁", "ning"),
    ("安", "an"), ("平", "ping"), ("昌", "chang"), ("泉", "quan"), ("溪", "xi"), ("林", "lin"), ("陵", "ling"),
    ("浦", "pu"), ("塘", "tang"), ("湖", "hu"), ("峰", "feng"), ("丘", "qiu"), ("沙", "sha"), ("津", "jin"),
    ("口", "kou"), ("关", "guan"), ("亭", "ting"), ("谷", "gu"), ("港", "gang"), ("桥", "qiao"), ("庄", "zhuang"),
    ("滨", "bin"), ("渡", "du"), ("潭", "tan"), ("兴", "xing"), ("化", "hua"), ("定", "ding"), ("宣", "xuan"),
    ("泽", "ze"), ("江", "jiang"), ("河", "he"), ("堰", "yan"), ("坝", "ba"), ("营", "ying"), ("田", "tian"),
    ("乡", "xiang"), ("集", "ji"), ("南", "nan"), ("东", "dong"), ("旺", "wang"), ("寿", "shou"), ("德", "de"),
    ("海", "hai"),
];

/// Provinces synthetic cities are placed in.
#[rustfmt::skip]
const PROVINCES: &[(&str, &str)] = &[
    ("河北", "Hebei"), ("山西", "Shanxi"), ("辽宁", "Liaoning"), ("吉林", "Jilin"), ("黑龙江", "Heilongjiang"),
    ("江苏", "Jiangsu"), ("浙江", "Zhejiang"), ("安徽", "Anhui"), ("福建", "Fujian"), ("江西", "Jiangxi"),
    ("山东", "Shandong"), ("河南", "Henan"), ("湖北", "Hubei"), ("湖南", "Hunan"), ("广东", "Guangdong"),
    ("海南", "Hainan"), ("四川", "Sichuan"), ("贵州", "Guizhou"), ("云南", "Yunnan"), ("陕西", "Shaanxi"),
    ("甘肃", "Gansu"), ("青海", "Qinghai"),
];

/// Base units of durations and ages: such figures are never scaled (a year is a year).
const TIME_UNITS: &[&str] =
    &["年", "个月", "月", "天", "周", "周年", "小时", "个小时", "分钟", "个季度", "工作日", "个工作日", "岁"];

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

/// A tiny deterministic generator (splitmix64): no dependency, same numbers on every machine.
#[derive(Debug, Clone)]
struct SplitMix(u64);

impl SplitMix {
    /// The generator for city `k` of a dataset of `n` cities.
    fn for_city(n: usize, k: usize) -> SplitMix {
        SplitMix(
            (n as u64).wrapping_mul(0xA076_1D64_78BD_642F)
                ^ (k as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB)
                ^ 0x7A68_6962_6961_6F21,
        )
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// Every usable synthetic name as (Chinese, English), in a fixed scrambled order: two different characters, no
/// romanisation used twice.
fn names() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let total = FIRST.len() * SECOND.len();
        // A stride coprime with the number of pairs visits every pair once, in an order that mixes both lists.
        let mut stride = 1307;
        while gcd(stride, total) != 1 {
            stride += 2;
        }
        let mut out: Vec<(String, String)> = Vec::with_capacity(total);
        for i in 0..total {
            let j = (i * stride + 101) % total;
            let (a, a_en) = FIRST[j / SECOND.len()];
            let (b, b_en) = SECOND[j % SECOND.len()];
            if a == b {
                continue;
            }
            let name = format!("{a}{b}");
            let en = format!("{a_en}{b_en}");
            if out.iter().any(|(n, e)| *n == name || *e == en) {
                continue;
            }
            out.push((name, en));
        }
        out
    })
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The largest number of cities a synthetic dataset can have (every name is unique).
pub fn max_cities() -> usize {
    names().len()
}

/// City `k` (0-based) of a synthetic dataset of `n` cities. Names depend on `k` only; province and factor on
/// `n` and `k`. `None` when `k` is beyond [`max_cities`].
pub fn city(n: usize, k: usize) -> Option<SynthCity> {
    let (name, name_en) = names().get(k)?.clone();
    let mut rng = SplitMix::for_city(n, k);
    let factor = Decimal::new(600 + i128::from(rng.below(1001) as u16), 3)?;
    let (province, province_en) = PROVINCES[rng.below(PROVINCES.len() as u64) as usize];
    Some(SynthCity {
        id: format!("c{:04}", k + 1),
        name,
        name_en,
        province: province.to_string(),
        province_en: province_en.to_string(),
        factor,
    })
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
        let ds = zhibiao::load(root).map_err(SynthError::Source)?;
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
            let Some(d) = ds.document(&entry.id).map(|d| &ds.documents()[d]) else { continue };
            let Some(city) = cities.iter().find(|c| c.id == entry.city) else { continue };
            let mut file_name = d.file_name().to_string();
            if used_names.contains(&file_name) {
                file_name = format!("{i:03}_{file_name}");
            }
            used_names.push(file_name.clone());
            let text = d.text.text.clone();
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
                    let claim = Claim {
                        value: e.value,
                        value_max: e.value_max,
                        unit: &e.unit,
                        comparator: e.comparator,
                        reference: e.reference.as_deref(),
                    };
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
            let made = zhibiao::parallel::map(batch, |c| self.city_files(n, c));
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

/// Byte ranges of `name` in `text`, and of its first character where it abbreviates the city in a document
/// number (`徐委办〔2020〕84号`): the character, up to three more Han characters, then an opening bracket.
fn name_spans(text: &str, name: &str) -> Vec<(Range<usize>, bool)> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    if name.is_empty() {
        return out;
    }
    out.extend(text.match_indices(name).map(|(i, s)| (i..i + s.len(), true)));
    if let Some(first) = name.chars().next() {
        let pattern = format!("{}\\p{{Han}}{{0,3}}[〔［\\[（(]\\d{{4}}", regex::escape(&first.to_string()));
        if let Ok(re) = Regex::new(&pattern) {
            for m in re.find_iter(text) {
                let at = m.start()..m.start() + first.len_utf8();
                let preceded_by_han = text[..m.start()].chars().next_back().is_some_and(is_han);
                if !preceded_by_han && !out.iter().any(|(r, _)| r.start < at.end && at.start < r.end) {
                    out.push((at, false));
                }
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The digit value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The Arabic numbers written in `text[at]`, as slots with positions in `text`.
fn number_slots(text: &str, at: Range<usize>) -> Vec<Slot> {
    let Some(s) = text.get(at.clone()) else { return Vec::new() };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut ascii = String::new();
        let (mut full_width, mut full_width_point, mut grouped, mut seen_point) = (false, false, false, false);
        let mut decimals = 0;
        while i < chars.len() {
            let c = chars[i].1;
            if let Some(d) = digit(c) {
                full_width |= c > '9';
                ascii.push(char::from_digit(d, 10).unwrap_or('0'));
                if seen_point {
                    decimals += 1;
                }
                i += 1;
            } else if (c == '.' || c == '．')
                && !seen_point
                && chars.get(i + 1).is_some_and(|&(_, n)| digit(n).is_some())
            {
                seen_point = true;
                full_width_point = c == '．';
                ascii.push('.');
                i += 1;
            } else if c == ','
                && !seen_point
                && (1..=3).all(|k| chars.get(i + k).is_some_and(|&(_, n)| n.is_ascii_digit()))
                && chars.get(i + 4).is_none_or(|&(_, n)| digit(n).is_none())
            {
                grouped = true;
                i += 1;
            } else {
                break;
            }
        }
        let end = chars.get(i).map_or(s.len(), |&(b, _)| b);
        if let Ok(value) = Decimal::parse(&ascii) {
            out.push(Slot {
                at: at.start + start..at.start + end,
                value,
                decimals,
                full_width,
                full_width_point,
                grouped,
            });
        }
    }
    out
}

/// The figure an indicator cites at `at` (the matched quantity's span in the document), and how it may change.
fn figure_at(text: &str, at: Range<usize>, e: &IndicatorEntry) -> Figure {
    let slots = number_slots(text, at);
    let wanted: Vec<Decimal> = std::iter::once(e.value).chain(e.value_max).collect();
    let readable = slots.len() == wanted.len() && slots.iter().zip(&wanted).all(|(s, w)| s.value == *w);
    let base = normalize_unit(&e.unit).base;
    let rule = if !readable || TIME_UNITS.contains(&base.as_str()) {
        Rule::Frozen
    } else if e.comparator == Comparator::Rank {
        if (base == "位" || base == "名") && e.value.is_integer() {
            Rule::Rank
        } else {
            Rule::Frozen
        }
    } else {
        let hundred = Decimal::from_int(100);
        Rule::Scale { cap: base == "%" && wanted.iter().all(|v| *v <= hundred) }
    };
    Figure { slots, rule }
}

/// Freezes figures whose numbers overlap another figure's without being the same numbers: rewriting one would
/// change the other.
fn freeze_overlaps(figures: &mut [Figure]) {
    let mut frozen = vec![false; figures.len()];
    for i in 0..figures.len() {
        for j in i + 1..figures.len() {
            let overlap = figures[i]
                .slots
                .iter()
                .any(|a| figures[j].slots.iter().any(|b| a.at.start < b.at.end && b.at.start < a.at.end));
            if overlap {
                frozen[i] = true;
                frozen[j] = true;
            }
        }
    }
    for (f, frozen) in figures.iter_mut().zip(frozen) {
        if frozen {
            f.rule = Rule::Frozen;
        }
    }
}

/// One unit in the last written decimal place (`decimals` = 2 → 0.01).
fn ulp(decimals: u32) -> Decimal {
    Decimal::new(1, decimals).unwrap_or(Decimal::from_int(1))
}

/// The new values of a figure's numbers for a city with this factor.
fn new_values(fig: &Figure, factor: Decimal, rng: &mut SplitMix) -> Vec<Decimal> {
    let old: Vec<Decimal> = fig.slots.iter().map(|s| s.value).collect();
    match fig.rule {
        Rule::Frozen => old,
        Rule::Rank => {
            // Drawn even for ranks that end up unchanged, so every later draw stays put.
            let delta = rng.below(5) as i64 - 2;
            fig.slots
                .iter()
                .map(|s| {
                    let v = s.value.to_string().parse::<i64>().unwrap_or(1);
                    Decimal::from_int((v + delta).max(1))
                })
                .collect()
        }
        Rule::Scale { cap } => {
            let hundred = Decimal::from_int(100);
            let mut new: Vec<Decimal> = fig
                .slots
                .iter()
                .map(|s| {
                    let mut v = s.value.mul_rounded(factor, s.decimals).unwrap_or(s.value);
                    if s.value > Decimal::ZERO && v <= Decimal::ZERO {
                        v = ulp(s.decimals);
                    }
                    if s.decimals == 0 && s.value >= Decimal::from_int(1) && v < Decimal::from_int(1) {
                        v = Decimal::from_int(1);
                    }
                    if cap && v > hundred {
                        v = hundred;
                    }
                    v
                })
                .collect();
            if let [lo, hi] = new.as_mut_slice() {
                if *hi <= *lo {
                    // Keep the range a range: one written unit above the lower end.
                    let step = ulp(fig.slots[1].decimals);
                    *hi = add(*lo, step).unwrap_or(*hi);
                    if cap && *hi > hundred {
                        return old;
                    }
                }
            }
            new
        }
    }
}

/// `a + b` for decimals (through their text, exact).
fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    let ma: i128 = fixed(a, scale).replace('.', "").parse().ok()?;
    let mb: i128 = fixed(b, scale).replace('.', "").parse().ok()?;
    Decimal::new(ma.checked_add(mb)?, scale)
}

/// `d` written with exactly `decimals` digits after the point.
fn fixed(d: Decimal, decimals: u32) -> String {
    let s = d.to_string();
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    if decimals == 0 {
        return int.to_string();
    }
    let width = decimals as usize;
    format!("{int}.{frac:0<width$}")
}

/// A new value written the way the slot was written.
fn write_like(slot: &Slot, value: Decimal) -> String {
    let plain = fixed(value, slot.decimals);
    let (int, frac) = plain.split_once('.').map_or((plain.as_str(), None), |(i, f)| (i, Some(f)));
    let mut int = int.to_string();
    if slot.grouped {
        let digits: Vec<char> = int.chars().collect();
        let mut g = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                g.push(',');
            }
            g.push(*c);
        }
        int = g;
    }
    let widen = |s: &str| -> String {
        if slot.full_width {
            s.chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32('０' as u32 + d)).unwrap_or(c)).collect()
        } else {
            s.to_string()
        }
    };
    let mut out = widen(&int);
    if let Some(frac) = frac {
        out.push(if slot.full_width_point { '．' } else { '.' });
        out.push_str(&widen(frac));
    }
    out
}

/// A replacement in the text: the old byte range and where its replacement stands in the new text.
#[derive(Debug, Clone)]
struct Mapped {
    old: Range<usize>,
    new: Range<usize>,
}

/// Where an old byte position stands in the new text. A position strictly inside a replaced range maps to the
/// replacement's start (for a span's start) or end (for a span's end), so a span always covers whole
/// replacements.
fn map_pos(edits: &[Mapped], p: usize, is_end: bool) -> usize {
    let i = edits.partition_point(|e| e.old.end <= p);
    if let Some(e) = edits.get(i) {
        if e.old.start < p {
            return if is_end { e.new.end } else { e.new.start };
        }
    }
    match i.checked_sub(1).and_then(|j| edits.get(j)) {
        Some(e) => p - e.old.end + e.new.end,
        None => p,
    }
}

impl DocPlan {
    /// `s` with the original city's Chinese and English names replaced by the synthetic city's.
    fn rename(&self, s: &str, c: &SynthCity) -> String {
        let mut out = s.replace(&self.city_name, &c.name);
        if !self.city_name_en.is_empty() {
            out = out.replace(&self.city_name_en, &c.name_en);
        }
        out
    }

    /// This document's copy for city `c`: the new text and its indicator files as (stem, file).
    fn copy_for(&self, c: &SynthCity, rng: &mut SplitMix) -> Result<(String, Vec<(String, FileOut)>), SynthError> {
        let values: Vec<Vec<Decimal>> = self.figures.iter().map(|f| new_values(f, c.factor, rng)).collect();
        let mut frozen = vec![false; self.figures.len()];
        let abbrev: String = c.name.chars().next().map(String::from).unwrap_or_default();
        for _attempt in 0..=self.figures.len() + 1 {
            // Every replacement, in text order: names, then numbers (they never overlap: names are Han, numbers digits).
            let mut edits: Vec<(Range<usize>, String)> = self
                .names
                .iter()
                .map(|(r, full)| (r.clone(), if *full { c.name.clone() } else { abbrev.clone() }))
                .collect();
            let mut new_value: Vec<Vec<Decimal>> = Vec::with_capacity(self.figures.len());
            for (f, fig) in self.figures.iter().enumerate() {
                let vals = if frozen[f] { fig.slots.iter().map(|s| s.value).collect() } else { values[f].clone() };
                for (slot, v) in fig.slots.iter().zip(&vals) {
                    if *v != slot.value {
                        edits.push((slot.at.clone(), write_like(slot, *v)));
                    }
                }
                new_value.push(vals);
            }
            edits.sort_by_key(|(r, _)| r.start);
            edits.dedup_by(|b, a| a.0 == b.0);
            let mut text = String::with_capacity(self.text.len() + 64);
            let mut mapped = Vec::with_capacity(edits.len());
            let mut from = 0;
            for (r, with) in &edits {
                if r.start < from {
                    return Err(SynthError::Broken(format!(
                        "{}: overlapping rewrites at byte {}",
                        self.entry.id, r.start
                    )));
                }
                text.push_str(&self.text[from..r.start]);
                let start = text.len();
                text.push_str(with);
                mapped.push(Mapped { old: r.clone(), new: start..text.len() });
                from = r.end;
            }
            text.push_str(&self.text[from..]);
            let map = |r: &Range<usize>| map_pos(&mapped, r.start, false)..map_pos(&mapped, r.end, true);

            let verified = Text::from_string(text);
            let mut failed: Option<Option<usize>> = None;
            let mut files = Vec::with_capacity(self.files.len());
            for fp in &self.files {
                let mut indicators = Vec::with_capacity(fp.indicators.len());
                for ip in &fp.indicators {
                    let e = &ip.entry;
                    let span = map(&ip.span);
                    let quote = verified.text.get(span.clone()).unwrap_or_default().to_string();
                    let vals = &new_value[ip.figure];
                    let value = vals.first().copied().unwrap_or(e.value);
                    let value_max = e.value_max.map(|m| vals.get(1).copied().unwrap_or(m));
                    let claim = Claim {
                        value,
                        value_max,
                        unit: &e.unit,
                        comparator: e.comparator,
                        reference: e.reference.as_deref(),
                    };
                    let placed = verify::locate_quote(&verified, &quote, e.paragraph).is_ok_and(|l| l.span == span);
                    if !placed || verify::match_figure(&quote, &claim).is_err() {
                        failed.get_or_insert(Some(ip.figure));
                    }
                    let changed = value != e.value;
                    indicators.push(IndicatorEntry {
                        id: format!("{}-{}", c.id, e.id),
                        name: self.rename(&e.name, c),
                        name_en: self.rename(&e.name_en, c),
                        value,
                        value_max,
                        baseline_value: e.baseline_value.map(|b| {
                            if changed {
                                b.mul_rounded(c.factor, b.scale()).unwrap_or(b)
                            } else {
                                b
                            }
                        }),
                        quote,
                        stretch_of: e.stretch_of.as_ref().map(|l| format!("{}-{l}", c.id)),
                        supersedes: e.supersedes.as_ref().map(|l| format!("{}-{l}", c.id)),
                        restates: e.restates.as_ref().map(|l| format!("{}-{l}", c.id)),
                        note: e.note.as_ref().map(|s| self.rename(s, c)),
                        ..e.clone()
                    });
                }
                let mut ignored = Vec::with_capacity(fp.ignored.len());
                for ig in &fp.ignored {
                    let span = map(&ig.span);
                    let quote = verified.text.get(span.clone()).unwrap_or_default().to_string();
                    let placed =
                        verify::locate_quote(&verified, &quote, ig.entry.paragraph).is_ok_and(|l| l.span == span);
                    if !placed || find_quantities(&quote).is_empty() {
                        failed.get_or_insert(None);
                    }
                    ignored.push(IgnoredOut {
                        quote,
                        reason: self.rename(&ig.entry.reason, c),
                        paragraph: ig.entry.paragraph,
                    });
                }
                files.push((
                    fp.stem.clone(),
                    FileOut { document: format!("{}-{}", c.id, self.entry.id), indicators, ignored },
                ));
            }
            match failed {
                None => return Ok((verified.text, files)),
                // Keep the offending figure as written and try again; an ignored passage that broke freezes all.
                Some(Some(f)) if !frozen[f] => frozen[f] = true,
                Some(_) if frozen.iter().any(|f| !f) => frozen.iter_mut().for_each(|f| *f = true),
                Some(_) => break,
            }
        }
        Err(SynthError::Broken(format!(
            "{}: the copy for {} does not verify even with every figure unchanged (the city name collides with the text)",
            self.entry.id, c.name
        )))
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

/// A comment line, then `value` as YAML.
fn yaml_bytes<T: Serialize + ?Sized>(header: &str, value: &T) -> Result<Vec<u8>, SynthError> {
    let body =
        serde_yaml::to_string(value).map_err(|e| SynthError::Broken(format!("YAML serialization failed: {e}")))?;
    let mut out = String::with_capacity(header.len() + body.len());
    out.push_str(header);
    out.push_str(&body);
    Ok(out.into_bytes())
}

/// Writes a synthetic dataset of `n` cities made from `plan` to the folder `out`, safely.
///
/// A non-empty `out` is refused unless `force` is set, and even then only when it looks like a dataset root (it
/// holds `data/`), so a mistyped path cannot wipe an unrelated folder. Files are written into a temporary
/// sibling folder that is renamed to `out` only when complete: an interrupted run leaves nothing half-written
/// at `out` (at worst a hidden `.NAME.synth-tmp-PID` sibling).
pub fn write_dataset(plan: &Plan, n: usize, out: &Path, force: bool) -> Result<Written, SynthError> {
    plan.check_count(n)?;
    let io_err = |what: &str, path: &Path, e: io::Error| SynthError::Io(format!("{what} {}: {e}", path.display()));
    if out.exists() {
        if !out.is_dir() {
            return Err(SynthError::Usage(format!("{} exists and is not a folder", out.display())));
        }
        let empty = std::fs::read_dir(out).map_err(|e| io_err("cannot read", out, e))?.next().is_none();
        if !empty && !force {
            return Err(SynthError::Usage(format!("{} is not empty; add --force to replace it", out.display())));
        }
        if !empty && !out.join("data").is_dir() {
            return Err(SynthError::Usage(format!(
                "{} is not empty and is not a dataset root (no data/ folder); refusing to replace it even with --force",
                out.display()
            )));
        }
    }
    let name = out
        .file_name()
        .ok_or_else(|| SynthError::Usage(format!("{}: --out needs a folder name", out.display())))?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io_err("cannot create", &parent, e))?;
    let tmp = parent.join(format!(".{name}.synth-tmp-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| io_err("cannot remove", &tmp, e))?;
    }
    std::fs::create_dir(&tmp).map_err(|e| io_err("cannot create", &tmp, e))?;

    let result = plan.files(n, |rel, bytes| {
        let path = tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_err("cannot create", dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io_err("cannot write", &path, e))
    });
    let written = match result {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let old = parent.join(format!(".{name}.synth-old-{}", std::process::id()));
    if out.exists() {
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(io_err("cannot move aside", out, e));
        }
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        if old.exists() {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(io_err("cannot rename into", out, e));
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io_err("cannot remove", &old, e))?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn names_are_unique_and_avoid_figure_words() {
        let all = names();
        assert!(all.len() >= 2000, "{}", all.len());
        let mut zh: Vec<&String> = all.iter().map(|(z, _)| z).collect();
        zh.sort();
        zh.dedup();
        assert_eq!(zh.len(), all.len());
        for (z, _) in all {
            assert_eq!(z.chars().count(), 2);
            // A name beside a number must not change how the number reads.
            let probe = format!("900万{z}人和{z}3个");
            let q = find_quantities(&probe);
            assert_eq!(q.len(), 2, "{z}: {q:?}");
        }
        assert_eq!(city(10, 0).unwrap().id, "c0001");
        assert_eq!(city(10, 3), city(10, 3));
        assert_ne!(city(10, 3).unwrap().factor, city(11, 3).unwrap().factor);
    }

    #[test]
    fn numbers_keep_their_format() {
        let text = "达到87.50%和１２３个与1,500亿元";
        let slots = number_slots(text, 0..text.len());
        assert_eq!(slots.len(), 3);
        assert_eq!(write_like(&slots[0], d("91.2")), "91.20");
        assert_eq!(write_like(&slots[1], d("45")), "４５");
        assert_eq!(write_like(&slots[2], d("2300")), "2,300");
        assert_eq!(fixed(d("3"), 2), "3.00");
    }

    #[test]
    fn positions_map_across_replacements() {
        // "ab12cd" → "abXYZcd": 12 (2..4) replaced by XYZ (2..5).
        let edits = [Mapped { old: 2..4, new: 2..5 }];
        assert_eq!(map_pos(&edits, 0, false), 0);
        assert_eq!(map_pos(&edits, 2, false), 2);
        assert_eq!(map_pos(&edits, 3, false), 2);
        assert_eq!(map_pos(&edits, 3, true), 5);
        assert_eq!(map_pos(&edits, 4, true), 5);
        assert_eq!(map_pos(&edits, 6, true), 7);
    }

    #[test]
    fn scaling_rules() {
        let slot = |v: &str, dec: u32| Slot {
            at: 0..1,
            value: d(v),
            decimals: dec,
            full_width: false,
            full_width_point: false,
            grouped: false,
        };
        let mut rng = SplitMix(1);
        let pct = Figure { slots: vec![slot("90", 0)], rule: Rule::Scale { cap: true } };
        assert_eq!(new_values(&pct, d("1.5"), &mut rng), vec![d("100")]);
        let small = Figure { slots: vec![slot("1", 0)], rule: Rule::Scale { cap: false } };
        assert_eq!(new_values(&small, d("0.6"), &mut rng), vec![d("1")]);
        let range = Figure { slots: vec![slot("2", 0), slot("3", 0)], rule: Rule::Scale { cap: false } };
        let r = new_values(&range, d("0.6"), &mut rng);
        assert!(r[1] > r[0], "{r:?}");
        let rank = Figure { slots: vec![slot("20", 0)], rule: Rule::Rank };
        let v = new_values(&rank, d("1"), &mut rng)[0];
        assert!(v >= d("18") && v <= d("22"));
    }

    #[test]
    fn the_bundled_dataset_makes_a_verified_copy() {
        let plan = Plan::new(&Root::Embedded).unwrap();
        let root = plan.in_memory(2).unwrap();
        let ds = zhibiao::load(&root).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ds.cities().len(), 2);
        assert_eq!(ds.indicators().len(), 2 * plan.indicators_per_city());
        assert!(ds.documents().iter().all(|d| !d.text.text.contains("沈阳") || d.id.contains("xuzhou")));
    }
}
