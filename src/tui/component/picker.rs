//! The picker overlay component: its state, how it is built from the dataset and the other filters, and what
//! picking does to the filters. Its keys are the `Picker` and `Input` rows of the key table.

use zhibiao::query::{group, GroupBy};

use crate::tui::app::{Model, Overlay};
use crate::tui::vocab::PickerKind;

/// One choice in a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    /// City or theme index, or year; `None` for "any".
    pub value: Option<i64>,
    /// What the user reads.
    pub label: String,
    /// Indicators it would show with the other filters kept.
    pub count: usize,
    search: String,
}

/// An open picker: type to narrow, Enter to pick.
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
}

impl Picker {
    pub(crate) fn narrow(&mut self) {
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
}

impl Model {
    pub(crate) fn open_picker(&mut self, kind: PickerKind) {
        let ds = &self.ds;
        let mut others = self.filters.clone();
        let by = match kind {
            PickerKind::City => {
                others.city = None;
                GroupBy::City
            }
            PickerKind::Theme => {
                others.theme = None;
                GroupBy::Theme
            }
            PickerKind::Year => {
                others.year = None;
                GroupBy::Year
            }
        };
        let counts = group(ds, &others.query().apply(ds), by);
        let count = |key: i64| counts.binary_search_by_key(&key, |g| g.key).map_or(0, |g| counts[g].members.len());
        let total: usize = counts.iter().map(|g| g.members.len()).sum();
        let option = |value: Option<i64>, label: String, search: String, count: usize| PickOption {
            value,
            label,
            count,
            search: search.to_lowercase(),
        };
        let mut options = vec![option(None, "(any)".to_string(), String::new(), total)];
        match kind {
            PickerKind::City => {
                for (i, c) in ds.cities.iter().enumerate() {
                    let label = format!("{} · {}", c.name, c.name_en);
                    let search = format!("{} {} {} {}", c.id, c.name, c.name_en, c.province_en);
                    options.push(option(Some(i as i64), label, search, count(i as i64)));
                }
            }
            PickerKind::Theme => {
                for (i, t) in ds.themes.iter().enumerate() {
                    let label = format!("{} · {}", t.name, t.name_en);
                    let search = format!("{} {} {}", t.id, t.name, t.name_en);
                    options.push(option(Some(i as i64), label, search, count(i as i64)));
                }
            }
            PickerKind::Year => {
                let all: Vec<usize> = (0..ds.indicators.len()).collect();
                for g in group(ds, &all, GroupBy::Year) {
                    options.push(option(Some(g.key), g.key.to_string(), g.key.to_string(), count(g.key)));
                }
            }
        }
        let current = match kind {
            PickerKind::City => self.filters.city.map(|c| c as i64),
            PickerKind::Theme => self.filters.theme.map(|t| t as i64),
            PickerKind::Year => self.filters.year.map(i64::from),
        };
        let mut p = Picker { kind, query: String::new(), options, shown: Vec::new(), selected: 0 };
        p.narrow();
        p.selected = p.shown.iter().position(|&i| p.options[i].value == current).unwrap_or(0);
        self.overlay = Overlay::Picker(p);
    }

    pub(crate) fn pick(&mut self, p: &Picker) {
        let Some(choice) = p.shown.get(p.selected).map(|&i| &p.options[i]) else { return };
        let before = self.filters.clone();
        match p.kind {
            PickerKind::City => self.filters.city = choice.value.map(|v| v as usize),
            PickerKind::Theme => self.filters.theme = choice.value.map(|v| v as usize),
            PickerKind::Year => self.filters.year = choice.value.and_then(|v| i32::try_from(v).ok()),
        }
        if self.filters != before {
            self.apply_filters(Some(&before));
        }
    }
}
