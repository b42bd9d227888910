//! `skiff create`: create a container without starting it; prints its id.
use super::common;
use super::container_flags::CreateFlags;
use crate::engine::container::create;
use anyhow::Result;

#[derive(clap::Args, Debug)]
#[command(
    disable_help_flag = true,
    override_usage = "skiff create [OPTIONS] IMAGE [COMMAND] [ARG...]"
)]
pub struct Args {
    #[command(flatten)]
    pub flags: CreateFlags,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    let mapping = common::enter_userns(&paths)?;
    args.flags.ensure_image(&paths, &mapping)?;
    let c = create::create(&paths, args.flags.options(false), &mapping)?;
    println!("{}", c.record.id);
    Ok(0)
}
