//! `compose up`/`down`/`ps`/`exec` end to end (issue 17), as an unprivileged user: the issue's
//! three-service app (web serves a page from a bind mount on a published port; api reads a
//! value from db by name; db keeps it in a named volume, with a health check) comes up in
//! dependency order, keeps its data across `down`/`up`, and `down -v` leaves nothing; `up` is
//! idempotent and recreates only a changed service; `--scale` gives replicas one name answers.
use crate::isolated_with_busybox;
use crate::network::free_port;
use crate::support::Env;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// An HTTP GET of `path` on 127.0.0.1:port; the body, retried for 10 s while nothing answers.
fn get(port: u16, path: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let attempt = (|| -> std::io::Result<String> {
            let mut s = TcpStream::connect(("127.0.0.1", port))?;
            s.set_read_timeout(Some(Duration::from_secs(3)))?;
            write!(s, "GET {path} HTTP/1.0\r\n\r\n")?;
            let mut reply = String::new();
            s.read_to_string(&mut reply)?;
            Ok(reply)
        })();
        // The body: after the headers' blank line (a CGI's own headers end in bare newlines).
        let body = |r: &str| {
            let crlf = r.find("\r\n\r\n").map(|i| (i, 4));
            let lf = r.find("\n\n").map(|i| (i, 2));
            let (i, n) = [crlf, lf].into_iter().flatten().min()?;
            Some(r[i + n..].to_string())
        };
        match attempt {
            Ok(r) if body(&r).is_some() => return body(&r).unwrap_or_default(),
            _ if Instant::now() >= deadline => panic!("GET {path} on {port}: {attempt:?}"),
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The app: web (httpd on a bind-mounted page), api (a CGI that fetches db's value by name),
/// db (httpd over a named volume, healthy once its value answers).
fn app(web: u16, api: u16, db_env: &str) -> String {
    format!(
        r#"services:
  web:
    image: busybox
    init: true
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    volumes: ["./site:/www:ro"]
    ports: ["127.0.0.1:{web}:8080"]
    depends_on: [api]
  api:
    image: busybox
    init: true
    command: ["sh", "-c", "mkdir -p /www/cgi-bin && printf '#!/bin/sh\\necho Content-Type: text/plain\\necho\\nwget -qO- http://db:5432/value\\n' > /www/cgi-bin/v && chmod +x /www/cgi-bin/v && exec httpd -f -p 8000 -h /www"]
    ports: ["127.0.0.1:{api}:8000"]
    depends_on:
      db:
        condition: service_healthy
        restart: true
  db:
    image: busybox
    init: true
    environment:
      MARK: "{db_env}"
    command: ["sh", "-c", "[ -f /data/value ] || echo value-$$$$-$$(date +%s) > /data/value; exec httpd -f -p 5432 -h /data"]
    volumes: ["dbdata:/data"]
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://127.0.0.1:5432/value"]
      interval: 500ms
      retries: 60
volumes:
  dbdata: {{}}
"#
    )
}

/// A project directory of its own (its name is the project's), with the app's file.
fn project(env: &Env, name: &str, yaml: &str) -> String {
    let dir = env.root.join(name);
    std::fs::create_dir_all(dir.join("site")).unwrap();
    std::fs::write(dir.join("site/index.html"), "hello from web\n").unwrap();
    std::fs::write(dir.join("compose.yaml"), yaml).unwrap();
    dir.join("compose.yaml").to_string_lossy().into_owned()
}

fn compose(env: &Env, file: &str, args: &[&str]) -> crate::support::Out {
    let mut v = vec!["compose", "-f", file];
    v.extend_from_slice(args);
    env.skiff(v)
}

/// `NAME ID` of the project's containers, sorted.
fn ids(env: &Env, file: &str) -> Vec<String> {
    let out = compose(env, file, &["ps", "-a", "--format", "{{.Names}} {{.ID}}"]);
    let mut v: Vec<String> = out.ok().lines().map(String::from).collect();
    v.sort();
    v
}

#[test]
fn three_service_app_comes_up_in_order_keeps_its_data_and_goes_down() {
    let env = isolated_with_busybox();
    let (web, api) = (free_port(), free_port());
    let f = project(&env, "shop", &app(web, api, "1"));
    compose(&env, &f, &["up", "-d"]).ok();
    // db was healthy before api started: api's start time is after db's first healthy check.
    let state = |c: &str, t: &str| {
        env.skiff(["inspect", "--format", t, c])
            .ok()
            .trim()
            .to_string()
    };
    assert_eq!(state("shop-db-1", "{{.State.Health.Status}}"), "healthy");
    let db_healthy = state("shop-db-1", "{{(index .State.Health.Log 0).End}}");
    let api_started = state("shop-api-1", "{{.State.StartedAt}}");
    assert!(
        api_started > db_healthy,
        "api started {api_started}, db healthy {db_healthy}"
    );
    assert_eq!(get(web, "/"), "hello from web\n");
    let value = get(api, "/cgi-bin/v");
    assert!(value.starts_with("value-"), "{value:?}");
    // Every service by its name from another, through the project's network.
    let out = compose(
        &env,
        &f,
        &[
            "exec",
            "-T",
            "web",
            "wget",
            "-qO-",
            "http://api:8000/cgi-bin/v",
        ],
    );
    assert_eq!(out.ok(), value);
    let ps = compose(&env, &f, &["ps"]);
    let table = ps.ok();
    assert!(table.starts_with("NAME "), "{table}");
    for s in ["shop-web-1", "shop-api-1", "shop-db-1"] {
        assert!(table.contains(s), "{table}");
    }
    let labels = env.skiff([
        "ps",
        "-q",
        "--filter",
        "label=com.docker.compose.project=shop",
    ]);
    assert_eq!(labels.ok().lines().count(), 3);
    // down then up: db's volume keeps the value.
    compose(&env, &f, &["down"]).ok();
    assert!(ids(&env, &f).is_empty());
    compose(&env, &f, &["up", "-d"]).ok();
    assert_eq!(get(api, "/cgi-bin/v"), value, "db's data survived down/up");
    // down -v: nothing of the project remains.
    compose(&env, &f, &["down", "-v"]).ok();
    assert!(env.skiff(["ps", "-aq"]).ok().is_empty());
    let nets = env.skiff(["network", "ls", "--format", "{{.Name}}"]);
    assert!(!nets.ok().contains("shop_"), "{}", nets.ok());
    let vols = env.skiff(["volume", "ls", "-q"]);
    assert!(vols.ok().trim().is_empty(), "{}", vols.ok());
}

#[test]
fn up_twice_changes_nothing_and_an_edit_recreates_only_that_service() {
    let env = isolated_with_busybox();
    let (web, api) = (free_port(), free_port());
    let f = project(&env, "idem", &app(web, api, "1"));
    compose(&env, &f, &["up", "-d"]).ok();
    let first = ids(&env, &f);
    assert_eq!(first.len(), 3, "{first:?}");
    let started = |c: &str| {
        env.skiff(["inspect", "--format", "{{.State.StartedAt}}", c])
            .ok()
            .to_string()
    };
    let (api_started, web_started) = (started("idem-api-1"), started("idem-web-1"));
    compose(&env, &f, &["up", "-d"]).ok();
    assert_eq!(ids(&env, &f), first, "a second up recreated something");
    // db's environment changes: db is recreated, web and api are kept.
    std::fs::write(&f, app(web, api, "2")).unwrap();
    compose(&env, &f, &["up", "-d"]).ok();
    let after = ids(&env, &f);
    let id_of = |v: &[String], n: &str| v.iter().find(|l| l.starts_with(n)).cloned();
    assert_ne!(id_of(&after, "idem-db-1"), id_of(&first, "idem-db-1"));
    assert_eq!(id_of(&after, "idem-api-1"), id_of(&first, "idem-api-1"));
    assert_eq!(id_of(&after, "idem-web-1"), id_of(&first, "idem-web-1"));
    // api depends on db with `restart: true`: restarted (same container), web untouched.
    assert_ne!(
        started("idem-api-1"),
        api_started,
        "api was not restarted after db's recreation"
    );
    assert_eq!(started("idem-web-1"), web_started, "web was restarted");
    let mark = env.skiff(["exec", "idem-db-1", "sh", "-c", "echo $MARK"]);
    assert_eq!(mark.ok(), "2\n");
    compose(&env, &f, &["down", "-v", "-t", "1"]).ok();
}

#[test]
fn scale_gives_replicas_that_one_name_answers() {
    let env = isolated_with_busybox();
    let yaml = r#"services:
  api:
    image: busybox
    init: true
    command: ["sleep", "600"]
  probe:
    image: busybox
    init: true
    command: ["sleep", "600"]
"#;
    let f = project(&env, "scaled", yaml);
    compose(&env, &f, &["up", "-d", "--scale", "api=3"]).ok();
    let names: Vec<String> = ids(&env, &f)
        .into_iter()
        .filter(|l| l.starts_with("scaled-api-"))
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let out = compose(&env, &f, &["exec", "-T", "probe", "nslookup", "api"]);
    let addrs: std::collections::BTreeSet<&str> = out
        .ok()
        .lines()
        .skip_while(|l| !l.starts_with("Name:"))
        .filter_map(|l| {
            l.strip_prefix("Address: ")
                .or_else(|| l.strip_prefix("Address:"))
        })
        .map(str::trim)
        .collect();
    assert_eq!(addrs.len(), 3, "{}", out.ok());
    // Down to one: the extra replicas go.
    compose(&env, &f, &["up", "-d", "--scale", "api=1"]).ok();
    let names: Vec<String> = ids(&env, &f)
        .into_iter()
        .filter(|l| l.starts_with("scaled-api-"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    compose(&env, &f, &["down", "-t", "0"]).ok();
    assert!(env.skiff(["ps", "-aq"]).ok().is_empty());
}

#[test]
fn an_unknown_service_or_a_bad_scale_is_125_before_anything_is_made() {
    let env = isolated_with_busybox();
    let f = project(
        &env,
        "bad",
        "services:\n  a:\n    image: busybox\n    command: [\"true\"]\n",
    );
    for args in [
        vec!["up", "-d", "nosuch"],
        vec!["up", "-d", "--scale", "a=x"],
        vec!["up", "-d", "--scale", "nosuch=2"],
    ] {
        let out = compose(&env, &f, &args);
        assert_eq!(out.code, 125, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    }
    // A dependency cycle, an unknown dependency and a port clash: `up` refuses before it makes
    // the project's network or any container.
    for (yaml, needle) in [
        ("services:\n  a: {image: busybox, depends_on: [b]}\n  b: {image: busybox, depends_on: [a]}\n", "dependency cycle"),
        ("services:\n  a: {image: busybox, depends_on: [nope]}\n", "undefined service"),
        ("services:\n  a: {image: busybox, ports: ['18099:80']}\n  b: {image: busybox, ports: ['18099:81']}\n", "port clash"),
    ] {
        std::fs::write(&f, yaml).unwrap();
        let out = compose(&env, &f, &["up", "-d"]);
        assert_eq!(out.code, 125, "{yaml}: {}", out.stderr);
        assert!(out.stderr.contains(needle), "{}", out.stderr);
    }
    assert!(env.skiff(["ps", "-aq"]).ok().is_empty());
    let nets = env.skiff(["network", "ls", "--format", "{{.Name}}"]);
    assert!(!nets.ok().contains("bad_"), "{}", nets.ok());
}

/// `depends_on: condition: service_completed_successfully` waits for a one-shot service's
/// exit 0; attached `up --exit-code-from` streams prefixed logs and returns that exit code;
/// `compose run --rm` runs a one-off container of a service, removed after.
#[test]
fn completed_dependency_attached_up_and_a_one_off_run() {
    let env = isolated_with_busybox();
    let yaml = r#"services:
  migrate:
    image: busybox
    command: ["sh", "-c", "sleep 1; echo migrated > /shared/done"]
    volumes: ["shared:/shared"]
  app:
    image: busybox
    command: ["sh", "-c", "cat /shared/done; echo from app; exit 3"]
    volumes: ["shared:/shared"]
    depends_on:
      migrate:
        condition: service_completed_successfully
volumes:
  shared: {}
"#;
    let f = project(&env, "oneshot", yaml);
    let out = compose(&env, &f, &["up", "--exit-code-from", "app"]);
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    let app_lines: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("oneshot-app-1"))
        .collect();
    assert_eq!(app_lines.len(), 2, "{}", out.stdout);
    assert!(app_lines[0].ends_with("| migrated"), "{}", out.stdout);
    assert!(app_lines[1].ends_with("| from app"), "{}", out.stdout);
    let run = compose(
        &env,
        &f,
        &[
            "run",
            "--rm",
            "-e",
            "V=42",
            "--no-deps",
            "app",
            "sh",
            "-c",
            "echo $V; cat /shared/done",
        ],
    );
    assert_eq!(run.ok(), "42\nmigrated\n");
    let left = env.skiff(["ps", "-a", "--format", "{{.Names}}"]);
    assert!(!left.ok().contains("-run-"), "{}", left.ok());
    compose(&env, &f, &["down", "-v"]).ok();
    assert!(env.skiff(["ps", "-aq"]).ok().is_empty());
}

/// The issue's reliability bar: 10 cycles of `up -d`, every service resolving every other by
/// name (no sleep after `up`), and `down`, with no failed lookup and nothing left after each
/// `down`: no container, network, volume, or monitor process of the cycle's containers.
#[test]
fn ten_up_probe_down_cycles_resolve_every_name_and_leave_nothing() {
    let env = isolated_with_busybox();
    let services = ["front", "middle", "back"];
    let mut yaml = String::from("services:\n");
    for s in services {
        yaml.push_str(&format!(
            "  {s}:\n    image: busybox\n    init: true\n    command: [\"sleep\", \"600\"]\n    volumes: [\"data:/data\"]\n"
        ));
    }
    yaml.push_str("volumes:\n  data: {}\n");
    let f = project(&env, "cycles", &yaml);
    for cycle in 0..10 {
        compose(&env, &f, &["up", "-d"]).ok();
        let ids: Vec<String> = env
            .skiff([
                "ps",
                "-q",
                "--no-trunc",
                "--filter",
                "label=com.docker.compose.project=cycles",
            ])
            .ok()
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(ids.len(), 3, "cycle {cycle}");
        for from in services {
            for to in services.iter().filter(|t| **t != from) {
                let out = compose(&env, &f, &["exec", "-T", from, "nslookup", to]);
                assert_eq!(
                    out.code, 0,
                    "cycle {cycle}: {from} -> {to}: {}{}",
                    out.stdout, out.stderr
                );
                assert!(
                    out.stdout.contains("Address"),
                    "cycle {cycle}: {from} -> {to}: {}",
                    out.stdout
                );
            }
        }
        compose(&env, &f, &["down", "-v", "-t", "0"]).ok();
        assert!(env.skiff(["ps", "-aq"]).ok().is_empty(), "cycle {cycle}");
        let nets = env.skiff(["network", "ls", "--format", "{{.Name}}"]);
        assert!(
            !nets.ok().contains("cycles_"),
            "cycle {cycle}: {}",
            nets.ok()
        );
        assert!(
            env.skiff(["volume", "ls", "-q"]).ok().trim().is_empty(),
            "cycle {cycle}"
        );
        for id in &ids {
            let left = crate::support::wait::monitor_pids(id);
            assert!(
                left.is_empty(),
                "cycle {cycle}: monitor of {id} left: {left:?}"
            );
        }
    }
}
