//! Container names as files (DESIGN §3): `names/containers/<name>` holds the id of the container
//! that has the name. A name is taken by link(2) of a complete file, which fails with EEXIST
//! atomically, so two creates or renames to one name cannot both win, and nobody lists every
//! record to find out.
//!
//! The file says `<id>\n<pid> <start time>\n`, the second line naming the process that took the
//! name. A name is held while its container exists and bears it, or while that process lives (it
//! is between taking the name and writing or renaming the record). Otherwise it is stale, left by
//! a kill -9 (of a create, or of an rm between removing the container and the name), and the next
//! taker removes it: no name stays held by a container that does not exist.
//!
//! Every unlink of a name file happens after re-reading it, either under the container lock or by
//! the live process that took it, so a held name is never removed from under its holder.
use super::names;
use super::record::{self, Record};
use crate::store::{self, Lock, Paths};
use anyhow::{bail, Context, Result};
use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The error for a name another container (or a create in progress) holds.
pub(crate) fn conflict(name: &str, holder: &str) -> anyhow::Error {
    anyhow::Error::new(crate::error::NameInUse {
        name: name.to_string(),
        holder: holder.to_string(),
    })
}

/// Takes `name` for container `id`. Ok(None) when taken; Ok(Some(holder)) when a container that
/// exists, or a live create or rename, holds it. Never call it holding the container lock (a
/// stale name is removed under it).
pub(crate) fn try_reserve(paths: &Paths, name: &str, id: &str) -> Result<Option<String>> {
    let dir = names_dir(paths)?;
    let me = std::process::id() as i32;
    let start = crate::runtime::userns::start_time(me).unwrap_or(0);
    let text = format!("{id}\n{me} {start}\n");
    // Each round either takes the name, finds it held, or removes one stale file: a few rounds
    // only fail if other processes keep taking and dropping the name in between.
    for _ in 0..16 {
        match link_new(&dir, name, text.as_bytes()) {
            Ok(()) => return Ok(None),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e).with_context(|| format!("cannot reserve the container name {name}"))
            }
        }
        let Some(held) = read(&dir.join(name))? else {
            continue; // released in between: try again
        };
        if let Some(holder) = live_holder(paths, name, &held) {
            return Ok(Some(holder));
        }
        remove_if_stale(paths, &dir, name, &held)?;
    }
    bail!("cannot reserve the container name {name}: it keeps changing hands; try again")
}

/// `try_reserve`, with a conflict as the error.
pub(crate) fn reserve(paths: &Paths, name: &str, id: &str) -> Result<()> {
    match try_reserve(paths, name, id)? {
        None => Ok(()),
        Some(holder) => Err(conflict(name, &holder)),
    }
}

