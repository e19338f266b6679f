//! A document's outline for drafting: its headings (`第一部分`, `一、`, `（一）`, `1.`) and what each says about the
//! figures under it — a review of a past year (`一、2022年工作回顾`: actuals of 2022), this year's arrangements or
//! targets (`二、2023年工作安排`, `主要预期目标`: targets), the “十四五” horizon (targets of 2025). Read once per
//! document, in one pass; a figure's own words still win over its section (see [`super::context`]).

use crate::schema::Kind;

/// What the headings above a paragraph say about its figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Section {
    /// The year the section reports or plans for.
    pub year: Option<i32>,
    /// Actual (a review) or target (arrangements, goals).
    pub kind: Option<Kind>,
    /// The years a plan covers, from its title (`三年行动计划（2023—2025年）`): an average annual figure
    /// (`年均增速`) runs over them.
    pub horizon: Option<(i32, i32)>,
}

/// Words of a heading that reviews what happened.
const REVIEW: &[&str] =
    &["回顾", "过去一年", "过去五年", "工作总结", "主要成效", "取得的成绩", "发展成就", "进展情况", "完成情况"];
/// Words of a heading that plans.
const PLAN: &[&str] = &[
    "工作安排",
    "工作任务",
    "主要任务",
    "重点任务",
    "重点工作",
    "预期目标",
    "主要目标",
    "发展目标",
    "目标任务",
    "工作打算",
    "总体要求",
];

/// The section of each paragraph (index `n - 1` for paragraph `n`), from the headings above it and its own.
pub fn sections(paragraphs: &[&str], doc_year: i32, is_report: bool) -> Vec<Section> {
    // The section set at each heading level (0: 第X部分, 1: 一、, 2: （一）, 3: 1.).
    let mut levels: [Section; 4] = [Section::default(); 4];
    let mut out = Vec::with_capacity(paragraphs.len());
    let horizon = paragraphs.first().and_then(|t| title_period(t));
    for p in paragraphs {
        if let Some((level, title)) = heading(p) {
            let parent = levels[..level].iter().rev().find(|s| s.kind.is_some()).copied().unwrap_or_default();
            levels[level] = classify(title, doc_year, is_report).unwrap_or(parent);
            for deeper in &mut levels[level + 1..] {
                *deeper = Section::default();
            }
        }
        let mut section = levels.iter().rev().find(|s| s.kind.is_some()).copied().unwrap_or_default();
        section.horizon = horizon;
        out.push(section);
    }
    out
}

/// The years in a title's brackets, `（2023—2025年）`.
fn title_period(title: &str) -> Option<(i32, i32)> {
    let open = title.rfind(['（', '('])?;
    let inner = &title[open..];
    let years: Vec<i32> =
        inner.split(|c: char| !c.is_ascii_digit()).filter(|d| d.len() == 4).filter_map(|d| d.parse().ok()).collect();
    match years.as_slice() {
        [a, b] if a < b && (1949..=2100).contains(a) && (1949..=2100).contains(b) => Some((*a, *b)),
        _ => None,
    }
}

/// A heading's title: an inline heading ends at its first `。` (or a colon).
fn title_of(rest: &str) -> &str {
    rest.split(['。', '：']).next().unwrap_or(rest)
}

/// The level and title of a heading paragraph (an inline heading ends at its first `。`), or `None`.
fn heading(p: &str) -> Option<(usize, &str)> {
    let p = p.trim_start();
    let numeral =
        |s: &str| s.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).map(char::len_utf8).sum::<usize>();
    if let Some(rest) = p.strip_prefix('第') {
        let n = numeral(rest);
        if n > 0 && (rest[n..].starts_with("部分") || rest[n..].starts_with('章')) {
            return Some((0, title_of(p)));
        }
    }
    let n = numeral(p);
    if n > 0 && p[n..].starts_with('、') {
        return Some((1, title_of(&p[n..])));
    }
    if let Some(rest) = p.strip_prefix('（').or_else(|| p.strip_prefix('(')) {
        let n = numeral(rest);
        if n > 0 && rest[n..].starts_with(['）', ')']) {
            return Some((2, title_of(rest)));
        }
    }
    let digits = p.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && p[digits..].starts_with(['.', '、', '．'])
        && !p[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some((3, title_of(p)));
    }
    None
}

/// What a heading's title says: a review (of its year, else the year before a report's), a plan (of its year,
/// else the document's), or the “十四五” horizon.
fn classify(title: &str, doc_year: i32, is_report: bool) -> Option<Section> {
    let year = title_year(title);
    if REVIEW.iter().any(|w| title.contains(w)) {
        let year = year.unwrap_or(if is_report { doc_year - 1 } else { doc_year });
        return Some(Section { year: Some(year), kind: Some(Kind::Actual), horizon: None });
    }
    if title.contains("十四五") && !title.contains("开局") {
        return Some(Section { year: Some(year.unwrap_or(2025)), kind: Some(Kind::Target), horizon: None });
    }
    if PLAN.iter().any(|w| title.contains(w)) || title.contains("今年") {
        return Some(Section { year: Some(year.unwrap_or(doc_year)), kind: Some(Kind::Target), horizon: None });
    }
    None
}

/// The first `YYYY年` of a title.
fn title_year(title: &str) -> Option<i32> {
    let i = title.find('年')?;
    let digits: String = title[..i].chars().rev().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4).then(|| digits.chars().rev().collect::<String>().parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_and_an_arrangement_govern_their_subsections() {
        let paras = [
            "市2023年政府工作报告",
            "一、2022年工作回顾",
            "过去一年，新建5G基站3260个。",
            "（一）创新动能增强。新认定高新技术企业1260家。",
            "二、2023年工作安排",
            "（一）扩大需求。实施重点项目500个。",
            "三、“十四五”时期主要目标",
            "四、保障措施",
        ];
        let s = sections(&paras, 2023, true);
        let got: Vec<(Option<i32>, Option<Kind>)> = s.iter().map(|s| (s.year, s.kind)).collect();
        let (a, t) = (Some(Kind::Actual), Some(Kind::Target));
        assert_eq!(
            got,
            [
                (None, None),
                (Some(2022), a),
                (Some(2022), a),
                (Some(2022), a),
                (Some(2023), t),
                (Some(2023), t),
                (Some(2025), t),
                (None, None)
            ]
        );
        // A review heading without a year, in a report: the year before the report's.
        assert_eq!(sections(&["一、过去五年工作回顾"], 2023, true)[0].year, Some(2022));
        assert_eq!(
            sections(&["某市行动计划（2023—2025年）", "一、主要目标"], 2023, false)[1].horizon,
            Some((2023, 2025))
        );
        assert_eq!(heading("1. 推进5G建设"), Some((3, "1. 推进5G建设")));
        assert_eq!(heading("1.5万个基站"), None);
    }
}
