//! `zhibiao progress`: one row per tracked target with its status, the actual that decides it, how much is
//! achieved, the gap and why; as a table, CSV or JSON. The judging is the library's ([`zhibiao_core::progress`]).

use std::io::{self, Write};
use std::process::ExitCode;

use zhibiao_core::dataset::Dataset;
use zhibiao_core::diagnostic::nearest;
use zhibiao_core::progress::{self, Progress, ProgressStatus};

use super::{list, table, Format};

/// The keys of a progress row, in the order JSON and CSV write them.
pub const KEYS: [&str; 10] =
    ["target", "city", "metric", "year", "status", "actual", "achieved", "gap", "why", "city_id"];

/// One target's progress as JSON, CSV and xlsx write it, in the order of [`KEYS`]: the library's [`Progress`]
/// with `city` the Chinese name (as in `list` and every other command) and the id as `city_id`.
#[derive(Debug, serde::Serialize)]
pub struct Row<'a> {
    pub target: &'a str,
    pub city: &'a str,
    pub metric: &'a str,
    pub year: i32,
    pub status: ProgressStatus,
    pub actual: Option<&'a str>,
    pub achieved: Option<f64>,
    pub gap: Option<zhibiao_core::decimal::Decimal>,
    pub why: &'a str,
    pub city_id: &'a str,
}

impl<'a> Row<'a> {
    /// The row of `p`.
    pub fn new(ds: &'a Dataset, p: &'a Progress<'a>) -> Row<'a> {
        let city = ds.find_city(p.city).map(|c| ds.city(c));
        Row {
            target: p.target,
            city: city.map_or(p.city, |c| c.name.as_str()),
            metric: p.metric,
            year: p.year,
            status: p.status,
            actual: p.actual,
            achieved: p.achieved,
            gap: p.gap,
            why: &p.why,
            city_id: p.city,
        }
    }
}

/// Arguments of `zhibiao progress`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// City: id, Chinese or English name (shenyang, 沈阳, Shenyang); repeat or separate with commas for several.
    #[arg(long, value_delimiter = ',')]
    pub city: Vec<String>,
    /// Exact metric key (5g_base_stations); repeat or comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub metric: Vec<String>,
    /// Theme: id, Chinese or English name (energy-emissions, 能源与碳排放); repeat or comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub theme: Vec<String>,
    /// met, missed, on-track, behind, in-progress or no-data; repeat or comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub sheet: super::sheet::SheetArgs,
}

/// The statuses named by `--status`; an unknown one is a usage error naming the nearest.
fn statuses(names: &[String]) -> io::Result<Vec<ProgressStatus>> {
    names
        .iter()
        .map(|name| {
            ProgressStatus::ALL.into_iter().find(|s| s.as_str() == name.trim()).ok_or_else(|| {
                let near = nearest(name, ProgressStatus::ALL.iter().map(|s| s.as_str()), 3);
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("unknown status `{name}`; nearest: {} (all: met, missed, on-track, behind, in-progress, no-data)", near.join(", ")),
                )
            })
        })
        .collect()
}

/// The progress of the targets `args` selects, in the dataset's order, and how many targets are tracked in all.
pub fn select<'a>(ds: &'a Dataset, args: &Args) -> io::Result<(Vec<Progress<'a>>, usize)> {
    let wanted_status = statuses(&args.status)?;
    let filter = list::filter(
        ds,
        &list::Args {
            city: args.city.clone(),
            theme: args.theme.clone(),
            year: Vec::new(),
            kind: Some(list::KindArg::Target),
            metric: args.metric.clone(),
            doc: None,
            grep: None,
            format: args.format,
            sheet: Default::default(),
        },
    )?;
    // In dataset order, so a target is looked up by binary search.
    let selected = filter.apply(ds);
    let all = progress::of_dataset(ds);
    let tracked = all.len();
    let rows = all
        .into_iter()
        .filter(|p| ds.find_indicator(p.target).is_some_and(|i| selected.binary_search(&i).is_ok()))
        .filter(|p| wanted_status.is_empty() || wanted_status.contains(&p.status))
        .collect();
    Ok((rows, tracked))
}

/// Runs `zhibiao progress`.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    args.sheet.check(Some(args.format))?;
    let (rows, tracked) = select(ds, args)?;
    let mut out = super::output::stdout();
    match args.format {
        Format::Json => {
            let rows: Vec<Row> = rows.iter().map(|p| Row::new(ds, p)).collect();
            serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Format::Xlsx => args.sheet.xlsx(&KEYS, rows.iter().map(|p| Row::new(ds, p)))?,
        Format::Csv => {
            args.sheet.bom(&mut out)?;
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut out);
            w.write_record(KEYS)?;
            for p in &rows {
                w.serialize(Row::new(ds, p))?;
            }
            w.flush()?;
        }
        Format::Table => {
            let header = ["target", "city", "year", "status", "achieved", "gap", "why"];
            // `why` is the point of a row: it is never cut; on a terminal the other cells are, at 40 columns.
            let terminal = out.style().terminal;
            let cut = |cells: Vec<String>| {
                let last = cells.len() - 1;
                let cut_at = |k: usize, c: String| if terminal && k < last { table::truncate(&c, 40) } else { c };
                cells.into_iter().enumerate().map(|(k, c)| cut_at(k, c)).collect()
            };
            let cells: Vec<Vec<String>> = rows.iter().map(|p| cut(table_row(ds, p))).collect();
            write!(out, "{}", table::render_cut(&header, &cells, usize::MAX))?;
            writeln!(out, "{} of {}", rows.len(), zhibiao_core::plural::count(tracked, "tracked target"))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A table row: the city by its Chinese name, `achieved` as a percentage, the gap with its unit, and `why`
/// without the status it repeats.
fn table_row(ds: &Dataset, p: &Progress) -> Vec<String> {
    let ind = ds.indicator(p.target);
    let city = ind.map_or(p.city.to_string(), |ind| ds.city(ind.city).name.clone());
    let gap = match (p.gap, ind) {
        (Some(gap), Some(ind)) => {
            let m = ds.metric(ind.metric);
            format!("{gap} {}", progress::gap_unit(m.measure, &m.unit))
        }
        (Some(gap), None) => gap.to_string(),
        (None, _) => String::new(),
    };
    let achieved = p.achieved.map_or(String::new(), |r| format!("{:.0}%", r * 100.0));
    let status = match (p.stretch, p.estimate) {
        (true, _) => format!("{} (stretch)", p.status),
        (_, true) => format!("{} (estimate)", p.status),
        _ => p.status.to_string(),
    };
    let why = p.why.split_once(" — ").map_or(p.why.as_str(), |(_, rest)| rest).to_string();
    vec![p.target.to_string(), city, p.year.to_string(), status, achieved, gap, why]
}
