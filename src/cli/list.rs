//! `zhibiao list`: filtered indicators as a table, CSV or JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use zhibiao::dataset::{Dataset, Indicator};
use zhibiao::decimal::Decimal;
use zhibiao::model::Kind;
use zhibiao::query::{Filter, TextFilter};

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
}

/// `--kind` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    /// Goals for a future year.
    Target,
    /// Reported achieved figures.
    Actual,
}

/// One indicator as `list --format json` and `csv` write it. The keys are a published contract.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    pub doc: &'a str,
    pub source: &'a str,
    pub city: &'a str,
    pub city_en: &'a str,
    pub theme: &'a str,
    pub theme_en: &'a str,
    pub metric: &'a str,
    pub name: &'a str,
    pub name_en: &'a str,
    pub kind: &'static str,
    pub comparator: &'static str,
    pub value: Decimal,
    pub value_max: Option<Decimal>,
    pub unit: &'a str,
    pub base_value: Decimal,
    pub base_value_max: Option<Decimal>,
    pub base_unit: &'a str,
    pub year: i32,
    pub baseline_year: Option<i32>,
    pub baseline_value: Option<Decimal>,
    pub paragraph: usize,
    pub quote: &'a str,
    pub note: Option<&'a str>,
}

impl<'a> Row<'a> {
    /// The row for indicator `ind`.
    pub fn new(ds: &'a Dataset, ind: &'a Indicator) -> Row<'a> {
        let doc = &ds.documents[ind.doc];
        let city = &ds.cities[ind.city];
        let theme = &ds.themes[ind.theme];
        Row {
            id: &ind.id,
            doc: &doc.id,
            source: doc.file_name(),
            city: &city.name,
            city_en: &city.name_en,
            theme: &theme.id,
            theme_en: &theme.name_en,
            metric: &ind.metric,
            name: &ind.name,
            name_en: &ind.name_en,
            kind: ind.kind.as_str(),
            comparator: ind.comparator.as_str(),
            value: ind.value,
            value_max: ind.value_max,
            unit: &ind.unit,
            base_value: ind.base_value,
            base_value_max: ind.base_value_max,
            base_unit: &ind.base_unit,
            year: ind.year,
            baseline_year: ind.baseline_year,
            baseline_value: ind.baseline_value,
            paragraph: ind.paragraph,
            quote: &ind.quote,
            note: ind.note.as_deref(),
        }
    }
}

/// Builds the filter from the arguments; an unknown city or theme is a usage error naming the choices.
pub fn filter(ds: &Dataset, args: &Args) -> io::Result<Filter> {
    let usage = |msg: String| io::Error::new(io::ErrorKind::InvalidInput, msg);
    let mut f = Filter::default();
    for c in &args.city {
        let names: Vec<String> = ds.cities.iter().map(|c| format!("{} ({}, {})", c.id, c.name, c.name_en)).collect();
        f.city.push(ds.city(c).ok_or_else(|| usage(format!("unknown city `{c}`; known: {}", names.join(", "))))?);
    }
    for t in &args.theme {
        let names: Vec<&str> = ds.themes.iter().map(|t| t.id.as_str()).collect();
        f.theme.push(ds.theme(t).ok_or_else(|| usage(format!("unknown theme `{t}`; known: {}", names.join(", "))))?);
    }
    if let Some(d) = &args.doc {
        f.document = Some(ds.document(d).ok_or_else(|| usage(format!("unknown document `{d}`")))?);
    }
    f.year = args.year.clone();
    f.kind = args.kind.map(|k| match k {
        KindArg::Target => Kind::Target,
        KindArg::Actual => Kind::Actual,
    });
    f.metric = args.metric.clone();
    if let Some(g) = &args.grep {
        f.text = Some(TextFilter::regex(g).map_err(|e| usage(format!("invalid --grep pattern: {e}")))?);
    }
    Ok(f)
}

/// Runs `zhibiao list`.
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let f = filter(ds, args)?;
    let ids = f.apply(ds);
    let rows: Vec<Row<'_>> = ids.iter().map(|&i| Row::new(ds, &ds.indicators[i])).collect();
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&mut out, &rows)?,
        Format::Table => {
            let header = ["id", "city", "name", "value", "year", "kind", "theme"];
            let cells: Vec<Vec<String>> = ids
                .iter()
                .map(|&i| {
                    let ind = &ds.indicators[i];
                    vec![
                        ind.id.clone(),
                        ds.cities[ind.city].name.clone(),
                        ind.name.clone(),
                        ind.display_value(),
                        ind.year.to_string(),
                        ind.kind.as_str().to_string(),
                        ds.themes[ind.theme].id.clone(),
                    ]
                })
                .collect();
            write!(out, "{}", table::render(&header, &cells, 40))?;
            writeln!(out, "{} of {} indicators", ids.len(), ds.indicators.len())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The columns of the CSV output, in the order of [`Row`].
const CSV_KEYS: [&str; 24] = [
    "id",
    "doc",
    "source",
    "city",
    "city_en",
    "theme",
    "theme_en",
    "metric",
    "name",
    "name_en",
    "kind",
    "comparator",
    "value",
    "value_max",
    "unit",
    "base_value",
    "base_value_max",
    "base_unit",
    "year",
    "baseline_year",
    "baseline_value",
    "paragraph",
    "quote",
    "note",
];

/// CSV with a header row; fields quoted when they contain a comma, quote or line break.
fn write_csv(out: &mut impl Write, rows: &[Row<'_>]) -> io::Result<()> {
    let value = serde_json::to_value(rows).map_err(io::Error::other)?;
    let keys = CSV_KEYS;
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    writeln!(out, "{}", keys.join(","))?;
    for row in value.as_array().into_iter().flatten() {
        let cells: Vec<String> = keys
            .iter()
            .map(|k| match &row[*k] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => quote(s),
                other => quote(&other.to_string()),
            })
            .collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}
