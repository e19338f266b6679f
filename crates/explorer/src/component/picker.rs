//! The picker overlay component: its state, how it is built from the dataset and the other filters, and what
//! picking does to the filters (the explorer then refilters). Several choices can be marked (Tab) and picked together, such as several cities
//! side by side; "(any)" drops the filter. Its keys are the `Picker` and `Input` rows of the key table.

use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::{IndicatorId, MetricId};
use zhibiao_core::query::{group, GroupBy, GroupKey};

use crate::filters::Filters;
use crate::scroll::step;
use crate::vocab::{Lang, PickerKind};

/// One choice in a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    /// The city, theme, year or metric it picks (as the key of its group); `None` for "any".
    pub value: Option<GroupKey>,
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
    pub marked: Vec<GroupKey>,
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
        let count = |key: GroupKey| counts.binary_search_by_key(&key, |g| g.key).map_or(0, |g| counts[g].members.len());
        let option = |value: Option<GroupKey>, label: String, search: String, count: usize| PickOption {
            value,
            label,
            count,
            search: search.to_lowercase(),
        };
        let mut options = vec![option(None, "(any)".to_string(), String::new(), passing.len())];
        let pair = |zh: &str, en: &str| match lang {
            Lang::Zh => format!("{zh} · {en}"),
            Lang::En => format!("{en} · {zh}"),
        };
        match kind {
            PickerKind::City => {
                for (id, c) in ds.city_ids().zip(ds.cities()) {
                    let search = format!("{} {} {} {}", c.id, c.name, c.name_en, c.province_en);
                    let key = GroupKey::City(id);
                    options.push(option(Some(key), pair(&c.name, &c.name_en), search, count(key)));
                }
            }
            PickerKind::Theme => {
                for (id, t) in ds.theme_ids().zip(ds.themes()) {
                    let search = format!("{} {} {}", t.id, t.name, t.name_en);
                    let key = GroupKey::Theme(id);
                    options.push(option(Some(key), pair(&t.name, &t.name_en), search, count(key)));
                }
            }
            PickerKind::Year => {
                let all: Vec<IndicatorId> = ds.indicator_ids().collect();
                for g in group(ds, &all, GroupBy::Year) {
                    let year = g.key.year().map(|y| y.to_string()).unwrap_or_default();
                    options.push(option(Some(g.key), year.clone(), year, count(g.key)));
                }
            }
            PickerKind::Metric => {
                // One choice per metric with records, by key, counted over what passes.
                let mut first: Vec<(&str, MetricId, IndicatorId)> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for i in ds.indicator_ids() {
                    let ind = ds.indicator_at(i);
                    if seen.insert(ind.metric) {
                        first.push((ds.metric_key(ind), ind.metric, i));
                    }
                }
                first.sort();
                let mut n: std::collections::HashMap<MetricId, usize> = std::collections::HashMap::new();
                for &i in &passing {
                    *n.entry(ds.keys_of(i).metric()).or_default() += 1;
                }
                for &(metric, id, i) in &first {
                    // Named as the metrics view names it: by the registry, not by one record's wording (the
                    // first record's names stay searchable).
                    let (ind, reg) = (&ds.indicators()[i], ds.metric(id));
                    let name = match lang {
                        Lang::Zh => &reg.name,
                        Lang::En => &reg.name_en,
                    };
                    let search = format!("{metric} {} {} {} {}", reg.name, reg.name_en, ind.name, ind.name_en);
                    let key = GroupKey::Metric(ds.metric(id).theme, id);
                    let count = n.get(&id).copied().unwrap_or(0);
                    options.push(option(Some(key), format!("{metric} · {name}"), search, count));
                }
            }
        }
        let marked: Vec<GroupKey> = match kind {
            PickerKind::City => filters.city.iter().map(|&c| GroupKey::City(c)).collect(),
            PickerKind::Theme => filters.theme.iter().map(|&t| GroupKey::Theme(t)).collect(),
            PickerKind::Year => filters.year.iter().map(|&y| GroupKey::Year(y)).collect(),
            PickerKind::Metric => filters.metric.iter().map(|&m| GroupKey::Metric(ds.metric(m).theme, m)).collect(),
        };
        let mut p = Picker { kind, query: String::new(), options, shown: Vec::new(), selected: 0, marked };
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
    pub fn choice(&self) -> Vec<GroupKey> {
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
            PickerKind::City => filters.city = values.iter().filter_map(|v| v.city()).collect(),
            PickerKind::Theme => filters.theme = values.iter().filter_map(|v| v.theme()).collect(),
            PickerKind::Year => filters.year = values.iter().filter_map(|v| v.year()).collect(),
            PickerKind::Metric => filters.metric = values.iter().filter_map(|v| v.metric()).collect(),
        }
    }
}
