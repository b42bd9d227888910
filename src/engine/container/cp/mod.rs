//! `cp`: files between a container and the host, or a tar stream, with Docker's path rules:
//! a source directory goes into an existing destination directory under its own name, or
//! becomes the destination when that does not exist; `SRC/.` copies a directory's contents; a
//! file onto a file replaces it; a destination ending in `/` must be a directory.
//!
//! Runs in skiff's user namespace, where the container's ids are the namespace's own: the
//! user's files read as root's, and a file written belongs to the container's root (which is
//! the user on the host) unless `-a` keeps the archive's owners. Every container-side path
//! resolves inside the container's root (`root.rs`, `extract.rs`); host paths are the user's.
mod extract;
mod root;
mod tree;

use super::record::Record;
use crate::engine::spec::userns::UserNs;
use crate::store::Paths;
use anyhow::{anyhow, bail, Context, Result};
pub(crate) use extract::Owners;
use extract::{extract, Dest};
use std::io::{Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use tree::{Found, Side, Spec};

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CpOptions {
    /// `-a`: keep the source's owners (else the writer's: root in the container, the user on
    /// the host).
    pub(crate) archive: bool,
    /// `-L`: a symlink named as the source is followed.
    pub(crate) follow_link: bool,
}

/// Who files written into `rec` belong to: with `-a`, the owners the source has on the host
/// (`stream`: a tar's ids, which are the container's, shifted by its user namespace); else the
/// container's root.
fn into_container(rec: &Record, archive: bool, stream: bool) -> Owners<'_> {
    let u = &rec.config.userns;
    match (archive, stream) {
        (true, true) => Owners::Archive {
            uids: &u.uids,
            gids: &u.gids,
        },
        (true, false) => Owners::Archive {
            uids: &[],
            gids: &[],
        },
        (false, _) if u.own() => {
            let root = |maps| UserNs::outer(maps, 0).unwrap_or(0);
            Owners::Fixed(root(&u.uids), root(&u.gids))
        }
        (false, _) => Owners::Writer,
    }
}

/// Who files copied to the host belong to: you, or with `-a` their owners on the host.
fn onto_host(archive: bool) -> Owners<'static> {
    match archive {
        true => Owners::Archive {
            uids: &[],
            gids: &[],
        },
        false => Owners::Writer,
    }
}

/// An error of `cp` that Docker reports with exit code 1, as its other cp failures.
fn not_found(path: &str, rec: &Record) -> anyhow::Error {
    crate::error::coded(
        1,
        format!("could not find the file {path} in container {}", rec.name),
    )
}

/// Copies the host path `src` (or the tar archive `stdin` when `src` is None) to `dst` in
/// `rec`'s file system. Returns the bytes of file content written.
pub(crate) fn copy_in(
    paths: &Paths,
    rec: &Record,
    src: Option<&str>,
    stdin: impl Read,
    dst: &str,
    o: CpOptions,
) -> Result<u64> {
    if rec.config.read_only {
        bail!(
            "container {}'s root file system is read-only (--read-only): copy into one of its volumes, or make a container without --read-only",
            rec.name
        );
    }
    // Before the container's mount namespace work: host paths are resolved as the user sees them.
    let source = match src {
        Some(s) => Some(tree::host_source(s, o.follow_link)?),
        None => None,
    };
    let root = root::open(paths, rec)?;
    let root_fd = root.fd.as_fd();
    let want = Spec::parse(dst);
    let side = Side::Container(root_fd);
    let found = tree::resolve(side, &want.path, true)?;
    let Some(source) = source else {
        // A tar stream goes into an existing directory, as Docker's.
        let Some(f) = found else {
            return Err(not_found(dst, rec));
        };
        if !f.is_dir() {
            bail!("destination \"{}:{dst}\" must be a directory", rec.name);
        }
        let dest = Dest {
            root: root_fd,
            base: f.path.clone(),
            owners: into_container(rec, o.archive, true),
            shown: format!("container {}", rec.name),
        };
        return extract(stdin, &dest);
    };
    let plan = tree::place(side, &source, found.as_ref(), &want).map_err(|e| match e {
        tree::PlaceError::NoParent => not_found(&want.parent(), rec),
        tree::PlaceError::Other(e) => e,
    })?;
    let shown = format!("container {}", rec.name);
    let (base, top) = match plan {
        tree::Plan::Into { base, name } if source.is_dir() => {
            let dir = tree::make_dir(
                side,
                &base,
                &name,
                &source,
                into_container(rec, o.archive, false),
            )?;
            (dir, None)
        }
        tree::Plan::Into { base, name } => (base, Some(name)),
        tree::Plan::Contents { base } => (base, None),
    };
    let dest = Dest {
        root: root_fd,
        base,
        owners: into_container(rec, o.archive, false),
        shown,
    };
    transfer(source.parent.as_fd(), &source.name, top.as_deref(), &dest)
}

