//! Detached containers under faults (issue 4): a killed monitor, a killed CLI during `run -d`,
//! many `run -d`/`stop` at once, and two `run --name` racing for one name.
use crate::lifecycle::{run_d, until_logs};
use crate::support::wait::{
    alive, inspect, kill9, monitor_pids, monitors_of_env, pid_ns, pids_in_ns, status, until,
    until_status, Cleanup, SETTLE,
};
use crate::support::{parse_table, try_run, wait_timeout, Env};
use crate::{isolated_with_busybox, shared, unique_name};
use std::sync::{Arc, Barrier};
use std::time::Duration;

/// The container's process (`.State.Pid`), asserting it is a live process.
#[track_caller]
fn container_pid(env: &Env, name: &str) -> i32 {
    let pid: i32 = inspect(env, name, "{{.State.Pid}}")
        .parse()
        .expect("State.Pid is a number");
    assert!(
        pid > 0 && alive(pid),
        "State.Pid {pid} of {name} must be a live process"
    );
    pid
}

/// Asserts nothing of container `id` is left: its state dirs, its monitor, the processes of its
/// pid namespace `ns`, and any mount naming it in the user namespace holder.
#[track_caller]
fn assert_nothing_left(env: &Env, id: &str, ns: &str) {
    for d in [
        env.store().join("containers").join(id),
        env.runtime_dir.join("skiff/containers").join(id),
    ] {
        assert!(!d.exists(), "{} is left", d.display());
    }
    until("no process of the container", SETTLE, || {
        let (m, p) = (monitor_pids(id), pids_in_ns(ns));
        if m.is_empty() && p.is_empty() {
            Ok(())
        } else {
            Err(format!("monitors {m:?}, container processes {p:?}"))
        }
    });
    let holder = std::fs::read_to_string(env.runtime_dir.join("skiff/userns.pid"))
        .ok()
        .and_then(|t| t.split_whitespace().next().map(String::from));
    for who in ["self".to_string()].into_iter().chain(holder) {
        let mounts = std::fs::read_to_string(format!("/proc/{who}/mountinfo")).unwrap_or_default();
        assert!(
            !mounts.contains(id),
            "a mount of {id} is left in /proc/{who}/mountinfo"
        );
    }
}

#[test]
fn kill_9_of_the_monitor_then_of_the_container() {
    let env = shared();
    let name = unique_name("monkill");
    let _c = Cleanup::names(env, &[&name]);
    let id = run_d(
        env,
        &name,
        &["busybox", "sh", "-c", "echo before; exec sleep 300"],
    );
    until_logs(env, &name, |s| s == "before\n");
    let pid = container_pid(env, &name);
    let ns = pid_ns(pid).expect("the container's pid namespace is readable");
    let monitors = monitor_pids(&id);
    assert_eq!(monitors.len(), 1, "one `skiff monitor {id}` process");
    kill9(monitors[0]);
    until("the monitor to die", SETTLE, || {
        if alive(monitors[0]) {
            Err("alive".into())
        } else {
            Ok(())
        }
    });
    // The container outlives its monitor; once its process is gone, ps must not say it runs.
    kill9(pid);
    until_status(env, &name, "not running", SETTLE, |s| {
        s.starts_with("Exited")
    });
    assert_eq!(inspect(env, &name, "{{.State.Running}}"), "false");
    let ps = env.skiff(["ps"]);
    assert!(
        !ps.ok().contains(&name),
        "plain ps must not list it\n{}",
        ps.dump()
    );
    let out = env.skiff(["logs", &name]);
    assert_eq!(
        out.ok(),
        "before\n",
        "the log survives the monitor\n{}",
        out.dump()
    );
    let out = env.skiff(["rm", "-f", &name]);
    assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
    assert_nothing_left(env, &id, &ns);
}

