//! The panel of `check`'s errors shown after a reload that failed: where it goes, its lines wrapped to its width,
//! and which of them a scroll offset shows — shared by the view (which draws it) and the update (which scrolls
//! it, a page at a time with `E` or by the wheel over it).

use ratatui::layout::Rect;

use crate::layout::Areas;
use crate::text;

/// The panel's rectangle: the lower third of the body (at least four rows).
pub fn rect(a: &Areas) -> Rect {
    let body = a.source;
    let h = (body.height / 3).max(4).min(body.height);
    Rect { y: body.bottom() - h, height: h, ..body }
}

/// Every error's lines wrapped to `width` columns, each with the index of the error it belongs to.
pub fn lines(errors: &[String], width: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (k, e) in errors.iter().enumerate() {
        for line in e.lines() {
            for r in text::wrap(line, width.max(4)) {
                out.push((k, line[r].to_string()));
            }
        }
    }
    out
}

/// What the panel shows for `errors` in `rows` rows of `width` columns, scrolled by `scroll` lines: the lines,
/// and when some do not fit, a last line that says how many errors are below (or that the end is reached).
pub fn page(errors: &[String], width: usize, rows: usize, scroll: usize) -> (Vec<String>, Option<String>) {
    let all = lines(errors, width);
    if all.len() <= rows {
        return (all.into_iter().map(|(_, l)| l).collect(), None);
    }
    let room = rows.saturating_sub(1).max(1);
    let top = scroll.min(all.len().saturating_sub(room));
    let shown: Vec<&(usize, String)> = all.iter().skip(top).take(room).collect();
    let last = shown.last().map_or(0, |(k, _)| *k);
    let below = errors.len().saturating_sub(last + 1);
    let note = if top + room >= all.len() {
        "(the last error · E goes back to the first)".to_string()
    } else if below == 0 {
        "… the rest of this error below (E scrolls)".to_string()
    } else {
        format!("… and {below} more below (E scrolls)")
    };
    (shown.into_iter().map(|(_, l)| l.clone()).collect(), Some(note))
}

/// The scroll offset after `E`: a page further, or back to the top from the last page.
pub fn next_page(errors: &[String], width: usize, rows: usize, scroll: usize) -> usize {
    let total = lines(errors, width).len();
    let room = rows.saturating_sub(1).max(1);
    let top = scroll.min(total.saturating_sub(room));
    if total <= rows || top + room >= total {
        0
    } else {
        top + room
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_says_how_many_errors_are_below_and_the_last_page_says_it_is_the_end() {
        let errors: Vec<String> = (1..=12).map(|k| format!("data/x.yaml:{k}:1: error: problem {k}")).collect();
        let (shown, note) = page(&errors, 60, 5, 0);
        assert_eq!(shown, errors[..4]);
        assert_eq!(note.as_deref(), Some("… and 8 more below (E scrolls)"));
        let mut scroll = 0;
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.extend(page(&errors, 60, 5, scroll).0);
            scroll = next_page(&errors, 60, 5, scroll);
        }
        assert_eq!(seen, errors, "three pages show all twelve, each once");
        assert_eq!(scroll, 0, "after the last page, back to the first");
        let (_, note) = page(&errors, 60, 5, 8);
        assert_eq!(note.as_deref(), Some("(the last error · E goes back to the first)"));
        // Everything fits: no note.
        assert_eq!(page(&errors[..3], 60, 5, 0).1, None);
    }
}
