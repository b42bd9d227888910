//! `skiff container pause` (also `skiff pause`): freeze every process of running containers, through their freezer cgroup.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::pause;
use crate::engine::container::record::Status;
use crate::engine::container::select::{self, Selection};
use anyhow::Result;

/// Pause all processes within one or more containers
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "DIFFERENCES: a container is frozen through its own freezer cgroup (cgroup v1 freezer or cgroup v2 cgroup.freeze), which skiff makes at its start only where the user may (see skiff-run(1), RESOURCE LIMITS); elsewhere pause fails with exit code 125 and says so."
)]
pub(crate) struct Args {
    /// Pause all running containers
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Containers to pause
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    let which = Selection::of(args.containers, args.all, false);
    let keys = select::select(paths, &which, |r| {
        r.live_status() == Status::Running && !r.state.paused
    })?;
    report::each(&keys, |c| pause::pause(paths, c).map(|_| c.to_string()))
}
