//! Progress of a target: pairing each target with the actuals of the same metric, city and scope, and saying
//! whether it is `met`, `missed`, `on-track`, `behind`, `in-progress` or without data, with a sentence a reader
//! can check. Also [`compare`]: the records of one metric across cities and years, with notes where rows differ.
//!
//! The rules (the README's "Tracking targets" says them for users):
//! - A target is paired with every actual of the same metric, city and scope (`None` = the whole city). A target
//!   another record `supersedes` is not tracked; a record that `restates` another present record is counted once
//!   (the original counts, the restatement is dropped), and an actual another one supersedes is dropped too.
//! - The deadline is the end of the target's year. An actual without `as_of` is dated at the end of its year.
//! - **stock, share, level, rank:** the latest actual dated no later than the deadline decides. Dated at the
//!   deadline, `met` or `missed` by the comparator; earlier, `met` if it already satisfies the target, otherwise
//!   `on-track`/`behind` by whether it is on or past the straight path drawn from the earliest actual dated within
//!   the target's years (from 1 January of its document's year) to the target at the deadline, and `in-progress`
//!   when there is no such earlier actual. `equal` (达到), `about`, `rank`, `increase` and `decrease` mean "at least
//!   the value" when better is higher and "at most" when lower; a range means reaching its near end (the lower
//!   end when better is higher, the upper when lower).
//! - **flow:** an actual counts when its period (default: its year) is the target's period (default: its year):
//!   then `met` or `missed`, unless the actual is dated before its period ends (a part-year figure: `in-progress`).
//!   For a multi-year target, actuals of consecutive parts of the period, starting at its first year, add up; the
//!   target is `in-progress` until they cover the whole period. A figure of one year never decides a multi-year
//!   target.
//! - **change:** a target is judged only against an actual change with the same baseline year and the same period
//!   (default: its year); otherwise `no-data`, saying why not. A change is signed by its comparator (`decrease`
//!   is negative) and `better` applies to the signed change.
//! - No actual: `no-data`. Stretch targets are tracked like firm ones and labelled stretch in `why`; an estimated
//!   figure is labelled `(estimate)`.
//!
//! Links (`supersedes`, `restates`) are taken as `check` leaves them: resolved, within one metric, city and kind,
//! and free of cycles.
//!
//! Arithmetic on the figures is exact ([`Decimal`]); only `achieved` (a ratio rounded to four places) and the
//! position of a straight path, as printed, are floating point.
//!
//! The rules work on a small input type, [`Figure`]: one verified indicator with its metric's measure, better
//! direction and unit, values in that unit. [`figures`] builds them from a [`Dataset`](crate::Dataset), and
//! [`Index`] computes the progress of every target of a dataset once, for lookups by indicator (the explorer:
//! a target's progress, the targets an actual counts toward). Measure, better direction and status are the
//! schema's own types ([`crate::schema`]); only [`Date`] is this module's, as the schema keeps `as_of` as written.
//!
//! ```
//! use zhibiao_core::decimal::Decimal;
//! use zhibiao_core::schema::Kind;
//! use zhibiao_core::progress::{progress, Better, Date, Measure, ProgressStatus, Figure, Status};
//! use zhibiao_core::quantity::Comparator;
//!
//! let target = Figure {
//!     id: "sy2020-5g-stations-target", kind: Kind::Target, metric: "5g_base_stations", city: "shenyang",
//!     scope: None, year: 2020, doc_year: 2020, comparator: Comparator::AtLeast,
//!     base_value: Decimal::from_int(3000), base_value_max: None, unit: "个", measure: Measure::Stock,
//!     better: Better::Higher, status: Status::Stretch, as_of: None, period: None, baseline_year: None,
//!     supersedes: None, restates: None,
//! };
//! let in_service = Figure {
//!     id: "sy2020-5g-stations", kind: Kind::Actual, comparator: Comparator::Equal,
//!     base_value: Decimal::from_int(1202), status: Status::Firm, as_of: Date::parse("2020-05-28").ok(),
//!     ..target.clone()
//! };
//! let p = &progress(&[target, in_service])[0];
//! assert_eq!(p.status, ProgressStatus::InProgress);
//! assert_eq!(p.achieved, Some(0.4007));
//! assert!(p.why.contains("1202 of ≥3000 个 (40%) as of 2020-05-28"));
//! ```

