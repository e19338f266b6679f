//! The status rules of one target against its paired actuals: at a moment (stock, share, level, rank), over a
//! period (flow), and against a baseline (change). See the module documentation of `progress` for the rules.

use std::cmp::Ordering;

use crate::decimal::Decimal;
use crate::quantity::Comparator;

use super::text::{actual_figure, approx, figure, percent, years};
use super::{Better, Date, Figure, Measure, Progress, ProgressStatus, Status};

/// What an evaluator found; [`judge`] turns it into a [`Progress`].
struct Finding<'r, 'a> {
    status: ProgressStatus,
    /// The deciding actual.
    actual: Option<&'r Figure<'a>>,
    /// The value set against the target (a sum for a flow added up from parts; signed for a change).
    value: Option<Decimal>,
    /// Every actual that counted.
    counted: Vec<&'a str>,
    /// The sentence after the status.
    detail: String,
}

impl<'a> Finding<'_, 'a> {
    fn no_data(detail: String) -> Self {
        Finding { status: ProgressStatus::NoData, actual: None, value: None, counted: Vec::new(), detail }
    }
}

/// The progress of target `t` against `actuals`, already restricted to its metric, city and scope.
pub fn judge<'a>(t: &Figure<'a>, actuals: &[&Figure<'a>]) -> Progress<'a> {
    let found = match t.measure {
        Measure::Stock | Measure::Share | Measure::Level | Measure::Rank => at_a_moment(t, actuals),
        Measure::Flow => over_a_period(t, actuals),
        Measure::Change => against_a_baseline(t, actuals),
    };
    let bound = bound(t);
    let achieved = found.value.and_then(|v| ratio(v, bound)).map(|r| (r * 10_000.0).round() / 10_000.0);
    let gap = found.value.and_then(|v| bound.checked_sub(v));
    let estimates: Vec<&str> = actuals
        .iter()
        .filter(|a| a.status == Status::Estimate && found.counted.contains(&a.id))
        .map(|a| a.id)
        .collect();
    let estimate = match estimates.as_slice() {
        [] => String::new(),
        [one] => format!("; {one} is an estimate"),
        many => format!("; {} are estimates", many.join(", ")),
    };
    let mut labels = String::new();
    match t.status {
        Status::Stretch => labels.push_str(" (stretch target)"),
        Status::Estimate => labels.push_str(" (estimated target)"),
        Status::Firm => {}
    }
    Progress {
        target: t.id,
        city: t.city,
        metric: t.metric,
        year: t.year,
        status: found.status,
        actual: found.actual.map(|a| a.id),
        achieved,
        gap,
        why: format!("{}{labels} — {}{estimate}", found.status, found.detail),
        counted: found.counted,
        stretch: t.status == Status::Stretch,
        estimate: t.status == Status::Estimate || !estimates.is_empty(),
    }
}

/// The value of a figure as set against a target: signed for a change (a decrease is negative).
fn signed(r: &Figure) -> Decimal {
    if r.measure == Measure::Change && r.comparator == Comparator::Decrease {
        Decimal::ZERO.checked_sub(r.base_value).unwrap_or(r.base_value)
    } else {
        r.base_value
    }
}

/// The value a target must reach: its value, the near end of a range, signed for a change.
fn bound(t: &Figure) -> Decimal {
    match (t.comparator, t.base_value_max) {
        (Comparator::Range, Some(max)) if direction(t) == Better::Lower => max,
        _ => signed(t),
    }
}

/// Which way a target points: its comparator's way when it has one (`以上` up, `以内` down), else the metric's.
fn direction(t: &Figure) -> Better {
    match t.comparator {
        Comparator::AtLeast | Comparator::MoreThan => Better::Higher,
        Comparator::AtMost | Comparator::LessThan => Better::Lower,
        _ => t.better,
    }
}

/// Whether `value` satisfies the target: strictly for `more-than`/`less-than`, otherwise reaching the bound in
/// the target's direction (`equal` on 达到 means at least it when better is higher, at most when lower).
fn satisfies(value: Decimal, t: &Figure) -> bool {
    let b = bound(t);
    match t.comparator {
        Comparator::MoreThan => value > b,
        Comparator::LessThan => value < b,
        _ => match direction(t) {
            Better::Higher => value >= b,
            Better::Lower => value <= b,
        },
    }
}

fn ratio(value: Decimal, bound: Decimal) -> Option<f64> {
    (bound != Decimal::ZERO).then(|| value.to_f64() / bound.to_f64())
}

/// `1202 of ≥3000 个 (40%)`.
fn standing(t: &Figure, a: &Figure, value: Decimal) -> String {
    let pct = ratio(value, bound(t)).map(|r| format!(" ({})", percent(r))).unwrap_or_default();
    format!("{} of {}{pct}", actual_figure(a, value), figure(t))
}

/// ` as of 2020-05-28`.
fn dated(a: &Figure) -> String {
    format!(" as of {}", a.date())
}

/// The later of two actuals by date; at the same date a firm figure before an estimate.
fn later(a: &&Figure, b: &&Figure) -> Ordering {
    a.date().cmp(&b.date()).then((a.status != Status::Estimate).cmp(&(b.status != Status::Estimate)))
}

fn nothing_for(t: &Figure) -> String {
    let scope = t.scope.map(|s| format!(" ({s})")).unwrap_or_default();
    format!("no actual of {} for {}{scope}", t.metric, t.city)
}

/// Stock, share, level and rank: the latest actual by the deadline decides; before it, a straight path.
fn at_a_moment<'r, 'a>(t: &Figure<'a>, actuals: &[&'r Figure<'a>]) -> Finding<'r, 'a> {
    let deadline = Date::end_of_year(t.year);
    let by_deadline: Vec<&Figure> = actuals.iter().copied().filter(|a| a.date() <= deadline).collect();
    let Some(latest) = by_deadline.iter().copied().max_by(later) else {
        return Finding::no_data(match actuals.iter().copied().min_by(later) {
            Some(first) => {
                format!("no figure dated by the {deadline} deadline; the first is {} as of {}", first.id, first.date())
            }
            None => nothing_for(t),
        });
    };
    let value = latest.base_value;
    let fig = format!("{}{}", standing(t, latest, value), dated(latest));
    let decided =
        |status, detail| Finding { status, actual: Some(latest), value: Some(value), counted: vec![latest.id], detail };
    if latest.date() == deadline {
        let status = if satisfies(value, t) { ProgressStatus::Met } else { ProgressStatus::Missed };
        return decided(status, format!("{fig}, the deadline"));
    }
    if satisfies(value, t) {
        return decided(ProgressStatus::Met, format!("{fig}, before the {deadline} deadline"));
    }
    let start = Date::start_of_year(t.doc_year);
    let first = by_deadline.iter().copied().filter(|a| a.date() >= start && a.date() < latest.date()).min_by(later);
    let Some(first) = first else {
        return decided(ProgressStatus::InProgress, format!("{fig}; no earlier figure to judge the pace"));
    };
    let (s, b) = (first.base_value, bound(t));
    let total = deadline.days_since_epoch() - first.date().days_since_epoch();
    let elapsed = latest.date().days_since_epoch() - first.date().days_since_epoch();
    let on_track = on_or_past_path(value, s, b, elapsed, total, direction(t));
    let path = s.to_f64() + (b.to_f64() - s.to_f64()) * elapsed as f64 / total as f64;
    let detail = format!(
        "{fig}; the straight path from {s} ({}) to {b} ({deadline}) stands at {} on that date",
        first.date(),
        approx(path)
    );
    let status = if on_track { ProgressStatus::OnTrack } else { ProgressStatus::Behind };
    Finding { status, actual: Some(latest), value: Some(value), counted: vec![latest.id, first.id], detail }
}

/// Whether `value`, `elapsed` of `total` days along the straight path from `start` to `bound`, is on the path or
/// past it in `dir`: `(value − start) × total` against `(bound − start) × elapsed`, exactly.
fn on_or_past_path(value: Decimal, start: Decimal, bound: Decimal, elapsed: i64, total: i64, dir: Better) -> bool {
    let exact = || {
        let lhs = value.checked_sub(start)?.mul_rounded(Decimal::from_int(total), 18)?;
        let rhs = bound.checked_sub(start)?.mul_rounded(Decimal::from_int(elapsed), 18)?;
        Some(lhs.cmp(&rhs))
    };
    let ord = exact().unwrap_or_else(|| {
        let lhs = (value.to_f64() - start.to_f64()) * total as f64;
        let rhs = (bound.to_f64() - start.to_f64()) * elapsed as f64;
        lhs.total_cmp(&rhs)
    });
    match dir {
        Better::Higher => ord != Ordering::Less,
        Better::Lower => ord != Ordering::Greater,
    }
}

/// Whether an actual's figure covers the whole of its period (is not dated before the period ends).
fn complete(a: &Figure) -> bool {
    a.date() >= Date::end_of_year(a.years().1)
}

/// Flow: an actual of the same period decides; for a multi-year target, consecutive parts from its first year add
/// up, and the target is in progress until they cover the whole period.
fn over_a_period<'r, 'a>(t: &Figure<'a>, actuals: &[&'r Figure<'a>]) -> Finding<'r, 'a> {
    let want = t.years();
    let span = years(want);
    let whole = actuals.iter().copied().filter(|a| a.years() == want).max_by(later);
    if let Some(a) = whole {
        let value = a.base_value;
        let fig = standing(t, a, value);
        let (status, detail) = if !complete(a) {
            (ProgressStatus::InProgress, format!("{fig} over {span}{}, before the period ends", dated(a)))
        } else if satisfies(value, t) {
            (ProgressStatus::Met, format!("{fig} over {span}"))
        } else {
            (ProgressStatus::Missed, format!("{fig} over {span}"))
        };
        return Finding { status, actual: Some(a), value: Some(value), counted: vec![a.id], detail };
    }
    let mut parts: Vec<&Figure> = Vec::new();
    let mut next = want.0;
    while want.0 < want.1 && next <= want.1 {
        let part = actuals
            .iter()
            .copied()
            .filter(|a| a.years().0 == next && a.years().1 <= want.1 && complete(a))
            .max_by(|a, b| a.years().1.cmp(&b.years().1).then(later(a, b)));
        let Some(part) = part else { break };
        next = part.years().1 + 1;
        parts.push(part);
    }
    let sum = parts.iter().try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a.base_value));
    let (Some(last), Some(sum)) = (parts.last().copied(), sum) else {
        return Finding::no_data(if actuals.is_empty() {
            nothing_for(t)
        } else {
            let seen: Vec<String> = actuals.iter().map(|a| format!("{} ({})", years(a.years()), a.id)).collect();
            let adds = if want.0 < want.1 { format!(" nor adds up from {}", want.0) } else { String::new() };
            format!("no actual covers {span}{adds}; the actuals cover {}", seen.join(", "))
        });
    };
    let from: Vec<String> = parts.iter().map(|a| format!("{} ({})", years(a.years()), a.id)).collect();
    let fig = format!(
        "{} of {}{}",
        sum,
        figure(t),
        ratio(sum, bound(t)).map(|r| format!(" ({})", percent(r))).unwrap_or_default()
    );
    let covered = (want.0, last.years().1);
    let (status, detail) = if covered == want {
        let status = if satisfies(sum, t) { ProgressStatus::Met } else { ProgressStatus::Missed };
        (status, format!("{fig} over {span}, added up from {}", from.join(" + ")))
    } else {
        let rest = years((covered.1 + 1, want.1));
        (
            ProgressStatus::InProgress,
            format!("{fig} over {} of {span}, from {}; {rest} not reported yet", years(covered), from.join(" + ")),
        )
    };
    let counted = parts.iter().map(|a| a.id).collect();
    Finding { status, actual: Some(last), value: Some(sum), counted, detail }
}

