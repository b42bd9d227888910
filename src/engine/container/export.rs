//! `export`: a container's merged file system (its image's layers with its upper dir on top,
//! whiteouts applied) as a tar, owners as the container sees them (see `image::pack`).
use super::record::Record;
use crate::engine::image::pack;
use crate::store::Paths;
use anyhow::Result;
use std::io::Write;

/// Writes `rec`'s file system to `out` (running or not: read as it is).
pub(crate) fn export<W: Write>(paths: &Paths, rec: &Record, out: W) -> Result<W> {
    let mut layers = vec![paths.container(&rec.id).join("upper")];
    layers.extend(super::idmap::lower_dirs(paths, rec)?.into_iter().rev());
    pack::pack_merged_as(&layers, super::idmap::maps(rec).as_ref(), out)
}
