//! Choosing a metric for a drafted figure from a registry, by the words of its clause: the registry entry whose name
//! the clause mentions, in a unit the figure can take, with a measure the wording agrees with (新建 → a flow,
//! 累计/建成/总数 → a stock).
//!
//! Drafting reads the registry of the loaded dataset ([`registry_of`]) as the curator's schema entries, so the
//! drafting rules can also be measured on a registry file alone ([`parse_registry`], used by the accuracy tests
//! on documents outside any dataset).

use crate::dataset::Dataset;
use crate::ids::MetricId;
use crate::quantity::normalize_unit;
use crate::schema::Measure;
pub use crate::schema::MetricEntry;

/// The registry of a loaded dataset as its entries, in its order (so a [`MetricId`] is the same metric in both).
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
            names: m.names.clone(),
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

/// The metric drafted for a figure: a metric of the registry drafting was given (the dataset's, through
/// [`registry_of`], or a file's, through [`parse_registry`]), by its position there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// One metric fits.
    Chosen(MetricId),
    /// None or several fit; the nearest by name, if any, and the next nearest when two stay possible, as hints.
    Undecided { nearest: Option<MetricId>, also: Option<MetricId> },
}

impl Choice {
    /// Undecided, with one hint at most.
    pub fn undecided(nearest: Option<MetricId>) -> Choice {
        Choice::Undecided { nearest, also: None }
    }
}

/// Metric `id` of a registry read as entries ([`registry_of`], [`parse_registry`]); `None` when `id` is of
/// another, longer registry.
pub fn entry(metrics: &[MetricEntry], id: MetricId) -> Option<&MetricEntry> {
    metrics.get(id.index())
}

/// Words saying a count is of new things over a period.
const FLOW_WORDS: &[&str] =
    &["新建", "新增", "新开通", "新投运", "新引进", "新培育", "新认定", "全年建成", "当年", "全年", "年内", "筹建"];
/// Words saying a count stands at a moment.
const STOCK_WORDS: &[&str] =
    &["累计", "建成", "总数", "总量", "保有", "达到", "已", "共有", "现有", "开通", "规模", "拥有", "总里程"];
/// Words that qualify a metric's name without naming what is counted (`新建5G基站` and `5G基站(累计)` are both
/// about `5G基站`).
const NAME_QUALIFIERS: &[&str] = &[
    "新建",
    "新增",
    "新开通",
    "新投运",
    "新引进",
    "新培育",
    "新认定",
    "全年建成",
    "累计",
    "建成",
    "总数",
    "总量",
    "保有",
    "达到",
    "已",
    "共有",
    "现有",
    "开通",
    "规模",
];
/// Words making a figure a density (a count per so many people).
const DENSITY_WORDS: &[&str] = &["每万人", "每千人", "每万名", "每千名", "每百人", "万人拥有", "千人拥有"];
/// Words making a percentage a change over time rather than a level or a share.
const CHANGE_WORDS: &[&str] = &["增长", "增速", "增幅", "涨幅", "下降", "降低", "减少", "提高", "提升"];

/// Chooses the metric for a figure in `unit` whose clause is `clause`.
pub fn choose(metrics: &[MetricEntry], clause: &str, unit: &str) -> Choice {
    choose_in(metrics, clause, clause, unit)
}

