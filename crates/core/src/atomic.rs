//! The one way the program writes a file, and the lock that makes writers of one dataset take turns.
//!
//! Every write (`draft --write`, `add-doc`, the explorer's accept, ignore and export, the load cache) goes through
//! [`write_with`]: the new contents go to a temporary file beside the target, flushed to disk, then renamed over
//! it, so a kill at any point leaves either the old file or the new one, never half of one. The temporary file is
//! named `.<name>.zhibiao-tmp-<random>` so that a later run recognises what an interrupted write left and
//! removes it ([`sweep`]), while it holds the lock under which such files are made (so never one still being
//! written).
//!
//! A target that is a symbolic link is written through: the link stays and the file it names gets the new
//! contents. A file that exists keeps its permissions; a new one gets the user's umask (0644 under 022), as any
//! program's new file does. Every error names the file and what was being done to it.
//!
//! Writers of one dataset hold [`DatasetLock`], an advisory lock (`flock`) on `data/.zhibiao.lock`, from reading
//! the files they change to renaming the new ones in place: two `add-doc` at once queue instead of one
//! registration silently replacing the other.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What marks a temporary file of an atomic write, after `.` and the target's name.
pub const TMP_MARK: &str = ".zhibiao-tmp-";

/// The dataset's lock file, relative to its root.
pub const LOCK_FILE: &str = "data/.zhibiao.lock";

/// The folders of a dataset that writes go to, relative to its root: where an interrupted write's leftovers are.
const WRITTEN_FOLDERS: &[&str] = &["data", "data/indicators", "seeds"];

/// An I/O error turned into one that names the file and the operation: `PATH: OPERATION: cause`.
pub fn failed(path: &Path, op: &str) -> impl FnOnce(io::Error) -> io::Error {
    let path = path.display().to_string();
    let op = op.to_string();
    move |e| io::Error::new(e.kind(), format!("{path}: {op}: {e}"))
}

/// How [`write_with`] treats a target that is a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Write the file the link names and keep the link (the user's files).
    Follow,
    /// Replace whatever stands at the path, link or not (the program's own files, like the cache).
    Replace,
}

/// Writes `bytes` to `path` atomically, through a symbolic link: see [`write_with`].
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, Links::Follow, |f| f.write_all(bytes))
}

/// Writes `path` atomically: `fill` writes a temporary file beside the target, which is flushed to disk and then
/// renamed over it. If `fill` fails, or the process dies before the rename, the target is untouched; the
/// temporary file is removed (or, after a kill, left for [`sweep`]).
pub fn write_with(path: &Path, links: Links, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let target = match links {
        Links::Follow => resolve_links(path)?,
        Links::Replace => path.to_path_buf(),
    };
    let dir = folder_of(&target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("{}: not a file name", path.display())))?;
    let existing = match links {
        Links::Follow => fs::metadata(&target),
        Links::Replace => fs::symlink_metadata(&target),
    };
    let existing = existing.ok().filter(fs::Metadata::is_file);
    let prefix = format!(".{name}{TMP_MARK}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(8);
    #[cfg(unix)]
    if existing.is_none() {
        // Masked by the umask when the file is created, as a new file of any program is.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(failed(&target, "cannot create a temporary file beside it"))?;
    fill(tmp.as_file_mut()).map_err(failed(&target, "cannot write"))?;
    tmp.as_file_mut().flush().map_err(failed(&target, "cannot write"))?;
    if let Some(meta) = &existing {
        tmp.as_file().set_permissions(meta.permissions()).map_err(failed(&target, "cannot keep its permissions"))?;
    }
    tmp.as_file().sync_all().map_err(failed(&target, "cannot flush to disk"))?;
    if links == Links::Replace {
        // A folder where the file should be (the cache's place taken by something else) is removed, not kept.
        if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&target).map_err(failed(&target, "cannot remove the folder in its place"))?;
        }
    }
    tmp.persist(&target).map_err(|e| failed(&target, "cannot rename the temporary file over it")(e.error))?;
    sync_dir(dir);
    Ok(())
}

/// The file a path names once every symbolic link is followed (the path itself when it is no link). A link to a
/// file not yet made resolves to that file, so writing it creates it and keeps the link.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    // As the kernel does: give up after 40 links (a loop).
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&at).map_err(failed(&at, "cannot read the symbolic link"))?;
                at = if next.is_absolute() { next } else { folder_of(&at).join(next) };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, format!("{}: too many levels of symbolic links", path.display())))
}

/// The folder holding `path` (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes a folder's entry list so a rename survives a power cut (best effort; not possible everywhere).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// True for the name of a temporary file of an atomic write (of target `of`, when given).
pub fn is_leftover(name: &str, of: Option<&str>) -> bool {
    let Some(rest) = name.strip_prefix('.') else { return false };
    match of {
        Some(target) => rest.strip_prefix(target).is_some_and(|r| r.starts_with(TMP_MARK)),
        None => rest.contains(TMP_MARK),
    }
}

