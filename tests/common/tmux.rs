//! A private tmux server running the built explorer, for the real-terminal tests: start it, send keys, read the
//! screen, wait for what a step expects; killed on drop.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show what a step expects.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// A private tmux server with one session running a command; killed on drop.
pub struct Tmux {
    socket: String,
    /// The session's name (for `-t`).
    pub session: String,
    /// Where the server's socket file is, to remove it afterwards.
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// Starts `command` in a new 120×40 session of a private server named after `test`; `None` when tmux is
    /// missing and CI is not set.
    pub fn start(test: &str, command: &str) -> Option<Tmux> {
        Tmux::start_sized(test, command, (120, 40))
    }

    /// [`Tmux::start`] at `size` columns × rows.
    pub fn start_sized(test: &str, command: &str, size: (u16, u16)) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            let msg = "tmux is not installed: the real-terminal tests of the explorer cannot run \
                       (install it with `apt-get install -y tmux`)";
            if std::env::var_os("CI").is_some() {
                panic!("{msg}");
            }
            // Straight to stderr, past the test harness's capture, so the skip is visible in a normal run.
            let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {msg}; set CI to make this a failure");
            return None;
        }
        let mut t = Tmux {
            socket: format!("zhibiao-{test}-{}", std::process::id()),
            session: format!("t-{test}"),
            socket_path: None,
        };
        let out = t.tmux(&[
            "new-session",
            "-d",
            "-x",
            &size.0.to_string(),
            "-y",
            &size.1.to_string(),
            "-s",
            &t.session,
            // Keep the pane after the command ends, so the test can read the last screen.
            &format!("{command}; exec sleep 600"),
        ]);
        assert!(out.status.success(), "tmux new-session failed: {}", String::from_utf8_lossy(&out.stderr));
        t.socket_path = Some(PathBuf::from(t.var("socket_path"))).filter(|p| !p.as_os_str().is_empty());
        Some(t)
    }

    /// Runs a tmux command on this test's server (UTF-8 forced, no user configuration).
    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-u", "-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("tmux runs")
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-o`, `n`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "send-keys failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Types text literally.
    pub fn text(&self, text: &str) {
        let out = self.tmux(&["send-keys", "-t", &self.session, "-l", text]);
        assert!(out.status.success());
    }

    /// The visible screen.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", &self.session]).stdout).into_owned()
    }

    /// A tmux format variable of the pane (`alternate_on`, `pane_width`).
    pub fn var(&self, name: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", &self.session, &format!("#{{{name}}}")]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the screen until `ok` holds, returning it; fails with the last screen after the timeout.
    pub fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        if let Some(p) = &self.socket_path {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The shell command that runs the built explorer and reports its exit code.
pub fn explorer_command(pid_file: Option<&PathBuf>) -> String {
    let bin = env!("CARGO_BIN_EXE_zhibiao");
    match pid_file {
        None => format!("sh -c '\"{bin}\"; echo EXITED:$?'"),
        Some(p) => format!("sh -c 'sh -c \"echo \\$\\$ > {} && exec \\\"{bin}\\\"\"; echo EXITED:$?'", p.display()),
    }
}

/// The first status line: `N of M indicators`.
pub fn counts(screen: &str) -> Option<(usize, usize)> {
    let line = screen.lines().find(|l| l.contains(" indicators") && l.contains(" of "))?;
    let mut words = line.split_whitespace();
    let n = words.next()?.parse().ok()?;
    words.next()?;
    let m = words.next()?.parse().ok()?;
    Some((n, m))
}

/// Resizes the test's window to `w`×`h` and waits for the explorer to redraw at that size.
pub fn resize(t: &Tmux, w: &str, h: &str) {
    let out = t.tmux(&["resize-window", "-t", &t.session, "-x", w, "-y", h]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    t.wait(&format!("the pane at {w}×{h}"), |_| t.var("pane_width") == w && t.var("pane_height") == h);
}
