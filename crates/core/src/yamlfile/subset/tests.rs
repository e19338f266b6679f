//! The subset reader against `yaml_serde`: where it accepts a file, it must give exactly what `yaml_serde` gives.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::from_str;
use crate::decimal::Decimal;
use crate::schema::{CityEntry, DocumentEntry, IndicatorFile, Kind, MetricEntry, ThemeEntry};

/// What `yaml_serde` reads, as text (every schema type has `Debug`), or its error.
fn slow<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> Result<String, String> {
    serde_yaml::from_str::<T>(text).map(|v| format!("{v:?}")).map_err(|e| e.to_string())
}

/// The subset reader's answer, checked against `yaml_serde`'s: `true` when it accepted the text.
fn agrees<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> bool {
    match from_str::<T>(text) {
        None => false,
        Some(v) => {
            assert_eq!(Ok(format!("{v:?}")), slow::<T>(text), "the subset reader read differently:\n{text}");
            true
        }
    }
}

/// A small type with every kind of field the schema has (its fields are compared through `Debug`).
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Probe {
    s: String,
    #[serde(default)]
    o: Option<String>,
    #[serde(default)]
    y: Option<i32>,
    #[serde(default)]
    p: Option<usize>,
    #[serde(default)]
    d: Option<Decimal>,
    #[serde(default)]
    k: Option<Kind>,
    #[serde(default)]
    l: Vec<String>,
}

#[test]
fn every_file_of_the_bundled_dataset_reads_the_same_and_the_indicator_files_take_the_fast_path() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).expect("bundled file");
    assert!(agrees::<Vec<CityEntry>>(&read("cities.yaml")), "cities.yaml");
    assert!(agrees::<Vec<ThemeEntry>>(&read("themes.yaml")), "themes.yaml");
    assert!(agrees::<Vec<DocumentEntry>>(&read("documents.yaml")), "documents.yaml");
    // metrics.yaml writes some aliases as `[座]`, a flow sequence: left to yaml_serde, which must still agree.
    agrees::<Vec<MetricEntry>>(&read("metrics.yaml"));
    let mut files = 0;
    for entry in std::fs::read_dir(dir.join("indicators")).expect("indicators folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("indicator file");
        assert!(agrees::<IndicatorFile>(&text), "{} left the fast path", path.display());
        files += 1;
    }
    assert_eq!(files, 5);
}

#[test]
fn scalars_read_as_yaml_reads_them() {
    // Accepted, with the value YAML gives.
    for text in [
        "s: 沈阳 # a comment\n",
        "s: 'it''s'\n",
        "s: \"a # not a comment\"   # but this is\n",
        "s: 标准[2020]{x}, a#b\n",
        "s: 2025\nd: 48.020\ny: -3\np: 0\n",
        "s: null\no: ~\n",
        "s: x\no: 'null'\n",
        "s: x\nd: '1.5'\n",
        "s: x\nd: -0.0\n",
        "s: x\nk: target\n",
        "s: x\nk: 'actual'\n",
        "s: x\nl:\n- a\n-   'b c'\n- 5G\n",
        "s: x\nl:\n  - a\n  - b\n",
        "# header\n\ns: x   \n\n   # indented comment\no: y\n",
        "s: inf\no: .5x\n",
        "s: ：中文冒号：\n",
        "s: x\nd: 12345678901234\n",
    ] {
        assert!(agrees::<Probe>(text), "expected the fast path to accept:\n{text}");
    }
    assert_eq!(from_str::<Probe>("s: 'it''s'\n").map(|p| p.s), Some("it's".to_string()));
    assert_eq!(from_str::<Probe>("s: a # c\n").map(|p| p.s), Some("a".to_string()));
}

