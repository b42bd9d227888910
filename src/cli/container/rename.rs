//! `skiff rename`: rename a container.
use crate::cli::common;
use crate::engine::container::lifecycle;
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The container
    pub container: String,
    /// Its new name
    pub new_name: String,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    lifecycle::rename(&paths, &args.container, &args.new_name)?;
    Ok(0)
}
