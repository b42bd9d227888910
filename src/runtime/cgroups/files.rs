//! The limit files of cgroup v1 and v2. A leaf is written only the files its hierarchy has (a
//! v1 leaf of the `pids` hierarchy has no `memory.*`): `place` already made sure each limit has
//! a leaf whose hierarchy holds its controller.
use super::{Hierarchy, Limits};
use anyhow::{Context, Result};
use std::path::Path;

/// v1's default CFS period, which Docker's `--cpus` uses too.
const PERIOD: u64 = 100_000;

pub(super) fn write_limits(dir: &Path, v2: bool, l: &Limits) -> Result<()> {
    // cpuset first: a v1 cpuset cgroup takes no process until both sets are filled in.
    for (file, value) in cpuset(dir, v2, l) {
        write(dir, file, &value)?;
    }
    let files = match v2 {
        true => v2_files(l),
        false => v1_files(l),
    };
    for (file, value) in files {
        if dir.join(file).exists() {
            write(dir, file, &value)?;
        }
    }
    Ok(())
}

fn write(dir: &Path, file: &str, value: &str) -> Result<()> {
    let p = dir.join(file);
    std::fs::write(&p, value).with_context(|| format!("cannot write {value:?} to {}", p.display()))
}

fn v1_files(l: &Limits) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    if let Some(m) = l.memory {
        v.push(("memory.limit_in_bytes", m.to_string()));
    }
    if let Some(r) = l.memory_reservation {
        v.push(("memory.soft_limit_in_bytes", r.to_string()));
    }
    if let Some(s) = l.memory_swap {
        v.push(("memory.memsw.limit_in_bytes", s.to_string()));
    }
    if let Some(p) = l.cpu_period {
        v.push(("cpu.cfs_period_us", p.to_string()));
    }
    if let Some(q) = l.cpu_quota {
        v.push(("cpu.cfs_quota_us", q.to_string()));
    }
    if let Some(s) = l.cpu_shares {
        v.push(("cpu.shares", s.to_string()));
    }
    if let Some(p) = l.pids {
        v.push(("pids.max", max(p)));
    }
    if let Some(w) = l.blkio_weight {
        v.push(("blkio.weight", w.to_string()));
        v.push(("blkio.bfq.weight", w.to_string()));
    }
    v
}

fn v2_files(l: &Limits) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    if let Some(m) = l.memory {
        v.push(("memory.max", m.to_string()));
    }
    if let Some(r) = l.memory_reservation {
        v.push(("memory.low", r.to_string()));
    }
    if let Some(s) = l.memory_swap {
        // v2 limits swap alone: memory-swap is memory plus swap.
        let swap = match (s, l.memory) {
            (-1, _) => "max".to_string(),
            (s, Some(m)) => (s - m).max(0).to_string(),
            (s, None) => s.to_string(),
        };
        v.push(("memory.swap.max", swap));
    }
    if l.cpu_quota.is_some() || l.cpu_period.is_some() {
        let quota = l
            .cpu_quota
            .filter(|q| *q > 0)
            .map_or("max".into(), |q| q.to_string());
        v.push((
            "cpu.max",
            format!("{quota} {}", l.cpu_period.unwrap_or(PERIOD)),
        ));
    }
    if let Some(s) = l.cpu_shares {
        // The conversion crun and runc use: shares 2..262144 onto weight 1..10000.
        let w = 1 + (s.clamp(2, 262_144) - 2) * 9999 / 262_142;
        v.push(("cpu.weight", w.to_string()));
    }
    if let Some(p) = l.pids {
        v.push(("pids.max", max(p)));
    }
    if let Some(w) = l.blkio_weight {
        v.push(("io.bfq.weight", w.to_string()));
        v.push(("io.weight", format!("default {w}")));
    }
    v
}

/// `pids.max`'s value: a limit of 0 or less is none (Docker's meaning of -1).
fn max(n: i64) -> String {
    match n > 0 {
        true => n.to_string(),
        false => "max".into(),
    }
}

