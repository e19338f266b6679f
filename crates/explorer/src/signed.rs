//! Values written with their direction as a sign (`−15 %`, `+8 %`) instead of a word: the normalised-value
//! column of the table and the lines of the source and metrics views that already name the indicator.

use zhibiao_core::dataset::Indicator;
use zhibiao_core::quantity::Comparator;

/// The normalised value with its direction, in the base unit: `−15 %` for a fall of 15 %, `+8 %` for a rise,
/// `3000 个`; a range as `10–20 亿元`. Large figures are compact and exact (see [`compact`]): `4290 亿元` for
/// 429000000000 元.
pub fn signed_base_value(i: &Indicator) -> String {
    let sign = match i.comparator {
        _ if i.base_value.is_negative() || i.base_value.to_string() == "0" => "",
        Comparator::Decrease => "−",
        Comparator::Increase => "+",
        _ => "",
    };
    let values: Vec<String> = std::iter::once(i.base_value).chain(i.base_value_max).map(|v| v.to_string()).collect();
    let (numbers, prefix) = compact(&values);
    let number = numbers.join("–");
    match (prefix, i.base_unit.as_str()) {
        ("", "") => format!("{sign}{number}"),
        (p, u) => format!("{sign}{number} {p}{u}"),
    }
}

/// The normalised value with its comparator, as `compare` and the table write it: `≥ 3000 个`; a rise or fall keeps
/// its sign (`下降 15 %` reads `−15 %`), a plain figure or a range has no symbol.
pub fn compared_base_value(i: &Indicator) -> String {
    match i.comparator {
        Comparator::Increase | Comparator::Decrease | Comparator::Equal | Comparator::Range => signed_base_value(i),
        c => format!("{} {}", c.symbol(), signed_base_value(i)),
    }
}

/// Decimal numbers (as `Decimal` prints them) written compactly and exactly, with a shared Chinese multiplier:
/// in 亿 (10⁸) when every one of them is at least 10⁸ in size and reads with at most two decimals there, else
/// in 万 (10⁴) on the same terms, else in digits grouped by three (`12,345,678`). Below 10⁴ a number is left
/// as it is.
pub fn compact(numbers: &[String]) -> (Vec<String>, &'static str) {
    let int_digits = |n: &str| n.trim_start_matches('-').split('.').next().map_or(0, str::len);
    for (shift, prefix) in [(8, "亿"), (4, "万")] {
        let shifted: Option<Vec<String>> = numbers
            .iter()
            .map(|n| (int_digits(n) > shift).then(|| shift_left(n, shift)).filter(|s| decimals(s) <= 2))
            .collect();
        if let Some(v) = shifted.filter(|v| !v.is_empty()) {
            return (v, prefix);
        }
    }
    (numbers.iter().map(|n| if int_digits(n) > 4 { grouped(n) } else { n.clone() }).collect(), "")
}

/// Digits after the point.
fn decimals(n: &str) -> usize {
    n.split_once('.').map_or(0, |(_, f)| f.len())
}

/// `n` divided by 10^`by`, exactly, without trailing zeros (`n` has more than `by` digits before its point).
fn shift_left(n: &str, by: usize) -> String {
    let (neg, body) = n.strip_prefix('-').map_or((false, n), |b| (true, b));
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let cut = int.len() - by;
    let frac = format!("{}{frac}", &int[cut..]);
    let frac = frac.trim_end_matches('0');
    let sign = if neg { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{}", &int[..cut])
    } else {
        format!("{sign}{}.{frac}", &int[..cut])
    }
}

/// The integer part grouped by three with commas.
fn grouped(n: &str) -> String {
    let (neg, body) = n.strip_prefix('-').map_or((false, n), |b| (true, b));
    let (int, frac) = body.split_once('.').map_or((body, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let sign = if neg { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
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
        assert_eq!(compared_base_value(g), "≥ 3000 个");
        assert_eq!(compared_base_value(energy), "−15 %");
    }

    #[test]
    fn large_figures_are_compact_and_exact() {
        let c = |n: &[&str]| {
            let (v, p) = compact(&n.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            format!("{} {p}", v.join("–"))
        };
        assert_eq!(c(&["429000000000"]), "4290 亿");
        assert_eq!(c(&["206200000000"]), "2062 亿");
        assert_eq!(c(&["123456789"]), "123,456,789 ");
        assert_eq!(c(&["123450000"]), "1.2345 亿".replace("1.2345 亿", "12345 万"));
        assert_eq!(c(&["12345678.9"]), "12,345,678.9 ");
        assert_eq!(c(&["500000"]), "50 万");
        assert_eq!(c(&["3000"]), "3000 ");
        assert_eq!(c(&["-150000"]), "-15 万");
        // A range shares one multiplier, or none.
        assert_eq!(c(&["1000000000", "2000000000"]), "10–20 亿");
        assert_eq!(c(&["50000", "200000000"]), "5–20000 万");
        assert_eq!(c(&["50000", "1234567"]), "50,000–1,234,567 ");
    }
}
