//! `skiff create`: create a container without starting it; prints its id.
use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::output::progress::Progress;
use crate::cli::output::report::warn;
use crate::engine::container::run;
use anyhow::Result;

/// Create a new container
#[derive(clap::Args, Debug)]
#[command(
    disable_help_flag = true,
    override_usage = "skiff create [OPTIONS] IMAGE [COMMAND] [ARG...]"
)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) flags: CreateFlags,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let config = args.flags.config(false)?;
    let mapping = ctx.userns()?;
    let paths = ctx.paths()?;
    let mut progress = Progress::new(args.flags.quiet);
    let image = args.flags.image(paths, mapping)?;
    let created = run::create(paths, mapping, config, image, &mut |e| progress.event(e));
    progress.finish();
    let created = created?;
    created.warnings.iter().for_each(|w| warn(w));
    println!("{}", created.record.id);
    Ok(0)
}
