//! `cp`'s paths: what a source or destination names, on either side, and where Docker's rules
//! put a copy. Container paths are absolute in the container (a relative one is relative to
//! its `/`, as Docker's) and resolve inside its root; host paths are the user's own.
use anyhow::{anyhow, bail, Result};
use rustix::fs::{
    chownat, mkdirat, openat, readlinkat, statat, AtFlags, FileType, Gid, Mode, OFlags,
    ResolveFlags, Stat, Uid, CWD,
};
use rustix::io::Errno;
use std::os::fd::{BorrowedFd, OwnedFd};

/// Which file system a path is in.
#[derive(Clone, Copy)]
pub(crate) enum Side<'a> {
    /// A container's, through its root directory: every path resolves inside it.
    Container(BorrowedFd<'a>),
    /// The host's, as the user names it.
    Host,
}

impl Side<'_> {
    /// Opens `path` (`O_PATH`, a directory when `dir`).
    fn open(&self, path: &str, dir: bool) -> rustix::io::Result<OwnedFd> {
        let mut flags = OFlags::PATH | OFlags::CLOEXEC;
        if dir {
            flags |= OFlags::DIRECTORY;
        }
        match self {
            Side::Container(root) => {
                let rel = path.trim_start_matches('/');
                let rel = if rel.is_empty() { "." } else { rel };
                let how = ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS;
                crate::runtime::mounts::openat2_retry(root, rel, flags, Mode::empty(), how)
            }
            Side::Host => openat(CWD, path, flags, Mode::empty()),
        }
    }

    /// Opens the directory `path` for reading and writing entries in it.
    pub(crate) fn open_dir(&self, path: &str) -> Result<OwnedFd> {
        let fd = self
            .open(path, true)
            .map_err(|e| anyhow!("cannot open the directory {path}: {e}"))?;
        openat(&fd, ".", DIR, Mode::empty())
            .map_err(|e| anyhow!("cannot open the directory {path}: {e}"))
    }
}

const DIR: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::CLOEXEC);

/// A path as the user wrote it: Docker's rules look at its trailing `/` and `/.`.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    /// Lexically clean (`a/../b` is `b`); absolute for a container's path.
    pub(crate) path: String,
    /// Ends in `/.`: a directory's contents.
    pub(crate) contents: bool,
    /// Ends in `/` or `/.`: must be a directory.
    pub(crate) assert_dir: bool,
}

impl Spec {
    /// A container path (relative ones are relative to `/`).
    pub(crate) fn parse(raw: &str) -> Spec {
        Spec::of(raw, true)
    }

    pub(crate) fn parse_host(raw: &str) -> Spec {
        Spec::of(raw, false)
    }

    fn of(raw: &str, absolute: bool) -> Spec {
        let contents = raw == "." || raw.ends_with("/.");
        let assert_dir = contents || raw.ends_with('/');
        Spec {
            path: clean(raw, absolute || raw.starts_with('/')),
            contents,
            assert_dir,
        }
    }

    /// A trailing `/` or `/.` follows a symlink, whatever `-L` says (Docker's).
    pub(crate) fn follow(&self) -> bool {
        self.assert_dir
    }

    pub(crate) fn parent(&self) -> String {
        split(&self.path).0
    }

    pub(crate) fn base(&self) -> String {
        split(&self.path).1
    }
}

