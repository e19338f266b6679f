//! The metrics view (view 5): on the left the metrics by theme with their counts; on the right the chart of the
//! selected metric (`chart.rs`) with the comparability notes under it, and below, every record of the metric
//! with its progress.

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use zhibiao_core::ids::IndicatorId;

use super::{block, cell, kind_span, owned, BOLD, DIM, SELECTED, SELECTED_DIM};
use crate::app::Model;
use crate::component::metrics::{self as comp, ListLine};
use crate::layout::Areas;
use crate::signed::compared_base_value;
use crate::text;
use crate::vocab::{Focus, Lang};

/// Draws the metrics view's panes.
pub fn render(m: &Model, f: &mut Frame, a: &Areas) {
    list(m, f, a);
    let (chart_area, table_area) = comp::areas(a);
    super::chart::render(m, f, chart_area);
    records(m, f, table_area);
}

/// The metrics, theme by theme: `5G基站 · 5g_base_stations  1c 1t 1a`.
fn list(m: &Model, f: &mut Frame, a: &Areas) {
    let focused = m.ui.focus == Focus::Groups;
    let b = block(Line::from(Span::styled(" Metrics ", BOLD)), focused);
    let inner = b.inner(a.groups);
    f.render_widget(b, a.groups);
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let lines = comp::list_lines(&m.groups);
    let top = comp::list_top(&lines, m.ui.group_sel, rows);
    let mut out = Vec::with_capacity(rows);
    for l in lines.iter().skip(top).take(rows) {
        match *l {
            ListLine::Theme(t) => {
                let theme = m.ds.theme(t);
                let name = if m.ui.lang == Lang::En { &theme.name_en } else { &theme.name };
                out.push(Line::from(owned(cell(name, w, BOLD.fg(Color::Yellow), &[]))));
            }
            ListLine::Metric(g) => {
                let group = &m.groups[g];
                let style = match (g == m.ui.group_sel, focused) {
                    (true, true) => SELECTED,
                    (true, false) => SELECTED_DIM,
                    _ => Style::new(),
                };
                let c = comp::counts(&m.ds, &group.members);
                // A narrow pane gives the names the room: the record count alone (the table below has the rest).
                let right = if w >= 30 {
                    format!("{}c {}t {}a", c.cities, c.targets, c.actuals)
                } else {
                    group.members.len().to_string()
                };
                let Some(metric) = group.key.metric().map(|k| m.ds.metric(k)) else { continue };
                let label = if m.ui.lang == Lang::En { &metric.name_en } else { &metric.name };
                let lw = w.saturating_sub(text::width(&right) + 2);
                let mut spans = vec![Span::styled(" ", style)];
                // Cut in the middle: metrics often share a long beginning and differ at the end.
                spans.push(Span::styled(text::pad(&text::truncate_middle(label, lw), lw), style));
                spans.push(Span::styled(format!(" {right}"), style));
                out.push(Line::from(spans).style(style));
            }
        }
    }
    if m.groups.is_empty() {
        out.push(Line::styled("(none)", DIM));
    }
    f.render_widget(Paragraph::new(out), inner);
}

/// Every record of the selected metric: city, year, kind, value in the metric's unit, status, progress.
fn records(m: &Model, f: &mut Frame, area: Rect) {
    let focused = m.ui.focus == Focus::Table;
    let rows = m.rows();
    let title = Line::from(vec![Span::styled(format!(" {} ", super::count(rows.len(), "record")), BOLD)]);
    let b = super::rows_block(m, title, rows.len());
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = usize::from(inner.width);
    let city_w = rows
        .iter()
        .map(|&i| {
            let c = &m.ds.cities()[m.ds.indicators()[i].city];
            text::width(if m.ui.lang == Lang::En { &c.name_en } else { &c.name })
        })
        .max()
        .unwrap_or(4)
        .max(4);
    let value_w =
        rows.iter().map(|&i| text::width(&compared_base_value(&m.ds.indicators()[i]))).max().unwrap_or(5).max(5);
    let status_of = |i: IndicatorId| {
        let ind = &m.ds.indicators()[i];
        match ind.scope() {
            Some(scope) => format!("{} · {scope}", ind.status.as_str()),
            None => ind.status.as_str().to_string(),
        }
    };
    let status_w = rows.iter().map(|&i| text::width(&status_of(i))).max().unwrap_or(6).clamp(6, 16);
    // The progress says how far a target got: on a narrow terminal the status column (whose header is the
    // widest part of it) gives up room first.
    let progress_need = rows.iter().map(|&i| text::width(&m.progress.cell(i))).max().unwrap_or(8);
    let room = |status_w: usize| w.saturating_sub(city_w + 4 + 6 + value_w.min(20) + status_w + 5);
    let status_w = status_w.saturating_sub(progress_need.saturating_sub(room(status_w))).max(4);
    let fixed = [city_w, 4, 6, value_w.min(20), status_w];
    let progress_w = room(status_w).max(8);
    let widths = [fixed[0], fixed[1], fixed[2], fixed[3], fixed[4], progress_w];
    let header = ["city", "year", "kind", "value", "status", "progress"];
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    let mut head = Vec::new();
    for (k, (h, cw)) in header.iter().zip(widths).enumerate() {
        if k > 0 {
            head.push(Span::raw(" "));
        }
        head.extend(cell(h, cw, BOLD, &[]));
    }
    lines.push(Line::from(head));
    for (r, &i) in rows.iter().enumerate().skip(m.ui.row_top).take(usize::from(inner.height).saturating_sub(1)) {
        let ind = &m.ds.indicators()[i];
        let style = match (r == m.ui.row_sel, focused) {
            (true, true) => SELECTED,
            (true, false) => SELECTED_DIM,
            _ => Style::new(),
        };
        let c = &m.ds.cities()[ind.city];
        let city = if m.ui.lang == Lang::En { &c.name_en } else { &c.name };
        let status = status_of(i);
        let cells =
            [city.clone(), ind.year.to_string(), String::new(), compared_base_value(ind), status, m.progress.cell(i)];
        let mut spans = Vec::new();
        for (k, (s, cw)) in cells.iter().zip(widths).enumerate() {
            if k > 0 {
                spans.push(Span::styled(" ", style));
            }
            if k == 2 {
                let kind = kind_span(ind.kind);
                let pad = cw.saturating_sub(text::width(&kind.content));
                spans.push(Span::styled(kind.content, style.patch(kind.style)));
                spans.push(Span::styled(" ".repeat(pad), style));
            } else {
                spans.extend(owned(cell(s, cw, style, &[])));
            }
        }
        lines.push(Line::from(spans).style(style));
    }
    if rows.is_empty() {
        lines.push(Line::styled("No record matches the filters — Esc or x clears them.", DIM));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
