//! What every command's output follows: colour only when wanted, control characters from data never reaching a
//! terminal, and stdout written through one buffer.
//!
//! `--color auto` (the default) colours only when stdout is a terminal and `NO_COLOR` is unset or empty;
//! `--color always` and `--color never` override both. On a terminal, C0/C1 control characters in what a command
//! writes (they can only come from data) are shown as visible escapes (`\x1b`); piped, output is byte-faithful.

use std::borrow::Cow;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::sync::OnceLock;

use clap::ValueEnum;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

/// How this run writes: decided once from `--color`, the environment and whether stdout is a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// stdout is a terminal: cut long cells, escape control characters.
    pub terminal: bool,
    /// Write colour and underline codes.
    pub color: bool,
}

impl Style {
    /// The style for a `--color` choice, a `NO_COLOR` value and whether stdout is a terminal.
    pub fn decide(choice: ColorChoice, no_color: Option<&str>, terminal: bool) -> Style {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && no_color.is_none_or(str::is_empty),
        };
        Style { terminal, color }
    }
}

static STYLE: OnceLock<Style> = OnceLock::new();

/// Fixes the style for this run (the first call wins).
pub fn init(choice: ColorChoice) {
    let no_color = std::env::var("NO_COLOR").ok();
    let _ = STYLE.set(Style::decide(choice, no_color.as_deref(), io::stdout().is_terminal()));
}

/// This run's style (`--color auto` if [`init`] was not called).
pub fn style() -> Style {
    *STYLE.get_or_init(|| {
        let no_color = std::env::var("NO_COLOR").ok();
        Style::decide(ColorChoice::Auto, no_color.as_deref(), io::stdout().is_terminal())
    })
}

/// `s` as it may be shown on stderr: control characters escaped when stderr is a terminal.
pub fn for_stderr(s: &str) -> Cow<'_, str> {
    if io::stderr().is_terminal() {
        zhibiao_core::control_chars::escape(s)
    } else {
        Cow::Borrowed(s)
    }
}

/// Buffered stdout that escapes control characters when stdout is a terminal. Call [`Out::flush`] at the end:
/// a write error (a closed pipe) is only seen there.
pub struct Out {
    inner: BufWriter<StdoutLock<'static>>,
    style: Style,
    /// A 0xC2 byte held back: with the next byte it may be a C1 control (U+0080–U+009F).
    pending_c2: bool,
}

/// The command's stdout.
pub fn stdout() -> Out {
    Out { inner: BufWriter::with_capacity(64 * 1024, io::stdout().lock()), style: style(), pending_c2: false }
}

impl Out {
    /// This run's style.
    pub fn style(&self) -> Style {
        self.style
    }

    /// Writes a colour or underline code (`"\x1b[1;4m"`) when colour is on; nothing otherwise.
    pub fn paint(&mut self, code: &str) -> io::Result<()> {
        if self.style.color {
            self.finish_pending()?;
            self.inner.write_all(code.as_bytes())?;
        }
        Ok(())
    }

    fn finish_pending(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xC2])?;
        }
        Ok(())
    }

    fn write_escaped(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            if std::mem::take(&mut self.pending_c2) {
                if (0x80..=0x9F).contains(&b) {
                    write!(self.inner, "\\u{{{b:x}}}")?;
                    start = i + 1;
                    continue;
                }
                self.inner.write_all(&[0xC2])?;
            }
            let control = (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F;
            if control || b == 0xC2 {
                self.inner.write_all(&buf[start..i])?;
                start = i + 1;
                if control {
                    write!(self.inner, "\\x{b:02x}")?;
                } else {
                    self.pending_c2 = true;
                }
            }
        }
        self.inner.write_all(&buf[start..])
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.style.terminal {
            self.write_escaped(buf)?;
            Ok(buf.len())
        } else {
            self.inner.write(buf)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.finish_pending()?;
        self.inner.flush()
    }
}

/// Whether an error is (or wraps) a closed stdout: then the reader has what it wanted and we stop quietly.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|inner| inner as _);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        if let Some(json) = err.downcast_ref::<serde_json::Error>() {
            if json.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
                return true;
            }
        }
        source = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_terminal_no_color_and_the_flag() {
        let auto = |no_color, terminal| Style::decide(ColorChoice::Auto, no_color, terminal).color;
        assert!(auto(None, true));
        assert!(auto(Some(""), true), "an empty NO_COLOR does not count");
        assert!(!auto(Some("1"), true));
        assert!(!auto(None, false));
        assert!(Style::decide(ColorChoice::Always, Some("1"), false).color);
        assert!(!Style::decide(ColorChoice::Never, None, true).color);
    }

    #[test]
    fn a_serde_json_broken_pipe_is_recognised_through_the_wrapper() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let e = serde_json::to_writer(Closed, &[1, 2, 3]).map_err(io::Error::other).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::Other);
        assert!(is_broken_pipe(&e));
        assert!(!is_broken_pipe(&io::Error::other("no such document")));
    }
}