/// Cleans a path as Go's `filepath.Clean`: `.` and empty components go, `..` takes the one
/// before it (none above `/`).
pub(crate) fn clean(raw: &str, absolute: bool) -> String {
    let mut out: Vec<&str> = Vec::new();
    for c in raw.split('/') {
        match c {
            "" | "." => {}
            ".." if out.last().is_some_and(|l| *l != "..") => {
                out.pop();
            }
            ".." if absolute => {}
            c => out.push(c),
        }
    }
    let joined = out.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// (parent, name) of a clean path; the root is its own parent, named `.`.
fn split(path: &str) -> (String, String) {
    match path.rsplit_once('/') {
        Some(("", "")) => ("/".into(), ".".into()),
        Some(("", n)) => ("/".into(), n.into()),
        Some((p, n)) => (p.into(), n.into()),
        None if path == "." => ("..".into(), ".".into()),
        None => (".".into(), path.into()),
    }
}

/// An object found at a path: its directory (open), its name there, its metadata.
pub(crate) struct Found {
    pub(crate) parent: OwnedFd,
    pub(crate) name: String,
    /// Its path after symlinks were followed (clean; in the container for its side).
    pub(crate) path: String,
    pub(crate) st: Stat,
    /// Copy a directory's contents, not the directory (`SRC/.`).
    pub(crate) contents: bool,
}

impl Found {
    pub(crate) fn is_dir(&self) -> bool {
        FileType::from_raw_mode(self.st.st_mode) == FileType::Directory
    }

    /// Its name in an archive of it.
    pub(crate) fn top_name(&self) -> String {
        self.name.clone()
    }
}

/// Looks `path` up on `side`, following a symlink at its end when `follow` (inside the root on
/// a container's side: `/data -> /` names the container's `/`). None when it does not exist.
pub(crate) fn resolve(side: Side<'_>, path: &str, follow: bool) -> Result<Option<Found>> {
    let absolute = matches!(side, Side::Container(_)) || path.starts_with('/');
    let mut path = clean(path, absolute);
    for _ in 0..40 {
        let (parent, name) = split(&path);
        let dir = match side.open(&parent, true) {
            Ok(fd) => fd,
            Err(Errno::NOENT) | Err(Errno::NOTDIR) => return Ok(None),
            Err(e) => bail!("cannot look up {parent}: {e}"),
        };
        let st = match statat(&dir, name.as_str(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(Errno::NOENT) | Err(Errno::NOTDIR) => return Ok(None),
            Err(e) => bail!("cannot look up {path}: {e}"),
        };
        if follow && FileType::from_raw_mode(st.st_mode) == FileType::Symlink {
            let target = readlinkat(&dir, name.as_str(), Vec::new())
                .map_err(|e| anyhow!("cannot read the symlink {path}: {e}"))?;
            let target = target.to_string_lossy();
            path = match target.starts_with('/') {
                true => clean(&target, true),
                false => clean(&format!("{parent}/{target}"), absolute),
            };
            continue;
        }
        // `.` and `..` have no name to copy under: the directory as its parent names it.
        if name == "." || name == ".." {
            if let Side::Host = side {
                let real = std::fs::canonicalize(&path)
                    .map_err(|e| anyhow!("cannot look up {path}: {e}"))?;
                return resolve(side, &real.to_string_lossy(), false);
            }
        }
        return Ok(Some(Found {
            parent: dir,
            name,
            path,
            st,
            contents: false,
        }));
    }
    bail!("cannot look up {path}: too many levels of symbolic links")
}

/// The host source of a copy into a container.
pub(crate) fn host_source(raw: &str, follow_link: bool) -> Result<Found> {
    let spec = Spec::parse_host(raw);
    let found =
        resolve(Side::Host, &spec.path, follow_link || spec.follow())?.ok_or_else(|| {
            crate::error::coded(1, format!("cannot copy {raw}: no such file or directory"))
        })?;
    if spec.contents && !found.is_dir() {
        bail!("cannot copy the contents of {raw}: it is not a directory");
    }
    Ok(Found {
        contents: spec.contents,
        ..found
    })
}

/// Where Docker's rules put a copy.
pub(crate) enum Plan {
    /// Into the directory `base`, named `name`.
    Into { base: String, name: String },
    /// A directory's contents into the directory `base`.
    Contents { base: String },
}

pub(crate) enum PlaceError {
    /// The destination's parent directory does not exist.
    NoParent,
    Other(anyhow::Error),
}

/// Where `source` goes for the destination `spec` on `side` (`dst`: what it names, if anything).
pub(crate) fn place(
    side: Side<'_>,
    source: &Found,
    dst: Option<&Found>,
    spec: &Spec,
) -> Result<Plan, PlaceError> {
    let other = |m: String| PlaceError::Other(crate::error::coded(1, m));
    match dst {
        Some(d) if d.is_dir() => Ok(match source.contents {
            true => Plan::Contents {
                base: d.path.clone(),
            },
            false => Plan::Into {
                base: d.path.clone(),
                name: source.top_name(),
            },
        }),
        Some(d) => {
            if spec.assert_dir {
                return Err(other(format!(
                    "cannot copy to {}: not a directory",
                    spec.path
                )));
            }
            if source.is_dir() {
                return Err(other(format!(
                    "cannot copy a directory onto the file {}: name a directory, or a path that does not exist",
                    spec.path
                )));
            }
            Ok(Plan::Into {
                base: split(&d.path).0,
                name: d.name.clone(),
            })
        }
        None => {
            if spec.assert_dir && !source.is_dir() {
                return Err(other(format!(
                    "cannot copy to {}: no such directory (make it first, or drop the trailing '/')",
                    spec.path
                )));
            }
            match resolve(side, &spec.parent(), true) {
                Ok(Some(p)) if p.is_dir() => Ok(Plan::Into {
                    base: p.path,
                    name: spec.base(),
                }),
                Ok(_) => Err(PlaceError::NoParent),
                Err(e) => Err(PlaceError::Other(e)),
            }
        }
    }
}

/// Makes (or reuses) the directory `name` in `base` for a copy of the directory `source`:
/// its mode, and its owners with `-a`. Returns its path.
pub(crate) fn make_dir(
    side: Side<'_>,
    base: &str,
    name: &str,
    source: &Found,
    owners: super::Owners<'_>,
) -> Result<String> {
    let dir = side.open_dir(base)?;
    let path = match base {
        "/" => format!("/{name}"),
        b => format!("{}/{name}", b.trim_end_matches('/')),
    };
    let mode = Mode::from_raw_mode(source.st.st_mode & 0o7777);
    match mkdirat(&dir, name, mode) {
        Ok(()) | Err(Errno::EXIST) => {}
        Err(e) => bail!("cannot create the directory {path}: {e}"),
    }
    let made = openat(&dir, name, DIR.union(OFlags::NOFOLLOW), Mode::empty())
        .map_err(|_| anyhow!("cannot copy the directory to {path}: something else is there"))?;
    // mkdir applied the umask; the copy has the source's mode.
    rustix::fs::fchmod(&made, mode).map_err(|e| anyhow!("cannot chmod {path}: {e}"))?;
    if let Some((u, g)) = owners.ids(source.st.st_uid.into(), source.st.st_gid.into()) {
        let fit = |id: u64| u32::try_from(id).unwrap_or(u32::MAX - 1);
        let (u, g) = (Uid::from_raw(fit(u)), Gid::from_raw(fit(g)));
        chownat(&made, "", Some(u), Some(g), AtFlags::EMPTY_PATH)
            .map_err(|e| anyhow!("cannot change the owner of {path}: {e}"))?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_clean_like_go() {
        assert_eq!(clean("a/../../b/./c/", true), "/b/c");
        assert_eq!(clean("/", true), "/");
        assert_eq!(clean("../x", false), "../x");
        assert_eq!(clean("./", false), ".");
        assert_eq!(split("/etc"), ("/".into(), "etc".into()));
        assert_eq!(split("/"), ("/".into(), ".".into()));
        let s = Spec::parse("dir/.");
        assert!(s.contents && s.assert_dir && s.path == "/dir");
        assert!(Spec::parse("/x/").assert_dir);
    }
}
