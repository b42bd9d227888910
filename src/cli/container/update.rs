//! `skiff container update` (also `skiff update`): new resource limits or restart policy for
//! containers, applied at once to running ones.
use crate::cli::context::Context;
use crate::cli::flags::resources::LimitFlags;
use crate::cli::output::report;
use crate::engine::container::update::{self, Change};
use crate::engine::spec::parse;
use anyhow::{bail, Result};

/// Update configuration of one or more containers
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "A limit given replaces the container's; the others stay. A running container gets the new limits at once in its cgroups (a cgroup its start did not need is made and its processes moved in); a stopped one at its next start. The values are kept in the container's state and shown by inspect (HostConfig).\n\nDIFFERENCES: limits need delegated cgroups, as for skiff run (see skiff-run(1), RESOURCE LIMITS): where none is writable, update fails with exit code 125 rather than recording a limit that cannot hold. --cpu-rt-period, --cpu-rt-runtime and --kernel-memory are not supported (unknown flags)."
)]
pub(crate) struct Args {
    #[command(flatten)]
    limits: LimitFlags,
    /// Restart policy to apply when a container exits
    #[arg(long = "restart", value_name = "POLICY")]
    restart: Option<String>,
    /// Containers to update
    #[arg(value_name = "CONTAINER", required = true)]
    containers: Vec<String>,
}

impl Args {
    /// The change asked for, checked as `run` checks the same flags.
    fn change(&self) -> Result<Change> {
        let resources = self.limits.resources()?;
        let restart = self
            .restart
            .as_deref()
            .map(parse::restart_policy)
            .transpose()?;
        if resources == Default::default() && restart.is_none() {
            bail!("you must provide one or more flags when using this command (see skiff update --help)");
        }
        Ok(Change { resources, restart })
    }
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let change = args.change()?;
    let paths = ctx.paths()?;
    report::each(&args.containers, |c| {
        update::update(paths, c, &change).map(|_| c.to_string())
    })
}
