//! The picker overlay component: its state, how it is built from the dataset and the other filters, and what
//! picking does to the filters (the explorer then refilters). Several choices can be marked (Tab) and picked together, such as several cities
//! side by side; "(any)" drops the filter. Its keys are the `Picker` and `Input` rows of the key table.

use zhibiao_core::dataset::Dataset;
use zhibiao_core::query::{group, GroupBy};

use crate::filters::Filters;
use crate::scroll::step;
use crate::vocab::{Lang, PickerKind};

/// One choice in a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    /// City or theme index, year, or index into [`Picker::metrics`]; `None` for "any".
    pub value: Option<i64>,
    /// What the user reads.
    pub label: String,
    /// Indicators it would show with the other filters kept.
    pub count: usize,
    search: String,
}

/// An open picker: type to narrow, Tab to mark several, Enter to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// What it picks.
    pub kind: PickerKind,
    /// What the user typed.
    pub query: String,
    /// Every choice.
    pub options: Vec<PickOption>,
    /// Indices into `options` of the choices the query lets through.
    pub shown: Vec<usize>,
    /// Index into `shown` of the highlighted choice.
    pub selected: usize,
    /// Values of the marked choices, in the order marked (starts as the filter's current values).
    pub marked: Vec<i64>,
    /// For the metric picker: the metric ids its values index.
    pub metrics: Vec<String>,
}

impl Picker {
    /// A picker of `kind` over `ds`, counting what each choice would show with the other filters of `filters`.
    pub fn new(kind: PickerKind, ds: &Dataset, filters: &Filters, lang: Lang) -> Picker {
        let mut others = filters.clone();
        let by = match kind {
            PickerKind::City => {
                others.city.clear();
                Some(GroupBy::City)
            }
            PickerKind::Theme => {
                others.theme.clear();
                Some(GroupBy::Theme)
            }
            PickerKind::Year => {
                others.year.clear();
                Some(GroupBy::Year)
            }
            PickerKind::Metric => {
                others.metric.clear();
                None
            }
        };
        let passing = others.query().apply(ds);
        let counts = by.map(|by| group(ds, &passing, by)).unwrap_or_default();
        let count = |key: i64| counts.binary_search_by_key(&key, |g| g.key).map_or(0, |g| counts[g].members.len());
        let option = |value: Option<i64>, label: String, search: String, count: usize| PickOption {
            value,
            label,
            count,
            search: search.to_lowercase(),
        };
        let mut options = vec![option(None, "(any)".to_string(), String::new(), passing.len())];
        let mut metrics = Vec::new();
        let pair = |zh: &str, en: &str| match lang {
            Lang::Zh => format!("{zh} · {en}"),
            Lang::En => format!("{en} · {zh}"),
        };
        match kind {
            PickerKind::City => {
                for (i, c) in ds.cities().iter().enumerate() {
                    let search = format!("{} {} {} {}", c.id, c.name, c.name_en, c.province_en);
                    options.push(option(Some(i as i64), pair(&c.name, &c.name_en), search, count(i as i64)));
                }
            }
            PickerKind::Theme => {
                for (i, t) in ds.themes().iter().enumerate() {
                    let search = format!("{} {} {}", t.id, t.name, t.name_en);
                    options.push(option(Some(i as i64), pair(&t.name, &t.name_en), search, count(i as i64)));
                }
            }
            PickerKind::Year => {
                let all: Vec<usize> = (0..ds.indicators().len()).collect();
                for g in group(ds, &all, GroupBy::Year) {
                    options.push(option(Some(g.key), g.key.to_string(), g.key.to_string(), count(g.key)));
                }
            }
            PickerKind::Metric => {
                // One choice per metric id, named after its first indicator, counted over what passes.
                let mut first: Vec<(String, usize)> = Vec::new();
                let mut seen = std::collections::HashMap::new();
                for (i, ind) in ds.indicators().iter().enumerate() {
                    seen.entry(ind.metric.clone()).or_insert_with(|| {
                        first.push((ind.metric.clone(), i));
                        first.len() - 1
                    });
                }
                first.sort();
                let mut n = vec![0usize; first.len()];
                let index: std::collections::HashMap<&str, usize> =
                    first.iter().enumerate().map(|(k, (m, _))| (m.as_str(), k)).collect();
                for &i in &passing {
                    if let Some(&k) = index.get(ds.indicators()[i].metric.as_str()) {
                        n[k] += 1;
                    }
                }
                for (k, (metric, i)) in first.iter().enumerate() {
                    let ind = &ds.indicators()[*i];
                    let name = match lang {
                        Lang::Zh => &ind.name,
                        Lang::En => &ind.name_en,
                    };
                    let search = format!("{metric} {} {}", ind.name, ind.name_en);
                    options.push(option(Some(k as i64), format!("{metric} · {name}"), search, n[k]));
                    metrics.push(metric.clone());
                }
            }
        }
        let marked: Vec<i64> = match kind {
            PickerKind::City => filters.city.iter().map(|&c| c as i64).collect(),
            PickerKind::Theme => filters.theme.iter().map(|&t| t as i64).collect(),
            PickerKind::Year => filters.year.iter().map(|&y| i64::from(y)).collect(),
            PickerKind::Metric => {
                filters.metric.iter().filter_map(|m| metrics.iter().position(|x| x == m)).map(|k| k as i64).collect()
            }
        };
        let mut p = Picker { kind, query: String::new(), options, shown: Vec::new(), selected: 0, marked, metrics };
        p.narrow();
        p.selected = p.shown.iter().position(|&i| p.options[i].value == p.marked.first().copied()).unwrap_or(0);
        p
    }

