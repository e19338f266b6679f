//! View 6, drawn: the documents with unaccounted figures and their counts (left), the figures of the selected
//! document with what the draft makes of them (right, top), and the selected figure's paragraph with the figure
//! highlighted, the drafted record, and where the last write went (right, bottom).

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use zhibiao::draft::Choice;

use super::{block, cell, kind_span, owned, BOLD, DIM, QUOTE, SELECTED, SELECTED_DIM};
use crate::tui::app::{Focus, Lang, Model};
use crate::tui::layout::Areas;
use crate::tui::text;

/// Draws view 6 into the body of the screen.
pub fn render(m: &Model, f: &mut Frame, a: &Areas) {
    documents(m, f, a.groups);
    figures(m, f, a.table);
    context(m, f, a.detail);
}

/// The left pane: one line per document, with its count.
fn documents(m: &Model, f: &mut Frame, area: Rect) {
    let c = &m.cands;
    let focused = m.focus == Focus::Groups;
    let title = Line::from(Span::styled(format!(" Documents {} ", c.docs.len()), BOLD));
    let inner = usize::from(area.width.saturating_sub(2));
    let mut lines = Vec::new();
    for (k, (d, rows)) in c.docs.iter().enumerate().skip(c.doc_top).take(usize::from(area.height.saturating_sub(2))) {
        let doc = &m.ds.documents()[*d];
        let count = format!(" {}", rows.len());
        let name_w = inner.saturating_sub(text::width(&count));
        let style = match (k == c.doc_sel, focused) {
            (true, true) => SELECTED,
            (true, false) => SELECTED_DIM,
            _ => Style::new(),
        };
        let mut spans = owned(cell(&doc.id, name_w, style, &[]));
        spans.push(Span::styled(count, style.patch(DIM)));
        lines.push(Line::from(spans));
    }
    if c.docs.is_empty() {
        lines.push(Line::styled(" every figure is accounted for", DIM));
    }
    f.render_widget(Paragraph::new(lines).block(block(title, focused)), area);
}

/// What the draft made of a figure, in a few words: `5g_base_stations_new 2022 target`.
fn drafted(m: &Model, row: &crate::tui::component::candidates::Row) -> String {
    let metric = match row.draft.metric {
        Choice::Chosen(i) => m.ds.metrics().get(i).map_or("?", |x| x.id.as_str()),
        Choice::Undecided { .. } => "metric TODO",
    };
    format!("{metric} · {}", row.draft.year)
}

/// The right top pane: the figures of the selected document.
fn figures(m: &Model, f: &mut Frame, area: Rect) {
    let c = &m.cands;
    let focused = m.focus == Focus::Table;
    let rows = c.doc_rows();
    let title = Line::from(vec![
        Span::styled(format!(" Candidates {} ", rows.len()), BOLD),
        Span::styled(format!("of {} ", c.rows.len()), DIM),
    ]);
    let inner = usize::from(area.width.saturating_sub(2));
    let (para_w, fig_w, kind_w) = (5, 14.min(inner / 3), 7);
    let rest = inner.saturating_sub(para_w + fig_w + kind_w + 3);
    let header = format!("{}  {} {}", text::pad("¶", para_w), text::pad("figure", fig_w), text::pad("kind", kind_w));
    let mut lines = vec![Line::styled(format!("{header}draft"), DIM)];
    let shown = usize::from(area.height.saturating_sub(3));
    for (k, row) in rows.iter().enumerate().skip(c.row_top).take(shown) {
        let style = match (k == c.row_sel, focused) {
            (true, true) => SELECTED,
            (true, false) => SELECTED_DIM,
            _ => Style::new(),
        };
        let mut spans = owned(cell(&format!("¶{}", row.paragraph), para_w, style.patch(DIM), &[]));
        spans.push(Span::styled("  ", style));
        spans.extend(owned(cell(&row.text, fig_w, style, &[])));
        spans.push(Span::styled(" ", style));
        let kind = kind_span(row.draft.kind);
        spans.push(Span::styled(text::pad(&kind.content, kind_w), style.patch(kind.style)));
        let note = if row.note.is_some() { " (uncertain)" } else { "" };
        spans.extend(owned(cell(&format!("{}{note}", drafted(m, row)), rest, style, &[])));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines).block(block(title, focused)), area);
}

/// The right bottom pane: the paragraph with the figure highlighted, the drafted record, the last write.
fn context(m: &Model, f: &mut Frame, area: Rect) {
    let c = &m.cands;
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line<'_>> = Vec::new();
    if let Some(w) = &c.written {
        lines.push(Line::styled(w.summary.clone(), Style::new().fg(Color::Yellow)));
        for t in &w.todo {
            lines.push(Line::from(vec![Span::styled("  TODO ", DIM), Span::raw(t.clone())]));
        }
        lines.push(Line::raw(""));
    }
    let title = match c.selected() {
        Some(row) => {
            let doc = &m.ds.documents()[row.doc];
            let name = if m.lang == Lang::En { &doc.title_en } else { &doc.title };
            paragraph(m, row, width, &mut lines);
            lines.push(Line::raw(""));
            lines.push(Line::styled("drafted record (a: accept, i: ignore)", BOLD));
            for l in row.record.lines() {
                lines.push(Line::raw(format!("  {l}")));
            }
            if let Some(n) = &row.note {
                lines.push(Line::styled(format!("note: {n}"), DIM));
            }
            format!(" ¶{} line {} · {} ", row.paragraph, row.line, name)
        }
        None => " Context ".to_string(),
    };
    if m.root.is_none() {
        lines.push(Line::styled("the bundled dataset is read-only: start with --data DIR to accept or ignore", DIM));
    }
    let title = Line::from(Span::styled(text::truncate(&title, width).0, BOLD));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(title, false)), area);
}

/// The figure's paragraph wrapped to `width` (Chinese-aware), the figure highlighted.
fn paragraph<'a>(m: &'a Model, row: &crate::tui::component::candidates::Row, width: usize, out: &mut Vec<Line<'a>>) {
    let doc = &m.ds.documents()[row.doc];
    let Some(para) = doc.text.paragraphs.get(row.paragraph.wrapping_sub(1)) else { return };
    let body = &doc.text.text[para.clone()];
    let mark = row.span.start.saturating_sub(para.start)..row.span.end.saturating_sub(para.start);
    let marks = [(mark, QUOTE)];
    for r in text::wrap(body, width.max(4)) {
        out.push(Line::from(text::styled_spans(&body[r.clone()], Style::new(), &text::ranges_within(&marks, &r))));
    }
}
