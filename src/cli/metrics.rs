//! `zhibiao metrics`: the metric registry, with how many records and cities each metric has.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use zhibiao_core::dataset::Dataset;

use super::{table, Format};

/// Arguments of `zhibiao metrics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub sheet: super::sheet::SheetArgs,
}

/// The keys of a metric row, in the order JSON, CSV and xlsx write them.
const KEYS: [&str; 9] = ["id", "name", "name_en", "theme", "measure", "unit", "better", "records", "cities"];

/// One metric as `metrics --format json` and `csv` write it.
#[derive(Debug, Serialize)]
struct MetricRow<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    theme: &'a str,
    measure: &'static str,
    unit: &'a str,
    better: &'static str,
    /// How many records use it; `null` when the dataset does not verify and only the registry was read.
    records: Option<usize>,
    /// How many cities have a record of it; `null` as `records`.
    cities: Option<usize>,
}

/// Runs `zhibiao metrics` on the dataset folder: on the loaded dataset when it verifies; otherwise, as long as
/// data/metrics.yaml itself reads, on the registry alone — a curator filling in `metric: TODO` is told to pick
/// from this list while the dataset cannot load, so it must not be refused then.
pub fn run_on(data: &Option<std::path::PathBuf>, args: &Args) -> io::Result<ExitCode> {
    let root = super::root(data)?;
    match super::loading::load(&root) {
        Ok(ds) => {
            super::report_unfinished(data, &ds);
            let result = run(&ds, args);
            std::mem::forget(ds);
            result
        }
        Err(zhibiao_core::LoadError::Invalid(diags)) => {
            let Some(entries) = registry(&root) else {
                return super::load_failed(zhibiao_core::LoadError::Invalid(diags));
            };
            args.sheet.check(Some(args.format))?;
            let rows: Vec<MetricRow<'_>> = entries
                .iter()
                .map(|m| MetricRow {
                    id: &m.id,
                    name: &m.name,
                    name_en: &m.name_en,
                    theme: &m.theme,
                    measure: m.measure.as_str(),
                    unit: &m.unit,
                    better: m.better.as_str(),
                    records: None,
                    cities: None,
                })
                .collect();
            eprintln!(
                "note: the dataset does not verify ({}; `{}` lists them): the registry of data/metrics.yaml \
                 is listed without counts",
                zhibiao_core::plural::count(diags.iter().filter(|d| d.is_error()).count(), "error"),
                super::suggest::command("check")
            );
            write(&rows, args)
        }
        Err(e) => super::load_failed(e),
    }
}

/// The registry of `root` as written, if data/metrics.yaml reads.
fn registry(root: &zhibiao_core::Root) -> Option<Vec<zhibiao_core::schema::MetricEntry>> {
    let bytes = root.read("data/metrics.yaml").ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    zhibiao_core::yamlfile::parse::<Vec<zhibiao_core::schema::MetricEntry>>(
        "data/metrics.yaml",
        text,
        &[""],
        &mut Vec::new(),
    )
}

/// Runs `zhibiao metrics`.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    args.sheet.check(Some(args.format))?;
    let counts = counts(ds);
    let rows: Vec<MetricRow<'_>> = ds
        .metrics()
        .iter()
        .zip(counts)
        .map(|(m, (records, cities))| MetricRow {
            id: &m.id,
            name: &m.name,
            name_en: &m.name_en,
            theme: &ds.themes()[m.theme].id,
            measure: m.measure.as_str(),
            unit: &m.unit,
            better: m.better.as_str(),
            records: Some(records),
            cities: Some(cities),
        })
        .collect();
    write(&rows, args)
}

/// Per metric of the registry, in its order: how many records use it and in how many cities.
pub fn counts(ds: &Dataset) -> Vec<(usize, usize)> {
    // Per metric its records and its cities, in one pass; whether a city was counted is one flag per (metric,
    // city), not a search of the cities counted so far (at 12,000 cities that search was most of the command).
    let mut counts = vec![(0usize, 0usize); ds.metrics().len()];
    let mut seen = vec![false; ds.metrics().len() * ds.cities().len()];
    for ind in ds.indicators() {
        let (records, cities) = &mut counts[ind.metric.index()];
        *records += 1;
        let flag = &mut seen[ind.metric.index() * ds.cities().len() + ind.city.index()];
        if !*flag {
            *flag = true;
            *cities += 1;
        }
    }
    counts
}

/// Writes the rows in the format asked for.
fn write(rows: &[MetricRow<'_>], args: &Args) -> io::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Format::Xlsx => args.sheet.xlsx(&KEYS, rows)?,
        Format::Csv => {
            args.sheet.bom(&mut out)?;
            let mut w = csv::Writer::from_writer(&mut out);
            for row in rows {
                w.serialize(row)?;
            }
            w.flush()?;
        }
        Format::Table => {
            let header = ["id", "name", "name_en", "measure", "unit", "records", "cities"];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.name.to_string(),
                        r.name_en.to_string(),
                        r.measure.to_string(),
                        r.unit.to_string(),
                        r.records.map_or(String::new(), |n| n.to_string()),
                        r.cities.map_or(String::new(), |n| n.to_string()),
                    ]
                })
                .collect();
            write!(out, "{}", table::render(&header, &cells, 40))?;
            writeln!(out, "{}", zhibiao_core::plural::count(rows.len(), "metric"))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
