//! `skiff restart`: stop then start containers (detached).
use crate::cli::common;
use crate::engine::container::{detach, lifecycle};
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Seconds to wait before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Containers to restart
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    common::enter_userns(&paths)?;
    common::each(&args.containers, |c| {
        let rec = lifecycle::stop(&paths, c, args.time)?;
        detach::start(&paths, &rec.id)?;
        Ok(c.to_string())
    })
}