/// Removes what interrupted writes left in `dir` (of target `of` only, when given). Only call it holding the lock
/// the writers of that folder hold: a temporary file may otherwise be one being written.
pub fn sweep(dir: &Path, of: Option<&str>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if is_leftover(&name.to_string_lossy(), of) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// An advisory lock, released when dropped (and by the system when the process dies, however it dies).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Waits for the lock on the dataset at `root` (creating its lock file), then removes what interrupted writes
/// left. Every writer of the dataset holds it from reading what it changes to the rename of what it wrote.
pub fn lock_dataset(root: &Path) -> io::Result<Lock> {
    let (path, file) = open_lock_file(root)?;
    file.lock().map_err(failed(&path, "cannot lock the dataset"))?;
    sweep_dataset(root);
    Ok(Lock { _file: file })
}

/// The dataset's lock file at `root`, created when missing (its contents never matter, only the lock on it).
fn open_lock_file(root: &Path) -> io::Result<(std::path::PathBuf, File)> {
    let path = root.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(failed(&path, "cannot open the dataset's lock file"))?;
    Ok((path, file))
}

/// The lock on the dataset at `root` if no one holds it (`Ok(None)` when someone does); see [`lock_dataset`].
pub fn try_lock_dataset(root: &Path) -> io::Result<Option<Lock>> {
    let (path, file) = open_lock_file(root)?;
    match file.try_lock() {
        Ok(()) => {
            sweep_dataset(root);
            Ok(Some(Lock { _file: file }))
        }
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(failed(&path, "cannot lock the dataset")(e)),
    }
}

/// Removes what interrupted writes left in the dataset at `root` when no writer is at work: a read-only command
/// cleans up after a killed one. Nothing happens when the dataset was never written (no lock file) or is busy.
pub fn sweep_if_idle(root: &Path) {
    // Opened for reading only: a dataset the user cannot write is left as it is.
    let Ok(file) = File::open(root.join(LOCK_FILE)) else { return };
    if file.try_lock().is_ok() {
        sweep_dataset(root);
    }
}

fn sweep_dataset(root: &Path) {
    for folder in WRITTEN_FOLDERS {
        sweep(&root.join(folder), None);
    }
}

/// The lock `path` names (created when missing), if no one holds it: for a file only one process should write at
/// a time and that can just as well be skipped, like the cache.
pub fn try_lock_file(path: &Path) -> Option<Lock> {
    let file = File::options().create(true).truncate(false).write(true).open(path).ok()?;
    file.try_lock().ok()?;
    Some(Lock { _file: file })
}

/// Opens `path` for reading only if it is a regular file of at most `max_len` bytes: a named pipe in its place
/// would block the reader forever, and a device or a huge file is not what the program wrote. Symbolic links are
/// not followed.
pub fn open_regular(path: &Path, max_len: u64) -> io::Result<File> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO without O_NONBLOCK waits for a writer; O_NOFOLLOW refuses a link.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    if !fs::symlink_metadata(path)?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > max_len {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "larger than any file the program writes"));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_recognised_by_their_name_only() {
        assert!(is_leftover(".a.yaml.zhibiao-tmp-x1Y2z3W4", None));
        assert!(is_leftover(".a.yaml.zhibiao-tmp-x1Y2z3W4", Some("a.yaml")));
        assert!(!is_leftover(".a.yaml.zhibiao-tmp-x1Y2z3W4", Some("b.yaml")));
        assert!(!is_leftover("a.yaml", None));
        assert!(!is_leftover(".a.yaml.swp", None));
    }

    #[test]
    fn a_write_through_a_link_keeps_the_link_and_a_new_file_follows_the_umask() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.yaml");
        fs::write(&real, "old\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
            let link = dir.path().join("link.yaml");
            std::os::unix::fs::symlink("real.yaml", &link).expect("symlink");
            write(&link, b"new\n").expect("write through the link");
            assert!(fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
            assert_eq!(fs::read_to_string(&real).expect("read"), "new\n");
            assert_eq!(fs::metadata(&real).expect("meta").permissions().mode() & 0o777, 0o640);
            // A dangling link: the file it names is made.
            let dangling = dir.path().join("dangling.yaml");
            std::os::unix::fs::symlink("made.yaml", &dangling).expect("symlink");
            write(&dangling, b"x\n").expect("write");
            assert_eq!(fs::read_to_string(dir.path().join("made.yaml")).expect("read"), "x\n");
        }
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into())
            .collect();
        assert!(names.iter().all(|n| !is_leftover(n, None)), "{names:?}");
    }
}
