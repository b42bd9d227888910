//! The resource flags `run` and `create` share (Docker's and podman's names): turned into the
//! typed `Resources`, checked against what this host can hold before anything is created.
use crate::engine::spec::config::Resources;
use crate::engine::spec::parse;
use anyhow::{bail, Result};

/// The cgroup limits: `run`, `create` and `update` share them.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct LimitFlags {
    /// Memory limit (e.g. 512m, 1g)
    #[arg(short = 'm', long = "memory", value_name = "BYTES")]
    pub(crate) memory: Option<String>,
    /// Memory soft limit
    #[arg(long = "memory-reservation", value_name = "BYTES")]
    pub(crate) memory_reservation: Option<String>,
    /// Swap limit equal to memory plus swap: -1 to enable unlimited swap
    #[arg(long = "memory-swap", value_name = "BYTES", allow_hyphen_values = true)]
    pub(crate) memory_swap: Option<String>,
    /// Number of CPUs
    #[arg(long = "cpus", value_name = "DECIMAL")]
    pub(crate) cpus: Option<f64>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_name = "SHARES")]
    pub(crate) cpu_shares: Option<u64>,
    /// Limit CPU CFS (Completely Fair Scheduler) period
    #[arg(long = "cpu-period", value_name = "MICROSECONDS")]
    pub(crate) cpu_period: Option<u64>,
    /// Limit CPU CFS (Completely Fair Scheduler) quota
    #[arg(
        long = "cpu-quota",
        value_name = "MICROSECONDS",
        allow_hyphen_values = true
    )]
    pub(crate) cpu_quota: Option<i64>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "CPUS")]
    pub(crate) cpuset_cpus: Option<String>,
    /// MEMs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-mems", value_name = "MEMS")]
    pub(crate) cpuset_mems: Option<String>,
    /// Tune container pids limit (set -1 for unlimited)
    #[arg(long = "pids-limit", value_name = "N", allow_hyphen_values = true)]
    pub(crate) pids_limit: Option<i64>,
    /// Block IO (relative weight), between 10 and 1000, or 0 to disable
    #[arg(long = "blkio-weight", value_name = "WEIGHT")]
    pub(crate) blkio_weight: Option<u16>,
}

/// `run` and `create`'s resource flags: the limits, and what only a new container takes.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct ResourceFlags {
    #[command(flatten)]
    pub(crate) limits: LimitFlags,
    /// Tune host's OOM preferences (-1000 to 1000)
    #[arg(long = "oom-score-adj", value_name = "N", allow_hyphen_values = true)]
    pub(crate) oom_score_adj: Option<i32>,
    /// Control container cgroup configuration (enabled, disabled, no-conmon, split)
    #[arg(long = "cgroups", value_name = "MODE")]
    pub(crate) cgroups: Option<String>,
    /// Optional parent cgroup for the container (absolute, or relative to skiff's own cgroup)
    #[arg(long = "cgroup-parent", value_name = "PATH")]
    pub(crate) cgroup_parent: Option<String>,
    /// Ulimit options (NAME=SOFT[:HARD], e.g. nofile=1024:2048; -1 is unlimited)
    #[arg(long = "ulimit", value_name = "ULIMIT")]
    pub(crate) ulimit: Vec<String>,
}

impl LimitFlags {
    /// The limits as `Resources` (the other fields unset), with Docker's checks and words; the
    /// caller checks them against the host's cgroups (`update` once merged with the old ones).
    pub(crate) fn resources(&self) -> Result<Resources> {
        let bytes = |flag: &str, v: &Option<String>| -> Result<Option<i64>> {
            v.as_deref()
                .map(|s| parse::memory_bytes(flag, s).map(|b| b as i64))
                .transpose()
        };
        let memory = bytes("--memory", &self.memory)?;
        if memory.is_some_and(|m| m > 0 && m < 6 << 20) {
            bail!("minimum memory limit allowed is 6MB");
        }
        let memory_swap = match self.memory_swap.as_deref() {
            Some("-1") => Some(-1),
            other => bytes("--memory-swap", &other.map(str::to_string))?,
        };
        if let (Some(s), Some(m)) = (memory_swap, memory) {
            if s > 0 && s < m {
                bail!("minimum memoryswap limit should be larger than memory limit, see usage");
            }
        }
        if memory_swap.is_some_and(|s| s > 0) && memory.is_none() {
            bail!("you should always set the memory limit when using memoryswap limit, see usage");
        }
        let nano_cpus = match self.cpus {
            Some(c) if !c.is_finite() || c < 0.0 => {
                bail!("invalid --cpus {c}: use a positive decimal such as 1.5")
            }
            Some(c) => Some((c * 1e9).round() as i64),
            None => None,
        };
        if nano_cpus.is_some_and(|n| n > 0)
            && (self.cpu_quota.is_some() || self.cpu_period.is_some())
        {
            bail!("conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if let Some(w) = self
            .blkio_weight
            .filter(|w| *w != 0 && !(10..=1000).contains(w))
        {
            bail!("invalid --blkio-weight {w}: range of blkio weight is from 10 to 1000");
        }
        let r = Resources {
            memory,
            memory_reservation: bytes("--memory-reservation", &self.memory_reservation)?,
            memory_swap,
            nano_cpus,
            cpu_shares: self.cpu_shares,
            cpu_period: self.cpu_period,
            cpu_quota: self.cpu_quota,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit,
            blkio_weight: self.blkio_weight,
            ..Default::default()
        };
        Ok(r)
    }
}

impl ResourceFlags {
    /// The flags as `Resources`, with Docker's checks and words.
    pub(crate) fn resources(&self) -> Result<Resources> {
        if let Some(a) = self.oom_score_adj.filter(|a| !(-1000..=1000).contains(a)) {
            bail!("invalid --oom-score-adj {a}: valid range is from -1000 to 1000");
        }
        let mut ulimits = Vec::new();
        for u in &self.ulimit {
            let u = crate::engine::spec::ulimit::parse(u)?;
            // Docker: a later --ulimit of the same name replaces the earlier one.
            ulimits.retain(|o: &crate::engine::spec::ulimit::Ulimit| o.name != u.name);
            ulimits.push(u);
        }
        let mut r = Resources {
            oom_score_adj: self.oom_score_adj,
            ulimits,
            cgroup_parent: self.cgroup_parent.clone(),
            ..self.limits.resources()?
        };
        match self.cgroups.as_deref() {
            None | Some("enabled") | Some("no-conmon") | Some("split") => {}
            Some("disabled") if r.cgroup_parent.is_some() => {
                bail!("--cgroups=disabled cannot be combined with --cgroup-parent")
            }
            Some("disabled") if r.limits().is_empty() => r.no_cgroups = true,
            Some("disabled") => bail!("--cgroups=disabled cannot be combined with resource limits"),
            Some(m) => bail!("invalid --cgroups {m:?}: use enabled, disabled, no-conmon or split"),
        }
        crate::runtime::cgroups::check(&r.limits())?;
        Ok(r)
    }
}
