//! Counted nouns in messages: `1 error`, `2 errors`, `1 unaccounted quantity`, `3 unaccounted quantities`.
//!
//! One helper for every message that counts something, so that a count of one never reads `1 errors`.

/// `n` and the phrase `what`, its last word in the plural unless `n` is 1: `count(1, "drafted record")` is
/// `1 drafted record`, `count(2, "unaccounted quantity")` is `2 unaccounted quantities`.
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {}", plural(what))
    }
}

/// The plural of a phrase: its last word by the regular English rules (`quantity` → `quantities`, `match` →
/// `matches`, `record` → `records`). Irregular nouns are not used in messages.
pub fn plural(what: &str) -> String {
    let (head, word) = match what.rsplit_once(' ') {
        Some((head, word)) => (format!("{head} "), word),
        None => (String::new(), what),
    };
    let vowel_before = |s: &str| s.chars().rev().nth(1).is_some_and(|c| "aeiou".contains(c));
    let word = if word.ends_with('y') && !vowel_before(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|end| word.ends_with(end)) {
        format!("{word}es")
    } else {
        format!("{word}s")
    };
    format!("{head}{word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1, "unaccounted quantity"), "1 unaccounted quantity");
        assert_eq!(count(2, "unaccounted quantity"), "2 unaccounted quantities");
        assert_eq!(count(1, "drafted record"), "1 drafted record");
        assert_eq!(count(5, "drafted record"), "5 drafted records");
        assert_eq!(count(3, "city"), "3 cities");
        assert_eq!(count(2, "key"), "2 keys");
        assert_eq!(count(2, "match"), "2 matches");
        assert_eq!(count(2, "ignored passage"), "2 ignored passages");
    }
}
