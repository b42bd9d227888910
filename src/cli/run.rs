//! `skiff run`: create a container and run it in the foreground.
use super::common;
use super::container_flags::CreateFlags;
use crate::engine::container::{create, detach, start};
use anyhow::Result;

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
    let paths = common::paths()?;
    let mapping = common::enter_userns(&paths)?;
    args.flags.ensure_image(&paths, &mapping)?;
    let c = create::create(&paths, args.flags.options(args.rm), &mapping)?;
    if args.detach {
        detach::start(&paths, &c.record.id)?;
        println!("{}", c.record.id);
        return Ok(0);
    }
    let o = start::StartOptions {
        stdin: args.flags.interactive,
    };
    start::run_foreground(&paths, c.record, Some(c.spec), &o)
}
