//! What the indicator table does beyond selection: sorting its rows, exporting them to a file (the name typed in
//! a prompt), the normalised-value column with its direction, and the jump from an actual to the target it
//! counts toward.

use zhibiao::dataset::Indicator;
use zhibiao::quantity::Comparator;

use crate::tui::app::Model;
use crate::tui::export;
use crate::tui::nav::{BrowseLoc, Location};
use crate::tui::vocab::Focus;

/// The normalised value with its direction, in the base unit: `−15 %` for a fall of 15 %, `+8 %` for a rise,
/// `3000 个`; a range as `10–20 亿元`.
pub fn signed_base_value(i: &Indicator) -> String {
    let number = match i.base_value_max {
        Some(max) => format!("{}–{}", i.base_value, max),
        None => i.base_value.to_string(),
    };
    let sign = match i.comparator {
        _ if i.base_value.is_negative() || number == "0" => "",
        Comparator::Decrease => "−",
        Comparator::Increase => "+",
        _ => "",
    };
    if i.base_unit.is_empty() {
        format!("{sign}{number}")
    } else {
        format!("{sign}{number} {}", i.base_unit)
    }
}

/// The value as written, with a rise or fall as a sign rather than a word (`−15 %`, `+8 %`): for a line that
/// already names the indicator, whose name says 降低 or 增长.
pub fn signed_value(i: &Indicator) -> String {
    let sign = match i.comparator {
        Comparator::Decrease => "−",
        Comparator::Increase => "+",
        _ => return i.display_value(),
    };
    let number = match i.value_max {
        Some(max) => format!("{}–{}", i.value, max),
        None => i.value.to_string(),
    };
    if i.unit.is_empty() {
        format!("{sign}{number}")
    } else {
        format!("{sign}{number} {}", i.unit)
    }
}

impl Model {
    /// Sorts by the next column, or reverses the sort; the selected indicator stays selected.
    pub(crate) fn change_sort(&mut self, reverse: bool) {
        if reverse {
            self.sort.reverse = !self.sort.reverse;
        } else {
            self.sort.key = self.sort.key.next();
        }
        let keep = self.selected();
        self.regroup(keep);
        self.message = Some(self.sort.label());
    }

    /// Opens the prompt for the export's file name, offering the default name.
    pub(crate) fn start_export(&mut self) {
        if self.rows().is_empty() {
            self.message = Some("nothing to export: no row is shown".to_string());
            return;
        }
        self.prompt = Some(export::DEFAULT_NAME.to_string());
    }

    /// Writes the table's rows (filtered, in the order shown) to the file named in the prompt and says where.
    pub(crate) fn finish_export(&mut self) {
        let Some(name) = self.prompt.take() else { return };
        let rows = self.rows().to_vec();
        self.message = Some(match export::write(&self.ds, &rows, &self.export_dir, &name) {
            Ok(path) => format!("wrote {} to {}", crate::tui::view::count(rows.len(), "record"), path.display()),
            Err(e) => format!("export failed: {e}"),
        });
    }

    /// From a selected actual, goes to the first target it counts toward (clearing filters that hide it; Ctrl-o
    /// comes back).
    pub(crate) fn go_to_target(&mut self) {
        let Some(i) = self.current_indicator() else { return };
        let Some(&t) = self.progress.toward(i).first() else {
            self.message = Some("this record counts toward no target".to_string());
            return;
        };
        let here = self.location();
        let mut replaced = None;
        if self.matched.binary_search(&t).is_err() {
            replaced = Some(std::mem::take(&mut self.filters));
            self.apply_filters(None);
        }
        self.focus = Focus::Table;
        self.history.jump(here, replaced.clone());
        let view = self.view;
        self.restore(Location::Browse(BrowseLoc { view, group: None, indicator: Some(t) }));
        self.message = Some(match replaced {
            Some(_) => {
                format!("target {} (filters cleared to show it; Ctrl-o brings them back)", self.ds.indicators()[t].id)
            }
            None => format!("target {}", self.ds.indicators()[t].id),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::sample;

    #[test]
    fn a_fall_reads_with_a_minus_sign_and_a_level_without() {
        let ds = sample::dataset();
        let energy = &ds.indicators()[ds.indicator("sy-energy").expect("sample")];
        assert_eq!(signed_base_value(energy), "−15 %");
        let g = &ds.indicators()[ds.indicator("sy-5g-2025").expect("sample")];
        assert_eq!(signed_base_value(g), "3000 个");
    }
}
