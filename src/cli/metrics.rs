//! `zhibiao metrics`: the metric registry, with how many records and cities each metric has.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::ids::CityId;

use super::{table, Format};

/// Arguments of `zhibiao metrics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

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
    records: usize,
    cities: usize,
}

/// Runs `zhibiao metrics`.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let mut counts = vec![(0usize, Vec::<CityId>::new()); ds.metrics().len()];
    for ind in ds.indicators() {
        let (records, cities) = &mut counts[ind.metric.index()];
        *records += 1;
        if !cities.contains(&ind.city) {
            cities.push(ind.city);
        }
    }
    let rows: Vec<MetricRow<'_>> = ds
        .metrics()
        .iter()
        .zip(&counts)
        .map(|(m, (records, cities))| MetricRow {
            id: &m.id,
            name: &m.name,
            name_en: &m.name_en,
            theme: &ds.themes()[m.theme].id,
            measure: m.measure.as_str(),
            unit: &m.unit,
            better: m.better.as_str(),
            records: *records,
            cities: cities.len(),
        })
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            for row in &rows {
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
                        r.records.to_string(),
                        r.cities.to_string(),
                    ]
                })
                .collect();
            write!(out, "{}", table::render(&header, &cells, 40))?;
            writeln!(out, "{} metrics", rows.len())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
