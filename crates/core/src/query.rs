//! Selecting and grouping indicators: the one query API the command line and the explorer share.

use std::collections::BTreeMap;

use regex::{Regex, RegexBuilder};

use crate::dataset::{Dataset, Keys, SearchRecord, FIELD_SEPARATOR};
use crate::ids::{CityId, DocId, IndicatorId, MetricId, ThemeId};
use crate::schema::Kind;

/// A search buffer this long or longer is scanned on every core (below it, starting the threads would cost more
/// than they save: at 1,000 cities the buffer is about 12 MB and one core scans it in about 5 ms).
const SCAN_ALONE_BELOW: usize = 1 << 20;
/// Runs a large buffer is cut into: more than the cores, so that a run with many matches does not hold the rest.
const SCAN_PIECES: usize = 8;

/// A text filter typed by a user: a case-insensitive regular expression when the text is a valid one,
/// otherwise the literal text.
#[derive(Debug, Clone)]
pub struct TextFilter {
    /// The text as typed.
    pub pattern: String,
    /// A prebuilt searcher for the lower-cased literal, used when the pattern has no regex syntax (the fast
    /// path: one SIMD substring search, with no per-call set-up).
    literal: Option<memchr::memmem::Finder<'static>>,
    /// The compiled pattern (case-insensitive), used for matching when not literal, and for highlighting.
    regex: Regex,
    /// The pattern uses `^`, `$` or `\b`-like assertions, whose meaning depends on where a record starts and
    /// ends: a match found in the search buffer is confirmed on the record alone.
    anchored: bool,
}

impl TextFilter {
    /// Builds a filter from user input. Never fails: invalid regex syntax is matched literally.
    pub fn new(pattern: &str) -> TextFilter {
        let has_meta = pattern.chars().any(regex_syntax_char);
        let compiled = if has_meta {
            RegexBuilder::new(pattern).case_insensitive(true).size_limit(1 << 20).build().ok()
        } else {
            None
        };
        match compiled {
            Some(regex) => {
                TextFilter { pattern: pattern.to_string(), literal: None, anchored: is_anchored(pattern), regex }
            }
            None => {
                let lower = pattern.to_lowercase();
                let finder = memchr::memmem::Finder::new(lower.as_bytes()).into_owned();
                let escaped = regex::escape(pattern);
                let regex = RegexBuilder::new(&escaped)
                    .case_insensitive(true)
                    .build()
                    .unwrap_or_else(|_| Regex::new("$^").expect("a constant regex compiles"));
                TextFilter { pattern: pattern.to_string(), literal: Some(finder), anchored: false, regex }
            }
        }
    }

    /// Builds a filter that is always a regular expression (`--grep`), or says why the pattern is invalid.
    pub fn regex(pattern: &str) -> Result<TextFilter, regex::Error> {
        let regex = RegexBuilder::new(pattern).case_insensitive(true).size_limit(1 << 20).build()?;
        Ok(TextFilter { pattern: pattern.to_string(), literal: None, anchored: is_anchored(pattern), regex })
    }

    /// True when the pattern is matched as plain text rather than as a regular expression.
    pub fn is_literal(&self) -> bool {
        self.literal.is_some()
    }

    /// Does this lower-cased search text (see [`Dataset::search_record`]) match? A pattern with `^`, `$` or a word
    /// boundary is tested on each field alone, so `^徐州` finds the city's name wherever it sits in the record.
    pub fn matches(&self, haystack: &str) -> bool {
        match &self.literal {
            Some(finder) => finder.find(haystack.as_bytes()).is_some(),
            None if self.anchored => haystack.split(FIELD_SEPARATOR).any(|field| self.regex.is_match(field)),
            None => self.regex.is_match(haystack),
        }
    }

    /// The records of the dataset's search buffer that match (indicators, then cities and themes by name; see
    /// [`SearchRecord`]), in order, found in one pass over the contiguous buffer rather than one search per record;
    /// a large buffer is cut into pieces at record boundaries and scanned on every core.
    pub fn matching(&self, ds: &Dataset) -> Vec<usize> {
        let (buf, starts) = ds.search_buffer();
        let pieces = if buf.len() >= SCAN_ALONE_BELOW { SCAN_PIECES } else { 1 };
        self.matching_in(buf, starts, |r| ds.search_record(r), pieces)
    }

