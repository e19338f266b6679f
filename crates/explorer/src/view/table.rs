//! The indicator table of the selected group: name (and English name), value as a reader writes it, year,
//! kind, city where the view mixes cities, progress where a row has some, and the normalised value on demand.
//! Columns are sized from the content widths measured by the update and truncated with an ellipsis; text-filter
//! matches are highlighted.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{cell, groups, kind_span, owned, BOLD, DIM, MATCH, SELECTED, SELECTED_DIM};
use crate::app::Model;
use crate::layout::ColumnWidths;
use crate::signed::signed_base_value;
use crate::text;
use crate::vocab::{Focus, Lang};

/// A table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Chinese name.
    Name,
    /// English name.
    NameEn,
    /// Comparator, value and unit.
    Value,
    /// Year.
    Year,
    /// Target or actual.
    Kind,
    /// City.
    City,
    /// Progress of a target; for an actual, how many targets it counts toward.
    Progress,
    /// Normalised value with its direction.
    Base,
}

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Name => "name 名称",
            Column::NameEn => "name (English)",
            Column::Value => "value",
            Column::Year => "year",
            Column::Kind => "kind",
            Column::City => "city",
            Column::Progress => "progress",
            Column::Base => "normalised",
        }
    }
}

/// The columns shown and their widths for a table `width` columns wide; also the gap between columns. With
/// English labels both names show, or only the English one when the table is narrow.
/// The progress column shows when some row has progress; the normalised one when `show_base` is on.
pub fn columns(
    w: &ColumnWidths,
    lang: Lang,
    mixes_cities: bool,
    show_base: bool,
    width: usize,
) -> (Vec<(Column, usize)>, usize) {
    let gap = if width >= 80 { 2 } else { 1 };
    let mut value = w.value.clamp(5, 24);
    let city = if mixes_cities { w.city.max(4) } else { 0 };
    let mut cols = vec![(Column::Value, 0), (Column::Year, 4), (Column::Kind, 6)];
    if mixes_cities {
        cols.push((Column::City, city));
    }
    let mut extra = 0;
    if show_base {
        let base = w.base.clamp(text::width(Column::Base.header()), 24);
        cols.insert(1, (Column::Base, base));
        extra += base;
    }
    // The progress column shows only where it leaves the value whole and the names at least 12 columns.
    if w.progress > 0 {
        let progress = w.progress.clamp(text::width(Column::Progress.header()), 14);
        let need = 4 + 6 + city + extra + progress + gap * (cols.len() + 1) + value + 12;
        if width >= need {
            cols.push((Column::Progress, progress));
            extra += progress;
        }
    }
    // With English labels both names show when at least 30 columns are left for them; else only the English one.
    let fixed_with = |names: usize| 4 + 6 + city + extra + gap * (cols.len() + names - 1);
    let both = lang == Lang::En && width.saturating_sub(fixed_with(2) + value) >= 30;
    let names = if both { 2 } else { 1 };
    let fixed = fixed_with(names);
    // The names give way first (down to 8 columns each); a value is cut only when even that does not fit, since a
    // cut number reads as another number.
    let min_names = 8 * names;
    if width < fixed + value + min_names {
        value = value.saturating_sub(fixed + value + min_names - width).max(5);
    }
    cols[0].1 = value;
    let rest = width.saturating_sub(fixed + value);
    let mut out = Vec::with_capacity(cols.len() + 2);
    let header = |c: Column| text::width(c.header());
    let zh_want = w.name.max(header(Column::Name));
    if lang == Lang::En && !both {
        // Too narrow for both names: the English one (the detail pane has the Chinese).
        out.push((Column::NameEn, w.name_en.max(header(Column::NameEn)).min(rest)));
    } else if lang == Lang::En {
        let en_want = w.name_en.max(header(Column::NameEn));
        let zh = if zh_want + en_want <= rest {
            zh_want
        } else {
            (rest * 2 / 5).max(rest.saturating_sub(en_want)).min(zh_want)
        };
        out.push((Column::Name, zh));
        out.push((Column::NameEn, rest.saturating_sub(zh).min(en_want)));
    } else {
        out.push((Column::Name, zh_want.min(rest)));
    }
    out.extend(cols);
    (out, gap)
}

/// Draws the table pane.
pub fn render(m: &Model, f: &mut Frame, area: Rect) {
    let focused = m.ui.focus == Focus::Table;
    let rows = m.rows();
    let group_label = m.group().map(|g| groups::label(m, g)).unwrap_or_default();
    let title = Line::from(vec![
        Span::styled(format!(" {group_label} "), BOLD),
        Span::styled(format!("— {} ", super::count(rows.len(), "indicator")), DIM),
    ]);
    let b = super::rows_block(m, title, rows.len());
    let inner = b.inner(area);
    f.render_widget(b, area);
    let width = usize::from(inner.width);
    let (cols, gap) = columns(&m.widths, m.ui.lang, m.ui.view.mixes_cities(), m.ui.show_base, width);
    let sep = " ".repeat(gap);
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    let mut header = Vec::new();
    for (i, (c, w)) in cols.iter().enumerate() {
        if i > 0 {
            header.push(Span::raw(sep.clone()));
        }
        header.extend(cell(c.header(), *w, BOLD, &[]));
    }
    lines.push(Line::from(header));
    if rows.is_empty() {
        lines.push(Line::styled("No indicator matches the filters — Esc or x clears them.", DIM));
    }
    let visible = usize::from(inner.height).saturating_sub(1);
    for (r, &i) in rows.iter().enumerate().skip(m.ui.row_top).take(visible) {
        let ind = &m.ds.indicators()[i];
        let row_style = match (r == m.ui.row_sel, focused) {
            (true, true) => SELECTED,
            (true, false) => SELECTED_DIM,
            _ => Style::new(),
        };
        let marks = |s: &str| -> Vec<(std::ops::Range<usize>, Style)> {
            m.text_filter.as_ref().map_or_else(Vec::new, |t| t.find_ranges(s).into_iter().map(|r| (r, MATCH)).collect())
        };
        let value = ind.display_value();
        let year = ind.year.to_string();
        let city = match m.ui.lang {
            Lang::Zh => &m.ds.cities()[ind.city].name,
            Lang::En => &m.ds.cities()[ind.city].name_en,
        };
        let mut spans: Vec<Span<'_>> = Vec::new();
        for (k, (c, w)) in cols.iter().enumerate() {
            if k > 0 {
                spans.push(Span::styled(sep.clone(), row_style));
            }
            match c {
                Column::Name => spans.extend(cell(&ind.name, *w, row_style, &marks(&ind.name))),
                Column::NameEn => spans.extend(cell(&ind.name_en, *w, row_style, &marks(&ind.name_en))),
                Column::Value => spans.extend(owned(cell(&value, *w, row_style, &[]))),
                Column::Year => spans.extend(owned(cell(&year, *w, row_style, &[]))),
                Column::Kind => {
                    let k = kind_span(ind.kind);
                    let pad = w.saturating_sub(text::width(&k.content));
                    spans.push(Span::styled(k.content, row_style.patch(k.style)));
                    spans.push(Span::styled(" ".repeat(pad), row_style));
                }
                Column::City => spans.extend(cell(city, *w, row_style, &[])),
                Column::Progress => spans.extend(owned(cell(&m.progress.cell(i), *w, row_style, &[]))),
                Column::Base => spans.extend(owned(cell(&signed_base_value(ind), *w, row_style, &[]))),
            }
        }
        lines.push(Line::from(spans).style(row_style));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
