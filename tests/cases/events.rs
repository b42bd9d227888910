//! `events` (issue 16): the event log every state-changing verb appends to, read back in
//! order with Docker's fields, followed live with inotify, and intact under parallel writers.
use crate::support::{kill_group, Env};
use crate::{isolated_with_busybox, shared, unique_name};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:?}")))
        .collect()
}

fn recorded(env: &Env, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["events", "--stream=false", "--format", "json"];
    for f in filters {
        args.extend(["--filter", f]);
    }
    json_lines(env.skiff(args).ok())
}

fn actions(evs: &[Value]) -> Vec<String> {
    evs.iter()
        .map(|e| e["Action"].as_str().unwrap().to_string())
        .collect()
}

/// `run -d`, `stop`, `rm`: create, start, die (with the exit code), stop, destroy, in that
/// order, each naming the container's id; in Docker's text too, and within --since/--until.
#[test]
fn a_containers_life_is_logged_in_order_with_its_id_and_exit_code() {
    let env = shared();
    let name = unique_name("ev");
    let script = "trap 'exit 3' TERM; sleep 60 & wait";
    env.skiff(["run", "-d", "--name", &name, "busybox", "sh", "-c", script])
        .ok();
    let id = env.container_id(&name);
    env.skiff(["stop", &name]).ok();
    env.skiff(["rm", &name]).ok();
    let filter = format!("container={name}");
    let evs = recorded(env, &[&filter]);
    assert_eq!(
        actions(&evs),
        ["create", "start", "die", "stop", "destroy"],
        "{evs:?}"
    );
    for e in &evs {
        assert_eq!(e["Type"], "container");
        assert_eq!(e["Actor"]["ID"], id.as_str());
        assert_eq!(e["id"], id.as_str());
        assert_eq!(e["Actor"]["Attributes"]["name"], name.as_str());
    }
    assert_eq!(evs[2]["Actor"]["Attributes"]["exitCode"], "3");
    // By id prefix too, and as Docker's text lines.
    let short = &id[..12];
    let text = env
        .skiff([
            "events",
            "--stream=false",
            "--filter",
            &format!("container={short}"),
        ])
        .ok()
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(
        lines[2].contains(&format!(" container die {id} (exitCode=3, image=")),
        "{text}"
    );
    // Filters of two keys must both match; --until before the run shows nothing of it.
    let die = "event=die";
    assert_eq!(recorded(env, &[&filter, die]).len(), 1);
    let before = (evs[0]["time"].as_i64().unwrap() - 5).to_string();
    let until = env.skiff([
        "events",
        "--stream=false",
        "--filter",
        &filter,
        "--until",
        &before,
    ]);
    assert_eq!(until.ok(), "");
    let since = env.skiff([
        "events",
        "--stream=false",
        "--filter",
        &filter,
        "--since",
        "10m",
    ]);
    assert_eq!(since.ok().lines().count(), 5);
    let bad = env.skiff(["events", "--stream=false", "--filter", "colour=red"]);
    assert_eq!(bad.code, 125, "{}", bad.stderr);
}

/// Lines of a running `events`, as they come.
fn lines_of(child: &mut std::process::Child) -> Receiver<Value> {
    let out = child.stdout.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { return };
            let v: Value = serde_json::from_str(&line).expect("a JSON line");
            if tx.send(v).is_err() {
                return;
            }
        }
    });
    rx
}

/// The next event of `name` (others' are skipped), within 1 s.
fn next_of(rx: &Receiver<Value>, name: &str) -> Value {
    loop {
        let e = rx
            .recv_timeout(Duration::from_secs(1))
            .unwrap_or_else(|_| panic!("no event of {name} within 1 s"));
        if e["Actor"]["Attributes"]["name"] == name || e["Actor"]["ID"] == name {
            return e;
        }
    }
}

