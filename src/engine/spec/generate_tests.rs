//! Golden tests of spec generation, one per flag group: the whole spec of a plain `run IMAGE`
//! pinned field by field, then what each group of flags changes in it.
use super::*;
use crate::engine::spec::config::{Namespaces, Security};
use crate::engine::spec::{parse, passwd};
use serde_json::{json, Value};

/// An image with a passwd (root and `app`), ENV, WORKDIR and CMD, unpacked in a temp dir.
struct Fixture {
    _dir: tempfile::TempDir,
    img: ResolvedImage,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let layer = dir.path().join("diff");
    std::fs::create_dir_all(layer.join("etc")).unwrap();
    std::fs::write(
        layer.join("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n",
    )
    .unwrap();
    std::fs::write(
        layer.join("etc/group"),
        "root:x:0:\napp:x:1000:\nextra:x:2000:app\n",
    )
    .unwrap();
    let config = serde_json::from_value(json!({
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=/bin", "IMG=1"], "Cmd": ["sh"], "WorkingDir": "/srv"},
        "rootfs": {"type": "layers", "diff_ids": []},
    }))
    .unwrap();
    let img = ResolvedImage {
        id: format!("sha256:{}", "a".repeat(64)).parse().unwrap(),
        name: "localhost/fixture:latest".into(),
        digest: format!("sha256:{}", "b".repeat(64)).parse().unwrap(),
        config,
        healthcheck: None,
        layers: vec![layer],
    };
    Fixture { _dir: dir, img }
}

/// The spec for `c` as JSON, with what varies by host made fixed: the RLIMIT_NOFILE values
/// (the caller's hard limit) and the order of capability sets (oci-spec keeps them in a set).
fn spec_json(c: &ContainerConfig) -> Value {
    spec_json_with(c, &[])
}

/// `spec_json`, with `hosts` as the `--hostuser` accounts create looked up.
fn spec_json_with(c: &ContainerConfig, hosts: &[passwd::HostAccount]) -> Value {
    let f = fixture();
    let args = command(c, &f.img).unwrap();
    let workdir = c.workdir.clone().unwrap_or("/srv".into());
    let extra = passwd::entries(c, &f.img.layers, hosts, &workdir).unwrap();
    let spec = generate(&SpecInput {
        config: c,
        img: &f.img,
        args,
        hostname: "0123456789ab",
        files: Path::new("/store/containers/ID"),
        single_id: false,
        extra_passwd: &extra,
        user_mounts: &[],
    })
    .unwrap();
    let mut v = serde_json::to_value(&spec).unwrap();
    for l in v["process"]["rlimits"].as_array_mut().unwrap() {
        l["hard"] = json!(0);
        l["soft"] = json!(0);
    }
    if let Some(caps) = v["process"]["capabilities"].as_object_mut() {
        for set in caps.values_mut() {
            let mut names: Vec<String> = serde_json::from_value(set.clone()).unwrap();
            names.sort();
            *set = json!(names);
        }
    }
    v
}

fn sorted_default_caps() -> Vec<&'static str> {
    let mut d = DEFAULT_CAPS.to_vec();
    d.sort();
    d
}

fn mount_of<'a>(v: &'a Value, dest: &str) -> Option<&'a Value> {
    v["mounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["destination"] == dest)
}

