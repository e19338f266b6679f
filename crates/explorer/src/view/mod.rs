//! Drawing the model. Every function here reads the model and writes to the frame; none changes state, reads
//! files or parses anything. Only what is visible is built: the rows in view, the lines in view.

pub mod candidates;
pub mod chart;
pub mod detail;
pub mod groups;
pub mod help;
pub mod metrics;
pub mod picker;
pub mod source;
pub mod status;
pub mod table;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use super::app::Model;
use super::layout::{self, Areas, MIN_HEIGHT, MIN_WIDTH};
use super::state::Input;
use super::text;
pub use super::text::count;
use super::vocab::Lang;
use zhibiao_core::schema::Kind;

/// Style of a target.
pub const TARGET: Style = Style::new().fg(Color::Cyan);
/// Style of a reported actual.
pub const ACTUAL: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
/// A quote, highlighted (the detail pane's quote, the source view's current quote).
pub const QUOTE: Style = Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD);
/// The other cited quotes in the source view.
pub const CITED: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::UNDERLINED);
/// Text-filter matches in the table.
pub const MATCH: Style =
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD).add_modifier(Modifier::UNDERLINED);
/// The selected row of the focused pane.
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
/// The selected row of a pane without focus.
pub const SELECTED_DIM: Style = Style::new().bg(Color::DarkGray);
/// Labels, paragraph numbers, hints.
pub const DIM: Style = Style::new().fg(Color::DarkGray);
/// Headings and titles.
pub const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
/// Border of the focused pane.
pub const FOCUS_BORDER: Style = Style::new().fg(Color::Cyan);
/// A filter chip in the status bar.
pub const CHIP: Style = Style::new().fg(Color::Black).bg(Color::Cyan);

/// `target` or `actual`, styled so the two are told apart at a glance.
pub fn kind_span(kind: Kind) -> Span<'static> {
    match kind {
        Kind::Target => Span::styled("target", TARGET),
        Kind::Actual => Span::styled("actual", ACTUAL),
    }
}

/// Draws the whole screen for the model.
pub fn render(m: &Model, f: &mut Frame) {
    let a = Areas::of(f.area());
    if a.too_small() {
        too_small(f, a.full);
        return;
    }
    tabs(m, f, a.tabs);
    match &m.ui.source {
        Some(_) => source::render(m, f, a.source),
        None if m.ui.view == super::vocab::ViewKind::Candidates => candidates::render(m, f, &a),
        None if m.ui.view == super::vocab::ViewKind::Metrics => metrics::render(m, f, &a),
        None => {
            groups::render(m, f, a.groups);
            table::render(m, f, a.table);
            detail::render(m, f, a.detail);
        }
    }
    if !m.load_errors.is_empty() {
        load_errors(m, f, &a);
    }
    status::render(m, f, a.status);
    match &m.ui.input {
        Input::Help(scroll) => help::render(f, a.full, *scroll),
        Input::Picker(p) => picker::render(p, f, a.full),
        Input::None | Input::Filter | Input::Export(_) | Input::Reason(_) => {}
    }
}

/// The panel of `check`'s errors after a reload that failed, over the lower part of the body: the dataset shown
/// is the last one that loaded. Every error can be read: the panel scrolls a page at a time (`E`, or the wheel)
/// and says how many are below.
fn load_errors(m: &Model, f: &mut Frame, a: &Areas) {
    let rect = crate::errors::rect(a);
    clear_overlay(f, rect);
    let n = m.load_errors.len();
    let width = usize::from(rect.width.saturating_sub(2));
    let title = fit_spans(
        vec![Span::styled(
            format!(" check: {} — the last good dataset is shown; save a fix to reload ", count(n, "error")),
            BOLD.fg(Color::Red),
        )],
        width,
    );
    let rows = usize::from(rect.height.saturating_sub(2));
    let (shown, note) = crate::errors::page(&m.load_errors, width, rows, m.ui.errors_scroll);
    let mut lines: Vec<Line<'_>> = shown.into_iter().map(Line::raw).collect();
    if let Some(note) = note {
        lines.push(Line::styled(note, BOLD));
    }
    let block = Block::bordered().title(Line::from(title)).border_style(Style::new().fg(Color::Red));
    f.render_widget(Paragraph::new(lines).block(block), rect);
}

/// What the user sees in a terminal below the minimum size.
fn too_small(f: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small: {}×{}. zhibiao needs at least {MIN_WIDTH}×{MIN_HEIGHT} — enlarge the window, or press q to quit.",
        area.width, area.height
    );
    let y = area.height / 2;
    let rect =
        Rect { y: area.y + y.saturating_sub(1), height: area.height.saturating_sub(y.saturating_sub(1)), ..area };
    f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }).centered(), rect);
}

