//! The commands zhibiao suggests (in hints, `next:` lines and error messages) as the user can run them: with
//! the `--data DIR` of this run, so that a suggested `zhibiao check` checks the dataset being worked on and not
//! the bundled one.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static DATA: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Fixes the dataset folder of this run (the first call wins).
pub fn init(data: Option<&Path>) {
    let _ = DATA.set(data.map(Path::to_path_buf));
}

fn data() -> Option<&'static Path> {
    DATA.get().and_then(|d| d.as_deref())
}

/// `zhibiao <args>` with this run's `--data DIR` (quoted for a POSIX shell when it needs to be):
/// `command("check")` is `zhibiao --data ./my-dataset check`, or `zhibiao check` on the bundled dataset.
pub fn command(args: &str) -> String {
    with(data(), args)
}

/// [`command`] for a given dataset folder.
pub fn with(data: Option<&Path>, args: &str) -> String {
    match data {
        Some(dir) => format!("zhibiao --data {} {args}", quote(&dir.to_string_lossy())),
        None => format!("zhibiao {args}"),
    }
}

/// `text` with every command it names in backquotes (`` `zhibiao check` ``) given this run's `--data DIR`:
/// for messages written by the library, which does not know how the dataset was named.
pub fn in_text(text: &str) -> Cow<'_, str> {
    match data() {
        Some(dir) => Cow::Owned(rewrite(text, dir)),
        None => Cow::Borrowed(text),
    }
}

fn rewrite(text: &str, dir: &Path) -> String {
    let insert = format!("`zhibiao --data {} ", quote(&dir.to_string_lossy()));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("`zhibiao ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "`zhibiao ".len()..];
        if after.starts_with("--data ") {
            out.push_str("`zhibiao ");
        } else {
            out.push_str(&insert);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A path as a POSIX shell reads it back: as it is when it holds only safe characters, else single-quoted.
fn quote(s: &str) -> Cow<'_, str> {
    shlex::try_quote(s).unwrap_or(Cow::Borrowed(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_command_names_the_dataset_folder_quoted_when_needed() {
        assert_eq!(with(None, "check"), "zhibiao check");
        assert_eq!(with(Some(Path::new("./my-dataset")), "check"), "zhibiao --data ./my-dataset check");
        assert_eq!(with(Some(Path::new("my data")), "metrics"), "zhibiao --data 'my data' metrics");
    }

    #[test]
    fn commands_in_a_message_get_the_folder_once() {
        let dir = Path::new("/tmp/ds");
        assert_eq!(
            rewrite("pick one from `zhibiao metrics`; then `zhibiao check --all`", dir),
            "pick one from `zhibiao --data /tmp/ds metrics`; then `zhibiao --data /tmp/ds check --all`"
        );
        let done = "`zhibiao --data /tmp/ds check`";
        assert_eq!(rewrite(done, dir), done);
        assert_eq!(rewrite("zhibiao check", dir), "zhibiao check", "only a command in backquotes is a command");
    }
}
