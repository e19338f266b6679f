//! Rendering tests on ratatui's TestBackend: what a user sees, measured in terminal cells (a Chinese character
//! takes two), and the styles of the cells where it matters (the quote highlight, the filter matches).

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::Terminal;

use super::{CITED, MATCH, QUOTE};
use crate::action::Action;
use crate::app::{update, Model};
use crate::layout::Areas;
use crate::sample;
use crate::text::{self, no_line_start};
use crate::vocab::ViewKind;

const SIZES: [(u16, u16); 2] = [(120, 40), (60, 20)];

/// Draws the model on a test terminal of the model's size.
pub(super) fn draw(m: &Model) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(m.ui.size.0, m.ui.size.1)).expect("test terminal");
    t.draw(|f| super::render(m, f)).expect("draw");
    t.backend().buffer().clone()
}

pub(super) fn model(size: (u16, u16), actions: &[Action]) -> Model {
    let mut m = Model::new(sample::dataset(), size);
    for &a in actions {
        update(&mut m, a);
    }
    m
}

/// Cells of row `y` from `x0` to `x1` as the user reads them: each wide character once, its hidden cell
/// skipped. Returns (text, column where each character starts).
pub(super) fn read(b: &Buffer, y: u16, x0: u16, x1: u16) -> (String, Vec<u16>) {
    let mut s = String::new();
    let mut xs = Vec::new();
    let mut x = x0;
    while x < x1 {
        let sym = b[(x, y)].symbol();
        for _ in sym.chars() {
            xs.push(x);
        }
        s.push_str(sym);
        x += (text::width(sym) as u16).max(1);
    }
    (s, xs)
}

pub(super) fn row(b: &Buffer, y: u16) -> String {
    read(b, y, 0, b.area.width).0
}

pub(super) fn screen(b: &Buffer) -> String {
    (0..b.area.height).map(|y| row(b, y)).collect::<Vec<_>>().join("\n")
}

/// The same buffer with every style reset, to compare text with `Buffer::with_lines`.
fn plain(b: &Buffer) -> Buffer {
    let mut p = b.clone();
    p.set_style(p.area, Style::reset());
    for c in p.content.iter_mut() {
        c.set_style(Style::default());
        c.modifier = ratatui::style::Modifier::empty();
        c.fg = ratatui::style::Color::Reset;
        c.bg = ratatui::style::Color::Reset;
    }
    p
}

/// The text of the cells in `area` whose style has `style`'s colours, in reading order.
fn styled_text(b: &Buffer, area: Rect, style: Style) -> String {
    let mut s = String::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let c = &b[(x, y)];
            let fg = style.fg.is_none_or(|f| c.fg == f);
            let bg = style.bg.is_none_or(|b| c.bg == b);
            if fg && bg && c.modifier.contains(style.add_modifier) {
                s.push_str(c.symbol());
            }
            x += (text::width(c.symbol()) as u16).max(1);
        }
    }
    s
}

#[test]
fn every_view_shows_groups_with_counts_table_detail_and_status_at_both_sizes() {
    for size in SIZES {
        for (view, group_text) in [
            (ViewKind::Cities, "沈阳 · Sh"),
            (ViewKind::Themes, "数字基础设施"),
            (ViewKind::Years, "2016"),
            (ViewKind::All, "全部指标"),
        ] {
            let m = model(size, &[Action::ShowView(view)]);
            let b = draw(&m);
            let s = screen(&b);
            let tab = crate::layout::tab_label(view, Areas::of(b.area).compact_tabs());
            assert!(row(&b, 0).contains(&tab), "{s}");
            assert!(s.contains(group_text), "{view:?} {size:?}:\n{s}");
            assert!(s.contains("value") && s.contains("year") && s.contains("kind"), "{s}");
            assert!(row(&b, size.1 - 2).contains("8 of 8 indicators"), "{s}");
            assert!(row(&b, size.1 - 1).contains("/ filter"), "{s}");
            let sel = m.selected().expect("a selection");
            assert!(s.contains(m.ds.indicators()[sel].id.as_str()), "the detail pane names the selection:\n{s}");
            // The views that mix cities have a city column.
            let t = m.areas().table;
            assert_eq!(row(&b, t.y + 1).contains(" city"), view != ViewKind::Cities, "{view:?}:\n{s}");
        }
    }
}

