//! Creating one tar entry inside the layer directory.
use super::meta::{chown_error, Meta, Xattrs};
use super::name::{self, EntryPath, Role};
use super::tree::{
    entry_error, make_whiteout, open_dir_at, replace_whiteout_with_dir, set_opaque, Node, Tree,
};
use super::{Tally, UnpackOptions, HOSTILE, IN_USERNS};
use anyhow::{bail, Result};
use rustix::fs::{
    chmodat, chownat, linkat, mkdirat, mknodat, openat, symlinkat, unlinkat, utimensat, AtFlags,
    FileType, Mode, OFlags,
};
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsFd;
use tar::EntryType;

/// State shared by all entries of one unpack.
pub(super) struct Ctx<'o> {
    pub(crate) opts: &'o UnpackOptions,
    pub(crate) report: Tally,
    pub(crate) xattrs: Xattrs,
    /// Reused for every file's content.
    pub(crate) buf: Vec<u8>,
}

pub(super) fn unpack_entry<R: Read>(
    tree: &mut Tree,
    entry: &mut tar::Entry<'_, R>,
    cx: &mut Ctx<'_>,
) -> Result<()> {
    let mut kind = entry.header().entry_type();
    if kind.is_pax_global_extensions() {
        return Ok(());
    }
    let raw = entry.path_bytes().into_owned();
    // Pre-POSIX archives mark directories only with a trailing slash.
    if kind == EntryType::Regular && raw.ends_with(b"/") {
        kind = EntryType::Directory;
    }
    let path = match name::normalize(&raw) {
        Ok(Some(path)) => path,
        // `./` itself: the root's attributes come from the upper layer once mounted.
        Ok(None) if kind.is_dir() => return Ok(()),
        Ok(None) => bail!(
            "layer entry {}: only a directory can name the layer root; {HOSTILE}",
            lossy(&raw)
        ),
        Err(why) => bail!("layer entry {}: {why}; {HOSTILE}", lossy(&raw)),
    };
    match name::role(&path).map_err(|why| entry_error(&path, format_args!("{why}; {HOSTILE}")))? {
        Role::Plain => {}
        Role::AufsMeta => return Ok(()),
        Role::Opaque => return tree.make_opaque(path.parent(), &path),
        Role::Whiteout(hidden) => return whiteout(tree, &path, hidden),
    }
    let replaces_whiteout = match tree.node(path.full()) {
        None => false,
        Some(Node::Implicit) if kind.is_dir() => false,
        // A whiteout hides lower layers only; this layer's own entry of that name wins.
        Some(Node::Whiteout) => true,
        Some(_) => {
            return Err(entry_error(
                &path,
                format_args!("duplicate entry: an earlier entry has the same path; {HOSTILE}"),
            ))
        }
    };
    let skipped = match kind {
        EntryType::Char | EntryType::Block => format!("skipped device node {}", path.show()),
        EntryType::Regular
        | EntryType::Continuous
        | EntryType::GNUSparse
        | EntryType::Directory
        | EntryType::Symlink
        | EntryType::Link
        | EntryType::Fifo => return create(tree, entry, kind, &path, replaces_whiteout, cx),
        other => format!(
            "skipped {} (unsupported tar entry type '{}')",
            path.show(),
            other.as_byte().escape_ascii()
        ),
    };
    cx.report.notes.push(skipped);
    tree.record(&path, Node::Skipped);
    Ok(())
}

fn create<R: Read>(
    tree: &mut Tree,
    entry: &mut tar::Entry<'_, R>,
    kind: EntryType,
    path: &EntryPath,
    replaces_whiteout: bool,
    cx: &mut Ctx<'_>,
) -> Result<()> {
    if replaces_whiteout && kind != EntryType::Directory {
        let dir = tree.dir(path.parent(), path)?;
        unlinkat(dir, path.name(), AtFlags::empty()).map_err(|e| {
            entry_error(
                path,
                format_args!("cannot remove the whiteout it replaces: {e}"),
            )
        })?;
    }
    if kind == EntryType::Link {
        // It shares the target's inode, owner, mode and times.
        return hard_link(tree, entry, path, cx);
    }
    let meta = Meta::read(entry, path, cx.opts)?;
    match kind {
        EntryType::Directory => directory(tree, path, meta, replaces_whiteout, cx),
        EntryType::Symlink => symlink(tree, entry, path, &meta, cx),
        EntryType::Fifo => fifo(tree, path, &meta, cx),
        _ => regular_file(tree, entry, path, &meta, cx),
    }
}

