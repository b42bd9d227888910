//! Writing a tar stream under a directory, for `cp`: into a container (its root fd) or onto the
//! host (the destination's parent as the root). The archive is untrusted in both directions (a
//! container's files, or a tar on standard input), so every entry's parent is resolved with
//! `openat2(RESOLVE_IN_ROOT)`: a symlink in the archive or in the destination (`/data -> /`,
//! `../../..`) resolves inside the root, never above it; an entry is created with no-follow
//! `*at` calls relative to that parent, and a name with `..` is refused.
use crate::engine::spec::userns::UserNs;
use crate::runtime::mounts;
use crate::runtime::userns::IdMap;
use anyhow::{anyhow, bail, Context, Result};
use rustix::fs::{
    chownat, fchmod, fchown, futimens, linkat, mkdirat, mknodat, openat, statat, symlinkat,
    unlinkat, utimensat, AtFlags, FileType, Gid, Mode, OFlags, ResolveFlags, Timespec, Timestamps,
    Uid,
};
use rustix::io::Errno;
use std::io::{Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use tar::EntryType;

/// Who the written files belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owners<'a> {
    /// Whoever writes them (skiff's user namespace root: the user on the host, the container's
    /// root without a user namespace of its own).
    Writer,
    /// These ids of skiff's namespace (a container's root under its own user namespace).
    Fixed(u32, u32),
    /// The ids the archive records, shifted by these maps (container ids to skiff's; none:
    /// as they are).
    Archive {
        uids: &'a [IdMap],
        gids: &'a [IdMap],
    },
}

impl Owners<'_> {
    /// The ids to give an entry the archive says is `uid`:`gid`; None: leave the writer's.
    pub(crate) fn ids(&self, uid: u64, gid: u64) -> Option<(u64, u64)> {
        match *self {
            Owners::Writer => None,
            Owners::Fixed(u, g) => Some((u.into(), g.into())),
            Owners::Archive { uids, gids } => {
                let shift = |maps: &[IdMap], id: u64| -> u64 {
                    u32::try_from(id)
                        .ok()
                        .and_then(|i| UserNs::outer(maps, i))
                        .map_or(u64::MAX, u64::from)
                };
                Some((shift(uids, uid), shift(gids, gid)))
            }
        }
    }
}

/// Where to write: `base` (a path inside `root`, resolved in it) is the directory the entries
/// are relative to.
pub(crate) struct Dest<'a> {
    pub(crate) root: BorrowedFd<'a>,
    pub(crate) base: String,
    pub(crate) owners: Owners<'a>,
    /// The root as the user names it, for messages (`container c`, or a host directory).
    pub(crate) shown: String,
}

const BUF_SIZE: usize = 256 * 1024;

/// Writes every entry of `input` under `dest`; returns the bytes of file content written.
pub(crate) fn extract<R: Read>(input: R, dest: &Dest<'_>) -> Result<u64> {
    let mut ar = tar::Archive::new(input);
    let mut x = Extractor {
        dest,
        parent: None,
        dirs: Vec::new(),
        buf: vec![0; BUF_SIZE],
        size: 0,
    };
    let entries = ar
        .entries()
        .map_err(|e| anyhow!("cannot read the archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| anyhow!("cannot read the archive: {e}"))?;
        x.entry(&mut entry)?;
    }
    x.finish()
}

struct Extractor<'a> {
    dest: &'a Dest<'a>,
    /// The last parent directory opened, by its path below `base` (entries come grouped).
    parent: Option<(String, OwnedFd)>,
    /// Directories written, with their mtime: set at the end, when nothing goes into them.
    dirs: Vec<(String, i64)>,
    buf: Vec<u8>,
    size: u64,
}

/// The components of an entry's name, `.` and empty ones dropped; `..` is refused.
fn components(raw: &[u8]) -> Result<Vec<String>> {
    let name = String::from_utf8_lossy(raw);
    let mut out = Vec::new();
    for c in name.split('/') {
        match c {
            "" | "." => {}
            ".." => bail!("the archive entry {name:?} leaves the destination directory (it has a '..' component)"),
            c => out.push(c.to_string()),
        }
    }
    Ok(out)
}

