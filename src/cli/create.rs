//! `skiff create`: create a container without starting it; prints its id.
use super::common;
use super::container_flags::CreateFlags;
use crate::engine::container::run;
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
    let config = args.flags.config(false)?;
    let paths = common::paths()?;
    let mapping = common::enter_userns(&paths)?;
    let mut progress = crate::cli::pull::Progress::new(args.flags.quiet);
    let image = args.flags.image(&mapping)?;
    let created = run::create(&paths, &mapping, config, image, &mut |e| progress.event(e));
    progress.finish();
    println!("{}", created?.record.id);
    Ok(0)
}
