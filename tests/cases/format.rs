//! `--format` (Go templates, `table`, `json`) on `ps`, `images`, `history` and `inspect`, and
//! `ps --filter`, `--sort`, `-s`. Containers get unique names and every `ps` filters by name,
//! since the store is shared with other tests.
use crate::support::image::busybox_rootfs;
use crate::support::{is_hex, parse_table, table_header, Env};
use crate::{shared, unique_name};

/// Makes a created container NAME-a and an exited (code 3) container NAME-b; returns the names.
fn two_containers(env: &Env, prefix: &str) -> (String, String) {
    let (a, b) = (format!("{prefix}-a"), format!("{prefix}-b"));
    env.skiff(["create", "--name", &a, "busybox"]).ok();
    env.skiff(["run", "--name", &b, "busybox", "sh", "-c", "exit 3"])
        .code_is(3);
    (a, b)
}

#[test]
fn ps_format_prints_each_row_and_table_aligns_columns() {
    let env = shared();
    let prefix = unique_name("fmt-ps");
    let (a, b) = two_containers(env, &prefix);
    let name = format!("name={prefix}");
    let out = env.skiff(["ps", "-a", "--filter", &name, "--format", "{{.Names}}"]);
    assert_eq!(
        out.ok(),
        format!("{b}\n{a}\n"),
        "newest first\n{}",
        out.dump()
    );

    let id = env.container_id(&b);
    let exact = format!("name=^{b}$");
    let out = env.skiff([
        "ps",
        "-a",
        "--filter",
        &exact,
        "--format",
        "table {{.ID}}\\t{{.Status}}",
    ]);
    let text = out.ok();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.dump());
    // Docker's tabwriter: a column is as wide as its widest cell plus 3 (at least 10).
    assert_eq!(lines[0], "CONTAINER ID   STATUS", "{}", out.dump());
    let want = format!("{}   Exited (3) ", &id[..12]);
    assert!(lines[1].starts_with(&want), "{}", out.dump());
    assert!(lines[1].ends_with(" ago"), "{}", out.dump());

    let out = env.skiff([
        "ps",
        "-a",
        "--no-trunc",
        "--filter",
        &exact,
        "--format",
        "{{.ID}} {{.State}} {{.Command}}",
    ]);
    assert_eq!(
        out.ok(),
        format!("{id} exited \"sh -c exit 3\"\n"),
        "{}",
        out.dump()
    );
    // `table` alone is the default table; `-q` wins over a format, as in Docker.
    let out = env.skiff(["ps", "-a", "--filter", &exact, "--format", "table"]);
    assert_eq!(table_header(out.ok())[0], "CONTAINER ID", "{}", out.dump());
    let out = env.skiff([
        "ps",
        "-a",
        "-q",
        "--filter",
        &exact,
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(out.ok(), format!("{}\n", &id[..12]), "{}", out.dump());
}

#[test]
fn ps_format_json_prints_one_object_per_line_with_dockers_keys() {
    let env = shared();
    let prefix = unique_name("fmt-json");
    let (_, b) = two_containers(env, &prefix);
    let exact = format!("name=^{b}$");
    let out = env.skiff(["ps", "-a", "--filter", &exact, "--format", "json"]);
    let lines: Vec<&str> = out.ok().lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.dump());
    let v: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON object");
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "Command",
            "CreatedAt",
            "ID",
            "Image",
            "Labels",
            "LocalVolumes",
            "Mounts",
            "Names",
            "Networks",
            "Ports",
            "RunningFor",
            "Size",
            "State",
            "Status"
        ],
        "{}",
        out.dump()
    );
    assert_eq!(v["Names"], b.as_str());
    assert_eq!(v["State"], "exited");
    assert_eq!(v["Image"], "busybox");
    assert!(is_hex(v["ID"].as_str().unwrap(), 12), "{}", out.dump());
    // `{{json .}}` is the same object.
    let same = env.skiff(["ps", "-a", "--filter", &exact, "--format", "{{json .}}"]);
    let w: serde_json::Value = serde_json::from_str(same.ok().trim()).expect("JSON");
    assert_eq!(v["ID"], w["ID"], "{}", same.dump());
}

