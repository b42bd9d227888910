//! Containers: records, create/start/rm, and spec generation from image config and flags.
pub mod seccomp;

use crate::store::Paths;
use anyhow::Result;

/// Names of the containers (any state) made from image `image_id` (`sha256:<hex>`); `rmi` refuses
/// to remove an image while this is not empty.
pub fn users_of_image(_paths: &Paths, _image_id: &str) -> Result<Vec<String>> {
    Ok(Vec::new())
}