/// The top line: brand, view tabs (the active one reversed), label language.
fn tabs(m: &Model, f: &mut Frame, area: Rect) {
    let a = Areas::of(f.area());
    let mut spans = vec![Span::styled(layout::brand(area.width), BOLD.fg(Color::Yellow))];
    let compact = a.compact_tabs();
    for (v, _) in a.tab_ranges() {
        let active = m.ui.source.is_none() && v == m.ui.view;
        let style = if active { SELECTED.add_modifier(Modifier::BOLD) } else { Style::new() };
        spans.push(Span::styled(layout::tab_label(v, compact), style));
        spans.push(Span::raw(" "));
    }
    if m.ui.source.is_some() {
        spans.push(Span::styled(" › source ", SELECTED.add_modifier(Modifier::BOLD)));
    }
    let lang = match m.ui.lang {
        Lang::Zh => " L 中文 ",
        Lang::En => " L English ",
    };
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(used + text::width(lang));
    if room > 0 {
        spans.push(Span::raw(" ".repeat(room)));
        spans.push(Span::styled(lang, DIM));
    }
    f.render_widget(Line::from(fit_spans(spans, usize::from(area.width))), area);
}

/// A bordered block, its border coloured when it has the keyboard.
pub fn block(title: Line<'_>, focused: bool) -> Block<'_> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(FOCUS_BORDER)
    } else {
        b
    }
}

/// The block around a table of the model's rows: `title`, the selected row's place (`3/120`) top right and the
/// sort, when the rows are sorted, bottom right.
pub fn rows_block<'a>(m: &Model, title: Line<'a>, rows: usize) -> Block<'a> {
    let position = if rows == 0 { String::new() } else { format!(" {}/{rows} ", m.ui.row_sel + 1) };
    let b = block(title, m.ui.focus == super::vocab::Focus::Table).title_top(Line::from(position).right_aligned());
    if m.ui.sort == super::sort::Sort::default() {
        b
    } else {
        b.title_bottom(Line::from(Span::styled(format!(" {} ", m.ui.sort.label()), DIM)).right_aligned())
    }
}

/// Clears the cells an overlay covers, and the left half of a wide character that the overlay's left edge cuts
/// (a terminal draws a wide character over the next cell, so the overlay's border there would be hidden). The
/// right half of a wide character cut by the right edge needs nothing: clearing its left half left a space.
pub fn clear_overlay(f: &mut Frame, rect: Rect) {
    f.render_widget(ratatui::widgets::Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buf = f.buffer_mut();
    for y in rect.top()..rect.bottom() {
        if let Some(c) = buf.cell_mut((rect.x - 1, y)) {
            if text::width(c.symbol()) > 1 {
                c.set_symbol(" ");
            }
        }
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// A cell of exactly `w` columns: `s` truncated with `…` or padded, with `marks` (byte ranges of `s`) styled.
///
/// Control characters from data show as visible escapes (`\x1b`); such a cell shows no marks.
pub fn cell<'a>(s: &'a str, w: usize, base: Style, marks: &[(std::ops::Range<usize>, Style)]) -> Vec<Span<'a>> {
    if let std::borrow::Cow::Owned(escaped) = zhibiao_core::control_chars::escape(s) {
        return owned(cell(&escaped, w, base, &[]));
    }
    let (shown, kept) = text::truncate(s, w);
    let mut spans: Vec<Span<'a>> = if kept == s.len() {
        text::styled_spans(s, base, marks)
    } else {
        let clamped = text::ranges_within(marks, &(0..kept));
        let mut v: Vec<Span<'a>> = text::styled_spans(&s[..kept], base, &clamped);
        v.push(Span::styled("…", base));
        v
    };
    let have = text::width(&shown);
    if have < w {
        spans.push(Span::styled(" ".repeat(w - have), base));
    }
    spans
}

/// `spans` cut to at most `max` columns, ending with `…` (in the style of the span cut) when anything was cut:
/// a line of a frame never ends mid-word without saying so.
pub fn fit_spans(spans: Vec<Span<'_>>, max: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if total <= max {
        return owned(spans);
    }
    let mut room = max.saturating_sub(1);
    let mut out = Vec::new();
    for s in spans {
        let w = text::width(&s.content);
        if w <= room {
            room -= w;
            out.push(Span::styled(s.content.into_owned(), s.style));
            continue;
        }
        let keep = text::fit_prefix(&s.content, room);
        if max > 0 {
            out.push(Span::styled(format!("{}…", &s.content[..keep]), s.style));
        }
        break;
    }
    out
}

/// Spans borrowing a temporary string, made owned.
pub fn owned(spans: Vec<Span<'_>>) -> Vec<Span<'static>> {
    spans.into_iter().map(|s| Span::styled(s.content.into_owned(), s.style)).collect()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_chart;
#[cfg(test)]
mod tests_first_frame;
#[cfg(test)]
mod tests_metrics;
#[cfg(test)]
mod tests_widths;
