//! Drafting records from documents the program has never seen: the accuracy of value, unit, year and kind on the
//! hand-read fixtures in tests/fixtures/draft/, stock versus new 5G base stations, and the rendered YAML.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use zhibiao_core::corpus::Text;
use zhibiao_core::decimal::Decimal;
use zhibiao_core::draft::{self, metric::parse_registry, Choice, DocContext, Draft, MetricEntry};

mod common;

use common::zhibiao;

const DIR: &str = "tests/fixtures/draft";

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
    value: Decimal,
    unit: String,
    year: i32,
    kind: String,
    metric: Option<String>,
}

fn fixtures() -> (Vec<Doc>, Vec<MetricEntry>) {
    let docs = serde_yaml::from_str(&fs::read_to_string(Path::new(DIR).join("expected.yaml")).unwrap()).unwrap();
    let metrics = parse_registry(&fs::read_to_string(Path::new(DIR).join("metrics.yaml")).unwrap()).unwrap();
    (docs, metrics)
}

struct Outcome {
    total: usize,
    right: usize,
    misses: Vec<String>,
    metric_total: usize,
    metric_right: usize,
    unmatched_drafts: usize,
}

/// Drafts every fixture document and compares each expected figure with the draft of the quantity inside its
/// snippet.
fn measure() -> Outcome {
    let (docs, metrics) = fixtures();
    let mut o =
        Outcome { total: 0, right: 0, misses: Vec::new(), metric_total: 0, metric_right: 0, unmatched_drafts: 0 };
    for doc in &docs {
        let text = Text::from_string(fs::read_to_string(Path::new(DIR).join(&doc.file)).unwrap());
        let paragraphs: Vec<&str> = (1..=text.paragraphs.len()).filter_map(|n| text.paragraph(n)).collect();
        let ctx = DocContext { id: &doc.id, date: &doc.date, kind: &doc.kind, paragraphs, ..Default::default() };
        let drafts = draft::draft_document(&ctx, &metrics);
        let mut matched = HashSet::new();
        for f in &doc.figures {
            o.total += 1;
            let found = text.find(&f.at).into_iter().next();
            let Some((para, range)) = found else { panic!("{}: snippet {} not in the text", doc.file, f.at) };
            let start = text.paragraphs[para - 1].start;
            let inside = |d: &Draft| {
                d.paragraph == para && range.start <= d.span.start + start && d.span.end + start <= range.end
            };
            let Some((i, d)) = drafts.iter().enumerate().find(|(_, d)| inside(d)) else {
                o.misses.push(format!("{}: {}: no draft", doc.file, f.at));
                continue;
            };
            matched.insert(i);
            let got = (d.value, d.unit.as_str(), d.year, d.kind.as_str());
            if got == (f.value, f.unit.as_str(), f.year, f.kind.as_str()) {
                o.right += 1;
            } else {
                o.misses.push(format!(
                    "{}: {}: got {got:?}, want {} {} {} {}",
                    doc.file, f.at, f.value, f.unit, f.year, f.kind
                ));
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
        o.unmatched_drafts += drafts.len() - matched.len();
    }
    o
}

#[test]
fn drafts_get_value_unit_year_and_kind_right_for_every_figure_of_the_short_documents() {
    let o = measure();
    let share = o.right as f64 / o.total as f64;
    eprintln!("draft accuracy: {}/{} = {:.1}% (value, unit, year and kind all right)", o.right, o.total, share * 100.0);
    for m in &o.misses {
        eprintln!("  {m}");
    }
    // Measured: 47 of 47; a drop of one figure fails.
    assert_eq!(o.total, 47, "the fixtures hold {} figures", o.total);
    assert_eq!(o.right, 47, "{}/{} right", o.right, o.total);
    assert_eq!(o.unmatched_drafts, 0, "every drafted figure is one a curator would list");
}

#[test]
fn stock_and_new_5g_base_stations_are_told_apart() {
    let o = measure();
    eprintln!("5G metric: {}/{}", o.metric_right, o.metric_total);
    assert!(o.metric_total >= 12);
    assert_eq!(o.metric_right, o.metric_total, "{:#?}", o.misses);
}

fn one_paragraph(text: &str, date: &str, kind: &str) -> Vec<Draft> {
    let (_, metrics) = fixtures();
    let ctx = DocContext { id: "t", date, kind, paragraphs: vec![text], ..Default::default() };
    draft::draft_document(&ctx, &metrics)
}

#[test]
fn the_quote_is_the_shortest_clause_that_reads_alone() {
    let d = one_paragraph("到2025年，建成5G基站6.5万座，实现城区全覆盖。", "2023-01-01", "work-plan");
    assert_eq!(d[0].quote, "建成5G基站6.5万座");
    // `增长20.24%` alone does not say what grows: the clause before it comes along.
    let d = one_paragraph(
        "2019年，数字经济核心产业规模达2062亿元，增长20.24%，其中电信业务总量736亿元。",
        "2020-05-28",
        "proposal-reply",
    );
    assert_eq!(d[1].quote, "数字经济核心产业规模达2062亿元，增长20.24%");
    assert_eq!(d[2].quote, "其中电信业务总量736亿元".trim_start_matches("其中"));
    // A clause that occurs twice in the paragraph grows until it is unique.
    let d = one_paragraph("城区新建基站100个，郊区新建基站100个。", "2023", "work-plan");
    assert_eq!(d[0].quote, "城区新建基站100个");
    assert_eq!(d[1].quote, "郊区新建基站100个");
}

#[test]
fn dates_statuses_and_periods_come_from_the_wording() {
    let d = one_paragraph("截至目前，已建成并开通5G基站1202个。", "2020-05-28", "proposal-reply");
    assert_eq!((d[0].year, d[0].kind.as_str(), d[0].as_of.as_deref()), (2020, "actual", Some("2020-05-28")));
    let d = one_paragraph("截至2021年底，全市累计建成5G基站1.2万个。", "2022-02-01", "news-report");
    assert_eq!((d[0].year, d[0].kind.as_str(), d[0].as_of.as_deref()), (2021, "actual", Some("2021-12-31")));
    let d = one_paragraph("力争建成5G基站3000个以上。", "2020-05-28", "proposal-reply");
    assert_eq!((d[0].kind.as_str(), d[0].status.as_str()), ("target", "stretch"));
    let d = one_paragraph("预计全年新建5G基站5000个。", "2022-12-20", "news-report");
    assert_eq!((d[0].year, d[0].kind.as_str(), d[0].status.as_str()), (2022, "actual", "estimate"));
    let d = one_paragraph("到2024年，三年累计新建5G基站50个。", "2022-01-10", "work-plan");
    assert_eq!((d[0].year, d[0].kind.as_str(), d[0].period.as_deref()), (2024, "target", Some("2022-2024")));
    // A baseline year is not the year of the figure.
    let d = one_paragraph("到2025年，单位GDP能耗比2020年下降13.5%。", "2022", "work-plan");
    assert_eq!(d[0].year, 2025);
}

#[test]
fn the_rendered_draft_is_an_indicators_file_with_todo_where_undecided() {
    let (_, metrics) = fixtures();
    let para = "到2025年，新建5G基站1万座，建成数据中心标准机架5万个，绿色出行比例达到75%。";
    let ctx = DocContext {
        id: "testville-plan",
        date: "2023-01-01",
        kind: "work-plan",
        paragraphs: vec![para],
        ..Default::default()
    };
    let drafts = draft::draft_document(&ctx, &metrics);
    let yaml = draft::render_file(&ctx, &drafts, &metrics, &HashSet::new());
    let expected = "\
document: testville-plan
indicators:
  - id: testville-plan-5g-base-stations-new
    metric: 5g_base_stations_new
    name: 新建5G基站
    name_en: 5G base stations newly built
    kind: target
    comparator: equal
    value: 1
    unit: 万座
    year: 2025
    quote: 新建5G基站1万座
  - id: testville-plan-data-center-racks
    metric: data_center_racks
    name: 数据中心标准机架
    name_en: Standard racks in data centres
    kind: target
    comparator: equal
    value: 5
    unit: 万个
    year: 2025
    quote: 建成数据中心标准机架5万个
  - id: testville-plan-p1
    metric: TODO
    name: TODO  # 绿色出行比例
    name_en: TODO
    kind: target
    comparator: equal
    value: 75
    unit: \"%\"
    year: 2025
    quote: 绿色出行比例达到75%
";
    assert_eq!(yaml, expected);
}

/// The curated records of the bundled dataset as a second, independent answer key: for each record, the draft of the
/// quantity it cites (same paragraph, inside its quote, same value and unit) must have its year and kind. These
/// documents were curated by hand before the drafting rules existed.
#[test]
fn drafts_agree_with_the_curated_records_of_the_bundled_dataset() {
    let ds = zhibiao_core::load_embedded().expect("the bundled dataset verifies");
    // The dataset's own registry, as `zhibiao draft` uses it.
    let metrics = draft::metric::registry_of(&ds);
    let (mut total, mut right, mut same_quote, mut same_metric) = (0, 0, 0, 0);
    for (d, doc) in ds.document_ids().zip(ds.documents()) {
        let paragraphs: Vec<&str> = (1..=doc.text.paragraphs.len()).filter_map(|n| doc.text.paragraph(n)).collect();
        let ctx = DocContext { id: &doc.id, date: &doc.date, kind: &doc.kind, paragraphs, ..Default::default() };
        let drafts = draft::draft_document(&ctx, &metrics);
        for ind in ds.indicators().iter().filter(|i| i.doc == d) {
            total += 1;
            let start = doc.text.paragraphs[ind.paragraph - 1].start;
            let found = drafts.iter().find(|x| {
                x.paragraph == ind.paragraph
                    && ind.span.start <= x.span.start + start
                    && x.span.end + start <= ind.span.end
                    && x.value == ind.value
                    && x.unit == ind.unit
            });
            same_quote += usize::from(found.is_some_and(|x| x.quote == ind.quote));
            same_metric += usize::from(found.is_some_and(|x| x.metric == Choice::Chosen(ind.metric)));
            if std::env::var_os("SHOW_METRICS").is_some() {
                if let Some(x) = found.filter(|x| x.metric != Choice::Chosen(ind.metric)) {
                    eprintln!("  metric: {} drafted {:?} for {}", ds.metric_key(ind), x.metric, x.quote);
                }
            }
            if std::env::var_os("SHOW_QUOTES").is_some() {
                if let Some(x) = found.filter(|x| x.quote != ind.quote) {
                    eprintln!("  quote: drafted {} / curated {}", x.quote, ind.quote);
                }
            }
            match found {
                Some(x) if (x.year, x.kind) == (ind.year, ind.kind) => right += 1,
                Some(x) => eprintln!(
                    "  {}: got {} {}, curated {} {}",
                    ind.id,
                    x.year,
                    x.kind.as_str(),
                    ind.year,
                    ind.kind.as_str()
                ),
                None => eprintln!("  {}: no draft with its value and unit", ind.id),
            }
        }
    }
    eprintln!("bundled dataset: {right}/{total} curated records drafted with the same value, unit, year and kind");
    eprintln!("bundled dataset: {same_quote}/{total} drafted quotes are the curator's quote exactly");
    eprintln!("bundled dataset: {same_metric}/{total} drafted with the curator's metric (the rest: another or TODO)");
    // Measured: 95 of the 100 curated records; a drop of one fails.
    assert_eq!(total, 100);
    assert_eq!(right, 95, "{right}/{total}");
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A scratch copy of the base dataset whose registry also holds the drafting fixture's metrics (the 5G stock, 5G
/// users, data-centre racks), as a curator's registry would before drafting a 5G plan.
fn base_with_5g_registry(tag: &str) -> PathBuf {
    let dir = common::scratch_copy("base", tag);
    let path = dir.join("data/metrics.yaml");
    let mut registry = fs::read_to_string(&path).unwrap();
    let extra = fs::read_to_string(Path::new(DIR).join("metrics.yaml")).unwrap();
    for entry in extra.split("\n- id: ").skip(1) {
        let id = entry.lines().next().unwrap();
        if !registry.contains(&format!("- id: {id}\n")) {
            registry.push_str(&format!("- id: {}\n", entry.trim_end()));
        }
    }
    fs::write(&path, registry).unwrap();
    dir
}

/// A scratch dataset with one more document, the Hefei plan, registered by hand (no indicators file yet).
fn dataset_with_new_document(tag: &str) -> PathBuf {
    let dir = base_with_5g_registry(tag);
    fs::copy(Path::new(DIR).join("hefei-2022-5g-plan.txt"), dir.join("seeds/hefei.txt")).unwrap();
    let docs = dir.join("data/documents.yaml");
    let mut yaml = fs::read_to_string(&docs).unwrap();
    yaml.push_str("- id: hefei-2022-5g-plan\n  source: seeds/hefei.txt\n  city: xuzhou\n  title: 合肥市推进5G网络建设三年行动计划\n  title_en: Hefei 5G plan\n  issuer: 合肥市人民政府\n  issuer_en: Hefei government\n  date: 2022-03-15\n  kind: work-plan\n");
    fs::write(&docs, yaml).unwrap();
    dir
}

#[test]
fn draft_prints_an_indicators_file_whose_quotes_are_in_the_source() {
    let dir = dataset_with_new_document("draft-print");
    let root = dir.to_str().unwrap();
    let o = zhibiao(&["--data", root, "draft", "--doc", "hefei-2022-5g-plan"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let v: serde_yaml::Value = serde_yaml::from_str(&out).expect("the draft is YAML");
    assert_eq!(v.get("document").and_then(|d| d.as_str()), Some("hefei-2022-5g-plan"));
    let records = v.get("indicators").and_then(|i| i.as_sequence()).unwrap();
    assert_eq!(records.len(), 15, "one record per figure of the plan");
    let source = fs::read_to_string(dir.join("seeds/hefei.txt")).unwrap();
    for r in records {
        let q = r.get("quote").and_then(|q| q.as_str()).unwrap();
        assert!(source.contains(q), "quote {q} is in the source");
    }
    // The metric comes from the dataset's registry where the words decide it, else it is left for the curator.
    assert!(out.contains("metric: 5g_base_stations_new\n") && out.contains("metric: 5g_base_stations\n"), "{out}");
    let todo = out.matches("metric: TODO").count();
    assert!(todo > 0 && todo < 15, "{todo} of 15 metrics undecided");
    // Reading the dataset changed nothing.
    assert!(!dir.join("data/indicators/hefei-2022-5g-plan.yaml").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn draft_write_appends_keeping_the_file_and_uses_the_registry() {
    let dir = dataset_with_new_document("draft-write");
    let root = dir.to_str().unwrap();
    let path = dir.join("data/indicators/hefei-2022-5g-plan.yaml");
    let before = "# Hefei's plan: records curated so far.\ndocument: hefei-2022-5g-plan\nindicators: []  # none yet\n\n# Left out on purpose.\nignored:\n  - quote: 县域不少于2150个\n    reason: a share of the city-wide figure\n";
    fs::write(&path, before).unwrap();
    let printed = text(&zhibiao(&["--data", root, "draft", "--doc", "hefei-2022-5g-plan"]).stdout);
    let o = zhibiao(&["--data", root, "draft", "--doc", "hefei-2022-5g-plan", "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("appended 14 drafted records"), "{}", text(&o.stdout));
    let after = fs::read_to_string(&path).unwrap();
    // The header comment stays, the records go under `indicators:`, the ignored section and its comment follow.
    let items = printed.split_once("indicators:\n").unwrap().1;
    let expected = format!(
        "# Hefei's plan: records curated so far.\ndocument: hefei-2022-5g-plan\nindicators: # none yet\n{items}\n# Left out on purpose.\nignored:\n  - quote: 县域不少于2150个\n    reason: a share of the city-wide figure\n"
    );
    assert_eq!(after, expected);
    assert!(after.contains("metric: 5g_base_stations_new\n"), "the registry names the flow metric");
    assert!(after.contains("metric: 5g_base_stations\n"), "and the stock metric");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn draft_refuses_the_bundled_dataset_for_write_and_unknown_documents() {
    let o = zhibiao(&["draft", "--doc", "shenyang-2020-digital-economy-reply", "--write"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("read-only"), "{}", text(&o.stderr));
    let o = zhibiao(&["draft", "--doc", "no-such-doc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no document `no-such-doc`"));
}

#[test]
fn add_doc_copies_the_text_and_registers_it_with_its_sha256() {
    let dir = common::scratch_copy("base", "add-doc");
    let root = dir.to_str().unwrap();
    let file = Path::new(DIR).join("wuxi-2023-5g-progress.txt");
    let docs_before = fs::read_to_string(dir.join("data/documents.yaml")).unwrap();
    let args = [
        "--data",
        root,
        "add-doc",
        file.to_str().unwrap(),
        "--city",
        "xuzhou",
        "--title",
        "无锡5G建设跑出“加速度”",
        "--date",
        "2023-01-18",
        "--kind",
        "news-report",
    ];
    let o = zhibiao(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("draft --doc xuzhou-2023-wuxi-5g-progress"), "{}", text(&o.stdout));
    let bytes = fs::read(&file).unwrap();
    assert_eq!(fs::read(dir.join("seeds/wuxi-2023-5g-progress.txt")).unwrap(), bytes, "copied byte for byte");
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let entry = format!("- id: xuzhou-2023-wuxi-5g-progress\n  source: seeds/wuxi-2023-5g-progress.txt\n  city: xuzhou\n  title: 无锡5G建设跑出“加速度”\n  title_en: TODO\n  issuer: TODO\n  issuer_en: TODO\n  date: 2023-01-18\n  kind: news-report\n  sha256: \"sha256:{sha}\"\n");
    let docs_after = fs::read_to_string(dir.join("data/documents.yaml")).unwrap();
    assert_eq!(docs_after, format!("{docs_before}{entry}"));

    // A second time, the same text and name: nothing to do; under another id, the copy in seeds/ is not
    // overwritten and no second entry is made.
    let o = zhibiao(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("already registered"), "{}", text(&o.stdout));
    let o = zhibiao(&[&args[..], &["--id", "wuxi-again"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("refusing to overwrite"), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(dir.join("data/documents.yaml")).unwrap(), docs_after);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn add_doc_usage_errors_exit_2_and_write_nothing() {
    let dir = common::scratch_copy("base", "add-doc-errors");
    let root = dir.to_str().unwrap();
    let file = Path::new(DIR).join("wuxi-2023-5g-progress.txt");
    let file = file.to_str().unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["add-doc", file, "--city", "xuzhou", "--title", "t", "--date", "2023-01-18"], "read-only"),
        (
            &["--data", root, "add-doc", file, "--city", "wuxi", "--title", "t", "--date", "2023-01-18"],
            "unknown city `wuxi`",
        ),
        (
            &["--data", root, "add-doc", file, "--city", "xuzhou", "--title", "t", "--date", "2023/01/18"],
            "--date `2023/01/18`",
        ),
        (
            &["--data", root, "add-doc", "no-such.txt", "--city", "xuzhou", "--title", "t", "--date", "2023"],
            "no-such.txt",
        ),
    ];
    let docs = fs::read_to_string(dir.join("data/documents.yaml")).unwrap();
    for (args, msg) in cases {
        let o = zhibiao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o.stderr).contains(msg), "{args:?}: {}", text(&o.stderr));
    }
    assert_eq!(fs::read_to_string(dir.join("data/documents.yaml")).unwrap(), docs);
    assert_eq!(fs::read_dir(dir.join("seeds")).unwrap().count(), 1);
    let _ = fs::remove_dir_all(&dir);
}

/// The workbench from file to verified records: `add-doc` registers the text (with its hash), `draft --write`
/// appends a record for every figure, `check` fails on every TODO left — at its own line and column, and on
/// nothing else — and once the curator fills them in, `check` passes and no candidate is left.
#[test]
fn add_doc_then_draft_then_check_fails_on_each_todo_until_filled() {
    let dir = base_with_5g_registry("workbench");
    let root = dir.to_str().unwrap();
    let cities = dir.join("data/cities.yaml");
    let hefei = "- id: hefei\n  name: 合肥\n  name_en: Hefei\n  province: 安徽\n  province_en: Anhui\n";
    fs::write(&cities, fs::read_to_string(&cities).unwrap() + hefei).unwrap();
    let file = Path::new(DIR).join("hefei-2022-5g-plan.txt");
    let o = zhibiao(&[
        "--data",
        root,
        "add-doc",
        file.to_str().unwrap(),
        "--city",
        "hefei",
        "--title",
        "合肥市推进5G网络建设三年行动计划",
        "--title-en",
        "Hefei 5G plan",
        "--issuer",
        "合肥市人民政府",
        "--date",
        "2022-03-15",
        "--kind",
        "work-plan",
        "--id",
        "hefei-plan",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // The registered document, hash included, loads: only its TODO (issuer_en) stops it.
    let o = zhibiao(&["--data", root, "check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    let docs = fs::read_to_string(dir.join("data/documents.yaml")).unwrap();
    let issuer_line = docs.lines().position(|l| l == "  issuer_en: TODO").unwrap() + 1;
    assert!(err.contains(&format!("data/documents.yaml:{issuer_line}:14: error: still TODO: `issuer_en`")), "{err}");
    assert_eq!(err.matches(": error: ").count(), 1, "{err}");
    fs::write(dir.join("data/documents.yaml"), docs.replace("issuer_en: TODO", "issuer_en: Hefei government")).unwrap();

    let o = zhibiao(&["--data", root, "draft", "--doc", "hefei-plan", "--write"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rel = "data/indicators/hefei-plan.yaml";
    let drafted = fs::read_to_string(dir.join(rel)).unwrap();
    // Independently of the rule: every line holding `TODO` after a key, and the column of that TODO.
    let expected: Vec<String> = drafted
        .lines()
        .enumerate()
        .filter_map(|(n, l)| {
            let at = l.find(": TODO")? + 2;
            Some(format!("{rel}:{}:{}: error: still TODO", n + 1, l[..at].chars().count() + 1))
        })
        .collect();
    assert!(expected.len() >= 3, "the draft leaves something to decide:\n{drafted}");
    let o = zhibiao(&["--data", root, "check", "--all"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    let got: Vec<String> = err
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| {
            let l = l.strip_prefix(&format!("{root}/")).unwrap_or(l);
            l.split(" `").next().unwrap_or(l).trim_end_matches(':').to_string()
        })
        .collect();
    assert_eq!(got, expected, "{err}");

    // The curator fills each TODO: a name, and for an undecided metric a new entry of the registry in the
    // record's unit.
    let mut filled = String::new();
    let mut new_metrics = String::new();
    let records: serde_yaml::Value = serde_yaml::from_str(&drafted).unwrap();
    let records = records.get("indicators").and_then(|r| r.as_sequence()).unwrap();
    let mut record = 0;
    for line in drafted.lines() {
        if line.starts_with("  - id: ") && filled.contains("  - id: ") {
            record += 1;
        }
        if let Some(first) = line.strip_prefix("    restates: TODO  # a firm target of the same metric and year as ") {
            // The plan repeats its 2022 figure in the tasks (2022年全市新建5G基站５１５０个): the draft asks how
            // the two relate, and the curator says it restates the first.
            let first = first.split(':').next().unwrap();
            assert_eq!(first, "hefei-plan-5g-base-stations-new");
            filled.push_str(&format!("    restates: {first}\n"));
        } else if line.contains("metric: TODO") {
            let unit = records[record].get("unit").and_then(|u| u.as_str()).unwrap();
            let base = zhibiao_core::quantity::normalize_unit(unit).base;
            let id = format!("hefei_figure_{record}");
            new_metrics.push_str(&format!(
                "- id: {id}\n  name: 合肥指标{record}\n  name_en: Hefei figure {record}\n  theme: digital-infrastructure\n  measure: flow\n  unit: \"{base}\"\n  better: higher\n"
            ));
            filled.push_str(&format!("    metric: {id}\n"));
        } else {
            filled.push_str(&line.replace("TODO", "由馆员填写"));
            filled.push('\n');
        }
    }
    assert!(
        filled.contains("    restates: hefei-plan-5g-base-stations-new\n    quote: 2022年全市新建5G基站５１５０个\n")
    );
    fs::write(dir.join(rel), filled).unwrap();
    let mut registry = fs::read_to_string(dir.join("data/metrics.yaml")).unwrap();
    registry.push_str(&new_metrics);
    fs::write(dir.join("data/metrics.yaml"), registry).unwrap();
    let o = zhibiao(&["--data", root, "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = zhibiao(&["--data", root, "candidates", "--doc", "hefei-plan"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_period_belongs_to_its_own_clause_and_an_undecided_metric_names_the_nearest() {
    let d = one_paragraph("到2024年，三年累计新建5G基站50个，5G用户数达到600万户。", "2022", "work-plan");
    assert_eq!(d[0].period.as_deref(), Some("2022-2024"));
    assert_eq!(d[1].period, None);
    let d = one_paragraph("“十四五”期间，全市新建5G基站2万个。", "2021", "work-plan");
    assert_eq!((d[0].year, d[0].kind.as_str(), d[0].period.as_deref()), (2025, "target", Some("2021-2025")));
    // Neither 新建 nor 累计: both 5G metrics fit, the draft leaves the choice naming the two.
    let (_, metrics) = fixtures();
    let para = "到2025年，5G基站3000个。";
    let ctx = DocContext { id: "t", date: "2023", kind: "work-plan", paragraphs: vec![para], ..Default::default() };
    let yaml = draft::render_file(&ctx, &draft::draft_document(&ctx, &metrics), &metrics, &HashSet::new());
    assert!(yaml.contains("    metric: TODO  # nearest: 5g_base_stations or 5g_base_stations_new\n"), "{yaml}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Drafting never panics, whatever the text: pieces of plans, numbers, punctuation and brackets in any order,
    /// and every drafted quote is in its paragraph.
    #[test]
    fn drafting_never_panics_and_quotes_come_from_the_paragraph(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "到2025年", "截至2021年底", "，", "。", "、", "（", "）", "《", "》", "新建5G基站", "累计", "力争", "1.5万个",
            "５１５０座", "一万家", "不少于", "突破", "3000个以上", "12%", "2022—2024年", "三年累计", "今年", "以来",
            "目前", "了", "约", "第2位", "10-20亿元", " ", "“", "”", "比2020年下降15%",
        ]), 0..40),
        date in proptest::sample::select(vec!["2022-03-15", "2023", "", "x", "2021-07"]),
        kind in proptest::sample::select(vec!["work-plan", "news-report", ""]),
    ) {
        let para: String = pieces.concat();
        let (_, metrics) = fixtures();
        let ctx = DocContext { id: "p", date, kind, paragraphs: vec![para.as_str()], ..Default::default() };
        let drafts = draft::draft_document(&ctx, &metrics);
        for d in &drafts {
            proptest::prop_assert!(para.contains(&d.quote), "{} not in {}", d.quote, para);
        }
        let _ = draft::render_file(&ctx, &drafts, &metrics, &HashSet::new());
    }
}
