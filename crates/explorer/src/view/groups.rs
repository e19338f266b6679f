//! The left pane: the groups of the view with their counts (`沈阳 · Shenyang   112`); for years, a timeline
//! with the targets and actuals of each year.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use zhibiao_core::query::Group;
use zhibiao_core::schema::Kind;

use super::{block, cell, owned, ACTUAL, BOLD, SELECTED, SELECTED_DIM, TARGET};
use crate::app::Model;
use crate::text;
use crate::vocab::{Focus, Lang, ViewKind};

/// The label of group `g` in the current view and language.
pub fn label(m: &Model, g: &Group) -> String {
    let ds = &m.ds;
    match m.ui.view {
        ViewKind::Cities => match g.key.city().map(|c| ds.city(c)) {
            Some(c) if m.ui.lang == Lang::En => format!("{} · {}", c.name_en, c.name),
            Some(c) => format!("{} · {}", c.name, c.name_en),
            None => "?".to_string(),
        },
        ViewKind::Themes => match (g.key.theme().map(|t| ds.theme(t)), m.ui.lang) {
            (Some(t), Lang::Zh) => t.name.clone(),
            (Some(t), Lang::En) => t.name_en.clone(),
            (None, _) => "?".to_string(),
        },
        ViewKind::Years => g.key.year().map_or_else(|| "?".to_string(), |y| y.to_string()),
        ViewKind::All | ViewKind::Candidates => match m.ui.lang {
            Lang::Zh => "全部指标".to_string(),
            Lang::En => "All indicators".to_string(),
        },
        ViewKind::Metrics => {
            let Some(metric) = g.key.metric().map(|k| ds.metric(k)) else { return "?".to_string() };
            match m.ui.lang {
                Lang::Zh => format!("{} · {}", metric.name, metric.id),
                Lang::En => format!("{} · {}", metric.name_en, metric.id),
            }
        }
    }
}

/// Draws the groups pane.
pub fn render(m: &Model, f: &mut Frame, area: Rect) {
    let focused = m.ui.focus == Focus::Groups;
    let title = Line::from(Span::styled(format!(" {} ", m.ui.view.title()), BOLD));
    let b = block(title, focused);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let mut lines = Vec::with_capacity(rows);
    // Years: the targets and actuals of each year, counted once, right-aligned in columns.
    let kinds: Vec<(usize, usize)> = if m.ui.view == ViewKind::Years {
        m.groups
            .iter()
            .map(|g| {
                let t = g.members.iter().filter(|&&i| m.ds.keys_of(i).kind() == Kind::Target).count();
                (t, g.members.len() - t)
            })
            .collect()
    } else {
        Vec::new()
    };
    let tw = kinds.iter().map(|k| k.0.to_string().len()).max().unwrap_or(1);
    let aw = kinds.iter().map(|k| k.1.to_string().len()).max().unwrap_or(1);
    for (i, g) in m.groups.iter().enumerate().skip(m.ui.group_top).take(rows) {
        let style = match (i == m.ui.group_sel, focused) {
            (true, true) => SELECTED,
            (true, false) => SELECTED_DIM,
            _ => Style::new(),
        };
        let lab = label(m, g);
        let mut spans = Vec::new();
        if m.ui.view == ViewKind::Years {
            let (targets, actuals) = kinds[i];
            let (t, a) = if w >= 20 + tw + aw {
                (format!("{targets:>tw$} target"), format!("{actuals:>aw$} actual"))
            } else {
                (format!("{targets:>tw$}t"), format!("{actuals:>aw$}a"))
            };
            let right = format!("{t} {a}");
            let lw = w.saturating_sub(text::width(&right) + 1).max(4);
            spans.extend(owned(cell(&lab, lw, style, &[])));
            spans.push(Span::styled(" ", style));
            spans.push(Span::styled(t, style.patch(TARGET)));
            spans.push(Span::styled(" ", style));
            spans.push(Span::styled(a, style.patch(ACTUAL)));
        } else {
            let count = g.members.len().to_string();
            let lw = w.saturating_sub(text::width(&count) + 1);
            spans.extend(owned(cell(&lab, lw, style, &[])));
            spans.push(Span::styled(format!(" {count}"), style));
        }
        lines.push(Line::from(spans).style(style));
    }
    if m.groups.is_empty() {
        lines.push(Line::from("(none)"));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
