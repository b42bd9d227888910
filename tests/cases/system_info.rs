//! `version` and `info` (issue 16): Docker's Client block and `info` fields, podman's template
//! paths, answered in a fresh store without creating one, and the id mapping and network helper
//! that skiff really uses.
use crate::isolated_with_busybox;
use crate::support::{have_tool, sub_range, Env};
use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn version_prints_the_client_block_and_formats_in_a_fresh_store() {
    let env = Env::isolated();
    let text = env.skiff(["version"]).ok().to_string();
    assert!(text.starts_with("Client:\n"), "{text}");
    assert!(
        text.contains(&format!(" Version:           {VERSION}\n")),
        "{text}"
    );
    assert!(text.contains(" OS/Arch:           linux/"), "{text}");
    assert_eq!(
        env.skiff(["--version"]).ok(),
        format!("skiff version {VERSION}\n")
    );
    let out = env.skiff(["version", "--format", "{{.Client.Version}}"]);
    assert_eq!(out.ok(), format!("{VERSION}\n"));
    let json: Value =
        serde_json::from_str(env.skiff(["version", "-f", "{{json .}}"]).ok()).unwrap();
    assert_eq!(json["Client"]["Version"], VERSION);
    let json: Value = serde_json::from_str(env.skiff(["version", "-f", "json"]).ok()).unwrap();
    assert_eq!(json["Client"]["Os"], "linux");
    // A bad template is skiff's error.
    let bad = env.skiff(["version", "--format", "{{.Client.Nope"]);
    assert_eq!(bad.code, 125, "{}", bad.stderr);
    assert!(!env.store().exists(), "version made a store");
}