impl Extractor<'_> {
    fn entry<R: Read>(&mut self, e: &mut tar::Entry<'_, R>) -> Result<()> {
        let parts = components(&e.path_bytes())?;
        let Some((name, parents)) = parts.split_last() else {
            return Ok(()); // `./`: the destination itself, which is left as it is
        };
        let rel = parents.join("/");
        let shown = parts.join("/");
        let h = e.header().clone();
        let kind = h.entry_type();
        let mode = h.mode().unwrap_or(0o644) & 0o7777;
        let mtime = h.mtime().unwrap_or(0) as i64;
        let (uid, gid) = (h.uid().unwrap_or(0), h.gid().unwrap_or(0));
        let dir = self.parent_dir(&rel)?;
        let where_ = self.show(&shown);
        let cannot = |what: &str, e: Errno| anyhow!("cannot {what} {where_}: {e}");
        match kind {
            EntryType::Directory => {
                match mkdirat(&dir, name.as_str(), Mode::from_raw_mode(0o700)) {
                    Ok(()) => {}
                    Err(Errno::EXIST) if is_dir(&dir, name)? => {}
                    Err(Errno::EXIST) => bail!(
                        "cannot overwrite the non-directory {} with a directory",
                        self.show(&shown)
                    ),
                    Err(e) => return Err(cannot("create the directory", e)),
                }
                let fd = openat(&dir, name.as_str(), DIR, Mode::empty())
                    .map_err(|e| cannot("open", e))?;
                fchmod(&fd, Mode::from_raw_mode(mode)).map_err(|e| cannot("chmod", e))?;
                self.chown(fd.as_fd(), uid, gid, &shown)?;
                self.dirs.push((join(&rel, name), mtime));
            }
            EntryType::Regular | EntryType::Continuous => {
                self.clear(&dir, name, &shown)?;
                let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW;
                let fd = openat(&dir, name.as_str(), flags | OFlags::CLOEXEC, Mode::empty())
                    .map_err(|e| cannot("create", e))?;
                let mut f = std::fs::File::from(fd);
                self.copy(e, &mut f, &shown)?;
                fchmod(&f, Mode::from_raw_mode(mode)).map_err(|e| cannot("chmod", e))?;
                self.chown(f.as_fd(), uid, gid, &shown)?;
                futimens(&f, &stamps(mtime)).map_err(|e| cannot("set the times of", e))?;
            }
            EntryType::Symlink => {
                let target = e.link_name_bytes().unwrap_or_default().into_owned();
                self.clear(&dir, name, &shown)?;
                symlinkat(target.as_slice(), &dir, name.as_str())
                    .map_err(|e| cannot("create the symlink", e))?;
                self.lchown(&dir, name, uid, gid, &shown)?;
                let _ = utimensat(&dir, name.as_str(), &stamps(mtime), NOFOLLOW);
            }
            EntryType::Link => {
                let target = e.link_name_bytes().unwrap_or_default().into_owned();
                let tparts = components(&target)?;
                let Some((tname, tparents)) = tparts.split_last() else {
                    bail!("the hard link {} has no target", self.show(&shown));
                };
                let tdir = self.open_below(&tparents.join("/"))?;
                self.clear(&dir, name, &shown)?;
                linkat(&tdir, tname.as_str(), &dir, name.as_str(), AtFlags::empty())
                    .map_err(|e| cannot("create the hard link", e))?;
            }
            EntryType::Fifo | EntryType::Char | EntryType::Block => {
                self.clear(&dir, name, &shown)?;
                special(&dir, name, &h).map_err(|e| cannot("create the special file", e))?;
                self.lchown(&dir, name, uid, gid, &shown)?;
            }
            // PAX and GNU extension records are read by the tar crate; nothing else is a file.
            _ => {}
        }
        Ok(())
    }

    /// Copies the entry's content into `f`.
    fn copy<R: Read>(
        &mut self,
        e: &mut tar::Entry<'_, R>,
        f: &mut std::fs::File,
        shown: &str,
    ) -> Result<()> {
        loop {
            let n = match e.read(&mut self.buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(anyhow!("cannot read the archive: {err}")),
            };
            f.write_all(&self.buf[..n])
                .with_context(|| format!("cannot write {}", self.show(shown)))?;
            self.size += n as u64;
        }
    }

    /// Removes what is at `name` unless it is a directory (which a non-directory may not
    /// replace, as Docker's cp refuses).
    fn clear(&self, dir: &OwnedFd, name: &str, shown: &str) -> Result<()> {
        match unlinkat(dir, name, AtFlags::empty()) {
            Ok(()) | Err(Errno::NOENT) => Ok(()),
            Err(Errno::ISDIR) | Err(Errno::PERM) if is_dir(dir, name)? => bail!(
                "cannot overwrite the directory {} with a non-directory",
                self.show(shown)
            ),
            Err(e) => Err(anyhow!("cannot replace {}: {e}", self.show(shown))),
        }
    }

    fn chown(&self, fd: BorrowedFd<'_>, uid: u64, gid: u64, shown: &str) -> Result<()> {
        let Some((u, g)) = self.dest.owners.ids(uid, gid) else {
            return Ok(());
        };
        let (u, g) = ids(u, g);
        fchown(fd, u, g).map_err(|e| self.chown_error(shown, uid, gid, e))
    }

    /// `chown` of `name` in `dir` itself (a symlink, a special file).
    fn lchown(&self, dir: &OwnedFd, name: &str, uid: u64, gid: u64, shown: &str) -> Result<()> {
        let Some((u, g)) = self.dest.owners.ids(uid, gid) else {
            return Ok(());
        };
        let (u, g) = ids(u, g);
        chownat(dir, name, u, g, NOFOLLOW).map_err(|e| self.chown_error(shown, uid, gid, e))
    }

    fn chown_error(&self, shown: &str, uid: u64, gid: u64, e: Errno) -> anyhow::Error {
        if e == Errno::INVAL {
            return anyhow!(
                "cannot give {} to {uid}:{gid}: the id is outside the user namespace's range (see /etc/subuid); copy without -a",
                self.show(shown)
            );
        }
        anyhow!("cannot change the owner of {}: {e}", self.show(shown))
    }

    /// The directory `rel` below the base, made (inside the root) when missing.
    fn parent_dir(&mut self, rel: &str) -> Result<OwnedFd> {
        if let Some((p, fd)) = &self.parent {
            if p == rel {
                return fd
                    .try_clone()
                    .context("cannot duplicate a directory descriptor");
            }
        }
        let fd = self.open_below(rel)?;
        self.parent = Some((rel.to_string(), fd.try_clone()?));
        Ok(fd)
    }

    /// Opens (making it when missing, as `mkdir -p` inside the root) the directory `rel` below
    /// the base.
    fn open_below(&self, rel: &str) -> Result<OwnedFd> {
        let path = join(&self.dest.base, rel);
        match open_dir_in_root(self.dest.root, &path) {
            Ok(fd) => Ok(fd),
            Err(Errno::NOENT) => {
                let p = mounts::mountpoint(self.dest.root, &path, true)?;
                openat(&p, ".", DIR, Mode::empty())
                    .map_err(|e| anyhow!("cannot open {}: {e}", self.show(rel)))
            }
            Err(Errno::NOTDIR) => bail!("cannot write below {}: not a directory", self.show(rel)),
            Err(e) => Err(anyhow!("cannot open {}: {e}", self.show(rel))),
        }
    }

    /// Gives the directories their archived mtimes, now that nothing more goes into them.
    fn finish(self) -> Result<u64> {
        for (rel, mtime) in self.dirs.iter().rev() {
            let path = join(&self.dest.base, rel);
            if let Ok(fd) = open_dir_in_root(self.dest.root, &path) {
                let _ = futimens(&fd, &stamps(*mtime));
            }
        }
        Ok(self.size)
    }

    fn show(&self, rel: &str) -> String {
        let base = self.dest.base.trim_end_matches('/');
        format!("{base}/{rel} ({})", self.dest.shown)
    }
}

