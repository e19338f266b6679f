//! The verified record as the outside world reads it: one type, [`Record`], that `list --format json` and
//! `--format csv` (and any other consumer) serialise, written record by record through one buffered writer.
//!
//! The keys, in order, are a published contract ([`KEYS`]); a key whose value is absent is `null` in JSON and
//! an empty field in CSV.

use std::io::{self, Write};

use serde::Serialize;

use crate::dataset::{Dataset, Indicator};
use crate::decimal::Decimal;
use crate::ids::IndicatorId;

/// Declares [`Record`] and [`KEYS`] from one list of fields, so that the header CSV writes and the keys JSON
/// writes cannot drift apart (serde names each key after its field, in declaration order).
macro_rules! record {
    ($($field:ident: $ty:ty,)*) => {
        /// One verified indicator with what it refers to resolved (document, city, theme, metric), borrowed from
        /// the dataset. Its fields serialise in the order of [`KEYS`].
        #[derive(Debug, Serialize)]
        pub struct Record<'a> {
            $(pub $field: $ty,)*
        }

        /// Every key of a record, in the order JSON and CSV write them.
        pub const KEYS: [&str; [$(stringify!($field)),*].len()] = [$(stringify!($field)),*];
    };
}

record! {
    id: &'a str,
    doc: &'a str,
    source: &'a str,
    city: &'a str,
    city_en: &'a str,
    theme: &'a str,
    theme_en: &'a str,
    metric: &'a str,
    measure: &'static str,
    better: &'static str,
    name: &'a str,
    name_en: &'a str,
    kind: &'static str,
    status: &'static str,
    comparator: &'static str,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: &'a str,
    base_value: Decimal,
    base_value_max: Option<Decimal>,
    base_unit: &'a str,
    year: i32,
    period: Option<&'a str>,
    as_of: Option<&'a str>,
    baseline_year: Option<i32>,
    baseline_value: Option<Decimal>,
    scope: Option<&'a str>,
    reference: Option<&'a str>,
    stretch_of: Option<&'a str>,
    supersedes: Option<&'a str>,
    restates: Option<&'a str>,
    paragraph: usize,
    quote: &'a str,
    note: Option<&'a str>,
    // The city's id (`city` is its Chinese name, as every command shows it), for a script to join on.
    city_id: &'a str,
}

impl<'a> Record<'a> {
    /// The record of indicator `ind` of `ds`.
    pub fn new(ds: &'a Dataset, ind: &'a Indicator) -> Record<'a> {
        let (doc, city) = (ds.document(ind.doc), ds.city(ind.city));
        let (theme, metric) = (ds.theme(ind.theme), ds.metric(ind.metric));
        Record {
            id: &ind.id,
            doc: &doc.id,
            source: doc.file_name(),
            city: &city.name,
            city_en: &city.name_en,
            theme: &theme.id,
            theme_en: &theme.name_en,
            metric: &metric.id,
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
pub fn write_json(out: impl Write, ds: &Dataset, ids: &[IndicatorId]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut ser = serde_json::Serializer::pretty(&mut out);
    serde::Serializer::collect_seq(&mut ser, ids.iter().map(|&i| Record::new(ds, ds.indicator_at(i))))
        .map_err(io::Error::other)?;
    writeln!(out)?;
    out.flush()
}

/// Writes the indicators `ids` of `ds` as CSV with a header row of [`KEYS`], one record at a time.
pub fn write_csv(out: impl Write, ds: &Dataset, ids: &[IndicatorId]) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(io::BufWriter::new(out));
    w.write_record(KEYS)?;
    for &i in ids {
        w.serialize(Record::new(ds, ds.indicator_at(i)))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSV writer names its header after what serde reports for each field: it must be [`KEYS`], which
    /// `write_csv` writes by hand so that an empty selection still has a header.
    #[test]
    fn keys_are_the_names_serde_gives_the_record_s_fields() {
        let ds = crate::load_embedded().unwrap_or_else(|e| panic!("the bundled dataset verifies:\n{e}"));
        let mut w = csv::WriterBuilder::new().has_headers(true).from_writer(Vec::new());
        w.serialize(Record::new(&ds, &ds.indicators()[0])).expect("a record serialises");
        let bytes = w.into_inner().expect("flushed");
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(text.lines().next(), Some(KEYS.join(",").as_str()));
        // And JSON: the keys of the object, in order.
        let json = serde_json::to_string(&Record::new(&ds, &ds.indicators()[0])).expect("JSON");
        let at: Vec<usize> = KEYS.iter().map(|k| json.find(&format!("\"{k}\":")).expect("every key")).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "JSON writes the keys in the order of KEYS");
    }
}
