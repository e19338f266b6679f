//! The quote of a drafted record: the shortest clause around a number that stays unique in its paragraph, reads on
//! its own and still gives the parser the same figure.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::quantity::{find_quantities, Quantity};

/// Characters that end a clause; the first group also ends a sentence, which a quote never crosses.
const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '？', '!', '?'];
const CLAUSE_ENDS: &[char] = &['，', ',', '：', ':', '、'];

/// Words that carry no subject: a clause made only of them and the number (`增长20.24%`) does not read on its own.
const EMPTY_WORDS: &[&str] = &[
    "达到",
    "达",
    "增长",
    "提高到",
    "提高",
    "提升到",
    "提升",
    "下降到",
    "下降",
    "降低",
    "减少",
    "突破",
    "超过",
    "不少于",
    "不低于",
    "力争",
    "确保",
    "实现",
    "完成",
    "其中",
    "分别",
    "同比",
    "累计",
    "全年",
    "年均",
    "约",
    "近",
    "以上",
    "左右",
    "以内",
    "共",
    "计",
    "为",
    "年",
    "到",
    "至",
    "已",
    "了",
    "和",
    "及",
    "与",
];

/// Enumerations and connectives a quote need not start with.
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s|[一二三四五六七八九十]+是|其中|同时|并且|此外|另外|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、]|[一二三四五六七八九十]+、)+")
        .expect("valid pattern")
});

/// The quote for quantity `q` (span relative to `para`) and whether it is unique in the paragraph.
pub fn quote(para: &str, q: &Quantity) -> (String, bool) {
    let sentence = sentence_around(para, &q.span);
    let bounds = clause_bounds(para, &sentence);
    // Start at the clause holding the number and take in one clause to the left at a time.
    let Some(k) = bounds.iter().position(|b| b.start <= q.span.start && q.span.end <= b.end) else {
        return (para[sentence.clone()].to_string(), occurs_once(para, &para[sentence]));
    };
    let end = right_end(para, &bounds, k, &q.span);
    let mut fallback = None;
    for i in (0..=k).rev() {
        let start = trimmed_start(para, bounds[i].start, q.span.start);
        let clause = &para[start..end];
        // The clause's figures once for both tests; the paragraph searched only for a clause that reads well, and
        // only up to a second occurrence: drafting stays proportional to the text.
        let found = find_quantities(clause);
        if !(reads_alone(clause, &found, start, q) && reparses(&found, start, q)) {
            continue;
        }
        if occurs_once(para, clause) {
            return (clause.to_string(), true);
        }
        if fallback.is_none() {
            fallback = Some(clause.to_string());
        }
    }
    let whole = &para[sentence.start..end];
    match fallback {
        Some(c) => (c, false),
        None => (whole.to_string(), occurs_once(para, whole)),
    }
}

/// True when `needle` occurs exactly once in `para` (the search stops at a second occurrence).
fn occurs_once(para: &str, needle: &str) -> bool {
    let mut found = para.matches(needle);
    found.next().is_some() && found.next().is_none()
}

/// Where the quote ends: at the end of the number's clause; but when words follow the number before a `、`
/// (`已接入538个停车场、5.7万个泊位`), the `、` joins nouns inside one statement and the quote runs on to the next
/// comma.
fn right_end(para: &str, bounds: &[Range<usize>], k: usize, span: &Range<usize>) -> usize {
    let mut k = k;
    while k + 1 < bounds.len()
        && para[bounds[k].end..].starts_with('、')
        && para[span.end.max(bounds[k].start)..bounds[k].end].chars().any(is_han)
    {
        k += 1;
    }
    bounds[k].end
}

/// The byte range of the sentence holding `span`.
fn sentence_around(para: &str, span: &Range<usize>) -> Range<usize> {
    let start = para[..span.start].rfind(SENTENCE_ENDS).map_or(0, |i| i + next_len(para, i));
    let end = para[span.end..].find(SENTENCE_ENDS).map_or(para.len(), |i| span.end + i);
    start..end
}

/// The clauses of `sentence`, split at clause punctuation.
fn clause_bounds(para: &str, sentence: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    for (i, c) in para[sentence.clone()].char_indices() {
        if CLAUSE_ENDS.contains(&c) {
            out.push(start..sentence.start + i);
            start = sentence.start + i + c.len_utf8();
        }
    }
    out.push(start..sentence.end);
    out
}

/// Where a clause starting at `start` begins once leading enumerations and spaces are dropped (never past `limit`).
fn trimmed_start(para: &str, start: usize, limit: usize) -> usize {
    let skip = LEADING.find(&para[start..limit]).map_or(0, |m| m.end());
    start + skip
}

fn next_len(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(1, char::len_utf8)
}

