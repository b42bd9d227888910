//! `skiff container update` (also `skiff update`): new resource limits or restart policy for
//! containers, applied at once to running ones.
use crate::cli::context::Context;
use crate::cli::flags::resources::ResourceFlags;
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
    /// Memory limit (e.g. 512m, 1g)
    #[arg(short = 'm', long = "memory", value_name = "BYTES")]
    memory: Option<String>,
    /// Memory soft limit
    #[arg(long = "memory-reservation", value_name = "BYTES")]
    memory_reservation: Option<String>,
    /// Swap limit equal to memory plus swap: -1 to enable unlimited swap
    #[arg(long = "memory-swap", value_name = "BYTES", allow_hyphen_values = true)]
    memory_swap: Option<String>,
    /// Number of CPUs
    #[arg(long = "cpus", value_name = "DECIMAL")]
    cpus: Option<f64>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_name = "SHARES")]
    cpu_shares: Option<u64>,
    /// Limit CPU CFS (Completely Fair Scheduler) period
    #[arg(long = "cpu-period", value_name = "MICROSECONDS")]
    cpu_period: Option<u64>,
    /// Limit CPU CFS (Completely Fair Scheduler) quota
    #[arg(
        long = "cpu-quota",
        value_name = "MICROSECONDS",
        allow_hyphen_values = true
    )]
    cpu_quota: Option<i64>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "CPUS")]
    cpuset_cpus: Option<String>,
    /// MEMs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-mems", value_name = "MEMS")]
    cpuset_mems: Option<String>,
    /// Tune container pids limit (set -1 for unlimited)
    #[arg(long = "pids-limit", value_name = "N", allow_hyphen_values = true)]
    pids_limit: Option<i64>,
    /// Block IO (relative weight), between 10 and 1000, or 0 to disable
    #[arg(long = "blkio-weight", value_name = "WEIGHT")]
    blkio_weight: Option<u16>,
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
        let flags = ResourceFlags {
            memory: self.memory.clone(),
            memory_reservation: self.memory_reservation.clone(),
            memory_swap: self.memory_swap.clone(),
            cpus: self.cpus,
            cpu_shares: self.cpu_shares,
            cpu_period: self.cpu_period,
            cpu_quota: self.cpu_quota,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit,
            blkio_weight: self.blkio_weight,
            oom_score_adj: None,
            cgroups: None,
            cgroup_parent: None,
            ulimit: Vec::new(),
        };
        let resources = flags.resources()?;
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
