//! Resource limits (issue 15) through the cgroups delegated to the test user, as CI (and
//! `ci/cgroups.sh`) delegates them: applied or refused, never ignored; the container's cgroups
//! gone after it. The refusal without delegation is in `single_id` (CI's user without a range
//! gets no cgroup either).
use crate::support::wait::{until, Cleanup};
use crate::support::Env;
use crate::{shared, unique_name};
use std::path::PathBuf;
use std::time::Duration;

/// The test process's cgroup directories (v1 hierarchies and v2): where skiff makes its leaves.
fn our_cgroups() -> Vec<PathBuf> {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap();
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let mut f = line.splitn(3, ':');
        let (_, ctrls, path) = (f.next(), f.next().unwrap_or(""), f.next().unwrap_or(""));
        for m in mountinfo.lines() {
            let Some((l, r)) = m.split_once(" - ") else {
                continue;
            };
            let l: Vec<&str> = l.split(' ').collect();
            let r: Vec<&str> = r.split(' ').collect();
            let hit = match ctrls {
                "" => r[0] == "cgroup2",
                c => r[0] == "cgroup" && c.split(',').all(|c| r[2].split(',').any(|o| o == c)),
            };
            if hit && l[3] == "/" {
                out.push(PathBuf::from(format!("{}{}", l[4], path)));
                break;
            }
        }
    }
    out
}

/// The cgroup directories skiff left for container `id`.
fn leaves(id: &str) -> Vec<PathBuf> {
    our_cgroups()
        .into_iter()
        .map(|d| d.join(format!("skiff-{id}")))
        .filter(|d| d.exists())
        .collect()
}

/// The shell in `out` could not fork (a pids limit held).
#[track_caller]
fn assert_fork_failed(out: &crate::support::Out) {
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains("can't fork") || text.contains("Resource temporarily unavailable"),
        "{}",
        out.dump()
    );
}

fn inspect(env: &Env, name: &str, field: &str) -> String {
    let out = env.skiff(["inspect", "--format", &format!("{{{{{field}}}}}"), name]);
    out.ok().trim().to_string()
}

#[test]
fn a_memory_limit_ends_a_hog_with_137_and_oomkilled() {
    let env = shared();
    let name = unique_name("oom");
    let _c = Cleanup::names(env, &[&name]);
    // tail keeps a "line" of /dev/zero in memory: it grows until the limit.
    let out = env
        .sk([
            "run",
            "--name",
            &name,
            "-m",
            "32m",
            "busybox",
            "tail",
            "/dev/zero",
        ])
        .timeout(Duration::from_secs(60))
        .run();
    assert_eq!(out.code, 137, "{}", out.dump());
    assert_eq!(inspect(env, &name, ".State.OOMKilled"), "true");
    assert_eq!(
        inspect(env, &name, ".HostConfig.Memory"),
        (32 << 20).to_string()
    );
    let id = env.container_id(&name);
    assert!(leaves(&id).is_empty(), "left: {:?}", leaves(&id));
    // Without a limit the same container is not OOM killed (its record says so).
    let ok = env.skiff([
        "run",
        "--rm",
        "-m",
        "64m",
        "busybox",
        "sh",
        "-c",
        "head -c 1000000 /dev/zero | wc -c",
    ]);
    assert_eq!(ok.ok().trim(), "1000000");
}

