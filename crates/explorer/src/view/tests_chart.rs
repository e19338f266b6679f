//! Rendering tests of the metrics view's chart: every figure has its mark in the cell its line passes through, a
//! path never covers a target, no stray braille dot sits beside a lone figure, and figures of different scopes
//! are not joined.

use ratatui::buffer::Buffer;

use super::tests::draw;
use crate::action::Action;
use crate::app::{update, Model};
use crate::component::metrics::areas;
use crate::vocab::{Focus, ViewKind};
use zhibiao_core::schema::Kind;

/// True for a braille pattern (what the chart's lines and paths are drawn with).
fn braille(s: &str) -> bool {
    s.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
}

/// The symbols of the chart's graph: its area inside the border, without the legend's box (top left).
fn graph_symbols(m: &Model, b: &Buffer) -> Vec<String> {
    let chart = areas(&m.areas()).0;
    let mut out = Vec::new();
    // The legend's box: from the top-left corner `┌` inside the chart to its `┘`.
    let legend_right = (chart.x + 1..chart.right()).find(|&x| b[(x, chart.y + 1)].symbol() == "┐").unwrap_or(chart.x);
    let legend_bottom =
        (chart.y + 1..chart.bottom()).find(|&y| (chart.x + 1..chart.right()).any(|x| b[(x, y)].symbol() == "┘"));
    for y in chart.y + 1..chart.bottom().saturating_sub(1) {
        for x in chart.x + 1..chart.right().saturating_sub(1) {
            let in_legend = x <= legend_right && legend_bottom.is_some_and(|lb| y <= lb);
            if !in_legend {
                out.push(b[(x, y)].symbol().to_string());
            }
        }
    }
    out
}

/// Every metric of the bundled dataset in turn, in the metrics view at `size`.
fn each_metric(size: (u16, u16), mut check: impl FnMut(&Model, &Buffer)) {
    let ds = zhibiao_core::load_embedded().expect("the bundled dataset loads");
    let mut m = Model::new(ds, size);
    update(&mut m, Action::ShowView(ViewKind::Metrics));
    update(&mut m, Action::FocusGroups);
    assert_eq!(m.ui.focus, Focus::Groups);
    for _ in 0..m.groups.len() {
        let b = draw(&m);
        check(&m, &b);
        update(&mut m, Action::Down);
    }
}

#[test]
fn every_figure_has_its_mark_targets_stay_on_top_and_a_lone_figure_has_no_stray_dot() {
    for size in [(80, 24), (200, 50)] {
        let mut lone_checked = 0;
        each_metric(size, |m, b| {
            let metric = &m.ds.metrics()[m.selected_metric().expect("a metric")].id;
            let rows = m.rows();
            let kinds = |k: Kind| rows.iter().filter(|&&i| m.ds.indicators()[i].kind == k).count();
            let symbols = graph_symbols(m, b);
            let count = |s: &str| symbols.iter().filter(|x| x.as_str() == s).count();
            if kinds(Kind::Target) > 0 {
                assert!(count("█") >= 1, "{metric} at {size:?}: no target block");
            }
            if kinds(Kind::Actual) > 0 {
                assert!(count("•") >= 1, "{metric} at {size:?}: no dot for its actual");
            }
            // One figure alone: its mark and nothing else drawn (no path, no line, no braille dot beside it).
            let paths = rows.iter().any(|&i| m.progress.of(i).and_then(|p| p.path_from).is_some());
            if rows.len() == 1 && !paths {
                lone_checked += 1;
                let stray: Vec<&String> = symbols.iter().filter(|s| braille(s)).collect();
                assert!(stray.is_empty(), "{metric} at {size:?}: stray braille {stray:?}");
                assert_eq!(count("•") + count("█"), 1, "{metric} at {size:?}");
            }
        });
        assert!(lone_checked > 10, "{lone_checked} metrics with one figure");
    }
}

#[test]
fn figures_of_different_scopes_are_not_joined_by_a_line() {
    let dir = crate::app::scratch::dataset("chart-scope");
    let plan = dir.join("seeds/plan.txt");
    let text = std::fs::read_to_string(&plan).expect("plan")
        + "2020年,全市已建成充电桩1200个。\n2021年,鼓楼区已建成充电桩2600个。\n";
    std::fs::write(&plan, text).expect("write plan");
    let file = dir.join("data/indicators/test-plan.yaml");
    let yaml = std::fs::read_to_string(&file).expect("yaml");
    let actual = |id: &str, value: u32, year: u32, scope: Option<&str>, quote: &str| {
        let scope = scope.map_or(String::new(), |s| format!("    scope: {s}\n"));
        format!("  - id: {id}\n    metric: ev_charging_points\n    name: 充电桩\n    name_en: Charging points\n    theme: transport\n    kind: actual\n    comparator: equal\n    value: {value}\n    unit: 个\n    year: {year}\n{scope}    quote: {quote}\n")
    };
    let with = |scope: Option<&str>| {
        let added = actual("a-city", 1200, 2020, None, "全市已建成充电桩1200个")
            + &actual("a-district", 2600, 2021, scope, "鼓楼区已建成充电桩2600个");
        yaml.replacen("indicators:\n", &format!("indicators:\n{added}"), 1)
    };
    let lines_drawn = |scope: Option<&str>| {
        std::fs::write(&file, with(scope)).expect("write yaml");
        let mut m = crate::app::scratch::model(&dir, (100, 30));
        update(&mut m, Action::ShowView(ViewKind::Metrics));
        update(&mut m, Action::FocusGroups);
        while m.ds.metrics()[m.selected_metric().expect("a metric")].id != "ev_charging_points" {
            update(&mut m, Action::Down);
        }
        let b = draw(&m);
        graph_symbols(&m, &b).iter().filter(|s| braille(s)).count()
    };
    // The same scope (the whole city): one line joins the two.
    assert!(lines_drawn(None) > 3);
    // A district's figure beside the whole city's: two dots, no line.
    assert_eq!(lines_drawn(Some("鼓楼区")), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn comparability_notes_cut_at_three_lines_end_with_an_ellipsis() {
    let mut cut = 0;
    each_metric((80, 24), |m, b| {
        let chart = areas(&m.areas()).0;
        let width = usize::from(chart.width - 2);
        let wrapped: usize = m.metric_notes.iter().map(|n| crate::text::wrap(&format!("⚠ {n}"), width).len()).sum();
        if wrapped > 3 {
            cut += 1;
            // The last row inside the chart's border is the last note line shown.
            let (last, _) = super::tests::read(b, chart.bottom() - 2, chart.x + 1, chart.right() - 1);
            assert!(last.trim_end().ends_with('…'), "{:?}: {last:?}", m.metric_notes);
        }
    });
    assert!(cut > 0, "some metric has more notes than three lines");
}