    /// [`TextFilter::matching`] over any buffer of lower-cased records, each ending in a newline, starting at
    /// `starts`; `record(r)` is record `r` without its newline. The records are scanned in `pieces` runs of
    /// about equal length, on every core, and the matches put back in order.
    fn matching_in<'a>(
        &self,
        buf: &str,
        starts: &[usize],
        record: impl Fn(usize) -> &'a str + Sync,
        pieces: usize,
    ) -> Vec<usize> {
        if self.anchored {
            // `^`, `$` and word boundaries mean a record's own edges: test each record alone.
            return (0..starts.len()).filter(|&r| self.matches(record(r))).collect();
        }
        if self.literal.is_none() && self.regex.is_match("") {
            // A pattern that matches the empty text (`5g|` while typing `5g|充电`) matches every record: no scan.
            return (0..starts.len()).collect();
        }
        // Each run starts at the first record that starts at or after its share of the bytes.
        let pieces = pieces.clamp(1, starts.len().max(1));
        let mut cuts: Vec<usize> =
            (0..pieces).map(|k| starts.partition_point(|&s| s < buf.len() * k / pieces)).collect();
        cuts.push(starts.len());
        cuts.dedup();
        let runs: Vec<std::ops::Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
        let found = crate::parallel::map(&runs, |run| self.scan(buf, starts, run.clone(), &record));
        found.concat()
    }

    /// The matching records among `records` (a run of consecutive ones), in order.
    fn scan<'a>(
        &self,
        buf: &str,
        starts: &[usize],
        records: std::ops::Range<usize>,
        record: &impl Fn(usize) -> &'a str,
    ) -> Vec<usize> {
        let Some(&first) = starts.get(records.start) else { return Vec::new() };
        // The run's bytes end where the next run's first record starts (its own last newline included).
        let stop = starts.get(records.end).map_or(buf.len(), |&s| s);
        let bytes = &buf[..stop];
        let end_of = |r: usize| starts.get(r + 1).map_or(buf.len(), |&s| s - 1);
        let mut out = Vec::new();
        let mut from = first;
        // The record the search resumes in: a match's record is found from there by galloping (most matches are
        // a record or a few on, where a search over every record's start took 20 steps per match).
        let mut next = records.start;
        let record_of = |from: usize, pos: usize| {
            let (mut lo, mut step) = (from, 1);
            while starts.get(lo + step).is_some_and(|&s| s <= pos) {
                lo += step;
                step *= 2;
            }
            let hi = (lo + step).min(starts.len());
            lo + starts[lo..hi].partition_point(|&s| s <= pos).saturating_sub(1)
        };
        while from < bytes.len() {
            let found = match &self.literal {
                Some(finder) => {
                    finder.find(&bytes.as_bytes()[from..]).map(|m| (from + m, from + m + finder.needle().len()))
                }
                // A match may run past its record's end (through the newline): then the record alone decides.
                None => self.regex.find_at(bytes, from).map(|m| (m.start(), m.end())),
            };
            let Some((start, end)) = found else { break };
            let r = record_of(next, start);
            let record_end = end_of(r);
            if end <= record_end || self.matches(record(r)) {
                out.push(r);
            }
            from = record_end + 1;
            next = r + 1;
        }
        out
    }

    /// Byte ranges of the matches in `text`, for highlighting.
    pub fn find_ranges(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        if self.pattern.is_empty() {
            return Vec::new();
        }
        self.regex.find_iter(text).filter(|m| !m.is_empty()).map(|m| m.range()).collect()
    }
}

/// True when a pattern has assertions tied to text boundaries (`^`, `$`, `\A`, `\z`, `\b`, `\B`).
fn is_anchored(pattern: &str) -> bool {
    pattern.contains(['^', '$']) || ["\\A", "\\z", "\\b", "\\B"].iter().any(|a| pattern.contains(a))
}

/// Characters that make a pattern a regular expression rather than plain text.
fn regex_syntax_char(c: char) -> bool {
    matches!(c, '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$')
}

/// Which indicators to show. Every field that is set must match; a field holding several values matches any of
/// them (several cities side by side); an empty filter matches everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Cities (any of them; empty: any city).
    pub city: Vec<CityId>,
    /// Themes (any of them; empty: any theme).
    pub theme: Vec<ThemeId>,
    /// Years (target year or the year of a reported figure; any of them; empty: any year).
    pub year: Vec<i32>,
    /// Target or actual.
    pub kind: Option<Kind>,
    /// Metrics (any of them; empty: any metric).
    pub metric: Vec<MetricId>,
    /// A document.
    pub document: Option<DocId>,
    /// Free text over names (zh, en), metric, unit and quote, the city's and the theme's names in both languages,
    /// and the note.
    pub text: Option<TextFilter>,
}

