//! Width-aware text: display width, truncation with an ellipsis, line wrapping for Chinese, and styled spans
//! split at byte ranges.
//!
//! Everything here measures terminal columns (a Chinese character takes two), never bytes or chars, and cuts
//! strings only at character boundaries.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;
use textwrap::WordSeparator;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Display width of one character (control characters count as zero).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The longest prefix of `s` (in bytes) that fits in `max` columns.
pub fn fit_prefix(s: &str, max: usize) -> usize {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > max {
            return i;
        }
        used += w;
    }
    s.len()
}

/// Cuts `s` to at most `max` columns, ending with `…` when it had to cut. Returns the text and the number of
/// bytes of `s` it kept (so that byte ranges into `s` can be clamped to what is shown).
pub fn truncate(s: &str, max: usize) -> (String, usize) {
    if width(s) <= max {
        return (s.to_string(), s.len());
    }
    if max == 0 {
        return (String::new(), 0);
    }
    let keep = fit_prefix(s, max - 1);
    let mut out = String::with_capacity(keep + 3);
    out.push_str(&s[..keep]);
    out.push('…');
    (out, keep)
}

/// Cuts `s` to at most `max` columns by taking out its middle, marked `…`: for names that share a long beginning
/// (`数字经济核心产业规模` and `数字经济核心产业规模增长`), whose ends tell them apart.
pub fn truncate_middle(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max < 4 {
        return truncate(s, max).0;
    }
    let tail_room = (max - 1) / 2;
    let head = fit_prefix(s, max - 1 - tail_room);
    // The longest suffix that fits in what the head left.
    let room = max - 1 - width(&s[..head]);
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        if width(&s[i..]) > room {
            break;
        }
        start = i;
        let _ = c;
    }
    format!("{}…{}", &s[..head], &s[start..])
}

/// `s` padded with spaces on the right to exactly `w` columns (truncated with `…` when wider).
pub fn pad(s: &str, w: usize) -> String {
    let (mut out, _) = truncate(s, w);
    let have = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(have)));
    out
}

/// Characters that must not start a line: Chinese closing punctuation and the half-width marks the seed texts
/// use in its place.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '％'
            | ','
            | '.'
            | ':'
            | ';'
            | ')'
            | ']'
            | '!'
            | '?'
            | '%'
    )
}

/// A unit of wrapping: a word by UAX #14 (for Chinese, usually one character with its punctuation).
struct Unit {
    start: usize,
    word_end: usize,
    end: usize,
}

/// Wraps one line of text (no line breaks inside) into lines of at most `max` columns, breaking by the Unicode
/// line-breaking rules (UAX #14), so Chinese breaks between characters and Latin text between words. No line
/// starts with closing punctuation (see [`no_line_start`]); a word wider than a line is cut at a character.
/// Returns the byte range of each line in `text`, without the white space at the break.
pub fn wrap(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(2);
    let mut units: Vec<Unit> = Vec::new();
    let mut pos = 0;
    for word in WordSeparator::UnicodeBreakProperties.find_words(text) {
        let start = pos;
        let word_end = start + word.word.len();
        let end = word_end + word.whitespace.len();
        pos = end;
        let glued = word.word.chars().next().is_some_and(no_line_start);
        match units.last_mut() {
            Some(last) if glued => {
                last.word_end = word_end;
                last.end = end;
            }
            _ => units.push(Unit { start, word_end, end }),
        }
    }
    let mut lines: Vec<Range<usize>> = Vec::new();
    // The line being filled: its start, the end of its last word, and its width up to there.
    let mut current: Option<(usize, usize, usize)> = None;
    let mut gap = 0; // width of the white space after the last word of the current line
    for u in &units {
        let w = width(&text[u.start..u.word_end]);
        if let Some((start, end, used)) = current {
            if used + gap + w <= max {
                current = Some((start, u.word_end, used + gap + w));
                gap = width(&text[u.word_end..u.end]);
                continue;
            }
            lines.push(start..end);
        }
        if w <= max {
            current = Some((u.start, u.word_end, w));
        } else {
            // Cut the word at characters; the last piece stays open for the next words.
            let pieces = cut_word(text, u.start..u.word_end, max);
            let (last, full) = pieces.split_last().expect("a non-empty word yields a piece");
            lines.extend(full.iter().cloned());
            current = Some((last.start, last.end, width(&text[last.clone()])));
        }
        gap = width(&text[u.word_end..u.end]);
    }
    if let Some((start, end, _)) = current {
        lines.push(start..end);
    }
    lines
}

/// Cuts `range` of `text` into pieces of at most `max` columns; a piece never starts with closing punctuation
/// when the piece before it can give up characters to carry it.
fn cut_word(text: &str, range: Range<usize>, max: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = range.start;
    let mut used = 0;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let w = char_width(c);
        if used + w > max && at > start {
            // Step the cut back over closing punctuation, keeping at least one character in this piece.
            let mut cut = at;
            while cut > start && text[cut..].chars().next().is_some_and(no_line_start) {
                match text[start..cut].char_indices().next_back() {
                    Some((j, _)) if start + j > start => cut = start + j,
                    _ => break,
                }
            }
            if text[cut..].chars().next().is_some_and(no_line_start) {
                cut = at;
            }
            pieces.push(start..cut);
            start = cut;
            used = width(&text[cut..at]);
        }
        used += w;
    }
    pieces.push(start..range.end);
    pieces
}

