//! Reading a figure's time and nature from the words before it: the governing time phrase (year, as-of date,
//! period), whether it is a target or a reported actual, and whether it is firm, a stretch or an estimate.

use std::sync::LazyLock;

use regex::Regex;

use super::outline::Section;
use crate::schema::Kind;
pub use crate::schema::Status;

/// What the context says about one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The year the figure refers to.
    pub year: i32,
    /// Target or actual.
    pub kind: Kind,
    /// For a dated actual: `YYYY-MM-DD` or `YYYY-MM`.
    pub as_of: Option<String>,
    /// For a figure spanning years: `YYYY-YYYY`.
    pub period: Option<String>,
    /// Firm, stretch or estimate.
    pub status: Status,
}

/// The document a figure comes from, as far as the context rules need it.
#[derive(Debug, Clone, Copy)]
pub struct DocDate<'a> {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: &'a str,
    /// True for a document that reports (a news report, a reply, a work report) rather than plans.
    pub is_report: bool,
}

impl DocDate<'_> {
    fn year(&self) -> Option<i32> {
        self.date.get(..4)?.parse().ok()
    }
}

/// A time phrase: `到2022年`, `截至2021年底`, `2020年底`, `2022年当年`, `2022—2024年`, `今年`, `截至目前`.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<pre>截至|截止到|截止|到|至|于|在|自|从)?\s*
        (?:
          (?P<y1>[0-9０-９]{4})\s*[-—–~～至到]\s*(?P<y2>[0-9０-９]{4})\s*年
        | (?P<y>[0-9０-９]{4})\s*年(?:\s*(?P<m>[0-9０-９]{1,2})\s*月)?
        | (?P<rel>今年|本年|当年|去年|上年|明年|目前|年底前)
        )
        (?P<post>底|末|年底|当年|全年|前|内|以来|上半年)?",
    )
    .expect("valid pattern")
});

/// Words that make a year a baseline (比2020年下降15%), not the time of the figure.
const BASELINE_BEFORE: &[&str] = &["比", "较", "与", "同", "相比", "对比", "基于"];
const BASELINE_AFTER: &[&str] = &["相比", "基础上", "同期", "水平", "的基础", "版"];

/// Words that look ahead: the figure is a goal.
const LOOK_AHEAD: &[&str] = &["力争", "确保", "目标", "争取", "努力", "计划", "规划", "预期", "将", "要求", "拟"];
/// Words that report: the figure has been reached (these win over a phrase looking ahead)…
const REPORTED: &[&str] = &["已", "截至", "截止", "目前", "现有"];
/// …and words that report unless a phrase looks ahead (`到2023年，累计完成200个` is a goal).
const REPORTED_WEAK: &[&str] = &["共有", "完成了", "实现了", "累计完成", "同比"];

/// One time phrase found before the number.
struct Phrase {
    year: i32,
    month: Option<u32>,
    end_of: bool,
    ahead: bool,
    as_of: bool,
    now: bool,
    period: Option<(i32, i32)>,
}

