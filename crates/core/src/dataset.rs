//! The verified dataset: what every command and the explorer read.
//!
//! A [`Dataset`] only exists once every check has passed (see [`crate::load`]); its cross-references are plain
//! indices into its vectors, and the values a curator does not type (city of an indicator, paragraph number and
//! span of the quote, normalised value) are filled in.

mod keys;
mod search;
mod splice;
mod unfinished;

pub use keys::Keys;
pub(crate) use search::{haystack_of, names_haystack, CityKey};
use search::{indicator_parts, push_record};
pub use search::{SearchBuild, FIELD_SEPARATOR};
pub(crate) use splice::{fresh_lineage, Part};
pub use splice::{Moves, Splice};
pub use unfinished::{summary as unfinished_summary, Unfinished};

use std::collections::HashMap;
use std::ops::Range;

use crate::corpus::Text;
use crate::decimal::Decimal;
use crate::ids::{CityId, DocId, IndicatorId, MetricId, ThemeId};
use crate::quantity::Comparator;
use crate::schema::{Better, IndicatorEntry, Kind, Measure, Status};
pub use crate::shared_str::SharedStr;

/// A city.
#[derive(Debug, Clone, Default)]
pub struct City {
    /// Stable id (`shenyang`).
    pub id: String,
    /// Chinese name (`沈阳`).
    pub name: String,
    /// English name (`Shenyang`).
    pub name_en: String,
    /// Province, Chinese.
    pub province: String,
    /// Province, English.
    pub province_en: String,
}

/// A theme of the taxonomy.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Stable id (`digital-infrastructure`).
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// What belongs here.
    pub description: String,
}

/// A metric of the registry: what a figure measures.
#[derive(Debug, Clone)]
pub struct Metric {
    /// Snake_case key (`5g_base_stations`).
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Its theme.
    pub theme: ThemeId,
    /// Stock, flow, share, change, level or rank.
    pub measure: Measure,
    /// The unit every record normalises to (`个`, `元`, `%`).
    pub unit: String,
    /// Other counting words for the unit.
    pub aliases: Vec<String>,
    /// Other names documents use for it.
    pub names: Vec<String>,
    /// Which direction is good news.
    pub better: Better,
    /// Optional description.
    pub description: Option<String>,
}

/// A source document with its text.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id.
    pub id: String,
    /// Path of the source relative to the dataset root (`seeds/004_65cc04307ce8a7c8.txt`).
    pub source: String,
    /// Its city.
    pub city: CityId,
    /// Chinese title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Issuer, Chinese.
    pub issuer: String,
    /// Issuer, English.
    pub issuer_en: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// `proposal-reply`, `news-report`, ….
    pub kind: String,
    /// Curator's note.
    pub note: Option<String>,
    /// The source's SHA-256 as curated (`sha256:…`), when recorded.
    pub sha256: Option<String>,
    /// The decoded text and its paragraphs.
    pub text: Text,
}

impl Document {
    /// The source file's name (`004_65cc04307ce8a7c8.txt`).
    pub fn file_name(&self) -> &str {
        self.source.rsplit('/').next().unwrap_or(&self.source)
    }
}

