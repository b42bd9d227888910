//! The OCI runtime spec of a container: the image's config and the user's flags, with Docker's
//! defaults (capabilities, masked and read-only paths, mounts, rlimits).
use super::record::CreateOptions;
use super::user;
use crate::engine::image::ResolvedImage;
use anyhow::{bail, Context, Result};
use oci_spec::runtime::Spec;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// Docker's default capability set.
pub const DEFAULT_CAPS: [&str; 14] = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FSETID",
    "CAP_FOWNER",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETFCAP",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT",
    "CAP_KILL",
    "CAP_AUDIT_WRITE",
];

pub const MASKED: [&str; 12] = [
    "/proc/asound",
    "/proc/acpi",
    "/proc/interrupts",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
];

/// The annotation that keeps a detached container's stdin open (`-i`) for `attach`.
pub const STDIN_ANNOTATION: &str = "run.skiff.stdin";

/// The annotation that asks for Docker's default seccomp profile.
pub const SECCOMP_ANNOTATION: &str = "run.skiff.seccomp";

pub const READONLY: [&str; 5] = [
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// Every capability this kernel knows, by Docker name.
pub fn all_caps() -> Vec<String> {
    let last: u8 = std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(40);
    caps::all()
        .into_iter()
        .filter(|c| c.index() <= last)
        .map(|c| c.to_string())
        .collect()
}

fn cap_name(s: &str) -> Result<String> {
    let up = s.trim().to_uppercase();
    let name = if up.starts_with("CAP_") {
        up
    } else {
        format!("CAP_{up}")
    };
    if name == "CAP_ALL" {
        return Ok("ALL".into());
    }
    if name.parse::<caps::Capability>().is_err() {
        bail!("unknown capability {s:?}: see capabilities(7) for the names");
    }
    Ok(name)
}

/// The container's capability set: Docker's default, `--cap-drop`, then `--cap-add`.
pub fn capabilities(o: &CreateOptions) -> Result<Vec<String>> {
    if o.privileged {
        return Ok(all_caps());
    }
    let mut set: BTreeSet<String> = DEFAULT_CAPS.iter().map(|s| s.to_string()).collect();
    for c in &o.cap_drop {
        match cap_name(c)?.as_str() {
            "ALL" => set.clear(),
            n => {
                set.remove(n);
            }
        }
    }
    for c in &o.cap_add {
        match cap_name(c)?.as_str() {
            "ALL" => set.extend(all_caps()),
            n => {
                set.insert(n.to_string());
            }
        }
    }
    Ok(set.into_iter().collect())
}

/// The command: Docker's entrypoint/cmd rules.
pub fn command(o: &CreateOptions, img: &ResolvedImage) -> Result<Vec<String>> {
    let cfg = img.config.config().clone().unwrap_or_default();
    let mut args: Vec<String> = match &o.entrypoint {
        Some(e) if e.is_empty() => Vec::new(),
        Some(e) => vec![e.clone()],
        None => cfg.entrypoint().clone().unwrap_or_default(),
    };
    if !o.command.is_empty() {
        args.extend(o.command.iter().cloned());
    } else if o.entrypoint.is_none() {
        args.extend(cfg.cmd().clone().unwrap_or_default());
    }
    if args.is_empty() {
        bail!("no command specified: give one after the image name, or use an image with CMD or ENTRYPOINT");
    }
    Ok(args)
}

pub fn set_env(env: &mut Vec<String>, kv: String) {
    let key = kv.split('=').next().unwrap_or("").to_string();
    env.retain(|e| e.split('=').next() != Some(key.as_str()));
    env.push(kv);
}

/// `-e K=V`, `-e K` (from our environment, dropped if unset), and `--env-file` lines.
pub fn environment(
    o: &CreateOptions,
    img: &ResolvedImage,
    hostname: &str,
    home: &str,
) -> Result<Vec<String>> {
    let cfg = img.config.config().clone().unwrap_or_default();
    let mut env = cfg.env().clone().unwrap_or_default();
    if !env.iter().any(|e| e.starts_with("PATH=")) {
        env.insert(
            0,
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
        );
    }
    set_env(&mut env, format!("HOSTNAME={hostname}"));
    if o.tty {
        set_env(&mut env, "TERM=xterm".into());
    }
    for e in user_env(o)? {
        set_env(&mut env, e);
    }
    if !env.iter().any(|e| e.starts_with("HOME=")) {
        env.push(format!("HOME={home}"));
    }
    Ok(env)
}

/// The `--env-file` and `-e` values, resolved (`-e NAME` takes our value; unset ones are dropped).
pub fn user_env(o: &CreateOptions) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut user: Vec<String> = Vec::new();
    for f in &o.env_files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("cannot read env file {}", f.display()))?;
        user.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    user.extend(o.env.iter().cloned());
    for e in user {
        if e.starts_with('=') || e.is_empty() {
            bail!("invalid environment variable {e:?}: use NAME=VALUE");
        }
        if e.contains('=') {
            out.push(e);
        } else if let Ok(v) = std::env::var(&e) {
            out.push(format!("{e}={v}"));
        }
    }
    Ok(out)
}

