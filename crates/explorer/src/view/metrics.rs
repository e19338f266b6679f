//! The metrics view (view 5): on the left the metrics by theme with their counts; on the right a chart of the
//! selected metric (years across, values in the metric's unit, one colour per city, targets as blocks apart from
//! the line of actuals, a dotted straight path where progress draws one) with the comparability notes under it,
//! and below, every record of the metric with its progress.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset as Series, GraphType, LegendPosition, Paragraph};
use ratatui::Frame;
use zhibiao_core::ids::CityId;
use zhibiao_core::quantity::Comparator;
use zhibiao_core::schema::Kind;

use super::{block, cell, kind_span, owned, BOLD, DIM, SELECTED, SELECTED_DIM};
use crate::app::Model;
use crate::component::metrics::{self as comp, ListLine};
use crate::layout::Areas;
use crate::progress_index::date_of;
use crate::signed::signed_base_value;
use crate::text;
use crate::vocab::{Focus, Lang};

/// The colours of the cities' series, in the order the cities first appear.
const PALETTE: [Color; 6] =
    [Color::Green, Color::Yellow, Color::Magenta, Color::LightBlue, Color::LightRed, Color::White];

/// Draws the metrics view's panes.
pub fn render(m: &Model, f: &mut Frame, a: &Areas) {
    list(m, f, a);
    let (chart_area, table_area) = comp::areas(a);
    chart(m, f, chart_area);
    records(m, f, table_area);
}