#[test]
fn a_pids_limit_makes_the_eleventh_fork_fail() {
    let env = shared();
    let script = "for i in $(seq 1 20); do sleep 2 & done; wait; echo done";
    let out = env.skiff([
        "run",
        "--rm",
        "--pids-limit",
        "10",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    assert_fork_failed(&out);
    // In a user namespace of the container's own too (it moves itself before it is mapped).
    let out = env.skiff([
        "run",
        "--rm",
        "--userns=keep-id",
        "--pids-limit",
        "10",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    assert_fork_failed(&out);
    let free = env.skiff(["run", "--rm", "busybox", "sh", "-c", script]);
    assert!(!free.stderr.contains("can't fork"), "{}", free.dump());
}

#[test]
fn exec_joins_the_containers_cgroups() {
    let env = shared();
    let name = unique_name("pidsexec");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--pids-limit",
        "6",
        "busybox",
        "sleep",
        "60",
    ])
    .ok();
    let script = "for i in $(seq 1 10); do sleep 2 & done; wait; echo done";
    let out = env.skiff(["exec", &name, "sh", "-c", script]);
    assert_fork_failed(&out);
    // Inside its cgroup namespace the container's cgroup is the root.
    let out = env.skiff(["exec", &name, "cat", "/proc/self/cgroup"]);
    assert!(
        out.ok()
            .lines()
            .any(|l| l.ends_with(":pids:/") || l == "0::/"),
        "{}",
        out.dump()
    );
}

#[test]
fn cpus_caps_a_busy_loop_and_cpuset_pins_it() {
    let env = shared();
    let name = unique_name("cpus");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--cpus",
        "0.5",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ])
    .ok();
    let pid = inspect(env, &name, ".State.Pid");
    let ticks = || -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let f: Vec<&str> = after.split(' ').collect();
        f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
    };
    std::thread::sleep(Duration::from_millis(500));
    let (t0, a) = (std::time::Instant::now(), ticks());
    std::thread::sleep(Duration::from_secs(2));
    let used = (ticks() - a) as f64 / 100.0 / t0.elapsed().as_secs_f64();
    assert!(used <= 0.6, "a 0.5 cpu container used {used:.2} of a core");
    let id = env.container_id(&name);
    assert!(!leaves(&id).is_empty(), "no cgroup while it runs");
    env.skiff(["rm", "-f", &name]).ok();
    until(
        "the cgroups removed",
        Duration::from_secs(5),
        || match leaves(&id).is_empty() {
            true => Ok(()),
            false => Err(format!("left after rm: {:?}", leaves(&id))),
        },
    );

    let out = env.skiff([
        "run",
        "--rm",
        "--cpuset-cpus",
        "0",
        "busybox",
        "grep",
        "Cpus_allowed_list",
        "/proc/self/status",
    ]);
    assert!(out.ok().trim().ends_with("\t0"), "{}", out.dump());
}

#[test]
fn oom_score_adj_is_set_and_bad_values_are_refused() {
    let env = shared();
    let out = env.skiff([
        "run",
        "--rm",
        "--oom-score-adj",
        "500",
        "busybox",
        "cat",
        "/proc/self/oom_score_adj",
    ]);
    assert_eq!(out.ok().trim(), "500");
    for (flag, value, words) in [
        (
            "--oom-score-adj",
            "5000",
            "valid range is from -1000 to 1000",
        ),
        ("--memory", "1k", "minimum memory limit allowed is 6MB"),
        ("--memory", "lots", "invalid --memory"),
        ("--cpus", "-1", "invalid --cpus"),
        ("--cgroups", "sometimes", "invalid --cgroups"),
    ] {
        let out = env.skiff(["run", "--rm", &format!("{flag}={value}"), "busybox", "true"]);
        out.engine_error(&[words]);
    }
    let out = env.skiff([
        "run",
        "--rm",
        "--cgroups=disabled",
        "-m",
        "64m",
        "busybox",
        "true",
    ]);
    out.engine_error(&["--cgroups=disabled cannot be combined"]);
}

/// The first line of a container's memory cgroup file (the test's own delegated hierarchy).
fn memory_file(id: &str, file: &str) -> Option<String> {
    leaves(id)
        .into_iter()
        .map(|d| d.join(file))
        .find(|p| p.exists())
        .and_then(|p| std::fs::read_to_string(p).ok())
}

