//! Owner, mode, mtime and xattrs of an entry: read from its headers, applied after creation.
use super::name::EntryPath;
use super::tree::{entry_error, Stamp};
use super::{UnpackOptions, IN_USERNS};
use anyhow::Result;
use rustix::fs::{fchmod, fchown, fsetxattr, futimens, Gid, Mode, Uid, XattrFlags};
use rustix::io::Errno;
use std::collections::BTreeMap;
use std::io::Read;
use std::os::fd::BorrowedFd;

pub(super) struct Meta {
    /// `None` in single-id mode: everything stays owned by the caller (root in the namespace).
    pub(crate) owner: Option<(Uid, Gid)>,
    pub(crate) mode: u32,
    pub(crate) mtime: Stamp,
    /// `SCHILY.xattr.*` PAX records: (name, value).
    pub(crate) xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Meta {
    pub(super) fn read<R: Read>(
        entry: &mut tar::Entry<'_, R>,
        path: &EntryPath,
        opts: &UnpackOptions,
    ) -> Result<Meta> {
        let bad = |what: &str, e: std::io::Error| {
            entry_error(
                path,
                format_args!("its {what} is unreadable ({e}); the layer is corrupt"),
            )
        };
        let header = entry.header();
        let mode = header.mode().map_err(|e| bad("mode", e))? & 0o7777;
        let header_mtime = header.mtime().map_err(|e| bad("mtime", e))?;
        let owner = if opts.single_id {
            None
        } else {
            // tar already folded PAX uid/gid records into the header.
            let uid = header.uid().map_err(|e| bad("uid", e))?;
            let gid = header.gid().map_err(|e| bad("gid", e))?;
            Some(check_ids(path, uid, gid, opts)?)
        };
        let mut mtime = Stamp {
            sec: i64::try_from(header_mtime).unwrap_or(i64::MAX),
            nsec: 0,
        };
        let mut xattrs = Vec::new();
        if let Some(records) = entry.pax_extensions().map_err(|e| bad("PAX header", e))? {
            for record in records {
                let record = record.map_err(|e| bad("PAX header", e))?;
                let key = record.key_bytes();
                if key == b"mtime" {
                    mtime = parse_pax_time(record.value_bytes()).unwrap_or(mtime);
                } else if let Some(name) = key.strip_prefix(b"SCHILY.xattr.") {
                    xattrs.push((name.to_vec(), record.value_bytes().to_vec()));
                }
            }
        }
        Ok(Meta {
            owner,
            mode,
            mtime,
            xattrs,
        })
    }

    /// Owner, then mode (chown clears setuid/setgid), then xattrs (chown also drops
    /// `security.capability`), then times (last, since the others change ctime only).
    pub(super) fn apply(
        &self,
        fd: BorrowedFd<'_>,
        path: &EntryPath,
        xa: &mut Xattrs,
    ) -> Result<()> {
        self.apply_owner_and_xattrs(fd, path, xa)?;
        fchmod(fd, Mode::from_raw_mode(self.mode)).map_err(|e| {
            entry_error(
                path,
                format_args!("cannot set its mode {:o}: {e}", self.mode),
            )
        })?;
        futimens(fd, &self.mtime.timestamps())
            .map_err(|e| entry_error(path, format_args!("cannot set its modification time: {e}")))
    }

    /// For directories, whose mode and mtime wait until the end.
    pub(super) fn apply_owner_and_xattrs(
        &self,
        fd: BorrowedFd<'_>,
        path: &EntryPath,
        xa: &mut Xattrs,
    ) -> Result<()> {
        if let Some((uid, gid)) = self.owner {
            fchown(fd, Some(uid), Some(gid)).map_err(|e| chown_error(path, e))?;
        }
        for (name, value) in &self.xattrs {
            xa.apply(fd, path, name, value)?;
        }
        Ok(())
    }
}

pub(super) fn chown_error(path: &EntryPath, e: Errno) -> anyhow::Error {
    entry_error(path, format_args!("cannot set its owner: {e}; {IN_USERNS}"))
}

fn check_ids(path: &EntryPath, uid: u64, gid: u64, opts: &UnpackOptions) -> Result<(Uid, Gid)> {
    // -1 is "unchanged" to chown, so it is never a real owner.
    let uid_limit = opts.uid_limit.min(u64::from(u32::MAX));
    let gid_limit = opts.gid_limit.min(u64::from(u32::MAX));
    for (what, id, limit, file) in [
        ("uid", uid, uid_limit, "/etc/subuid"),
        ("gid", gid, gid_limit, "/etc/subgid"),
    ] {
        if id >= limit {
            return Err(entry_error(
                path,
                format_args!(
                    "it is owned by {what} {id}, but only {what}s 0-{} are mapped: the user's \
                     subordinate id range is too small; give the user at least {} ids in {file}",
                    limit.saturating_sub(1),
                    id + 1
                ),
            ));
        }
    }
    Ok((Uid::from_raw(uid as u32), Gid::from_raw(gid as u32)))
}

/// A PAX time: `sec[.fraction]`, possibly negative.
fn parse_pax_time(value: &[u8]) -> Option<Stamp> {
    let text = std::str::from_utf8(value).ok()?;
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut sec: i64 = whole.parse().ok()?;
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = fraction
        .chars()
        .chain(std::iter::repeat('0'))
        .take(9)
        .collect();
    let mut nsec: u32 = digits.parse().ok()?;
    if whole.starts_with('-') && nsec > 0 {
        sec -= 1;
        nsec = 1_000_000_000 - nsec;
    }
    Some(Stamp { sec, nsec })
}

/// Which PAX xattrs are written, and a tally of those that were not (for the report's notes).
#[derive(Default)]
pub(super) struct Xattrs {
    skipped: BTreeMap<String, u64>,
}

impl Xattrs {
    fn apply(
        &mut self,
        fd: BorrowedFd<'_>,
        path: &EntryPath,
        name: &[u8],
        value: &[u8],
    ) -> Result<()> {
        // user.overlay.* would be read by our own overlay mount (`userxattr`) as whiteouts,
        // redirects or opaque markers: layer content must not steer it.
        let wanted = name.starts_with(b"user.") && !name.starts_with(b"user.overlay.");
        let capability = name == b"security.capability";
        if name.contains(&0) || !(wanted || capability) {
            self.skip(name);
            return Ok(());
        }
        match fsetxattr(fd, name, value, XattrFlags::empty()) {
            Ok(()) => Ok(()),
            Err(Errno::PERM | Errno::NOTSUP | Errno::INVAL) if capability => {
                self.skip(name);
                Ok(())
            }
            Err(e) => Err(entry_error(
                path,
                format_args!(
                    "cannot set xattr {}: {e}; the storage filesystem must support user xattrs",
                    String::from_utf8_lossy(name)
                ),
            )),
        }
    }

    /// For entries that cannot carry xattrs here (symlinks, FIFOs).
    pub(super) fn skip_all(&mut self, meta: &Meta) {
        for (name, _) in &meta.xattrs {
            self.skip(name);
        }
    }

    fn skip(&mut self, name: &[u8]) {
        *self
            .skipped
            .entry(String::from_utf8_lossy(name).into_owned())
            .or_default() += 1;
    }

    pub(super) fn notes(self) -> impl Iterator<Item = String> {
        self.skipped.into_iter().map(|(name, count)| {
            let entries = if count == 1 { "entry" } else { "entries" };
            format!("skipped xattr {name} on {count} {entries}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_times() {
        let t = |s: &str| parse_pax_time(s.as_bytes()).map(|s| (s.sec, s.nsec));
        assert_eq!(t("1700000000"), Some((1_700_000_000, 0)));
        assert_eq!(t("1700000000.5"), Some((1_700_000_000, 500_000_000)));
        assert_eq!(t("1.1234567891"), Some((1, 123_456_789)));
        assert_eq!(t("-1.5"), Some((-2, 500_000_000)));
        assert_eq!(t("x"), None);
        assert_eq!(t("1.x"), None);
    }
}