/// One verified indicator. Serialized only into the load cache (see `cache.rs`), never shown to users that way.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    /// Stable, unique id.
    pub id: SharedStr,
    /// Its document.
    pub doc: DocId,
    /// Its city (the document's city).
    pub city: CityId,
    /// Its theme (the metric's theme).
    pub theme: ThemeId,
    /// What is measured: the metric of the registry (its snake_case key is [`Metric::id`]).
    pub metric: MetricId,
    /// Chinese name.
    pub name: SharedStr,
    /// English name.
    pub name_en: SharedStr,
    /// Target or actual.
    pub kind: Kind,
    /// How the figure relates to the value.
    pub comparator: Comparator,
    /// The number as written.
    #[serde(with = "crate::decimal::exact")]
    pub value: Decimal,
    /// Upper end of a range.
    #[serde(with = "crate::decimal::exact_opt")]
    pub value_max: Option<Decimal>,
    /// Unit as written (`万座`).
    pub unit: SharedStr,
    /// The value with the unit's multiplier applied (`1万座` → 10000).
    #[serde(with = "crate::decimal::exact")]
    pub base_value: Decimal,
    /// `value_max` with the multiplier applied.
    #[serde(with = "crate::decimal::exact_opt")]
    pub base_value_max: Option<Decimal>,
    /// The unit without its multiplier (`座`).
    pub base_unit: SharedStr,
    /// Target year, or the year a reported figure refers to.
    pub year: i32,
    /// Year the figure is measured against.
    pub baseline_year: Option<i32>,
    /// Value at the baseline year.
    #[serde(with = "crate::decimal::exact_opt")]
    pub baseline_value: Option<Decimal>,
    /// The exact quote.
    pub quote: SharedStr,
    /// 1-based paragraph number of the quote in its document.
    pub paragraph: usize,
    /// Byte range of the quote in the document's text.
    pub span: Range<usize>,
    /// Firm, stretch or estimate.
    pub status: Status,
    /// The optional qualifiers and links; boxed, as most records have none (see [`Qualifiers`]).
    pub qualifiers: Option<Box<Qualifiers>>,
    /// Curator's note.
    pub note: Option<SharedStr>,
}

/// How a qualifier's value is read from a record: a string as `&str`, a number as itself.
pub trait QualifierValue {
    /// What the accessor returns.
    type View<'a>
    where
        Self: 'a;
    /// The value as the accessor returns it.
    fn view(&self) -> Self::View<'_>;
}

impl QualifierValue for String {
    type View<'a> = &'a str;
    fn view(&self) -> &str {
        self
    }
}

