//! Rendering tests across terminal widths, odd ones included: overlays keep their borders whole over Chinese
//! text, the status line keeps `? help` and `q quit`, narrow tables keep their columns apart, the wheel scrolls
//! the pane under the pointer, and English mode shows English names, titles and issuers.

use ratatui::buffer::Buffer;

use super::tests::{draw, model, read, row, screen};
use crate::action::Action;
use crate::app::{update, Model};
use crate::text;
use crate::vocab::PickerKind;
use crate::vocab::{Lang, ViewKind};

/// Sizes a user meets: odd and even widths from the narrowest supported to a wide terminal.
const SIZES: [(u16, u16); 8] = [(101, 30), (100, 30), (81, 24), (80, 24), (73, 22), (61, 20), (60, 20), (51, 16)];

/// The columns of row `y` that a wide character on their left covers (the terminal draws nothing of theirs).
fn hidden_columns(b: &Buffer, y: u16) -> Vec<u16> {
    let mut hidden = Vec::new();
    let mut x = 0;
    while x < b.area.width {
        let w = (text::width(b[(x, y)].symbol()) as u16).max(1);
        hidden.extend(x + 1..x + w);
        x += w;
    }
    hidden
}

/// Finds the overlay's left border: the column of the top-left corner `┌` drawn on row `y0` right of the panes'.
fn overlay_left(b: &Buffer, top: u16) -> u16 {
    (1..b.area.width).find(|&x| b[(x, top)].symbol() == "┌").expect("the overlay's corner")
}

#[test]
fn overlays_keep_their_left_and_right_borders_whole_over_chinese_text_at_odd_and_even_widths() {
    for (w, h) in SIZES {
        for overlay in [Action::ToggleHelp, Action::OpenPicker(PickerKind::City), Action::OpenPicker(PickerKind::Theme)]
        {
            let m = model((w, h), &[Action::ShowView(ViewKind::All), overlay]);
            let b = draw(&m);
            // The overlay's top row is the first row whose corner is right of column 0 and not a pane's.
            let rect = match overlay {
                Action::ToggleHelp => super::centered(b.area, 96, h.saturating_sub(2)),
                _ => {
                    let Some(top) = (1..h).find(|&y| {
                        (1..w).any(|x| b[(x, y)].symbol() == "┌" && b[(x - 1, y)].symbol() != "┐")
                            && read(&b, y, 0, w).0.contains("城市")
                            || read(&b, y, 0, w).0.contains("主题")
                    }) else {
                        panic!("no picker drawn at {w}×{h}:\n{}", screen(&b))
                    };
                    let x = overlay_left(&b, top);
                    let right = (x + 1..w).find(|&r| b[(r, top)].symbol() == "┐").expect("the overlay's right corner");
                    let bottom = (top + 1..h).find(|&y| b[(x, y)].symbol() == "└").expect("the overlay's bottom");
                    ratatui::layout::Rect::new(x, top, right - x + 1, bottom - top + 1)
                }
            };
            for y in rect.top() + 1..rect.bottom() - 1 {
                let hidden = hidden_columns(&b, y);
                for x in [rect.left(), rect.right() - 1] {
                    assert!(
                        !hidden.contains(&x) && b[(x, y)].symbol() == "│",
                        "{overlay:?} at {w}×{h}: the border at column {x} of row {y} is covered:\n{}",
                        screen(&b)
                    );
                }
            }
        }
    }
}

#[test]
fn the_status_line_always_keeps_help_and_quit_and_drops_other_hints_first() {
    for (w, h) in SIZES {
        for actions in [vec![], vec![Action::Open]] {
            let m = model((w, h), &actions);
            let b = draw(&m);
            let last = row(&b, h - 1);
            assert!(last.contains("? help") && last.contains("q quit"), "at {w}×{h}: `{last}`");
            assert!(text::width(last.trim_end()) <= usize::from(w), "{last}");
        }
    }
    // A wide terminal still shows every hint, in the table's order.
    let b = draw(&model((160, 30), &[]));
    let last = row(&b, 29);
    assert!(last.contains("/ filter  c city  t theme  y year  m metric  K kind  Y yank  ? help  q quit"), "{last}");
}

