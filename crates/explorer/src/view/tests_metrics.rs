//! Rendering tests of tracking in the explorer on ratatui's TestBackend, keys fed through the key table: the
//! metrics view (`5`) with its chart and records, the progress column, sorting, the normalised column and export.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use zhibiao_core::ids::IndicatorId;

use super::tests::{draw, read, row, screen};
use crate::app::{update, Model};
use crate::component::metrics;
use crate::keymap;
use crate::sample;
use crate::vocab::ViewKind;

/// Widths tried, odd ones among them; the height is enough for the chart and a few records.
const WIDTHS: [u16; 5] = [60, 73, 100, 121, 150];

fn press(m: &mut Model, keys: &[KeyEvent]) {
    for k in keys {
        if let Some(a) = keymap::action_for(m.mode(), k) {
            crate::step(m, a);
        }
    }
}

fn k(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// Selects the 5G metric in the metrics view.
fn to_5g(m: &mut Model) {
    press(m, &[k('5'), k('h')]);
    for _ in 0..m.groups.len() {
        if m.ds.metrics()[m.selected_metric().expect("a metric")].id == "5g_base_stations" {
            return;
        }
        press(m, &[k('j')]);
    }
    panic!("no 5G metric in the list");
}

/// The cells of rectangle `r` as text, one line per row.
fn text_in(b: &Buffer, r: ratatui::layout::Rect) -> String {
    (r.y..r.bottom()).map(|y| read(b, y, r.x, r.right()).0).collect::<Vec<_>>().join("\n")
}

#[test]
fn key_5_shows_metrics_by_theme_a_chart_and_the_records_with_progress_at_several_widths() {
    for w in WIDTHS {
        let mut m = Model::new(sample::dataset(), (w, 30));
        to_5g(&mut m);
        assert_eq!(m.ui.view, ViewKind::Metrics);
        let b = draw(&m);
        let s = screen(&b);
        let tab = crate::layout::tab_label(ViewKind::Metrics, m.areas().compact_tabs());
        assert!(row(&b, 0).contains(&tab), "{w}:\n{s}");
        let a = m.areas();
        let list = text_in(&b, a.groups);
        // The theme heading, then its metric with counts: 1 city, 1 target, 1 actual.
        assert!(list.contains("数字基础设施"), "{w}:\n{list}");
        if a.groups.width >= 32 {
            assert!(list.contains("1c 1t 1a"), "{w}:\n{list}");
        } else {
            // A narrow pane keeps the names whole and counts the records only.
            let row = list.lines().find(|l| l.contains("5G基站")).unwrap_or_default();
            assert!(row.trim_end_matches('│').ends_with(" 2"), "{w}:\n{list}");
        }
        let (chart, table) = metrics::areas(&a);
        let chart_text = text_in(&b, chart);
        assert!(chart_text.contains("5G基站") && chart_text.contains("个"), "{w}:\n{chart_text}");
        // Years across: the actual's 2020 and the target's 2025 bound the axis.
        assert!(chart_text.contains("2020") && chart_text.contains("2026"), "{w}:\n{chart_text}");
        // The target is drawn as a block, apart from the actuals' line.
        assert!(chart_text.contains('█'), "{w}:\n{chart_text}");
        let table_text = text_in(&b, table);
        assert!(table_text.contains("progress") && table_text.contains("2 records"), "{w}:\n{table_text}");
        let target = table_text.lines().find(|l| l.contains("2025")).expect("the 2025 row");
        // The value keeps its comparator, as `compare` and the detail pane give it.
        assert!(target.contains("≥ 3000 个") && target.contains("40%"), "{w}: {target}");
        let actual = table_text.lines().find(|l| l.contains("2020")).expect("the 2020 row");
        assert!(actual.contains("1202 个") && actual.contains("→ 1 target"), "{w}: {actual}");
    }
}

#[test]
fn the_detail_pane_gives_a_targets_progress_with_why_and_t_goes_from_the_actual_to_its_target() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    // Cities view, Shenyang: the 5G figure of 2020 is the second row.
    press(&mut m, &[k('j')]);
    assert_eq!(m.ds.indicators()[m.selected().expect("row")].id, "sy-5g-2020");
    let s = screen(&draw(&m));
    assert!(s.contains("counts to") && s.contains("sy-5g-2025 (40%)"), "{s}");
    press(&mut m, &[k('T')]);
    assert_eq!(m.ds.indicators()[m.selected().expect("row")].id, "sy-5g-2025");
    let s = screen(&draw(&m));
    assert!(s.contains("progress  in-progress — 1202 of ≥3000 个 (40%)"), "{s}");
    // The table's progress column: the target's label.
    let t = m.areas().table;
    let b = draw(&m);
    let header = read(&b, t.y + 1, t.x + 1, t.right() - 1).0;
    assert!(header.contains("progress"), "{header}");
    let target_row = (t.y + 2..t.bottom()).map(|y| read(&b, y, t.x, t.right()).0).find(|l| l.contains("≥ 3000 个"));
    assert!(target_row.is_some_and(|l| l.contains("40%")), "{}", screen(&b));
}