/// Declares the optional qualifiers from one list: the [`Qualifiers`] a record holds, how they are taken from its
/// curated entry, and an accessor on [`Indicator`] for each. Adding one is a line here (and the entry's field in
/// the schema, and its key in `record.rs`); a type other than `String` needs a [`QualifierValue`].
macro_rules! qualifiers {
    ($($(#[$doc:meta])* $name:ident: $ty:ty,)*) => {
        /// What qualifies a figure beyond its value and year, and its links to other records; all optional.
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct Qualifiers {
            $($(#[$doc])* pub $name: Option<$ty>,)*
        }

        impl Qualifiers {
            /// The qualifiers of a curated entry, taken out of it (the strings move, nothing is copied).
            pub fn take_from(e: &mut IndicatorEntry) -> Qualifiers {
                Qualifiers { $($name: e.$name.take(),)* }
            }
        }

        impl Indicator {
            $(
                $(#[$doc])*
                pub fn $name(&self) -> Option<<$ty as QualifierValue>::View<'_>> {
                    self.qualifiers.as_ref().and_then(|q| q.$name.as_ref()).map(QualifierValue::view)
                }
            )*
        }
    };
}

qualifiers! {
    /// When an actual was measured (`YYYY-MM-DD` or `YYYY-MM`), when the curator says.
    as_of: String,
    /// The years a flow covers (`2022-2024`), when the curator says.
    period: String,
    /// The part of the city the figure covers; `None` for the whole city.
    scope: String,
    /// What a relative figure is measured against (`全国`).
    reference: String,
    /// Id of the firm figure this stretch figure goes beyond.
    stretch_of: String,
    /// Id of the figure this one revises.
    supersedes: String,
    /// Id of the figure this one repeats.
    restates: String,
}

impl Qualifiers {
    /// `None` when every qualifier is absent, so that a plain record carries no allocation.
    pub fn boxed(self) -> Option<Box<Qualifiers>> {
        (self != Qualifiers::default()).then(|| Box::new(self))
    }
}

impl Indicator {
    /// The value as a reader writes it, with comparator and unit: `≥ 3000 个`, `下降 15 %`, `10–20 亿元`.
    pub fn display_value(&self) -> String {
        let number = match self.value_max {
            Some(max) => format!("{}–{}", self.value, max),
            None => self.value.to_string(),
        };
        // A rank reads as Chinese writes it: `第 20 位`, `20 强` (not `# 20 强`).
        if self.comparator == Comparator::Rank {
            return match self.unit.as_str() {
                "强" => format!("{number} 强"),
                unit => format!("第 {number} {unit}").trim_end().to_string(),
            };
        }
        let symbol = self.comparator.symbol();
        let mut out = String::new();
        if !symbol.is_empty() {
            out.push_str(symbol);
            out.push(' ');
        }
        out.push_str(&number);
        if !self.unit.is_empty() {
            out.push(' ');
            out.push_str(&self.unit);
        }
        out
    }

    /// The normalised value with its base unit: `10000 座`, `150000000000 元`.
    pub fn display_base_value(&self) -> String {
        let number = match self.base_value_max {
            Some(max) => format!("{}–{}", self.base_value, max),
            None => self.base_value.to_string(),
        };
        if self.base_unit.is_empty() {
            number
        } else {
            format!("{number} {}", self.base_unit)
        }
    }
}

/// A passage a curator marked as holding no indicator, with the reason.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Ignored {
    /// Its document.
    pub doc: DocId,
    /// The quote.
    pub quote: String,
    /// Why.
    pub reason: String,
    /// 1-based paragraph.
    pub paragraph: usize,
    /// Byte range in the document's text.
    pub span: Range<usize>,
}

/// What a record of the search buffer stands for (see [`Dataset::search_buffer`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchRecord {
    /// An indicator.
    Indicator(IndicatorId),
    /// A city's names.
    City(CityId),
    /// A theme's names.
    Theme(ThemeId),
}

/// The verified, indexed dataset: sealed, its fields private, built only by [`crate::load`] (so every value in
/// it has passed `check`) and read through its accessors.
#[derive(Debug, Clone)]
pub struct Dataset {
    cities: Vec<City>,
    themes: Vec<Theme>,
    metrics: Vec<Metric>,
    documents: Vec<Document>,
    indicators: Vec<Indicator>,
    ignored: Vec<Ignored>,
    /// Id → index, built on first use (`check` never needs it).
    by_id: std::sync::OnceLock<HashMap<SharedStr, IndicatorId>>,
    /// One record per indicator (its lower-cased name, English name, metric, unit, quote and note), then one per
    /// city and one per theme (Chinese and English name), fields joined by [`FIELD_SEPARATOR`], each record ended
    /// by a newline: one contiguous buffer a text filter scans in a single SIMD pass (see [`SearchRecord`]).
    /// Built on first use: `check`, `show` and a `list` without a text filter never scan it, and it is a quarter
    /// of the dataset's memory. The second part is the byte offset where each record starts: indicators, then
    /// cities, then themes.
    search: std::sync::OnceLock<(String, Vec<usize>)>,
    /// Every indicator's [`Keys`], built on first use (see `dataset/keys.rs`).
    keys: std::sync::OnceLock<Vec<Keys>>,
    /// Records set aside because a field still says `TODO` (see [`Unfinished`]).
    unfinished: Vec<Unfinished>,
    /// Which dataset this is, for a live reload's [`Splice`]: given anew by each load and each splice.
    lineage: u64,
}

impl Dataset {
    /// Assembles a dataset from verified parts; its indices (id lookup, search buffer) are built on first use.
    pub(crate) fn new(
        cities: Vec<City>,
        themes: Vec<Theme>,
        metrics: Vec<Metric>,
        documents: Vec<Document>,
        indicators: Vec<Indicator>,
        ignored: Vec<Ignored>,
    ) -> Dataset {
        let by_id = std::sync::OnceLock::new();
        let search = std::sync::OnceLock::new();
        let lineage = fresh_lineage();
        Dataset {
            cities,
            themes,
            metrics,
            documents,
            indicators,
            ignored,
            by_id,
            search,
            keys: std::sync::OnceLock::new(),
            unfinished: Vec::new(),
            lineage,
        }
    }

    /// The dataset with the drafts that were set aside while loading it.
    pub(crate) fn with_unfinished(mut self, unfinished: Vec<Unfinished>) -> Dataset {
        self.unfinished = unfinished;
        self
    }

    /// A dataset of nothing, left in the place of one whose tables are taken to build another.
    pub(crate) fn empty() -> Dataset {
        Dataset::new(Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new())
    }

    /// The same tables with the cities changed by `change` (the load cache's index fills in the ones a filter
    /// names); the indices built from them are built again on use.
    pub(crate) fn with_cities(mut self, change: impl FnOnce(&mut Vec<City>)) -> Dataset {
        change(&mut self.cities);
        Dataset::new(self.cities, self.themes, self.metrics, self.documents, self.indicators, self.ignored)
    }

    /// The same tables with other indicators and no ignored passages: the load cache's answer to a filter, made
    /// of the records it selected (each verified with the rest when the cache was written).
    pub(crate) fn with_indicators(self, indicators: Vec<Indicator>) -> Dataset {
        Dataset::new(self.cities, self.themes, self.metrics, self.documents, indicators, Vec::new())
    }

    /// The same cities, themes and metrics with other documents and indicators and no ignored passages: the
    /// load cache's answer when it read only the documents its records cite.
    pub(crate) fn with_records(self, documents: Vec<Document>, indicators: Vec<Indicator>) -> Dataset {
        Dataset::new(self.cities, self.themes, self.metrics, documents, indicators, Vec::new())
    }

    /// Assembles a dataset from parts that were **not** verified, for the explorer's hand-built test sample
    /// only; everything else gets a dataset from [`crate::load`]. Compiled only with the `test-support`
    /// feature, which the explorer enables for its tests alone, so no product build can make one.
    #[cfg(feature = "test-support")]
    pub fn unverified_for_tests(
        cities: Vec<City>,
        themes: Vec<Theme>,
        metrics: Vec<Metric>,
        documents: Vec<Document>,
        indicators: Vec<Indicator>,
        ignored: Vec<Ignored>,
    ) -> Dataset {
        Dataset::new(cities, themes, metrics, documents, indicators, ignored)
    }

    /// Cities, in file order.
    pub fn cities(&self) -> &[City] {
        &self.cities
    }

    /// Themes, in file order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// Metrics of the registry, in file order.
    pub fn metrics(&self) -> &[Metric] {
        &self.metrics
    }

    /// Documents, in file order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Indicators, by document in file order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// Passages deliberately not curated.
    pub fn ignored(&self) -> &[Ignored] {
        &self.ignored
    }

    /// Record `r` of the search buffer, without its newline: for indicator `r` (the first records are the
    /// indicators', in order), its lower-cased name, English name, metric, unit, quote and note, joined by
    /// [`FIELD_SEPARATOR`]; its city's and theme's names are records of their own (see [`SearchRecord`]).
    pub fn search_record(&self, r: usize) -> &str {
        let (text, starts) = self.search_buffer();
        let start = starts[r];
        let end = starts.get(r + 1).map_or(text.len(), |&e| e) - 1;
        &text[start..end]
    }

    /// What record `r` of the search buffer stands for.
    pub fn search_record_of(&self, r: usize) -> SearchRecord {
        let (n, c) = (self.indicators.len(), self.cities.len());
        if r < n {
            SearchRecord::Indicator(IndicatorId::new(r))
        } else if r < n + c {
            SearchRecord::City(CityId::new(r - n))
        } else {
            SearchRecord::Theme(ThemeId::new(r - n - c))
        }
    }

    /// The search record of indicator `id` (see [`Dataset::search_record`]): the indicators' records come first,
    /// in order, so its record has its position.
    pub fn haystack(&self, id: IndicatorId) -> &str {
        self.search_record(id.index())
    }

    /// The search buffer and where each record starts: every indicator, then every city, then every theme.
    pub fn search_buffer(&self) -> (&str, &[usize]) {
        let (text, starts) = self.search.get_or_init(|| self.build_search());
        (text, starts)
    }

    /// The indicator whose string id (`sy-5g-2025`) is `id`; [`Dataset::indicator_at`] takes its position.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.find_indicator(id).map(|i| self.indicator_at(i))
    }

    /// The position of the indicator whose string id is `id`.
    pub fn find_indicator(&self, id: &str) -> Option<IndicatorId> {
        self.by_id
            .get_or_init(|| self.indicator_ids().map(|i| (self.indicator_at(i).id.clone(), i)).collect())
            .get(id)
            .copied()
    }

    /// Indicator `id`.
    pub fn indicator_at(&self, id: IndicatorId) -> &Indicator {
        &self.indicators[id.index()]
    }

    /// Every indicator's id, in the dataset's order.
    pub fn indicator_ids(&self) -> impl ExactSizeIterator<Item = IndicatorId> + DoubleEndedIterator {
        (0..self.indicators.len()).map(IndicatorId::new)
    }

    /// Document `id`.
    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id.index()]
    }

    /// City `id`.
    pub fn city(&self, id: CityId) -> &City {
        &self.cities[id.index()]
    }

    /// Theme `id`.
    pub fn theme(&self, id: ThemeId) -> &Theme {
        &self.themes[id.index()]
    }

    /// Metric `id`.
    pub fn metric(&self, id: MetricId) -> &Metric {
        &self.metrics[id.index()]
    }

    /// Every document with its id, in file order.
    pub fn document_ids(&self) -> impl ExactSizeIterator<Item = DocId> {
        (0..self.documents.len()).map(DocId::new)
    }

    /// Every city's id, in file order.
    pub fn city_ids(&self) -> impl ExactSizeIterator<Item = CityId> {
        (0..self.cities.len()).map(CityId::new)
    }

    /// Every theme's id, in file order.
    pub fn theme_ids(&self) -> impl ExactSizeIterator<Item = ThemeId> {
        (0..self.themes.len()).map(ThemeId::new)
    }

    /// The document with this id (also accepts the source file's name, `004_65cc04307ce8a7c8.txt`, or its stem).
    pub fn find_document(&self, key: &str) -> Option<DocId> {
        self.documents
            .iter()
            .position(|d| d.id == key || d.file_name() == key || d.file_name().strip_suffix(".txt") == Some(key))
            .map(DocId::new)
    }

    /// The city named by its id, Chinese name or English name (case-insensitive; `沈阳市` also finds `沈阳`).
    pub fn find_city(&self, key: &str) -> Option<CityId> {
        let key = CityKey::new(key);
        self.cities.iter().position(|c| key.names(&c.id, &c.name, &c.name_en)).map(CityId::new)
    }

    /// The theme named by its id, Chinese name or English name (case-insensitive).
    pub fn find_theme(&self, key: &str) -> Option<ThemeId> {
        let key = key.trim();
        let lower = key.to_lowercase();
        self.themes
            .iter()
            .position(|t| t.id == lower || t.name == key || t.name_en.to_lowercase() == lower)
            .map(ThemeId::new)
    }

    /// The metric with this key.
    pub fn find_metric(&self, id: &str) -> Option<MetricId> {
        self.metrics.iter().position(|m| m.id == id).map(MetricId::new)
    }

    /// The snake_case key of indicator `ind`'s metric.
    pub fn metric_key(&self, ind: &Indicator) -> &str {
        &self.metrics[ind.metric.index()].id
    }

    /// The indicators of document `doc`, in order.
    pub fn indicators_of_document(&self, doc: DocId) -> impl Iterator<Item = IndicatorId> + '_ {
        self.indicator_ids().filter(move |&i| self.indicator_at(i).doc == doc)
    }
}

#[cfg(test)]
mod tests {
    use std::mem::size_of;

    use super::Indicator;
    use crate::decimal::Decimal;

    /// At 1,000 cities a dataset holds 100,000 indicators: every 100 bytes of an `Indicator` is 10 MB resident for
    /// the whole session, and the explorer's peak must stay within 2.5× the dataset's bytes on disk. 384 bytes is
    /// the size that budget was measured with (480 before the decimals were packed).
    #[test]
    fn an_indicator_and_its_five_decimals_stay_small() {
        assert_eq!(size_of::<Decimal>(), 20, "an i128 mantissa and a u32 scale, no padding");
        assert_eq!(size_of::<Option<Decimal>>(), 24);
        assert!(size_of::<Indicator>() <= 384, "Indicator grew to {} bytes", size_of::<Indicator>());
    }
}
