//! The head of the detail pane as text, before any styling: the indicator's name, its value, and its "progress"
//! or "counts to" field, each wrapped to the pane's width. The view draws these lines; a click on the pane asks
//! [`counts_lines`] which lines hold "counts to", from the same wrapping, so the two always agree.

use std::ops::Range;

use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::IndicatorId;

use crate::progress_index::ProgressIndex;
use crate::text;
use crate::vocab::Lang;

/// Width of the field labels.
pub const LABEL: usize = 10;

/// The byte ranges of `value` on each line of a `label  value` field at inner width `width`; empty for an empty
/// value (the field still takes one line).
pub fn field_ranges(value: &str, width: usize) -> Vec<Range<usize>> {
    text::wrap(value, width.saturating_sub(LABEL).max(4))
}

/// Lines a `label  value` field takes at inner width `width`.
pub fn field_height(value: &str, width: usize) -> usize {
    field_ranges(value, width).len().max(1)
}

/// The indicator's name in both languages, the label language first.
pub fn name(ds: &Dataset, lang: Lang, ind: IndicatorId) -> String {
    let i = &ds.indicators()[ind];
    match lang {
        Lang::Zh => format!("{} · {}", i.name, i.name_en),
        Lang::En => format!("{} · {}", i.name_en, i.name),
    }
}

/// The value as written, with its normalised form.
pub fn value(ds: &Dataset, ind: IndicatorId) -> String {
    let i = &ds.indicators()[ind];
    format!("{}   (normalised: {})", i.display_value(), i.display_base_value())
}

/// A target's progress with its `why` (`("progress", …)`); for an actual, the targets it counts toward
/// (`("counts to", …)`, `T` goes to the first); `None` when there is neither.
pub fn progress_field(ds: &Dataset, progress: &ProgressIndex, ind: IndicatorId) -> Option<(&'static str, String)> {
    if let Some(why) = progress.why(ds, ind) {
        return Some(("progress", why));
    }
    let toward = progress.toward(ind);
    if toward.is_empty() {
        return None;
    }
    let ids: Vec<String> = toward
        .iter()
        .map(|&t| match progress.of(t) {
            Some(p) => format!("{} ({})", ds.indicators()[t].id, p.label()),
            None => ds.indicators()[t].id.to_string(),
        })
        .collect();
    Some(("counts to", format!("{} — T or a click goes there", ids.join(", "))))
}

/// The lines (before any scrolling, inside the pane's border of inner width `width`) of the "counts to" field of
/// actual `ind`, where a click goes to the target; empty when it counts toward none. The pane's head is the
/// name, the value, the kind line, then this field.
pub fn counts_lines(
    ds: &Dataset,
    progress: &ProgressIndex,
    lang: Lang,
    ind: IndicatorId,
    width: usize,
) -> Range<usize> {
    if progress.of(ind).is_some() {
        return 0..0;
    }
    let Some((_, counts)) = progress_field(ds, progress, ind) else { return 0..0 };
    let start = text::wrap(&name(ds, lang, ind), width).len() + field_height(&value(ds, ind), width) + 1;
    start..start + field_height(&counts, width)
}