#[test]
fn kill_9_of_the_monitor_then_rm_f_of_the_running_container() {
    let env = shared();
    let name = unique_name("monrm");
    let _c = Cleanup::names(env, &[&name]);
    let id = run_d(env, &name, &["busybox", "sleep", "300"]);
    let pid = container_pid(env, &name);
    let ns = pid_ns(pid).expect("the container's pid namespace is readable");
    let monitors = monitor_pids(&id);
    assert_eq!(monitors.len(), 1, "one `skiff monitor {id}` process");
    kill9(monitors[0]);
    // Its process still runs without a monitor: rm -f must kill it and clean up.
    let out = env.skiff(["rm", "-f", &name]);
    assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
    assert_eq!(status(env, &name), "");
    assert_nothing_left(env, &id, &ns);
}

#[test]
fn kill_9_of_the_cli_during_run_d_leaves_no_ghost() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    // Delays in microseconds: before the store is touched, around the monitor's fork, after.
    let seed = std::process::id() as u64;
    let mut delays: Vec<u64> = vec![0, 1_000, 3_000, 6_000, 10_000, 20_000, 40_000];
    delays.extend((0..5).map(|i| (seed.wrapping_mul(2654435761).rotate_left(i * 7)) % 60_000));
    for (i, d) in delays.iter().enumerate() {
        let mut child = env
            .sk([
                "run",
                "-d",
                "--name",
                &format!("ghost{i}"),
                "busybox",
                "sleep",
                "300",
            ])
            .spawn();
        std::thread::sleep(Duration::from_micros(*d));
        kill9(child.id() as i32);
        wait_timeout(&mut child, Duration::from_secs(10)).expect("the killed CLI is reaped");
    }
    let ps = env.skiff(["ps", "-a", "--no-trunc"]);
    let rows = parse_table(ps.ok());
    for r in &rows {
        let name = &r["NAMES"];
        // A container that says it runs must have a live process (its monitor may still be
        // starting it: give it a moment, then its state must be true).
        if r["STATUS"].starts_with("Up") {
            let running = inspect(&env, name, "{{.State.Running}}");
            let pid: i32 = inspect(&env, name, "{{.State.Pid}}").parse().unwrap_or(0);
            assert!(
                running == "true" && pid > 0 && alive(pid),
                "{name} claims to run (pid {pid}) but no such process\n{}",
                ps.dump()
            );
        }
    }
    for r in &rows {
        let out = env.skiff(["rm", "-f", &r["NAMES"]]);
        out.ok();
    }
    let ps = env.skiff(["ps", "-a", "-q"]);
    assert_eq!(ps.ok(), "", "rm -f removed everything\n{}", ps.dump());
    // A monitor forked before the kill must not run on (or start a container) unrecorded.
    until("no monitor of this store", SETTLE, || {
        let m = monitors_of_env(&env);
        if m.is_empty() {
            Ok(())
        } else {
            Err(format!("monitors {m:?}"))
        }
    });
    let ps = env.skiff(["ps", "-a", "-q"]);
    assert_eq!(
        ps.ok(),
        "",
        "no container appeared afterwards\n{}",
        ps.dump()
    );
}

