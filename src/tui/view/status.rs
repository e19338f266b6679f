//! The status bar: "N of M indicators" and the filter chips, then the filter being typed, a message, or the
//! key hints of the current mode (from the key table).

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{BOLD, CHIP, DIM};
use crate::tui::app::Model;
use crate::tui::keymap;

/// The chips of the active filters, as the status bar shows them.
pub fn chips(m: &Model) -> Vec<String> {
    let ds = &m.ds;
    let f = &m.filters;
    let mut out = Vec::new();
    if !f.text.is_empty() {
        out.push(format!("/{}", f.text));
    }
    if let Some(c) = f.city.and_then(|c| ds.cities().get(c)) {
        out.push(format!("city:{}", c.name));
    }
    if let Some(t) = f.theme.and_then(|t| ds.themes().get(t)) {
        out.push(format!("theme:{}", t.name));
    }
    if let Some(y) = f.year {
        out.push(format!("year:{y}"));
    }
    if let Some(k) = f.kind {
        out.push(format!("kind:{}", k.as_str()));
    }
    out
}

/// Draws the two status lines.
pub fn render(m: &Model, f: &mut Frame, area: Rect) {
    let mut first =
        vec![Span::styled(format!(" {} of {} indicators ", m.matched.len(), m.ds.indicators().len()), BOLD)];
    let chips = chips(m);
    for c in &chips {
        first.push(Span::raw(" "));
        first.push(Span::styled(format!(" {c} "), CHIP));
    }
    if !chips.is_empty() {
        first.push(Span::styled("  x clears", DIM));
    }
    let second = if m.editing {
        let kind = match &m.text_filter {
            Some(t) if !t.is_literal() => " regex",
            _ => "",
        };
        Line::from(vec![
            Span::styled(" /", BOLD),
            Span::raw(m.filters.text.clone()),
            Span::styled(format!("   {} matches{kind} · Enter keeps · Esc clears", m.matched.len()), DIM),
        ])
    } else if let Some(msg) = &m.message {
        Line::styled(format!(" {msg}"), Style::new().fg(Color::Yellow))
    } else {
        let mut spans = vec![Span::raw(" ")];
        for (key, word) in keymap::hints(m.mode()) {
            spans.push(Span::styled(key, BOLD));
            spans.push(Span::styled(format!(" {word}  "), DIM));
        }
        Line::from(spans)
    };
    f.render_widget(Paragraph::new(vec![Line::from(first), second]), area);
    if m.editing && area.height >= 2 {
        let x = area.x + 2 + crate::tui::text::width(&m.filters.text) as u16;
        f.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y + 1));
    }
}
