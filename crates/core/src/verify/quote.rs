//! The rule that ties a curated record to its source text: the quote is really there, once (or once in the
//! paragraph the curator names), with a precise report of the difference when it is not.

use std::ops::Range;

use crate::corpus::Text;

/// Where a quote was found: 1-based paragraph and byte span in the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// Byte range in the document's text.
    pub span: Range<usize>,
}

/// Why a quote could not be placed, with what a curator needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteProblem {
    /// The quote is empty.
    Empty,
    /// Not in the document; `closest` is the most similar paragraph and `hint` the difference, if found.
    NotFound { closest: Option<(usize, String)>, hint: Option<String> },
    /// Found in several paragraphs and no paragraph hint says which.
    Ambiguous { paragraphs: Vec<usize> },
    /// The paragraph hint names a paragraph the quote is not in.
    NotInParagraph { paragraph: usize, found_in: Vec<usize> },
}

/// Finds `quote` in `text`, using the curator's paragraph hint when given.
pub fn locate_quote(text: &Text, quote: &str, hint: Option<usize>) -> Result<Located, QuoteProblem> {
    place_quote(text, quote, hint, &text.find(quote))
}

/// Decides where `quote` stands given all its occurrences `hits` (from [`Text::find`] or
/// [`crate::corpus::find_many`]) and the curator's paragraph hint.
pub fn place_quote(
    text: &Text,
    quote: &str,
    hint: Option<usize>,
    hits: &[(usize, Range<usize>)],
) -> Result<Located, QuoteProblem> {
    if quote.trim().is_empty() {
        return Err(QuoteProblem::Empty);
    }
    let mut paragraphs: Vec<usize> = hits.iter().map(|(p, _)| *p).collect();
    paragraphs.dedup();
    match hint {
        Some(p) => match hits.iter().find(|(n, _)| *n == p) {
            Some((n, span)) if hits.iter().filter(|(m, _)| *m == p).count() == 1 => {
                Ok(Located { paragraph: *n, span: span.clone() })
            }
            Some(_) => Err(QuoteProblem::Ambiguous { paragraphs: vec![p, p] }),
            None if hits.is_empty() => Err(not_found(text, quote)),
            None => Err(QuoteProblem::NotInParagraph { paragraph: p, found_in: paragraphs }),
        },
        None => match hits {
            [] => Err(not_found(text, quote)),
            [(n, span)] => Ok(Located { paragraph: *n, span: span.clone() }),
            _ => Err(QuoteProblem::Ambiguous { paragraphs }),
        },
    }
}

/// Builds the "not found" report: the paragraph sharing the longest run with the quote, and the difference.
fn not_found(text: &Text, quote: &str) -> QuoteProblem {
    let quote_chars: Vec<char> = quote.chars().collect();
    let mut best: Option<(usize, usize)> = None; // (score, paragraph)
    for n in 1..=text.paragraphs.len() {
        let para = text.paragraph(n).unwrap_or("");
        let score = longest_prefix_found(&quote_chars, para) + longest_suffix_found(&quote_chars, para);
        if score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, n));
        }
    }
    let Some((_, n)) = best else {
        return QuoteProblem::NotFound { closest: None, hint: None };
    };
    let para = text.paragraph(n).unwrap_or("");
    QuoteProblem::NotFound {
        closest: Some((n, excerpt_around(para, &quote_chars))),
        hint: difference_hint(para, &quote_chars),
    }
}