#[test]
fn inspect_format_prints_values_as_go_does() {
    let env = shared();
    let (_, b) = two_containers(env, &unique_name("fmt-insp"));
    let out = env.skiff(["inspect", "-f", "{{.State.Status}} {{.Config.Cmd}}", &b]);
    assert_eq!(out.ok(), "exited [sh -c exit 3]\n", "{}", out.dump());
    let out = env.skiff([
        "inspect",
        "-f",
        "{{.State.Running}} {{.State.ExitCode}} {{.Name}}",
        &b,
    ]);
    assert_eq!(out.ok(), format!("false 3 /{b}\n"), "{}", out.dump());
    let out = env.skiff(["inspect", "-f", "{{json .Config.Env}}", &b]);
    let env_list: Vec<String> = serde_json::from_str(out.ok().trim()).expect("a JSON list");
    assert!(
        env_list.iter().any(|e| e.starts_with("PATH=")),
        "{}",
        out.dump()
    );
    // `json` prints the array compactly on one line; the default indents it by four spaces.
    let out = env.skiff(["inspect", "--format", "json", &b]);
    assert_eq!(out.ok().lines().count(), 1, "{}", out.dump());
    let v: serde_json::Value = serde_json::from_str(out.ok()).expect("JSON");
    assert_eq!(v[0]["State"]["Status"], "exited");
    let out = env.skiff(["inspect", &b]);
    assert!(
        out.ok().starts_with("[\n    {\n        \"Id\""),
        "{}",
        out.dump()
    );
}

#[test]
fn inspect_format_indexes_labels_and_ranges_over_layers() {
    let env = Env::isolated();
    let path = env.root.join("rootfs.tar");
    std::fs::write(&path, busybox_rootfs()).expect("write rootfs");
    env.skiff([
        "import",
        "--change",
        "LABEL k=v other=x",
        path.to_str().unwrap(),
        "labelled",
    ])
    .ok();
    let out = env.skiff([
        "inspect",
        "-f",
        "{{index .Config.Labels \"k\"}}",
        "labelled",
    ]);
    assert_eq!(out.ok(), "v\n", "{}", out.dump());
    let out = env.skiff(["image", "inspect", "-f", "{{.Config.Labels}}", "labelled"]);
    assert_eq!(out.ok(), "map[k:v other:x]\n", "{}", out.dump());
    let out = env.skiff([
        "inspect",
        "-f",
        "{{range .RootFS.Layers}}{{.}} {{end}}",
        "labelled",
    ]);
    let layers: Vec<&str> = out.ok().split_whitespace().collect();
    assert_eq!(layers.len(), 1, "{}", out.dump());
    assert!(
        layers[0].starts_with("sha256:") && is_hex(&layers[0][7..], 64),
        "{}",
        out.dump()
    );
    let out = env.skiff([
        "inspect",
        "-f",
        "{{upper (index .Config.Labels \"k\")}}",
        "labelled",
    ]);
    assert_eq!(out.ok(), "V\n", "{}", out.dump());
}

