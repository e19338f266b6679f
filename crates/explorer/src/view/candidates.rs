//! View 6, drawn: the documents with unaccounted figures and their counts (left), the figures of the selected
//! document with what the draft makes of them (right, top), and the selected figure's paragraph with the figure
//! highlighted, the drafted record, and where the last write went (right, bottom).

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
use zhibiao_core::draft::Choice;

use super::{block, cell, kind_span, owned, BOLD, DIM, QUOTE, SELECTED, SELECTED_DIM};
use crate::app::Model;
use crate::layout::Areas;
use crate::text;
use crate::vocab::{Focus, Lang};

/// Draws view 6 into the body of the screen.
pub fn render(m: &Model, f: &mut Frame, a: &Areas) {
    documents(m, f, a.groups);
    figures(m, f, a.table);
    context(m, f, a.detail);
}

/// The left pane: one line per document, with its count.
fn documents(m: &Model, f: &mut Frame, area: Rect) {
    let c = &m.cands;
    let focused = m.ui.focus == Focus::Groups;
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
    // Wrapped, not cut: the message above reads whole in a narrow pane (the document rows fit already).
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(title, focused)), area);
}

/// What the draft made of a figure, in a few words: `5g_base_stations_new 2022 target`.
fn drafted(m: &Model, row: &crate::component::candidates::Row) -> String {
    let metric = match row.draft.metric {
        Choice::Chosen(i) => m.ds.metrics().get(i.index()).map_or("?", |x| x.id.as_str()),
        Choice::Undecided { .. } => "metric TODO",
    };
    format!("{metric} · {}", row.draft.year)
}

/// The right top pane: the figures of the selected document.
fn figures(m: &Model, f: &mut Frame, area: Rect) {
    let c = &m.cands;
    let focused = m.ui.focus == Focus::Table;
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
        let note = if row.unfinished.is_some() {
            " (unfinished draft)"
        } else if row.note.is_some() {
            " (uncertain)"
        } else {
            ""
        };
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
            let name = if m.ui.lang == Lang::En { &doc.title_en } else { &doc.title };
            paragraph(m, row, width, &mut lines);
            lines.push(Line::raw(""));
            let head = if row.unfinished.is_some() {
                "unfinished draft: fill in its TODOs in the file (set aside until then)"
            } else {
                "drafted record (a: accept, i: ignore)"
            };
            lines.push(Line::styled(head, BOLD));
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
    if m.ui.root.is_none() {
        lines.push(Line::styled("the bundled dataset is read-only: start with --data DIR to accept or ignore", DIM));
    }
    let title = Line::from(Span::styled(text::truncate(&title, width).0, BOLD));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(title, false)), area);
}

/// The figure's paragraph wrapped to `width` (Chinese-aware), the figure highlighted.
fn paragraph<'a>(m: &'a Model, row: &crate::component::candidates::Row, width: usize, out: &mut Vec<Line<'a>>) {
    let doc = &m.ds.documents()[row.doc];
    let Some(para) = doc.text.paragraphs.get(row.paragraph.wrapping_sub(1)) else { return };
    let body = &doc.text.text[para.clone()];
    let mark = row.span.start.saturating_sub(para.start)..row.span.end.saturating_sub(para.start);
    let marks = [(mark, QUOTE)];
    for r in text::wrap(body, width.max(4)) {
        out.push(Line::from(text::styled_spans(&body[r.clone()], Style::new(), &text::ranges_within(&marks, &r))));
    }
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::Terminal;

    use crate::action::Action;
    use crate::app::scratch;
    use crate::app::{update, Model};
    use crate::layout::Areas;
    use crate::text;
    use crate::view::QUOTE;
    use crate::vocab::ViewKind;

    fn draw(m: &Model) -> Buffer {
        let mut t = Terminal::new(TestBackend::new(m.ui.size.0, m.ui.size.1)).expect("test terminal");
        t.draw(|f| crate::view::render(m, f)).expect("draw");
        t.backend().buffer().clone()
    }

    /// Row `y` from `x0` to `x1` as read: each wide character once.
    fn read(b: &Buffer, y: u16, x0: u16, x1: u16) -> String {
        let mut s = String::new();
        let mut x = x0;
        while x < x1 {
            let sym = b[(x, y)].symbol();
            s.push_str(sym);
            x += (text::width(sym) as u16).max(1);
        }
        s
    }

    #[test]
    fn view_6_shows_documents_figures_drafts_and_the_highlighted_figure_at_odd_and_even_widths() {
        let dir = scratch::dataset("view6");
        for (w, h) in [(101, 30), (100, 30), (81, 24), (80, 24), (61, 20), (60, 20), (51, 16), (50, 16)] {
            let mut m = scratch::model(&dir, (w, h));
            update(&mut m, Action::ShowView(ViewKind::Candidates));
            let b = draw(&m);
            let a = Areas::of(b.area);
            let rows: Vec<String> = (0..h).map(|y| read(&b, y, 0, w)).collect();
            let screen = rows.join("\n");
            // Narrow, the tabs shorten their titles (` 6 Can `); below 60 columns the sixth has no room left.
            let tab = crate::layout::tab_label(ViewKind::Candidates, a.compact_tabs());
            assert!(rows[0].contains(&tab) || w < 60, "{w}×{h}:\n{screen}");
            assert_eq!(a.compact_tabs(), w < 73, "{w}: full titles need 73 columns (6 for the brand, 67 for the tabs)");
            // The documents pane: the document and its count.
            let docs = read(&b, a.groups.y + 1, a.groups.x, a.groups.right());
            assert!(docs.contains("test-plan") && docs.trim_end_matches('│').trim_end().ends_with('2'), "{docs}");
            // The figures: both, the selected first, with the draft's kind and year.
            let first = read(&b, a.table.y + 2, a.table.x, a.table.right());
            let second = read(&b, a.table.y + 3, a.table.x, a.table.right());
            assert!(first.contains("¶7") && first.contains("3000个") && first.contains("target"), "{w}: {first}");
            assert!(second.contains("50万户"), "{w}: {second}");
            // Every pane keeps its right border: no wide character runs over it.
            for y in a.table.y..a.detail.bottom() {
                let x = a.table.right() - 1;
                assert!(
                    ["│", "┐", "┘", "┤", "┌", "└"].contains(&b[(x, y)].symbol()) || b[(x, y)].symbol() == "─",
                    "{w}×{h} row {y}:\n{screen}"
                );
                let before = (a.table.x..x).rev().find(|&c| !b[(c, y)].symbol().is_empty()).unwrap_or(x);
                assert!(
                    before + text::width(b[(before, y)].symbol()).max(1) as u16 <= x,
                    "{w}×{h} row {y} covers the border"
                );
            }
            // The context: exactly the figure is highlighted, and the drafted record is there to read.
            let mut marked = String::new();
            for y in a.detail.y..a.detail.bottom() {
                for x in a.detail.x..a.detail.right() {
                    if b[(x, y)].style().bg == QUOTE.bg && !b[(x, y)].symbol().is_empty() {
                        marked.push_str(b[(x, y)].symbol());
                    }
                }
            }
            assert_eq!(marked, "3000个", "{w}×{h}:\n{screen}");
            if h >= 24 {
                assert!(screen.contains("id: test-plan-p7") && screen.contains("metric: TODO"), "{screen}");
            }
            let last = &rows[usize::from(h) - 1];
            assert!(last.contains("a accept") || w < 60, "{w}: {last}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
