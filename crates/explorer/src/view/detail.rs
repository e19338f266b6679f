//! The detail pane: every field of the selected indicator, its normalised value, its document, and the cited
//! paragraph wrapped for Chinese with the quote highlighted (scrolled so the quote shows in a short pane).

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::IndicatorId;

use super::{block, kind_span, BOLD, DIM, QUOTE};
use crate::app::Model;
use crate::detail_text::{self, LABEL};
use crate::text;
use crate::vocab::Lang;
use zhibiao_core::control_chars::escape;

/// `label  value`, the value wrapped under itself when it is longer than the line.
fn field(label: &str, value: &str, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, r) in detail_text::field_ranges(value, width).into_iter().enumerate() {
        let head = if i == 0 { text::pad(label, LABEL) } else { " ".repeat(LABEL) };
        lines.push(Line::from(vec![Span::styled(head, DIM), Span::raw(escape(&value[r]).into_owned())]));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(text::pad(label, LABEL), DIM)));
    }
    lines
}

/// The cited paragraph, wrapped to `width` with a `¶N` gutter, the quote highlighted; also the indices of the
/// first and last lines holding the quote.
pub fn paragraph_lines(ds: &Dataset, ind: IndicatorId, width: usize) -> (Vec<Line<'_>>, usize, usize) {
    let i = &ds.indicators()[ind];
    let doc = &ds.documents()[i.doc];
    let Some(para) = doc.text.paragraphs.get(i.paragraph.wrapping_sub(1)) else {
        return (Vec::new(), 0, 0);
    };
    let body = &doc.text.text[para.clone()];
    let gutter = format!("¶{} ", i.paragraph);
    let gw = text::width(&gutter);
    let quote = i.span.start.saturating_sub(para.start)..i.span.end.saturating_sub(para.start);
    let marks = [(quote.clone(), QUOTE)];
    let mut first_quote_line = None;
    let mut last_quote_line = 0;
    let mut lines = Vec::new();
    for (k, r) in text::wrap(body, width.saturating_sub(gw).max(4)).into_iter().enumerate() {
        if first_quote_line.is_none() && r.end > quote.start {
            first_quote_line = Some(k);
        }
        if r.start < quote.end {
            last_quote_line = k;
        }
        let head = if k == 0 { Span::styled(gutter.clone(), DIM) } else { Span::raw(" ".repeat(gw)) };
        let mut spans = vec![head];
        spans.extend(text::styled_spans(&body[r.clone()], Style::new(), &text::ranges_within(&marks, &r)));
        lines.push(Line::from(spans));
    }
    let first = first_quote_line.unwrap_or(0);
    (lines, first, last_quote_line.max(first))
}

/// A target's progress with its `why`; for an actual, the targets it counts toward (`T` goes to the first).
fn progress_lines(m: &Model, ind: IndicatorId, width: usize) -> Vec<Line<'static>> {
    match detail_text::progress_field(&m.ds, &m.progress, ind) {
        Some((label, value)) => field(label, &value, width),
        None => Vec::new(),
    }
}

/// The first lines of the pane: the indicator's name (both languages) and its value.
fn name_and_value(m: &Model, ind: IndicatorId, width: usize) -> Vec<Line<'static>> {
    let name = detail_text::name(&m.ds, m.ui.lang, ind);
    let mut head: Vec<Line<'static>> =
        text::wrap(&name, width).into_iter().map(|r| Line::styled(escape(&name[r]).into_owned(), BOLD)).collect();
    head.extend(field("value", &detail_text::value(&m.ds, ind), width));
    head
}