/// Reads year, kind, as-of date, period and status for a number at byte `at` of paragraph `para`; `before` are the
/// paragraphs before it, nearest last (a lead-in ending in a colon can govern a list below it); `section` is what
/// the headings above it say (a review of 2022, this year's arrangements), which governs unless a nearer phrase
/// says otherwise.
pub fn read(para: &str, at: usize, before: &[&str], doc: DocDate<'_>, section: Section) -> Reading {
    let doc_year = doc.year().unwrap_or(0);
    let prefix = &para[..at];
    let sentence = prefix.rfind(['。', '；', ';', '！', '？']).map_or(prefix, |i| &prefix[i..]);
    // A list after a colon (`主要预期目标是：A 7%；B 8%`): its lead-in governs every item, not only the first.
    let whole = prefix.rfind(['。', '！', '？']).map_or(prefix, |i| &prefix[i..]);
    let lead = if whole.len() > sentence.len() {
        whole.find(['：', ':']).filter(|&c| c < whole.len() - sentence.len()).map_or("", |c| &whole[..c])
    } else {
        ""
    };
    // A phrase in the number's own sentence governs it; one in an earlier sentence only when it is the topic of its
    // sentence (`2019年，…`), not the date of some other event (`2019年10月通过…`).
    let mut phrase = last_phrase(sentence, doc_year, false);
    if phrase.is_none() && !lead.is_empty() {
        phrase = last_phrase(lead, doc_year, false);
    }
    let own = phrase.is_some();
    if phrase.is_none() {
        phrase = last_phrase(&prefix[..prefix.len() - sentence.len()], doc_year, true);
    }
    if phrase.is_none() && section.year.is_none() {
        phrase = governing_before(before, doc_year, doc.is_report);
    }
    // `到“十四五”末`: the end of 2025, looking ahead.
    let end_of_plan = ["十四五”末", "十四五\"末", "十四五末"].iter().any(|w| sentence.contains(w));
    if !own && end_of_plan {
        let (month, as_of, now, period) = (None, false, false, None);
        phrase = Some(Phrase { year: 2025, month, end_of: true, ahead: true, as_of, now, period });
    }
    let has = |words: &[&str]| words.iter().any(|w| sentence.contains(w) || lead.contains(w));
    let status = if has(&["力争", "争取", "努力"]) {
        Status::Stretch
    } else if has(&["预计", "初步统计", "初步核算", "预估"]) {
        Status::Estimate
    } else {
        Status::Firm
    };
    let year = phrase.as_ref().map_or(section.year.unwrap_or(doc_year), |p| p.year);
    // A period ends in the figure's year (`“十四五”期间` with no year of its own: 2025); one named in the figure's
    // own sentence wins over a year from an earlier sentence.
    let counted = years_counted(sentence, year);
    let span = match (&phrase, counted) {
        (Some(p), _) if p.period.is_some() => p.period,
        (_, Some(c)) if !own && sentence.contains("十四五") => Some(c),
        (_, c) => c,
    };
    // An average annual figure (`年均增速`) with no year of its own runs over the plan's years.
    let clause = sentence.rsplit(['，', ',']).next().unwrap_or(sentence);
    let span = match (span, section.horizon) {
        (None, Some(h)) if !own && clause.contains("年均") => Some(h),
        (s, _) => s,
    };
    let year = match span {
        Some((_, end)) if !own => end,
        _ => year,
    };
    let kind = match section.kind {
        _ if phrase.as_ref().is_some_and(|p| p.as_of) => Kind::Actual,
        // Under a review, words looking ahead are of the past (`积极争取…，获批`); only a later year of its own
        // makes a figure a goal.
        Some(Kind::Actual) => {
            let later = phrase.as_ref().is_some_and(|p| p.ahead && p.year > section.year.unwrap_or(doc_year));
            if later {
                Kind::Target
            } else {
                Kind::Actual
            }
        }
        // Under this year's arrangements, only what is said to be reached already, an earlier year of its own, or
        // a period already over is an actual.
        Some(Kind::Target) => {
            let section_year = section.year.unwrap_or(doc_year);
            let earlier = own && phrase.as_ref().is_some_and(|p| !p.ahead && p.year < section_year);
            if has(REPORTED) || earlier || span.is_some_and(|(_, end)| end < doc_year) {
                Kind::Actual
            } else {
                Kind::Target
            }
        }
        None => kind_from_words(sentence, &phrase, year, doc, &has),
    };
    // An actual is what it is: 争取 before it was an effort, not a stretch of the figure.
    let status = if kind == Kind::Actual && status == Status::Stretch { Status::Firm } else { status };
    let as_of = match (&phrase, kind) {
        (Some(p), Kind::Actual) if p.now => Some(doc.date.to_string()),
        (Some(p), Kind::Actual) if p.month.is_some() => p.month.map(|m| format!("{}-{m:02}", p.year)),
        (Some(p), Kind::Actual) if p.end_of => Some(format!("{}-12-31", p.year)),
        _ => None,
    };
    let period = span.and_then(|(a, b)| (a < b).then(|| format!("{a}-{b}")));
    Reading { year, kind, as_of, period, status }
}

/// The kind of a figure no heading decides: from the phrase and the words of its sentence.
fn kind_from_words(
    sentence: &str,
    phrase: &Option<Phrase>,
    year: i32,
    doc: DocDate<'_>,
    has: &dyn Fn(&[&str]) -> bool,
) -> Kind {
    let doc_year = doc.year().unwrap_or(0);
    if phrase.as_ref().is_some_and(|p| p.as_of) {
        Kind::Actual
    } else if has(LOOK_AHEAD) {
        Kind::Target
    } else if has(REPORTED) {
        Kind::Actual
    } else if phrase.as_ref().is_some_and(|p| p.ahead) && year >= doc_year {
        Kind::Target
    } else if has(REPORTED_WEAK)
        || perfective(sentence)
        || (doc.is_report && sentence.contains("累计") && year <= doc_year)
    {
        Kind::Actual
    } else if year != doc_year {
        if year > doc_year {
            Kind::Target
        } else {
            Kind::Actual
        }
    } else if doc.is_report {
        Kind::Actual
    } else {
        Kind::Target
    }
}

/// The phrase a figure with none of its own inherits from the paragraphs before it (nearest last): in a plan, from
/// a lead-in ending in a colon (`到2025年，主要目标是：`); in a report, from the last dated paragraph, the year only.
fn governing_before(before: &[&str], doc_year: i32, is_report: bool) -> Option<Phrase> {
    for (n, p) in before.iter().rev().take(6).enumerate() {
        let p = p.trim_end();
        if p.ends_with(['：', ':']) {
            if let Some(found) = last_phrase(p, doc_year, false) {
                return Some(found);
            }
        } else if is_report && n < 3 {
            if let Some(found) = last_phrase(p, doc_year, true) {
                return Some(Phrase {
                    year: found.year,
                    month: None,
                    end_of: false,
                    ahead: false,
                    as_of: false,
                    now: false,
                    period: None,
                });
            }
        }
    }
    None
}