#[test]
fn pause_freezes_a_container_and_unpause_resumes_it() {
    let env = shared();
    let name = unique_name("pause");
    let _c = Cleanup::names(env, &[&name]);
    let script = "i=0; while :; do i=$((i+1)); echo $i > /count; sleep 0.05; done";
    env.skiff(["run", "-d", "--name", &name, "busybox", "sh", "-c", script])
        .ok();
    let id = env.container_id(&name);
    let file = env.store().join("containers").join(&id).join("upper/count");
    let count = || -> u64 {
        std::fs::read_to_string(&file)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    };
    until("the counter runs", Duration::from_secs(10), || {
        match count() > 2 {
            true => Ok(()),
            false => Err("no count yet".to_string()),
        }
    });
    assert_eq!(env.skiff(["pause", &name]).ok().trim(), name);
    let frozen = count();
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(count(), frozen, "the counter went on while paused");
    assert_eq!(inspect(env, &name, ".State.Paused"), "true");
    assert_eq!(inspect(env, &name, ".State.Status"), "paused");
    let ps = env.skiff([
        "ps",
        "--filter",
        &format!("name={name}"),
        "--format",
        "{{.Status}}",
    ]);
    assert!(ps.ok().contains("(Paused)"), "{}", ps.dump());
    env.skiff(["pause", &name])
        .engine_error(&["is already paused"]);
    // exec would join the frozen cgroup and hang with it: refused, as Docker does.
    env.skiff(["exec", &name, "true"])
        .engine_error(&["is paused", "unpause"]);
    env.skiff(["unpause", &name]).ok();
    until("the counter resumes", Duration::from_secs(10), || {
        match count() > frozen + 2 {
            true => Ok(()),
            false => Err(format!("still {}", count())),
        }
    });
    env.skiff(["unpause", &name])
        .engine_error(&["is not paused"]);
    // A paused container is removed by rm -f all the same.
    env.skiff(["pause", &name]).ok();
    env.skiff(["rm", "-f", &name]).ok();
    assert!(leaves(&id).is_empty(), "left: {:?}", leaves(&id));
}