/// Where `copy_out` writes.
pub(crate) enum Sink<'a> {
    /// A tar archive of the source.
    Stream(&'a mut dyn Write),
    /// A host path, with Docker's rules.
    Host(&'a str),
}

/// Copies `src` of `rec`'s file system to `sink`. Returns the bytes of file content read.
pub(crate) fn copy_out(
    paths: &Paths,
    rec: &Record,
    src: &str,
    sink: Sink<'_>,
    o: CpOptions,
) -> Result<u64> {
    let host = match &sink {
        Sink::Host(d) => {
            let spec = Spec::parse_host(d);
            let found = tree::resolve(Side::Host, &spec.path, true)?;
            Some((spec, found))
        }
        Sink::Stream(_) => None,
    };
    let root = root::open(paths, rec)?;
    let want = Spec::parse(src);
    let follow = o.follow_link || want.follow();
    let Some(source) = tree::resolve(Side::Container(root.fd.as_fd()), &want.path, follow)? else {
        return Err(not_found(src, rec));
    };
    if want.contents && !source.is_dir() {
        bail!(
            "cannot copy the contents of {src}: it is not a directory in container {}",
            rec.name
        );
    }
    let source = Found {
        contents: want.contents,
        ..source
    };
    match sink {
        Sink::Stream(out) => {
            let mut counted = Counting { inner: out, n: 0 };
            let top = (!source.contents).then(|| source.top_name());
            crate::engine::image::pack::pack_tree(
                source.parent.as_fd(),
                source.name.as_bytes(),
                top.as_deref(),
                Some((&rec.config.userns.uids, &rec.config.userns.gids)),
                &mut counted,
            )?;
            counted.flush().context("cannot write the archive")?;
            Ok(counted.n)
        }
        Sink::Host(d) => {
            let host = host.expect("resolved above");
            copy_to_host(&source, &host, d, o)
        }
    }
}

fn copy_to_host(
    source: &Found,
    host: &(Spec, Option<Found>),
    shown: &str,
    o: CpOptions,
) -> Result<u64> {
    let (spec, found) = host;
    let plan = tree::place(Side::Host, source, found.as_ref(), spec).map_err(|e| match e {
        tree::PlaceError::NoParent => crate::error::coded(
            1,
            format!(
                "cannot copy to {shown}: the directory {} does not exist",
                spec.parent()
            ),
        ),
        tree::PlaceError::Other(e) => e,
    })?;
    let (base, top) = match plan {
        tree::Plan::Into { base, name } if source.is_dir() => {
            let dir = tree::make_dir(Side::Host, &base, &name, source, onto_host(o.archive))?;
            (dir, None)
        }
        tree::Plan::Into { base, name } => (base, Some(name)),
        tree::Plan::Contents { base } => (base, None),
    };
    // The directory written into is the root: what the container's archive holds (its
    // symlinks, `..`) cannot reach above it.
    let dir = Side::Host.open_dir(&base)?;
    let dest = Dest {
        root: dir.as_fd(),
        base: String::new(),
        owners: onto_host(o.archive),
        shown: base.clone(),
    };
    transfer(source.parent.as_fd(), &source.name, top.as_deref(), &dest)
}

/// Packs `name` of `dir` (as `top`, or its contents) and writes it under `dest`, streaming
/// through a pipe: a thread packs while this one writes. No process is forked by `cp`, so a
/// thread here cannot meet the runtime's single-thread rule.
fn transfer(dir: BorrowedFd<'_>, name: &str, top: Option<&str>, dest: &Dest<'_>) -> Result<u64> {
    let (reader, writer) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).context("cannot make a pipe")?;
    // A larger pipe means fewer switches between the two threads (best effort: the default
    // 64 KiB works, only slower).
    let _ = rustix::pipe::fcntl_setpipe_size(&writer, 1 << 20);
    let (reader, writer) = (std::fs::File::from(reader), std::fs::File::from(writer));
    std::thread::scope(|s| {
        let packer = s.spawn(move || {
            let out = std::io::BufWriter::with_capacity(256 << 10, writer);
            crate::engine::image::pack::pack_tree(dir, name.as_bytes(), top, None, out)
                .and_then(|mut w| w.flush().map_err(Into::into))
        });
        let written = extract(std::io::BufReader::with_capacity(256 << 10, reader), dest);
        let packed = packer
            .join()
            .map_err(|_| anyhow!("the archive writer panicked"))?;
        // The writer's error explains a reader's early end; a reader's error stops the writer
        // with EPIPE, which says nothing.
        match (written, packed) {
            (Ok(n), Ok(_)) => Ok(n),
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(e),
        }
    })
}

/// A writer that counts what goes through.
struct Counting<'a> {
    inner: &'a mut dyn Write,
    n: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