mod compare;
mod date;
mod index;
mod rules;
mod text;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

pub use compare::{compare, Comparison};
pub use date::{Date, ParseDateError};
pub use index::{dated, figure, figures, for_target, of_dataset, Index, Tracked};

pub use crate::schema::{Better, Measure, Status};

use crate::decimal::Decimal;
use crate::quantity::Comparator;
use crate::schema::Kind;

/// One verified indicator as progress needs it; values are in the metric's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure<'a> {
    /// The indicator's id.
    pub id: &'a str,
    /// Target or actual.
    pub kind: Kind,
    /// The metric id.
    pub metric: &'a str,
    /// The city id.
    pub city: &'a str,
    /// The part of the city the figure covers; `None` is the whole city.
    pub scope: Option<&'a str>,
    /// The target year, or the year an actual refers to.
    pub year: i32,
    /// The year of the document the figure comes from (where a target's years begin).
    pub doc_year: i32,
    /// How the figure relates to its value.
    pub comparator: Comparator,
    /// The value in the metric's unit.
    pub base_value: Decimal,
    /// The upper end of a range, in the metric's unit.
    pub base_value_max: Option<Decimal>,
    /// The metric's unit (`个`, `亿元`, `%`).
    pub unit: &'a str,
    /// What the metric measures.
    pub measure: Measure,
    /// The metric's better direction.
    pub better: Better,
    /// Firm, stretch or estimate.
    pub status: Status,
    /// When the figure was measured; `None` is the end of `year`.
    pub as_of: Option<Date>,
    /// The years a flow or a change covers, first and last; `None` is `year` alone.
    pub period: Option<(i32, i32)>,
    /// The year a change is measured against.
    pub baseline_year: Option<i32>,
    /// The id of the record this one revises.
    pub supersedes: Option<&'a str>,
    /// The id of the record this one repeats.
    pub restates: Option<&'a str>,
}

impl Figure<'_> {
    /// The date the figure stands at: `as_of`, or the end of its year.
    pub fn date(&self) -> Date {
        self.as_of.unwrap_or(Date::end_of_year(self.year))
    }

    /// The years the figure covers: `period`, or its year alone.
    pub fn years(&self) -> (i32, i32) {
        self.period.unwrap_or((self.year, self.year))
    }

    /// The unit of a gap (target − actual) on this record's metric: `百分点` (percentage points) for a share or a
    /// change in percent, the metric's unit otherwise.
    pub fn gap_unit(&self) -> &str {
        gap_unit(self.measure, self.unit)
    }
}

/// The unit of a gap on a metric of this measure and unit: `百分点` for a share or a change in percent, the unit
/// otherwise.
pub fn gap_unit(measure: Measure, unit: &str) -> &str {
    match measure {
        Measure::Share => "百分点",
        Measure::Change if unit == "%" => "百分点",
        _ => unit,
    }
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProgressStatus {
    /// Reached (at the deadline, or already before it).
    Met,
    /// Not reached by the deadline.
    Missed,
    /// Before the deadline, on or past the straight path to the target.
    OnTrack,
    /// Before the deadline, short of the straight path to the target.
    Behind,
    /// Some figures, but not enough to judge.
    InProgress,
    /// No figure that can be set against the target.
    NoData,
}

impl ProgressStatus {
    /// Every status, in the order of the issue.
    pub const ALL: [ProgressStatus; 6] = [
        ProgressStatus::Met,
        ProgressStatus::Missed,
        ProgressStatus::OnTrack,
        ProgressStatus::Behind,
        ProgressStatus::InProgress,
        ProgressStatus::NoData,
    ];

    /// `met`, `missed`, `on-track`, `behind`, `in-progress` or `no-data`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgressStatus::Met => "met",
            ProgressStatus::Missed => "missed",
            ProgressStatus::OnTrack => "on-track",
            ProgressStatus::Behind => "behind",
            ProgressStatus::InProgress => "in-progress",
            ProgressStatus::NoData => "no-data",
        }
    }
}