/// An `events` started before a run prints each of its events as it happens: each within 1 s
/// of the command that made it (the acceptance's bound).
#[test]
fn events_follows_a_run_as_it_happens() {
    let env = isolated_with_busybox();
    let mut child = env.sk(["events", "--format", "json"]).spawn();
    let rx = lines_of(&mut child);
    // Ready once it has seen an event written after it started.
    let mut ready = false;
    for n in 0..50 {
        let vol = format!("ready{n}");
        env.skiff(["volume", "create", &vol]).ok();
        if let Ok(e) = rx.recv_timeout(Duration::from_millis(200)) {
            assert_eq!(e["Type"], "volume", "{e}");
            ready = true;
            break;
        }
    }
    assert!(ready, "events never printed a volume create");
    while rx.recv_timeout(Duration::from_millis(300)).is_ok() {}
    env.skiff(["run", "-d", "--name", "live", "busybox", "sleep", "60"])
        .ok();
    assert_eq!(next_of(&rx, "live")["Action"], "create");
    assert_eq!(next_of(&rx, "live")["Action"], "start");
    env.skiff(["kill", "live"]).ok();
    env.skiff(["wait", "live"]);
    assert_eq!(next_of(&rx, "live")["Action"], "kill");
    let die = next_of(&rx, "live");
    assert_eq!(die["Action"], "die");
    assert_eq!(die["Actor"]["Attributes"]["exitCode"], "137");
    env.skiff(["rm", "live"]).ok();
    assert_eq!(next_of(&rx, "live")["Action"], "destroy");
    env.skiff(["tag", "busybox", "live-tag"]).ok();
    let tag = next_of(&rx, "localhost/live-tag:latest");
    assert_eq!(
        (tag["Type"].as_str(), tag["Action"].as_str()),
        (Some("image"), Some("tag"))
    );
    kill_group(child.id() as i32);
    let _ = child.wait();
}

/// 20 containers started at once: every line of the log is whole, with a create and a start
/// for each.
#[test]
fn parallel_runs_write_intact_lines() {
    let env = isolated_with_busybox();
    std::thread::scope(|s| {
        for n in 0..20 {
            let env = &env;
            s.spawn(move || {
                let name = format!("p{n}");
                env.skiff(["run", "-d", "--name", &name, "busybox", "true"])
                    .ok();
            });
        }
    });
    let text = std::fs::read_to_string(env.store().join("events.log")).unwrap();
    let evs = json_lines(&text);
    for action in ["create", "start"] {
        let mut names: Vec<&str> = evs
            .iter()
            .filter(|e| e["Action"] == action)
            .map(|e| e["Actor"]["Attributes"]["name"].as_str().unwrap())
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 20, "{action}: {names:?}");
    }
    assert_eq!(
        recorded(&env, &["type=container", "event=create"]).len(),
        20
    );
}

/// Networks' create, connect, disconnect and destroy are logged with Docker's attributes, and
/// `--filter network=` and `type=network` pick them.
#[test]
fn a_networks_life_is_logged() {
    let env = isolated_with_busybox();
    env.skiff(["network", "create", "evnet1"]).ok();
    env.skiff(["network", "create", "evnet2"]).ok();
    env.skiff(["create", "--name", "evc", "--network", "evnet1", "busybox"])
        .ok();
    let ctr = env.container_id("evc");
    env.skiff(["network", "connect", "evnet2", "evc"]).ok();
    env.skiff(["network", "disconnect", "evnet2", "evc"]).ok();
    env.skiff(["network", "rm", "evnet2"]).ok();
    let evs = recorded(&env, &["network=evnet2"]);
    assert_eq!(
        actions(&evs),
        ["create", "connect", "disconnect", "destroy"],
        "{evs:?}"
    );
    let id = evs[0]["Actor"]["ID"].as_str().unwrap().to_string();
    for e in &evs {
        assert_eq!(e["Type"], "network", "{e}");
        assert_eq!(e["Actor"]["ID"], id.as_str(), "{e}");
        assert_eq!(e["Actor"]["Attributes"]["name"], "evnet2", "{e}");
        assert_eq!(e["Actor"]["Attributes"]["type"], "bridge", "{e}");
    }
    assert_eq!(evs[1]["Actor"]["Attributes"]["container"], ctr.as_str());
    let all = recorded(&env, &["type=network"]);
    assert_eq!(all.len(), 5, "{all:?}");
}