#[test]
fn narrow_tables_keep_their_columns_apart_from_60_to_80_columns() {
    for w in 60..=81 {
        // View 6 lists figures, not indicators (its own test is in view/candidates.rs); the metrics view has its own
        // table (tests_metrics.rs).
        for view in ViewKind::ALL.into_iter().filter(|&v| v != ViewKind::Candidates && v != ViewKind::Metrics) {
            for lang in [Lang::Zh, Lang::En] {
                let mut actions = vec![Action::ShowView(view)];
                if lang == Lang::En {
                    actions.push(Action::ToggleLang);
                }
                let m = model((w, 24), &actions);
                let b = draw(&m);
                let t = m.areas().table;
                let header = read(&b, t.y + 1, t.x + 1, t.right() - 1).0;
                // Each column heading stands apart: a space before it, in order, none cut.
                let mut at = 0;
                for label in ["value", "year", "kind"] {
                    let found = header[at..].find(&format!(" {label}")).map(|p| p + at);
                    assert!(found.is_some(), "{view:?} {lang:?} at {w}: `{label}` missing or glued in `{header}`");
                    at = found.unwrap_or(at) + 1;
                }
                if view.mixes_cities() {
                    assert!(header.contains(" city"), "{view:?} {lang:?} at {w}: `{header}`");
                }
                // Every value shows whole: a number cut with `…` would read as another number.
                for (r, &i) in m.rows().iter().enumerate().take(m.areas().table_rows()) {
                    let line = read(&b, t.y + 2 + r as u16, t.x + 1, t.right() - 1).0;
                    let value = m.ds.indicators()[i].display_value();
                    assert!(line.contains(&value), "{view:?} {lang:?} at {w}: `{value}` cut in `{line}`");
                }
                // Every row: the year column holds a four-digit year standing alone.
                let year_col = header.find(" year").map(|p| text::width(&header[..p + 1])).unwrap_or(0) as u16;
                for y in t.y + 2..t.bottom() - 1 {
                    let r = read(&b, y, t.x + 1 + year_col, t.x + 1 + year_col + 5).0;
                    if r.trim().is_empty() {
                        continue;
                    }
                    assert!(
                        r.chars().take(4).all(|c| c.is_ascii_digit()) && r.ends_with(' '),
                        "{view:?} {lang:?} at {w}: `{r}` under year:\n{}",
                        screen(&b)
                    );
                }
            }
        }
    }
}

#[test]
fn the_wheel_over_the_detail_pane_scrolls_it_and_leaves_the_table_alone() {
    let mut m = model((80, 24), &[]);
    let before = draw(&m);
    let sel = m.selected();
    let d = m.areas().detail;
    let first = |b: &Buffer, m: &Model| read(b, m.areas().detail.y + 1, d.x + 1, d.right() - 1).0;
    update(&mut m, Action::Wheel(d.x + 3, d.y + 2, true));
    let after = draw(&m);
    assert_eq!(m.selected(), sel, "the table's selection did not move");
    assert_ne!(first(&before, &m), first(&after, &m), "the detail pane scrolled");
    // Over the table the wheel still moves the selection.
    let t = m.areas().table;
    update(&mut m, Action::Wheel(t.x + 3, t.y + 3, true));
    assert_ne!(m.selected(), sel);
}

#[test]
fn english_mode_shows_english_city_and_theme_names_titles_and_issuers() {
    let ds = crate::sample::dataset();
    let ind = &ds.indicators()[0];
    let doc = &ds.documents()[ind.doc];
    for (w, h) in [(120, 40), (101, 30)] {
        let m = model((w, h), &[Action::ToggleLang]);
        let s = screen(&draw(&m));
        assert!(s.contains("Shenyang · 沈阳"), "the city group is named in English first:\n{s}");
        assert!(s.contains(&doc.title_en), "the document's English title:\n{s}");
        assert!(s.contains(&doc.issuer_en), "the English issuer:\n{s}");
        assert!(s.contains(&ind.display_value()), "numbers and units stay as written:\n{s}");
        let m = model((w, h), &[Action::ToggleLang, Action::ShowView(ViewKind::All)]);
        let s = screen(&draw(&m));
        assert!(s.contains(" Xuzhou") && !s.contains(" 徐州 "), "the city column in English:\n{s}");
        // The source view's frame names the document and the indicator in English; the text stays Chinese.
        let m = model((w, h), &[Action::ToggleLang, Action::Open]);
        let s = screen(&draw(&m));
        let first = s.lines().nth(1).unwrap_or_default();
        assert!(first.contains(&format!("{} — {}", doc.title_en, doc.issuer_en)), "{first}");
        assert!(s.contains(ind.name_en.as_str()) && s.contains(ind.quote.as_str()), "{s}");
    }
}
