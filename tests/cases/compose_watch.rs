//! `compose watch` (issue 17): an edit under a `sync` rule's path is in the running container
//! within a second, a removed file is removed there, and a change under a `rebuild` rule's
//! path rebuilds that service's image and recreates that service only.
use crate::isolated_with_busybox;
use crate::support::wait_for;
use std::time::{Duration, Instant};

#[test]
fn sync_reaches_the_container_in_a_second_and_rebuild_recreates_only_its_service() {
    let env = isolated_with_busybox();
    let dir = env.root.join("watched");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("ctx")).unwrap();
    std::fs::write(dir.join("src/page.txt"), "one\n").unwrap();
    std::fs::write(dir.join("ctx/v"), "v1\n").unwrap();
    std::fs::write(
        dir.join("ctx/Dockerfile"),
        "FROM busybox\nCOPY v /v\nCMD [\"sleep\", \"600\"]\n",
    )
    .unwrap();
    let yaml = r#"services:
  app:
    image: busybox
    init: true
    command: ["sh", "-c", "mkdir -p /srv && sleep 600"]
    develop:
      watch:
        - action: sync
          path: ./src
          target: /srv
          ignore: ["*.tmp"]
  built:
    build: ./ctx
    init: true
    develop:
      watch:
        - action: rebuild
          path: ./ctx
"#;
    let f = dir.join("compose.yaml");
    std::fs::write(&f, yaml).unwrap();
    let f = f.to_string_lossy().into_owned();
    let mut child = env.sk(["compose", "-f", &f, "watch"]).spawn();
    let id = |name: &str| {
        env.skiff(["ps", "-q", "--filter", &format!("name=^{name}$")])
            .ok()
            .trim()
            .to_string()
    };
    wait_for("the services to run", Duration::from_secs(60), || {
        !id("watched-app-1").is_empty() && !id("watched-built-1").is_empty()
    });
    let (app, built) = (id("watched-app-1"), id("watched-built-1"));
    let cat = |c: &str, p: &str| env.skiff(["exec", c, "cat", p]).stdout;
    assert_eq!(cat("watched-built-1", "/v"), "v1\n");
    // Give the watcher its first look (it starts after up); then edit and time the sync.
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(dir.join("src/page.txt"), "two\n").unwrap();
    let edited = Instant::now();
    wait_for("the edit in the container", Duration::from_secs(10), || {
        cat("watched-app-1", "/srv/page.txt") == "two\n"
    });
    let took = edited.elapsed();
    assert!(took < Duration::from_secs(1), "the sync took {took:?}");
    // An ignored file is not synced; a removed one is removed.
    std::fs::write(dir.join("src/x.tmp"), "no\n").unwrap();
    std::fs::remove_file(dir.join("src/page.txt")).unwrap();
    wait_for(
        "the removal in the container",
        Duration::from_secs(10),
        || {
            env.skiff(["exec", "watched-app-1", "test", "-e", "/srv/page.txt"])
                .code
                == 1
        },
    );
    assert_eq!(
        env.skiff(["exec", "watched-app-1", "test", "-e", "/srv/x.tmp"])
            .code,
        1
    );
    // A rebuild path: only `built` is rebuilt and recreated.
    std::fs::write(dir.join("ctx/v"), "v2\n").unwrap();
    wait_for("the rebuilt service", Duration::from_secs(60), || {
        let now = id("watched-built-1");
        !now.is_empty() && now != built && cat("watched-built-1", "/v") == "v2\n"
    });
    assert_eq!(
        id("watched-app-1"),
        app,
        "app was recreated by built's rebuild"
    );
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let st = child.wait().unwrap();
    assert!(st.success(), "watch ended with {st}");
    env.skiff(["compose", "-f", &f, "down", "-t", "0"]).ok();
}

