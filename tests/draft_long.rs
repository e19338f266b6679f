//! Drafting full-length documents: a municipal government work report (a review of last year, this year's
//! arrangements and its main expected targets, the “十四五” horizon) and a three-year plan with an indicator
//! table, both written for these tests. Every figure a curator would record is read by hand in
//! tests/fixtures/draft_long/expected.yaml, with the numbers that are not figures of the city (traps); the tests
//! assert exactly how many drafts are right, so a drop of one figure fails.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use zhibiao_core::corpus::Text;
use zhibiao_core::decimal::Decimal;
use zhibiao_core::draft::{self, metric::parse_registry, Choice, DocContext, Draft, MetricEntry};

const DIR: &str = "tests/fixtures/draft_long";

#[derive(Deserialize)]
struct Doc {
    file: String,
    id: String,
    date: String,
    kind: String,
    figures: Vec<Figure>,
}

#[derive(Deserialize)]
struct Figure {
    at: String,
    #[serde(default)]
    trap: bool,
    value: Option<Decimal>,
    unit: Option<String>,
    year: Option<i32>,
    kind: Option<String>,
    comparator: Option<String>,
    metric: Option<String>,
}

#[derive(Default, Debug)]
struct Outcome {
    figures: usize,
    right: usize,
    missed: usize,
    metric_total: usize,
    metric_right: usize,
    traps: usize,
    traps_drafted: usize,
    unexpected: Vec<String>,
    misses: Vec<String>,
}

fn measure() -> Outcome {
    let docs: Vec<Doc> =
        serde_yaml::from_str(&fs::read_to_string(Path::new(DIR).join("expected.yaml")).unwrap()).unwrap();
    // The bundled registry, the common catalogue included, as `zhibiao draft` reads it.
    let metrics: Vec<MetricEntry> = parse_registry(&fs::read_to_string("data/metrics.yaml").unwrap()).unwrap();
    let mut o = Outcome::default();
    for doc in &docs {
        let text = Text::from_string(fs::read_to_string(Path::new(DIR).join(&doc.file)).unwrap());
        let paragraphs: Vec<&str> = (1..=text.paragraphs.len()).filter_map(|n| text.paragraph(n)).collect();
        let ctx = DocContext { id: &doc.id, date: &doc.date, kind: &doc.kind, paragraphs, ..Default::default() };
        let drafts = draft::draft_document(&ctx, &metrics);
        if std::env::var_os("SHOW_DRAFTS").is_some() {
            for d in &drafts {
                eprintln!(
                    "¶{} {} {} {} {} {} {:?} {:?} | {}",
                    d.paragraph,
                    d.value,
                    d.unit,
                    d.year,
                    d.kind.as_str(),
                    d.comparator.as_str(),
                    d.period,
                    d.metric,
                    d.quote
                );
            }
        }
        let mut matched = HashSet::new();
        let mut taken_snippets: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for f in &doc.figures {
            // The first occurrence of a snippet not already used above.
            let hits = text.find(&f.at);
            let Some((para, range)) = hits.iter().find(|h| !taken_snippets.contains(h)).cloned() else {
                panic!("{}: snippet {} not in the text", doc.file, f.at)
            };
            taken_snippets.push((para, range.clone()));
            let start = text.paragraphs[para - 1].start;
            let inside = |d: &Draft| {
                d.paragraph == para && range.start <= d.span.start + start && d.span.end + start <= range.end
            };
            // A snippet may hold a figure listed before it too (`0.94\t1.2` for the cell after 0.94): the draft is
            // the first one inside it that no earlier figure took.
            let found = drafts.iter().enumerate().find(|(i, d)| inside(d) && !matched.contains(i));
            if f.trap {
                o.traps += 1;
                if let Some((i, _)) = found {
                    matched.insert(i);
                    o.traps_drafted += 1;
                    o.misses.push(format!("{}: {}: a trap was drafted", doc.file, f.at));
                }
                continue;
            }
            o.figures += 1;
            let Some((i, d)) = found else {
                o.missed += 1;
                o.misses.push(format!("{}: {}: no draft", doc.file, f.at));
                continue;
            };
            matched.insert(i);
            let got = (d.value, d.unit.clone(), d.year, d.kind.as_str().to_string(), d.comparator.as_str().to_string());
            let want = (
                f.value.unwrap(),
                f.unit.clone().unwrap(),
                f.year.unwrap(),
                f.kind.clone().unwrap(),
                f.comparator.clone().unwrap_or_else(|| "equal".to_string()),
            );
            if got == want {
                o.right += 1;
            } else {
                o.misses.push(format!("{}: {}: got {got:?}, want {want:?}", doc.file, f.at));
            }
            if let Some(want) = &f.metric {
                o.metric_total += 1;
                let got = match d.metric {
                    Choice::Chosen(m) => metrics[m.index()].id.as_str(),
                    Choice::Undecided { .. } => "TODO",
                };
                if got == want {
                    o.metric_right += 1;
                } else {
                    o.misses.push(format!("{}: {}: metric {got}, want {want}", doc.file, f.at));
                }
            }
        }
        for (_, d) in drafts.iter().enumerate().filter(|(i, _)| !matched.contains(i)) {
            o.unexpected.push(format!("{}: ¶{} {}{} in {}", doc.file, d.paragraph, d.value, d.unit, d.quote));
        }
    }
    o
}