/// The metrics, theme by theme: `5G基站 · 5g_base_stations  1c 1t 1a`.
fn list(m: &Model, f: &mut Frame, a: &Areas) {
    let focused = m.focus == Focus::Groups;
    let b = block(Line::from(Span::styled(" Metrics ", BOLD)), focused);
    let inner = b.inner(a.groups);
    f.render_widget(b, a.groups);
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let lines = comp::list_lines(&m.groups);
    let top = comp::list_top(&lines, m.group_sel, rows);
    let mut out = Vec::with_capacity(rows);
    for l in lines.iter().skip(top).take(rows) {
        match *l {
            ListLine::Theme(t) => {
                let theme = m.ds.theme(t);
                let name = if m.lang == Lang::En { &theme.name_en } else { &theme.name };
                out.push(Line::from(owned(cell(name, w, BOLD.fg(Color::Yellow), &[]))));
            }
            ListLine::Metric(g) => {
                let group = &m.groups[g];
                let style = match (g == m.group_sel, focused) {
                    (true, true) => SELECTED,
                    (true, false) => SELECTED_DIM,
                    _ => Style::new(),
                };
                let c = comp::counts(&m.ds, &group.members);
                let right = format!("{}c {}t {}a", c.cities, c.targets, c.actuals);
                let Some(metric) = group.key.metric().map(|k| m.ds.metric(k)) else { continue };
                let label = if m.lang == Lang::En { &metric.name_en } else { &metric.name };
                let lw = w.saturating_sub(text::width(&right) + 2);
                let mut spans = vec![Span::styled(" ", style)];
                spans.extend(owned(cell(label, lw, style, &[])));
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

/// The value a record is charted at: its normalised value, negative for a fall.
fn plotted(m: &Model, i: usize) -> f64 {
    let ind = &m.ds.indicators()[i];
    let v = ind.base_value.to_f64();
    if ind.comparator == Comparator::Decrease {
        -v
    } else {
        v
    }
}

/// A dotted straight line from `from` to `to`: short runs of points with gaps between them.
fn dotted(from: (f64, f64), to: (f64, f64)) -> Vec<(f64, f64)> {
    const STEPS: usize = 60;
    (0..=STEPS)
        .filter(|k| (k / 3) % 2 == 0)
        .map(|k| {
            let t = k as f64 / STEPS as f64;
            (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t)
        })
        .collect()
}

/// The chart of the selected metric, with the comparability notes below it.
fn chart(m: &Model, f: &mut Frame, area: Rect) {
    let Some(metric) = m.selected_metric().map(|k| &m.ds.metrics()[k]) else {
        let b = block(Line::from(" Chart "), false);
        f.render_widget(Paragraph::new(Line::styled("No metric matches the filters.", DIM)).block(b), area);
        return;
    };
    let name = if m.lang == Lang::En { &metric.name_en } else { &metric.name };
    let title = Line::from(vec![
        Span::styled(format!(" {name} "), BOLD),
        Span::styled(
            format!("· {} · {} · better {} ", metric.unit, metric.measure.as_str(), metric.better.as_str()),
            DIM,
        ),
    ]);
    let b = block(title, false);
    let inner = b.inner(area);
    f.render_widget(b, area);
    // The notes, wrapped, take at most three lines under the chart.
    let notes: Vec<Line<'_>> = m
        .metric_notes
        .iter()
        .flat_map(|n| {
            let n = format!("⚠ {n}");
            text::wrap(&n, usize::from(inner.width).max(4))
                .into_iter()
                .map(|r| Line::styled(n[r].to_string(), DIM))
                .collect::<Vec<_>>()
        })
        .collect();
    let notes_h = (notes.len() as u16).min(3).min(inner.height.saturating_sub(4));
    let chart_area = Rect { height: inner.height - notes_h, ..inner };
    let notes_area = Rect { y: chart_area.bottom(), height: notes_h, ..inner };

    // One colour per city, in order of first appearance; each city's actuals as a line, its targets as blocks.
    let rows = m.rows();
    let mut cities: Vec<CityId> = Vec::new();
    for &i in rows {
        let c = m.ds.indicators()[i].city;
        if !cities.contains(&c) {
            cities.push(c);
        }
    }
    let mut actuals: Vec<Vec<(f64, f64)>> = vec![Vec::new(); cities.len()];
    let mut targets: Vec<Vec<(f64, f64)>> = vec![Vec::new(); cities.len()];
    let mut paths: Vec<(usize, Vec<(f64, f64)>)> = Vec::new();
    for &i in rows {
        let ind = &m.ds.indicators()[i];
        let k = cities.iter().position(|&c| c == ind.city).unwrap_or(0);
        let point = (date_of(&m.ds, i), plotted(m, i));
        match ind.kind {
            Kind::Actual => actuals[k].push(point),
            Kind::Target => {
                targets[k].push(point);
                if let Some(from) = m.progress.of(i).and_then(|p| p.path_from) {
                    paths.push((k, dotted((date_of(&m.ds, from), plotted(m, from)), point)));
                }
            }
        }
    }
    for a in &mut actuals {
        a.sort_by(|x, y| x.0.total_cmp(&y.0));
    }
    let all = actuals.iter().chain(&targets).flatten();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, 0.0_f64, 0.0_f64);
    for &(x, y) in all {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let (x0, x1) = if x0 > x1 { (0.0, 1.0) } else { (x0.floor(), x1.ceil().max(x0.floor() + 1.0)) };
    let pad = ((y1 - y0) * 0.1).max(1e-9);
    let (y0, y1) = (if y0 < 0.0 { y0 - pad } else { 0.0 }, if y1 > 0.0 { y1 + pad } else { 0.0 + pad });
    let colour = |k: usize| PALETTE[k % PALETTE.len()];
    let city_name = |c: CityId| {
        let city = m.ds.city(c);
        if m.lang == Lang::En {
            city.name_en.clone()
        } else {
            city.name.clone()
        }
    };
    let mut series = Vec::new();
    for (k, &c) in cities.iter().enumerate() {
        if !actuals[k].is_empty() {
            series.push(
                Series::default()
                    .name(format!("{} actual •", city_name(c)))
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .style(Style::new().fg(colour(k)))
                    .data(&actuals[k]),
            );
            // Each figure as a dot too, so a single one shows.
            series.push(
                Series::default()
                    .marker(Marker::Dot)
                    .graph_type(GraphType::Scatter)
                    .style(Style::new().fg(colour(k)))
                    .data(&actuals[k]),
            );
        }
        if !targets[k].is_empty() {
            series.push(
                Series::default()
                    .name(format!("{} target █", city_name(c)))
                    .marker(Marker::Block)
                    .graph_type(GraphType::Scatter)
                    .style(Style::new().fg(colour(k)))
                    .data(&targets[k]),
            );
        }
    }
    for (k, p) in &paths {
        series.push(Series::default().marker(Marker::Braille).style(Style::new().fg(colour(*k))).data(p));
    }
    let years: Vec<Span<'_>> = {
        let (a, b) = (x0 as i64, x1 as i64);
        let mid = (a + b) / 2;
        let mut v = vec![a.to_string()];
        if mid != a && mid != b && chart_area.width >= 40 {
            v.push(mid.to_string());
        }
        v.push(b.to_string());
        v.into_iter().map(Span::raw).collect()
    };
    let num = |v: f64| {
        if v.abs() >= 100.0 || v == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    let chart = Chart::new(series)
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Ratio(2, 3), Constraint::Ratio(2, 3)))
        .x_axis(Axis::default().bounds([x0, x1]).labels(years).style(DIM))
        .y_axis(
            Axis::default()
                .bounds([y0, y1])
                .labels(vec![Span::raw(num(y0)), Span::raw(format!("{} {}", num(y1), metric.unit))])
                .style(DIM),
        );
    f.render_widget(chart, chart_area);
    f.render_widget(Paragraph::new(notes.into_iter().take(usize::from(notes_h)).collect::<Vec<_>>()), notes_area);
}

/// Every record of the selected metric: city, year, kind, value in the metric's unit, status, progress.
fn records(m: &Model, f: &mut Frame, area: Rect) {
    let focused = m.focus == Focus::Table;
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
            text::width(if m.lang == Lang::En { &c.name_en } else { &c.name })
        })
        .max()
        .unwrap_or(4)
        .max(4);
    let value_w =
        rows.iter().map(|&i| text::width(&signed_base_value(&m.ds.indicators()[i]))).max().unwrap_or(5).max(5);
    let status_of = |i: usize| {
        let ind = &m.ds.indicators()[i];
        match ind.scope() {
            Some(scope) => format!("{} · {scope}", ind.status.as_str()),
            None => ind.status.as_str().to_string(),
        }
    };
    let status_w = rows.iter().map(|&i| text::width(&status_of(i))).max().unwrap_or(6).clamp(6, 16);
    let fixed = [city_w, 4, 6, value_w.min(20), status_w];
    let progress_w = w.saturating_sub(fixed.iter().sum::<usize>() + fixed.len()).max(8);
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
    for (r, &i) in rows.iter().enumerate().skip(m.row_top).take(usize::from(inner.height).saturating_sub(1)) {
        let ind = &m.ds.indicators()[i];
        let style = match (r == m.row_sel, focused) {
            (true, true) => SELECTED,
            (true, false) => SELECTED_DIM,
            _ => Style::new(),
        };
        let c = &m.ds.cities()[ind.city];
        let city = if m.lang == Lang::En { &c.name_en } else { &c.name };
        let status = status_of(i);
        let cells =
            [city.clone(), ind.year.to_string(), String::new(), signed_base_value(ind), status, m.progress.cell(i)];
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

#[cfg(test)]
mod tests {
    use super::dotted;

    #[test]
    fn a_path_is_dotted_runs_with_gaps_from_its_start_to_its_end() {
        let p = dotted((2020.0, 100.0), (2026.0, 400.0));
        assert_eq!(p.first(), Some(&(2020.0, 100.0)));
        let end = p.last().expect("points");
        assert!((end.0 - 2026.0).abs() < 1e-9 && (end.1 - 400.0).abs() < 1e-9, "{end:?}");
        // Steps within a run are one sixtieth of the way; between runs, four sixtieths: the gaps.
        let step = 6.0 / 60.0;
        let gaps = p.windows(2).filter(|w| w[1].0 - w[0].0 > 1.5 * step).count();
        assert!(gaps >= 5, "{gaps} gaps in {p:?}");
        // Every point lies on the straight line.
        assert!(p.iter().all(|&(x, y)| (y - (100.0 + (x - 2020.0) * 50.0)).abs() < 1e-6));
    }
}
