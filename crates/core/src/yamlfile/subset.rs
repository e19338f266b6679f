//! A fast reader for the subset of YAML the dataset's files are written in, straight into the schema types.
//!
//! `yaml_serde` reads this data at about 45 MB/s on one thread, which made YAML parsing most of a cold load. The
//! files under `data/` use a small part of YAML: block mappings and block sequences, keys that are plain words,
//! and one-line scalars (plain, `'single'` or `"double"` without escapes). This module reads exactly that
//! subset, line by line, as a [`serde::Deserializer`], with YAML 1.2's rules for what a plain scalar means
//! (the same rules `yaml_serde` applies).
//!
//! It is an accelerator, never a second opinion: [`from_str`] answers `None` for anything outside the subset
//! (flow collections, anchors, tags, block scalars, multi-line or escaped scalars, tabs, document markers, an
//! empty value, a number in any form but plain decimal digits) **and for every error** (a wrong type, an unknown,
//! missing or duplicate field). The caller then reads the file with `yaml_serde`, which decides and reports.
//! So a file this reader accepts gives the same value `yaml_serde` gives, and every other file behaves exactly
//! as before; the tests check the first against `yaml_serde` on the seeds, on hand-picked edge cases and on
//! generated documents.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// Reads `text` as a `T` if it is inside the subset and deserializes without error; `None` otherwise.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    if outside_charset(text) {
        return None;
    }
    let mut p = Parser { lines: Lines::new(text), pending: None };
    let first = p.peek()?;
    if first.indent != 0 {
        return None;
    }
    let block = if is_item(first.text) { Value::Seq(0) } else { Value::Map(0) };
    let value = T::deserialize(ValueDe { p: &mut p, v: block }).ok()?;
    // Everything must have been read: a line left over is a structure the subset does not know.
    p.peek().is_none().then_some(value)
}

/// True when `text` holds a character the subset leaves to `yaml_serde`: a tab, a carriage return, a
/// backslash (escapes), a byte-order mark, a character YAML does not allow in a stream (C0 and C1 controls, DEL,
/// U+FFFE, U+FFFF), or one it takes for a line break (U+0085, U+2028, U+2029).
fn outside_charset(text: &str) -> bool {
    let b = text.as_bytes();
    // One branch-free pass the compiler vectorises, then a look at each lead byte of the few multi-byte
    // characters that matter.
    let control = b.iter().fold(false, |acc, &c| acc | ((c < 0x20) & (c != b'\n')) | (c == 0x7f) | (c == b'\\'));
    control
        || memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).any(|i| match b[i] {
            0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
            0xe2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
            _ => matches!((b.get(i + 1), b.get(i + 2)), (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))),
        })
}

/// Why the subset reader gave up; never shown (the caller falls back to `yaml_serde`).
#[derive(Debug)]
pub struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outside the YAML subset")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// A line with content: its indentation in spaces and the rest of it.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// The lines of the text that hold content (blank and comment-only lines skipped).
struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { rest: text }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        while !self.rest.is_empty() {
            let (line, rest) = match memchr::memchr(b'\n', self.rest.as_bytes()) {
                Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
                None => (self.rest, ""),
            };
            self.rest = rest;
            let text = line.trim_start_matches(' ');
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            return Some(Line { indent: line.len() - text.len(), text });
        }
        None
    }
}

/// The reader's position: the lines still to read, and a line already split off (the `key: value` after `- `).
struct Parser<'a> {
    lines: Lines<'a>,
    pending: Option<Line<'a>>,
}

impl<'a> Parser<'a> {
    fn peek(&mut self) -> Option<Line<'a>> {
        if self.pending.is_none() {
            self.pending = self.lines.next();
        }
        self.pending
    }

    fn take(&mut self) {
        self.pending = None;
    }
}

/// A value about to be deserialized: a scalar already read, or a block starting at the next line.
enum Value<'a> {
    /// A scalar, and whether it was plain (unquoted).
    Scalar(Cow<'a, str>, bool),
    /// A block mapping whose keys are at this indentation.
    Map(usize),
    /// A block sequence whose `- ` are at this indentation.
    Seq(usize),
}

/// True for a sequence entry: `- ` or a lone `-`.
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Splits `key: rest` (or `key:` at the end of the line); keys are plain words.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let end = text.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    if end == 0 || text.as_bytes()[0] == b'-' || text.as_bytes()[end] != b':' {
        return None;
    }
    let rest = &text[end + 1..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((&text[..end], rest.trim_start_matches(' ')))
}