/// True when the clause says what is counted: at least two Han characters outside the number that are not just
/// verbs and comparators.
fn reads_alone(clause: &str, found: &[Quantity], offset: usize, q: &Quantity) -> bool {
    // The figure itself and the other figures of the clause (`2880亿元、366亿元`) say nothing of what is counted.
    let mut before = String::new();
    let mut after = String::new();
    let mut pos = 0;
    for c in found {
        let text = &clause[pos.min(c.span.start)..c.span.start];
        if c.span.start + offset <= q.span.start {
            before.push_str(text)
        } else {
            after.push_str(text)
        }
        pos = c.span.end;
    }
    after.push_str(&clause[pos.min(clause.len())..]);
    // Words of two or more characters go wherever they are; one-character words (`约`, `达`, `为`) only next to
    // the number, so that `签约` or `达标` still count as words.
    for w in EMPTY_WORDS.iter().filter(|w| w.chars().count() > 1) {
        before = before.replace(w, "");
        after = after.replace(w, "");
    }
    for w in EMPTY_WORDS.iter().filter(|w| w.chars().count() == 1) {
        let compound = ["签约", "节约", "预约", "集约", "制约", "合约"].iter().any(|c| before.ends_with(c));
        if let Some(b) = before.strip_suffix(w).filter(|_| !compound) {
            before = b.to_string();
        }
        if let Some(a) = after.strip_prefix(w) {
            after = a.to_string();
        }
    }
    let rest = before + &after;
    rest.chars().filter(|c| is_han(*c)).count() + rest.chars().filter(char::is_ascii_alphanumeric).count() / 2 >= 2
}

/// True when the parser reads the same figure at the same place in the clause alone (`found`, its figures), as
/// `check` will.
fn reparses(found: &[Quantity], offset: usize, q: &Quantity) -> bool {
    found.iter().any(|c| {
        c.span.start + offset == q.span.start
            && c.value == q.value
            && c.value_max == q.value_max
            && c.unit == q.unit
            && c.comparator == q.comparator
    })
}

/// A CJK unified ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Words between a name and its number (`达到`, `突破`, `不少于` …), dropped from the end of a name hint.
const LINKING_WORDS: &[&str] = &[
    "达到",
    "达",
    "突破",
    "超过",
    "超",
    "不少于",
    "不低于",
    "不超过",
    "约为",
    "近",
    "增长",
    "提高到",
    "提升到",
    "下降到",
    "降低到",
    "提高",
    "下降",
    "为",
    "至",
    "共",
    "累计",
    "分别",
];

/// What the quote says is counted: its words before the number, without the linking verb (`新建5G基站` for
/// `新建5G基站1万座`, `数字经济总量` for `数字经济总量突破7000亿元`); empty when that leaves no Chinese word.
pub fn name_hint(para: &str, quote: &str, q: &Quantity) -> String {
    let Some((start, _)) = para.match_indices(quote).find(|(s, m)| *s <= q.span.start && q.span.end <= s + m.len())
    else {
        return String::new();
    };
    let before = &para[start..q.span.start];
    let mut name = before.rsplit(['，', ',', '、']).next().unwrap_or(before).trim();
    while let Some(w) = LINKING_WORDS.iter().find(|w| name.ends_with(*w)) {
        name = name[..name.len() - w.len()].trim_end();
    }
    if name.chars().filter(|c| is_han(*c)).count() >= 2 {
        name.to_string()
    } else {
        String::new()
    }
}

/// With `分别` (`城镇和农村居民人均可支配收入分别达到51230元和26480元`), the subject of figure `q`: the k-th of the
/// subjects joined by `和`/`、`/`及` before `分别`, completed by the words they share (`农村居民人均可支配收入` →
/// `城镇居民人均可支配收入` for the first); `None` without `分别` or when the subjects and figures do not pair.
pub fn respectively(para: &str, q: &Quantity) -> Option<String> {
    let before = &para[..q.span.start];
    let sentence_start = before.rfind(['。', '；', '！', '？']).map_or(0, |i| i + '。'.len_utf8());
    let sentence = &before[sentence_start..];
    let at = sentence.find("分别")?;
    // The subjects: the clause before the first 分别.
    let head = &sentence[..at];
    let head = head.rsplit(['，', ',', '：']).next().unwrap_or(head);
    let parts: Vec<&str> = head.split(['和', '、', '及']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return None;
    }
    // Which figure: those after the last 分别 of the sentence, in order.
    let last = sentence.rfind("分别")?;
    let k = find_quantities(&sentence[last..]).len();
    let subject = parts.get(k)?;
    let last_part = parts[parts.len() - 1];
    let first_len = parts[0].chars().count();
    // The shared tail: what follows the last subject's own head (as long as the first subject).
    let shared: String = last_part.chars().skip(first_len).collect();
    let name = if subject.chars().count() <= first_len && !shared.is_empty() {
        format!("{subject}{shared}")
    } else {
        subject.to_string()
    };
    (name.chars().filter(|c| is_han(*c)).count() >= 2).then_some(name)
}
