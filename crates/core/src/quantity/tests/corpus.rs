//! The seeds as a corpus, odd and pathological inputs, and random text: results are always well formed.

use crate::quantity::{find_all_quantities, find_quantities, Comparator, Quantity};

use super::{check, nothing};

/// The seed texts, as (file name, text).
fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("seeds/").map(|e| e.expect("entry").path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("seed text")))
        .collect()
}

/// Checks the invariants every result must keep: spans inside the text on character boundaries, in order and
/// not overlapping, non-empty.
#[track_caller]
fn assert_well_formed(text: &str, found: &[Quantity]) {
    let mut last_end = 0;
    for q in found {
        assert!(q.span.start < q.span.end && q.span.end <= text.len(), "{q:?}");
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end), "{q:?}");
        assert!(q.span.start >= last_end, "overlapping or out of order: {q:?}");
        assert!(!q.unit.is_empty(), "{q:?}");
        last_end = q.span.end;
    }
}

#[test]
fn every_seed_parses_into_well_formed_quantities() {
    let seeds = seeds();
    assert!(!seeds.is_empty());
    let mut total = 0;
    for (name, text) in &seeds {
        let found = find_quantities(text);
        assert_well_formed(text, &found);
        for q in &found {
            let t = q.text(text);
            assert!(!t.contains('号'), "{name}: document number {t:?}");
            let is_year = t.strip_suffix('年').is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()));
            assert!(!is_year, "{name}: year {t:?}");
            assert!(!t.contains("年") || q.unit.contains('年'), "{name}: {t:?}");
            // A span that ends with its unit reads back as the same figure on its own.
            if !t.ends_with(|c: char| c.is_ascii_digit()) {
                let again = find_quantities(t);
                assert_eq!(again.len(), 1, "{name}: {t:?}");
                assert_eq!((again[0].value, again[0].value_max, &again[0].unit), (q.value, q.value_max, &q.unit));
            }
        }
        // Paragraph by paragraph gives the same figures.
        let by_line: usize = text.lines().map(|l| find_quantities(l).len()).sum();
        assert_eq!(by_line, found.len(), "{name}");
        total += found.len();
    }
    assert!(total > 100, "only {total} quantities in the seeds");
}

#[test]
fn odd_inputs_do_not_panic() {
    let long_digits = "9".repeat(10_000);
    #[rustfmt::skip]
    let texts = [
        "", "第", "百分之", "千分之", "百分之百分之", ".", "1.", "1,", "1,00", "1,000,", "１", "１．", "1-", "1-2", "1—",
        "第1", "第一", "1、", "1、2", "一", "十", "万", "亿亿亿", "千瓦", "5万", "5余", "5多", "5/", "5元/", "3套(",
        "3套（间", "0", "00000个", "0.0000000000000000001个", "99999999999999999999999999个", "一万亿亿元",
        "九千九百九十九万九千九百九十九亿个", &long_digits, "\u{0}1个", "1\u{feff}个", "🎉1个🎉", "1%-", "1%-2",
        "第 ", "百分之 1", "1 、 2个", "达", "高于", "、1个",
    ];
    for text in texts {
        let found = find_quantities(text);
        assert_well_formed(text, &found);
    }
    check("00000个", &["0 个 equal [00000个]"]);
    check("九千九百九十九万九千九百九十九亿个", &["9999999900000000 个 equal [九千九百九十九万九千九百九十九亿个]"]);
    nothing(&["99999999999999999999999999个", "一万亿亿元"]);
}

#[test]
fn pathological_inputs_take_linear_time() {
    let size = 200_000;
    #[rustfmt::skip]
    let patterns = [
        "1", "一", "十", "第", "百分之", "1、", "1-", "1.", "1,000", " ", "1 ", "万", "余", "高于", "一十", "1个、",
        "5G", "12+", "1%-", "第一", "二〇", "1至", "、", "1、2个、", "高于全国1、", "两到", "1万-", "1千5", "元1角",
        "1，000", "1万(含)-", "百分之三十到", "数十", "8千4百", "1/",
    ];
    for pattern in patterns {
        let text = pattern.repeat(size / pattern.len() + 1);
        let started = std::time::Instant::now();
        let found = find_quantities(&text);
        assert_well_formed(&text, &found);
        assert!(started.elapsed().as_secs() < 10, "{pattern:?} took {:?}", started.elapsed());
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_well_formed(
        chars in proptest::collection::vec(proptest::sample::select(vec![
            '0', '1', '2', '9', '１', '５', '.', '．', ',', '-', '—', '~', '至', '到', '、', '和', ' ', '\u{3000}',
            '一', '二', '两', '十', '百', '千', '万', '亿', '零', '〇', '第', '分', '之', '个', '元', '年', '月', '日',
            '号', '%', '％', '余', '多', '以', '上', '下', '内', '左', '右', '超', '过', '约', '近', '达', '增', '长',
            '提', '高', '于', '不', '新', '强', '位', '名', '套', '(', '（', '间', ')', '）', '/', 'G', 'v', ':', '\n',
            '瓦', '时', '点', '百', '🎉', '负', '翻', '番', '成', '倍', '壹', '佰', '萬', '廿', '兩', '几', '每', '单',
                '位', '－', '角', '圆', '整', '正', '億', '點', '負', '￥', '$', 'k', 'W', 'h', '℃', '²', '含', '数',
                '前', '圈', '，', '了', '千', '米', '斤',
        ]), 0..60)
    ) {
        let text: String = chars.into_iter().collect();
        let found = find_all_quantities(&text);
        assert_well_formed(&text, &found);
        for q in &found {
            if let Some(max) = q.value_max {
                proptest::prop_assert!(max > q.value);
                proptest::prop_assert_eq!(q.comparator, Comparator::Range);
            }
        }
    }

    #[test]
    fn never_panics_on_arbitrary_unicode(text in "\\PC{0,80}") {
        let found = find_all_quantities(&text);
        assert_well_formed(&text, &found);
    }
}