fn mount(dest: &str, typ: &str, src: &str, opts: &[&str]) -> Value {
    json!({"destination": dest, "type": typ, "source": src, "options": opts})
}

/// `--tmpfs PATH[:OPTS]`, with Docker's defaults.
fn tmpfs_mount(spec: &str) -> Result<Value> {
    let (dest, extra) = spec.split_once(':').unwrap_or((spec, ""));
    if !dest.starts_with('/') {
        bail!("invalid --tmpfs {spec:?}: the path must be absolute");
    }
    let mut opts: Vec<&str> = vec!["nosuid", "nodev", "noexec"];
    let mut has_mode = false;
    for o in extra.split(',').filter(|o| !o.is_empty()) {
        match o {
            "exec" => opts.retain(|x| *x != "noexec"),
            "suid" => opts.retain(|x| *x != "nosuid"),
            "dev" => opts.retain(|x| *x != "nodev"),
            o => {
                has_mode |= o.starts_with("mode=");
                opts.push(o)
            }
        }
    }
    if !has_mode {
        opts.push("mode=1777");
    }
    Ok(mount(dest, "tmpfs", "tmpfs", &opts))
}

pub struct SpecInput<'a> {
    pub opts: &'a CreateOptions,
    pub img: &'a ResolvedImage,
    pub args: Vec<String>,
    pub hostname: &'a str,
    /// Directory with this container's hosts, hostname and resolv.conf.
    pub files: &'a Path,
    pub single_id: bool,
}