#[test]
fn stats_no_stream_reports_the_cgroups_memory_and_pids() {
    let env = shared();
    let name = unique_name("stats");
    let _c = Cleanup::names(env, &[&name]);
    // tail -c holds 20 MB (anonymous memory) while its output waits for a reader that never reads.
    let script = "head -c 20000000 /dev/zero | tail -c 20000000 | sleep 60";
    env.skiff([
        "run", "-d", "--name", &name, "-m", "256m", "busybox", "sh", "-c", script,
    ])
    .ok();
    let id = env.container_id(&name);
    std::thread::sleep(Duration::from_secs(2));
    let fmt = "{{.Name}}|{{.MemUsage}}|{{.PIDs}}|{{.CPUPerc}}";
    let out = env.skiff(["stats", "--no-stream", "--format", fmt, &name]);
    let line = out.ok().trim().to_string();
    let f: Vec<&str> = line.split('|').collect();
    assert_eq!(f[0], name, "{line}");
    assert!(f[1].ends_with(" / 256MiB"), "{line}");
    assert!(f[3].ends_with('%'), "{line}");
    assert!(f[2].parse::<u32>().unwrap() >= 2, "{line}");
    let usage: u64 = memory_file(&id, "memory.usage_in_bytes")
        .or_else(|| memory_file(&id, "memory.current"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let shown = f[1].split(' ').next().unwrap();
    let (num, unit) = shown.split_at(shown.find(|c: char| c.is_alphabetic()).unwrap());
    let scale = match unit {
        "KiB" => 1024.0,
        "MiB" => 1048576.0,
        u => panic!("unit {u}: {line}"),
    };
    let ratio = num.parse::<f64>().unwrap() * scale / usage as f64;
    assert!(usage > 20_000_000, "the cgroup counts {usage}");
    assert!(
        (0.8..=1.1).contains(&ratio),
        "stats {shown} vs cgroup {usage}: {line}"
    );
    let table = env.skiff(["stats", "--no-stream", &name]);
    assert!(
        table.ok().starts_with("CONTAINER ID   NAME"),
        "{}",
        table.dump()
    );
}

/// A container without limits is born in a v2 cgroup of its own (CLONE_INTO_CGROUP: no move,
/// which costs an RCU grace period, ~11 ms) and gets no v1 cgroup (v1 has no such clone); it
/// still pauses (cgroup.freeze) and `stats` still counts its tasks and resident memory.
#[test]
fn a_container_without_limits_gets_its_v2_cgroup_only() {
    let env = shared();
    let name = unique_name("nolimit");
    let _c = Cleanup::names(env, &[&name]);
    let script = "head -c 20000000 /dev/zero | tail -c 20000000 | sleep 60";
    env.skiff(["run", "-d", "--name", &name, "busybox", "sh", "-c", script])
        .ok();
    let id = env.container_id(&name);
    let made = leaves(&id);
    assert_eq!(made.len(), 1, "leaves: {made:?}");
    assert!(made[0].join("cgroup.freeze").exists(), "{made:?}");
    std::thread::sleep(Duration::from_secs(2));
    let fmt = "{{.MemUsage}}|{{.PIDs}}";
    let out = env.skiff(["stats", "--no-stream", "--format", fmt, &name]);
    let line = out.ok().trim().to_string();
    let (mem, pids) = line.split_once('|').unwrap();
    assert!(pids.parse::<u32>().unwrap() >= 3, "{line}");
    assert!(mem.starts_with("2") && mem.contains("MiB"), "{line}");
    env.skiff(["pause", &name]).ok();
    assert_eq!(inspect(env, &name, ".State.Status"), "paused");
    env.skiff(["rm", "-f", &name]).ok();
    assert!(leaves(&id).is_empty(), "left: {:?}", leaves(&id));
}

/// `--ulimit` sets the container's rlimits (exec'd commands get them too), shows in inspect, and
/// a hard limit above skiff's own is refused at create, not found out at start.
#[test]
fn ulimit_sets_rlimits_and_refuses_what_rootless_cannot_grant() {
    let env = shared();
    let name = unique_name("ulimit");
    let _c = Cleanup::names(env, &[&name]);
    let out = env.skiff([
        "run",
        "--rm",
        "--ulimit",
        "nofile=64:128",
        "--ulimit",
        "nproc=50",
        "busybox",
        "sh",
        "-c",
        "ulimit -n; ulimit -Hn; ulimit -u",
    ]);
    assert_eq!(out.ok(), "64\n128\n50\n");
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--ulimit",
        "nofile=32:32",
        "busybox",
        "sleep",
        "60",
    ])
    .ok();
    assert_eq!(
        env.skiff(["exec", &name, "sh", "-c", "ulimit -n"]).ok(),
        "32\n"
    );
    let shown = inspect(env, &name, "json .HostConfig.Ulimits");
    assert_eq!(shown, r#"[{"Name":"nofile","Soft":32,"Hard":32}]"#);
    env.skiff([
        "run",
        "--rm",
        "--ulimit",
        "nofile=4294967296",
        "busybox",
        "true",
    ])
    .engine_error(&["cannot raise the hard nofile limit"]);
    env.skiff(["run", "--rm", "--ulimit", "bogus=1", "busybox", "true"])
        .engine_error(&["unknown limit \"bogus\""]);
    env.skiff(["run", "--rm", "--ulimit", "nofile=9:8", "busybox", "true"])
        .engine_error(&["above the hard limit"]);
}

/// `--cgroups=disabled` is kept: the container gets no cgroup, so it cannot be paused.
#[test]
fn cgroups_disabled_makes_no_cgroup() {
    let env = shared();
    let name = unique_name("nocg");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--cgroups=disabled",
        "busybox",
        "sleep",
        "60",
    ])
    .ok();
    let id = env.container_id(&name);
    assert!(leaves(&id).is_empty(), "made: {:?}", leaves(&id));
    env.skiff(["pause", &name])
        .engine_error(&["no freezer cgroup"]);
}

