//! The OCI runtime spec of a container: the image's config and the `ContainerConfig`, with
//! Docker's defaults (capabilities, masked and read-only paths, mounts, rlimits), built from
//! oci-spec's typed values (a misspelt field is a compile error, not a silently dropped key).
use super::config::{ContainerConfig, Network, NsMode, Tmpfs, KEEP_GROUPS};
use crate::engine::container::user;
use crate::engine::image::ResolvedImage;
use anyhow::{bail, Result};
use oci_spec::runtime::{
    Capability, Linux, LinuxCapabilitiesBuilder, LinuxNamespace, LinuxNamespaceBuilder,
    LinuxNamespaceType, Mount, MountBuilder, PosixRlimitBuilder, PosixRlimitType, Process,
    ProcessBuilder, RootBuilder, Spec, UserBuilder,
};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Docker's default capability set.
pub(crate) const DEFAULT_CAPS: [&str; 14] = [
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

pub(crate) const MASKED: [&str; 12] = [
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
pub(crate) const STDIN_ANNOTATION: &str = "run.skiff.stdin";

/// The annotation that asks for Docker's default seccomp profile.
pub(crate) const SECCOMP_ANNOTATION: &str = "run.skiff.seccomp";

pub(crate) const READONLY: [&str; 5] = [
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// Every capability this kernel knows, by Docker name.
pub(crate) fn all_caps() -> Vec<String> {
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

/// The container's capability set: Docker's default, `--cap-drop`, then `--cap-add` (names
/// were checked by `parse::capability`).
pub(crate) fn capabilities(c: &ContainerConfig) -> Vec<String> {
    if c.privileged {
        return all_caps();
    }
    let mut set: BTreeSet<String> = DEFAULT_CAPS.iter().map(|s| s.to_string()).collect();
    for name in &c.cap_drop {
        match name.as_str() {
            "ALL" => set.clear(),
            n => {
                set.remove(n);
            }
        }
    }
    for name in &c.cap_add {
        match name.as_str() {
            "ALL" => set.extend(all_caps()),
            n => {
                set.insert(n.to_string());
            }
        }
    }
    set.into_iter().collect()
}

/// The command: Docker's entrypoint/cmd rules.
pub(crate) fn command(c: &ContainerConfig, img: &ResolvedImage) -> Result<Vec<String>> {
    let cfg = img.config.config().clone().unwrap_or_default();
    let mut args: Vec<String> = match &c.entrypoint {
        Some(e) => e.clone(),
        None => cfg.entrypoint().clone().unwrap_or_default(),
    };
    if !c.command.is_empty() {
        args.extend(c.command.iter().cloned());
    } else if c.entrypoint.is_none() {
        args.extend(cfg.cmd().clone().unwrap_or_default());
    }
    if args.is_empty() {
        bail!("no command specified: give one after the image name, or use an image with CMD or ENTRYPOINT");
    }
    Ok(args)
}

pub(crate) fn set_env(env: &mut Vec<String>, kv: String) {
    let key = kv.split('=').next().unwrap_or("").to_string();
    env.retain(|e| e.split('=').next() != Some(key.as_str()));
    env.push(kv);
}

/// The image's environment, then PATH, HOSTNAME, TERM and HOME defaults, then the config's.
pub(crate) fn environment(
    c: &ContainerConfig,
    img: &ResolvedImage,
    hostname: &str,
    home: &str,
) -> Vec<String> {
    let cfg = img.config.config().clone().unwrap_or_default();
    let mut env = cfg.env().clone().unwrap_or_default();
    if !env.iter().any(|e| e.starts_with("PATH=")) {
        env.insert(
            0,
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
        );
    }
    set_env(&mut env, format!("HOSTNAME={hostname}"));
    if c.tty {
        set_env(&mut env, "TERM=xterm".into());
    }
    // --unsetenv(-all): the defaults above go, what the caller gives below stays.
    let unset = |key: &str| c.unsetenv_all || c.unsetenv.iter().any(|u| u == key);
    env.retain(|e| !unset(e.split('=').next().unwrap_or_default()));
    for e in &c.env {
        set_env(&mut env, e.clone());
    }
    if !env.iter().any(|e| e.starts_with("HOME=")) && !unset("HOME") {
        env.push(format!("HOME={home}"));
    }
    env
}

fn mount(dest: &str, typ: &str, src: &str, opts: &[&str]) -> Result<Mount> {
    Ok(MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(src)
        .options(opts.iter().map(|o| o.to_string()).collect::<Vec<_>>())
        .build()?)
}

/// `--tmpfs PATH[:OPTS]`, with Docker's defaults (nosuid, nodev, noexec, mode=1777).
pub(super) fn tmpfs_mount(t: &Tmpfs) -> Result<Mount> {
    let mut opts: Vec<&str> = vec!["nosuid", "nodev", "noexec"];
    let mut has_mode = false;
    for o in &t.options {
        match o.as_str() {
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
    mount(&t.destination, "tmpfs", "tmpfs", &opts)
}

pub(crate) struct SpecInput<'a> {
    pub(crate) config: &'a ContainerConfig,
    pub(crate) img: &'a ResolvedImage,
    pub(crate) args: Vec<String>,
    pub(crate) hostname: &'a str,
    /// Directory with this container's hosts, hostname and resolv.conf (and its localtime,
    /// passwd with `--tz`, `--passwd-entry`, `--hostuser`).
    pub(crate) files: &'a Path,
    pub(crate) single_id: bool,
    /// Lines added to the image's /etc/passwd (see `passwd::entries`): the container gets
    /// `files/passwd` when there are any.
    pub(crate) extra_passwd: &'a [String],
    /// The bind, volume and `--mount type=tmpfs` mounts (see `spec::mounts`), made last, in
    /// this order.
    pub(crate) user_mounts: &'a [Mount],
}

/// Builds the spec.
pub(crate) fn generate(i: &SpecInput) -> Result<Spec> {
    let c = i.config;
    let mut spec = Spec::default();
    spec.set_version("1.2.0".into());
    spec.set_annotations(Some(annotations(c)));
    spec.set_process(Some(process(i)?));
    spec.set_root(Some(
        RootBuilder::default()
            .path("merged")
            .readonly(c.read_only)
            .build()?,
    ));
    // Set in a uts namespace of the container's own only (another's has its name).
    spec.set_hostname(c.namespaces.uts.is_own().then(|| i.hostname.to_string()));
    spec.set_mounts(Some(mounts(i)?));
    spec.set_linux(Some(linux(c)?));
    Ok(spec)
}

fn annotations(c: &ContainerConfig) -> HashMap<String, String> {
    let mut a = HashMap::new();
    if c.mounts.iter().any(|m| m.read_only) {
        a.insert(crate::runtime::LOCK_MOUNTS_ANNOTATION.into(), "1".into());
    }
    if wants_seccomp(c) {
        a.insert(SECCOMP_ANNOTATION.into(), "default".into());
    }
    if c.interactive {
        a.insert(STDIN_ANNOTATION.into(), "true".into());
    }
    if c.init {
        a.insert(crate::runtime::INIT_ANNOTATION.into(), "true".into());
    }
    if let Some(t) = c.timeout.filter(|t| *t > 0) {
        a.insert(crate::runtime::TIMEOUT_ANNOTATION.into(), t.to_string());
    }
    if c.group_add.iter().any(|g| g == KEEP_GROUPS) {
        a.insert(crate::runtime::KEEP_GROUPS_ANNOTATION.into(), "1".into());
    }
    a
}

fn process(i: &SpecInput) -> Result<Process> {
    let c = i.config;
    let cfg = i.img.config.config().clone().unwrap_or_default();
    let who = c
        .user
        .clone()
        .or_else(|| cfg.user().clone())
        .filter(|u| !u.is_empty());
    let u = user::resolve_with(&i.img.layers, who.as_deref(), i.extra_passwd)?;
    let groups = groups(i, u.groups.clone())?;
    let cwd = c
        .workdir
        .clone()
        .or_else(|| cfg.working_dir().clone())
        .filter(|w| !w.is_empty())
        .unwrap_or("/".into());
    if !cwd.starts_with('/') {
        bail!("the working directory {cwd:?} is invalid: it needs to be an absolute path");
    }
    let caps = capabilities(c)
        .iter()
        .map(|n| {
            n.trim_start_matches("CAP_")
                .parse::<Capability>()
                .map_err(|_| anyhow::anyhow!("capability {n} is unknown to the runtime spec"))
        })
        .collect::<Result<oci_spec::runtime::Capabilities>>()?;
    let nofile = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
        .map(|(_, h)| h)
        .unwrap_or(1024);
    let mut capabilities = LinuxCapabilitiesBuilder::default()
        .bounding(caps.clone())
        .effective(caps.clone())
        .permitted(caps)
        .build()?;
    // The builder starts from oci-spec's defaults, which fill these two: Docker leaves them empty.
    capabilities.set_inheritable(None).set_ambient(None);
    let p = ProcessBuilder::default()
        .terminal(c.tty)
        .user(
            UserBuilder::default()
                .uid(u.uid)
                .gid(u.gid)
                .additional_gids(groups)
                .build()?,
        )
        .args(i.args.clone())
        .env(environment(c, i.img, i.hostname, &u.home))
        .cwd(cwd)
        .capabilities(capabilities)
        .rlimits(rlimits(c, nofile)?)
        .no_new_privileges(c.security.no_new_privileges)
        .build()?;
    let mut p = p;
    p.set_oom_score_adj(c.resources.oom_score_adj);
    Ok(p)
}

/// The user's groups in the image, then `--group-add`'s (`keep-groups` is the runtime's).
fn groups(i: &SpecInput, mut groups: Vec<u32>) -> Result<Vec<u32>> {
    let add: Vec<String> = (i.config.group_add.iter())
        .filter(|g| *g != KEEP_GROUPS)
        .cloned()
        .collect();
    if add.is_empty() {
        return Ok(groups);
    }
    if i.single_id {
        bail!("--group-add needs a subordinate gid range (none in /etc/subgid for this user): without one the kernel refuses setgroups");
    }
    for g in user::group_ids(&i.img.layers, &add)? {
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    Ok(groups)
}

fn mounts(i: &SpecInput) -> Result<Vec<Mount>> {
    let c = i.config;
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
    let mut out = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"])?,
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        )?,
        mount("/dev/pts", "devpts", "devpts", &devpts)?,
    ];
    out.extend(ipc_mounts(c)?);
    let sys_ro = if c.privileged { "rw" } else { "ro" };
    out.push(if c.network == Network::Host {
        let opts = ["rbind", "nosuid", "noexec", "nodev", sys_ro];
        mount("/sys", "bind", "/sys", &opts)?
    } else {
        mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", sys_ro],
        )?
    });
    // The files, tmpfs and the user's mounts: a parent before its children (a volume on /etc
    // under /etc/hosts, as Docker orders them), otherwise in the order given.
    let system = out.len();
    for (dest, name) in [
        ("/etc/hosts", "hosts"),
        ("/etc/hostname", "hostname"),
        ("/etc/resolv.conf", "resolv.conf"),
    ] {
        if c.no_hosts && name == "hosts" {
            continue;
        }
        let src = i.files.join(name).to_string_lossy().to_string();
        out.push(mount(
            dest,
            "bind",
            &src,
            &["bind", "nosuid", "nodev", "noexec"],
        )?);
    }
    // --tz, --passwd-entry/--hostuser: files create wrote beside the hosts file.
    let ro = ["bind", "nosuid", "nodev", "noexec", "ro"];
    if c.timezone.is_some() {
        let src = i.files.join("localtime").to_string_lossy().to_string();
        out.push(mount("/etc/localtime", "bind", &src, &ro)?);
    }
    if !i.extra_passwd.is_empty() {
        let src = i.files.join("passwd").to_string_lossy().to_string();
        out.push(mount("/etc/passwd", "bind", &src, &ro[..4])?);
    }
    for t in &c.tmpfs {
        out.push(tmpfs_mount(t)?);
    }
    out.extend(i.user_mounts.iter().cloned());
    out[system..].sort_by_key(|m| m.destination().components().count());
    Ok(out)
}

/// `--userns`'s maps, onto ids of skiff's user namespace (None without one of the container's own).
fn id_mappings(
    maps: &[crate::runtime::userns::IdMap],
) -> Option<Vec<oci_spec::runtime::LinuxIdMapping>> {
    (!maps.is_empty()).then(|| {
        maps.iter()
            .filter_map(|m| {
                oci_spec::runtime::LinuxIdMappingBuilder::default()
                    .container_id(m.container)
                    .host_id(m.host)
                    .size(m.size)
                    .build()
                    .ok()
            })
            .collect()
    })
}

fn namespace(typ: LinuxNamespaceType) -> Result<LinuxNamespace> {
    Ok(LinuxNamespaceBuilder::default().typ(typ).build()?)
}

fn linux(c: &ContainerConfig) -> Result<Linux> {
    let mut ns = vec![
        namespace(LinuxNamespaceType::Mount)?,
        namespace(LinuxNamespaceType::Cgroup)?,
    ];
    // Another container's are listed too and get their path at start (its pid changes).
    let n = &c.namespaces;
    for (mode, typ) in [
        (&n.pid, LinuxNamespaceType::Pid),
        (&n.ipc, LinuxNamespaceType::Ipc),
        (&n.uts, LinuxNamespaceType::Uts),
    ] {
        if *mode != NsMode::Host {
            ns.push(namespace(typ)?);
        }
    }
    // network: `container:ID` gets the other container's netns at start (network::join_spec).
    if !matches!(c.network, Network::Host | Network::Container(_)) {
        ns.push(namespace(LinuxNamespaceType::Network)?);
    }
    if c.userns.own() {
        ns.push(namespace(LinuxNamespaceType::User)?);
    }
    let (masked, readonly): (Vec<&str>, Vec<&str>) = if c.privileged {
        (vec![], vec![])
    } else {
        (MASKED.to_vec(), READONLY.to_vec())
    };
    let strings = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    // From oci-spec's defaults, only what skiff sets: no resources, devices or sysctls yet.
    let mut l = Linux::default();
    l.set_resources(None)
        .set_uid_mappings(id_mappings(&c.userns.uids))
        .set_gid_mappings(id_mappings(&c.userns.gids))
        .set_sysctl(None)
        .set_devices(None)
        .set_namespaces(Some(ns))
        .set_masked_paths(Some(strings(masked)))
        .set_readonly_paths(Some(strings(readonly)));
    Ok(l)
}

/// /dev/shm and /dev/mqueue. With `--ipc host`, the host's (as Docker, podman): an mqueue file
/// system belongs to the ipc namespace it is mounted in, and mounting the host's needs
/// privileges over it that a user namespace lacks; a host without /dev/mqueue gets none.
fn ipc_mounts(c: &ContainerConfig) -> Result<Vec<Mount>> {
    if c.namespaces.ipc != NsMode::Host {
        return Ok(vec![
            mount(
                "/dev/shm",
                "tmpfs",
                "shm",
                &["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
            )?,
            mount(
                "/dev/mqueue",
                "mqueue",
                "mqueue",
                &["nosuid", "noexec", "nodev"],
            )?,
        ]);
    }
    ["/dev/shm", "/dev/mqueue"]
        .into_iter()
        .filter(|d| Path::new(d).is_dir())
        .map(|d| mount(d, "bind", d, &["rbind", "nosuid", "noexec", "nodev"]))
        .collect()
}

/// Whether the container runs under Docker's default seccomp profile.
pub(crate) fn wants_seccomp(c: &ContainerConfig) -> bool {
    !c.privileged && !c.security.seccomp_unconfined
}

#[cfg(test)]
#[path = "generate_tests.rs"]
mod tests;

/// Docker's default (RLIMIT_NOFILE as high as skiff's own hard limit), then the `--ulimit`s.
fn rlimits(c: &ContainerConfig, nofile: u64) -> Result<Vec<oci_spec::runtime::PosixRlimit>> {
    let mut all = vec![(PosixRlimitType::RlimitNofile, nofile, nofile)];
    for (typ, soft, hard) in c.resources.ulimits.iter().filter_map(|u| u.rlimit()) {
        all.retain(|(t, _, _)| *t != typ);
        all.push((typ, soft, hard));
    }
    all.into_iter()
        .map(|(typ, soft, hard)| {
            let r = PosixRlimitBuilder::default().typ(typ).soft(soft).hard(hard);
            Ok(r.build()?)
        })
        .collect()
}