/// Draws the detail pane for the model's current indicator.
pub fn render(m: &Model, f: &mut Frame, area: Rect) {
    let Some(ind) = m.current_indicator() else {
        let b = block(Line::from(" Detail "), false);
        let inner = b.inner(area);
        f.render_widget(b, area);
        f.render_widget(Paragraph::new(Line::styled("Nothing selected.", DIM)), inner);
        return;
    };
    let ds = &m.ds;
    let i = &ds.indicators()[ind];
    let doc = &ds.documents()[i.doc];
    let city = &ds.cities()[i.city];
    let theme = &ds.themes()[i.theme];
    let b = block(Line::from(vec![Span::styled(format!(" {} ", i.id), BOLD)]), false);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);

    // The name, then value, kind and year: what a reader wants first.
    let mut head = name_and_value(m, ind, width);
    let mut kind_line = vec![Span::styled(text::pad("kind", LABEL), DIM), kind_span(i.kind)];
    kind_line.push(Span::raw(format!(" · {} · {}", i.year, i.comparator.as_str())));
    let baseline = match (i.baseline_year, i.baseline_value) {
        (Some(y), Some(v)) => Some(format!("baseline {v} in {y}")),
        (Some(y), None) => Some(format!("baseline {y}")),
        (None, Some(v)) => Some(format!("baseline {v}")),
        (None, None) => None,
    };
    if let Some(bl) = baseline {
        kind_line.push(Span::raw(format!(" · {bl}")));
    }
    head.push(Line::from(kind_line));
    head.extend(progress_lines(m, ind, width));

    // The rest of the fields.
    let mut tail: Vec<Line<'_>> = Vec::new();
    let en = m.ui.lang == Lang::En;
    // In English: English first, the Chinese original beside it (the quote and paragraph stay as written).
    let both = |zh: &str, en_s: &str| if en { format!("{en_s} · {zh}") } else { format!("{zh} · {en_s}") };
    if en && !doc.title_en.is_empty() {
        tail.extend(field("document", &format!("{} 《{}》", doc.title_en, doc.title), width));
    } else {
        tail.extend(field("document", &format!("《{}》", doc.title), width));
    }
    let issuer = if en && !doc.issuer_en.is_empty() { &doc.issuer_en } else { &doc.issuer };
    tail.extend(field("issuer", &format!("{issuer} · {} · ¶{}", doc.date, i.paragraph), width));
    let province = both(&city.province, &city.province_en);
    tail.extend(field("city", &format!("{} ({province})", both(&city.name, &city.name_en)), width));
    tail.extend(field("theme", &both(&theme.name, &theme.name_en), width));
    tail.extend(field("metric", ds.metric_key(i), width));
    if let Some(note) = &i.note {
        tail.extend(field("note", note, width));
    }

    // The paragraph gets what is left, at least enough to show the quote.
    let (para, first, last) = paragraph_lines(ds, ind, width);
    let room = height.saturating_sub(head.len());
    let para_room = if para.len() + 1 + tail.len() <= room {
        para.len()
    } else {
        room.saturating_sub(tail.len() + 1).max(3).min(room)
    };
    // Scroll the paragraph as little as needed for the whole quote to show (its start, if it is too long).
    let skip = if last < para_room { 0 } else { (last + 1 - para_room).min(first) };
    let total = para.len();
    let mut shown: Vec<Line<'_>> = para.into_iter().skip(skip).take(para_room).collect();
    // Mark a paragraph cut short: `…` in the gutter where text is left out above or below.
    let gutter_w = format!("¶{} ", i.paragraph).chars().count();
    let marker = || Span::styled(text::pad("…", gutter_w), DIM);
    if skip > 0 {
        if let Some(first) = shown.first_mut() {
            first.spans[0] = marker();
        }
    }
    if skip + shown.len() < total {
        if let Some(last) = shown.last_mut() {
            last.spans[0] = marker();
        }
    }
    let mut lines = head;
    lines.extend(shown);
    lines.push(Line::raw(""));
    lines.extend(tail);
    // The mouse wheel over the pane scrolls it, as far as its last line.
    let scroll = m.detail_offset().min(lines.len().saturating_sub(height));
    f.render_widget(Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()), inner);
}