#[test]
fn forms_outside_the_subset_and_every_error_are_left_to_yaml_serde() {
    for text in [
        // Structures and scalar styles the subset does not read.
        "s: [a]\n",
        "s: {a: b}\n",
        "s: &a x\no: *a\n",
        "s: !!str x\n",
        "s: |\n  x\n",
        "s: >\n  x\n",
        "s: one\n  two\n",
        "s: \"one\n  two\"\n",
        "s: 'a\\b'\n",
        "s: \"a\\tb\"\n",
        "s: a\tb\n",
        "s: a\r\n",
        "\u{feff}s: a\n",
        "s: a\u{85}b\n",
        "s: a\u{2028}b\n",
        "s: a\u{7}b\n",
        "---\ns: a\n",
        "s: a\n...\n",
        "%YAML 1.2\n---\ns: a\n",
        "? s\n: a\n",
        "\"s\": a\n",
        "  s: a\n",
        "s:\n",
        "s: x\no:\n",
        "s: a: b\n",
        "s: a:\n",
        "s: -a\n",
        "s: x\nd: 0x10\n",
        "s: x\nd: 1e3\n",
        "s: x\nd: +5\n",
        "s: x\nd: 007\n",
        "s: x\nd: .inf\n",
        "s: x\ny: '2025'\n",
        "s: x\ny: 2025.0\n",
        "s: x\np: -1\n",
        "s: x\nd: true\n",
        "s: x\nl:\n- - a\n",
        "s: x\nl:\n-\n  a\n",
        "s: x\nl:\n - a\n  - b\n",
        // Errors: yaml_serde reports them.
        "s: x\nunknown: y\n",
        "o: y\n",
        "s: x\ns: y\n",
        "s: x\nk: goal\n",
        "s: x\ny: 2025年\n",
        "s:\n  a: b\n",
        "- s: x\n",
        "",
        "# only a comment\n",
    ] {
        assert!(from_str::<Probe>(text).is_none(), "expected the fast path to refuse:\n{text}");
    }
}

mod generated {
    use proptest::prelude::*;

    use super::{agrees, Probe};

    /// Scalars a curator might write, tricky ones included.
    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("2025".to_string()),
            Just("-12".to_string()),
            Just("48.02".to_string()),
            Just("0".to_string()),
            Just("007".to_string()),
            Just("null".to_string()),
            Just("~".to_string()),
            Just("true".to_string()),
            Just("target".to_string()),
            Just("'it''s'".to_string()),
            Just("\"a: b\"".to_string()),
            Just("a: b".to_string()),
            Just("a #c".to_string()),
            Just("a#c".to_string()),
            Just("[x]".to_string()),
            Just("- x".to_string()),
            Just("1e3".to_string()),
            Just("'1.5'".to_string()),
            "[a-z0-9 .:#'\"-]{0,8}",
            "[一-龥0-9%．：，]{1,6}",
        ]
    }

    /// A field of `Probe` with a scalar value, sometimes with a trailing comment.
    fn field() -> impl Strategy<Value = String> {
        let key = prop_oneof![Just("o"), Just("y"), Just("p"), Just("d"), Just("k"), Just("zz")];
        let comment = prop_oneof![3 => Just(""), 1 => Just(" # c"), 1 => Just("  #c")];
        (key, scalar(), comment).prop_map(|(k, v, c)| format!("{k}: {v}{c}"))
    }

    /// Lines that change a document's structure: a list, a comment, a blank line, a stray indented line.
    fn extra() -> impl Strategy<Value = String> {
        prop_oneof![
            (prop_oneof![Just(""), Just("  ")], proptest::collection::vec(scalar(), 1..4)).prop_map(
                |(i, items)| format!("l:\n{}", items.iter().map(|v| format!("{i}- {v}\n")).collect::<String>())
            ),
            Just("# note\n".to_string()),
            Just("\n".to_string()),
            scalar().prop_map(|v| format!("  {v}\n")),
            scalar().prop_map(|v| format!(" o: {v}\n")),
        ]
    }

    /// A document: `s` first, then fields and extra lines in any order.
    fn document() -> impl Strategy<Value = String> {
        let part = prop_oneof![3 => field().prop_map(|f| f + "\n"), 1 => extra()];
        (scalar(), proptest::collection::vec(part, 0..5)).prop_map(|(s, parts)| format!("s: {s}\n{}", parts.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn whatever_the_fast_path_accepts_reads_as_yaml_serde_reads_it(text in document()) {
            agrees::<Probe>(&text);
        }
    }
}
