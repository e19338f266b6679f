//! Problems found in a dataset, reported compiler-style.
//!
//! A [`Diagnostic`] renders as `path:line:col: error: message`, followed by labelled detail lines (the quote,
//! the closest paragraph, …) and an optional hint, so a curator can act on it without opening the code.

use std::fmt;

use crate::plural::count;

/// How serious a problem is. Only errors make `check` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The dataset is wrong; it will not load.
    Error,
    /// Worth a look, but the dataset loads.
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user would open it (relative to the current directory or the dataset root).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// Labelled detail lines shown under the message: `("quote", "…")`, `("closest", "…")`.
    pub details: Vec<(String, String)>,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(path: impl Into<String>, (line, col): (usize, usize), message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
            details: Vec::new(),
            hint: None,
        }
    }

    /// Adds a labelled detail line.
    pub fn detail(mut self, label: &str, text: impl Into<String>) -> Diagnostic {
        self.details.push((label.to_string(), text.into()));
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// True for an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {}: {}", self.path, self.line, self.col, severity, self.message)?;
        let mut labels: Vec<&str> = self.details.iter().map(|(l, _)| l.as_str()).collect();
        if self.hint.is_some() {
            labels.push("hint");
        }
        let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(5);
        for (label, text) in &self.details {
            write!(f, "\n  {label:>width$}: {text}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  {:>width$}: {hint}", "hint")?;
        }
        Ok(())
    }
}