/// Reads the value written after `key:` or `- ` on one line; `None` when the line ends (after a comment, if any)
/// and the value is a block below.
fn inline_scalar(rest: &str) -> Result<Option<Value<'_>>> {
    if rest.is_empty() || rest.starts_with('#') {
        return Ok(None);
    }
    let quote = rest.as_bytes()[0];
    if quote == b'"' || quote == b'\'' {
        return quoted(rest, quote).map(Some);
    }
    // A plain scalar: up to a comment (` #`), without trailing spaces.
    let text = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest,
    }
    .trim_end_matches(' ');
    let first = text.as_bytes()[0];
    let indicator = b"-?:,[]{}#&*!|>'\"%@`".contains(&first);
    let negative_number = first == b'-' && text.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    if (indicator && !negative_number) || text.contains(": ") || text.ends_with(':') {
        return Err(Bail);
    }
    Ok(Some(Value::Scalar(Cow::Borrowed(text), true)))
}

/// A quoted scalar that closes on its own line, followed by nothing but a comment.
fn quoted(rest: &str, quote: u8) -> Result<Value<'_>> {
    let body = &rest[1..];
    let mut end = None;
    let mut doubled = false;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == quote {
            // In single quotes, '' is one quote character.
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                doubled = true;
                i += 2;
                continue;
            }
            end = Some(i);
            break;
        }
        i += 1;
    }
    let end = end.ok_or(Bail)?;
    let after = &body[end + 1..];
    let trailing = after.trim_start_matches(' ');
    if !(trailing.is_empty() || (trailing.starts_with('#') && after.starts_with(' '))) {
        return Err(Bail);
    }
    let text = &body[..end];
    let text = if doubled { Cow::Owned(text.replace("''", "'")) } else { Cow::Borrowed(text) };
    Ok(Value::Scalar(text, false))
}

/// The block that follows a `key:` with nothing after it, whose key is at `indent`: a mapping or sequence
/// indented further, or a sequence at the key's own indentation. An empty value is outside the subset.
fn block_after(p: &mut Parser<'_>, indent: usize) -> Result<Value<'static>> {
    let next = p.peek().ok_or(Bail)?;
    match (next.indent, is_item(next.text)) {
        (i, true) if i >= indent => Ok(Value::Seq(i)),
        (i, false) if i > indent => Ok(Value::Map(i)),
        _ => Err(Bail),
    }
}

/// A plain scalar's meaning when the type asks the format what it holds: `Some(number)` for the forms read
/// here, `None` for text; an error for null, booleans and other number forms (left to `yaml_serde`).
enum Plain {
    Unsigned(u64),
    Negative(i64),
    Float(f64),
}

fn plain_number(text: &str) -> Result<Option<Plain>> {
    let first = text.as_bytes()[0];
    if matches!(text, "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE") {
        return Err(Bail);
    }
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return Ok(None);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || (int.len() > 1 && int.starts_with('0')) || frac.is_some_and(|f| !all_digits(f)) {
        return Err(Bail);
    }
    if frac.is_some() {
        let v: f64 = text.parse().map_err(|_| Bail)?;
        return if v.is_finite() { Ok(Some(Plain::Float(v))) } else { Err(Bail) };
    }
    if negative {
        text.parse().map(|v| Some(Plain::Negative(v))).map_err(|_| Bail)
    } else {
        text.parse().map(|v| Some(Plain::Unsigned(v))).map_err(|_| Bail)
    }
}

/// Deserializes one value.
struct ValueDe<'p, 'a> {
    p: &'p mut Parser<'a>,
    v: Value<'a>,
}

impl<'p, 'a> ValueDe<'p, 'a> {
    fn integer<V: Visitor<'a>>(self, visitor: V, signed: bool) -> Result<V::Value> {
        let Value::Scalar(text, true) = self.v else { return Err(Bail) };
        match plain_number(&text)? {
            Some(Plain::Unsigned(v)) => visitor.visit_u64(v),
            Some(Plain::Negative(v)) if signed => visitor.visit_i64(v),
            _ => Err(Bail),
        }
    }
}

/// `deserialize_i8` … `deserialize_u64`: a plain integer, signed or not.
macro_rules! integers {
    ($($name:ident => $signed:expr),* $(,)?) => {
        $(fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor, $signed)
        })*
    };
}

/// Methods for types the schema never asks for: outside the subset.
macro_rules! refused {
    ($($name:ident),* $(,)?) => {
        $(fn $name<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(Bail)
        })*
    };
}