/// Chooses the metric for a figure in `unit`: its name is looked for in `named` (the quote, or when the quote
/// names nothing, the sentence up to the figure: `新建5G基站3260个，累计建成9360个`), its measure read from the
/// words of `wording` (the figure's own clause).
pub fn choose_in(metrics: &[MetricEntry], named: &str, wording: &str, unit: &str) -> Choice {
    let base = normalize_unit(unit).base;
    // A name scores only with a run of two characters the text holds: the text's pairs of characters, made once,
    // rule out most of the registry before any substring is searched (drafting a long document asks this of
    // every figure).
    let chars: Vec<char> = named.chars().collect();
    let pairs: std::collections::HashSet<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    let may_name = |n: &String| {
        let c: Vec<char> = n.chars().collect();
        c.windows(2).any(|w| pairs.contains(&(w[0], w[1])))
    };
    let scored: Vec<(usize, usize)> = metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| std::iter::once(&m.name).chain(&m.names).any(may_name))
        .map(|(i, m)| (i, metric_score(m, named)))
        .filter(|&(_, s)| s >= 2)
        .collect();
    let mut ranked = scored.clone();
    ranked.sort_by_key(|&(i, s)| (usize::MAX - s, i));
    let nearest = ranked.first().map(|&(i, _)| i);
    let second = ranked.get(1).map(|&(i, _)| i);
    let fits = |m: &MetricEntry| base.is_empty() || m.unit == base || m.aliases.contains(&base);
    let mut candidates: Vec<(usize, usize)> = scored.iter().copied().filter(|&(i, _)| fits(&metrics[i])).collect();
    // The wording's measure decides between entries of one name: a density, a share, a change, a stock, a flow.
    let has = |words: &[&str]| words.iter().any(|w| wording.contains(w));
    let density = has(DENSITY_WORDS);
    candidates.retain(|&(i, _)| is_density(&metrics[i]) == density);
    if base == "%" {
        let share = wording.contains('占') && (wording.contains("比重") || wording.contains("比例"))
            || wording.contains("占比");
        let wanted = if share {
            Some(Measure::Share)
        } else if has(CHANGE_WORDS) && !wording.contains("率") {
            Some(Measure::Change)
        } else {
            None
        };
        if let Some(w) = wanted {
            // A share is never drafted as a metric of another measure (a growth rate of the same name).
            if share || candidates.iter().any(|&(i, _)| metrics[i].measure == w) {
                candidates.retain(|&(i, _)| metrics[i].measure == w);
            }
        }
    }
    let best = candidates.iter().map(|&(_, s)| s).max().unwrap_or(0);
    let mut candidates: Vec<usize> = candidates.iter().filter(|&&(_, s)| s == best).map(|&(i, _)| i).collect();
    if candidates.len() > 1 {
        let wanted = if FLOW_WORDS.iter().any(|w| wording.contains(w)) {
            Some(Measure::Flow)
        } else if STOCK_WORDS.iter().any(|w| wording.contains(w)) {
            Some(Measure::Stock)
        } else {
            None
        };
        if let Some(w) = wanted {
            candidates.retain(|&i| metrics[i].measure == w);
        }
    }
    // Positions in `metrics` are the registry's ids.
    let id = MetricId::new;
    match candidates.as_slice() {
        // The only metric of that name, but the wording says the other measure (`累计建成5G基站` when the registry
        // has only the flow of new stations): a wrong metric would pass `check` unnoticed, so the curator decides.
        [one] if contradicts(metrics[*one].measure, wording) => Choice::undecided(Some(id(*one))),
        [one] => Choice::Chosen(id(*one)),
        [a, b, ..] => Choice::Undecided { nearest: Some(id(*a)), also: Some(id(*b)) },
        [] => Choice::Undecided { nearest: nearest.map(id), also: second.filter(|_| nearest.is_some()).map(id) },
    }
}

/// True when the wording of a percentage asks for a share or a change (`占…比重`, `增长`): if no metric of the
/// quote's name has that measure, the sentence may name the one that has.
pub fn asks_for_a_measure(wording: &str, unit: &str) -> bool {
    normalize_unit(unit).base == "%"
        && (wording.contains('占') && (wording.contains("比重") || wording.contains("比例"))
            || wording.contains("占比"))
}

/// True for a metric counted per so many people.
fn is_density(m: &MetricEntry) -> bool {
    DENSITY_WORDS.iter().any(|w| m.name.contains(w)) || m.name.contains("每千人口") || m.name.contains("每万人口")
}

/// How well `text` names metric `m`: the best [`name_score`] of its name and the other names documents use.
fn metric_score(m: &MetricEntry, text: &str) -> usize {
    std::iter::once(&m.name).chain(&m.names).map(|n| name_score(&core_name(n), text)).max().unwrap_or(0)
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
    for w in NAME_QUALIFIERS {
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
            names: Vec::new(),
            better: crate::schema::Better::Higher,
            description: None,
        }
    }

    #[test]
    fn the_only_metric_of_a_name_is_not_chosen_against_the_wording() {
        let flow_only = [entry("5g_base_stations_new", "新建5G基站", Measure::Flow)];
        assert_eq!(choose(&flow_only, "新建5G基站5150个", "个"), Choice::Chosen(MetricId::new(0)));
        assert_eq!(choose(&flow_only, "全市5G基站累计达到1.5万个", "万个"), Choice::undecided(Some(MetricId::new(0))));
        // `建成` alone goes with a year's flow as well as a stock: no contradiction.
        assert_eq!(choose(&flow_only, "建成5G基站6.5万座", "万座"), Choice::Chosen(MetricId::new(0)));
        let stock_only = [entry("5g_base_stations", "5G基站(累计)", Measure::Stock)];
        assert_eq!(choose(&stock_only, "当年新建5G基站５１５０个", "个"), Choice::undecided(Some(MetricId::new(0))));
        assert_eq!(choose(&stock_only, "5G基站总数突破3万个", "万个"), Choice::Chosen(MetricId::new(0)));
    }
}
