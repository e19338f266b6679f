//! `zhibiao show ID`: one indicator, its document, and its paragraph with the quote highlighted.

use std::io::{self, Write};
use std::process::ExitCode;

use zhibiao_core::dataset::Dataset;
use zhibiao_core::diagnostic::did_you_mean;

use super::output;

/// Arguments of `zhibiao show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Indicator id (see `zhibiao list`).
    pub id: String,
}

/// Runs `zhibiao show`. An id that does not exist is a usage error (exit 2).
pub fn run(ds: &Dataset, args: &Args) -> io::Result<ExitCode> {
    let Some(ind) = ds.indicator(&args.id) else {
        let mut msg = format!("no indicator `{}`", args.id);
        if let Some(best) = did_you_mean(&args.id, ds.indicators().iter().map(|i| i.id.as_str())) {
            msg.push_str(&format!("; did you mean `{best}`?"));
        }
        eprintln!("zhibiao: {}", output::for_stderr(&msg));
        return Ok(ExitCode::from(2));
    };
    let (doc, city) = (ds.document(ind.doc), ds.city(ind.city));
    let (theme, metric) = (ds.theme(ind.theme), ds.metric(ind.metric));
    let mut out = output::stdout();
    let color = out.style().color;
    let fields: Vec<(&str, String)> = vec![
        ("id", ind.id.to_string()),
        ("name", format!("{} · {}", ind.name, ind.name_en)),
        (
            "metric",
            format!(
                "{} · {} · {} ({}, {} is better)",
                metric.id,
                metric.name,
                metric.name_en,
                metric.measure.as_str(),
                metric.better.as_str()
            ),
        ),
        ("kind", ind.kind.as_str().to_string()),
        ("status", ind.status.as_str().to_string()),
        ("value", ind.display_value()),
        ("normalised", ind.display_base_value()),
        ("comparator", ind.comparator.as_str().to_string()),
        ("year", ind.year.to_string()),
        ("period", ind.period().unwrap_or("—").to_string()),
        ("as of", ind.as_of().unwrap_or("—").to_string()),
        ("scope", ind.scope().unwrap_or("whole city").to_string()),
        ("reference", ind.reference().unwrap_or("—").to_string()),
        (
            "baseline",
            match (ind.baseline_year, ind.baseline_value) {
                (Some(y), Some(v)) => format!("{v} in {y}"),
                (Some(y), None) => y.to_string(),
                (None, Some(v)) => v.to_string(),
                (None, None) => "—".to_string(),
            },
        ),
        ("links", links(ind)),
        ("city", format!("{} · {} ({} · {})", city.name, city.name_en, city.province, city.province_en)),
        ("theme", format!("{} · {}", theme.name, theme.name_en)),
        ("document", format!("{} ({})", doc.title, doc.id)),
        ("issuer", format!("{} · {}", doc.issuer, doc.issuer_en)),
        ("date", doc.date.clone()),
        ("source", format!("{} ¶{}", doc.source, ind.paragraph)),
        ("note", ind.note.as_deref().unwrap_or("—").to_string()),
    ];
    for (k, v) in fields {
        writeln!(out, "{k:>10}: {v}")?;
    }
    writeln!(out)?;
    let para = &doc.text.paragraphs[ind.paragraph - 1];
    let text = &doc.text.text;
    let (before, quote, after) =
        (&text[para.start..ind.span.start], &text[ind.span.clone()], &text[ind.span.end..para.end]);
    if color {
        write!(out, "¶{} {before}", ind.paragraph)?;
        out.paint("\x1b[1;7m")?;
        write!(out, "{quote}")?;
        out.paint("\x1b[0m")?;
        writeln!(out, "{after}")?;
    } else {
        writeln!(out, "¶{} {before}{quote}{after}", ind.paragraph)?;
        writeln!(out, "{:>10}: {quote}", "quote")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The record's links, `stretch_of sy2022-… · supersedes …`, or a dash.
fn links(ind: &zhibiao_core::dataset::Indicator) -> String {
    let parts: Vec<String> =
        [("stretch of", ind.stretch_of()), ("supersedes", ind.supersedes()), ("restates", ind.restates())]
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
            .collect();
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(" · ")
    }
}