#[test]
fn info_in_a_fresh_store_has_dockers_and_podmans_fields() {
    let env = Env::isolated();
    let text = env.skiff(["info"]).ok().to_string();
    for want in [
        " Containers: 0\n",
        " Images: 0\n",
        " Storage Driver: overlay\n",
        "  userxattr: true\n",
        " Cgroup Version: ",
        " Kernel Version: ",
        " Operating System: ",
    ] {
        assert!(text.contains(want), "no {want:?} in\n{text}");
    }
    let root = env.skiff(["info", "--format", "{{.Store.GraphRoot}}"]);
    assert_eq!(root.ok(), format!("{}\n", env.store().display()));
    assert_eq!(
        env.skiff(["info", "--format", "{{.Driver}}"]).ok(),
        "overlay\n"
    );
    let run_root = env.skiff(["info", "-f", "{{.Store.RunRoot}}"]);
    assert_eq!(
        run_root.ok(),
        format!("{}\n", env.runtime_dir.join("skiff").display())
    );
    let json: Value = serde_json::from_str(env.skiff(["info", "-f", "json"]).ok()).unwrap();
    assert_eq!(json["Containers"], 0);
    assert_eq!(json["Images"], 0);
    assert_eq!(json["Store"]["GraphDriverName"], "overlay");
    assert_eq!(json["Store"]["ImageStore"]["Number"], 0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap();
    assert_eq!(json["KernelVersion"], kernel.trim());
    let bad = env.skiff(["info", "--format", "{{.Nope}}"]);
    assert_eq!(bad.code, 125, "{}", bad.stderr);
}

/// The mapping `info` names is the user namespace's: the subordinate range when the user has
/// one; the helper is the one the default network uses (pasta first, as `run` picks).
#[test]
fn info_names_the_id_mapping_and_network_helpers_in_use() {
    let env = isolated_with_busybox();
    env.skiff(["run", "-d", "--name", "up", "busybox", "sleep", "60"])
        .ok();
    let json: Value = serde_json::from_str(env.skiff(["info", "-f", "json"]).ok()).unwrap();
    let uid = nix::unistd::getuid().as_raw();
    let map = &json["Host"]["IDMappings"]["UIDMap"];
    assert_eq!(map[0]["HostID"], uid, "{map}");
    let text = env.skiff(["info"]).ok().to_string();
    match sub_range("/etc/subuid") {
        Some((start, count)) => {
            assert_eq!(map[1]["HostID"], start, "{map}");
            assert_eq!(map[1]["Size"], count, "{map}");
            let want = format!("UIDs: subordinate range (0:{uid}:1,1:{start}:{count})");
            assert!(text.contains(&want), "no {want:?} in\n{text}");
        }
        None => assert!(text.contains(&format!("UIDs: single id ({uid})")), "{text}"),
    }
    assert_eq!(json["ContainersRunning"], 1);
    assert_eq!(json["Images"], 1);
    let default = if have_tool("pasta") {
        "pasta"
    } else if have_tool("slirp4netns") {
        "slirp4netns"
    } else {
        return;
    };
    assert_eq!(json["Host"]["RootlessNetworkCmd"], default);
    let line = text
        .lines()
        .find(|l| l.ends_with("(default)"))
        .unwrap_or("");
    assert!(
        line.trim_start().starts_with(&format!("{default}: /")),
        "{text}"
    );
    if have_tool("slirp4netns") {
        let v = json["Host"]["Slirp4NetNS"]["Version"].as_str().unwrap();
        assert!(v.chars().next().is_some_and(|c| c.is_ascii_digit()), "{v}");
    }
    env.skiff(["rm", "-f", "up"]).ok();
}

/// `inspect --type volume|network` (issue 16 scope 7): a volume's or network's JSON; without
/// --type a name that is no container or image is looked up as a volume, then as a network, as
/// Docker does; an unknown type is refused.
#[test]
fn inspect_type_volume_and_unknown_types() {
    let env = isolated_with_busybox();
    env.skiff(["volume", "create", "iv"]).ok();
    let out = env.skiff([
        "inspect",
        "--type",
        "volume",
        "--format",
        "{{.Name}} {{.Driver}}",
    ]);
    assert_eq!(out.code, 125, "no name given is an error: {}", out.stderr);
    let out = env.skiff([
        "inspect",
        "--type",
        "volume",
        "-f",
        "{{.Name}} {{.Driver}}",
        "iv",
    ]);
    assert_eq!(out.ok(), "iv local\n");
    assert_eq!(env.skiff(["inspect", "-f", "{{.Name}}", "iv"]).ok(), "iv\n");
    let out = env.skiff(["inspect", "--type", "volume", "busybox"]);
    assert_eq!(out.code, 125, "{}", out.stderr);
    assert!(
        out.stderr.contains("no such volume: busybox"),
        "{}",
        out.stderr
    );
    let out = env.skiff(["inspect", "--type", "image", "iv"]);
    assert_eq!(out.code, 125, "{}", out.stderr);
    let out = env.skiff(["inspect", "--type", "plugin", "iv"]);
    assert_eq!(out.code, 125, "{}", out.stderr);
    assert!(
        out.stderr.contains("not a valid value for --type"),
        "{}",
        out.stderr
    );
    // Networks: by --type, and last without it (after volumes, as Docker); `network exists`.
    let out = env.skiff(["inspect", "--type", "network", "iv"]);
    assert_eq!(out.code, 125, "{}", out.stderr);
    assert!(
        out.stderr.contains("network iv not found"),
        "{}",
        out.stderr
    );
    assert_eq!(env.skiff(["network", "exists", "inet"]).code, 1);
    env.skiff(["network", "create", "inet"]).ok();
    assert_eq!(env.skiff(["network", "exists", "inet"]).ok(), "");
    let f = ["-f", "{{.Name}} {{.Driver}}", "inet"];
    let typed = env.skiff([&["inspect", "--type", "network"][..], &f].concat());
    assert_eq!(typed.ok(), "inet bridge\n");
    assert_eq!(
        env.skiff([&["inspect"][..], &f].concat()).ok(),
        "inet bridge\n"
    );
}