/// Change: only an actual change against the same baseline year over the same period is comparable.
fn against_a_baseline<'r, 'a>(t: &Figure<'a>, actuals: &[&'r Figure<'a>]) -> Finding<'r, 'a> {
    let span = years(t.years());
    let Some(base) = t.baseline_year else {
        return Finding::no_data("the target names no baseline year, so no actual change can be set against it".into());
    };
    let same =
        actuals.iter().copied().filter(|a| a.baseline_year == Some(base) && a.years() == t.years()).max_by(later);
    let Some(a) = same else {
        if actuals.is_empty() {
            return Finding::no_data(nothing_for(t));
        }
        let seen: Vec<String> = actuals
            .iter()
            .map(|a| {
                let against = a.baseline_year.map_or("no baseline".to_string(), |y| format!("against {y}"));
                format!("{} ({against} over {})", a.id, years(a.years()))
            })
            .collect();
        return Finding::no_data(format!(
            "no actual change against {base} over {span}; the actuals are {}",
            seen.join(", ")
        ));
    };
    let value = signed(a);
    let pct = ratio(value, bound(t)).map(|r| format!(" ({})", percent(r))).unwrap_or_default();
    let status = if satisfies(value, t) { ProgressStatus::Met } else { ProgressStatus::Missed };
    let detail = format!(
        "a change of {} against {base} over {span}, for a target of {}{pct}",
        super::text::amount(&actual_figure(a, value), a.unit),
        figure(t)
    );
    Finding { status, actual: Some(a), value: Some(value), counted: vec![a.id], detail }
}