/// The last time phrase in `text` that is not a baseline nor inside a title or brackets; with `topical_only`, only
/// one followed by a comma.
fn last_phrase(text: &str, doc_year: i32, topical_only: bool) -> Option<Phrase> {
    let mut found = None;
    for c in TIME.captures_iter(text) {
        let whole = c.get(0)?;
        let before = &text[..whole.start()];
        let after = &text[whole.end()..];
        if in_title(before) || (topical_only && !after.starts_with(['，', ',', '、'])) {
            continue;
        }
        if BASELINE_BEFORE.iter().any(|w| before.ends_with(w)) || BASELINE_AFTER.iter().any(|w| after.starts_with(w)) {
            continue;
        }
        let pre = c.name("pre").map_or("", |m| m.as_str());
        let post = c.name("post").map_or("", |m| m.as_str());
        let num = |name: &str| c.name(name).and_then(|m| ascii_digits(m.as_str()).parse::<i32>().ok());
        let mut phrase = Phrase {
            year: doc_year,
            month: None,
            end_of: matches!(post, "底" | "末" | "年底"),
            ahead: matches!(pre, "到" | "至"),
            as_of: pre.starts_with("截"),
            now: false,
            period: None,
        };
        if let (Some(a), Some(b)) = (num("y1"), num("y2")) {
            phrase.year = b;
            phrase.period = Some((a, b));
        } else if let Some(y) = num("y") {
            phrase.year = y;
            phrase.month = num("m").and_then(|m| u32::try_from(m).ok()).filter(|m| (1..=12).contains(m));
        } else if let Some(rel) = c.name("rel") {
            match rel.as_str() {
                "去年" | "上年" => phrase.year = doc_year - 1,
                "明年" => phrase.year = doc_year + 1,
                "目前" => {
                    phrase.now = true;
                    phrase.as_of = true;
                }
                "年底前" => phrase.ahead = true,
                _ => {}
            }
        }
        if post == "以来" {
            // `2019年以来`, `去年以来`: a count from then until the document's date.
            phrase.period = Some((phrase.year, doc_year));
            phrase.year = doc_year;
            phrase.as_of = true;
        }
        if !(1900..=2100).contains(&phrase.year) {
            continue;
        }
        found = Some(phrase);
    }
    found
}

/// The year a change is measured from, named in the figure's clause: `比2020年下降13.5%`, `较2020年提高`.
pub fn baseline_year(clause: &str) -> Option<i32> {
    static BASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:比|较|与|相比)\s*([0-9]{4})\s*年").expect("valid pattern"));
    let c = BASE.captures_iter(clause).last()?;
    c.get(1)?.as_str().parse().ok().filter(|y| (1949..=2100).contains(y))
}

/// `三年累计`, `两年内累计` in the number's clause, `“十四五”期间` in its sentence: the years a flow covers, ending in
/// `year`.
fn years_counted(sentence: &str, year: i32) -> Option<(i32, i32)> {
    let clause = sentence.rsplit(['，', ',', '、']).next().unwrap_or(sentence);
    let counted = sentence.contains("期间") || clause.contains("累计");
    // `“十四五”开局两年，累计完成…`: the plan's first two years, not all five.
    if sentence.contains("十四五") && (sentence.contains("开局两年") || sentence.contains("前两年")) {
        return Some((2021, 2022));
    }
    if sentence.contains("十四五") && counted {
        return Some((2021, 2025));
    }
    if sentence.contains("十三五") && counted {
        return Some((2016, 2020));
    }
    static SPAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([两二三四五六七八九十])年(?:内|间|来)?(?:共|合计)?累计").expect("valid pattern")
    });
    let n = match SPAN.captures(clause)?.get(1)?.as_str() {
        "两" | "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        "七" => 7,
        "八" => 8,
        "九" => 9,
        _ => 10,
    };
    Some((year - n + 1, year))
}

/// True when the clause just before the number tells of a completed action (`列出了136个`): a `了` that is not part
/// of `为了`, `了解`, `除了`.
fn perfective(sentence: &str) -> bool {
    let clause = sentence.rsplit(['，', ',']).next().unwrap_or(sentence);
    let cleaned = clause.replace("为了", "").replace("了解", "").replace("除了", "");
    cleaned.contains('了')
}

/// True when the end of `before` is inside a title `《…》` or brackets, whose years name something else.
fn in_title(before: &str) -> bool {
    let open = |o: char, c: char| before.matches(o).count() > before.matches(c).count();
    open('《', '》') || open('（', '）') || open('(', ')')
}

/// Full-width digits as ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}