fn namespace_types(v: &Value) -> Vec<String> {
    v["linux"]["namespaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap().to_string())
        .collect()
}

fn resolved(mut c: ContainerConfig) -> ContainerConfig {
    // What create does before generating: the defaults of the modes made explicit.
    if c.namespaces.ipc == NsMode::Default {
        c.namespaces.ipc = NsMode::Shareable;
    }
    for m in [&mut c.namespaces.uts, &mut c.namespaces.pid] {
        if *m == NsMode::Default {
            *m = NsMode::Private;
        }
    }
    if c.network == Network::Default {
        c.network = Network::Pasta;
    }
    c
}

#[test]
fn plain_run_is_dockers_default_spec() {
    let v = spec_json(&resolved(ContainerConfig::default()));
    let caps = sorted_default_caps();
    let bind = |dest: &str, src: &str| json!({"destination": dest, "type": "bind", "source": src, "options": ["bind", "nosuid", "nodev", "noexec"]});
    let expected = json!({
        "ociVersion": "1.2.0",
        "annotations": {"run.skiff.seccomp": "default"},
        "process": {
            "terminal": false,
            "user": {"uid": 0, "gid": 0, "additionalGids": []},
            "args": ["sh"],
            "env": ["PATH=/bin", "IMG=1", "HOSTNAME=0123456789ab", "HOME=/root"],
            "cwd": "/srv",
            "capabilities": {"bounding": caps, "effective": caps, "permitted": caps},
            "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 0, "soft": 0}],
            "noNewPrivileges": false,
        },
        "root": {"path": "merged", "readonly": false},
        "hostname": "0123456789ab",
        "mounts": [
            {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]},
            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
            {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
            {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
            {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
            {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]},
            bind("/etc/hosts", "/store/containers/ID/hosts"),
            bind("/etc/hostname", "/store/containers/ID/hostname"),
            bind("/etc/resolv.conf", "/store/containers/ID/resolv.conf"),
        ],
        "linux": {
            "namespaces": [{"type": "mount"}, {"type": "cgroup"}, {"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "network"}],
            "maskedPaths": MASKED,
            "readonlyPaths": READONLY,
        },
    });
    assert_eq!(v, expected, "{}", serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn process_flags_tty_interactive_init_user_workdir_env_entrypoint() {
    let c = resolved(ContainerConfig {
        tty: true,
        interactive: true,
        init: true,
        user: Some("app".into()),
        workdir: Some("/work".into()),
        env: vec!["IMG=2".into(), "NEW=x".into()],
        entrypoint: Some(vec!["/bin/echo".into()]),
        command: vec!["hi".into()],
        ..Default::default()
    });
    let v = spec_json(&c);
    assert_eq!(v["process"]["terminal"], true);
    assert_eq!(
        v["annotations"],
        json!({"run.skiff.seccomp": "default", "run.skiff.stdin": "true", "run.skiff.init": "true"})
    );
    assert_eq!(
        v["process"]["user"],
        json!({"uid": 1000, "gid": 1000, "additionalGids": [2000]})
    );
    assert_eq!(v["process"]["cwd"], "/work");
    assert_eq!(v["process"]["args"], json!(["/bin/echo", "hi"]));
    assert_eq!(
        v["process"]["env"],
        json!([
            "PATH=/bin",
            "HOSTNAME=0123456789ab",
            "TERM=xterm",
            "IMG=2",
            "NEW=x",
            "HOME=/home/app"
        ])
    );
    let reset = resolved(ContainerConfig {
        entrypoint: Some(vec![]),
        command: vec!["ls".into()],
        ..Default::default()
    });
    assert_eq!(spec_json(&reset)["process"]["args"], json!(["ls"]));
}

#[test]
fn capability_flags_and_privileged() {
    let drop_add = resolved(ContainerConfig {
        cap_drop: vec!["CAP_CHOWN".into()],
        cap_add: vec!["CAP_SYS_ADMIN".into()],
        ..Default::default()
    });
    let v = spec_json(&drop_add);
    let mut want: Vec<&str> = sorted_default_caps()
        .into_iter()
        .filter(|c| *c != "CAP_CHOWN")
        .collect();
    want.push("CAP_SYS_ADMIN");
    want.sort();
    assert_eq!(v["process"]["capabilities"]["effective"], json!(want));
    let none = resolved(ContainerConfig {
        cap_drop: vec!["ALL".into()],
        ..Default::default()
    });
    let v = spec_json(&none);
    assert_eq!(
        v["process"]["capabilities"],
        json!({"bounding": [], "effective": [], "permitted": []})
    );
    let privileged = resolved(ContainerConfig {
        privileged: true,
        ..Default::default()
    });
    let v = spec_json(&privileged);
    assert_eq!(v["annotations"], json!({}), "no seccomp when privileged");
    assert_eq!(v["linux"]["maskedPaths"], json!([]));
    assert_eq!(v["linux"]["readonlyPaths"], json!([]));
    assert_eq!(mount_of(&v, "/sys").unwrap()["options"][3], "rw");
    assert_eq!(
        v["process"]["capabilities"]["bounding"]
            .as_array()
            .unwrap()
            .len(),
        all_caps().len()
    );
}

#[test]
fn security_options_and_read_only() {
    let c = resolved(ContainerConfig {
        security: Security {
            seccomp_unconfined: true,
            no_new_privileges: true,
            given: vec![],
        },
        read_only: true,
        ..Default::default()
    });
    let v = spec_json(&c);
    assert_eq!(v["annotations"], json!({}));
    assert_eq!(v["process"]["noNewPrivileges"], true);
    assert_eq!(v["root"], json!({"path": "merged", "readonly": true}));
}

#[test]
fn network_modes() {
    let host = resolved(ContainerConfig {
        network: Network::Host,
        ..Default::default()
    });
    let v = spec_json(&host);
    assert!(!namespace_types(&v).contains(&"network".to_string()));
    assert_eq!(
        mount_of(&v, "/sys").unwrap(),
        &json!({"destination": "/sys", "type": "bind", "source": "/sys", "options": ["rbind", "nosuid", "noexec", "nodev", "ro"]})
    );
    let joined = resolved(ContainerConfig {
        network: Network::Container("x".into()),
        ..Default::default()
    });
    assert!(!namespace_types(&spec_json(&joined)).contains(&"network".to_string()));
    let none = resolved(ContainerConfig {
        network: Network::None,
        ..Default::default()
    });
    assert!(namespace_types(&spec_json(&none)).contains(&"network".to_string()));
}

#[test]
fn namespace_modes() {
    let c = resolved(ContainerConfig {
        namespaces: Namespaces {
            ipc: NsMode::Host,
            uts: NsMode::Host,
            pid: NsMode::Container("x".into()),
        },
        ..Default::default()
    });
    let v = spec_json(&c);
    assert_eq!(
        namespace_types(&v),
        ["mount", "cgroup", "pid", "network"],
        "the host's ipc and uts are used as they are; another's pid namespace is joined at start"
    );
    assert_eq!(
        v.get("hostname"),
        None,
        "no host name set in the host's uts namespace"
    );
    // --ipc host: the host's /dev/shm (and /dev/mqueue where it exists), bound.
    assert_eq!(mount_of(&v, "/dev/shm").unwrap()["type"], "bind");
}

#[test]
fn tmpfs_mounts_get_dockers_defaults() {
    let c = resolved(ContainerConfig {
        tmpfs: vec![
            parse::tmpfs("/run").unwrap(),
            parse::tmpfs("/tmp:exec,size=1m,mode=700").unwrap(),
        ],
        ..Default::default()
    });
    let v = spec_json(&c);
    assert_eq!(
        mount_of(&v, "/run").unwrap(),
        &json!({"destination": "/run", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "noexec", "mode=1777"]})
    );
    assert_eq!(
        mount_of(&v, "/tmp").unwrap()["options"],
        json!(["nosuid", "nodev", "size=1m", "mode=700"])
    );
}

#[test]
fn a_relative_working_dir_and_no_command_are_errors() {
    let f = fixture();
    let c = ContainerConfig {
        workdir: Some("rel".into()),
        ..Default::default()
    };
    let input = SpecInput {
        config: &c,
        img: &f.img,
        args: vec!["sh".into()],
        hostname: "h",
        files: Path::new("/x"),
        single_id: true,
        extra_passwd: &[],
        user_mounts: &[],
    };
    let e = generate(&input).unwrap_err().to_string();
    assert!(e.contains("needs to be an absolute path"), "{e}");
    let empty = ContainerConfig {
        entrypoint: Some(vec![]),
        ..Default::default()
    };
    assert!(command(&empty, &f.img).is_err());
}

#[test]
fn timezone_and_timeout() {
    let c = resolved(ContainerConfig {
        timezone: Some("Asia/Tokyo".into()),
        timeout: Some(30),
        ..Default::default()
    });
    let v = spec_json(&c);
    assert_eq!(
        mount_of(&v, "/etc/localtime").unwrap(),
        &json!({"destination": "/etc/localtime", "type": "bind", "source": "/store/containers/ID/localtime", "options": ["bind", "nosuid", "nodev", "noexec", "ro"]})
    );
    assert_eq!(v["annotations"]["run.skiff.timeout"], "30");
    let plain = spec_json(&resolved(ContainerConfig::default()));
    assert!(mount_of(&plain, "/etc/localtime").is_none());
    assert!(plain["annotations"].get("run.skiff.timeout").is_none());
}

#[test]
fn unsetenv_drops_defaults_but_not_what_the_caller_sets() {
    let c = resolved(ContainerConfig {
        tty: true,
        unsetenv: vec!["PATH".into(), "TERM".into(), "HOME".into()],
        env: vec!["HOME=/h".into()],
        ..Default::default()
    });
    assert_eq!(
        spec_json(&c)["process"]["env"],
        json!(["IMG=1", "HOSTNAME=0123456789ab", "HOME=/h"])
    );
    let all = resolved(ContainerConfig {
        unsetenv_all: true,
        env: vec!["A=1".into()],
        ..Default::default()
    });
    assert_eq!(spec_json(&all)["process"]["env"], json!(["A=1"]));
}

#[test]
fn passwd_entry_and_host_users_are_mounted_over_the_images_passwd() {
    let entry = "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/false";
    let c = resolved(ContainerConfig {
        user: Some("4242:extra".into()),
        passwd_entry: Some(entry.into()),
        ..Default::default()
    });
    let f = fixture();
    let lines = passwd::entries(&c, &f.img.layers, &[], "/srv").unwrap();
    assert_eq!(lines, ["4242:x:4242:2000:container user:/srv:/bin/false"]);
    let v = spec_json(&c);
    assert_eq!(
        v["process"]["user"],
        json!({"uid": 4242, "gid": 2000, "additionalGids": []})
    );
    assert_eq!(
        mount_of(&v, "/etc/passwd").unwrap(),
        &json!({"destination": "/etc/passwd", "type": "bind", "source": "/store/containers/ID/passwd", "options": ["bind", "nosuid", "nodev", "noexec"]})
    );
    // A uid the image has gets no line; without --passwd-entry none either (Docker's way).
    for user in ["1000", "app"] {
        let known = ContainerConfig {
            user: Some(user.into()),
            ..c.clone()
        };
        assert!(passwd::entries(&known, &f.img.layers, &[], "/")
            .unwrap()
            .is_empty());
    }
    let bob = passwd::HostAccount {
        name: "bob".into(),
        uid: 1500,
        gid: 1500,
        gecos: "Bob".into(),
        home: "/home/bob".into(),
    };
    let app = passwd::HostAccount {
        name: "app".into(),
        ..bob.clone()
    };
    let hosted = resolved(ContainerConfig {
        user: Some("bob".into()),
        host_users: vec!["bob".into(), "app".into()],
        ..Default::default()
    });
    let hosts = [bob, app];
    let lines = passwd::entries(&hosted, &f.img.layers, &hosts, "/").unwrap();
    assert_eq!(
        lines,
        ["bob:*:1500:1500:Bob:/home/bob:/bin/sh"],
        "app is the image's"
    );
    let v = spec_json_with(&hosted, &hosts);
    assert_eq!(v["process"]["user"]["uid"], 1500);
    assert!(mount_of(&v, "/etc/passwd").is_some());
    assert!(mount_of(
        &spec_json(&resolved(ContainerConfig::default())),
        "/etc/passwd"
    )
    .is_none());
}

#[test]
fn group_add_and_keep_groups() {
    let c = resolved(ContainerConfig {
        user: Some("app".into()),
        group_add: vec!["root".into(), "3000".into(), "extra".into()],
        ..Default::default()
    });
    let v = spec_json(&c);
    assert_eq!(
        v["process"]["user"]["additionalGids"],
        json!([2000, 0, 3000])
    );
    assert!(v["annotations"]
        .get("run.oci.keep_original_groups")
        .is_none());
    let keep = resolved(ContainerConfig {
        group_add: vec!["keep-groups".into()],
        ..Default::default()
    });
    let v = spec_json(&keep);
    assert_eq!(v["annotations"]["run.oci.keep_original_groups"], "1");
    assert_eq!(v["process"]["user"]["additionalGids"], json!([]));
    let f = fixture();
    let input = |c| SpecInput {
        config: c,
        img: &f.img,
        args: vec!["sh".into()],
        hostname: "h",
        files: Path::new("/x"),
        single_id: true,
        extra_passwd: &[],
        user_mounts: &[],
    };
    let missing = resolved(ContainerConfig {
        group_add: vec!["nosuchgroup".into()],
        ..Default::default()
    });
    let e = generate(&SpecInput {
        single_id: false,
        ..input(&missing)
    })
    .unwrap_err();
    assert!(
        e.to_string().contains("unable to find group nosuchgroup"),
        "{e}"
    );
    let e = generate(&input(&c)).unwrap_err().to_string();
    assert!(
        e.contains("--group-add needs a subordinate gid range"),
        "{e}"
    );
    assert!(
        generate(&input(&keep)).is_ok(),
        "keep-groups sets no groups"
    );
}
