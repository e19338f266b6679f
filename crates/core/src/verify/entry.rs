//! The rules one indicator entry is checked by on its own and against its metric in the registry — seven rules,
//! one function each: [`well_formed`] (its own fields), [`unit_converts`] (to the metric's unit),
//! [`theme_is_the_metric_s`], [`change_has_a_baseline`], [`rank_counts_places`], [`period_ends_in_year`] (the
//! measure's own demands) and [`as_of_in_year`] — with the syntax they share (dates, periods, snake_case keys).
//! One file, not one per rule: each is a few lines over the same two types, and the loader runs them together.

use crate::quantity::{normalize_unit, Comparator};
use crate::schema::{IndicatorEntry, Measure, MetricEntry};

use super::Problem;

/// The record's unit in the metric's terms: its base unit when it is the metric's unit or an alias of it, the
/// metric's unit when the source writes a bare multiplier (`10-20亿` on a metric in 元). Otherwise a problem.
pub fn unit_converts(unit: &str, metric: &MetricEntry) -> Result<(), Problem> {
    let base = normalize_unit(unit).base;
    if base.is_empty() || base == metric.unit || metric.aliases.contains(&base) {
        return Ok(());
    }
    let mut accepted = vec![format!("`{}`", metric.unit)];
    accepted.extend(metric.aliases.iter().map(|a| format!("`{a}`")));
    Err(Problem::new(
        "unit",
        format!("unit `{unit}` does not convert to `{}`, the unit of metric `{}`", metric.unit, metric.id),
    )
    .hint(format!(
        "records of a metric normalise to its unit ({}, with 万/亿 multipliers); use another metric or add an alias in data/metrics.yaml",
        accepted.join(", ")
    )))
}

/// A theme given on the record must be its metric's.
pub fn theme_is_the_metric_s(theme: Option<&str>, metric: &MetricEntry) -> Result<(), Problem> {
    match theme {
        Some(t) if t != metric.theme => Err(Problem::new(
            "theme",
            format!("theme `{t}` differs from `{}`, the theme of metric `{}`", metric.theme, metric.id),
        )
        .hint("the theme belongs to the metric: remove `theme:` from the record")),
        _ => Ok(()),
    }
}

/// A `change` is measured against something: a baseline year, a reference, or the wording of a rise or fall.
pub fn change_has_a_baseline(e: &IndicatorEntry, metric: &MetricEntry) -> Result<(), Problem> {
    let relative = e.baseline_year.is_some()
        || e.reference.is_some()
        || matches!(e.comparator, Comparator::Increase | Comparator::Decrease);
    if metric.measure == Measure::Change && !relative {
        return Err(Problem::new(
            "comparator",
            format!(
                "metric `{}` is a change, but this record says neither what it changes from nor which way",
                metric.id
            ),
        )
        .hint("give `baseline_year` (比2020年下降15%), `reference` (高于全国), or comparator increase/decrease"));
    }
    Ok(())
}

/// A `rank` counts places: its unit is 位, 名 or 强.
pub fn rank_counts_places(unit: &str, metric: &MetricEntry) -> Result<(), Problem> {
    if metric.measure == Measure::Rank && !["位", "名", "强"].contains(&normalize_unit(unit).base.as_str()) {
        return Err(Problem::new("unit", format!("metric `{}` is a rank, but the unit is `{unit}`", metric.id))
            .hint("a rank is written 第20位, 第3名 or 20强"));
    }
    Ok(())
}

/// `period` is `YYYY` or `YYYY-YYYY` (first year not after the last), ends in `year`, and goes only on a flow
/// or a change (which also run over years).
pub fn period_ends_in_year(e: &IndicatorEntry, metric: &MetricEntry) -> Result<(), Problem> {
    let Some(period) = e.period.as_deref() else { return Ok(()) };
    let Some((first, last)) = parse_period(period) else {
        return Err(Problem::new("period", format!("period `{period}` is not YYYY or YYYY-YYYY"))
            .hint("quote it if it is one year: period: \"2022\""));
    };
    if first > last {
        return Err(Problem::new("period", format!("period `{period}` runs backwards")));
    }
    if last != e.year {
        return Err(Problem::new("period", format!("period `{period}` does not end in the record's year {}", e.year))
            .hint(format!(
                "a flow is counted in the last year it covers: year: {last}, or period: {first}-{}",
                e.year
            )));
    }
    if !matches!(metric.measure, Measure::Flow | Measure::Change) {
        return Err(Problem::new(
            "period",
            format!(
                "metric `{}` is a {}, which stands at a moment and covers no period",
                metric.id,
                metric.measure.as_str()
            ),
        )
        .hint("use `as_of` for when a stock was measured"));
    }
    Ok(())
}

