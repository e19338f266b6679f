//! Control characters in data: finding them (for `check`'s warnings) and showing them as visible escapes (for
//! output to a terminal), so a source text or a YAML string can never drive the user's terminal.
//!
//! A control character here is a C0 or C1 control (U+0000–U+001F, U+007F–U+009F) other than newline and tab.
//! Written to a terminal, `ESC ] 52 ; c ; …` can set the clipboard, `ESC ] 0 ;` the window title and `ESC [ 31m`
//! the colour of everything after it. Piped output stays byte-faithful; this module only offers the means.

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Severity};

/// True for a character that must not reach a terminal as it is.
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `s` with every control character replaced by a visible escape (`\x1b`, `\u{9b}`); borrowed when there is none.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !is_control(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// One control character found in a file: 1-based line and column (in characters) and the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// The control character (decoded, for a YAML escape such as `\e`).
    pub ch: char,
}

/// Whether `text` may hold a control character: a byte scan that lets the common clean file through at once.
/// (A C1 control is encoded as 0xC2 0x80–0x9F; a carriage return is looked at only by the full scan.)
fn may_hold_control(text: &str) -> bool {
    let b = text.as_bytes();
    // A branch-free pass the compiler vectorises, then a look behind each 0xC2 (`·` and `°` are 0xC2 too).
    b.iter().fold(false, |acc, &c| acc | ((c < 0x20) & (c != b'\n') & (c != b'\t')) | (c == 0x7F))
        || memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
}

/// Control characters written literally in a text; a carriage return ending a line (`\r\n`) is a line end.
pub fn in_text(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    if !may_hold_control(text) {
        return found;
    }
    let (mut line, mut col) = (1, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        if c == '\n' {
            (line, col) = (line + 1, 0);
        } else if is_control(c) && !(c == '\r' && chars.peek() == Some(&'\n')) {
            found.push(Found { line, col, ch: c });
        }
    }
    found
}

/// Control characters in a YAML file: written literally anywhere, or written as an escape inside a
/// double-quoted scalar (`"\e[31m"`, `"\x1b"`, `"\u009b"`), which the parser turns into the character itself.
pub fn in_yaml(text: &str) -> Vec<Found> {
    let mut found = in_text(text);
    if !text.contains('\\') {
        return found;
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut line, mut col) = (1, 0);
    let mut in_double = false;
    let mut in_comment = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        col += 1;
        if c == '\n' {
            (line, col, in_comment) = (line + 1, 0, false);
        } else if in_double {
            if c == '"' {
                in_double = false;
            } else if c == '\\' && i + 1 < chars.len() {
                let (decoded, len) = yaml_escape(&chars[i + 1..]);
                if let Some(ch) = decoded.filter(|&ch| is_control(ch)) {
                    found.push(Found { line, col, ch });
                }
                i += len;
                col += len;
            }
        } else if in_comment {
        } else if c == '#' && (i == 0 || chars[i - 1].is_whitespace()) {
            in_comment = true;
        } else if c == '"' && opens_scalar(&chars[..i]) {
            in_double = true;
        } else if c == '\'' && opens_scalar(&chars[..i]) {
            // A single-quoted scalar has no escapes: skip to its end ('' is a quote inside it).
            i += 1;
            while i < chars.len() {
                col += 1;
                match chars[i] {
                    '\'' if chars.get(i + 1) == Some(&'\'') => {
                        i += 1;
                        col += 1;
                    }
                    '\'' => break,
                    '\n' => (line, col) = (line + 1, 0),
                    _ => {}
                }
                i += 1;
            }
        }
        i += 1;
    }
    found.sort_by_key(|f| (f.line, f.col));
    found
}

/// Whether a quote after `before` starts a quoted scalar (after `key: `, `- `, `[`, `{`, `,` or indentation)
/// rather than standing inside a plain one (`it's`).
fn opens_scalar(before: &[char]) -> bool {
    let prev = before.iter().rev().find(|c| **c != ' ');
    matches!(prev, None | Some('\n' | ':' | '-' | '[' | '{' | ',' | '?' | '|' | '>'))
}

/// The character a YAML double-quoted escape stands for (`rest` starts after the backslash) and how many
/// characters of `rest` it uses; `None` for an escape the parser would refuse anyway.
fn yaml_escape(rest: &[char]) -> (Option<char>, usize) {
    let hex = |n: usize| -> (Option<char>, usize) {
        let digits: String = rest.iter().skip(1).take(n).collect();
        if digits.len() != n {
            return (None, 1);
        }
        (u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32), n + 1)
    };
    match rest[0] {
        '0' => (Some('\0'), 1),
        'a' => (Some('\x07'), 1),
        'b' => (Some('\x08'), 1),
        'v' => (Some('\x0b'), 1),
        'f' => (Some('\x0c'), 1),
        'r' => (Some('\r'), 1),
        'e' => (Some('\x1b'), 1),
        'N' => (Some('\u{85}'), 1),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        _ => (None, 1),
    }
}

/// `check`'s warnings for the control characters of one file, located; `yaml` chooses [`in_yaml`] over
/// [`in_text`].
pub fn warnings(path: &str, text: &str, yaml: bool) -> Vec<Diagnostic> {
    let found = if yaml { in_yaml(text) } else { in_text(text) };
    found
        .into_iter()
        .map(|f| {
            let mut d = Diagnostic::error(
                path,
                (f.line, f.col),
                format!(
                    "control character {} in {}",
                    escape(&f.ch.to_string()),
                    if yaml { "YAML" } else { "source text" }
                ),
            )
            .hint("a terminal would act on it (colours, window title, clipboard); remove it, or copy the text again");
            d.severity = Severity::Warning;
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_visible_and_plain_text_is_untouched() {
        assert_eq!(escape("\x1b]52;c;aGk=\x07 title"), "\\x1b]52;c;aGk=\\x07 title");
        assert_eq!(escape("a\u{9b}31m"), "a\\u{9b}31m");
        assert_eq!(escape("新建5G基站\t1万座\n"), "新建5G基站\t1万座\n");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn literal_controls_are_located_and_crlf_is_a_line_end() {
        let f = in_text("第一段\r\n到2025年\x1b[31m红\n");
        assert_eq!(f, vec![Found { line: 2, col: 7, ch: '\x1b' }]);
        assert!(in_text("a\rb").iter().any(|f| f.ch == '\r'));
    }

    #[test]
    fn yaml_escapes_in_double_quotes_count_and_elsewhere_do_not() {
        let yaml = "name: \"绿色\\e[31m\"\nnote: 'a \\e b'\nquote: plain \\e text # \"\\e\"\nx: \"\\u009b\\t\"\n";
        let f = in_yaml(yaml);
        assert_eq!(f, vec![Found { line: 1, col: 10, ch: '\x1b' }, Found { line: 4, col: 5, ch: '\u{9b}' }]);
        assert!(in_yaml("a: \"tab\\tnewline\\n\"\nb: it's \"fine\"\n").is_empty());
    }
}