#[test]
fn s_cycles_the_sort_and_capital_s_reverses_it_and_the_table_border_says_so() {
    for w in [61, 120] {
        let mut m = Model::new(sample::dataset(), (w, 30));
        press(&mut m, &[k('4'), k('s')]);
        let years: Vec<i32> = m.rows().iter().map(|&i| m.ds.indicators()[i].year).collect();
        let mut sorted = years.clone();
        sorted.sort();
        assert_eq!(years, sorted, "{w}");
        let b = draw(&m);
        let t = m.areas().table;
        assert!(read(&b, t.bottom() - 1, t.x, t.right()).0.contains("sort: year ↑"), "{w}:\n{}", screen(&b));
        press(&mut m, &[k('S')]);
        let down: Vec<i32> = m.rows().iter().map(|&i| m.ds.indicators()[i].year).collect();
        sorted.reverse();
        assert_eq!(down, sorted, "{w}");
        assert!(read(&draw(&m), t.bottom() - 1, t.x, t.right()).0.contains("sort: year ↓"), "{w}");
        // Value, city, name, status, then document order again.
        press(&mut m, &[k('S'), k('s'), k('s'), k('s'), k('s'), k('s')]);
        let doc: Vec<IndicatorId> = m.rows().to_vec();
        let mut in_order = doc.clone();
        in_order.sort();
        assert_eq!(doc, in_order, "{w}: back to document order");
    }
}

#[test]
fn v_shows_the_normalised_value_with_its_direction() {
    let mut m = Model::new(sample::dataset(), (121, 40));
    press(&mut m, &[k('v')]);
    let s = screen(&draw(&m));
    assert!(s.contains("normalised") && s.contains("−15 %"), "{s}");
    press(&mut m, &[k('v')]);
    assert!(!screen(&draw(&m)).contains("−15 %"));
}