impl std::fmt::Display for ProgressStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// The progress of one target. Serialises with exactly the keys `target, city, metric, year, status, actual,
/// achieved, gap, why`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress<'a> {
    /// The target's id.
    pub target: &'a str,
    /// The target's city id.
    pub city: &'a str,
    /// The metric id.
    pub metric: &'a str,
    /// The target year.
    pub year: i32,
    /// Where the target stands.
    pub status: ProgressStatus,
    /// The id of the actual that decides (for a flow added up from parts, the last part), or `None`.
    pub actual: Option<&'a str>,
    /// Actual ÷ target in the metric's unit, rounded to four places; `None` without an actual or for a zero
    /// target.
    pub achieved: Option<f64>,
    /// Target − actual, in the metric's unit (percentage points for a share); `None` without an actual.
    pub gap: Option<Decimal>,
    /// One sentence a reader can check against the records.
    pub why: String,
    /// Every actual that counted: the decisive one, the start of a straight path, the parts of a flow.
    #[serde(skip)]
    pub counted: Vec<&'a str>,
    /// The target is a stretch target (labelled in `why`).
    #[serde(skip)]
    pub stretch: bool,
    /// The target or the deciding figure is an estimate (labelled in `why`).
    #[serde(skip)]
    pub estimate: bool,
}

impl Progress<'_> {
    /// The short form for a table's progress column: `met`, `missed 83%`, `on-track 70%`, `behind 60%`, `40%`
    /// (in progress), `no-data`; the percentage is `achieved`.
    pub fn label(&self) -> String {
        label(self.status, self.achieved)
    }
}

/// The short form of a status and an achieved ratio (see [`Progress::label`]).
pub fn label(status: ProgressStatus, achieved: Option<f64>) -> String {
    let pct = achieved.map(|r| format!("{:.0}%", r * 100.0));
    match (status, pct) {
        (ProgressStatus::Met | ProgressStatus::NoData, _) | (_, None) => status.as_str().to_string(),
        (ProgressStatus::InProgress, Some(pct)) => pct,
        (status, Some(pct)) => format!("{status} {pct}"),
    }
}

/// The targets an actual counts toward among `results`: those whose progress it decides or helps decide (the
/// start of a straight path, a part of a flow), in the order of `results`.
pub fn counts_toward<'a>(actual_id: &str, results: &[Progress<'a>]) -> Vec<&'a str> {
    results.iter().filter(|p| p.counted.contains(&actual_id)).map(|p| p.target).collect()
}

/// The records that count: without those another record supersedes, and without restatements of a record that
/// is present (the original counts once).
pub fn counted<'r, 'a>(records: &'r [Figure<'a>]) -> Vec<&'r Figure<'a>> {
    let superseded: HashSet<&str> = records.iter().filter_map(|r| r.supersedes).collect();
    let restated: HashSet<&str> = records.iter().filter_map(|r| r.restates).collect();
    let present: HashSet<&str> = records.iter().map(|r| r.id).filter(|id| restated.contains(id)).collect();
    records
        .iter()
        .filter(|r| !superseded.contains(r.id))
        .filter(|r| !r.restates.is_some_and(|o| present.contains(o)))
        .collect()
}

/// The progress of every tracked target among `records`, in their order. Records of any metrics and cities may
/// be mixed; each target is paired only with actuals of its own metric, city and scope.
pub fn progress<'a>(records: &[Figure<'a>]) -> Vec<Progress<'a>> {
    let live = counted(records);
    let mut actuals: HashMap<(&str, &str, Option<&str>), Vec<&Figure<'a>>> = HashMap::new();
    for a in live.iter().filter(|a| a.kind == Kind::Actual) {
        actuals.entry((a.metric, a.city, a.scope)).or_default().push(a);
    }
    live.iter()
        .filter(|t| t.kind == Kind::Target)
        .map(|t| rules::judge(t, actuals.get(&(t.metric, t.city, t.scope)).map_or(&[], Vec::as_slice)))
        .collect()
}

/// The progress of one target against the records it may be paired with, or `None` when `target_id` is not a
/// tracked target among `records` (unknown, an actual, superseded, or a restatement).
pub fn progress_of<'a>(target_id: &str, records: &[Figure<'a>]) -> Option<Progress<'a>> {
    let live = counted(records);
    let t = live.iter().find(|r| r.id == target_id && r.kind == Kind::Target)?;
    let actuals: Vec<&Figure<'a>> = live
        .iter()
        .copied()
        .filter(|a| a.kind == Kind::Actual && a.metric == t.metric && a.city == t.city && a.scope == t.scope)
        .collect();
    Some(rules::judge(t, &actuals))
}
