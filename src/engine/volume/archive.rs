//! `volume export` and `volume import`: a volume's data as a tar (owners as the container sees
//! them, as `export` of a container), and a tar unpacked as a volume's new content (made beside
//! `_data` and swapped in, so a failed or killed import leaves the old content).
use crate::engine::image::{ingest, pack, unpack};
use crate::runtime::userns::Mapping;
use crate::store::{self, Lock, Paths};
use anyhow::{Context, Result};
use rustix::fs::{RenameFlags, CWD};
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

/// An unnamed temp file in `dir` (O_TMPFILE: nothing to collect after a crash).
pub(crate) fn spool(dir: &Path) -> Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        dir,
        OFlags::TMPFILE | OFlags::RDWR | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    )
    .with_context(|| format!("cannot create a temp file in {}", dir.display()))?;
    Ok(File::from(fd))
}

/// Writes the volume's data as a tar to `out`.
pub(crate) fn export<W: Write>(paths: &Paths, name: &str, out: W) -> Result<W> {
    super::find(paths, name)?;
    pack::pack_merged(&[super::data_dir(paths, name)], out)
}

/// Replaces the volume's data with the tar read from `input`.
pub(crate) fn import(paths: &Paths, name: &str, input: impl Read, mapping: &Mapping) -> Result<()> {
    super::find(paths, name)?;
    let vdir = super::dir(paths, name);
    let tmp = vdir.join(store::tmp_name());
    std::fs::create_dir(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let res = (|| -> Result<()> {
        unpack::unpack(input, &tmp, &ingest::unpack_options(mapping))
            .with_context(|| format!("cannot import into volume {name}"))?;
        let _lock = Lock::exclusive(&paths.volume_lock())?;
        let data = super::data_dir(paths, name);
        rustix::fs::renameat_with(CWD, &tmp, CWD, &data, RenameFlags::EXCHANGE)
            .with_context(|| format!("cannot swap the import into {}", data.display()))?;
        Ok(())
    })();
    let _ = store::remove_tree(&tmp);
    res
}