impl Filter {
    /// True when no condition is set.
    pub fn is_empty(&self) -> bool {
        self.city.is_empty()
            && self.theme.is_empty()
            && self.year.is_empty()
            && self.kind.is_none()
            && self.metric.is_empty()
            && self.document.is_none()
            && self.text.is_none()
    }

    /// Does indicator `i` pass every condition? For one indicator: [`Filter::apply`] and [`Filter::refine`] test
    /// many at once and match the city and theme names once, not once per indicator.
    pub fn matches(&self, ds: &Dataset, i: IndicatorId) -> bool {
        self.matches_fields(ds, i) && self.text.as_ref().is_none_or(|t| t.matches(ds.haystack(i)))
    }

    /// Every condition but the text.
    fn matches_fields(&self, ds: &Dataset, i: IndicatorId) -> bool {
        self.matches_keys(&ds.keys_of(i))
    }

    /// Every condition but the text, on an indicator's keys.
    fn matches_keys(&self, k: &Keys) -> bool {
        (self.city.is_empty() || self.city.contains(&k.city()))
            && (self.theme.is_empty() || self.theme.contains(&k.theme()))
            && (self.year.is_empty() || self.year.contains(&k.year()))
            && self.kind.is_none_or(|kind| k.kind() == kind)
            && (self.metric.is_empty() || self.metric.contains(&k.metric()))
            && self.document.is_none_or(|d| k.doc() == d)
    }

    /// The matching indicators, in dataset order.
    pub fn apply(&self, ds: &Dataset) -> Vec<IndicatorId> {
        match &self.text {
            // One pass over the search buffer, then the cheap conditions. A city's or theme's name that matches
            // adds its indicators: only then is every indicator looked at (touching 100,000 of them costs more
            // than the scan).
            Some(t) => {
                let n = ds.indicators().len();
                let records = t.matching(ds);
                let (own, names) = records.split_at(records.partition_point(|&r| r < n));
                let every = own.len() == n;
                let own = own.iter().filter_map(|&r| match ds.search_record_of(r) {
                    SearchRecord::Indicator(i) => Some(i),
                    SearchRecord::City(_) | SearchRecord::Theme(_) => None,
                });
                // Names add nothing when every indicator matched already (`5g|` while typing `5g|充电`).
                let mut ids: Vec<IndicatorId> = if !names.is_empty() && !every {
                    let names = NameHits::of(ds, names);
                    let mut hit = vec![false; n];
                    for i in own {
                        hit[i.index()] = true;
                    }
                    ds.indicator_ids().filter(|&i| hit[i.index()] || names.matches(ds, i)).collect()
                } else {
                    own.collect()
                };
                ids.retain(|&i| self.matches_fields(ds, i));
                ids
            }
            None => ds.indicator_ids().filter(|&i| self.matches_fields(ds, i)).collect(),
        }
    }

    /// Narrows an earlier result: the matching subset of `ids`, for when a filter only got stricter (a character
    /// typed at the end of a literal text filter) and re-scanning the whole dataset would be wasted work.
    pub fn refine(&self, ds: &Dataset, ids: &[IndicatorId]) -> Vec<IndicatorId> {
        let Some(t) = &self.text else {
            return ids.iter().copied().filter(|&i| self.matches_fields(ds, i)).collect();
        };
        let names = NameHits::matching(t, ds);
        ids.iter()
            .copied()
            .filter(|&i| self.matches_fields(ds, i) && (t.matches(ds.haystack(i)) || names.matches(ds, i)))
            .collect()
    }
}

/// A filter tested on an indicator's indexed fields and search record alone, without the indicator: how the
/// load cache's index answers it (see `crate::lookup`). Decides exactly as [`Filter::refine`] does.
pub(crate) struct Sieve<'f> {
    filter: &'f Filter,
    /// The cities and themes whose names the text matches (their indicators match too).
    names: Option<NameHits>,
}

impl Filter {
    /// The sieve of this filter over the tables of `tables` (whose indicators are not looked at).
    pub(crate) fn sieve(&self, tables: &Dataset) -> Sieve<'_> {
        Sieve { filter: self, names: self.text.as_ref().map(|t| NameHits::matching_tables(t, tables, &self.city)) }
    }
}

