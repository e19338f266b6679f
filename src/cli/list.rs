//! `zhibiao list`: filtered indicators as a table, CSV or JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use zhibiao_core::dataset::Dataset;
use zhibiao_core::diagnostic::nearest;
use zhibiao_core::ids::IndicatorId;
use zhibiao_core::query::{Filter, TextFilter};
use zhibiao_core::record;
use zhibiao_core::schema::Kind;

use super::sheet::SheetArgs;
use super::{table, Format};

/// Arguments of `zhibiao list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// City: id, Chinese or English name (shenyang, 沈阳, Shenyang); repeat or separate with commas for several.
    #[arg(long, value_delimiter = ',')]
    pub city: Vec<String>,
    /// Theme: id, Chinese or English name (energy-emissions, 能源与碳排放); repeat or comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub theme: Vec<String>,
    /// Target year, or the year a reported figure refers to; repeat or comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub year: Vec<i32>,
    /// Only targets or only reported actuals.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Exact metric key (5g_base_stations); repeat or comma-separate for several.
    #[arg(long, value_delimiter = ',')]
    pub metric: Vec<String>,
    /// Document id or source file name.
    #[arg(long)]
    pub doc: Option<String>,
    /// Case-insensitive regular expression over names (zh, en), metric, unit, quote, city and theme names (zh,
    /// en) and the note.
    #[arg(long, value_name = "REGEX")]
    pub grep: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub sheet: SheetArgs,
}

/// `--kind` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    /// Goals for a future year.
    Target,
    /// Reported achieved figures.
    Actual,
}

/// Builds the filter from the arguments; an unknown city or theme is a usage error naming the choices.
pub fn filter(ds: &Dataset, args: &Args) -> io::Result<Filter> {
    let usage = |msg: String| io::Error::new(io::ErrorKind::InvalidInput, msg);
    let mut f = Filter::default();
    for c in &args.city {
        // The choices are listed only when they are needed: twelve thousand cities' names take a while.
        let known = || ds.cities().iter().map(|c| format!("{} ({}, {})", c.id, c.name, c.name_en)).collect::<Vec<_>>();
        f.city
            .push(ds.find_city(c).ok_or_else(|| usage(format!("unknown city `{c}`; known: {}", known().join(", "))))?);
    }
    for t in &args.theme {
        let names: Vec<&str> = ds.themes().iter().map(|t| t.id.as_str()).collect();
        f.theme
            .push(ds.find_theme(t).ok_or_else(|| usage(format!("unknown theme `{t}`; known: {}", names.join(", "))))?);
    }
    if let Some(d) = &args.doc {
        f.document = Some(ds.find_document(d).ok_or_else(|| usage(format!("unknown document `{d}`")))?);
    }
    f.year = args.year.clone();
    f.kind = args.kind.map(|k| match k {
        KindArg::Target => Kind::Target,
        KindArg::Actual => Kind::Actual,
    });
    for m in &args.metric {
        let Some(id) = ds.find_metric(m) else {
            let near = nearest(m, ds.metrics().iter().map(|m| m.id.as_str()), 3);
            return Err(usage(format!(
                "unknown metric `{m}`; nearest: {} (`{}` lists them all)",
                near.join(", "),
                super::suggest::command("metrics")
            )));
        };
        f.metric.push(id);
    }
    if let Some(g) = &args.grep {
        f.text = Some(TextFilter::regex(g).map_err(|e| usage(format!("invalid --grep pattern: {e}")))?);
    }
    Ok(f)
}

/// The records of the indicators `ids`, in that order.
pub fn records<'a>(ds: &'a Dataset, ids: &'a [IndicatorId]) -> impl Iterator<Item = record::Record<'a>> + 'a {
    ids.iter().map(move |&i| record::Record::new(ds, ds.indicator_at(i)))
}

/// Runs `zhibiao list`.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    args.sheet.check(Some(args.format))?;
    let f = filter(ds, args)?;
    let ids = f.apply(ds);
    print(ds, &ids, ds.indicators().len(), args)
}

/// Answers from the load cache's query index when it is trusted (nothing changed since it was written): the
/// matching records alone are read, and the output is the one [`run`] gives. `None` when there is no such index
/// (no cache, `--no-cache`, the bundled dataset, anything changed or in doubt): the caller loads the normal way.
pub fn run_indexed(data: &Option<std::path::PathBuf>, args: &Args) -> Option<io::Result<ExitCode>> {
    if let Err(e) = args.sheet.check(Some(args.format)) {
        return Some(Err(e));
    }
    let dir = super::loading::cache_dir()?;
    // Only the cities the filter names are read from the index (all of them when it names none).
    let lookup = super::loading::trusted_index(data.as_ref()?, &dir)?.with_cities(&args.city)?;
    // Documents are read only for the records printed, unless the filter names one.
    let lookup = if args.doc.is_some() { lookup.with_documents()? } else { lookup };
    // Said where a load says it: before the filter's own errors and the records.
    let drafts = lookup.unfinished_summary();
    let f = match filter(lookup.tables(), args) {
        Ok(f) => f,
        Err(e) => {
            super::report_unfinished_summary(data, drafts);
            return Some(Err(e));
        }
    };
    let answer = lookup.select(&f)?;
    super::report_unfinished_summary(data, drafts);
    let ids: Vec<IndicatorId> = answer.dataset.indicator_ids().collect();
    let printed = print(&answer.dataset, &ids, answer.total, args);
    // The process ends next: the tables and stamps are not handed back to the allocator one by one.
    std::mem::forget(answer);
    Some(printed)
}

/// Prints the indicators `ids` of `ds` in `format`; `total` is the number of indicators in the whole dataset.
fn print(ds: &Dataset, ids: &[IndicatorId], total: usize, args: &Args) -> io::Result<ExitCode> {
    let mut out = super::output::stdout();
    match args.format {
        Format::Json => record::write_json(&mut out, ds, ids)?,
        Format::Csv => {
            args.sheet.bom(&mut out)?;
            record::write_csv(&mut out, ds, ids)?
        }
        Format::Xlsx => args.sheet.xlsx(&record::KEYS, records(ds, ids))?,
        Format::Table => {
            let header = ["id", "city", "name", "value", "year", "kind", "theme"];
            let cells: Vec<Vec<String>> = ids
                .iter()
                .map(|&i| {
                    let ind = &ds.indicators()[i];
                    vec![
                        ind.id.to_string(),
                        ds.cities()[ind.city].name.clone(),
                        ind.name.to_string(),
                        ind.display_value(),
                        ind.year.to_string(),
                        ind.kind.as_str().to_string(),
                        ds.themes()[ind.theme].id.clone(),
                    ]
                })
                .collect();
            write!(out, "{}", table::render(&header, &cells, 40))?;
            writeln!(out, "{} of {}", ids.len(), zhibiao_core::plural::count(total, "indicator"))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
