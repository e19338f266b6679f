//! The rule that ties a record's number to its quote: the parser reads the record's value, range, unit and
//! comparator in the quote (and its baseline value, when one is given).

use crate::decimal::Decimal;
use crate::quantity::{find_quantities, normalize_unit, Comparator, Quantity};

/// The record's claim about its figure, to compare with what the parser reads in the quote.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// The value as written.
    pub value: Decimal,
    /// The upper end of a range.
    pub value_max: Option<Decimal>,
    /// The unit as written.
    pub unit: &'a str,
    /// The comparator.
    pub comparator: Comparator,
    /// What a relative figure is measured against (`全国`), if anything.
    pub reference: Option<&'a str>,
}

impl<'a> Claim<'a> {
    /// What a curated record claims about its quote.
    pub fn of(e: &'a crate::schema::IndicatorEntry) -> Claim<'a> {
        Claim {
            value: e.value,
            value_max: e.value_max,
            unit: &e.unit,
            comparator: e.comparator,
            reference: e.reference.as_deref(),
        }
    }
}

/// Why a record's figure does not match its quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureProblem {
    /// The parser finds no quantity at all in the quote.
    NoQuantity,
    /// No quantity in the quote has the record's value.
    ValueNotInQuote { found: Vec<String> },
    /// The value is there, but with another unit.
    UnitMismatch { found: String },
    /// The value and unit are there, but the wording gives another comparator.
    ComparatorMismatch { found: Comparator },
    /// The value is there but the range end differs (or one side has a range and the other not).
    RangeMismatch { found: Option<Decimal> },
    /// The quote states a margin over a reference (增速高于全国13.1个百分点) and the record names another
    /// reference, or none.
    ReferenceMismatch { found: String },
}

/// How a quantity reads back, for messages: `3000 个 (at-least)`.
pub fn describe(q: &Quantity) -> String {
    let number = match q.value_max {
        Some(max) => format!("{}-{}", q.value, max),
        None => q.value.to_string(),
    };
    format!("{number} {} ({})", q.unit, q.comparator)
}

/// Checks the claim against the quantities in `quote`, returning the quantity it matched.
pub fn match_figure(quote: &str, claim: &Claim<'_>) -> Result<Quantity, FigureProblem> {
    match_figure_in(&find_quantities(quote), claim)
}

/// [`match_figure`] over the quantities already found in the quote (when several records cite one quote,
/// it is parsed once).
pub fn match_figure_in(found: &[Quantity], claim: &Claim<'_>) -> Result<Quantity, FigureProblem> {
    if found.is_empty() {
        return Err(FigureProblem::NoQuantity);
    }
    let same_value: Vec<&Quantity> = found.iter().filter(|q| q.value == claim.value).collect();
    if same_value.is_empty() {
        return Err(FigureProblem::ValueNotInQuote { found: found.iter().map(describe).collect() });
    }
    let same_unit: Vec<&&Quantity> = same_value.iter().filter(|q| q.unit == claim.unit).collect();
    if same_unit.is_empty() {
        return Err(FigureProblem::UnitMismatch { found: same_value[0].unit.clone() });
    }
    let same_range: Vec<&&&Quantity> = same_unit.iter().filter(|q| q.value_max == claim.value_max).collect();
    if same_range.is_empty() {
        return Err(FigureProblem::RangeMismatch { found: same_unit[0].value_max });
    }
    let Some(q) = same_range.iter().find(|q| q.comparator == claim.comparator) else {
        return Err(FigureProblem::ComparatorMismatch { found: same_range[0].comparator });
    };
    match &q.reference {
        Some(found) if claim.reference != Some(found.as_str()) => {
            Err(FigureProblem::ReferenceMismatch { found: found.clone() })
        }
        _ => Ok((***q).clone()),
    }
}

/// The dimension of a base unit, for deciding whether two records of one metric are comparable: all measure
/// words for counted things (`个`, `座`, `家` …) are counts; otherwise the base unit itself is the dimension,
/// so `%` and `百分点` never mix.
pub fn unit_dimension(base_unit: &str) -> &str {
    const COUNT_WORDS: &[&str] = &[
        "个", "座", "家", "项", "名", "人", "支", "场", "户", "条", "批次", "批", "套", "间", "辆", "台", "次", "件",
        "所", "张", "块", "部", "单", "笔", "宗", "栋", "类", "种", "场次", "地块", "套(间)", "座次",
    ];
    if COUNT_WORDS.contains(&base_unit) {
        "count"
    } else {
        base_unit
    }
}

/// Applies the unit's multiplier to a value: `(1, "万座")` → `(10000, "座")`. `None` if it overflows.
pub fn normalize_value(value: Decimal, unit: &str) -> Option<(Decimal, String)> {
    let n = normalize_unit(unit);
    Some((value.scale_by_pow10(n.exponent)?, n.base))
}

/// Checks a baseline value against the quote: some quantity of the quote has that value (in any unit, as a
/// baseline is often written as 由X提高到Y).
pub fn baseline_in_quote(found: &[Quantity], baseline: Decimal) -> Result<(), FigureProblem> {
    if found.iter().any(|q| q.value == baseline || q.value_max == Some(baseline)) {
        Ok(())
    } else {
        Err(FigureProblem::ValueNotInQuote { found: found.iter().map(describe).collect() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(
        value: &str,
        unit: &'static str,
        comparator: Comparator,
        reference: Option<&'static str>,
    ) -> Claim<'static> {
        Claim { value: value.parse().expect("decimal"), value_max: None, unit, comparator, reference }
    }

    #[test]
    fn a_margin_over_a_reference_is_equal_only_with_the_reference_named() {
        let quote = "增速分别高于全国13.1、8.6个百分点";
        assert!(match_figure(quote, &claim("13.1", "个百分点", Comparator::Equal, Some("全国"))).is_ok());
        assert!(matches!(
            match_figure(quote, &claim("13.1", "个百分点", Comparator::Equal, None)),
            Err(FigureProblem::ReferenceMismatch { found }) if found == "全国"
        ));
        assert!(matches!(
            match_figure(quote, &claim("13.1", "个百分点", Comparator::MoreThan, Some("全国"))),
            Err(FigureProblem::ComparatorMismatch { found: Comparator::Equal })
        ));
    }

    #[test]
    fn a_baseline_value_must_be_a_figure_of_the_quote() {
        let found = find_quantities("绿色出行比例由60%提高到75%");
        assert!(baseline_in_quote(&found, "60".parse().expect("decimal")).is_ok());
        assert!(baseline_in_quote(&found, "65".parse().expect("decimal")).is_err());
    }

    #[test]
    fn count_units_share_a_dimension_but_percent_and_points_do_not() {
        assert_eq!(unit_dimension("座"), unit_dimension("个"));
        assert_ne!(unit_dimension("%"), unit_dimension("百分点"));
        assert_ne!(unit_dimension("元"), unit_dimension("个"));
    }
}
