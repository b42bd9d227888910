//! Containers: records, create/start/rm, and spec generation from image config and flags.
pub mod attach;
pub mod create;
pub mod detach;
pub mod exec;
pub mod files;
pub mod filter;
pub mod health;
pub mod inspect;
mod legacy;
pub mod lifecycle;
pub mod list;
pub mod logs;
pub mod names;
pub mod namespaces;
pub mod network;
pub mod record;
pub mod remove;
pub mod reserve;
pub mod run;
pub mod seccomp;
pub mod start;
pub mod supervise;
pub mod teardown;
pub mod top;
pub mod user;

use crate::engine::image::digest::Digest;
use crate::store::Paths;
use anyhow::Result;

/// Names of the containers (any state) made from image `image_id` (`sha256:<hex>`); `rmi` refuses
/// to remove an image while this is not empty.
/// The CLI hands it to `image::remove` as the collection's roots.
pub fn users_of_image(paths: &Paths, image_id: &Digest) -> Result<Vec<String>> {
    Ok(record::list(paths)?
        .into_iter()
        .filter(|r| *image_id == r.image_id)
        .map(|r| r.name)
        .collect())
}