#[test]
fn twenty_run_d_then_twenty_stop_in_parallel() {
    let env = Arc::new(isolated_with_busybox());
    let _c = Cleanup::all(&env);
    let names: Vec<String> = (0..20).map(|i| format!("par{i}")).collect();
    let many = |args: fn(&str) -> Vec<String>| {
        let barrier = Arc::new(Barrier::new(names.len()));
        let handles: Vec<_> = names
            .iter()
            .map(|n| {
                let (env, barrier, args) = (Arc::clone(&env), Arc::clone(&barrier), args(n));
                std::thread::spawn(move || {
                    barrier.wait();
                    env.skiff(&args)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect::<Vec<_>>()
    };
    let runs = many(|n| {
        ["run", "-d", "--name", n, "busybox", "sleep", "300"]
            .map(String::from)
            .to_vec()
    });
    for out in &runs {
        out.ok();
    }
    for n in &names {
        until_status(&env, n, "up", SETTLE, |s| s.starts_with("Up "));
    }
    let stops = many(|n| ["stop", "-t", "1", n].map(String::from).to_vec());
    for (out, n) in stops.iter().zip(&names) {
        assert_eq!(out.ok(), format!("{n}\n"), "{}", out.dump());
    }
    for n in &names {
        let st = status(&env, n);
        assert!(st.starts_with("Exited ("), "{n} after stop: {st:?}");
    }
    until("every monitor to end", SETTLE, || {
        let m = monitors_of_env(&env);
        if m.is_empty() {
            Ok(())
        } else {
            Err(format!("monitors {m:?}"))
        }
    });
}

#[test]
fn two_runs_with_the_same_name_at_once_one_wins() {
    let env = Arc::new(isolated_with_busybox());
    let _c = Cleanup::all(&env);
    for round in 0..3 {
        let name = format!("same{round}");
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (env, barrier, name) = (Arc::clone(&env), Arc::clone(&barrier), name.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    env.skiff(["run", "-d", "--name", &name, "busybox", "sleep", "300"])
                })
            })
            .collect();
        let outs: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        let won: Vec<_> = outs.iter().filter(|o| o.code == 0).collect();
        assert_eq!(
            won.len(),
            1,
            "exactly one wins\n{}\n{}",
            outs[0].dump(),
            outs[1].dump()
        );
        let lost = outs.iter().find(|o| o.code != 0).expect("one lost");
        lost.engine_error(&[&name, "already in use"]);
        assert_eq!(lost.stdout, "", "{}", lost.dump());
        let ps = env.skiff(["ps", "-a"]);
        let rows = parse_table(ps.ok());
        assert_eq!(
            rows.iter().filter(|r| r["NAMES"] == name).count(),
            1,
            "{}",
            ps.dump()
        );
        assert_eq!(
            rows.len(),
            round + 1,
            "the loser left nothing\n{}",
            ps.dump()
        );
        until_status(&env, &name, "up", SETTLE, |s| s.starts_with("Up "));
    }
}

#[test]
fn two_renames_to_the_same_name_at_once_one_wins() {
    let env = Arc::new(isolated_with_busybox());
    let _c = Cleanup::all(&env);
    for round in 0..8 {
        let (a, b, to) = (
            format!("ra{round}"),
            format!("rb{round}"),
            format!("to{round}"),
        );
        for n in [&a, &b] {
            env.skiff(["create", "--name", n, "busybox", "true"]).ok();
        }
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = [a.clone(), b.clone()]
            .into_iter()
            .map(|from| {
                let (env, barrier, to) = (Arc::clone(&env), Arc::clone(&barrier), to.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    env.skiff(["rename", &from, &to])
                })
            })
            .collect();
        let outs: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        let ps = env.skiff(["ps", "-a"]);
        let named = parse_table(ps.ok())
            .iter()
            .filter(|r| r["NAMES"] == to)
            .count();
        assert_eq!(
            named,
            1,
            "round {round}: exactly one container may be named {to}\n{}\n{}\n{}",
            ps.dump(),
            outs[0].dump(),
            outs[1].dump()
        );
        let lost = outs.iter().filter(|o| o.code != 0).count();
        assert_eq!(
            lost,
            1,
            "round {round}: one rename must fail\n{}\n{}",
            outs[0].dump(),
            outs[1].dump()
        );
    }
}

#[test]
fn wait_prints_each_exit_code_when_many_end_at_once() {
    // Eight containers end together (one `kill` signals them all); a `wait` on each must print
    // that container's code, never the stale 0 of a record its monitor has not updated yet.
    let env = shared();
    let names: Vec<String> = (0..8).map(|_| unique_name("waitmany")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let _c = Cleanup::names(env, &refs);
    for (i, n) in names.iter().enumerate() {
        let script = format!(
            "trap 'exit {}' USR1; echo ready; while :; do sleep 0.1; done",
            i + 3
        );
        run_d(env, n, &["busybox", "sh", "-c", &script]);
    }
    for n in &names {
        until_logs(env, n, |s| s == "ready\n");
    }
    let waits: Vec<_> = names.iter().map(|n| env.sk(["wait", n]).spawn()).collect();
    let out = env.sk(["kill", "-s", "USR1"]).args(&names).run();
    assert_eq!(
        out.ok(),
        format!("{}\n", names.join("\n")),
        "{}",
        out.dump()
    );
    for (i, (mut w, n)) in waits.into_iter().zip(&names).enumerate() {
        let st = wait_timeout(&mut w, Duration::from_secs(10));
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut w.stdout.take().unwrap(), &mut text);
        assert!(st.is_some_and(|s| s.success()), "wait {n} failed: {st:?}");
        assert_eq!(
            text,
            format!("{}\n", i + 3),
            "wait {n} prints its exit code"
        );
    }
}

