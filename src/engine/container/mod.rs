//! Containers: records, create/start/rm, and spec generation from image config and flags.
pub(crate) mod attach;
pub(crate) mod commit;
pub(crate) mod cp;
pub(crate) mod create;
pub(crate) mod detach;
pub(crate) mod diff;
pub(crate) mod exec;
pub(crate) mod export;
pub(crate) mod files;
pub(crate) mod filter;
pub(crate) mod health;
pub(crate) mod idmap;
pub(crate) mod inspect;
mod legacy;
pub(crate) mod lifecycle;
mod limits;
pub(crate) mod list;
mod list_cache;
pub(crate) mod logs;
pub(crate) mod names;
pub(crate) mod namespaces;
pub(crate) mod network;
pub(crate) mod output;
pub(crate) mod pause;
pub(crate) mod record;
pub(crate) mod remove;
pub(crate) mod reserve;
pub(crate) mod run;
pub(crate) mod seccomp;
pub(crate) mod select;
pub(crate) mod start;
pub(crate) mod stats;
pub(crate) mod supervise;
pub(crate) mod teardown;
pub(crate) mod tombstone;
pub(crate) mod top;
pub(crate) mod update;
pub(crate) mod user;
pub(crate) mod volumes;

use crate::engine::image::digest::Digest;
use crate::store::Paths;
use anyhow::Result;

/// Names of the containers (any state) made from image `image_id` (`sha256:<hex>`); `rmi` refuses
/// to remove an image while this is not empty.
/// The CLI hands it to `image::remove` as the collection's roots.
pub(crate) fn users_of_image(paths: &Paths, image_id: &Digest) -> Result<Vec<String>> {
    Ok(record::list(paths)?
        .into_iter()
        .filter(|r| *image_id == r.image_id)
        .map(|r| r.name)
        .collect())
}
