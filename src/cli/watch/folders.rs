//! What `zhibiao watch` knows: every folder of a dataset root watched with inotify, the paths changed in them in
//! the order the kernel queued them, and the baseline each answer counts from — the files an index's stamps
//! found changed at one moment of that order, so that later only what changed after it needs a look.
//!
//! inotify queues an event in the same system call that changes the file, so draining the queue when a question
//! arrives sees every change made before the question was asked: no delay to wait out, no cookie file to write.
//! Whatever it cannot account for path by path — a queue that overflowed, a folder created, removed or renamed,
//! a watch the kernel dropped — ends the baseline, and the next question stats every file again.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use inotify::{EventMask, Inotify, WatchDescriptor, WatchMask};

/// Linux's `ENOSPC`: what adding a watch past the user's limit fails with.
const ENOSPC: i32 = 28;

/// Events no path accounts for: the queue overflowed, or a watched folder itself went (removed, renamed,
/// unmounted, its watch dropped).
const UNACCOUNTED: EventMask = EventMask::Q_OVERFLOW
    .union(EventMask::IGNORED)
    .union(EventMask::DELETE_SELF)
    .union(EventMask::MOVE_SELF)
    .union(EventMask::UNMOUNT);

/// Changed paths kept before the log is dropped and the baseline with it (a tree being rewritten wholesale).
const LOG_MAX: usize = 1_000_000;

/// The folders of a root, watched.
pub struct Folders {
    root: PathBuf,
    inotify: Inotify,
    /// Each watch's folders, root-relative ("" for the root); one inode reached by two paths has both.
    dirs: HashMap<WatchDescriptor, Vec<String>>,
    /// The number of events drained so far: the order changes are counted in.
    seq: u64,
    /// Paths changed, with the event's number, oldest first.
    log: Vec<(u64, String)>,
    /// The number of the last event no path accounts for: a baseline from before it is no longer whole.
    broken: u64,
    baseline: Option<Baseline>,
    buffer: Vec<u8>,
}

/// The files an index's stamps found changed when `seq` events had been drained.
struct Baseline {
    identity: String,
    seq: u64,
    changed: Vec<String>,
}

impl Folders {
    /// Watches every folder under `root` (following links to folders, each folder once; `.git` passed over).
    pub fn watch(root: &Path) -> io::Result<Folders> {
        let inotify = Inotify::init()?;
        let mut folders = Folders {
            root: root.to_path_buf(),
            inotify,
            dirs: HashMap::new(),
            seq: 0,
            log: Vec::new(),
            broken: 0,
            baseline: None,
            buffer: vec![0; 64 * 1024],
        };
        folders.add_tree("")?;
        Ok(folders)
    }

    /// The number of folders watched.
    pub fn count(&self) -> usize {
        self.dirs.values().map(Vec::len).sum()
    }

    /// Adds a watch on the folder `rel` and every folder under it.
    fn add_tree(&mut self, rel: &str) -> io::Result<()> {
        let mask = WatchMask::MODIFY
            | WatchMask::ATTRIB
            | WatchMask::CLOSE_WRITE
            | WatchMask::CREATE
            | WatchMask::DELETE
            | WatchMask::MOVED_FROM
            | WatchMask::MOVED_TO
            | WatchMask::DELETE_SELF
            | WatchMask::MOVE_SELF
            | WatchMask::ONLYDIR;
        let mut seen: HashSet<(u64, u64)> = HashSet::new();
        let mut stack = vec![rel.to_string()];
        while let Some(rel) = stack.pop() {
            let path = if rel.is_empty() { self.root.clone() } else { self.root.join(&rel) };
            let meta = std::fs::metadata(&path)?;
            if !seen.insert(inode(&meta)) {
                continue;
            }
            let wd = self.inotify.watches().add(&path, mask).map_err(|e| {
                if e.raw_os_error() == Some(ENOSPC) {
                    io::Error::other(format!(
                        "{}: no more inotify watches ({e}); raise fs.inotify.max_user_watches (sysctl)",
                        path.display()
                    ))
                } else {
                    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
                }
            })?;
            self.dirs.entry(wd).or_default().push(rel.clone());
            for entry in std::fs::read_dir(&path)? {
                let entry = entry?;
                let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
                if name == ".git" {
                    continue;
                }
                // The listing says what each entry is; only a link is stat'ed, to follow one to a folder as reading
                // a file through it would (60,000 indicator files are not stat'ed for it).
                let kind = entry.file_type()?;
                if kind.is_dir() || (kind.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir())) {
                    stack.push(if rel.is_empty() { name } else { format!("{rel}/{name}") });
                }
            }
        }
        Ok(())
    }

    /// Reads every event queued so far.
    pub fn drain(&mut self) -> io::Result<()> {
        let mut buffer = std::mem::take(&mut self.buffer);
        let result = self.drain_into(&mut buffer);
        self.buffer = buffer;
        if self.log.len() > LOG_MAX {
            self.log.clear();
            self.seq += 1;
            self.broken = self.seq;
        }
        result
    }

    fn drain_into(&mut self, buffer: &mut [u8]) -> io::Result<()> {
        loop {
            let mut new_dirs = Vec::new();
            let events = match self.inotify.read_events(buffer) {
                Ok(events) => events,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) => return Err(e),
            };
            for ev in events {
                self.seq += 1;
                let dirs = self.dirs.get(&ev.wd);
                if ev.mask.intersects(UNACCOUNTED) || dirs.is_none() {
                    self.broken = self.seq;
                    continue;
                }
                // A name that is not UTF-8 is no file of a dataset (its paths are text).
                let (Some(dirs), Some(name)) = (dirs, ev.name.and_then(|n| n.to_str())) else { continue };
                for dir in dirs {
                    let rel = if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
                    if ev.mask.contains(EventMask::ISDIR) {
                        self.broken = self.seq;
                        if ev.mask.intersects(EventMask::CREATE | EventMask::MOVED_TO) {
                            new_dirs.push(rel);
                        }
                    } else {
                        self.log.push((self.seq, rel));
                    }
                }
            }
            for rel in new_dirs {
                // Gone again already: its removal has been counted.
                let _ = self.add_tree(&rel);
            }
        }
    }

    /// The paths that may have changed since the index `identity` in the cache folder `cache` was written: those
    /// its stamps found changed at the baseline, and every path changed after it. A baseline is made (every file
    /// stat'ed once) for an index not seen before or when the last one is no longer whole. `None` when the index
    /// cannot be opened or is not the one named (the asker then stats every file itself).
    pub fn since(&mut self, identity: &str, cache: &Path) -> Option<Vec<String>> {
        self.drain().ok()?;
        if let Some(b) = &self.baseline {
            if b.identity == identity && b.seq >= self.broken {
                let from = self.log.partition_point(|(seq, _)| *seq <= b.seq);
                let mut paths: Vec<String> = b.changed.clone();
                paths.extend(self.log[from..].iter().map(|(_, p)| p.clone()));
                paths.sort_unstable();
                paths.dedup();
                return Some(paths);
            }
        }
        // Every change drained so far is seen by the stamps; every later one is logged after `seq`.
        let seq = self.seq;
        let root = zhibiao_core::Root::dir(&self.root).ok()?;
        let opened = zhibiao_core::lookup::open_head(&root, cache)?;
        if opened.identity() != identity {
            return None;
        }
        let changed = opened.changed_every()?;
        self.log.retain(|(s, _)| *s > seq);
        self.baseline = Some(Baseline { identity: identity.to_string(), seq, changed: changed.clone() });
        Some(changed)
    }
}

/// The device and inode of a folder, to watch each once.
fn inode(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}