/// A fifo or device node as the header describes it.
fn special(dir: &OwnedFd, name: &str, h: &tar::Header) -> rustix::io::Result<()> {
    let ft = match h.entry_type() {
        EntryType::Fifo => FileType::Fifo,
        EntryType::Char => FileType::CharacterDevice,
        _ => FileType::BlockDevice,
    };
    let dev = rustix::fs::makedev(
        h.device_major().ok().flatten().unwrap_or(0),
        h.device_minor().ok().flatten().unwrap_or(0),
    );
    let mode = Mode::from_raw_mode(h.mode().unwrap_or(0o644) & 0o7777);
    mknodat(dir, name, ft, mode, dev)
}

const DIR: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);
const NOFOLLOW: AtFlags = AtFlags::SYMLINK_NOFOLLOW;

/// Opens the directory `path` of `root` as if `root` were `/` (symlinks on the way included).
pub(crate) fn open_dir_in_root(root: BorrowedFd<'_>, path: &str) -> rustix::io::Result<OwnedFd> {
    let path = path.trim_start_matches('/');
    let path = if path.is_empty() { "." } else { path };
    crate::runtime::mounts::openat2_retry(
        root,
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
        ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
    )
}

fn is_dir(dir: &OwnedFd, name: &str) -> Result<bool> {
    match statat(dir, name, NOFOLLOW) {
        Ok(st) => Ok(FileType::from_raw_mode(st.st_mode) == FileType::Directory),
        Err(Errno::NOENT) => Ok(false),
        Err(e) => Err(anyhow!("cannot look up {name}: {e}")),
    }
}

fn ids(uid: u64, gid: u64) -> (Option<Uid>, Option<Gid>) {
    // An id that does not fit (or that no map covers) is sent as one the kernel refuses with
    // EINVAL (-1 would mean "unchanged"), which `chown_error` explains.
    let fit = |id: u64| {
        u32::try_from(id)
            .ok()
            .filter(|i| *i != u32::MAX)
            .unwrap_or(u32::MAX - 1)
    };
    (Some(Uid::from_raw(fit(uid))), Some(Gid::from_raw(fit(gid))))
}

fn stamps(mtime: i64) -> Timestamps {
    let t = Timespec {
        tv_sec: mtime,
        tv_nsec: 0,
    };
    Timestamps {
        last_access: t,
        last_modification: t,
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.trim_end_matches('/'), b) {
        (a, "") => a.to_string(),
        ("", b) => b.to_string(),
        (a, b) => format!("{a}/{b}"),
    }
}