/// Frees `name` if it still holds `id`. The caller holds the container lock, or is the live
/// process that took the name (then nobody else removes or replaces the file).
pub(crate) fn release(paths: &Paths, name: &str, id: &str) {
    let path = paths.container_names().join(name);
    if let Ok(Some(text)) = read(&path) {
        if text.lines().next() == Some(id) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The container that bears `name`, by its name file: one read instead of every record. None if
/// the name is free, stale or held by a create not yet written.
pub(crate) fn lookup(paths: &Paths, name: &str) -> Result<Option<Record>> {
    if !names::valid(name) {
        return Ok(None);
    }
    let Some(text) = read(&names_dir(paths)?.join(name))? else {
        return Ok(None);
    };
    let Some(id) = id_of(&text) else {
        return Ok(None);
    };
    Ok(record::load(paths, id)?.filter(|r| r.name == name))
}

/// `names/containers`, made from the records on first use: a store written before names were
/// files has none, and its containers keep their names.
fn names_dir(paths: &Paths) -> Result<PathBuf> {
    let dir = paths.container_names();
    if !dir.is_dir() {
        migrate(paths).context("cannot record the names of existing containers")?;
    }
    Ok(dir)
}

/// Fills a temp dir with a name file per record and renames it into place, under the container
/// lock (so no record changes meanwhile) and only if no other process did it first.
fn migrate(paths: &Paths) -> Result<()> {
    let _lock = Lock::exclusive(&paths.container_lock())?;
    let dir = paths.container_names();
    if dir.is_dir() {
        return Ok(());
    }
    let parent = dir.parent().context("names dir has no parent")?;
    std::fs::create_dir_all(parent)?;
    // Only migrations write temps in names/, and they hold the lock: these are a crash's.
    store::remove_tmp_leftovers(parent)?;
    let tmp = parent.join(store::tmp_name());
    std::fs::create_dir(&tmp)?;
    for r in record::load_all(paths)? {
        // The previous version kept names unique; were two alike, the first keeps it.
        let f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(tmp.join(&r.name));
        if let Ok(mut f) = f {
            f.write_all(format!("{}\n", r.id).as_bytes())?;
        }
    }
    std::fs::rename(&tmp, &dir)?;
    Ok(())
}

/// Makes `dir/name` with `data` in one step: an unnamed file (O_TMPFILE) is written, then linked
/// by name, so the name appears with its content whole and a kill -9 leaves no temp file. Where
/// the file system has no O_TMPFILE, a named temp file is linked instead.
fn link_new(dir: &Path, name: &str, data: &[u8]) -> std::io::Result<()> {
    let anon = OpenOptions::new()
        .write(true)
        .mode(0o644)
        .custom_flags(libc::O_TMPFILE)
        .open(dir);
    let mut f = match anon {
        Ok(f) => f,
        Err(e) if matches!(e.raw_os_error(), Some(libc::EOPNOTSUPP | libc::EISDIR)) => {
            return link_named_temp(dir, name, data)
        }
        Err(e) => return Err(e),
    };
    f.write_all(data)?;
    // linkat of /proc/self/fd/N (following it) names an O_TMPFILE file without privileges.
    let src = format!("/proc/self/fd/{}", f.as_raw_fd());
    nix::unistd::linkat(
        nix::fcntl::AT_FDCWD,
        src.as_str(),
        nix::fcntl::AT_FDCWD,
        &dir.join(name),
        nix::fcntl::AtFlags::AT_SYMLINK_FOLLOW,
    )
    .map_err(std::io::Error::from)
}

fn link_named_temp(dir: &Path, name: &str, data: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(store::tmp_name());
    let res = std::fs::write(&tmp, data).and_then(|()| std::fs::hard_link(&tmp, dir.join(name)));
    let _ = std::fs::remove_file(&tmp);
    res
}

fn read(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The id a name file holds, if it is one: it becomes a path, so nothing else is accepted.
fn id_of(text: &str) -> Option<&str> {
    let id = text.lines().next()?;
    (id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
}

/// The holder of a name file's content, or None if it is stale.
fn live_holder(paths: &Paths, name: &str, text: &str) -> Option<String> {
    let id = id_of(text)?;
    let owner_alive = text.lines().nth(1).is_some_and(|l| {
        let mut f = l.split_whitespace().map(|x| x.parse::<u64>().ok());
        match (f.next().flatten(), f.next().flatten()) {
            (Some(pid), Some(start)) if pid > 0 && pid <= i32::MAX as u64 => {
                crate::runtime::userns::start_time(pid as i32) == Some(start)
            }
            _ => false,
        }
    });
    let held = owner_alive
        || match record::load(paths, id) {
            Ok(Some(r)) => r.name == name,
            Ok(None) => false,
            // An unreadable record still is a container: it keeps its name.
            Err(_) => true,
        };
    held.then(|| id.to_string())
}

/// Removes `dir/name` if it still says `text` and that is stale, under the container lock so two
/// processes finding it stale cannot remove a fresh reservation made in between.
fn remove_if_stale(paths: &Paths, dir: &Path, name: &str, text: &str) -> Result<()> {
    let _lock = Lock::exclusive(&paths.container_lock())?;
    let path = dir.join(name);
    if read(&path)?.as_deref() == Some(text) && live_holder(paths, name, text).is_none() {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()))
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Paths) {
        let t = tempfile::tempdir().unwrap();
        let paths = Paths {
            data: t.path().join("data"),
            run: t.path().join("run"),
            config: t.path().join("config"),
        };
        std::fs::create_dir_all(&paths.data).unwrap();
        (t, paths)
    }

    #[test]
    fn a_name_is_taken_once_and_freed_by_its_holder_only() {
        let (_t, paths) = store();
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        assert_eq!(try_reserve(&paths, "web", &a).unwrap(), None);
        // This process took it and lives: held, though no container exists yet.
        assert_eq!(try_reserve(&paths, "web", &b).unwrap(), Some(a.clone()));
        release(&paths, "web", &b);
        assert_eq!(try_reserve(&paths, "web", &b).unwrap(), Some(a.clone()));
        release(&paths, "web", &a);
        assert_eq!(try_reserve(&paths, "web", &b).unwrap(), None);
    }

    #[test]
    fn a_name_of_a_dead_process_without_a_container_is_stale() {
        let (_t, paths) = store();
        let dir = names_dir(&paths).unwrap();
        let ghost = "c".repeat(64);
        // pid 1's start time is never this; garbage is stale too.
        std::fs::write(dir.join("ghost"), format!("{ghost}\n1 999999999999\n")).unwrap();
        std::fs::write(dir.join("junk"), "../../etc\n").unwrap();
        let me = "d".repeat(64);
        assert_eq!(try_reserve(&paths, "ghost", &me).unwrap(), None);
        assert_eq!(try_reserve(&paths, "junk", &me).unwrap(), None);
        let text = std::fs::read_to_string(dir.join("ghost")).unwrap();
        assert!(text.starts_with(&me), "{text}");
    }
}
