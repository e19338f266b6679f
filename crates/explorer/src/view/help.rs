//! The help overlay: every key, read from the key table, grouped by where it applies.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{block, centered, BOLD, DIM};
use crate::keymap::{keys_label, Context, KEYMAP, MOUSE_HELP};
use crate::text;

/// The contexts in the order the help lists them.
const CONTEXTS: [Context; 8] = [
    Context::Main,
    Context::Browse,
    Context::Source,
    Context::Candidates,
    Context::Input,
    Context::Picker,
    Context::Help,
    Context::Always,
];

/// Width of the key column.
const KEYS: usize = 24;

/// The help text, one line per binding, with a heading per context.
pub fn lines() -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for context in CONTEXTS {
        out.push(Line::styled(context.title(), BOLD));
        for b in KEYMAP.iter().filter(|b| b.context == context) {
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(text::pad(&keys_label(b), KEYS), BOLD.fg(ratatui::style::Color::Cyan)),
                Span::raw(b.help),
            ]));
        }
        out.push(Line::raw(""));
    }
    out.push(Line::styled("Mouse", BOLD));
    for (k, what) in MOUSE_HELP {
        out.push(Line::from(vec![Span::raw("  "), Span::styled(text::pad(k, KEYS), DIM), Span::raw(*what)]));
    }
    out
}

/// The key table grouped as the help lists it — (where, [(keys, what)]), the mouse last — for the man page.
pub fn groups() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut out: Vec<(&'static str, Vec<(String, &'static str)>)> = CONTEXTS
        .iter()
        .map(|&c| (c.title(), KEYMAP.iter().filter(|b| b.context == c).map(|b| (keys_label(b), b.help)).collect()))
        .collect();
    out.push(("Mouse", MOUSE_HELP.iter().map(|(k, what)| (k.to_string(), *what)).collect()));
    out
}

/// The key table as a Markdown table, for the README (a test keeps the README's copy identical).
#[cfg(test)]
pub fn markdown() -> String {
    let mut out = String::from("| where | keys | what |\n| --- | --- | --- |\n");
    for context in CONTEXTS {
        for b in KEYMAP.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", crate::keymap::key_label(k))).collect();
            out.push_str(&format!("| {} | {} | {} |\n", context.title(), keys.join(" "), b.help));
        }
    }
    for (k, what) in MOUSE_HELP {
        out.push_str(&format!("| Mouse | {k} | {what} |\n"));
    }
    out
}

/// Draws the help overlay, scrolled by `scroll` lines (clamped to the end).
pub fn render(f: &mut Frame, area: Rect, scroll: usize) {
    let rect = centered(area, 96, area.height.saturating_sub(2));
    super::clear_overlay(f, rect);
    let b = block(
        Line::from(vec![Span::styled(" Keys ", BOLD), Span::styled("— Esc, ? or q closes; j/k scroll ", DIM)]),
        true,
    );
    let inner = b.inner(rect);
    f.render_widget(b, rect);
    let all = lines();
    let max = all.len().saturating_sub(usize::from(inner.height));
    let shown: Vec<Line<'_>> = all.into_iter().skip(scroll.min(max)).take(usize::from(inner.height)).collect();
    f.render_widget(Paragraph::new(shown), inner);
}