/// Splits `text` into spans: `base` everywhere, patched by each `(range, style)` mark in order (later marks
/// patch over earlier ones). Ranges are byte ranges into `text`; they are clamped to it and to character
/// boundaries, and empty ones are ignored.
pub fn styled_spans<'a>(text: &'a str, base: Style, marks: &[(Range<usize>, Style)]) -> Vec<Span<'a>> {
    let clamp = |mut b: usize| {
        b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    let marks: Vec<(Range<usize>, Style)> =
        marks.iter().map(|(r, s)| (clamp(r.start)..clamp(r.end), *s)).filter(|(r, _)| r.start < r.end).collect();
    for (r, _) in &marks {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a == b {
            continue;
        }
        let mut style = base;
        for (r, s) in &marks {
            if r.start <= a && b <= r.end {
                style = style.patch(*s);
            }
        }
        // Control characters from data show as visible escapes, never reach the terminal.
        spans.push(Span::styled(zhibiao_core::control_chars::escape(&text[a..b]), style));
    }
    spans
}

/// Shifts byte ranges given relative to a larger text so they are relative to `window` of it, dropping those
/// that do not overlap the window.
pub fn ranges_within(marks: &[(Range<usize>, Style)], window: &Range<usize>) -> Vec<(Range<usize>, Style)> {
    marks
        .iter()
        .filter(|(r, _)| r.start < window.end && window.start < r.end)
        .map(|(r, s)| (r.start.max(window.start) - window.start..r.end.min(window.end) - window.start, *s))
        .collect()
}

/// `1 indicator`, `5 indicators`.
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_middle_cut_keeps_the_ends_that_tell_names_apart() {
        assert_eq!(truncate_middle("数字经济核心产业规模", 17), "数字经济…产业规模");
        assert_eq!(truncate_middle("数字经济核心产业规模增长", 17), "数字经济…规模增长");
        assert!(width(&truncate_middle("数字经济核心产业规模增长", 16)) <= 16);
        assert_eq!(truncate_middle("5G基站", 17), "5G基站");
        assert_eq!(truncate_middle("abcdefghij", 7), "abc…hij");
    }
    use ratatui::style::Modifier;

    const PARA: &str = "到2022年,新建 5G基站 1万座、电动汽车充电桩 4000个。到2025年,绿色出行比例提高到75%以上,城市公交、市区出租车清洁能源比例达到100%。";

    fn lines_of(text: &str, max: usize) -> Vec<&str> {
        wrap(text, max).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wrapped_lines_fit_and_never_start_with_closing_punctuation() {
        for max in 4..40 {
            let lines = lines_of(PARA, max);
            for line in &lines {
                assert!(width(line) <= max, "{line:?} is wider than {max}");
                let first = line.chars().next().unwrap();
                assert!(!no_line_start(first), "{line:?} starts with punctuation at width {max}");
            }
            // Nothing is lost: the lines, joined with the white space at the breaks, are the text.
            let ranges = wrap(PARA, max);
            assert_eq!(ranges[0].start, 0);
            assert_eq!(ranges.last().unwrap().end, PARA.len());
            for pair in ranges.windows(2) {
                assert!(PARA[pair[0].end..pair[1].start].trim().is_empty());
            }
        }
    }

    #[test]
    fn chinese_breaks_between_characters_and_latin_between_words() {
        assert_eq!(lines_of("新建5G基站一万座", 6), vec!["新建5G", "基站一", "万座"]);
        assert_eq!(lines_of("新建5G基站", 5), vec!["新建", "5G基", "站"]);
        assert_eq!(lines_of("hello big world", 9), vec!["hello big", "world"]);
        // A comma is kept with the character before it, even when that makes a line shorter.
        assert_eq!(lines_of("甲乙丙,丁", 6), vec!["甲乙", "丙,丁"]);
        assert_eq!(lines_of("甲乙丙，丁", 6), vec!["甲乙", "丙，丁"]);
    }

    #[test]
    fn words_wider_than_a_line_are_cut_at_characters() {
        assert_eq!(lines_of("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn truncation_counts_columns_and_keeps_characters_whole() {
        assert_eq!(truncate("单位地区生产总值", 7), ("单位地…".to_string(), "单位地".len()));
        assert_eq!(truncate("abc", 3).0, "abc");
        assert_eq!(width(&pad("沈阳", 6)), 6);
        assert_eq!(pad("沈阳市人民政府", 5), "沈阳…");
    }

    #[test]
    fn spans_split_exactly_at_the_marked_bytes() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let spans = styled_spans("新建5G基站", Style::default(), &[(6..8, bold)]);
        let parts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, vec!["新建", "5G", "基站"]);
        assert_eq!(spans[1].style, bold);
        // A range that ends inside a character is clamped to its start.
        let spans = styled_spans("新建", Style::default(), &[(0..4, bold)]);
        assert_eq!(spans[0].content, "新");
    }
}