#[test]
fn cities_view_at_60x20_reads_exactly_like_this() {
    let m = model((60, 20), &[]);
    let b = draw(&m);
    let expected = Buffer::with_lines([
        " 指标  1 Cit   2 The   3 Yea   4 All   5 Met   6 Can        ",
        "┌ Cities ──────┐┌ 沈阳 · Shenyang — 5 indicators ───── 1/5 ┐",
        "│沈阳 · Shen… 5││name 名称            value     year kind  │",
        "│徐州 · Xuzh… 3││数字经济核心产业规模 2062 亿元 2019 actual│",
        "│              ││5G基站               1202 个   2020 actual│",
        "│              ││5G基站               ≥ 3000 个 2025 target│",
        "│              ││单位地区生产总值能…  下降 15 % 2025 target│",
        "│              │└──────────────────────────────────────────┘",
        "│              │┌ sy-digital-economy ──────────────────────┐",
        "│              ││数字经济核心产业规模 · Core               │",
        "│              ││digital-economy output                    │",
        "│              ││value     2062 亿元   (normalised:        │",
        "│              ││          206200000000 元)                │",
        "│              ││kind      actual · 2019 · equal           │",
        "│              ││¶4 一、数字经济发展情况。2019年,我市数字经│",
        "│              ││   济核心产业规模达2062亿元,增长20.24%。截│",
        "│              ││…  至2020年4月底,全市已建成并开通5G基站   │",
        "└──────────────┘└──────────────────────────────────────────┘",
        " 8 of 8 indicators                                          ",
        " Enter source  Esc clear  / filter  c city  ? help  q quit  ",
    ]);
    assert_eq!(plain(&b), plain(&expected), "\n{}", screen(&b));
}

#[test]
fn table_columns_stay_aligned_with_chinese_names_and_truncate_with_an_ellipsis() {
    for size in SIZES {
        for lang in [false, true] {
            let mut actions = vec![Action::ShowView(ViewKind::All)];
            if lang {
                actions.push(Action::ToggleLang);
            }
            let m = model(size, &actions);
            let b = draw(&m);
            let t = m.areas().table;
            let header_y = t.y + 1;
            let (header, xs) = read(&b, header_y, t.x + 1, t.right() - 1);
            let col = |name: &str| {
                let at = header.find(name).unwrap_or_else(|| panic!("no {name} in {header}"));
                xs[header[..at].chars().count()]
            };
            let (year_x, kind_x, city_x) = (col("year"), col("kind"), col("city"));
            for r in 0..m.rows().len().min(m.areas().table_rows()) {
                let y = header_y + 1 + r as u16;
                let ind = &m.ds.indicators()[m.rows()[r]];
                assert_eq!(read(&b, y, year_x, year_x + 4).0, ind.year.to_string(), "{}", screen(&b));
                assert_eq!(read(&b, y, kind_x, kind_x + 6).0, ind.kind.as_str());
                // The city column speaks the label language.
                let c = &m.ds.cities()[ind.city];
                let (city, cw) = if lang { (&c.name_en, 8) } else { (&c.name, 4) };
                assert_eq!(read(&b, y, city_x, city_x + cw).0.trim_end(), city.as_str());
                // The names are there whole, or cut at a character with an ellipsis.
                let mut names = Vec::new();
                let zh = header.contains("name 名称");
                // A narrow table may cut the English heading (never a value): `name (E…`.
                let en = header.contains("name (E");
                assert!(zh || en);
                if zh {
                    names.push((&ind.name, t.x + 1, if en { col("name (E") } else { col("value") }));
                }
                if en {
                    names.push((&ind.name_en, col("name (E"), col("value")));
                }
                assert_eq!(en, lang);
                for (full, x0, x1) in names {
                    let shown = read(&b, y, x0, x1).0;
                    let shown = shown.trim_end();
                    match shown.strip_suffix('…') {
                        Some(prefix) => assert!(full.starts_with(prefix), "{shown} vs {full}"),
                        None => assert_eq!(shown, full.as_str()),
                    }
                }
            }
        }
    }
}

#[test]
fn the_detail_highlights_exactly_the_quote_and_no_line_starts_with_punctuation() {
    for size in SIZES {
        // sy-5g-2020 is the second Shenyang indicator; its paragraph is long enough to wrap.
        let m = model(size, &[Action::Down]);
        let ind = &m.ds.indicators()[m.selected().unwrap()];
        assert_eq!(ind.id, "sy-5g-2020");
        let b = draw(&m);
        let d = m.areas().detail;
        let inner = Rect { x: d.x + 1, y: d.y + 1, width: d.width - 2, height: d.height - 2 };
        assert_eq!(styled_text(&b, inner, QUOTE), ind.quote, "\n{}", screen(&b));
        // Every paragraph line: after the ¶ gutter, no closing punctuation first.
        let gutter = format!("¶{} ", ind.paragraph).chars().count();
        for y in inner.top()..inner.bottom() {
            let (line, _) = read(&b, y, inner.x, inner.right());
            if line.starts_with('¶') || line.starts_with('…') || line.starts_with("   ") && !line.trim().is_empty() {
                let body: String = line.chars().skip(gutter).collect();
                if let Some(first) = body.chars().next() {
                    assert!(!no_line_start(first), "line starts with {first:?}: {line}");
                }
            }
        }
    }
}