impl Sieve<'_> {
    /// Does it read the search record? (Only a text filter does: without one, any will do.)
    pub(crate) fn reads_text(&self) -> bool {
        self.filter.text.is_some()
    }

    /// Does an indicator with these keys and this search record (see [`Dataset::haystack`]) pass?
    pub(crate) fn passes(&self, i: &Keys, haystack: &str) -> bool {
        let f = self.filter;
        let named = |n: &NameHits| {
            n.cities.get(i.city().index()).copied().unwrap_or(false)
                || n.themes.get(i.theme().index()).copied().unwrap_or(false)
        };
        let fields = f.matches_keys(i);
        fields
            && match (&f.text, &self.names) {
                (Some(t), Some(names)) => t.matches(haystack) || named(names),
                _ => true,
            }
    }
}

/// The cities and themes whose names a text filter matches: their indicators match too.
struct NameHits {
    cities: Vec<bool>,
    themes: Vec<bool>,
}

impl NameHits {
    /// From the matching records of the search buffer that are names (see [`SearchRecord`]).
    fn of(ds: &Dataset, records: &[usize]) -> NameHits {
        let mut hits = NameHits { cities: vec![false; ds.cities().len()], themes: vec![false; ds.themes().len()] };
        for &r in records {
            match ds.search_record_of(r) {
                SearchRecord::City(c) => hits.cities[c.index()] = true,
                SearchRecord::Theme(t) => hits.themes[t.index()] = true,
                SearchRecord::Indicator(_) => {}
            }
        }
        hits
    }

    /// Matches the name records alone (a few thousand short records, not the whole buffer).
    fn matching(t: &TextFilter, ds: &Dataset) -> NameHits {
        let n = ds.indicators().len();
        let total = n + ds.cities().len() + ds.themes().len();
        let records: Vec<usize> = (n..total).filter(|&r| t.matches(ds.search_record(r))).collect();
        NameHits::of(ds, &records)
    }

    /// The same as [`NameHits::matching`] for a dataset of tables alone, looking at the cities `only` (every
    /// city when empty): a filter on one city need not lower-case 12,000 cities' names to answer.
    fn matching_tables(t: &TextFilter, ds: &Dataset, only: &[CityId]) -> NameHits {
        let mut hits = NameHits { cities: vec![false; ds.cities().len()], themes: vec![false; ds.themes().len()] };
        for ((k, city), hit) in ds.cities().iter().enumerate().zip(&mut hits.cities) {
            if only.is_empty() || only.contains(&CityId::new(k)) {
                *hit = t.matches(&crate::dataset::names_haystack(&city.name, &city.name_en));
            }
        }
        for (theme, hit) in ds.themes().iter().zip(&mut hits.themes) {
            *hit = t.matches(&crate::dataset::names_haystack(&theme.name, &theme.name_en));
        }
        hits
    }

    fn matches(&self, ds: &Dataset, i: IndicatorId) -> bool {
        let k = ds.keys_of(i);
        self.cities.get(k.city().index()).copied().unwrap_or(false)
            || self.themes.get(k.theme().index()).copied().unwrap_or(false)
    }
}

/// How the explorer and the summary group indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// By city, in dataset order of cities.
    City,
    /// By theme, in taxonomy order.
    Theme,
    /// By year, earliest first.
    Year,
    /// One group holding everything.
    All,
}

/// What the indicators of one group have in common. Keys of one grouping are all of one kind, and sort as the
/// groups are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKey {
    /// Everything ([`GroupBy::All`]).
    All,
    /// A city.
    City(CityId),
    /// A theme.
    Theme(ThemeId),
    /// A year.
    Year(i32),
    /// A metric, after its theme: metrics grouped this way list theme by theme.
    Metric(ThemeId, MetricId),
}

impl GroupKey {
    /// The city of a city's group.
    pub fn city(self) -> Option<CityId> {
        match self {
            GroupKey::City(c) => Some(c),
            _ => None,
        }
    }

    /// The theme of a theme's group.
    pub fn theme(self) -> Option<ThemeId> {
        match self {
            GroupKey::Theme(t) => Some(t),
            _ => None,
        }
    }