#[test]
fn exec_of_quick_commands_never_hangs() {
    // Many `exec CTR true` at once: a command that exits before exec's relay is ready for its
    // SIGCHLD must not leave exec waiting forever.
    let env = shared();
    let name = unique_name("execmany");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let name = name.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    let cmd = shared().sk(["exec", &name, "true"]).cmd;
                    match try_run(cmd, None, Duration::from_secs(10)) {
                        Ok(out) if out.code == 0 => {}
                        Ok(out) => return Err(out.dump()),
                        Err(e) => return Err(e),
                    }
                }
                Ok(())
            })
        })
        .collect();
    for t in threads {
        if let Err(e) = t.join().expect("thread") {
            panic!("exec CTR true failed or hung:\n{e}");
        }
    }
}

#[test]
fn run_d_without_skiff_monitor_beside_skiff_is_a_clear_125() {
    let env = shared();
    // skiff alone, as a user who copied only the one binary.
    let dir = env.root.join(format!("lone-{}", unique_name("bin")));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let lone = dir.join("skiff");
    crate::support::copy_executable(&crate::support::skiff_bin(), &lone);
    let name = unique_name("lone");
    let _c = Cleanup::names(env, &[&name]);
    let mut cmd = env.command(&lone);
    cmd.args(["run", "-d", "--name", &name, "busybox", "sleep", "60"]);
    let out = crate::support::run_cmd(cmd, None, Duration::from_secs(60));
    out.code_is(125);
    let want = format!("error: cannot find {}", dir.join("skiff-monitor").display());
    assert!(out.stderr.starts_with(&want), "{}", out.dump());
    // Nothing runs, and the container is left as created, as after any failed start.
    assert!(
        status(env, &name).starts_with("Created"),
        "{}",
        status(env, &name)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kill_9_of_the_cli_of_a_foreground_run_rm_ends_and_removes_the_container() {
    let env = shared();
    for network in ["none", "default"] {
        let name = unique_name("fgkill");
        let _c = Cleanup::names(env, &[&name]);
        let mut child = env
            .sk([
                "run",
                "--rm",
                "--name",
                &name,
                "--network",
                network,
                "busybox",
                "sleep",
                "300",
            ])
            .spawn();
        until_status(env, &name, "running", SETTLE, |s| s.starts_with("Up"));
        let id = env.container_id(&name);
        let pid = container_pid(env, &name);
        let ns = pid_ns(pid).expect("the container's pid namespace is readable");
        kill9(child.id() as i32);
        wait_timeout(&mut child, Duration::from_secs(10)).expect("the killed CLI is reaped");
        // The container dies with its CLI, and the next command applies --rm.
        until("the container to go", SETTLE, || match status(env, &name) {
            s if s.is_empty() => Ok(()),
            s => Err(format!("{network}: ps -a still shows {name}: {s}")),
        });
        assert!(!alive(pid), "{network}: the container outlived its CLI");
        assert_nothing_left(env, &id, &ns);
    }
}

/// `kill` then at once `start` (or `restart`): the old monitor may still be recording the
/// exit it saw. Before, that record landed over the new start: `ps` said Exited (137) while the
/// new process ran unsupervised. Every round must leave the container up, with a live process.
#[test]
fn start_right_after_kill_is_not_undone_by_the_old_monitor() {
    let env = shared();
    let name = unique_name("kst");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    for round in 0..6 {
        env.skiff(["kill", &name]).ok();
        let verb = if round % 2 == 0 { "start" } else { "restart" };
        env.skiff([verb, &name]).ok();
        // Long enough for a late exit record of the old monitor to land.
        std::thread::sleep(Duration::from_millis(300));
        let st = status(env, &name);
        assert!(st.starts_with("Up "), "round {round} ({verb}): {st}");
        container_pid(env, &name);
    }
}
