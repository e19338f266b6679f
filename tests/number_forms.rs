//! The collection of number forms in tests/number_forms/*.tsv, scored as a reader would: a sentence is right when
//! the figures trusted by `check` and `draft` are exactly the expected ones (and each expected candidate is offered
//! with a note), wrong when any trusted figure is not expected, missed otherwise. No sentence may be read wrong,
//! and the count of right ones is asserted exactly, so a change that loses one fails.

use std::fmt::Write as _;
use std::path::PathBuf;

use zhibiao_core::quantity::{find_all_quantities, find_quantities, Quantity};

/// Sentences read right today. Raise it when the parser reads more; it must never fall.
const RIGHT: usize = 684;

/// One expected figure: `value unit comparator`, `low~high unit range`, or with a leading `?` a candidate with
/// a note.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    reading: String,
    uncertain: bool,
}

/// A figure as the collection writes it.
fn reading(q: &Quantity) -> String {
    let number = match q.value_max {
        Some(max) => format!("{}~{}", q.value, max),
        None => q.value.to_string(),
    };
    format!("{number} {} {}", q.unit, q.comparator)
}

/// The expected readings of one line; values are normalised through the parser's decimal type, so `82225.00`
/// and `82225` are one value.
fn parse_expected(field: &str) -> Vec<Expected> {
    if field.trim() == "none" {
        return Vec::new();
    }
    field
        .split(';')
        .map(|item| {
            let item = item.trim();
            let (uncertain, item) = match item.strip_prefix('?') {
                Some(rest) => (true, rest),
                None => (false, item),
            };
            let mut parts = item.splitn(2, ' ');
            let number = parts.next().unwrap_or_default();
            let rest = parts.next().unwrap_or_default();
            let normal =
                |s: &str| s.parse::<zhibiao_core::decimal::Decimal>().map(|d| d.to_string()).unwrap_or(s.into());
            let number = match number.split_once('~') {
                Some((low, high)) => format!("{}~{}", normal(low), normal(high)),
                None => normal(number),
            };
            Expected { reading: format!("{number} {rest}"), uncertain }
        })
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Score {
    Right,
    Wrong,
    Missed,
}

/// Scores one sentence against its expected readings.
fn score(sentence: &str, expected: &[Expected]) -> Score {
    let trusted: Vec<String> = find_quantities(sentence).iter().map(reading).collect();
    let want: Vec<&str> = expected.iter().filter(|e| !e.uncertain).map(|e| e.reading.as_str()).collect();
    if trusted.iter().any(|t| !want.contains(&t.as_str())) {
        return Score::Wrong;
    }
    let candidates: Vec<String> =
        find_all_quantities(sentence).iter().filter(|q| q.note.is_some()).map(reading).collect();
    let offered = expected.iter().filter(|e| e.uncertain).all(|e| candidates.contains(&e.reading));
    if trusted == want && offered {
        Score::Right
    } else {
        Score::Missed
    }
}

/// Every (file, line number, sentence, expected) of the collection.
fn collection() -> Vec<(String, usize, String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/number_forms");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/number_forms")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("tsv");
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (sentence, expected) = line.split_once('\t').unwrap_or_else(|| panic!("{name}:{}: no tab", i + 1));
            out.push((name.clone(), i + 1, sentence.to_string(), expected.to_string()));
        }
    }
    out
}

#[test]
fn the_collection_is_read_right_and_never_wrong() {
    let cases = collection();
    assert!(cases.len() >= 300, "only {} sentences", cases.len());
    let (mut right, mut wrong, mut missed) = (0, 0, 0);
    let mut report = String::new();
    for (file, line, sentence, expected) in &cases {
        let expected_readings = parse_expected(expected);
        let got = find_all_quantities(sentence)
            .iter()
            .map(|q| format!("{}{}", if q.note.is_some() { "?" } else { "" }, reading(q)))
            .collect::<Vec<_>>()
            .join("; ");
        match score(sentence, &expected_readings) {
            Score::Right => right += 1,
            Score::Wrong => {
                wrong += 1;
                let _ = writeln!(report, "WRONG  {file}:{line}: {sentence}\n  expected {expected}\n  read     {got}");
            }
            Score::Missed => {
                missed += 1;
                let _ = writeln!(report, "missed {file}:{line}: {sentence}\n  expected {expected}\n  read     {got}");
            }
        }
    }
    println!("{report}");
    println!("number forms: {right} right, {wrong} wrong, {missed} missed of {}", cases.len());
    assert_eq!(wrong, 0, "sentences read wrong:\n{report}");
    assert_eq!(right, RIGHT, "right count changed ({wrong} wrong, {missed} missed):\n{report}");
}

#[test]
fn the_scorer_tells_right_wrong_and_missed_apart() {
    let expect = |s: &str| parse_expected(s);
    assert_eq!(score("新建学校10所", &expect("10 所 equal")), Score::Right);
    assert_eq!(score("新建学校10所", &expect("10.0 所 equal")), Score::Right);
    assert_eq!(score("新建学校10所", &expect("11 所 equal")), Score::Wrong);
    assert_eq!(score("新建学校10所", &expect("none")), Score::Wrong);
    assert_eq!(score("新建学校若干所", &expect("10 所 equal")), Score::Missed);
    assert_eq!(score("覆盖1万5人", &expect("?15000 人 equal")), Score::Right);
    assert_eq!(score("覆盖1万5人", &expect("?10005 人 equal")), Score::Missed);
    assert_eq!(score("建设2-3个", &expect("2~3 个 range")), Score::Right);
}
