//! `skiff wait`: block until containers stop, then print their exit codes.
use crate::cli::common;
use crate::engine::container::lifecycle;
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Containers to wait for
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    common::each(&args.containers, |c| {
        lifecycle::wait(&paths, c).map(|code| code.to_string())
    })
}