    /// Moves the highlight by `delta` choices, within the list.
    pub fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, delta, self.shown.len());
    }

    /// A typed character narrows the choices.
    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.narrow();
    }

    /// Backspace (or, with `all`, Ctrl-u) widens the choices again.
    pub fn erase(&mut self, all: bool) {
        if all {
            self.query.clear();
        } else {
            self.query.pop();
        }
        self.narrow();
    }

    /// Keeps the choices the query lets through.
    fn narrow(&mut self) {
        let q = self.query.to_lowercase();
        self.shown = (0..self.options.len())
            .filter(|&i| {
                let o = &self.options[i];
                if q.is_empty() {
                    true
                } else {
                    o.value.is_some() && o.search.contains(&q)
                }
            })
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// The highlighted choice.
    pub fn highlighted(&self) -> Option<&PickOption> {
        self.shown.get(self.selected).map(|&i| &self.options[i])
    }

    /// Tab: marks or unmarks the highlighted choice ("(any)" unmarks everything).
    pub fn toggle(&mut self) {
        match self.highlighted().map(|o| o.value) {
            Some(Some(v)) => match self.marked.iter().position(|&x| x == v) {
                Some(k) => {
                    self.marked.remove(k);
                }
                None => self.marked.push(v),
            },
            Some(None) => self.marked.clear(),
            None => {}
        }
    }

    /// The values Enter picks: the marked choices, or the highlighted one when none is marked ("(any)": none).
    pub fn choice(&self) -> Vec<i64> {
        if !self.marked.is_empty() {
            return self.marked.clone();
        }
        self.highlighted().and_then(|o| o.value).into_iter().collect()
    }

    /// Enter: the choices replace the values of this picker's filter in `filters` (nothing changes when no choice
    /// is highlighted or marked).
    pub fn apply(&self, filters: &mut Filters) {
        if self.highlighted().is_none() && self.marked.is_empty() {
            return;
        }
        let values = self.choice();
        match self.kind {
            PickerKind::City => filters.city = values.iter().map(|&v| v as usize).collect(),
            PickerKind::Theme => filters.theme = values.iter().map(|&v| v as usize).collect(),
            PickerKind::Year => filters.year = values.iter().filter_map(|&v| i32::try_from(v).ok()).collect(),
            PickerKind::Metric => {
                filters.metric = values.iter().filter_map(|&v| self.metrics.get(v as usize)).cloned().collect();
            }
        }
    }
}