/// A `build:` service: `up` builds its image (tagged PROJECT-SERVICE) through skiff build's
/// cache, so `compose build` after it hits the cache at every step; `down --rmi local` removes
/// it.
#[test]
fn a_build_service_is_built_by_up_and_cached_by_compose_build() {
    let env = isolated_with_busybox();
    let dir = env.root.join("built");
    std::fs::create_dir_all(dir.join("ctx")).unwrap();
    std::fs::write(
        dir.join("ctx/Dockerfile"),
        "FROM busybox\nRUN echo made > /made\nCMD [\"cat\", \"/made\"]\n",
    )
    .unwrap();
    let f = dir.join("compose.yaml");
    std::fs::write(&f, "services:\n  app:\n    build: ./ctx\n").unwrap();
    let f = f.to_string_lossy().into_owned();
    let out = env.skiff(["compose", "-f", &f, "up"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("built-app-1") && l.ends_with("| made")),
        "{}",
        out.stdout
    );
    let images = env.skiff(["images", "--format", "{{.Repository}}"]);
    assert!(
        images.ok().contains("localhost/built-app"),
        "{}",
        images.ok()
    );
    let again = env.skiff(["compose", "-f", &f, "build"]);
    assert!(again.ok().contains("--> Using cache"), "{}", again.stdout);
    env.skiff(["compose", "-f", &f, "down", "--rmi", "local"])
        .ok();
    let images = env.skiff(["images", "--format", "{{.Repository}}"]);
    assert!(!images.ok().contains("built-app"), "{}", images.ok());
}

/// Attached `up`: Ctrl-C stops the project's containers (Docker's "Gracefully stopping...")
/// and leaves them created.
#[test]
fn ctrl_c_on_an_attached_up_stops_the_project() {
    let env = isolated_with_busybox();
    let dir = env.root.join("attached");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("compose.yaml");
    let yaml = "services:\n  a:\n    image: busybox\n    init: true\n    command: [\"sh\", \"-c\", \"echo up; sleep 600\"]\n  b:\n    image: busybox\n    init: true\n    command: [\"sleep\", \"600\"]\n";
    std::fs::write(&f, yaml).unwrap();
    let f = f.to_string_lossy().into_owned();
    let mut child = env.sk(["compose", "-f", &f, "up"]).spawn();
    wait_for("both services to run", Duration::from_secs(30), || {
        env.skiff([
            "ps",
            "-q",
            "--filter",
            "label=com.docker.compose.project=attached",
        ])
        .ok()
        .lines()
        .count()
            == 2
    });
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let st = child.wait().unwrap();
    assert_eq!(st.code(), Some(130), "up ended with {st}");
    let running = env.skiff([
        "ps",
        "-q",
        "--filter",
        "label=com.docker.compose.project=attached",
    ]);
    assert!(running.ok().is_empty(), "still running: {}", running.ok());
    let all = env.skiff([
        "ps",
        "-aq",
        "--filter",
        "label=com.docker.compose.project=attached",
    ]);
    assert_eq!(all.ok().lines().count(), 2, "the containers stay, stopped");
    env.skiff(["compose", "-f", &f, "down"]).ok();
}

/// `up --watch`: attached, with the service's logs, and its sync rule applied as it runs.
#[test]
fn up_watch_syncs_while_attached() {
    let env = isolated_with_busybox();
    let dir = env.root.join("upwatch");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/f"), "a\n").unwrap();
    let yaml = "services:\n  app:\n    image: busybox\n    init: true\n    command: [\"sh\", \"-c\", \"mkdir -p /srv; echo ready; sleep 600\"]\n    develop:\n      watch:\n        - {action: sync, path: ./src, target: /srv}\n";
    std::fs::write(dir.join("compose.yaml"), yaml).unwrap();
    let f = dir.join("compose.yaml").to_string_lossy().into_owned();
    let mut child = env.sk(["compose", "-f", &f, "up", "--watch"]).spawn();
    wait_for("app to run", Duration::from_secs(30), || {
        env.skiff(["exec", "upwatch-app-1", "test", "-d", "/srv"])
            .code
            == 0
    });
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(dir.join("src/f"), "b\n").unwrap();
    wait_for("the sync", Duration::from_secs(5), || {
        env.skiff(["exec", "upwatch-app-1", "cat", "/srv/f"]).stdout == "b\n"
    });
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    assert_eq!(child.wait().unwrap().code(), Some(130));
    env.skiff(["compose", "-f", &f, "down", "-t", "0"]).ok();
}
