//! The chart of the metrics view: years across, values in the metric's unit (a fall below zero), one colour per
//! city; each actual a dot, the actuals of one city and one scope joined by a line (a district's figure is never
//! joined to the whole city's), each target a block, and a dotted straight path where progress judges a target
//! on its pace. The comparability notes go under it.
//!
//! ratatui's chart draws the lines and paths in braille; the dots and blocks are then set in the very cells the
//! braille puts the figures in, on top of everything, so a path never covers a target, a single figure leaves
//! no stray braille dot beside its own, and every figure, the first included, has its mark.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset as Series, GraphType, LegendPosition, Paragraph};
use ratatui::Frame;
use zhibiao_core::ids::{CityId, IndicatorId};
use zhibiao_core::quantity::Comparator;
use zhibiao_core::schema::Kind;

use super::{block, fit_spans, BOLD, DIM};
use crate::app::Model;
use crate::progress_index::date_of;
use crate::text;
use crate::vocab::Lang;

/// The colours of the cities' series, in the order the cities first appear.
const PALETTE: [Color; 6] =
    [Color::Green, Color::Yellow, Color::Magenta, Color::LightBlue, Color::LightRed, Color::White];

/// The mark of an actual.
pub const DOT: &str = "•";
/// The mark of a target.
pub const TARGET: &str = "█";

/// The value a record is charted at: its normalised value, negative for a fall.
fn plotted(m: &Model, i: IndicatorId) -> f64 {
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

/// Points of a chart, (x, y).
type Points = Vec<(f64, f64)>;
/// A city's colour index and a scope (`None`: the whole city).
type Scoped<'a> = (usize, Option<&'a str>);

/// What the chart shows of the selected metric's records `rows`: one colour index per city (in order of first
/// appearance), the actuals' lines (one per city and scope, in time order), every actual, every target, and
/// the paths progress draws.
#[derive(Debug, Default)]
pub struct Figures {
    /// Cities, in order of first appearance.
    pub cities: Vec<CityId>,
    /// (colour index, points) of each line: the actuals of one city and one scope.
    pub lines: Vec<(usize, Vec<(f64, f64)>)>,
    /// (colour index, point) of each actual.
    pub actuals: Vec<(usize, (f64, f64))>,
    /// (colour index, point) of each target.
    pub targets: Vec<(usize, (f64, f64))>,
    /// (colour index, points) of each dotted path.
    pub paths: Vec<(usize, Vec<(f64, f64)>)>,
}

