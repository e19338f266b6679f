//! The verified record as the outside world reads it: one type, [`Record`], that `list --format json` and
//! `--format csv` (and any other consumer) serialise, written record by record through one buffered writer.
//!
//! The keys, in order, are a published contract ([`KEYS`]); a key whose value is absent is `null` in JSON and
//! an empty field in CSV.

use std::io::{self, Write};

use serde::Serialize;

use crate::dataset::{Dataset, Indicator};
use crate::decimal::Decimal;

/// Every key of a record, in the order JSON and CSV write them.
pub const KEYS: [&str; 35] = [
    "id",
    "doc",
    "source",
    "city",
    "city_en",
    "theme",
    "theme_en",
    "metric",
    "measure",
    "better",
    "name",
    "name_en",
    "kind",
    "status",
    "comparator",
    "value",
    "value_max",
    "unit",
    "base_value",
    "base_value_max",
    "base_unit",
    "year",
    "period",
    "as_of",
    "baseline_year",
    "baseline_value",
    "scope",
    "reference",
    "stretch_of",
    "supersedes",
    "restates",
    "paragraph",
    "quote",
    "note",
    "city_id",
];

/// One verified indicator with what it refers to resolved (document, city, theme, metric), borrowed from the
/// dataset. Its fields serialise in the order of [`KEYS`].
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub doc: &'a str,
    pub source: &'a str,
    pub city: &'a str,
    pub city_en: &'a str,
    pub theme: &'a str,
    pub theme_en: &'a str,
    pub metric: &'a str,
    pub measure: &'static str,
    pub better: &'static str,
    pub name: &'a str,
    pub name_en: &'a str,
    pub kind: &'static str,
    pub status: &'static str,
    pub comparator: &'static str,
    pub value: Decimal,
    pub value_max: Option<Decimal>,
    pub unit: &'a str,
    pub base_value: Decimal,
    pub base_value_max: Option<Decimal>,
    pub base_unit: &'a str,
    pub year: i32,
    pub period: Option<&'a str>,
    pub as_of: Option<&'a str>,
    pub baseline_year: Option<i32>,
    pub baseline_value: Option<Decimal>,
    pub scope: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub stretch_of: Option<&'a str>,
    pub supersedes: Option<&'a str>,
    pub restates: Option<&'a str>,
    pub paragraph: usize,
    pub quote: &'a str,
    pub note: Option<&'a str>,
    /// The city's id (`city` is its Chinese name, as every command shows it), for a script to join on.
    pub city_id: &'a str,
}

impl<'a> Record<'a> {
    /// The record of indicator `ind` of `ds`.
    pub fn new(ds: &'a Dataset, ind: &'a Indicator) -> Record<'a> {
        let doc = &ds.documents()[ind.doc];
        let city = &ds.cities()[ind.city];
        let theme = &ds.themes()[ind.theme];
        let metric = &ds.metrics()[ind.metric_index];
        Record {
            id: &ind.id,
            doc: &doc.id,
            source: doc.file_name(),
            city: &city.name,
            city_en: &city.name_en,
            theme: &theme.id,
            theme_en: &theme.name_en,
            metric: &ind.metric,
            measure: metric.measure.as_str(),
            better: metric.better.as_str(),
            name: &ind.name,
            name_en: &ind.name_en,
            kind: ind.kind.as_str(),
            status: ind.status.as_str(),
            comparator: ind.comparator.as_str(),
            value: ind.value,
            value_max: ind.value_max,
            unit: &ind.unit,
            base_value: ind.base_value,
            base_value_max: ind.base_value_max,
            base_unit: &ind.base_unit,
            year: ind.year,
            period: ind.period(),
            as_of: ind.as_of(),
            baseline_year: ind.baseline_year,
            baseline_value: ind.baseline_value,
            scope: ind.scope(),
            reference: ind.reference(),
            stretch_of: ind.stretch_of(),
            supersedes: ind.supersedes(),
            restates: ind.restates(),
            paragraph: ind.paragraph,
            quote: &ind.quote,
            note: ind.note.as_deref(),
            city_id: &city.id,
        }
    }
}

/// Writes the indicators `ids` of `ds` as a pretty-printed JSON array, one record at a time.
pub fn write_json(out: impl Write, ds: &Dataset, ids: &[usize]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut ser = serde_json::Serializer::pretty(&mut out);
    serde::Serializer::collect_seq(&mut ser, ids.iter().map(|&i| Record::new(ds, &ds.indicators()[i])))
        .map_err(io::Error::other)?;
    writeln!(out)?;
    out.flush()
}

/// Writes the indicators `ids` of `ds` as CSV with a header row of [`KEYS`], one record at a time.
pub fn write_csv(out: impl Write, ds: &Dataset, ids: &[usize]) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(io::BufWriter::new(out));
    w.write_record(KEYS)?;
    for &i in ids {
        w.serialize(Record::new(ds, &ds.indicators()[i]))?;
    }
    w.flush()
}
