//! The store paths and the user namespace for `run` and `create`, which are being rewritten
//! elsewhere and do not take the `Context` yet; every other verb gets both from the context.
use crate::store::Paths;
use anyhow::Result;

pub fn paths() -> Result<Paths> {
    Paths::from_env()
}

/// Joins the user namespace, printing its one warning if any.
pub fn enter_userns(paths: &Paths) -> Result<crate::runtime::userns::Mapping> {
    super::context::join_userns(paths)
}
