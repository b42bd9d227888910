//! `commit`, `diff` and `export`: a container's changes as an image, as a list, as a tar.
use crate::support::{have_tool, limit_open_files, Env, DEEP_TREE};
use crate::{isolated_with_busybox, shared, unique_name};
use std::io::Read;

/// A stopped container that added `/added`, changed `/etc/passwd` and deleted
/// `/var/www/index.html` of busybox.
fn changed_container(env: &Env) -> String {
    let name = unique_name("changed");
    env.skiff([
        "run",
        "--name",
        &name,
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo new > /added && echo 'extra:x:5:5::/:/bin/sh' >> /etc/passwd && rm /var/www/index.html",
    ])
    .ok();
    name
}

/// `skiff image inspect IMAGE` as JSON (the first element).
fn inspect(env: &Env, image: &str) -> serde_json::Value {
    let out = env.skiff(["image", "inspect", image]);
    let v: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    v[0].clone()
}

/// Entries of a tar: (path, kind, uid, gid, link target, content).
fn entries(data: &[u8]) -> Vec<(String, tar::EntryType, u64, u64, String, Vec<u8>)> {
    let mut ar = tar::Archive::new(data);
    ar.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let h = e.header().clone();
            let link = e
                .link_name()
                .unwrap()
                .map(|l| l.to_string_lossy().to_string())
                .unwrap_or_default();
            let mut body = Vec::new();
            e.read_to_end(&mut body).unwrap();
            let path = e.path().unwrap().to_string_lossy().to_string();
            let path = path.trim_end_matches('/').to_string();
            (
                path,
                h.entry_type(),
                h.uid().unwrap(),
                h.gid().unwrap(),
                link,
                body,
            )
        })
        .collect()
}

#[test]
fn commit_keeps_added_changed_and_deleted_files() {
    let env = shared();
    let ctr = changed_container(env);
    let diff = env.skiff(["diff", &ctr]);
    let lines: Vec<&str> = diff.ok().lines().collect();
    for want in [
        "A /added",
        "C /etc/passwd",
        "D /var/www/index.html",
        "C /etc",
    ] {
        assert!(lines.contains(&want), "{want} in\n{}", diff.dump());
    }
    // Docker lists a changed directory before what changed in it.
    let pos = |l: &str| lines.iter().position(|x| *x == l).unwrap();
    assert!(pos("C /etc") < pos("C /etc/passwd"), "{}", diff.dump());
    let image = unique_name("committed");
    let out = env.skiff(["commit", "-m", "by hand", &ctr, &image]);
    let id = out.ok().trim().to_string();
    assert!(
        id.starts_with("sha256:") && id.len() == 71,
        "{}",
        out.dump()
    );
    let run = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "cat /added; grep -c extra /etc/passwd; ls /var/www/index.html 2>&1 || echo gone",
    ]);
    let text = run.ok();
    assert!(text.starts_with("new\n1\n"), "{}", run.dump());
    assert!(
        text.ends_with("gone\n"),
        "the deleted file stays deleted\n{}",
        run.dump()
    );
    let hist = env.skiff([
        "history",
        "--no-trunc",
        "--format",
        "{{.CreatedBy}}|{{.Comment}}",
        &image,
    ]);
    let first = hist.ok().lines().next().unwrap_or_default().to_string();
    assert!(first.contains("echo new > /added"), "{}", hist.dump());
    assert!(first.ends_with("|by hand"), "{}", hist.dump());
    let layers = inspect(env, &image)["RootFS"]["Layers"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(layers, 2, "busybox's layer plus the commit's");
    // A container of the new image starts with no changes of its own.
    let second = unique_name("from-commit");
    env.skiff(["create", "--name", &second, &image, "true"])
        .ok();
    assert_eq!(env.skiff(["diff", &second]).ok(), "");
    env.skiff(["rm", &ctr, &second]).ok();
    env.skiff(["rmi", &image]).ok();
}