#[test]
fn full_length_documents_are_drafted_as_measured() {
    let o = measure();
    eprintln!(
        "full-length drafts: {}/{} figures with value, unit, year, kind and comparator all right; {} missed; \
         metric {}/{}; traps drafted {}/{}; {} drafts of no listed figure",
        o.right,
        o.figures,
        o.missed,
        o.metric_right,
        o.metric_total,
        o.traps_drafted,
        o.traps,
        o.unexpected.len()
    );
    for m in o.misses.iter().chain(&o.unexpected) {
        eprintln!("  {m}");
    }
    // Measured: every figure is right, the twelve cells of the plan's indicator table included (each with its row's
    // name and unit and its column's year: the 2022 column, the year before the plan, is an actual).
    assert_eq!(o.figures, 78);
    assert_eq!(o.right, 78, "{:#?}", o.misses);
    assert_eq!(o.missed, 0, "{:#?}", o.misses);
    assert_eq!(o.unexpected, Vec::<String>::new());
}

#[test]
fn full_length_documents_get_the_catalogue_metric_of_every_figure_that_has_one() {
    let o = measure();
    assert_eq!((o.metric_right, o.metric_total), (62, 62), "{:#?}", o.misses);
}

#[test]
fn numbers_that_are_not_the_city_s_figures_are_not_drafted() {
    let o = measure();
    assert_eq!(o.traps, 5);
    assert_eq!(o.traps_drafted, 0, "{:#?}", o.misses);
}

/// Check-ready drafts: both documents added to a copy of the bundled dataset and drafted with `--write`, `check`
/// reports the TODOs left and nothing else — every field a rule looks at (a margin's `reference`, a change's
/// `baseline_year`, no `period` on a stock, a second firm target's link) is drafted so that the rule passes.
#[test]
fn drafted_records_pass_every_rule_of_check_but_the_todos() {
    use std::process::Command;
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_zhibiao")).args(args).output().unwrap();
    let dir = std::env::temp_dir().join(format!("zhibiao-long-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    for sub in ["data", "data/indicators", "seeds"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
        for e in fs::read_dir(sub).unwrap() {
            let e = e.unwrap();
            if e.path().is_file() {
                fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    let root = dir.to_str().unwrap();
    for (file, id, date, kind) in [
        ("jiangcheng-2023-work-report.txt", "jc-report", "2023-01-10", "work-report"),
        ("jiangcheng-2023-digital-plan.txt", "jc-plan", "2023-03-01", "work-plan"),
    ] {
        let path = Path::new(DIR).join(file);
        let city = fs::read_to_string("data/cities.yaml").unwrap();
        let city = city.lines().find_map(|l| l.strip_prefix("- id: ")).unwrap().to_string();
        let o = run(&[
            "--data",
            root,
            "add-doc",
            path.to_str().unwrap(),
            "--city",
            &city,
            "--title",
            "江城",
            "--title-en",
            "Jiangcheng",
            "--issuer",
            "江城市人民政府",
            "--issuer-en",
            "Jiangcheng government",
            "--date",
            date,
            "--kind",
            kind,
            "--id",
            id,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let o = run(&["--data", root, "draft", "--doc", id, "--write"]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let report = fs::read_to_string(dir.join("data/indicators/jc-report.yaml")).unwrap();
    let plan = fs::read_to_string(dir.join("data/indicators/jc-plan.yaml")).unwrap();
    assert!(plan.contains("baseline_year: 2020\n    quote: 单位地区生产总值二氧化碳排放比2020年下降13.5%"), "{plan}");
    assert!(report.contains("reference: 全省"), "{report}");
    let o = run(&["--data", root, "check", "--all"]);
    let err = String::from_utf8_lossy(&o.stderr);
    let todos = report.matches(": TODO").count() + plan.matches(": TODO").count();
    assert_eq!(err.matches(": error: ").count(), todos, "{err}");
    assert_eq!(err.matches(": error: still TODO").count(), todos, "{err}");
    let _ = fs::remove_dir_all(&dir);
}