impl Figures {
    /// The figures of `rows`.
    pub fn of(m: &Model, rows: &[IndicatorId]) -> Figures {
        let mut f = Figures::default();
        // The actuals of each (colour index, scope), in the order first seen.
        let mut by_scope: Vec<(Scoped<'_>, Points)> = Vec::new();
        for &i in rows {
            let ind = &m.ds.indicators()[i];
            let k = match f.cities.iter().position(|&c| c == ind.city) {
                Some(k) => k,
                None => {
                    f.cities.push(ind.city);
                    f.cities.len() - 1
                }
            };
            let point = (date_of(&m.ds, i), plotted(m, i));
            match ind.kind {
                Kind::Actual => {
                    f.actuals.push((k, point));
                    let key = (k, ind.scope());
                    match by_scope.iter_mut().find(|(s, _)| *s == key) {
                        Some((_, pts)) => pts.push(point),
                        None => by_scope.push((key, vec![point])),
                    }
                }
                Kind::Target => {
                    f.targets.push((k, point));
                    if let Some(from) = m.progress.of(i).and_then(|p| p.path_from) {
                        f.paths.push((k, dotted((date_of(&m.ds, from), plotted(m, from)), point)));
                    }
                }
            }
        }
        for ((k, _), mut pts) in by_scope {
            pts.sort_by(|x, y| x.0.total_cmp(&y.0));
            f.lines.push((k, pts));
        }
        f
    }

    /// The x and y bounds: whole years, and values from zero (or below, for a fall) with a tenth to spare.
    fn bounds(&self) -> ([f64; 2], [f64; 2]) {
        let all = self.actuals.iter().chain(&self.targets).map(|(_, p)| *p);
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, 0.0_f64, 0.0_f64);
        for (x, y) in all {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        let (x0, x1) = if x0 > x1 { (0.0, 1.0) } else { (x0.floor(), x1.ceil().max(x0.floor() + 1.0)) };
        let pad = ((y1 - y0) * 0.1).max(1e-9);
        let (y0, y1) = (if y0 < 0.0 { y0 - pad } else { 0.0 }, if y1 > 0.0 { y1 + pad } else { pad });
        ([x0, x1], [y0, y1])
    }
}

/// The chart of the selected metric, with the comparability notes below it.
pub fn render(m: &Model, f: &mut Frame, area: Rect) {
    let Some(metric) = m.selected_metric().map(|k| &m.ds.metrics()[k]) else {
        let b = block(Line::from(" Chart "), false);
        f.render_widget(Paragraph::new(Line::styled("No metric matches the filters.", DIM)).block(b), area);
        return;
    };
    let name = if m.ui.lang == Lang::En { &metric.name_en } else { &metric.name };
    let title = fit_spans(
        vec![
            Span::styled(format!(" {name} "), BOLD),
            Span::styled(
                format!("· {} · {} · better {} ", metric.unit, metric.measure.as_str(), metric.better.as_str()),
                DIM,
            ),
        ],
        usize::from(area.width.saturating_sub(2)),
    );
    let b = block(Line::from(title), false);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let (notes, notes_h) = notes(m, inner);
    let chart_area = Rect { height: inner.height - notes_h, ..inner };
    let notes_area = Rect { y: chart_area.bottom(), height: notes_h, ..inner };

    let figs = Figures::of(m, m.rows());
    let ([x0, x1], [y0, y1]) = figs.bounds();
    let colour = |k: usize| PALETTE[k % PALETTE.len()];
    let city_name = |c: CityId| {
        let city = m.ds.city(c);
        if m.ui.lang == Lang::En {
            city.name_en.clone()
        } else {
            city.name.clone()
        }
    };
    // The paths first, the lines over them; the legend names each city's actuals and targets once (the
    // marks themselves are set after the chart is drawn).
    let mut series: Vec<Series<'_>> = figs
        .paths
        .iter()
        .map(|(k, p)| Series::default().marker(Marker::Braille).style(Style::new().fg(colour(*k))).data(p))
        .collect();
    for (k, &c) in figs.cities.iter().enumerate() {
        let style = Style::new().fg(colour(k));
        let mut named = false;
        for (_, pts) in figs.lines.iter().filter(|(j, _)| *j == k) {
            let s = Series::default().marker(Marker::Braille).graph_type(GraphType::Line).style(style);
            let s = if pts.len() > 1 { s.data(pts) } else { s };
            series.push(if named { s } else { s.name(format!("{} actual {DOT}", city_name(c))) });
            named = true;
        }
        if figs.targets.iter().any(|(j, _)| *j == k) {
            series.push(Series::default().name(format!("{} target {TARGET}", city_name(c))).style(style));
        }
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
    if let Some(graph) = graph_area(f.buffer_mut(), chart_area) {
        let buf = f.buffer_mut();
        let marks =
            figs.actuals.iter().map(|(k, p)| (*k, *p, DOT)).chain(figs.targets.iter().map(|(k, p)| (*k, *p, TARGET)));
        for (k, (x, y), mark) in marks {
            if let Some(at) = braille_cell(graph, [x0, x1], [y0, y1], x, y) {
                buf[at].set_symbol(mark).set_style(Style::new().fg(colour(k)));
            }
        }
    }
    f.render_widget(Paragraph::new(notes), notes_area);
}

/// The comparability notes wrapped to the chart's width, at most three lines (the last ending with `…` when some
/// are left out), and the rows they take.
fn notes(m: &Model, inner: Rect) -> (Vec<Line<'static>>, u16) {
    let width = usize::from(inner.width).max(4);
    let all: Vec<String> = m
        .metric_notes
        .iter()
        .flat_map(|n| {
            let n = format!("⚠ {n}");
            text::wrap(&n, width).into_iter().map(|r| n[r].to_string()).collect::<Vec<_>>()
        })
        .collect();
    let h = all.len().min(3).min(usize::from(inner.height.saturating_sub(4)));
    let mut lines: Vec<String> = all.iter().take(h).cloned().collect();
    if all.len() > h {
        if let Some(last) = lines.last_mut() {
            let keep = text::fit_prefix(last, width.saturating_sub(1));
            last.truncate(keep);
            last.push('…');
        }
    }
    (lines.into_iter().map(|l| Line::styled(l, DIM)).collect(), h as u16)
}

/// Where the chart put its graph (right of the y axis, above the x axis), found from the axes' corner: the
/// lowest `└` of the chart's area (the legend's box, also drawn with one, is above it).
fn graph_area(buf: &Buffer, area: Rect) -> Option<Rect> {
    let (x, y) = (area.top()..area.bottom())
        .rev()
        .find_map(|y| (area.left()..area.right()).find(|&x| buf[(x, y)].symbol() == "└").map(|x| (x, y)))?;
    (x + 1 < area.right() && y > area.top()).then(|| Rect::new(x + 1, area.top(), area.right() - x - 1, y - area.top()))
}

/// The cell in which ratatui's braille canvas over `graph` with these bounds puts the point (x, y).
fn braille_cell(graph: Rect, [x0, x1]: [f64; 2], [y0, y1]: [f64; 2], x: f64, y: f64) -> Option<(u16, u16)> {
    if !(x0..=x1).contains(&x) || !(y0..=y1).contains(&y) || x1 <= x0 || y1 <= y0 {
        return None;
    }
    let (w, h) = (f64::from(graph.width) * 2.0, f64::from(graph.height) * 4.0);
    let dx = ((x - x0) * (w - 1.0) / (x1 - x0)).round() as u16;
    let dy = ((y1 - y) * (h - 1.0) / (y1 - y0)).round() as u16;
    Some((graph.x + dx / 2, graph.y + dy / 4))
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
