//! How figures read in a progress sentence: `1202 个`, `≥3000 个`, `40%`, `2022-2024`.

use crate::decimal::Decimal;
use crate::quantity::Comparator;

use super::{Figure, Measure};

/// A value with its unit: a space before a word unit (`3000 个`), none before a percent sign (`40%`).
pub fn amount(value: &str, unit: &str) -> String {
    if unit.is_empty() || unit.starts_with('%') {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

/// A record's figure as a reader writes it, comparator included: `≥3000 个`, `10–20 亿元`, `下降13.5%`.
pub fn figure(r: &Figure) -> String {
    let value = match (r.comparator, r.base_value_max) {
        (Comparator::Range, Some(max)) => format!("{}–{max}", r.base_value),
        (c, _) => format!("{}{}", c.symbol(), r.base_value),
    };
    amount(&value, r.unit)
}

/// An actual's value as it stands beside the target (`1202 of ≥3000 个`): bare, with its comparator only when the
/// figure is approximate or open (`>1200`).
pub fn actual_figure(r: &Figure, value: Decimal) -> String {
    match (r.measure, r.comparator) {
        (Measure::Change, _) => value.to_string(),
        (_, Comparator::Equal | Comparator::Range | Comparator::Increase | Comparator::Decrease) => value.to_string(),
        (_, c) => format!("{}{value}", c.symbol()),
    }
}

/// A ratio as a whole percentage: `0.4007` → `40%`.
pub fn percent(ratio: f64) -> String {
    format!("{:.0}%", ratio * 100.0)
}

/// A computed value for display: whole when it is (within rounding), else at most two decimals.
pub fn approx(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if (rounded - rounded.round()).abs() < 1e-9 {
        format!("{:.0}", rounded)
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// A span of years: `2022`, or `2022-2024`.
pub fn years((first, last): (i32, i32)) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    }
}