#[test]
fn export_writes_the_shown_rows_that_load_back_as_the_same_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut m = Model::new(sample::dataset(), (100, 30));
    m.ui.export_dir = dir.path().to_path_buf();
    // All view, sorted by year descending, filtered to targets.
    press(&mut m, &[k('4'), k('K'), k('s'), k('S'), k('e')]);
    let prompt = row(&draw(&m), 29);
    assert!(prompt.contains("export to: zhibiao-export.csv"), "{prompt}");
    let mut keys = vec![KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)];
    keys.extend("targets.json".chars().map(k));
    keys.push(code(KeyCode::Enter));
    press(&mut m, &keys);
    let path = dir.path().join("targets.json");
    let msg = m.ui.message.clone().unwrap_or_default();
    assert!(msg.contains("wrote") && msg.contains("targets.json"), "{msg}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("valid JSON");
    let records = json.as_array().expect("an array");
    let shown: Vec<String> = m.rows().iter().map(|&i| m.ds.indicators()[i].id.to_string()).collect();
    let ids: Vec<String> = records.iter().map(|r| r["id"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(ids, shown);
    assert!(records.iter().all(|r| r["kind"] == "target"));
    let years: Vec<i64> = records.iter().map(|r| r["year"].as_i64().unwrap_or(0)).collect();
    assert!(years.windows(2).all(|p| p[0] >= p[1]), "{years:?}");
    let energy = records.iter().find(|r| r["id"] == "sy-energy").expect("sy-energy exported");
    assert_eq!(energy["value"].to_string().trim_matches('"'), "15");
    assert_eq!(energy["unit"], "%");
    // The default name writes CSV with the keys of `list` as its header.
    press(&mut m, &[k('e'), code(KeyCode::Enter)]);
    let mut csv = csv::Reader::from_path(dir.path().join("zhibiao-export.csv")).expect("csv written");
    let header: Vec<String> = csv.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header, zhibiao_core::record::KEYS);
    let csv_ids: Vec<String> = csv.records().map(|r| r.expect("row")[0].to_string()).collect();
    assert_eq!(csv_ids, shown);
    // Nothing else is left behind (no temporary file).
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
    // Esc cancels without writing.
    press(&mut m, &[k('e'), code(KeyCode::Esc)]);
    assert_eq!(m.ui.input, crate::state::Input::None);
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
}

#[test]
fn a_click_on_the_counts_to_line_goes_to_the_target() {
    let mut m = Model::new(sample::dataset(), (101, 40));
    press(&mut m, &[k('j')]);
    let b = draw(&m);
    let y = (0..40).find(|&y| row(&b, y).contains("counts to")).expect("the counts-to line");
    let x = m.areas().detail.x + 5;
    // A click elsewhere in the pane does nothing.
    update(&mut m, crate::action::Action::Click(x, y - 1));
    assert_eq!(m.ds.indicators()[m.selected().expect("row")].id, "sy-5g-2020");
    update(&mut m, crate::action::Action::Click(x, y));
    assert_eq!(m.ds.indicators()[m.selected().expect("row")].id, "sy-5g-2025");
}

#[test]
fn enter_on_a_record_of_the_metrics_view_opens_its_source_and_esc_comes_back_to_the_metric() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    to_5g(&mut m);
    let metric = m.selected_metric();
    press(&mut m, &[code(KeyCode::Enter), k('j')]);
    assert_eq!(m.ds.indicators()[m.selected().expect("row")].id, "sy-5g-2025");
    press(&mut m, &[code(KeyCode::Enter)]);
    assert!(m.ui.source.is_some());
    press(&mut m, &[code(KeyCode::Esc)]);
    assert!(m.ui.source.is_none());
    assert_eq!(m.ui.view, ViewKind::Metrics);
    assert_eq!(m.selected_metric(), metric);
    assert_eq!(m.ds.indicators()[m.selected().expect("row")].id, "sy-5g-2025");
    // A filter that leaves nothing says so in place of the chart.
    press(&mut m, &[k('/')]);
    for c in "zzzz".chars() {
        press(&mut m, &[k(c)]);
    }
    let s = screen(&draw(&m));
    assert!(s.contains("No metric matches the filters."), "{s}");
}

#[test]
fn the_source_footer_gives_a_fall_once_and_control_characters_show_as_escapes() {
    let mut m = Model::new(sample::dataset(), (120, 40));
    // Shenyang's energy target is the fourth row of the first city.
    press(&mut m, &[k('j'), k('j'), k('j')]);
    assert_eq!(m.ds.indicators()[m.selected().expect("row")].id, "sy-energy");
    press(&mut m, &[code(KeyCode::Enter)]);
    let b = draw(&m);
    let footer = (0..40).map(|y| row(&b, y)).find(|l| l.contains("quote ")).expect("the footer");
    assert!(footer.contains("单位地区生产总值能源消耗降低 −15 %"), "{footer}");
    assert!(!footer.contains("下降"), "{footer}");
    // A cell holding an escape sequence from data shows it as text, never as a control character.
    let spans = super::cell("a\u{1b}[31mb", 12, ratatui::style::Style::new(), &[]);
    let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
    assert_eq!(shown, "a\\x1b[31mb  ");
    let spans = crate::text::styled_spans("x\u{9b}y", ratatui::style::Style::new(), &[]);
    let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
    assert_eq!(shown, "x\\u{9b}y");
}