/// Renders diagnostics one per block, sorted by file and position, followed by a one-line summary.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    let mut out = String::new();
    for d in sorted {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    out.push_str(&format!("{}, {}\n", count(errors, "error"), count(warnings, "warning")));
    out
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = if len <= 3 { 1 } else { (len / 3).max(2) };
    let letters = Letters::of(word);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        // A near miss: a few edits away, or one word a prefix of the other (`transportation` → `transport`).
        let related = !c.is_empty() && (word.starts_with(c) || c.starts_with(word));
        // The edit distance costs a table of both lengths; among a million ids (an unknown id to `show`, a
        // broken link) most are ruled out by a floor under it that costs one pass over their letters.
        let floor = letters.floor(c);
        if (!related && floor > limit) || best.is_some_and(|(d, _)| floor > d) {
            continue;
        }
        let d = strsim::levenshtein(word, c);
        if (d <= limit || related) && best.is_none_or(|b| (d, c) < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// A word's letters counted in 64 buckets: the floor under its edit distance to another word.
struct Letters([i32; 64]);

impl Letters {
    fn of(word: &str) -> Letters {
        let mut counts = [0; 64];
        for ch in word.chars() {
            counts[ch as usize % 64] += 1;
        }
        Letters(counts)
    }

    /// At most the edit distance from this word to `other`: one edit adds at most one letter the other word
    /// lacks and takes away at most one it has, and counting letters in shared buckets only lowers both sums.
    fn floor(&self, other: &str) -> usize {
        let mut counts = self.0;
        for ch in other.chars() {
            counts[ch as usize % 64] -= 1;
        }
        let (more, fewer) = counts.iter().fold((0, 0), |(m, f), &k| if k > 0 { (m + k, f) } else { (m, f - k) });
        more.max(fewer) as usize
    }
}

/// The `n` of `candidates` nearest to `word`, nearest first (for a usage error that lists what was meant even
/// when nothing is a near miss). What a person typing a prefix or a part of an id means comes first: ids that
/// start with the word (or that it starts with), then ids that contain it, then ids sharing one of its words
/// (split at `_` and `-`), then near misses by edit distance; each group by edit distance. Only when none of
/// these exist are the nearest by edit distance alone named.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let lower = word.to_lowercase();
    let words: Vec<&str> = lower.split(['_', '-', ' ']).filter(|w| w.chars().count() >= 2).collect();
    let len = word.chars().count();
    let limit = if len <= 3 { 1 } else { (len / 3).max(2) };
    let tier = |c: &str| {
        let c = c.to_lowercase();
        if c.starts_with(&lower) || lower.starts_with(&c) {
            Some(0)
        } else if c.contains(&lower) || lower.contains(&c) {
            Some(1)
        } else if c.split(['_', '-', ' ']).any(|part| words.contains(&part)) {
            Some(2)
        } else if strsim::levenshtein(&lower, &c) <= limit {
            Some(3)
        } else {
            None
        }
    };
    let mut scored: Vec<(usize, usize, &str)> =
        candidates.iter().filter_map(|&c| tier(c).map(|t| (t, strsim::levenshtein(word, c), c))).collect();
    if scored.is_empty() {
        scored = candidates.iter().map(|&c| (0, strsim::levenshtein(word, c), c)).collect();
    }
    scored.sort_unstable();
    scored.into_iter().take(n).map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let d = Diagnostic::error("data/indicators/x.yaml", (118, 5), "quote not found in document d")
            .detail("quote", "绿色出行比例提高到75%,城市公交")
            .detail("closest", "paragraph 61: …")
            .hint("the source has \"75%以上\" where the quote has \"75%\"");
        let text = d.to_string();
        assert!(text.starts_with("data/indicators/x.yaml:118:5: error: quote not found in document d\n"));
        assert!(text.contains("\n    quote: 绿色出行比例提高到75%,城市公交"));
        assert!(text.contains("\n  closest: paragraph 61"));
        assert!(text.contains("\n     hint: the source has"));
    }

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(did_you_mean("quot", ["quote", "unit", "metric"]), Some("quote"));
        assert_eq!(did_you_mean("name_zh", ["name", "name_en", "note"]), Some("name_en"));
        assert_eq!(did_you_mean("colour", ["quote", "unit"]), None);
        assert_eq!(did_you_mean("transportation", ["transport", "talent"]), Some("transport"));
    }

    #[test]
    fn did_you_mean_names_what_measuring_every_candidate_names() {
        // The definition, every candidate's distance measured: the floor that skips most of them must not
        // change the answer.
        fn measured<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
            let len = word.chars().count();
            let limit = if len <= 3 { 1 } else { (len / 3).max(2) };
            candidates
                .iter()
                .map(|&c| (strsim::levenshtein(word, c), c))
                .filter(|(d, c)| *d <= limit || (!c.is_empty() && (word.starts_with(c) || c.starts_with(word))))
                .min_by_key(|(d, c)| (*d, *c))
                .map(|(_, c)| c)
        }
        let owned: Vec<String> = (0..60)
            .flat_map(|k| [format!("c{k:04}-sy2022-5g-base-stations"), format!("c{k:04}-徐州-充电桩"), format!("p{k}")])
            .chain(["", "c0007-sy2022-5g-base-station", "5g"].map(String::from))
            .collect();
        let ids: Vec<&str> = owned.iter().map(String::as_str).collect();
        for word in [
            "c0007-sy2022-5g-base-stationz",
            "c0007-sy2022-5g-base-stations-x",
            "c0031-徐州-充电装",
            "c0031",
            "p3",
            "p",
            "zzzz",
            "",
            "5G",
            "sy2022-5g-base-stations-c0007",
        ] {
            assert_eq!(did_you_mean(word, ids.iter().copied()), measured(word, &ids), "{word}");
        }
        assert_eq!(
            nearest("5g_stations", ["green_travel_share", "5g_base_stations", "5g_base_stations_new"], 2),
            ["5g_base_stations", "5g_base_stations_new"]
        );
    }

    #[test]
    fn nearest_ranks_prefixes_and_parts_before_edit_distance() {
        let ids = ["green_travel_share", "5g_base_stations_new", "5g_base_stations", "rail_transit_km", "5g_users"];
        // A prefix of two ids: those two, the shorter first, then an id sharing the word `5g`; never an id that
        // is only a few edits away by chance.
        assert_eq!(nearest("5g_base_station", ids, 3), ["5g_base_stations", "5g_base_stations_new", "5g_users"]);
        assert_eq!(nearest("stations", ids, 2), ["5g_base_stations", "5g_base_stations_new"]);
        // Nothing related at all: still the nearest by edit distance, so the message names something.
        assert_eq!(nearest("zzzz", ["abcd", "zzzy_long_name"], 1), ["abcd"]);
    }
}