#[test]
fn images_and_history_take_a_format() {
    let env = shared();
    let out = env.skiff(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(
        out.ok()
            .lines()
            .any(|l| l == "busybox:latest" || l.ends_with("/busybox:latest")),
        "{}",
        out.dump()
    );
    let out = env.skiff(["images", "--format", "table {{.Repository}}\\t{{.ID}}"]);
    assert_eq!(
        table_header(out.ok()),
        ["REPOSITORY", "IMAGE ID"],
        "{}",
        out.dump()
    );
    let out = env.skiff(["images", "busybox", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(out.ok().lines().next().unwrap_or("")).expect("a JSON object");
    for k in [
        "ID",
        "Repository",
        "Tag",
        "CreatedSince",
        "CreatedAt",
        "Size",
    ] {
        assert!(v.get(k).is_some(), "{k} missing\n{}", out.dump());
    }

    let out = env.skiff(["history", "--format", "{{.ID}}|{{.CreatedBy}}", "busybox"]);
    let text = out.ok();
    let (id, by) = text
        .trim_end()
        .split_once('|')
        .expect("one ID|CreatedBy line");
    assert!(is_hex(id, 12), "{}", out.dump());
    assert!(by.contains("skiff-tests layer 0"), "{}", out.dump());
    let out = env.skiff([
        "history",
        "--format",
        "table {{.ID}}\\t{{.CreatedAt}}\\t{{.Size}}",
        "busybox",
    ]);
    assert_eq!(
        table_header(out.ok()),
        ["IMAGE", "CREATED AT", "SIZE"],
        "{}",
        out.dump()
    );
}

#[test]
fn ps_filters_by_status_name_ancestor_and_sorts() {
    let env = shared();
    let prefix = unique_name("fmt-filter");
    let (a, b) = two_containers(env, &prefix);
    let name = format!("name={prefix}");
    let names = |args: &[&str]| {
        let mut full = vec!["ps"];
        full.extend_from_slice(args);
        full.extend(["--filter", &name, "--format", "{{.Names}}"]);
        let out = env.skiff(&full);
        out.ok().lines().map(String::from).collect::<Vec<_>>()
    };
    // A status filter shows stopped containers without -a, as Docker's does.
    assert_eq!(names(&["--filter", "status=exited"]), [b.as_str()]);
    assert_eq!(names(&["--filter", "status=created"]), [a.as_str()]);
    assert!(names(&["--filter", "status=running"]).is_empty());
    assert_eq!(names(&["-a", "--filter", "exited=3"]), [b.as_str()]);
    assert_eq!(
        names(&["-a", "--filter", "ancestor=busybox"]),
        [b.clone(), a.clone()]
    );
    assert!(names(&["-a", "--filter", "ancestor=probe"]).is_empty());
    let short = &env.container_id(&a)[..10];
    assert_eq!(
        names(&["-a", "--filter", &format!("id={short}")]),
        [a.as_str()]
    );
    assert_eq!(names(&["-a", "--filter", "health=none"]).len(), 2);
    assert!(names(&["-a", "--filter", "label=nope"]).is_empty());
    assert_eq!(names(&["-a", "--sort", "names"]), [a.clone(), b.clone()]);

    // -s: bytes the container wrote, and with its image ("virtual").
    let c = format!("{prefix}-c");
    env.skiff([
        "run",
        "--name",
        &c,
        "busybox",
        "sh",
        "-c",
        "printf 12345 > /f",
    ])
    .ok();
    let exact = format!("name=^{c}$");
    let out = env.skiff(["ps", "-a", "-s", "--filter", &exact]);
    let rows = parse_table(out.ok());
    assert_eq!(rows.len(), 1, "{}", out.dump());
    let size = &rows[0]["SIZE"];
    assert!(
        size.starts_with("5B (virtual ") && size.ends_with("MB)"),
        "{}",
        out.dump()
    );
    let out = env.skiff(["ps", "-a", "--filter", &exact, "--format", "{{.Size}}"]);
    assert_eq!(
        out.ok().trim(),
        size,
        "a template using .Size computes it\n{}",
        out.dump()
    );
}

#[test]
fn bad_templates_filters_and_sort_keys_are_engine_errors() {
    let env = shared();
    env.skiff(["ps", "--format", "{{.ID"])
        .engine_error(&["template parsing error"]);
    env.skiff(["ps", "-a", "--format", "{{nosuchfunc .ID}}"])
        .engine_error(&["template parsing error", "nosuchfunc"]);
    // A template that parses but reads a field the data has not fails when it runs, and says so.
    env.skiff(["ps", "-a", "--format", "{{.NoSuchField}}"])
        .engine_error(&["template: executing", "NoSuchField"]);
    env.skiff(["inspect", "-f", "{{.Nope}}", "busybox"])
        .engine_error(&["template: executing", "map has no entry for key \"Nope\""]);
    env.skiff(["inspect", "-f", "{{if}}", "busybox"])
        .engine_error(&["template parsing error"]);
    env.skiff(["ps", "--filter", "color=red"])
        .engine_error(&["color", "ancestor", "status"]);
    env.skiff(["ps", "--filter", "status=sleeping"])
        .engine_error(&["sleeping", "running"]);
    env.skiff(["ps", "--sort", "bogus"]).code_is(125);
}

/// Docker runs templates on its typed structs (Go's names: `ID`) and falls back to the JSON
/// (`Id`); podman's listing templates have fields of their own (`Created`, `ImageID`, `Pid`).
/// Before: `inspect --format '{{.ID}}'` failed with `map has no entry for key: ID`.
#[test]
fn go_names_json_names_and_podmans_fields_all_work_in_templates() {
    let env = shared();
    let (a, b) = two_containers(env, &unique_name("fmt-go"));
    let id = env.container_id(&a);
    for f in ["{{.ID}}", "{{.Id}}"] {
        let out = env.skiff(["inspect", "--format", f, &a]);
        assert_eq!(out.ok().trim(), id, "{f}\n{}", out.dump());
        let out = env.skiff(["image", "inspect", "--format", f, "busybox"]);
        assert!(
            out.ok().trim().starts_with("sha256:"),
            "{f}\n{}",
            out.dump()
        );
    }
    let out = env.skiff(["inspect", "--format", "{{json .ID}}", &a]);
    assert_eq!(out.ok().trim(), format!("\"{id}\""), "{}", out.dump());

    let filter = format!("name=^{b}$");
    let f = "{{.Id}}|{{.Created}}|{{.ImageID}}|{{.Pid}}|{{.ExitCode}}|{{.Exited}}|{{.Restarts}}|{{.Labels}}";
    let out = env.skiff(["ps", "-a", "--filter", &filter, "--format", f]);
    let line = out.ok().trim().to_string();
    let cols: Vec<&str> = line.split('|').collect();
    assert_eq!(cols.len(), 8, "{}", out.dump());
    assert_eq!(cols[0], &env.container_id(&b)[..12]);
    assert!(cols[1].ends_with("+0000 UTC"), "{}", out.dump());
    assert!(is_hex(cols[2], 64), "{}", out.dump());
    assert_eq!(&cols[3..7], ["0", "3", "true", "0"], "{}", out.dump());

    let out = env.skiff(["images", "--format", "{{.Id}} {{.Created}} {{.Digest}}"]);
    assert!(
        out.ok().lines().all(|l| l.contains(" sha256:")),
        "{}",
        out.dump()
    );
    let out = env.skiff(["history", "--format", "{{.Id}}|{{.Created}}", "busybox"]);
    assert!(
        out.ok().lines().next().is_some_and(|l| l.contains('|')),
        "{}",
        out.dump()
    );
    // `json` keeps Docker's keys only.
    let out = env.skiff(["ps", "-a", "--filter", &filter, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(out.ok().trim()).expect("one object");
    assert!(
        v.get("ID").is_some() && v.get("Id").is_none(),
        "{}",
        out.dump()
    );
}

/// Docker's idioms that read what skiff does not fill yet print empty values, as podman's do.
/// Before: `map has no entry for key` errors.
#[test]
fn docker_idioms_reading_fields_skiff_does_not_fill_print_empty() {
    let env = shared();
    let (a, _) = two_containers(env, &unique_name("fmt-idiom"));
    let out = env.skiff([
        "inspect",
        "--format",
        "<{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}>{{.HostConfig.Binds}}",
        &a,
    ]);
    assert_eq!(out.ok(), "<>[]\n", "{}", out.dump());
}

/// podman's `ps --sort created` lists the oldest first (the default order is newest first).
/// Before: newest first.
#[test]
fn ps_sort_created_is_oldest_first_as_podmans() {
    let env = shared();
    let (a, b) = two_containers(env, &unique_name("fmt-sort"));
    let filter = format!("name={}", &a[..a.len() - 2]);
    let names = |extra: &[&str]| {
        let mut args = vec!["ps", "-a", "--filter", &filter, "--format", "{{.Names}}"];
        args.extend_from_slice(extra);
        let out = env.skiff(&args);
        out.ok().lines().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(names(&[]), [b.clone(), a.clone()]);
    assert_eq!(names(&["--sort", "created"]), [a.clone(), b.clone()]);
    assert_eq!(names(&["--sort", "runningfor"]), [b, a]);
}

/// podman's `--noheading`, `--ns`, `--pod` and `--external` on ps, `--noheading` and `--sort` on
/// images.
#[test]
fn ps_and_images_take_podmans_listing_flags() {
    let env = shared();
    let name = unique_name("fmt-flags");
    env.skiff(["run", "-d", "--name", &name, "busybox", "sleep", "30"])
        .ok();
    let filter = format!("name=^{name}$");
    let out = env.skiff(["ps", "--filter", &filter, "--noheading", "--external"]);
    assert_eq!(out.ok().lines().count(), 1, "{}", out.dump());
    assert!(out.ok().contains(&name), "{}", out.dump());
    let out = env.skiff(["ps", "--filter", &filter, "--ns"]);
    let rows = parse_table(out.ok());
    assert_eq!(
        table_header(out.ok()),
        [
            "CONTAINER ID",
            "NAMES",
            "PID",
            "CGROUPNS",
            "IPC",
            "MNT",
            "NET",
            "PIDNS",
            "USERNS",
            "UTS"
        ],
        "{}",
        out.dump()
    );
    let pid = &rows[0]["PID"];
    let own = std::fs::read_link(format!("/proc/{pid}/ns/net")).expect("the container's pid");
    assert!(
        own.to_string_lossy().contains(&rows[0]["NET"]),
        "{}",
        out.dump()
    );
    let mine = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert_ne!(own, mine, "{}", out.dump());
    let out = env.skiff(["ps", "--filter", &filter, "--pod"]);
    let header = table_header(out.ok());
    assert_eq!(
        header[header.len() - 2..],
        ["POD ID", "PODNAME"],
        "{}",
        out.dump()
    );
    env.skiff(["rm", "-f", &name]).ok();

    let out = env.skiff(["images", "--noheading", "--sort", "size"]);
    assert!(!out.ok().contains("REPOSITORY"), "{}", out.dump());
    assert!(out.ok().contains("busybox"), "{}", out.dump());
    env.skiff(["images", "--sort", "bogus"]).code_is(125);
}
