//! The status bar: "N of M indicators" and the filter chips, then the filter being typed, a message, or the
//! key hints of the current mode (from the key table).

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{BOLD, CHIP, DIM};
use crate::app::Model;
use crate::keymap;
use crate::state::Input;
use crate::vocab::Lang;

/// The chips of the active filters, as the status bar shows them.
pub fn chips(m: &Model) -> Vec<String> {
    let ds = &m.ds;
    let f = &m.ui.filters;
    let mut out = Vec::new();
    if !f.text.is_empty() {
        out.push(format!("/{}", f.text));
    }
    let en = m.ui.lang == Lang::En;
    for c in f.city.iter().map(|&c| ds.city(c)) {
        out.push(format!("city:{}", if en { &c.name_en } else { &c.name }));
    }
    for t in f.theme.iter().map(|&t| ds.theme(t)) {
        out.push(format!("theme:{}", if en { &t.name_en } else { &t.name }));
    }
    for y in &f.year {
        out.push(format!("year:{y}"));
    }
    for &metric in &f.metric {
        out.push(format!("metric:{}", ds.metric(metric).id));
    }
    if let Some(k) = f.kind {
        out.push(format!("kind:{}", k.as_str()));
    }
    out
}

/// Hints whose keys are always shown, whatever the width: how to get help and how to leave.
const KEPT: [&str; 2] = ["?", "q"];

/// The hints that fit in `width` columns: `? help` and `q quit` always, the others in table order while they fit
/// (a hint takes its key, a space, its word and two spaces).
pub fn fitted_hints(hints: Vec<(String, &'static str)>, width: usize) -> Vec<(String, &'static str)> {
    let cost = |(k, w): &(String, &str)| crate::text::width(k) + 1 + crate::text::width(w) + 2;
    let kept: usize = hints.iter().filter(|h| KEPT.contains(&h.0.as_str())).map(cost).sum();
    let mut room = width.saturating_sub(1 + kept);
    let mut out = Vec::new();
    let mut full = false;
    for h in hints {
        if KEPT.contains(&h.0.as_str()) {
            out.push(h);
        } else if !full && cost(&h) <= room {
            room -= cost(&h);
            out.push(h);
        } else {
            // Drop the rest rather than skip ahead, so the hints keep their order of importance.
            full = true;
        }
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
        first.push(Span::styled("  Backspace drops one, x all", DIM));
    }
    let export_label = " export to: ";
    let second = if let Input::Export(name) = &m.ui.input {
        Line::from(vec![
            Span::styled(export_label, BOLD),
            Span::raw(name.clone()),
            Span::styled(
                format!(
                    "   {} · .json for JSON, else CSV · Enter writes · Esc cancels",
                    super::count(m.rows().len(), "row")
                ),
                DIM,
            ),
        ])
    } else if m.ui.input == Input::Filter {
        let kind = match &m.text_filter {
            Some(t) if !t.is_literal() => " regex",
            _ => "",
        };
        Line::from(vec![
            Span::styled(" /", BOLD),
            Span::raw(m.ui.filters.text.clone()),
            Span::styled(format!("   {} matches{kind} · Enter keeps · Esc clears", m.matched.len()), DIM),
        ])
    } else if let Input::Reason(reason) = &m.ui.input {
        Line::from(vec![
            Span::styled(" reason to ignore: ", BOLD),
            Span::raw(reason.clone()),
            Span::styled("   Enter writes · Esc cancels", DIM),
        ])
    } else if let Some(msg) = &m.ui.message {
        Line::styled(format!(" {msg}"), Style::new().fg(Color::Yellow))
    } else {
        let mut spans = vec![Span::raw(" ")];
        for (key, word) in fitted_hints(keymap::hints(m.mode()), usize::from(area.width)) {
            spans.push(Span::styled(key, BOLD));
            spans.push(Span::styled(format!(" {word}  "), DIM));
        }
        Line::from(spans)
    };
    // Whatever does not fit ends with `…`, so a cut message or hint says it was cut.
    let width = usize::from(area.width);
    let (first, second) = (super::fit_spans(first, width), super::fit_spans(second.spans, width));
    f.render_widget(Paragraph::new(vec![Line::from(first), Line::from(second)]), area);
    if let (Input::Export(name), true) = (&m.ui.input, area.height >= 2) {
        let x = area.x + (crate::text::width(export_label) + crate::text::width(name)) as u16;
        f.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y + 1));
    } else if m.ui.input == Input::Filter && area.height >= 2 {
        let x = area.x + 2 + crate::text::width(&m.ui.filters.text) as u16;
        f.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y + 1));
    }
}
