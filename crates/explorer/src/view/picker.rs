//! A picker overlay: what the user typed, and the choices it lets through with their counts.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{block, cell, centered, BOLD, DIM, SELECTED};
use crate::component::picker::Picker;
use crate::scroll::scrolled;

/// Draws the picker centred over `area`.
pub fn render(p: &Picker, f: &mut Frame, area: Rect) {
    let h = (p.options.len() as u16 + 3).max(6);
    // As wide as the longest choice (a metric id and its name), at least 48 columns, at most the screen less a
    // margin: a wide terminal shows every label whole.
    let widest = p.options.iter().map(|o| crate::text::width(&o.label) + o.count.to_string().len() + 3).max();
    let w = (widest.unwrap_or(0) + 2).clamp(48, usize::from(area.width.saturating_sub(4)).max(48));
    let rect = centered(area, w as u16, h.min(area.height.saturating_sub(2)));
    super::clear_overlay(f, rect);
    let b = block(
        Line::from(vec![
            Span::styled(format!(" {} ", p.kind.title()), BOLD),
            Span::styled("— type to narrow, Tab marks ", DIM),
        ]),
        true,
    );
    let inner = b.inner(rect);
    f.render_widget(b, rect);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![Span::styled("› ", BOLD), Span::raw(p.query.clone())])];
    let rows = usize::from(inner.height).saturating_sub(1);
    let top = scrolled(0, p.selected, rows, p.shown.len());
    for (k, &o) in p.shown.iter().enumerate().skip(top).take(rows) {
        let opt = &p.options[o];
        let style = if k == p.selected { SELECTED } else { Style::new() };
        let count = format!(" {}", opt.count);
        let mark = match opt.value {
            Some(v) if p.marked.contains(&v) => "✓ ",
            _ => "  ",
        };
        let mut spans = vec![Span::styled(mark, style)];
        spans.extend(cell(&opt.label, width.saturating_sub(count.len() + 2), style, &[]));
        spans.push(Span::styled(count, style));
        lines.push(Line::from(spans).style(style));
    }
    if p.shown.is_empty() {
        lines.push(Line::styled("no match — Backspace to widen, Esc to close", DIM));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let cursor_x = inner.x + crate::text::width(&format!("› {}", p.query)) as u16;
    f.set_cursor_position((cursor_x.min(inner.right().saturating_sub(1)), inner.y));
}
