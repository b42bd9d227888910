//! `tag`: gives an image one more name. A name without a domain is a local one
//! (`localhost/NAME:latest`); a name another image had moves here (that image keeps its others,
//! or stays as `<none>`).
use super::lookup;
use super::reference::{normalize_name, Origin};
use super::store::{self, Index};
use crate::store::{Lock, Paths};
use anyhow::Result;

/// Tags `source` as `target`; returns the full new name.
pub(crate) fn tag(paths: &Paths, source: &str, target: &str) -> Result<String> {
    let name = normalize_name(target, Origin::Local)?;
    store::ensure_dirs(paths)?;
    // Only index.json changes, so no temp cleanup here: that needs the user namespace, and
    // tag does not need to join it.
    let _lock = Lock::exclusive(&paths.image_lock())?;
    let mut index = Index::read(paths)?;
    let found = lookup::find(&index, source)?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    index.set_name(found.idx, &name, &now);
    index.write(paths)?;
    Ok(name)
}