/// Builds the spec.
pub fn generate(i: &SpecInput) -> Result<Spec> {
    let o = i.opts;
    let cfg = i.img.config.config().clone().unwrap_or_default();
    let who = o
        .user
        .clone()
        .or_else(|| cfg.user().clone())
        .filter(|u| !u.is_empty());
    let u = user::resolve(&i.img.layers, who.as_deref())?;
    let env = environment(o, i.img, i.hostname, &u.home)?;
    let cwd = o
        .workdir
        .clone()
        .or_else(|| cfg.working_dir().clone())
        .filter(|w| !w.is_empty())
        .unwrap_or("/".into());
    if !cwd.starts_with('/') {
        bail!("the working directory {cwd:?} is invalid: it needs to be an absolute path");
    }
    let caps = capabilities(o)?;
    let host_net = o.network == "host";
    let mut devpts = vec![
        "nosuid",
        "noexec",
        "newinstance",
        "ptmxmode=0666",
        "mode=0620",
    ];
    if !i.single_id {
        devpts.push("gid=5");
    }
    let f = |n: &str| i.files.join(n).to_string_lossy().to_string();
    let mut mounts = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"]),
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        ),
        mount("/dev/pts", "devpts", "devpts", &devpts),
    ];
    mounts.extend(ipc_mounts(o));
    let sys_ro = if o.privileged { "rw" } else { "ro" };
    mounts.push(if host_net {
        mount(
            "/sys",
            "bind",
            "/sys",
            &["rbind", "nosuid", "noexec", "nodev", sys_ro],
        )
    } else {
        mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", sys_ro],
        )
    });
    for (dest, name) in [
        ("/etc/hosts", "hosts"),
        ("/etc/hostname", "hostname"),
        ("/etc/resolv.conf", "resolv.conf"),
    ] {
        mounts.push(mount(
            dest,
            "bind",
            &f(name),
            &["bind", "nosuid", "nodev", "noexec"],
        ));
    }
    for t in &o.tmpfs {
        mounts.push(tmpfs_mount(t)?);
    }
    let mut namespaces = vec![json!({"type": "mount"}), json!({"type": "cgroup"})];
    for typ in super::namespaces::new_namespaces(o)? {
        namespaces.push(json!({ "type": typ }));
    }
    // network: `container:ID` gets the other container's netns at start (network::join_netns).
    if !host_net && !o.network.starts_with("container:") {
        namespaces.push(json!({"type": "network"}));
    }
    let nofile = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
        .map(|(_, h)| h)
        .unwrap_or(1024);
    let nnp = o.security_opt.iter().any(|s| {
        s == "no-new-privileges" || s == "no-new-privileges:true" || s == "no-new-privileges=true"
    });
    let (masked, readonly): (Vec<&str>, Vec<&str>) = if o.privileged {
        (vec![], vec![])
    } else {
        (MASKED.to_vec(), READONLY.to_vec())
    };
    let mut annotations = serde_json::Map::new();
    if wants_seccomp(o)? {
        annotations.insert(SECCOMP_ANNOTATION.into(), json!("default"));
    }
    if o.interactive {
        annotations.insert(STDIN_ANNOTATION.into(), json!("true"));
    }
    if o.init {
        annotations.insert(crate::runtime::INIT_ANNOTATION.into(), json!("true"));
    }
    let v = json!({
        "ociVersion": "1.2.0",
        "annotations": annotations,
        "process": {
            "terminal": o.tty,
            "user": {"uid": u.uid, "gid": u.gid, "additionalGids": u.groups},
            "args": i.args,
            "env": env,
            "cwd": cwd,
            "capabilities": {"bounding": caps, "effective": caps, "permitted": caps},
            "rlimits": [{"type": "RLIMIT_NOFILE", "hard": nofile, "soft": nofile}],
            "noNewPrivileges": nnp,
        },
        "root": {"path": "merged", "readonly": o.read_only},
        // Set in a uts namespace of the container's own only (another's has its name).
        "hostname": super::namespaces::own_uts(o).then_some(i.hostname),
        "mounts": mounts,
        "linux": {
            "namespaces": namespaces,
            "maskedPaths": masked,
            "readonlyPaths": readonly,
        },
    });
    serde_json::from_value(v).context("building the runtime spec")
}

/// /dev/shm and /dev/mqueue. With `--ipc host`, the host's (as Docker, podman): an mqueue file
/// system belongs to the ipc namespace it is mounted in, and mounting the host's needs
/// privileges over it that a user namespace lacks; a host without /dev/mqueue gets none.
fn ipc_mounts(o: &CreateOptions) -> Vec<Value> {
    let opts = ["nosuid", "noexec", "nodev"];
    if o.ipc != "host" {
        return vec![
            mount(
                "/dev/shm",
                "tmpfs",
                "shm",
                &["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
            ),
            mount("/dev/mqueue", "mqueue", "mqueue", &opts),
        ];
    }
    ["/dev/shm", "/dev/mqueue"]
        .into_iter()
        .filter(|d| Path::new(d).is_dir())
        .map(|d| mount(d, "bind", d, &["rbind", "nosuid", "noexec", "nodev"]))
        .collect()
}

/// Whether the container runs under Docker's default seccomp profile.
pub fn wants_seccomp(o: &CreateOptions) -> Result<bool> {
    if o.privileged {
        return Ok(false);
    }
    for s in &o.security_opt {
        match s.split_once(['=', ':']) {
            Some(("seccomp", "unconfined")) => return Ok(false),
            Some(("seccomp", p)) => bail!("--security-opt seccomp={p}: custom seccomp profiles are not supported yet; use seccomp=unconfined or the default"),
            Some(("no-new-privileges", "true" | "false")) => {}
            Some(("label" | "apparmor", _)) => {}
            None if s == "no-new-privileges" => {}
            _ => bail!("invalid --security-opt {s:?}: use seccomp=unconfined or no-new-privileges"),
        }
    }
    Ok(true)
}
