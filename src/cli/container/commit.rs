//! `skiff container commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]` (also `skiff commit`): a new
//! image from a container's changes.
use crate::cli::context::Context;
use crate::cli::output::report::warn;
use crate::engine::container::commit::commit;
use crate::engine::image::commit::{plan, CommitOptions};
use anyhow::Result;

/// Create a new image from a container's changes
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "The image is the container's image plus one layer of what the container changed, with the container's settings (environment, command, entrypoint, working directory, user, labels, exposed ports, stop signal) and a history entry whose CREATED BY is the container's command. It prints the image id as Docker does (sha256:...).\n\nDIFFERENCES: skiff has no cgroup freezer, so --pause (the default, as Docker's) stops the container's processes with SIGSTOP while its files are read and resumes them with SIGCONT; a process that was already stopped stays stopped. --squash (podman's) makes one layer holding the whole file system. -q (podman's) is accepted for scripts: skiff prints no progress either way, only the id."
)]
pub(crate) struct Args {
    /// Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")
    #[arg(short, long)]
    pub(crate) author: Option<String>,
    /// Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub(crate) change: Vec<String>,
    /// Commit message
    #[arg(short, long)]
    pub(crate) message: Option<String>,
    /// Pause container during commit
    #[arg(short, long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub(crate) pause: bool,
    /// Suppress output (skiff prints only the image id anyway)
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Squash the image into one layer with the whole file system
    #[arg(long)]
    pub(crate) squash: bool,
    /// The container (name or id)
    pub(crate) container: String,
    /// The name for the image (NAME alone is localhost/NAME)
    #[arg(value_name = "REPOSITORY[:TAG]")]
    pub(crate) reference: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let plan = plan(CommitOptions {
        reference: a.reference,
        changes: a.change,
        message: a.message,
        author: a.author,
        squash: a.squash,
    })?;
    let mapping = ctx.userns()?.clone();
    let report = commit(ctx.paths()?, &a.container, &plan, a.pause, &mapping)?;
    for n in &report.notes {
        warn(n);
    }
    println!("{}", report.id);
    Ok(0)
}
