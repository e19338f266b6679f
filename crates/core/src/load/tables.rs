//! The four tables of `data/` while loading: read and parsed, or taken from the load cache; their ids and the
//! metrics' themes checked; the stamps every record depends on; and their rows as the dataset holds them.

use std::collections::HashMap;

use super::{Checker, Source};
use crate::corpus::Text;
use crate::dataset::{City, Document, Metric, Theme};
use crate::diagnostic::Diagnostic;
use crate::ids::CityId;
use crate::ids::ThemeId;
use crate::root::Root;
use crate::root::Stamp;
use crate::schema::{CityEntry, DocumentEntry, MetricEntry, ThemeEntry};
use crate::verify;
use crate::yamlpos::Step;

/// The four tables of `data/`, in the order the load reads them.
pub const TABLES: [&str; 4] = ["data/cities.yaml", "data/themes.yaml", "data/metrics.yaml", "data/documents.yaml"];

/// The stamps of the files every record depends on: the tables, then each document's source.
pub(crate) fn shared_stamps(
    root: &Root,
    tables: Vec<(String, Option<Stamp>)>,
    documents: &[DocumentEntry],
) -> Vec<(String, Option<Stamp>)> {
    let mut out = tables;
    let stamps = root.stamps(&documents.iter().map(|d| d.source.as_str()).collect::<Vec<_>>());
    out.extend(documents.iter().map(|d| d.source.clone()).zip(stamps));
    out
}

/// The registry's metrics as the dataset holds them, each with its theme (a metric of an unknown theme was
/// reported and is left out).
pub(crate) fn metrics_of(rows: Vec<MetricEntry>, themes: Vec<Option<ThemeId>>) -> Vec<Metric> {
    rows.into_iter()
        .zip(themes)
        .filter_map(|(m, theme)| {
            Some(Metric {
                theme: theme?,
                id: m.id,
                name: m.name,
                name_en: m.name_en,
                measure: m.measure,
                unit: m.unit,
                aliases: m.aliases,
                names: m.names,
                better: m.better,
                description: m.description,
            })
        })
        .collect()
}

/// The documents as the dataset holds them, each with its text and city (one whose text or city failed was
/// reported and is left out).
pub(crate) fn documents_of(rows: Vec<DocumentEntry>, docs: Vec<(Option<Text>, Option<CityId>)>) -> Vec<Document> {
    rows.into_iter()
        .zip(docs)
        .filter_map(|(d, (text, city))| {
            Some(Document {
                city: city?,
                text: text?,
                id: d.id,
                source: d.source,
                title: d.title,
                title_en: d.title_en,
                issuer: d.issuer,
                issuer_en: d.issuer_en,
                date: d.date,
                kind: d.kind,
                note: d.note,
                sha256: d.sha256,
            })
        })
        .collect()
}

/// The cities as the dataset holds them.
pub(crate) fn cities_of(rows: Vec<CityEntry>) -> Vec<City> {
    rows.into_iter()
        .map(|c| City { id: c.id, name: c.name, name_en: c.name_en, province: c.province, province_en: c.province_en })
        .collect()
}

/// The themes as the dataset holds them.
pub(crate) fn themes_of(rows: Vec<ThemeEntry>) -> Vec<Theme> {
    rows.into_iter().map(|t| Theme { id: t.id, name: t.name, name_en: t.name_en, description: t.description }).collect()
}

impl Checker<'_> {
    /// A top-level list taken from the load cache: its rows, its text read only to locate a problem.
    pub(super) fn cached<T>(&self, rel: &str, rows: Vec<T>) -> (Option<Source>, Vec<T>) {
        let unread = Some((self.root.clone(), rel.to_string()));
        (Some(Source { shown: self.root.display(rel), text: std::sync::OnceLock::new(), unread }), rows)
    }

    /// Reads one of the top-level lists (`cities.yaml`, `themes.yaml`, `documents.yaml`).
    pub(super) fn table<T: serde::de::DeserializeOwned>(&mut self, rel: &str) -> (Option<Source>, Vec<T>) {
        match self.yaml::<Vec<T>>(rel, &[""]) {
            Some((src, rows)) => (Some(src), rows),
            None => (None, Vec::new()),
        }
    }

    /// Reports duplicate ids in a table and returns id → index.
    pub(super) fn unique_ids<'t, T>(
        &mut self,
        (src, rows): &'t (Option<Source>, Vec<T>),
        what: &str,
        id: impl Fn(&T) -> &String,
    ) -> HashMap<&'t str, usize> {
        let mut ids = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            let key = id(row).as_str();
            if let Some(first) = ids.insert(key, i) {
                ids.insert(key, first);
                if let Some(src) = src {
                    let first_line = src.at(&[Step::Index(first), Step::Key("id")]).0;
                    self.diags.push(
                        Diagnostic::error(
                            &src.shown,
                            src.at(&[Step::Index(i), Step::Key("id")]),
                            format!("duplicate {what} id `{key}`"),
                        )
                        .detail("first", format!("{}:{first_line}", src.shown)),
                    );
                }
            }
        }
        ids
    }

    /// Checks each metric of the registry (snake_case id, known theme); returns each metric's theme.
    pub(super) fn metrics(
        &mut self,
        (src, rows): &(Option<Source>, Vec<MetricEntry>),
        theme_ids: &HashMap<&str, usize>,
    ) -> Vec<Option<ThemeId>> {
        let Some(src) = src else { return Vec::new() };
        let mut themes = Vec::with_capacity(rows.len());
        for (i, m) in rows.iter().enumerate() {
            let at = |key: &str| src.at(&[Step::Index(i), Step::Key(key)]);
            if !verify::entry::is_snake_case(&m.id) {
                self.diags.push(
                    Diagnostic::error(&src.shown, at("id"), format!("metric `{}` is not a snake_case key", m.id))
                        .hint("use lowercase ASCII letters, digits and underscores, e.g. 5g_base_stations"),
                );
            }
            let theme = theme_ids.get(m.theme.as_str()).copied().map(ThemeId::new);
            if theme.is_none() {
                self.unknown_ref(&src.shown, at("theme"), "theme", &m.theme, theme_ids.keys().copied());
            }
            themes.push(theme);
        }
        themes
    }
}
