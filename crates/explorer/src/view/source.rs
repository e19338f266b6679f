//! The source view: the whole document with paragraph numbers, every cited quote underlined, the current one
//! highlighted. Draws only the lines in view, from the layout the update wrapped and cached.

use std::rc::Rc;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{block, kind_span, BOLD, CITED, DIM, QUOTE};
use crate::app::Model;
use crate::doclayout::DocLayout;
use crate::layout::{gutter_width, Areas};
use crate::signed::signed_value;
use crate::text;
use crate::vocab::Lang;
use zhibiao_core::control_chars::escape;

/// Draws the source pane.
pub fn render(m: &Model, f: &mut Frame, area: Rect) {
    let Some(s) = &m.ui.source else { return };
    let ds = &m.ds;
    let doc = &ds.documents()[s.doc];
    let cur = &ds.indicators()[s.indicator()];
    // In English: the English title and issuer and the indicator's English name; the text stays as written.
    let en = m.ui.lang == Lang::En;
    let (title, issuer, name) = if en && !doc.title_en.is_empty() {
        // An English title has no 《》 to end it: a dash keeps it from running into the issuer.
        let issuer = if doc.issuer_en.is_empty() { &doc.issuer } else { &doc.issuer_en };
        (format!(" {} — ", doc.title_en), issuer, &cur.name_en)
    } else {
        (format!(" 《{}》 ", doc.title), &doc.issuer, &cur.name)
    };
    let title = super::fit_spans(
        vec![Span::styled(title, BOLD), Span::styled(format!("{issuer} · {} ", doc.date), DIM)],
        usize::from(area.width.saturating_sub(2)),
    );
    let title = Line::from(title);
    let bottom = Line::from(vec![
        Span::styled(format!(" quote {}/{} ", s.current + 1, s.stops.len()), BOLD),
        Span::raw(format!("¶{} {} {} ", cur.paragraph, escape(name), signed_value(cur))),
        kind_span(cur.kind),
        Span::raw(format!(" {} ", cur.year)),
    ]);
    let b = block(title, true).title_bottom(bottom);
    let inner = b.inner(area);
    f.render_widget(b, area);

    let width = Areas::of(f.area()).source_text_width(doc.text.paragraphs.len());
    // The update wraps the document for the current size; should a frame ever come first, wrap it here.
    let layout = m.layouts.peek(s.doc, width).unwrap_or_else(|| Rc::new(DocLayout::new(&doc.text, width)));
    let gw = gutter_width(doc.text.paragraphs.len());
    let top = layout.line_of(s.top);
    let current = &cur.span;
    // Quote spans of the document in order of start, for finding the ones on a line by binary search.
    let spans: Vec<&std::ops::Range<usize>> = s.stops.iter().map(|&i| &ds.indicators()[i].span).collect();
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    for l in layout.lines.iter().skip(top).take(usize::from(inner.height)) {
        let gutter = if l.first {
            Span::styled(format!("{:>w$}  ", l.paragraph, w = gw - 2), DIM)
        } else {
            Span::raw(" ".repeat(gw))
        };
        let para_start = doc.text.paragraphs.get(l.paragraph - 1).map_or(l.range.start, |p| p.start);
        let from = spans.partition_point(|sp| sp.start < para_start);
        let to = spans.partition_point(|sp| sp.start < l.range.end);
        let mut marks: Vec<(std::ops::Range<usize>, Style)> =
            spans[from..to].iter().filter(|sp| sp.end > l.range.start).map(|sp| ((*sp).clone(), CITED)).collect();
        if current.start < l.range.end && l.range.start < current.end {
            marks.push((current.clone(), QUOTE));
        }
        let body = &doc.text.text[l.range.clone()];
        let mut row = vec![gutter];
        row.extend(text::styled_spans(body, Style::new(), &text::ranges_within(&marks, &l.range)));
        lines.push(Line::from(row));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
