//! `zhibiao compare METRIC`: every record of one metric across cities and years, city then year, in the metric's
//! unit, with a note wherever rows differ in scope, status or period ([`zhibiao_core::progress::compare`]).

use std::io::{self, Write};
use std::process::ExitCode;

use zhibiao_core::dataset::{Dataset, Indicator};
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::plural::count;
use zhibiao_core::progress::{self, compare};
use zhibiao_core::record;

use super::{list, table, Format};

/// Arguments of `zhibiao compare`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Notes follow the table; with --format csv or json they go to stderr as `note:` lines, so \
                        that stdout holds only the records (JSON and CSV have the keys of `list`).")]
pub struct Args {
    /// The metric id (5g_base_stations); `zhibiao metrics` lists them.
    pub metric: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub sheet: super::sheet::SheetArgs,
}

/// Runs `zhibiao compare`.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    // The same check, message and nearest ids as `list --metric`.
    list::filter(
        ds,
        &list::Args {
            city: Vec::new(),
            theme: Vec::new(),
            year: Vec::new(),
            kind: None,
            metric: vec![args.metric.clone()],
            doc: None,
            grep: None,
            format: args.format,
            sheet: Default::default(),
        },
    )?;
    args.sheet.check(Some(args.format))?;
    let figures: Vec<_> = progress::figures(ds).into_iter().filter(|f| f.metric == args.metric).collect();
    let comparison = compare(&figures);
    let ids: Vec<IndicatorId> = comparison.rows.iter().filter_map(|f| ds.find_indicator(f.id)).collect();
    let mut out = super::output::stdout();
    match args.format {
        Format::Json => record::write_json(&mut out, ds, &ids)?,
        Format::Csv => {
            args.sheet.bom(&mut out)?;
            record::write_csv(&mut out, ds, &ids)?
        }
        Format::Xlsx => args.sheet.xlsx(&record::KEYS, list::records(ds, &ids))?,
        Format::Table => {
            let header = ["id", "city", "year", "kind", "status", "value", "period", "as_of", "scope"];
            let cells: Vec<Vec<String>> = ids
                .iter()
                .map(|&i| {
                    let ind = &ds.indicators()[i];
                    vec![
                        ind.id.to_string(),
                        ds.city(ind.city).name.clone(),
                        ind.year.to_string(),
                        ind.kind.as_str().to_string(),
                        ind.status.as_str().to_string(),
                        in_metric_unit(ind),
                        ind.period().unwrap_or_default().to_string(),
                        ind.as_of().unwrap_or_default().to_string(),
                        ind.scope().unwrap_or_default().to_string(),
                    ]
                })
                .collect();
            write!(out, "{}", table::render(&header, &cells, 40))?;
            let m = ds.find_metric(&args.metric).map(|m| ds.metric(m));
            let unit = m.map_or("", |m| m.unit.as_str());
            writeln!(out, "{} of {} in {unit}", count(ids.len(), "record"), args.metric)?;
            for note in &comparison.notes {
                writeln!(out, "note: {note}")?;
            }
        }
    }
    out.flush()?;
    if args.format != Format::Table {
        let mut err = io::stderr().lock();
        for note in &comparison.notes {
            writeln!(err, "note: {}", super::output::for_stderr(note))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The value in the metric's unit, comparator first: `≥ 3000 个`, `10000 个` (for 1万座), `下降 15 %`.
fn in_metric_unit(ind: &Indicator) -> String {
    let symbol = ind.comparator.symbol();
    let mut out = String::new();
    if !symbol.is_empty() {
        out.push_str(symbol);
        out.push(' ');
    }
    out.push_str(&ind.display_base_value());
    out
}
