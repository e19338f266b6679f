//! Comparing the records of one metric across cities and years: the rows in order (city, then year) and a note
//! wherever rows differ in what they cover (scope), how firm they are (status) or the years they span (period),
//! so that a table or a chart never mixes them silently.

use std::collections::BTreeMap;

use super::text::years;
use super::{Figure, Measure};

/// The records of a metric in order, with the notes a reader needs before comparing them.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'r, 'a> {
    /// Every record given, ordered by city, then year (records of the same city and year keep their order).
    pub rows: Vec<&'r Figure<'a>>,
    /// One sentence per way the rows differ, naming the rows; empty when they are alike.
    pub notes: Vec<String>,
}

/// How many ids a note names before it says "and N more".
const IDS_NAMED: usize = 4;

/// Orders `records` (meant to be the records of one metric) by city and year, and notes where they differ in
/// metric, scope, status or period.
pub fn compare<'r, 'a>(records: &'r [Figure<'a>]) -> Comparison<'r, 'a> {
    let mut rows: Vec<&Figure> = records.iter().collect();
    rows.sort_by(|a, b| a.city.cmp(b.city).then(a.year.cmp(&b.year)));
    let mut notes = Vec::new();
    let metrics = groups(&rows, |r| r.metric);
    if metrics.len() > 1 {
        notes.push(format!(
            "rows come from {} metrics: {}; compare one metric at a time",
            metrics.len(),
            list(&metrics, |m| m.to_string())
        ));
    }
    let scopes = groups(&rows, |r| r.scope);
    if scopes.len() > 1 {
        notes.push(format!(
            "rows cover different scopes: {}; figures of different scopes are not comparable",
            list(&scopes, |s| s.map_or("the whole city".to_string(), str::to_string))
        ));
    }
    let statuses = groups(&rows, |r| r.status);
    if statuses.len() > 1 {
        notes.push(format!(
            "rows mix {} figures: {}; a stretch target is an aspiration and an estimate is not a final figure",
            and(statuses.keys().map(|s| s.as_str()).collect()),
            list(&statuses, |s| s.as_str().to_string())
        ));
    }
    let periods = groups(&rows, |r| match (r.measure, r.period) {
        (Measure::Flow | Measure::Change, _) => Some(r.years()),
        (_, period) => period,
    });
    if periods.len() > 1 {
        notes.push(format!(
            "rows cover different periods: {}; a figure over several years is not a yearly one",
            list(&periods, |p| p.map_or("a moment".to_string(), years))
        ));
    }
    Comparison { rows, notes }
}

/// The ids of `rows` grouped by `key`, each group in row order.
fn groups<'a, K: Ord>(rows: &[&Figure<'a>], key: impl Fn(&Figure<'a>) -> K) -> BTreeMap<K, Vec<&'a str>> {
    let mut out: BTreeMap<K, Vec<&'a str>> = BTreeMap::new();
    for r in rows {
        out.entry(key(r)).or_default().push(r.id);
    }
    out
}

/// `2022 (a, b), 2022-2024 (c)`, each group named by `label`, naming at most [`IDS_NAMED`] ids per group.
fn list<K>(groups: &BTreeMap<K, Vec<&str>>, label: impl Fn(&K) -> String) -> String {
    let named = |ids: &Vec<&str>| {
        let shown = ids.iter().take(IDS_NAMED).copied().collect::<Vec<_>>().join(", ");
        match ids.len().saturating_sub(IDS_NAMED) {
            0 => shown,
            more => format!("{shown} and {more} more"),
        }
    };
    groups.iter().map(|(k, ids)| format!("{} ({})", label(k), named(ids))).collect::<Vec<_>>().join(", ")
}

/// `a, b and c`.
fn and(words: Vec<&str>) -> String {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.concat(),
    }
}