fn lossy(raw: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(raw))
}

fn regular_file<R: Read>(
    tree: &mut Tree,
    entry: &mut tar::Entry<'_, R>,
    path: &EntryPath,
    meta: &Meta,
    cx: &mut Ctx<'_>,
) -> Result<()> {
    let expected = entry.size();
    let dir = tree.dir(path.parent(), path)?;
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = openat(dir, path.name(), flags, Mode::from_raw_mode(0o600))
        .map_err(|e| entry_error(path, format_args!("cannot create the file: {e}")))?;
    let mut file = File::from(fd);
    let mut written = 0u64;
    loop {
        let n = match entry.read(&mut cx.buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(entry_error(
                    path,
                    format_args!("{}", super::read_failure(e)),
                ))
            }
        };
        file.write_all(&cx.buf[..n])
            .map_err(|e| entry_error(path, format_args!("cannot write the file: {e}")))?;
        written += n as u64;
    }
    if written != expected {
        return Err(entry_error(
            path,
            format_args!(
                "the layer ends inside this file's content; {}",
                super::TRUNCATED
            ),
        ));
    }
    meta.apply(file.as_fd(), path, &mut cx.xattrs)?;
    cx.report.size += written;
    tree.record(path, Node::File);
    Ok(())
}

fn directory(
    tree: &mut Tree,
    path: &EntryPath,
    meta: Meta,
    replaces_whiteout: bool,
    cx: &mut Ctx<'_>,
) -> Result<()> {
    let implicit = tree.node(path.full()) == Some(Node::Implicit);
    let dir = tree.dir(path.parent(), path)?;
    // Private until the end, when the entry's own mode is applied.
    let created = if replaces_whiteout {
        replace_whiteout_with_dir(dir, path.name(), 0o700)
    } else if implicit {
        Ok(())
    } else {
        mkdirat(dir, path.name(), Mode::from_raw_mode(0o700))
    };
    created.map_err(|e| entry_error(path, format_args!("cannot create the directory: {e}")))?;
    let fd = open_dir_at(dir, path.name()).map_err(|e| {
        entry_error(
            path,
            format_args!("cannot open the directory it created: {e}"),
        )
    })?;
    meta.apply_owner_and_xattrs(fd.as_fd(), path, &mut cx.xattrs)?;
    if replaces_whiteout {
        set_opaque(fd.as_fd()).map_err(|e| entry_error(path, e))?;
    }
    tree.record(
        path,
        Node::Dir {
            mode: meta.mode,
            mtime: meta.mtime,
        },
    );
    Ok(())
}

fn symlink<R: Read>(
    tree: &mut Tree,
    entry: &tar::Entry<'_, R>,
    path: &EntryPath,
    meta: &Meta,
    cx: &mut Ctx<'_>,
) -> Result<()> {
    // Stored verbatim: it is resolved inside the container at run time, never here.
    let target = entry
        .link_name_bytes()
        .map(|t| t.into_owned())
        .unwrap_or_default();
    if target.is_empty() || target.contains(&0) {
        return Err(entry_error(
            path,
            format_args!("the symlink has an empty or invalid target; {HOSTILE}"),
        ));
    }
    let dir = tree.dir(path.parent(), path)?;
    symlinkat(target.as_slice(), dir, path.name())
        .map_err(|e| entry_error(path, format_args!("cannot create the symlink: {e}")))?;
    finish_special(dir, path, meta, false, cx)?;
    tree.record(path, Node::Symlink);
    Ok(())
}

fn fifo(tree: &mut Tree, path: &EntryPath, meta: &Meta, cx: &mut Ctx<'_>) -> Result<()> {
    let dir = tree.dir(path.parent(), path)?;
    mknodat(
        dir,
        path.name(),
        FileType::Fifo,
        Mode::from_raw_mode(0o600),
        0,
    )
    .map_err(|e| entry_error(path, format_args!("cannot create the fifo: {e}")))?;
    finish_special(dir, path, meta, true, cx)?;
    tree.record(path, Node::Fifo);
    Ok(())
}

