//! Values written with their direction as a sign (`−15 %`, `+8 %`) instead of a word: the normalised-value
//! column of the table and the lines of the source and metrics views that already name the indicator.

use zhibiao_core::dataset::Indicator;
use zhibiao_core::quantity::Comparator;

/// The normalised value with its direction, in the base unit: `−15 %` for a fall of 15 %, `+8 %` for a rise,
/// `3000 个`; a range as `10–20 亿元`.
pub fn signed_base_value(i: &Indicator) -> String {
    let number = match i.base_value_max {
        Some(max) => format!("{}–{}", i.base_value, max),
        None => i.base_value.to_string(),
    };
    let sign = match i.comparator {
        _ if i.base_value.is_negative() || number == "0" => "",
        Comparator::Decrease => "−",
        Comparator::Increase => "+",
        _ => "",
    };
    if i.base_unit.is_empty() {
        format!("{sign}{number}")
    } else {
        format!("{sign}{number} {}", i.base_unit)
    }
}

/// The value as written, with a rise or fall as a sign rather than a word (`−15 %`, `+8 %`): for a line that
/// already names the indicator, whose name says 降低 or 增长.
pub fn signed_value(i: &Indicator) -> String {
    let sign = match i.comparator {
        Comparator::Decrease => "−",
        Comparator::Increase => "+",
        _ => return i.display_value(),
    };
    let number = match i.value_max {
        Some(max) => format!("{}–{}", i.value, max),
        None => i.value.to_string(),
    };
    if i.unit.is_empty() {
        format!("{sign}{number}")
    } else {
        format!("{sign}{number} {}", i.unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn a_fall_reads_with_a_minus_sign_and_a_level_without() {
        let ds = sample::dataset();
        let energy = ds.indicator("sy-energy").expect("sample");
        assert_eq!(signed_base_value(energy), "−15 %");
        let g = ds.indicator("sy-5g-2025").expect("sample");
        assert_eq!(signed_base_value(g), "3000 个");
    }
}
