//! The YAML schema: the serde types of `data/`, exactly as a curator writes them.
//!
//! These types are the schema: every field here is documented in the README's "Data format" section, unknown
//! fields are rejected, and nothing computed (city of an indicator, paragraph numbers, spans, normalised values)
//! appears here. The verified, computed form lives in [`crate::dataset`].

use serde::Deserialize;

use crate::decimal::Decimal;
use crate::quantity::Comparator;

/// A city, from `data/cities.yaml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CityEntry {
    /// Stable lowercase id used in references and on the command line (`shenyang`).
    pub id: String,
    /// Chinese name (`沈阳`).
    pub name: String,
    /// English name (`Shenyang`).
    pub name_en: String,
    /// Province in Chinese (`辽宁`).
    pub province: String,
    /// Province in English (`Liaoning`).
    pub province_en: String,
}

/// A theme of the taxonomy, from `data/themes.yaml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeEntry {
    /// Stable id (`digital-infrastructure`).
    pub id: String,
    /// Chinese name (`数字基础设施`).
    pub name: String,
    /// English name (`Digital infrastructure`).
    pub name_en: String,
    /// One line saying what belongs here.
    pub description: String,
}

/// A source document, from `data/documents.yaml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// Stable id (`xuzhou-2020-new-infrastructure-opinions`).
    pub id: String,
    /// Path of the source text relative to the dataset root (`seeds/004_65cc04307ce8a7c8.txt`).
    pub source: String,
    /// Id of the city that issued it.
    pub city: String,
    /// Chinese title as the document gives it.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Issuing body in Chinese.
    pub issuer: String,
    /// Issuing body in English.
    pub issuer_en: String,
    /// Date of issue or publication, `YYYY-MM-DD`.
    pub date: String,
    /// What kind of document it is: `proposal-reply`, `news-report`, `work-plan`, `policy-opinions`, ….
    pub kind: String,
    /// SHA-256 of the source file's bytes as curated, `sha256:` followed by 64 lowercase hex digits.
    #[serde(default)]
    pub sha256: Option<String>,
    /// Optional free-text note (provenance, caveats).
    #[serde(default)]
    pub note: Option<String>,
}

/// What kind of quantity a metric is (see README, "Metrics").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// An amount standing at a moment (base stations in service).
    Stock,
    /// An amount over a period (stations newly built in 2022, output value of a year).
    Flow,
    /// A percentage of a whole (green-travel share).
    Share,
    /// A growth or reduction against a baseline (能耗下降13.5%, 年均增长8%).
    Change,
    /// Any other rate or intensity at a moment.
    Level,
    /// A position in a ranking.
    Rank,
}

impl Measure {
    /// Every measure, in the order the README lists them.
    pub const ALL: [Measure; 6] =
        [Measure::Stock, Measure::Flow, Measure::Share, Measure::Change, Measure::Level, Measure::Rank];

    /// `stock`, `flow`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Stock => "stock",
            Measure::Flow => "flow",
            Measure::Share => "share",
            Measure::Change => "change",
            Measure::Level => "level",
            Measure::Rank => "rank",
        }
    }
}

/// Which direction of a metric is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    /// More is better.
    Higher,
    /// Less is better.
    Lower,
}

impl Better {
    /// `higher` or `lower`.
    pub fn as_str(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
        }
    }
}

/// A metric of the registry, from `data/metrics.yaml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricEntry {
    /// Snake_case key every indicator of this metric names (`5g_base_stations`).
    pub id: String,
    /// Chinese name (`5G基站(累计)`).
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Theme id; every indicator of the metric belongs to it.
    pub theme: String,
    /// What kind of quantity it is.
    pub measure: Measure,
    /// The unit every record normalises to, without multiplier (`个`, `元`, `%`).
    pub unit: String,
    /// Other counting words for the same unit (`座` for base stations).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Other names documents use for the same indicator (`GDP`, `经济总量` for 地区生产总值): drafting matches
    /// them as it matches the name.
    #[serde(default)]
    pub names: Vec<String>,
    /// Which direction is good news.
    pub better: Better,
    /// Optional description.
    #[serde(default)]
    pub description: Option<String>,
}

/// How firm a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A plain figure (the default).
    #[default]
    Firm,
    /// An aspiration: 力争, 争取, 努力.
    Stretch,
    /// A provisional figure: 预计, 初步统计.
    Estimate,
}

impl Status {
    /// `firm`, `stretch` or `estimate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Firm => "firm",
            Status::Stretch => "stretch",
            Status::Estimate => "estimate",
        }
    }
}

/// Whether a figure is a goal or a reported result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A goal the document sets for a future year.
    Target,
    /// A figure the document reports as achieved.
    Actual,
}

impl Kind {
    /// `target` or `actual`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Target => "target",
            Kind::Actual => "actual",
        }
    }
}

/// One indicator, an entry of `indicators:` in a file under `data/indicators/`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorEntry {
    /// Stable, unique id (`xz2020-5g-new`).
    pub id: String,
    /// Snake_case key shared by every indicator that measures the same thing (`5g_base_stations`).
    pub metric: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Theme id; optional, the metric's theme when absent (and it must equal it when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// `target` or `actual`.
    pub kind: Kind,
    /// How the figure relates to its value.
    pub comparator: Comparator,
    /// The number as written in the quote (before the multiplier in `unit`).
    pub value: Decimal,
    /// Upper end, for ranges only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<Decimal>,
    /// Unit as written, multiplier included (`万座`, `亿元`, `%`, `个百分点`).
    pub unit: String,
    /// Target year, or the year a reported figure refers to.
    pub year: i32,
    /// Year the figure is measured against (`比2020年下降15%` → 2020).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_year: Option<i32>,
    /// Value at the baseline year, when the document gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_value: Option<Decimal>,
    /// The exact text of the source that contains the number.
    pub quote: String,
    /// 1-based paragraph number; needed only when the quote occurs more than once in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// `firm` (default), `stretch` (力争) or `estimate` (预计).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// When an actual was measured, `YYYY-MM-DD` or `YYYY-MM`; default the end of `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The years a flow covers, `YYYY` or `YYYY-YYYY`, ending in `year`; default `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The part of the city the figure covers (a district, a park); default the whole city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// What a relative figure is measured against (`全国`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Id of the firm figure this stretch figure goes beyond.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stretch_of: Option<String>,
    /// Id of the figure a later document revises with this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
    /// Id of the figure this one repeats (counted once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restates: Option<String>,
    /// Optional note (stock vs new construction, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One file under `data/indicators/`: the indicators of one document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    /// Id of the document every indicator in this file cites.
    pub document: String,
    /// The indicators, in reading order of the document.
    #[serde(default)]
    pub indicators: Vec<IndicatorEntry>,
    /// Quantities in the document deliberately not curated, each with its reason.
    #[serde(default)]
    pub ignored: Vec<IgnoredEntry>,
}

/// A passage whose quantities a curator looked at and chose not to curate (shown by `candidates` no more).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoredEntry {
    /// Exact text of the source; every quantity inside it is accounted for.
    pub quote: String,
    /// Why these figures are not indicators (`national figure`, `count of policy clauses`, …).
    pub reason: String,
    /// 1-based paragraph number; needed only when the quote occurs more than once.
    #[serde(default)]
    pub paragraph: Option<usize>,
}
