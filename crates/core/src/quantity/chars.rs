//! Characters and positions: byte-offset helpers the scanners share (digits, spaces, glue, connectors).

/// At most this many spaces may separate a number from its unit, a prefix word, a connector or a suffix word.
pub(super) const MAX_SPACES: usize = 4;

/// The character starting at byte `pos`, if `pos` is a character boundary inside `text`.
pub(super) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The character ending at byte `pos`, if `pos` is a character boundary inside `text`.
pub(super) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// True if `word` starts at byte `pos` of `text`.
pub(super) fn starts_with_at(text: &str, pos: usize, word: &str) -> bool {
    text.get(pos..).is_some_and(|rest| rest.starts_with(word))
}

/// The value of an ASCII (`0`–`9`) or full-width (`０`–`９`) digit.
pub(super) fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// True for an ASCII or full-width digit at byte `pos`.
pub(super) fn is_digit_at(text: &str, pos: usize) -> bool {
    char_at(text, pos).is_some_and(|c| digit_value(c).is_some())
}

/// Spaces that may sit between a number and the words around it.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Skips at most [`MAX_SPACES`] spaces forward from `pos`.
pub(super) fn skip_spaces(text: &str, mut pos: usize) -> usize {
    for _ in 0..MAX_SPACES {
        match char_at(text, pos) {
            Some(c) if is_space(c) => pos += c.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// Skips at most [`MAX_SPACES`] spaces backward from `pos`.
pub(super) fn skip_spaces_back(text: &str, mut pos: usize) -> usize {
    for _ in 0..MAX_SPACES {
        match char_before(text, pos) {
            Some(c) if is_space(c) => pos -= c.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// Letters that make a touching number part of a name or code (`5G`, `IPv6`, `Q400`).
pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Characters that glue numbers into versions, times, dates and fractions (`1.2.3`, `10:06`, `2022/10`).
pub(super) fn is_compound_glue(c: char) -> bool {
    matches!(c, '.' | '．' | ':' | '：' | '/' | '／')
}

/// The byte length of a range connector (`-`, `—`, `~`, `至`, `到` …) at `pos`, if there is one. A dash may be
/// doubled (`--`, `——`, `－－`), as a Chinese dash is typed.
pub(super) fn connector_len(text: &str, pos: usize) -> Option<usize> {
    match char_at(text, pos)? {
        c @ ('-' | '－' | '–' | '—' | '~' | '～' | '〜') => {
            let doubled = char_at(text, pos + c.len_utf8()) == Some(c);
            Some(if doubled { 2 * c.len_utf8() } else { c.len_utf8() })
        }
        c @ ('至' | '到') => Some(c.len_utf8()),
        _ => None,
    }
}
