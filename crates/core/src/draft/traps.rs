//! Numbers a draft leaves alone although the parser reads them: they are not figures of the city the document is
//! about. A size class or threshold (`培育年营业收入超10亿元的企业`, `亿元以上项目`), another jurisdiction's total
//! (`全省地区生产总值增长3.5%` in a city's report; a margin over it, `高于全省0.7个百分点`, is the city's own),
//! a count of policy clauses (`政策措施40条`) and a service time (`24小时`, `15分钟生活圈`). `candidates` keeps
//! listing them, for a curator to ignore.

use crate::quantity::{normalize_unit, Quantity};

/// What follows a money figure that makes it a class of firms or projects, not an amount.
const CLASS_AFTER: &[&str] = &["的企业", "企业", "的项目", "项目", "的重点项目", "的工业企业", "级企业", "的市场主体"];
/// Words before a count of clauses that make it a count of policies.
const POLICY_BEFORE: &[&str] = &["措施", "政策", "举措", "意见", "条例", "办法"];
/// What follows a duration that makes it a service standard.
const SERVICE_AFTER: &[&str] = &[
    "生活圈",
    "服务圈",
    "通勤圈",
    "交通圈",
    "经济圈",
    "健身圈",
    "就医圈",
    "步行",
    "车程",
    "自助",
    "不打烊",
    "在线",
    "响应",
    "办结",
];
/// Subjects of another jurisdiction.
const ELSEWHERE: &[&str] = &["全省", "全国", "全球", "全世界"];
/// Words that make a figure about another jurisdiction a margin of the city's own over it.
const MARGIN: &[&str] = &["高于", "低于", "快于", "慢于", "超过全", "比全", "领先"];

/// True when quantity `q` of paragraph `para` (its span relative to the paragraph) is not a figure to draft.
pub fn is_trap(para: &str, q: &Quantity) -> bool {
    let Some(after) = para.get(q.span.end..) else { return false };
    let Some(before) = para.get(..q.span.start) else { return false };
    let base = normalize_unit(&q.unit).base;
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| ['，', '；', '。', '：', ','].contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &before[clause_start..];
    let tail: String = before.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    match base.as_str() {
        "元" if CLASS_AFTER.iter().any(|w| after.starts_with(w)) => true,
        "条" if POLICY_BEFORE.iter().any(|w| tail.contains(w)) => true,
        "分钟" | "小时" if SERVICE_AFTER.iter().any(|w| after.starts_with(w)) => true,
        _ => ELSEWHERE.iter().any(|w| clause.starts_with(w)) && !MARGIN.iter().any(|w| clause.contains(w)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::find_quantities;

    fn traps(text: &str) -> Vec<bool> {
        find_quantities(text).iter().map(|q| is_trap(text, q)).collect()
    }

    #[test]
    fn classes_other_jurisdictions_policy_counts_and_service_times_are_traps() {
        assert_eq!(traps("培育年营业收入超50亿元的企业15家"), [true, false]);
        assert_eq!(traps("出台支持措施25条，减免租金3亿元"), [true, false]);
        // Whichever of the service times the parser reads (it may read none), each is a trap.
        assert_eq!(traps("实现政务服务24小时自助办理"), [true]);
        for text in ["建成10分钟生活圈", "建成10分钟生活圈，实现政务服务24小时自助办理"] {
            let found = traps(text);
            assert!(found.iter().all(|t| *t), "{text}: {found:?}");
        }
        assert_eq!(traps("全国粮食产量增长2%，本市增长3%"), [true, false]);
        assert_eq!(traps("我市增速高于全省1.2个百分点"), [false]);
        assert_eq!(traps("平均响应时间缩短至30分钟"), [false]);
    }
}