#[test]
fn commit_changes_land_in_the_image_config() {
    let env = shared();
    let ctr = unique_name("changes");
    env.skiff([
        "create",
        "--name",
        &ctr,
        "-e",
        "FROM_RUN=1",
        "busybox",
        "true",
    ])
    .ok();
    let image = unique_name("changed-config");
    env.skiff([
        "commit",
        "-a",
        "A. Author <a@example.com>",
        "-c",
        r#"CMD ["echo", "from cmd"]"#,
        "-c",
        "ENV GREETING=hello",
        "-c",
        "LABEL team=skiff",
        "-c",
        "EXPOSE 8080",
        "-c",
        "WORKDIR /srv",
        "-c",
        "ONBUILD RUN echo child",
        "-c",
        "STOPSIGNAL SIGINT",
        &ctr,
        &image,
    ])
    .ok();
    let v = inspect(env, &image);
    let c = &v["Config"];
    assert_eq!(c["Cmd"], serde_json::json!(["echo", "from cmd"]), "{v}");
    let env_list: Vec<&str> = c["Env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(env_list.contains(&"GREETING=hello"), "{v}");
    assert!(
        env_list.contains(&"FROM_RUN=1"),
        "the container's -e is kept, as Docker does: {v}"
    );
    assert_eq!(c["Labels"]["team"], "skiff", "{v}");
    assert!(c["ExposedPorts"]["8080/tcp"].is_object(), "{v}");
    assert_eq!(c["WorkingDir"], "/srv", "{v}");
    assert_eq!(c["OnBuild"], serde_json::json!(["RUN echo child"]), "{v}");
    assert_eq!(c["StopSignal"], "SIGINT", "{v}");
    assert_eq!(v["Author"], "A. Author <a@example.com>", "{v}");
    let run = env.skiff(["run", "--rm", "--network", "none", &image]);
    assert_eq!(run.ok(), "from cmd\n");
    env.skiff(["rm", &ctr]).ok();
    env.skiff(["rmi", &image]).ok();
}

#[test]
fn commit_bad_input_is_an_error_and_tags_nothing() {
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "ctr", "busybox", "true"])
        .ok();
    let before = env.skiff(["images", "-a", "-q"]).ok().to_string();
    let missing = env.skiff(["commit", "no-such-container", "img"]);
    missing.engine_error(&["no-such-container"]);
    let bad_change = env.skiff(["commit", "-c", "FROM busybox", "ctr", "img"]);
    bad_change.engine_error(&["FROM"]);
    let bad_word = env.skiff(["commit", "-c", "BOGUS x", "ctr", "img"]);
    bad_word.engine_error(&["BOGUS"]);
    let bad_name = env.skiff(["commit", "ctr", "Bad//Name::"]);
    bad_name.engine_error(&["invalid reference format"]);
    assert_eq!(
        env.skiff(["images", "-a", "-q"]).ok(),
        before,
        "nothing new in the store"
    );
}

#[test]
fn commit_of_a_running_container_resumes_it() {
    let env = shared();
    let ctr = unique_name("running");
    env.skiff([
        "run",
        "-d",
        "--name",
        &ctr,
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo live > /live; exec sleep 1000",
    ])
    .ok();
    // Written by the time exec sees it.
    for _ in 0..200 {
        if env.skiff(["exec", &ctr, "cat", "/live"]).code == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    let image = unique_name("from-running");
    env.skiff(["commit", &ctr, &image]).ok();
    let pid = env.skiff(["inspect", "--format", "{{.State.Pid}}", &ctr]);
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.ok().trim())).unwrap();
    let state = stat.rsplit_once(')').unwrap().1.trim_start().chars().next();
    assert_ne!(
        state,
        Some('T'),
        "the container was resumed after the pause: {stat}"
    );
    let run = env.skiff(["run", "--rm", "--network", "none", &image, "cat", "/live"]);
    assert_eq!(run.ok(), "live\n");
    env.skiff(["rm", "-f", &ctr]).ok();
    env.skiff(["rmi", &image]).ok();
}

#[test]
fn commit_squash_makes_one_layer() {
    let env = shared();
    let ctr = changed_container(env);
    let image = unique_name("squashed");
    env.skiff(["commit", "--squash", &ctr, &image]).ok();
    let v = inspect(env, &image);
    assert_eq!(v["RootFS"]["Layers"].as_array().unwrap().len(), 1, "{v}");
    let run = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "cat /added; test -e /var/www/index.html || echo gone",
    ]);
    assert_eq!(run.ok(), "new\ngone\n");
    env.skiff(["rm", &ctr]).ok();
    env.skiff(["rmi", &image]).ok();
}

