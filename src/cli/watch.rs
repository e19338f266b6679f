//! `zhibiao watch`: a process that watches a dataset's folders and tells `list` which files may have changed since
//! the cache's query index was written, so that a warm answer stats those alone rather than every indicator file
//! and source text (at 120,000 files, the stat'ing is most of the answer's time). Without a watcher, or when it
//! cannot say, `list` stats every file itself: the answer is the same either way, only its cost differs.
//!
//! The conversation, over a Unix socket beside the cache file: the asker writes `ask IDENTITY` and a newline (the
//! index it opened); the watcher answers `changed`, one root-relative path a line and a line `.`, or `unknown`.

#[cfg(target_os = "linux")]
mod folders;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `zhibiao watch --help` says after its one-line summary.
pub const LONG_ABOUT: &str = "Watch a dataset's folders and tell `zhibiao list` which files changed, so that a \
warm answer stats those alone instead of every file. Runs until Ctrl-C.

Worth it for a large dataset: at 60,000 indicator files and as many source texts, stat'ing every file is most of \
a warm `list`. The answers are the same with or without it. When it cannot account for every path (its queue \
overflowed, a folder was created, removed or renamed) it stats every file once more before answering; when it \
cannot answer (an index of another build, or none yet), or none runs, `list` stats every file itself. It sees \
changes made \
through this machine's file system: an edit made on another machine to a shared (network) folder is not seen, \
so there run no watcher. `check` and every full load stat every file regardless. Linux only (inotify).";

/// Arguments of `zhibiao watch`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  zhibiao --data ./national watch &      # keep it running beside your work
  zhibiao --data ./national list --city 临川 --grep 5G")]
pub struct Args {}

/// Runs `zhibiao watch`.
pub fn run(data: &Option<PathBuf>, _args: &Args) -> io::Result<ExitCode> {
    let usage = |msg: &str| io::Error::new(io::ErrorKind::InvalidInput, msg.to_string());
    let Some(root) = data else {
        return Err(usage("watch needs --data DIR: the dataset bundled into the binary cannot change"));
    };
    zhibiao_core::Root::dir(root).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    let Some(cache) = super::loading::cache_dir() else {
        return Err(usage("watch serves the cache's index, which --no-cache (or no $HOME) leaves out"));
    };
    let Some(socket) = zhibiao_core::cache::watch_socket(&cache, root) else {
        return Err(usage("the cache folder's path is too long for a socket: set XDG_CACHE_HOME to a shorter one"));
    };
    serve(root, &cache, &socket)
}

#[cfg(target_os = "linux")]
fn serve(root: &Path, cache: &Path, socket: &Path) -> io::Result<ExitCode> {
    use std::os::unix::net::{UnixListener, UnixStream};
    use std::sync::{Arc, Mutex};

    if UnixStream::connect(socket).is_ok() {
        return Err(io::Error::other(format!(
            "{} is watched already by another `zhibiao watch` (it listens on {})",
            root.display(),
            socket.display()
        )));
    }
    // Left by a watcher that was killed: nobody listens on it.
    let _ = std::fs::remove_file(socket);
    std::fs::create_dir_all(cache)?;
    let folders = folders::Folders::watch(root)?;
    let count = folders.count();
    let listener =
        UnixListener::bind(socket).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", socket.display())))?;
    let folders = Arc::new(Mutex::new(folders));

    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    let owned = socket.to_path_buf();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = std::fs::remove_file(&owned);
            std::process::exit(0);
        }
    });
    // The kernel's queue holds 16,384 events by default: emptied often, a burst of saves does not overflow it.
    let drained = Arc::clone(&folders);
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if let Ok(mut f) = drained.lock() {
            let _ = f.drain();
        }
    });
    eprintln!(
        "zhibiao watch: watching {} ({}); `zhibiao list --data {}` now asks this process which files changed. \
         Ctrl-C stops.",
        root.display(),
        zhibiao_core::plural::count(count, "folder"),
        root.display()
    );
    // The first question is answered at once: the baseline is made now, if there is an index yet.
    let identity = zhibiao_core::Root::dir(root)
        .ok()
        .and_then(|r| zhibiao_core::lookup::open_head(&r, cache))
        .map(|o| o.identity().to_string());
    if let (Some(identity), Ok(mut f)) = (identity, folders.lock()) {
        f.since(&identity, cache);
    }
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        answer(stream, &folders, cache);
    }
    Ok(ExitCode::SUCCESS)
}

/// Answers one question; a question it cannot read, or an answer it cannot give, is `unknown`.
#[cfg(target_os = "linux")]
fn answer(stream: std::os::unix::net::UnixStream, folders: &std::sync::Mutex<folders::Folders>, cache: &Path) {
    use std::io::{BufRead, Read, Write};

    let timeout = Some(std::time::Duration::from_secs(2));
    if stream.set_read_timeout(timeout).is_err() || stream.set_write_timeout(timeout).is_err() {
        return;
    }
    let mut line = String::new();
    if io::BufReader::new(&stream).take(4096).read_line(&mut line).is_err() {
        return;
    }
    let paths = line
        .trim_end()
        .strip_prefix("ask ")
        .and_then(|identity| folders.lock().ok()?.since(identity, cache))
        // A name with a line break in it cannot be told a line each.
        .filter(|paths| paths.iter().all(|p| !p.contains('\n') && p != "."));
    let mut out = io::BufWriter::new(&stream);
    let _ = match paths {
        Some(paths) => {
            let mut reply = String::from("changed\n");
            for p in paths {
                reply.push_str(&p);
                reply.push('\n');
            }
            reply.push_str(".\n");
            out.write_all(reply.as_bytes()).and_then(|()| out.flush())
        }
        None => out.write_all(b"unknown\n").and_then(|()| out.flush()),
    };
}

#[cfg(not(target_os = "linux"))]
fn serve(_root: &Path, _cache: &Path, _socket: &Path) -> io::Result<ExitCode> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "watch needs Linux's inotify; here every `list` stats the files itself",
    ))
}

/// Asks a `zhibiao watch` of the dataset at `root` (cache in `cache`) which files may have changed since the index
/// `identity` was written; `None` when none runs or it cannot say.
#[cfg(unix)]
pub fn ask(root: &Path, cache: &Path, identity: &str) -> Option<Vec<String>> {
    use std::io::{Read, Write};

    let socket = zhibiao_core::cache::watch_socket(cache, root)?;
    let mut stream = std::os::unix::net::UnixStream::connect(socket).ok()?;
    // A first question about an index makes the watcher stat every file once: seconds at national scale.
    stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).ok()?;
    stream.write_all(format!("ask {identity}\n").as_bytes()).ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    // A reply cut short has no closing `.` and is no answer.
    let paths = reply.strip_prefix("changed\n")?.strip_suffix(".\n")?;
    Some(paths.lines().map(str::to_string).collect())
}

#[cfg(not(unix))]
pub fn ask(_root: &Path, _cache: &Path, _identity: &str) -> Option<Vec<String>> {
    None
}
