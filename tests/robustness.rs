//! The parsers never panic, and hostile input is bounded: property tests over arbitrary strings and bytes,
//! and a very large source.

mod common;

use std::path::Path;

use proptest::prelude::*;
use zhibiao_core::quantity::find_quantities;
use zhibiao_core::{load, LoadError, Root};

/// The base fixture's files, in memory.
fn base_files() -> Vec<(String, Vec<u8>)> {
    let root = common::fixture("base");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read(&path).unwrap()));
        }
    }
}

/// The base fixture with file `rel` replaced by `bytes`.
fn with_file(rel: &str, bytes: Vec<u8>) -> Root {
    let mut files: Vec<(String, Vec<u8>)> = base_files().into_iter().filter(|(n, _)| n != rel).collect();
    files.push((rel.to_string(), bytes));
    Root::Memory(files)
}

/// Text that looks like the seeds: Chinese, digits of both widths, units, comparator words, punctuation.
fn chinese_like() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("万".to_string()),
            Just("亿元".to_string()),
            Just("%".to_string()),
            Just("％".to_string()),
            Just("个百分点".to_string()),
            Just("以上".to_string()),
            Just("超".to_string()),
            Just("第".to_string()),
            Just("位".to_string()),
            Just("强".to_string()),
            Just("年".to_string()),
            Just("号".to_string()),
            Just("〔".to_string()),
            Just("〕".to_string()),
            Just("-".to_string()),
            Just("—".to_string()),
            Just("、".to_string()),
            Just(".".to_string()),
            Just("千瓦".to_string()),
            Just("十五".to_string()),
            Just("两千".to_string()),
            Just("余".to_string()),
            Just("点".to_string()),
            Just("负".to_string()),
            Just("翻".to_string()),
            Just("番".to_string()),
            Just("成".to_string()),
            Just("倍".to_string()),
            Just("分之".to_string()),
            Just("百分之".to_string()),
            Just("几".to_string()),
            Just("每".to_string()),
            Just("廿".to_string()),
            Just("壹佰".to_string()),
            Just("兩".to_string()),
            Just("〇".to_string()),
            Just(" ".to_string()),
            Just("G".to_string()),
            "[0-9]{1,6}",
            "[０-９]{1,3}",
            "[一二三四五六七八九十百千万亿两零○〇壹贰叁肆伍陆柒捌玖拾佰仟萬億廿]{1,4}",
            "\\PC{0,3}",
        ],
        0..40,
    );
    pieces.prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_quantity_parser_never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
        check_quantities(&s);
    }

    #[test]
    fn the_quantity_parser_never_panics_on_seed_like_text(s in chinese_like()) {
        check_quantities(&s);
    }
}

/// Spans lie on character boundaries inside the text, in order, and ranges are ordered.
fn check_quantities(s: &str) {
    let found = find_quantities(s);
    let mut last_end = 0;
    for q in &found {
        assert!(q.span.start < q.span.end && q.span.end <= s.len(), "{q:?} in {s:?}");
        assert!(s.is_char_boundary(q.span.start) && s.is_char_boundary(q.span.end), "{q:?} in {s:?}");
        assert!(q.span.start >= last_end, "overlapping spans in {s:?}: {found:?}");
        last_end = q.span.end;
        if let Some(max) = q.value_max {
            assert!(max >= q.value || q.comparator != zhibiao_core::quantity::Comparator::Range, "{q:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_loader_never_panics_on_arbitrary_indicator_files(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        expect_invalid_or_ok(load(&with_file("data/indicators/test-plan.yaml", bytes)));
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_tables(bytes in prop::collection::vec(any::<u8>(), 0..400), which in 0..3usize) {
        let rel = ["data/cities.yaml", "data/themes.yaml", "data/documents.yaml"][which];
        expect_invalid_or_ok(load(&with_file(rel, bytes)));
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_sources(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        expect_invalid_or_ok(load(&with_file("seeds/plan.txt", bytes)));
    }

    #[test]
    fn the_loader_never_panics_on_mangled_yaml(cut in 0usize..2000, insert in "\\PC{0,8}") {
        // Real YAML with a random edit is closer to what a person produces than random bytes.
        let mut text = String::from_utf8(base_files().into_iter().find(|(n, _)| n == "data/indicators/test-plan.yaml").unwrap().1).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &insert);
        expect_invalid_or_ok(load(&with_file("data/indicators/test-plan.yaml", text.into_bytes())));
    }
}

fn expect_invalid_or_ok(result: Result<zhibiao_core::Dataset, LoadError>) {
    if let Err(LoadError::Invalid(diags)) = &result {
        assert!(!diags.is_empty(), "an invalid dataset must say why");
        for d in diags {
            assert!(d.line >= 1 && d.col >= 1, "{d}");
        }
    }
}

#[test]
fn a_100_mb_single_line_source_loads_in_bounded_time() {
    // The fixture's source with 100 MB of one line appended: the quotes are still found, the huge paragraph
    // is scanned linearly, and loading succeeds.
    let mut seed = base_files().into_iter().find(|(n, _)| n == "seeds/plan.txt").unwrap().1;
    seed.extend(std::iter::repeat_n("数字经济发展规划".as_bytes(), 100 * 1024 * 1024 / 24).flatten());
    seed.push(b'\n');
    let start = std::time::Instant::now();
    let ds = load(&with_file("seeds/plan.txt", seed)).expect("loads");
    assert_eq!(ds.documents()[0].text.paragraphs.len(), 7);
    let cands = zhibiao_core::candidates::candidates(&ds, None);
    assert!(cands.is_empty(), "{cands:?}");
    // Not a benchmark: a generous bound that only quadratic behaviour would exceed.
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
}