/// The cpu and memory node sets, where this leaf is a cpuset cgroup: the asked ones, else (on
/// v1, where an empty set takes no process) the parent's.
fn cpuset(dir: &Path, v2: bool, l: &Limits) -> Vec<(&'static str, String)> {
    if !dir.join("cpuset.cpus").exists() {
        return Vec::new();
    }
    let parent = |f: &str| {
        dir.parent()
            .and_then(|p| std::fs::read_to_string(p.join(f)).ok())
            .map(|s| s.trim().to_string())
    };
    let mut v = Vec::new();
    for (file, asked) in [
        ("cpuset.cpus", &l.cpuset_cpus),
        ("cpuset.mems", &l.cpuset_mems),
    ] {
        let value = match (asked, v2) {
            (Some(s), _) => Some(s.clone()),
            (None, false) => parent(file),
            (None, true) => None,
        };
        if let Some(value) = value {
            v.push((file, value));
        }
    }
    v
}

/// How many processes the OOM killer killed in the leaf `dir` (0 without a memory controller).
pub(super) fn oom_kills(dir: &Path) -> u64 {
    let text = std::fs::read_to_string(dir.join("memory.oom_control"))
        .or_else(|_| std::fs::read_to_string(dir.join("memory.events")))
        .unwrap_or_default();
    text.lines()
        .filter_map(|l| l.strip_prefix("oom_kill "))
        .filter_map(|n| n.trim().parse().ok())
        .next()
        .unwrap_or(0)
}

/// Whether a block I/O weight can be set: the blkio (v1) or io (v2) controller with a weight.
pub(super) fn has_blkio_weight(all: &[Hierarchy]) -> bool {
    all.iter().any(|h| {
        [
            "blkio.weight",
            "blkio.bfq.weight",
            "io.weight",
            "io.bfq.weight",
        ]
        .iter()
        .any(|f| h.dir.join(f).exists())
    })
}

/// Makes `dir` and its missing ancestors as cgroups a child can be made in: a v1 cpuset
/// cgroup gets its parent's sets (it takes no process without), a v2 one the controllers its
/// parent hands down. Failures are left for the caller's writability check to report.
pub(super) fn make_parent(dir: &Path, v2: bool) {
    let Some(up) = dir.parent() else { return };
    if !up.exists() {
        make_parent(up, v2);
    }
    if std::fs::create_dir(dir).is_err() {
        return;
    }
    for f in ["cpuset.cpus", "cpuset.mems"].iter().filter(|_| !v2) {
        if let Ok(v) = std::fs::read_to_string(up.join(f)) {
            let _ = std::fs::write(dir.join(f), v.trim());
        }
    }
    if v2 {
        let handed = std::fs::read_to_string(up.join("cgroup.subtree_control")).unwrap_or_default();
        let on: Vec<String> = handed.split_whitespace().map(|c| format!("+{c}")).collect();
        if !on.is_empty() {
            let _ = std::fs::write(dir.join("cgroup.subtree_control"), on.join(" "));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_limits_become_v1_and_v2_files() {
        let l = Limits {
            memory: Some(32 << 20),
            memory_swap: Some(64 << 20),
            cpu_quota: Some(50_000),
            cpu_shares: Some(1024),
            pids: Some(-1),
            ..Default::default()
        };
        let v1 = v1_files(&l);
        assert!(v1.contains(&("memory.limit_in_bytes", "33554432".into())));
        assert!(v1.contains(&("memory.memsw.limit_in_bytes", "67108864".into())));
        assert!(v1.contains(&("cpu.cfs_quota_us", "50000".into())));
        assert!(v1.contains(&("pids.max", "max".into())));
        let v2 = v2_files(&l);
        assert!(v2.contains(&("memory.max", "33554432".into())));
        assert!(v2.contains(&("memory.swap.max", "33554432".into())));
        assert!(v2.contains(&("cpu.max", "50000 100000".into())));
        assert!(v2.contains(&("cpu.weight", "39".into())));
    }
}
