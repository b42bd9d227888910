//! `skiff run`: create a container and run it in the foreground.
use super::common;
use super::container_flags::CreateFlags;
use crate::engine::container::{create, start};
use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
#[command(
    disable_help_flag = true,
    override_usage = "skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]"
)]
pub struct Args {
    /// Automatically remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Run container in background and print container ID
    #[arg(short = 'd', long)]
    pub detach: bool,
    #[command(flatten)]
    pub flags: CreateFlags,
}

pub fn run(args: Args) -> Result<i32> {
    if args.detach {
        bail!("detached containers (-d) need skiff's container monitor, which is not built yet: run in the foreground");
    }
    let paths = common::paths()?;
    let mapping = common::enter_userns(&paths)?;
    let c = create::create(&paths, args.flags.options(args.rm), &mapping)?;
    let o = start::StartOptions {
        stdin: args.flags.interactive,
    };
    start::run_foreground(&paths, c.record, Some(c.spec), &o)
}
