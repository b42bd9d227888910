//! Records v2 (issue 10 §2): a store written by the previous version keeps working after the
//! upgrade. `tests/fixtures/records-v1/` holds records as that version wrote them (made with it:
//! a running detached container, and a stopped one with a published port and a restart policy);
//! the test makes the same containers, puts their records back in that format (the fixture,
//! with this run's ids, pids and paths), and then uses them as a user would.
use crate::isolated_with_busybox;
use crate::network::{free_port, get, HTTPD, PAGE};
use crate::support::wait::{until, Cleanup};
use crate::support::{parse_table, Env};
use serde_json::{json, Value};
use std::time::Duration;

fn read(p: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// Replaces container `name`'s records with a schema 1 `record.json` shaped like `fixture`.
fn write_v1(env: &Env, name: &str, fixture: &str) {
    let id = env.container_id(name);
    let dir = env.store().join("containers").join(&id);
    let (c, s) = (
        read(&dir.join("container.json")),
        read(&dir.join("state.json")),
    );
    let mut v: Value = serde_json::from_str(fixture).unwrap();
    let layers: Vec<String> = c["image"]["chain_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|chain| {
            let hex = chain.as_str().unwrap().trim_start_matches("sha256:");
            let p = env.store().join("layers").join(hex).join("diff");
            p.to_string_lossy().into_owned()
        })
        .collect();
    for (key, value) in [
        ("id", json!(id)),
        ("name", s["name"].clone()),
        ("image_name", c["image"]["name"].clone()),
        ("image_id", c["image"]["id"].clone()),
        ("created", c["created"].clone()),
        ("hostname", c["hostname"].clone()),
        ("layers", json!(layers)),
        ("state", s["state"].clone()),
    ] {
        v[key] = value;
    }
    v["options"]["name"] = s["name"].clone();
    v["net"]["publish"] = c["publish"].clone();
    v["net"]["ports"] = s["ports"].clone();
    std::fs::write(dir.join("record.json"), v.to_string()).unwrap();
    std::fs::remove_file(dir.join("container.json")).unwrap();
    std::fs::remove_file(dir.join("state.json")).unwrap();
    // The previous version's store has no listing cache of this version's (it is rebuilt from
    // the records, which is when they are upgraded).
    let _ = std::fs::remove_file(env.store().join("containers.cache"));
}

fn status(env: &Env, name: &str) -> String {
    let ps = env.skiff(["ps", "-a"]);
    parse_table(ps.ok())
        .into_iter()
        .find(|r| r["NAMES"] == name)
        .map(|r| r["STATUS"].clone())
        .unwrap_or_default()
}

#[test]
fn a_store_of_the_previous_version_works_after_the_upgrade() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    let port = free_port();
    let publish = format!("{port}:80");
    env.skiff([
        "run",
        "-d",
        "--name",
        "up-run",
        "busybox",
        "sh",
        "-c",
        "echo started; exec sleep 300",
    ])
    .ok();
    let web = [
        "run",
        "-d",
        "--name",
        "up-web",
        "-p",
        &publish,
        "--restart",
        "unless-stopped",
        "-e",
        "A=1",
        "-l",
        "k=v",
        "busybox",
    ];
    env.skiff(web.iter().chain(&HTTPD)).ok();
    env.skiff(["stop", "-t", "1", "up-web"]).ok();
    until("the first run to log", Duration::from_secs(5), || {
        let l = env.skiff(["logs", "up-run"]);
        (l.stdout == "started\n").then_some(()).ok_or(l.dump())
    });
    write_v1(
        &env,
        "up-run",
        include_str!("../fixtures/records-v1/running.json"),
    );
    write_v1(
        &env,
        "up-web",
        include_str!("../fixtures/records-v1/stopped-web.json"),
    );

    assert!(
        status(&env, "up-run").starts_with("Up "),
        "{}",
        status(&env, "up-run")
    );
    assert!(
        status(&env, "up-web").starts_with("Exited ("),
        "{}",
        status(&env, "up-web")
    );
    for name in ["up-run", "up-web"] {
        let dir = env.store().join("containers").join(env.container_id(name));
        assert!(dir.join("container.json").is_file(), "{name} upgraded");
        assert!(
            !dir.join("record.json").exists(),
            "{name}'s old record gone"
        );
    }
    let f = "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.PortBindings}} {{.Config.Labels}} {{.Config.Env}}";
    let got = env.skiff(["inspect", "-f", f, "up-web"]);
    let text = got.ok();
    assert!(
        text.starts_with(&format!(
            "unless-stopped map[80/tcp:[map[HostIp: HostPort:{port}]]] map[k:v] ["
        )),
        "{text}"
    );
    assert!(text.contains(" A=1 "), "{text}");
    let lower = env.skiff(["inspect", "-f", "{{.GraphDriver.Data.LowerDir}}", "up-run"]);
    assert!(lower
        .ok()
        .starts_with(&env.store().join("layers").to_string_lossy().to_string()));
    assert_eq!(env.skiff(["logs", "up-run"]).ok(), "started\n");

    // Its monitor (started before the upgrade) records the exit in the new format.
    env.skiff(["stop", "-t", "1", "up-run"]).ok();
    until("the stop to be recorded", Duration::from_secs(10), || {
        let s = status(&env, "up-run");
        s.starts_with("Exited (137) ").then_some(()).ok_or(s)
    });
    env.skiff(["start", "up-web"]).ok();
    assert!(
        get(port).contains(PAGE),
        "the upgraded container serves its port"
    );
    assert_eq!(
        env.skiff(["port", "up-web"]).ok().trim(),
        format!("80/tcp -> 0.0.0.0:{port}")
    );
    env.skiff(["rm", "-f", "up-run", "up-web"]).ok();
    assert_eq!(env.skiff(["ps", "-a", "-q"]).ok(), "");
    env.skiff(["run", "--rm", "--name", "up-web", "busybox", "true"])
        .ok();
}