#[test]
fn export_lists_the_container_files_with_inside_owners() {
    let env = shared();
    let ctr = unique_name("export");
    env.skiff([
        "run", "--name", &ctr, "--network", "none", "busybox", "sh", "-c",
        "echo mine > /owned && chown 1000:1001 /owned && rm /var/www/index.html && ln -s /etc /hostile",
    ])
    .ok();
    let out = env.skiff(["export", &ctr]);
    out.ok();
    let list = entries(&out.stdout_bytes);
    let get = |p: &str| list.iter().find(|e| e.0 == p);
    let owned = get("owned").unwrap_or_else(|| panic!("owned missing"));
    assert_eq!(
        (owned.2, owned.3, owned.5.as_slice()),
        (1000, 1001, &b"mine\n"[..])
    );
    let sh = get("bin/busybox").expect("the image's files are there");
    assert_eq!((sh.2, sh.3), (0, 0), "root inside is 0, not the user's id");
    assert!(
        get("var/www/index.html").is_none(),
        "the deleted file is absent"
    );
    assert!(get("var/www").is_some());
    let link = get("hostile").unwrap();
    assert_eq!((link.1, link.4.as_str()), (tar::EntryType::Symlink, "/etc"));
    assert!(
        !list.iter().any(|e| e.0.starts_with("hostile/")),
        "the symlink to /etc was followed"
    );
    let passwd = String::from_utf8_lossy(&get("etc/passwd").unwrap().5).to_string();
    assert!(
        passwd.starts_with("root:x:0:0:root:/root:/bin/sh\ndaemon"),
        "{passwd}"
    );
    // What `tar t` makes of it, as a user would look.
    let file = env.root.join(format!("{ctr}.tar"));
    env.skiff(["export", "-o", file.to_str().unwrap(), &ctr])
        .ok();
    let t = std::process::Command::new("tar")
        .arg("tf")
        .arg(&file)
        .output()
        .unwrap();
    let names = String::from_utf8_lossy(&t.stdout);
    assert!(names.lines().any(|l| l == "owned"), "{names}");
    assert!(!names.lines().any(|l| l == "var/www/index.html"), "{names}");
    std::fs::remove_file(&file).unwrap();
    env.skiff(["rm", &ctr]).ok();
}

#[test]
fn export_of_a_missing_container_is_an_error() {
    let env = shared();
    let out = env.skiff(["export", "-o", "/dev/null", "no-such-container-x"]);
    out.engine_error(&["no-such-container-x"]);
}

#[test]
fn committed_image_runs_in_podman() {
    if !have_tool("podman") {
        return;
    }
    let env = isolated_with_busybox();
    env.skiff([
        "run",
        "--name",
        "ctr",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo committed > /note && rm /etc/group",
    ])
    .ok();
    env.skiff(["commit", "ctr", "note:1"]).ok();
    let file = env.root.join("note.tar");
    env.skiff(["save", "-o", file.to_str().unwrap(), "note:1"])
        .ok();
    env.podman(["load", "-i", file.to_str().unwrap()]).ok();
    let run = env.podman([
        "run",
        "--rm",
        "--network",
        "none",
        "localhost/note:1",
        "sh",
        "-c",
        "cat /note; test -e /etc/group || echo no group",
    ]);
    assert_eq!(run.ok(), "committed\nno group\n", "{}", run.dump());
}

/// `diff`, `export`, `ps -s` and `commit` of a container whose upper dir nests 2000
/// directories (more than the usual limit of 1024 open files, longer than PATH_MAX) see the
/// whole tree, and the committed image has it.
#[test]
fn diff_export_and_commit_walk_a_tree_deeper_than_the_open_file_limit() {
    limit_open_files(1024);
    let env = shared();
    let ctr = unique_name("deep");
    env.skiff([
        "run",
        "--name",
        &ctr,
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        DEEP_TREE,
    ])
    .ok();
    let bottom = format!("{}f", "d/".repeat(2000));
    let diff = env.skiff(["diff", &ctr]);
    let added: Vec<&str> = diff
        .ok()
        .lines()
        .filter(|l| l.starts_with("A /d"))
        .collect();
    assert_eq!(added.len(), 2001, "2000 directories and f: {}", diff.stderr);
    assert_eq!(added[2000], format!("A /{bottom}"));
    let out = env.skiff(["export", &ctr]);
    out.ok();
    let list = entries(&out.stdout_bytes);
    let f = list
        .iter()
        .find(|e| e.0 == bottom)
        .expect("the deepest file");
    assert_eq!(f.5, b"deep\n");
    // `ps -s` counts the file at the bottom too (5 bytes: "deep\n", the rest is empty).
    let filter = format!("name=^{ctr}$");
    let ps = [
        "ps",
        "-a",
        "-s",
        "--filter",
        &filter,
        "--format",
        "{{.Size}}",
    ];
    let size = env.skiff(ps);
    assert!(size.ok().starts_with("5B "), "{}", size.stdout);
    let image = unique_name("deepimg");
    env.skiff(["commit", &ctr, &image]).ok();
    let count = "i=0; while cd d 2>/dev/null; do i=$((i+1)); done; echo $i; cat f";
    let run = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        count,
    ]);
    assert_eq!(run.ok(), "2000\ndeep\n");
    env.skiff(["rm", &ctr]).ok();
    env.skiff(["rmi", &image]).ok();
}