impl<'de, 'p> de::Deserializer<'de> for ValueDe<'p, 'de> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.v {
            Value::Scalar(text, false) => visit_text(text, visitor),
            Value::Scalar(text, true) => match plain_number(&text)? {
                Some(Plain::Unsigned(v)) => visitor.visit_u64(v),
                Some(Plain::Negative(v)) => visitor.visit_i64(v),
                Some(Plain::Float(v)) => visitor.visit_f64(v),
                None => visit_text(text, visitor),
            },
            Value::Map(indent) => visitor.visit_map(MapDe { p: self.p, indent, key_line: None }),
            Value::Seq(indent) => visitor.visit_seq(SeqDe { p: self.p, indent }),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.v {
            Value::Scalar(text, _) => visit_text(text, visitor),
            _ => Err(Bail),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.v {
            Value::Scalar(text, true) if matches!(text.as_ref(), "~" | "null" | "Null" | "NULL") => {
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    integers! {
        deserialize_i8 => true,
        deserialize_i16 => true,
        deserialize_i32 => true,
        deserialize_i64 => true,
        deserialize_u8 => false,
        deserialize_u16 => false,
        deserialize_u32 => false,
        deserialize_u64 => false,
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.v {
            Value::Seq(indent) => visitor.visit_seq(SeqDe { p: self.p, indent }),
            _ => Err(Bail),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.v {
            Value::Map(indent) => visitor.visit_map(MapDe { p: self.p, indent, key_line: None }),
            _ => Err(Bail),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.v {
            Value::Scalar(Cow::Borrowed(text), _) if !text.is_empty() => {
                visitor.visit_enum(de::value::BorrowedStrDeserializer::new(text))
            }
            Value::Scalar(Cow::Owned(text), _) if !text.is_empty() => visitor.visit_enum(text.into_deserializer()),
            _ => Err(Bail),
        }
    }

    // Nothing in the schema asks for these; leave them to yaml_serde.
    refused!(
        deserialize_bool,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_ignored_any
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Result<V::Value> {
        Err(Bail)
    }
}

/// Text to a visitor, borrowed from the file when it can be.
fn visit_text<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value> {
    match text {
        Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
        Cow::Owned(s) => visitor.visit_string(s),
    }
}

/// The entries of a block mapping whose keys are at `indent`.
struct MapDe<'p, 'a> {
    p: &'p mut Parser<'a>,
    indent: usize,
    /// The rest of the line of the key just read.
    key_line: Option<&'a str>,
}

impl<'de> MapAccess<'de> for MapDe<'_, 'de> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(line) = self.p.peek() else { return Ok(None) };
        if line.indent < self.indent {
            return Ok(None);
        }
        // Deeper than the keys (a continued scalar, a stray block) or not a key: outside the subset.
        if line.indent > self.indent {
            return Err(Bail);
        }
        if is_item(line.text) {
            // A sequence at the keys' own indentation ends the mapping only where it is the value of a key.
            return Err(Bail);
        }
        let (key, rest) = split_key(line.text).ok_or(Bail)?;
        self.p.take();
        self.key_line = Some(rest);
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let rest = self.key_line.take().ok_or(Bail)?;
        let v = match inline_scalar(rest)? {
            Some(v) => v,
            None => block_after(self.p, self.indent)?,
        };
        // What follows the value at the keys' indentation must be the next key, which `next_key_seed` checks.
        seed.deserialize(ValueDe { p: &mut *self.p, v })
    }
}

/// The entries of a block sequence whose `- ` are at `indent`.
struct SeqDe<'p, 'a> {
    p: &'p mut Parser<'a>,
    indent: usize,
}

impl<'de> SeqAccess<'de> for SeqDe<'_, 'de> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some(line) = self.p.peek() else { return Ok(None) };
        if line.indent < self.indent || (line.indent == self.indent && !is_item(line.text)) {
            return Ok(None);
        }
        if line.indent > self.indent {
            return Err(Bail);
        }
        let after = line.text.get(1..).unwrap_or("");
        let content = after.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') || is_item(content) {
            return Err(Bail);
        }
        let column = self.indent + 1 + (after.len() - content.len());
        let v = if split_key(content).is_some() {
            // `- key: value`: a mapping whose keys are at the column of this first key.
            self.p.pending = Some(Line { indent: column, text: content });
            Value::Map(column)
        } else {
            self.p.take();
            inline_scalar(content)?.ok_or(Bail)?
        };
        seed.deserialize(ValueDe { p: &mut *self.p, v }).map(Some)
    }
}

#[cfg(test)]
mod tests;
