//! `skiff tag SOURCE TARGET` (also `image tag`).
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The image to name (name or id)
    pub source: String,
    /// The new name, [DOMAIN/]NAME[:TAG] (localhost/ is added when it has no domain)
    pub target: String,
}

pub fn run(a: Args) -> Result<i32> {
    let paths = crate::cli::common::paths()?;
    crate::engine::image::tag::tag(&paths, &a.source, &a.target)?;
    Ok(0)
}
