//! Choosing a metric for a drafted figure from a registry, by the words of its clause: the registry entry whose name
//! the clause mentions, in a unit the figure can take, with a measure the wording agrees with (新建 → a flow,
//! 累计/建成/总数 → a stock).
//!
//! Drafting reads the registry of the loaded dataset ([`registry_of`]) as the curator's schema entries, so the
//! drafting rules can also be measured on a registry file alone ([`parse_registry`], used by the accuracy tests
//! on documents outside any dataset).

use crate::dataset::Dataset;
use crate::quantity::normalize_unit;
use crate::schema::Measure;
pub use crate::schema::MetricEntry;

/// The registry of a loaded dataset as its entries, in its order (a [`Choice::Chosen`] index is an index of both).
pub fn registry_of(ds: &Dataset) -> Vec<MetricEntry> {
    ds.metrics()
        .iter()
        .map(|m| MetricEntry {
            id: m.id.clone(),
            name: m.name.clone(),
            name_en: m.name_en.clone(),
            theme: ds.themes()[m.theme].id.clone(),
            measure: m.measure,
            unit: m.unit.clone(),
            aliases: m.aliases.clone(),
            better: m.better,
            description: m.description.clone(),
        })
        .collect()
}

/// Reads a registry in the format of `data/metrics.yaml` (the schema `check` reads it with).
pub fn parse_registry(text: &str) -> Result<Vec<MetricEntry>, String> {
    let entries: Option<Vec<MetricEntry>> = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    Ok(entries.unwrap_or_default())
}

/// The metric drafted for a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// One metric fits.
    Chosen(usize),
    /// None or several fit; the nearest by name, if any, as a hint.
    Undecided { nearest: Option<usize> },
}

/// Words saying a count is of new things over a period.
const FLOW_WORDS: &[&str] = &["新建", "新增", "新开通", "新投运", "新引进", "新培育", "新认定", "全年建成"];
/// Words saying a count stands at a moment.
const STOCK_WORDS: &[&str] = &["累计", "建成", "总数", "总量", "保有", "达到", "已", "共有", "现有", "开通", "规模"];

/// Chooses the metric for a figure in `unit` whose clause is `clause`.
pub fn choose(metrics: &[MetricEntry], clause: &str, unit: &str) -> Choice {
    let base = normalize_unit(unit).base;
    let scored: Vec<(usize, usize)> = metrics
        .iter()
        .enumerate()
        .map(|(i, m)| (i, name_score(&core_name(&m.name), clause)))
        .filter(|&(_, s)| s >= 2)
        .collect();
    let nearest = scored.iter().max_by_key(|&&(i, s)| (s, usize::MAX - i)).map(|&(i, _)| i);
    let fits = |m: &MetricEntry| base.is_empty() || m.unit == base || m.aliases.contains(&base);
    let best = scored.iter().map(|&(_, s)| s).max().unwrap_or(0);
    let mut candidates: Vec<usize> =
        scored.iter().filter(|&&(i, s)| s == best && fits(&metrics[i])).map(|&(i, _)| i).collect();
    if candidates.len() > 1 {
        let wanted = if FLOW_WORDS.iter().any(|w| clause.contains(w)) {
            Some(Measure::Flow)
        } else if STOCK_WORDS.iter().any(|w| clause.contains(w)) {
            Some(Measure::Stock)
        } else {
            None
        };
        if let Some(w) = wanted {
            candidates.retain(|&i| metrics[i].measure == w);
        }
    }
    match candidates.as_slice() {
        // The only metric of that name, but the wording says the other measure (`累计建成5G基站` when the registry
        // has only the flow of new stations): a wrong metric would pass `check` unnoticed, so the curator decides.
        [one] if contradicts(metrics[*one].measure, clause) => Choice::Undecided { nearest: Some(*one) },
        [one] => Choice::Chosen(*one),
        _ => Choice::Undecided { nearest },
    }
}

/// Words that make a count a stock beyond doubt (unlike `建成` or `达到`, which also go with a year's flow, or
/// `总量`, as in 电信业务总量, the volume of a year).
const CLEAR_STOCK_WORDS: &[&str] = &["累计", "总数", "保有", "共有", "现有"];

/// True when the clause's wording names the other of stock and flow than `measure`.
fn contradicts(measure: Measure, clause: &str) -> bool {
    let flow = FLOW_WORDS.iter().any(|w| clause.contains(w));
    let stock = CLEAR_STOCK_WORDS.iter().any(|w| clause.contains(w));
    match measure {
        Measure::Stock => flow && !stock,
        Measure::Flow => stock && !flow,
        _ => false,
    }
}

/// A metric's name without its qualifiers: `5G基站(累计)` and `新建5G基站` are both `5G基站`.
fn core_name(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    for w in FLOW_WORDS.iter().chain(STOCK_WORDS) {
        out = out.replace(w, "");
    }
    out
}

/// How many characters of the longest run of `name` that `clause` contains (0 when under half the name).
fn name_score(name: &str, clause: &str) -> usize {
    let chars: Vec<char> = name.chars().collect();
    let mut best = 0;
    for i in 0..chars.len() {
        for j in (i + best + 1)..=chars.len() {
            let part: String = chars[i..j].iter().collect();
            if clause.contains(&part) {
                best = j - i;
            } else {
                break;
            }
        }
    }
    if best * 2 >= chars.len() {
        best
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str, measure: Measure) -> MetricEntry {
        MetricEntry {
            id: id.into(),
            name: name.into(),
            name_en: String::new(),
            theme: "digital-infrastructure".into(),
            measure,
            unit: "个".into(),
            aliases: vec!["座".into()],
            better: crate::schema::Better::Higher,
            description: None,
        }
    }

    #[test]
    fn the_only_metric_of_a_name_is_not_chosen_against_the_wording() {
        let flow_only = [entry("5g_base_stations_new", "新建5G基站", Measure::Flow)];
        assert_eq!(choose(&flow_only, "新建5G基站5150个", "个"), Choice::Chosen(0));
        assert_eq!(choose(&flow_only, "全市5G基站累计达到1.5万个", "万个"), Choice::Undecided { nearest: Some(0) });
        // `建成` alone goes with a year's flow as well as a stock: no contradiction.
        assert_eq!(choose(&flow_only, "建成5G基站6.5万座", "万座"), Choice::Chosen(0));
        let stock_only = [entry("5g_base_stations", "5G基站(累计)", Measure::Stock)];
        assert_eq!(choose(&stock_only, "当年新建5G基站５１５０个", "个"), Choice::Undecided { nearest: Some(0) });
        assert_eq!(choose(&stock_only, "5G基站总数突破3万个", "万个"), Choice::Chosen(0));
    }
}