/// Owner, mode and times of a symlink or FIFO, changed by name: a FIFO cannot be opened
/// without blocking, and a symlink not at all.
fn finish_special(
    dir: std::os::fd::BorrowedFd<'_>,
    path: &EntryPath,
    meta: &Meta,
    chmod: bool,
    cx: &mut Ctx<'_>,
) -> Result<()> {
    let nofollow = AtFlags::SYMLINK_NOFOLLOW;
    if let Some((uid, gid)) = meta.owner {
        chownat(dir, path.name(), Some(uid), Some(gid), nofollow)
            .map_err(|e| chown_error(path, e))?;
    }
    if chmod {
        // chmodat follows symlinks, but this layer just created that name as a FIFO.
        chmodat(
            dir,
            path.name(),
            Mode::from_raw_mode(meta.mode),
            AtFlags::empty(),
        )
        .map_err(|e| {
            entry_error(
                path,
                format_args!("cannot set its mode {:o}: {e}", meta.mode),
            )
        })?;
    }
    utimensat(dir, path.name(), &meta.mtime.timestamps(), nofollow)
        .map_err(|e| entry_error(path, format_args!("cannot set its modification time: {e}")))?;
    cx.xattrs.skip_all(meta);
    Ok(())
}

fn hard_link<R: Read>(
    tree: &mut Tree,
    entry: &tar::Entry<'_, R>,
    path: &EntryPath,
    cx: &mut Ctx<'_>,
) -> Result<()> {
    let raw = entry
        .link_name_bytes()
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let refuse = |why: &str| {
        entry_error(
            path,
            format_args!("hard link target {}: {why}; {HOSTILE}", lossy(&raw)),
        )
    };
    let target = match name::normalize(&raw) {
        Ok(Some(target)) => target,
        Ok(None) => return Err(refuse("a hard link cannot point at the layer root")),
        Err(why) => return Err(refuse(why)),
    };
    let node = match tree.node(target.full()) {
        Some(Node::Skipped) => {
            cx.report.notes.push(format!(
                "skipped {} (a hard link to skipped {})",
                path.show(),
                target.show()
            ));
            tree.record(path, Node::Skipped);
            return Ok(());
        }
        Some(node) if node.is_dir() => return Err(refuse("it is a directory")),
        Some(node @ (Node::File | Node::Symlink | Node::Fifo)) => node,
        _ => return Err(refuse("no earlier entry of this layer has that path")),
    };
    // Both parents are reached without following symlinks, and linkat without
    // AT_SYMLINK_FOLLOW links a symlink itself, so the link stays inside the layer.
    let target_dir = tree
        .open_existing(target.parent())
        .map_err(|e| refuse(&format!("cannot open its directory: {e}")))?;
    let dir = tree.dir(path.parent(), path)?;
    linkat(
        &target_dir,
        target.name(),
        dir,
        path.name(),
        AtFlags::empty(),
    )
    .map_err(|e| entry_error(path, format_args!("cannot create the hard link: {e}")))?;
    tree.record(path, node);
    Ok(())
}

/// `dir/.wh.NAME`: `dir/NAME` of lower layers is deleted.
fn whiteout(tree: &mut Tree, path: &EntryPath, hidden: &[u8]) -> Result<()> {
    let mut hidden_path = path.parent().to_vec();
    if !hidden_path.is_empty() {
        hidden_path.push(b'/');
    }
    hidden_path.extend_from_slice(hidden);
    match tree.node(&hidden_path) {
        None => {}
        // This layer's directory of that name must not show the lower one's content.
        Some(node) if node.is_dir() => return tree.make_opaque(&hidden_path, path),
        // An entry of this layer already hides the lower one.
        Some(_) => return Ok(()),
    }
    let dir = tree.dir(path.parent(), path)?;
    make_whiteout(dir, hidden).map_err(|e| {
        entry_error(
            path,
            format_args!("cannot create the whiteout: {e}; {IN_USERNS}"),
        )
    })?;
    let hidden_entry = name::normalize(&hidden_path)
        .ok()
        .flatten()
        .ok_or_else(|| entry_error(path, "internal error: bad whiteout path"))?;
    tree.record(&hidden_entry, Node::Whiteout);
    Ok(())
}
