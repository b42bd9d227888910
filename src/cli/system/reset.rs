//! `skiff system reset [-f]`: remove everything skiff stored for the user (podman's verb).
use crate::cli::context::Context;
use crate::cli::system::prune::confirm;
use anyhow::Result;

/// Reset skiff storage back to its initial state
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Removes every container (running ones are killed), image, volume and the build cache, by deleting the store (--root) and the runtime directory (--runroot) from inside the user namespace, and ends the user namespace's holder process. Configuration files (registries.conf, auth.json) are kept."
)]
pub(crate) struct Args {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    if !a.force {
        let what = format!(
            "This will remove:\n  - all containers\n  - all images\n  - all volumes\n  - all build cache\n  - the store directory: {:?}\n  - the runtime directory: {:?}\n",
            paths.data, paths.run
        );
        if !confirm("system reset", &what)? {
            return Ok(0);
        }
    }
    // Only a store that exists needs the namespace (joining it would create one).
    if !paths.data.exists() && !paths.run.exists() {
        return Ok(0);
    }
    let holder = crate::runtime::userns::holder_pid(paths);
    ctx.userns()?;
    crate::engine::system::reset::reset(
        paths,
        holder.or(crate::runtime::userns::holder_pid(paths)),
    )?;
    Ok(0)
}
