//! `stats`: a running container's use of CPU, memory, network, block I/O and pids, from its
//! cgroups (see `limits`) and its network namespace's counters. CPU % is Docker's: CPU time
//! used between two samples over the wall time between them, 100 % per core.
use super::limits;
use super::record::Record;
use crate::runtime::cgroups::Usage;
use std::time::Instant;

/// One reading of one container.
#[derive(Debug, Clone)]
pub(crate) struct Sample {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) at: Instant,
    pub(crate) usage: Usage,
    pub(crate) net_rx: u64,
    pub(crate) net_tx: u64,
    /// Whether the container runs (a stopped one shows zeros, as Docker's `stats -a`).
    pub(crate) running: bool,
}

/// Reads `rec` now.
pub(crate) fn sample(rec: &Record) -> Sample {
    let running = rec.live_status() == super::record::Status::Running;
    let usage = match running {
        true => limits::leaf(rec).usage(),
        false => Usage::default(),
    };
    let (net_rx, net_tx) = match running {
        true => net_io(rec.state.pid),
        false => (0, 0),
    };
    Sample {
        id: rec.id.clone(),
        name: rec.name.clone(),
        at: Instant::now(),
        usage,
        net_rx,
        net_tx,
        running,
    }
}

/// CPU % of `now` since `before` (the same container's earlier sample).
pub(crate) fn cpu_percent(before: &Sample, now: &Sample) -> f64 {
    let wall = now.at.duration_since(before.at).as_nanos() as f64;
    let cpu = now.usage.cpu_ns.saturating_sub(before.usage.cpu_ns) as f64;
    match wall > 0.0 {
        true => cpu / wall * 100.0,
        false => 0.0,
    }
}

/// The memory limit `stats` shows: the cgroup's, else the host's memory (Docker's rule).
pub(crate) fn memory_limit(s: &Sample) -> u64 {
    s.usage.memory_limit.unwrap_or_else(host_memory)
}

fn host_memory() -> u64 {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Bytes received and sent by the container's network namespace, loopback left out.
fn net_io(pid: i32) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/net/dev")).unwrap_or_default();
    let mut rx = 0;
    let mut tx = 0;
    for line in text.lines().skip(2) {
        let Some((name, rest)) = line.split_once(':') else {
            continue;
        };
        if name.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = rest
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if f.len() >= 9 {
            rx += f[0];
            tx += f[8];
        }
    }
    (rx, tx)
}