    /// The year of a year's group.
    pub fn year(self) -> Option<i32> {
        match self {
            GroupKey::Year(y) => Some(y),
            _ => None,
        }
    }

    /// The metric of a metric's group.
    pub fn metric(self) -> Option<MetricId> {
        match self {
            GroupKey::Metric(_, m) => Some(m),
            _ => None,
        }
    }
}

/// One group: its key and the indicators in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What its members share.
    pub key: GroupKey,
    /// Its indicators, in dataset order (for years: targets and actuals of the year, by city).
    pub members: Vec<IndicatorId>,
}

impl GroupBy {
    /// The key of indicator `i` in this grouping.
    pub fn key(self, ds: &Dataset, i: IndicatorId) -> GroupKey {
        self.key_of(&ds.keys_of(i))
    }

    /// The key of an indicator with keys `k` in this grouping.
    fn key_of(self, k: &Keys) -> GroupKey {
        match self {
            GroupBy::City => GroupKey::City(k.city()),
            GroupBy::Theme => GroupKey::Theme(k.theme()),
            GroupBy::Year => GroupKey::Year(k.year()),
            GroupBy::All => GroupKey::All,
        }
    }
}

/// Groups `ids` (already filtered) by `by`. Groups with no members are left out.
pub fn group(ds: &Dataset, ids: &[IndicatorId], by: GroupBy) -> Vec<Group> {
    // Cities and themes are small dense tables: bucket directly, no map.
    let dense = match by {
        GroupBy::City => Some(ds.cities().len()),
        GroupBy::Theme => Some(ds.themes().len()),
        GroupBy::All => Some(1),
        GroupBy::Year => None,
    };
    if let Some(n) = dense {
        let keys = ds.keys();
        let mut buckets: Vec<(Option<GroupKey>, Vec<IndicatorId>)> = vec![(None, Vec::new()); n.max(1)];
        for &i in ids {
            let key = by.key_of(&keys[i.index()]);
            let slot = match key {
                GroupKey::City(c) => c.index(),
                GroupKey::Theme(t) => t.index(),
                _ => 0,
            };
            if let Some((k, members)) = buckets.get_mut(slot) {
                *k = Some(key);
                members.push(i);
            }
        }
        return buckets.into_iter().filter_map(|(key, members)| Some(Group { key: key?, members })).collect();
    }
    let keys = ds.keys();
    let mut map: BTreeMap<GroupKey, Vec<IndicatorId>> = BTreeMap::new();
    for &i in ids {
        map.entry(by.key_of(&keys[i.index()])).or_default().push(i);
    }
    map.into_iter().map(|(key, members)| Group { key, members }).collect()
}

/// Counts of indicators per city, theme and year, and of targets and actuals: the dataset summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// (city, count), in city order.
    pub by_city: Vec<(CityId, usize)>,
    /// (theme, count), in theme order.
    pub by_theme: Vec<(ThemeId, usize)>,
    /// (year, count), earliest first.
    pub by_year: Vec<(i32, usize)>,
    /// Number of targets.
    pub targets: usize,
    /// Number of actuals.
    pub actuals: usize,
}

