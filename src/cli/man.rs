//! The zhibiao(1) man page, generated from the same definition that parses the command line (clap_mangen), with
//! every subcommand's options and the explorer's keys read from its key table: printed by
//! `zhibiao --generate man`, the way ripgrep ships its page, so an installed binary can install its own page.

use std::io;

use clap::Command;
use roff::{bold, roman, Roff};

/// The two lines roff writes before every part it renders.
const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];

/// The whole page for `cmd` (the top-level command, version and about set).
pub fn page(cmd: Command) -> io::Result<Vec<u8>> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone()).manual("zhibiao manual");
    let mut out = Vec::new();
    let mut parts = Vec::new();
    man.render_title(&mut parts)?;
    man.render_name_section(&mut parts)?;
    man.render_synopsis_section(&mut parts)?;
    man.render_description_section(&mut parts)?;
    man.render_options_section(&mut parts)?;
    man.render_subcommands_section(&mut parts)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        command_section(&mut parts, sub)?;
    }
    explorer_keys().to_writer(&mut parts)?;
    closing().to_writer(&mut parts)?;
    // clap_mangen heads the after-help `EXTRA`; here it holds the examples.
    let mut extra = Vec::new();
    man.render_extra_section(&mut extra)?;
    parts.extend_from_slice(String::from_utf8_lossy(&extra).replacen(".SH EXTRA", ".SH EXAMPLES", 1).as_bytes());
    man.render_version_section(&mut parts)?;
    // Each part rendered alone starts with roff's quote-character preamble: keep the first only.
    let text = String::from_utf8_lossy(&parts);
    let mut seen = false;
    for line in text.lines() {
        if PREAMBLE.contains(&line) {
            if seen {
                continue;
            }
            seen = line == PREAMBLE[1];
        }
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    Ok(out)
}

/// A section per subcommand: what it does, its synopsis and its own options (the global ones are listed once,
/// at the top).
fn command_section(out: &mut Vec<u8>, sub: &Command) -> io::Result<()> {
    let globals: Vec<String> =
        sub.get_arguments().filter(|a| a.is_global_set()).map(|a| a.get_id().to_string()).collect();
    let mut own = sub.clone().disable_help_flag(true);
    for id in &globals {
        own = own.mut_arg(id, |a| a.hide(true));
    }
    let mut roff = Roff::new();
    roff.control("SH", [format!("ZHIBIAO {}", sub.get_name().to_uppercase()).as_str()]);
    let about = sub.get_long_about().or(sub.get_about()).map(|a| a.to_string()).unwrap_or_default();
    roff.text([roman(about)]);
    roff.to_writer(out)?;
    let man = clap_mangen::Man::new(own.bin_name(format!("zhibiao {}", sub.get_name())));
    let mut synopsis = Vec::new();
    man.render_synopsis_section(&mut synopsis)?;
    let mut options = Vec::new();
    man.render_options_section(&mut options)?;
    // The subcommand's parts sit under its own section: their `.SH` headings become sub-headings.
    for part in [synopsis, options] {
        let text = String::from_utf8_lossy(&part).replace(".SH ", ".SS ");
        out.extend_from_slice(text.as_bytes());
    }
    if let Some(after) = sub.get_after_long_help().or(sub.get_after_help()) {
        let mut roff = Roff::new();
        roff.control("PP", []).text([roman(after.to_string())]);
        roff.to_writer(out)?;
    }
    Ok(())
}

/// The explorer's keys, from the key table that drives them (the same one the `?` overlay shows).
fn explorer_keys() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXPLORER KEYS"]);
    roff.text([roman(
        "zhibiao with no command, on a terminal, opens the explorer. Its keys, by where they apply \
         (the ? key shows the same table):",
    )]);
    for (place, keys) in zhibiao_explorer::view::help::groups() {
        roff.control("SS", [place]);
        for (key, what) in keys {
            roff.control("TP", []).text([bold(key)]).text([roman(what)]);
        }
    }
    roff
}

/// Exit status, environment and files.
fn closing() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in [
        ("0", "success; for check, the dataset verifies; for candidates, every quantity is accounted for"),
        ("1", "problems found: the dataset does not verify (every problem is listed), candidates remain"),
        ("2", "usage or I/O error: a bad option, a name that does not exist, a --data folder that is not a dataset"),
    ] {
        roff.control("TP", []).text([bold(code)]).text([roman(what)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (var, what) in [
        ("NO_COLOR", "when set and not empty, no colour (unless --color always)"),
        ("XDG_CACHE_HOME", "the cache of verified records of a --data folder is kept in $XDG_CACHE_HOME/zhibiao (default ~/.cache/zhibiao)"),
    ] {
        roff.control("TP", []).text([bold(var)]).text([roman(what)]);
    }
    roff.control("SH", ["INSTALLING THIS PAGE"]);
    roff.text([roman("zhibiao --generate man > ~/.local/share/man/man1/zhibiao.1")]);
    roff
}