/// `update --memory` on a running container started without limits: the memory cgroup is made,
/// its processes moved in, the limit written; inspect shows it; the restart policy changes too;
/// a stopped container gets its new limit at the next start; nothing is left after rm.
#[test]
fn update_changes_a_running_containers_limits() {
    let env = shared();
    let name = unique_name("update");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff(["run", "-d", "--name", &name, "busybox", "sleep", "60"])
        .ok();
    let id = env.container_id(&name);
    assert_eq!(memory_file(&id, "memory.limit_in_bytes"), None);
    let out = env.skiff(["update", "--memory", "64m", "--restart", "always", &name]);
    assert_eq!(out.ok().trim(), name);
    let limit =
        memory_file(&id, "memory.limit_in_bytes").or_else(|| memory_file(&id, "memory.max"));
    assert_eq!(limit.as_deref().map(str::trim), Some("67108864"));
    let pid = inspect(env, &name, ".State.Pid");
    let cg = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    assert!(
        cg.lines()
            .any(|l| l.contains(":memory:") && l.contains(&id)),
        "{cg}"
    );
    assert_eq!(inspect(env, &name, ".HostConfig.Memory"), "67108864");
    assert_eq!(
        inspect(env, &name, ".HostConfig.RestartPolicy.Name"),
        "always"
    );
    env.skiff(["stop", "-t", "1", &name]).ok();
    env.skiff(["update", "--pids-limit", "15", &name]).ok();
    env.skiff(["start", &name]).ok();
    assert_eq!(inspect(env, &name, ".HostConfig.Memory"), "67108864");
    assert_eq!(inspect(env, &name, ".HostConfig.PidsLimit"), "15");
    let pids = leaves(&id)
        .iter()
        .find_map(|d| std::fs::read_to_string(d.join("pids.max")).ok());
    assert_eq!(pids.as_deref().map(str::trim), Some("15"));
    env.skiff(["update", &name])
        .engine_error(&["one or more flags"]);
    env.skiff(["update", "--memory", "1m", &name])
        .engine_error(&["minimum memory limit"]);
    env.skiff(["rm", "-f", &name]).ok();
    assert!(leaves(&id).is_empty(), "left: {:?}", leaves(&id));
}

/// `--cgroup-parent` (relative: under the user's own cgroup) puts the container's cgroups
/// there, made if missing, in v1 and v2 alike; `..` is refused.
#[test]
fn cgroup_parent_places_the_containers_cgroups() {
    let env = shared();
    let name = unique_name("cgparent");
    let parent = unique_name("grp");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--cgroup-parent",
        &parent,
        "-m",
        "32m",
        "busybox",
        "sleep",
        "60",
    ])
    .ok();
    let id = env.container_id(&name);
    let pid = inspect(env, &name, ".State.Pid");
    let cg = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    let inside = format!("/{parent}/skiff-{id}");
    assert!(
        cg.lines()
            .any(|l| l.contains(":memory:") && l.ends_with(&inside)),
        "{cg}"
    );
    assert!(
        cg.lines()
            .any(|l| l.starts_with("0::") && l.ends_with(&inside)),
        "{cg}"
    );
    assert_eq!(inspect(env, &name, ".HostConfig.CgroupParent"), parent);
    env.skiff(["rm", "-f", &name]).ok();
    for d in our_cgroups() {
        let p = d.join(&parent);
        assert!(
            !p.join(format!("skiff-{id}")).exists(),
            "left in {}",
            p.display()
        );
        let _ = std::fs::remove_dir(&p);
    }
    env.skiff(["run", "--rm", "--cgroup-parent", "../up", "busybox", "true"])
        .engine_error(&["invalid --cgroup-parent"]);
}
