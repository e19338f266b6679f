//! `zhibiao summary` (and bare `zhibiao` when not on a terminal): indicators per city, theme and year.

use std::io::{self, Write};
use std::process::ExitCode;

use zhibiao::dataset::Dataset;
use zhibiao::query::summarize;

use super::table;

/// Prints the counts.
pub fn run(ds: &Dataset) -> io::Result<ExitCode> {
    let all: Vec<usize> = (0..ds.indicators().len()).collect();
    let s = summarize(ds, &all);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} indicators ({} targets, {} actuals) from {} documents\n",
        ds.indicators().len(),
        s.targets,
        s.actuals,
        ds.documents().len()
    )?;
    let rows: Vec<Vec<String>> = s
        .by_city
        .iter()
        .map(|&(c, n)| vec![ds.cities()[c].name.clone(), ds.cities()[c].name_en.clone(), n.to_string()])
        .collect();
    writeln!(out, "{}", table::render(&["city", "", "indicators"], &rows, 40))?;
    let rows: Vec<Vec<String>> = s
        .by_theme
        .iter()
        .map(|&(t, n)| vec![ds.themes()[t].name.clone(), ds.themes()[t].name_en.clone(), n.to_string()])
        .collect();
    writeln!(out, "{}", table::render(&["theme", "", "indicators"], &rows, 40))?;
    let rows: Vec<Vec<String>> = s.by_year.iter().map(|&(y, n)| vec![y.to_string(), n.to_string()]).collect();
    writeln!(out, "{}", table::render(&["year", "indicators"], &rows, 40))?;
    let rows: Vec<Vec<String>> = ds
        .documents()
        .iter()
        .enumerate()
        .map(|(d, doc)| vec![doc.id.clone(), doc.date.clone(), ds.indicators_of_document(d).count().to_string()])
        .collect();
    write!(out, "{}", table::render(&["document", "date", "indicators"], &rows, 60))?;
    Ok(ExitCode::SUCCESS)
}