/// `as_of` is `YYYY-MM-DD` or `YYYY-MM` within the record's year.
pub fn as_of_in_year(e: &IndicatorEntry) -> Result<(), Problem> {
    let Some(as_of) = e.as_of.as_deref() else { return Ok(()) };
    let parts: Vec<&str> = as_of.split('-').collect();
    let num = |s: &str, len: usize, lo: u32, hi: u32| {
        s.len() == len
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    let ok = match parts.as_slice() {
        [y, m] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    };
    if !ok {
        return Err(Problem::new("as_of", format!("as_of `{as_of}` is not YYYY-MM-DD or YYYY-MM")));
    }
    if parts[0] != e.year.to_string() {
        return Err(Problem::new("as_of", format!("as_of `{as_of}` is not in the record's year {}", e.year)));
    }
    Ok(())
}

/// The record's own fields make sense: a snake_case metric key, plausible years, a baseline year before the
/// year, `value_max` exactly with `range`, no empty id or name.
pub fn well_formed(e: &IndicatorEntry) -> Vec<Problem> {
    let mut out = Vec::new();
    if !is_snake_case(&e.metric) {
        out.push(
            Problem::new("metric", format!("metric `{}` is not a snake_case key", e.metric))
                .hint("use lowercase ASCII letters, digits and underscores, e.g. 5g_base_stations"),
        );
    }
    if !(1949..=2100).contains(&e.year) {
        out.push(Problem::new("year", format!("year {} is not plausible", e.year)));
    }
    if let Some(b) = e.baseline_year {
        if !(1949..=2100).contains(&b) || b > e.year {
            out.push(Problem::new("baseline_year", format!("baseline year {b} is not before the year {}", e.year)));
        }
    }
    if e.value_max.is_some() != (e.comparator == Comparator::Range) {
        out.push(
            Problem::new("comparator", "`value_max` goes with `comparator: range`, and only with it")
                .hint("a range needs both `value` and `value_max`"),
        );
    }
    for (key, s) in [("id", &e.id), ("name", &e.name), ("name_en", &e.name_en)] {
        if s.trim().is_empty() {
            out.push(Problem::new(key, format!("`{key}` is empty")));
        }
    }
    out
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible numbers.
pub fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize, lo: u32, hi: u32| {
        s.len() == len
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1900, 2100),
        [y, m] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

/// Lowercase ASCII letters, digits and underscores, not starting or ending with `_`.
pub fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `YYYY` or `YYYY-YYYY` as (first, last).
pub fn parse_period(s: &str) -> Option<(i32, i32)> {
    let year =
        |p: &str| (p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<i32>().ok()).flatten();
    match s.split_once('-') {
        None => year(s).map(|y| (y, y)),
        Some((a, b)) => Some((year(a)?, year(b)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Better;

    fn metric(measure: Measure, unit: &str, aliases: &[&str]) -> MetricEntry {
        MetricEntry {
            id: "m".into(),
            name: "指标".into(),
            name_en: "metric".into(),
            theme: "t".into(),
            measure,
            unit: unit.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            names: Vec::new(),
            better: Better::Higher,
            description: None,
        }
    }

    #[test]
    fn units_convert_through_multipliers_and_aliases_only() {
        let stations = metric(Measure::Stock, "个", &["座"]);
        assert!(unit_converts("万座", &stations).is_ok());
        assert!(unit_converts("个", &stations).is_ok());
        assert_eq!(unit_converts("公里", &stations).map_err(|p| p.key), Err("unit"));
        let money = metric(Measure::Flow, "元", &[]);
        assert!(unit_converts("亿", &money).is_ok(), "a bare multiplier takes the metric's unit");
        assert!(unit_converts("%", &money).is_err());
    }

    #[test]
    fn dates_and_metric_keys() {
        assert!(valid_date("2020") && valid_date("2020-05") && valid_date("2023-05-06"));
        assert!(!valid_date("2023-5-6") && !valid_date("2023年") && !valid_date("2023-13-01"));
        assert!(is_snake_case("5g_base_stations"));
        assert!(!is_snake_case("5G-base") && !is_snake_case("_x"));
    }

    #[test]
    fn periods_parse_and_end_in_the_year() {
        assert_eq!(parse_period("2022-2024"), Some((2022, 2024)));
        assert_eq!(parse_period("2022"), Some((2022, 2022)));
        assert_eq!(parse_period("22-24"), None);
        assert_eq!(parse_period("2022年"), None);
    }
}