/// Summarises the indicators `ids`.
pub fn summarize(ds: &Dataset, ids: &[IndicatorId]) -> Summary {
    let pairs = |by| group(ds, ids, by).into_iter().map(|g| (g.key, g.members.len()));
    Summary {
        by_city: pairs(GroupBy::City).filter_map(|(k, n)| Some((k.city()?, n))).collect(),
        by_theme: pairs(GroupBy::Theme).filter_map(|(k, n)| Some((k.theme()?, n))).collect(),
        by_year: pairs(GroupBy::Year).filter_map(|(k, n)| Some((k.year()?, n))).collect(),
        targets: ids.iter().filter(|&&i| ds.indicator_at(i).kind == Kind::Target).count(),
        actuals: ids.iter().filter(|&&i| ds.indicator_at(i).kind == Kind::Actual).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_filters_are_regex_when_valid_else_literal() {
        let f = TextFilter::new("5G");
        assert!(f.is_literal());
        let f = TextFilter::new("5g|充电");
        assert!(!f.is_literal());
        assert_eq!(f.find_ranges("新建5G基站和充电桩"), vec![6..8, 17..23]);
        // An unbalanced bracket is not an error: it is matched as text.
        let f = TextFilter::new("[5G");
        assert!(f.is_literal());
        assert_eq!(f.find_ranges("a[5gb"), vec![1..4]);
        assert!(TextFilter::regex("[5G").is_err());
    }

    fn bundled() -> Dataset {
        crate::load_embedded().unwrap_or_else(|e| panic!("the bundled dataset verifies:\n{e}"))
    }

    #[test]
    fn text_matches_city_and_theme_names_in_both_languages_and_the_note() {
        let ds = bundled();
        let xuzhou = ds.find_city("xuzhou").expect("Xuzhou is bundled");
        let of_city: Vec<IndicatorId> = ds.indicator_ids().filter(|&i| ds.indicator_at(i).city == xuzhou).collect();
        assert!(!of_city.is_empty());
        // The city's name, in English or Chinese, finds every indicator of the city (no indicator names it).
        for name in ["xuzhou", "徐州"] {
            let found = Filter { text: Some(TextFilter::new(name)), ..Filter::default() }.apply(&ds);
            assert!(of_city.iter().all(|i| found.contains(i)), "`{name}` misses indicators of Xuzhou");
        }
        // An anchored pattern is tested on each field alone: `^` is where the city's name starts, too.
        let found = Filter { text: Some(TextFilter::new("^徐州$")), ..Filter::default() }.apply(&ds);
        assert_eq!(found, of_city, "`^徐州$` finds exactly the indicators of Xuzhou");
        // A theme's English name finds the theme's indicators.
        let theme = ds.theme(ds.indicators()[0].theme);
        let found = Filter { text: Some(TextFilter::new(&theme.name_en)), ..Filter::default() }.apply(&ds);
        assert!(found.contains(&IndicatorId::new(0)), "`{}` misses the theme's first indicator", theme.name_en);
        // A word only a note holds finds that indicator, in `apply` and in `refine` alike.
        let (i, note) = ds
            .indicator_ids()
            .find_map(|i| {
                ds.indicator_at(i).note.as_deref().filter(|n| n.contains("percentage points")).map(|n| (i, n))
            })
            .expect("a note about percentage points");
        let ind = ds.indicator_at(i);
        let own = [ind.name.as_str(), &ind.name_en, ds.metric_key(ind), &ind.unit, &ind.quote];
        assert!(!own.iter().any(|f| f.contains("percentage points")), "the word is in the note only: {note}");
        let f = Filter { text: Some(TextFilter::new("percentage points")), ..Filter::default() };
        let found = f.apply(&ds);
        assert!(found.contains(&i));
        let all: Vec<IndicatorId> = ds.indicator_ids().collect();
        assert_eq!(f.refine(&ds, &all), found);
    }

    #[test]
    fn a_pattern_matching_empty_text_matches_everything_and_anchors_still_count() {
        let ds = bundled();
        let all = Filter { text: Some(TextFilter::new("5g|")), ..Filter::default() }.apply(&ds);
        assert_eq!(all.len(), ds.indicators().len());
        // `^$` also matches empty text, but only an empty field: no indicator has one for every field.
        let none = Filter { text: Some(TextFilter::new("^zzz$|^$")), ..Filter::default() }.apply(&ds);
        let with_empty_field =
            ds.indicator_ids().filter(|&i| ds.haystack(i).split(FIELD_SEPARATOR).any(str::is_empty)).count();
        assert_eq!(none.len(), with_empty_field);
    }

    #[test]
    fn several_values_of_a_field_match_any_of_them() {
        let ds = bundled();
        let (sy, xz) = (ds.find_city("shenyang").expect("Shenyang"), ds.find_city("xuzhou").expect("Xuzhou"));
        let count = |c: CityId| ds.indicators().iter().filter(|i| i.city == c).count();
        let both = Filter { city: vec![sy, xz], ..Filter::default() }.apply(&ds);
        assert_eq!(both.len(), count(sy) + count(xz));
        let years = Filter { year: vec![2020, 2025], ..Filter::default() }.apply(&ds);
        assert!(years.iter().all(|&i| [2020, 2025].contains(&ds.indicators()[i].year)));
        let n = |y: i32| ds.indicators().iter().filter(|i| i.year == y).count();
        assert_eq!(years.len(), n(2020) + n(2025));
        // Fields still combine with AND.
        let one = Filter { city: vec![xz], year: vec![2020, 2025], ..Filter::default() }.apply(&ds);
        assert!(one.iter().all(|&i| ds.indicators()[i].city == xz));
        assert!(one.len() < years.len());
    }
}