#[test]
fn the_source_view_numbers_paragraphs_highlights_every_quote_and_emphasises_the_current_one() {
    for size in SIZES {
        let mut m = model(size, &[Action::Down, Action::Open]);
        let b = draw(&m);
        let s = m.ui.source.clone().unwrap();
        let area = Areas::of(Rect::new(0, 0, size.0, size.1)).source;
        let inner = Rect { x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2 };
        let cur = &m.ds.indicators()[s.indicator()];
        assert_eq!(styled_text(&b, inner, QUOTE), cur.quote, "\n{}", screen(&b));
        // The other quotes are underlined, each once, in order (they do not overlap in the sample).
        let others: String =
            s.stops.iter().filter(|&&i| i != s.indicator()).map(|&i| m.ds.indicators()[i].quote.as_str()).collect();
        assert_eq!(styled_text(&b, inner, CITED), others);
        let s_text = screen(&b);
        assert!(s_text.contains("quote 2/5"), "{s_text}");
        assert!(row(&b, inner.y).starts_with("│1  关于构建"), "{s_text}");
        // No line of the document starts with closing punctuation.
        let gw = crate::layout::gutter_width(m.ds.documents()[s.doc].text.paragraphs.len()) as u16;
        for y in inner.top()..inner.bottom() {
            let (body, _) = read(&b, y, inner.x + gw, inner.right());
            if let Some(first) = body.chars().next() {
                assert!(!no_line_start(first), "{body}");
            }
        }
        // `n` moves the emphasis to the next quote.
        update(&mut m, Action::NextQuote);
        let b = draw(&m);
        let next = &m.ds.indicators()[m.ui.source.as_ref().unwrap().indicator()];
        assert_eq!(styled_text(&b, inner, QUOTE), next.quote);
    }
}

#[test]
fn filter_matches_are_highlighted_in_the_table_and_chips_show_in_the_status_bar() {
    let mut m = model((120, 40), &[Action::ShowView(ViewKind::All), Action::StartFilter]);
    for c in "5g".chars() {
        update(&mut m, Action::InputChar(c));
    }
    update(&mut m, Action::OpenPicker(crate::vocab::PickerKind::City));
    let b = draw(&m);
    assert!(screen(&b).contains("City 城市"), "{}", screen(&b));
    update(&mut m, Action::Down);
    update(&mut m, Action::Accept);
    update(&mut m, Action::CycleKind);
    let b = draw(&m);
    let status = row(&b, 38);
    assert!(status.starts_with(" 1 of 8 indicators"), "{status}");
    assert!(status.contains("/5g") && status.contains("city:沈阳") && status.contains("kind:target"), "{status}");
    let t = m.areas().table;
    let matched = styled_text(&b, Rect { y: t.y + 2, height: 1, ..t }, MATCH);
    assert_eq!(matched, "5G");
}

#[test]
fn the_filter_being_typed_shows_its_live_match_count() {
    let mut m = model((60, 20), &[Action::StartFilter]);
    for c in "基站".chars() {
        update(&mut m, Action::InputChar(c));
    }
    let b = draw(&m);
    assert!(row(&b, 19).starts_with(" /基站   3 matches"), "{}", row(&b, 19));
    assert!(row(&b, 18).starts_with(" 3 of 8 indicators"));
}

#[test]
fn english_labels_add_the_english_name_column() {
    let m = model((120, 40), &[Action::ToggleLang, Action::ShowView(ViewKind::Themes)]);
    let s = screen(&draw(&m));
    assert!(s.contains("name (English)"), "{s}");
    assert!(s.contains("Digital infrastructure"), "{s}");
    assert!(s.contains("L English"), "{s}");
}

#[test]
fn help_lists_every_binding_of_the_key_table() {
    let help: String = super::help::lines().iter().map(|l| l.to_string() + "\n").collect();
    for b in crate::keymap::KEYMAP {
        assert!(help.contains(b.help), "{} missing from help", b.help);
        assert!(help.contains(&crate::keymap::keys_label(b)));
    }
    let m = model((120, 40), &[Action::ToggleHelp]);
    let s = screen(&draw(&m));
    assert!(s.contains("Keys") && s.contains("Ctrl-o Alt-←") && s.contains("jump back"), "{s}");
}

#[test]
fn a_terminal_below_the_minimum_says_how_large_it_must_be() {
    let m = model((40, 10), &[]);
    let s = screen(&draw(&m));
    assert!(s.contains("at least 50×14"), "{s}");
    assert!(s.contains("40×10"), "{s}");
    assert!(!s.contains('┌'), "no panes drawn:\n{s}");
}

#[test]
fn the_readme_key_table_is_the_key_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).expect("README.md");
    let table = super::help::markdown();
    assert!(
        readme.contains(&table),
        "README.md's explorer key table differs from crates/explorer/src/keymap.rs; paste this into the README:\n\n{table}"
    );
}