/// How many leading characters of the quote occur together somewhere in the paragraph.
fn longest_prefix_found(quote: &[char], para: &str) -> usize {
    let (mut lo, mut hi) = (0, quote.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let prefix: String = quote[..mid].iter().collect();
        if para.contains(&prefix) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// How many trailing characters of the quote occur together somewhere in the paragraph.
fn longest_suffix_found(quote: &[char], para: &str) -> usize {
    let (mut lo, mut hi) = (0, quote.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let suffix: String = quote[quote.len() - mid..].iter().collect();
        if para.contains(&suffix) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// The part of the paragraph around where the quote's beginning matches, with ellipses, for the "closest" line.
fn excerpt_around(para: &str, quote: &[char]) -> String {
    let prefix_len = longest_prefix_found(quote, para);
    let anchor: String = quote[..prefix_len.max(1).min(quote.len())].iter().collect();
    let chars: Vec<char> = para.chars().collect();
    let start_char = para.find(&anchor).map(|b| para[..b].chars().count()).unwrap_or(0);
    let from = start_char.saturating_sub(10);
    let to = (start_char + quote.len() + 20).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// Says how the source differs from the quote: first where the quote's longest matching prefix stops, and
/// whether the difference is only punctuation width or spacing.
fn difference_hint(para: &str, quote: &[char]) -> Option<String> {
    let quote_str: String = quote.iter().collect();
    // Only punctuation width or spacing?
    let (norm_para, map) = normalize_for_compare(para);
    let (norm_quote, _) = normalize_for_compare(&quote_str);
    if !norm_quote.is_empty() {
        if let Some(pos) = norm_para.find(&norm_quote) {
            let start = map[norm_para[..pos].chars().count()];
            let end_char = norm_para[..pos + norm_quote.len()].chars().count();
            let end = map.get(end_char).copied().unwrap_or(para.len());
            let source = para[start..end].trim_end();
            let diffs = char_differences(source, &quote_str);
            return Some(format!(
                "the quote matches only if punctuation width and spacing are ignored; the source reads \"{source}\"{diffs}"
            ));
        }
    }
    let prefix_len = longest_prefix_found(quote, para);
    if prefix_len == 0 {
        return None;
    }
    let prefix: String = quote[..prefix_len].iter().collect();
    let at = para.find(&prefix)? + prefix.len();
    let rest = &quote[prefix_len..];
    let lead: String = quote[prefix_len.saturating_sub(3)..prefix_len].iter().collect();
    // Where does the rest of the quote pick up again in the source? The longest suffix of the quote found
    // after the common prefix marks the end of the difference.
    for k in (1..=rest.len()).rev() {
        let suffix: String = rest[rest.len() - k..].iter().collect();
        if let Some(pos) = para[at..].find(&suffix) {
            let source_mid = &para[at..at + pos];
            let quote_mid: String = rest[..rest.len() - k].iter().collect();
            let tail: String = rest[rest.len() - k..].iter().take(2).collect();
            return Some(format!(
                "the source has \"{lead}{source_mid}{tail}\" where the quote has \"{lead}{quote_mid}{tail}\""
            ));
        }
    }
    let source_next: String = para[at..].chars().take(6).collect();
    let quote_next: String = rest.iter().take(6).collect();
    Some(if source_next.is_empty() {
        format!("the source's paragraph ends after \"{lead}\" where the quote goes on with \"{quote_next}\"")
    } else {
        format!("after \"{lead}\" the source has \"{source_next}\" where the quote has \"{quote_next}\"")
    })
}

/// Lists the characters that differ between two texts that are equal up to width and spacing.
fn char_differences(source: &str, quote: &str) -> String {
    let a: Vec<char> = source.chars().filter(|c| !c.is_whitespace()).collect();
    let b: Vec<char> = quote.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for (x, y) in a.iter().zip(b.iter()) {
        if x != y {
            out.push(format!("'{x}' (U+{:04X}) where the quote has '{y}' (U+{:04X})", *x as u32, *y as u32));
        }
    }
    let spaces = |s: &str| s.chars().filter(|c| c.is_whitespace()).count();
    if spaces(source) != spaces(quote) {
        out.push(format!("{} spaces where the quote has {}", spaces(source), spaces(quote)));
    }
    if out.is_empty() {
        String::new()
    } else {
        format!(": {}", out.join("; "))
    }
}

/// Folds full-width ASCII forms and CJK punctuation to their half-width equivalents and drops white space;
/// returns the folded text and, for each of its characters, the byte offset of the original character.
pub fn normalize_for_compare(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let folded = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '、' => ',',
            '。' => '.',
            '“' | '”' | '「' | '」' => '"',
            '‘' | '’' => '\'',
            other => other,
        };
        out.push(folded);
        map.push(i);
    }
    map.push(s.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        Text::from_string(s.to_string())
    }

    #[test]
    fn quotes_are_found_once_or_need_a_paragraph() {
        let t = text("到2025年,绿色出行比例提高到75%以上。\n\n比例提高到75%以上\n");
        assert_eq!(locate_quote(&t, "绿色出行比例", None).unwrap().paragraph, 1);
        assert_eq!(locate_quote(&t, "提高到75%以上", None), Err(QuoteProblem::Ambiguous { paragraphs: vec![1, 2] }));
        assert_eq!(locate_quote(&t, "提高到75%以上", Some(2)).unwrap().paragraph, 2);
        assert_eq!(
            locate_quote(&t, "绿色出行比例", Some(2)),
            Err(QuoteProblem::NotInParagraph { paragraph: 2, found_in: vec![1] })
        );
        assert_eq!(locate_quote(&t, " ", None), Err(QuoteProblem::Empty));
    }

    #[test]
    fn a_missing_quote_names_the_closest_paragraph_and_the_difference() {
        let t = text("无关\n到2025年,绿色出行比例提高到75%以上,城市公交、市区出租车清洁能源比例达到100%。\n");
        let Err(QuoteProblem::NotFound { closest: Some((n, excerpt)), hint: Some(hint) }) =
            locate_quote(&t, "绿色出行比例提高到75%,城市公交", None)
        else {
            panic!("expected a not-found report")
        };
        assert_eq!(n, 2);
        assert!(excerpt.contains("绿色出行比例提高到75%以上"), "{excerpt}");
        assert_eq!(hint, "the source has \"75%以上,城\" where the quote has \"75%,城\"");
    }

    #[test]
    fn punctuation_width_differences_are_named_exactly() {
        let t = text("到2025年,绿色出行比例提高到75%以上,城市公交\n");
        let Err(QuoteProblem::NotFound { hint: Some(hint), .. }) = locate_quote(&t, "75%以上，城市 公交", None)
        else {
            panic!("expected a not-found report")
        };
        assert!(hint.contains("punctuation width and spacing"), "{hint}");
        assert!(hint.contains("',' (U+002C) where the quote has '，' (U+FF0C)"), "{hint}");
        assert!(hint.contains("0 spaces where the quote has 1"), "{hint}");
    }
}
