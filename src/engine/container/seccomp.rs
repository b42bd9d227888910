//! Docker's default seccomp profile, resolved for one container the way dockerd does it
//! (moby `profiles/seccomp` `setupSeccomp`): the host's architecture picks the `archMap` entry,
//! and each syscall group is kept or dropped by its `includes`/`excludes` on the container's
//! capabilities, the host architecture and the running kernel's version.
//!
//! `seccomp_default.json` is moby's `default.json`, copied verbatim from
//! github.com/moby/profiles `seccomp/default.json` at commit 02e898b1 (the file moved there from
//! moby/moby `profiles/seccomp/default.json`); Apache-2.0, as skiff.
//!
//! Docker's profile schema is not OCI's (`archMap`, `includes`, `excludes`, `comment`), so it is
//! read with the small serde model below and turned into an OCI `LinuxSeccomp`.
use crate::runtime::seccomp::{prepare_keyed, Bpf};
use anyhow::{bail, Context, Result};
use oci_spec::runtime::{
    Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompFilterFlag, LinuxSyscall,
    LinuxSyscallBuilder,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;

const DEFAULT_JSON: &str = include_str!("seccomp_default.json");

/// A Docker seccomp profile file.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    #[serde(default)]
    default_action: Option<LinuxSeccompAction>,
    #[serde(default)]
    default_errno_ret: Option<u32>,
    #[serde(default)]
    architectures: Option<Vec<Arch>>,
    #[serde(default)]
    arch_map: Option<Vec<ArchGroup>>,
    #[serde(default)]
    flags: Option<Vec<LinuxSeccompFilterFlag>>,
    #[serde(default)]
    listener_path: Option<std::path::PathBuf>,
    #[serde(default)]
    listener_metadata: Option<String>,
    #[serde(default)]
    syscalls: Option<Vec<Group>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchGroup {
    architecture: Arch,
    #[serde(default)]
    sub_architectures: Option<Vec<Arch>>,
}

/// One syscall group; `comment` and other unknown keys are ignored, as Docker does.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    #[serde(default)]
    names: Vec<String>,
    /// The old single-name form, still accepted by Docker.
    #[serde(default)]
    name: Option<String>,
    action: LinuxSeccompAction,
    #[serde(default)]
    errno_ret: Option<u32>,
    #[serde(default)]
    args: Option<Vec<LinuxSeccompArg>>,
    #[serde(default)]
    includes: Option<Filter>,
    #[serde(default)]
    excludes: Option<Filter>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Filter {
    #[serde(default)]
    caps: Vec<String>,
    /// Go architecture names (`amd64`, `arm64`, `x32`, ...).
    #[serde(default)]
    arches: Vec<String>,
    /// `"<kernel>.<major>"`, e.g. `"4.8"`.
    #[serde(default)]
    min_kernel: Option<String>,
}

/// What a profile is resolved against besides the capabilities.
#[derive(Clone, Copy)]
struct Host {
    /// The architecture as Docker names it (Go's names, through libseccomp's).
    arch: &'static str,
    /// Its seccomp architecture, the `archMap` key.
    scmp_arch: Option<Arch>,
    /// Kernel version and major revision, from `uname -r`.
    kernel: (u64, u64),
}

impl Host {
    fn current() -> Result<Host> {
        let (arch, scmp_arch) = host_arch();
        Ok(Host {
            arch,
            scmp_arch,
            kernel: kernel_version()?,
        })
    }
}

/// The compiled default profile for `caps`, from `cache_dir` when it was compiled before.
/// The cache key is the embedded profile, the host arch and kernel version and the capability
/// set, so a hit neither parses the JSON nor runs libseccomp.
pub(crate) fn prepare_default(caps: &[String], cache_dir: &Path) -> Result<Bpf> {
    let caps = normalize_caps(caps);
    let host = Host::current()?;
    let mut h = Sha256::new();
    h.update(b"docker-default\0");
    h.update(DEFAULT_JSON.as_bytes());
    h.update(format!("\0{}\0{}.{}\0", host.arch, host.kernel.0, host.kernel.1).as_bytes());
    for c in &caps {
        h.update(c.as_bytes());
        h.update(b"\0");
    }
    prepare_keyed(&h.finalize(), cache_dir, || {
        let p = parse(DEFAULT_JSON).context("internal error: the embedded seccomp profile")?;
        resolve(p, &caps, host)?.context("internal error: the default seccomp profile is empty")
    })
}

fn parse(json: &str) -> Result<Profile> {
    serde_json::from_str(json).context(
        "the seccomp profile is not valid Docker seccomp JSON; compare it with Docker's profile",
    )
}

/// `CAP_`-prefixed upper-case names, sorted and deduplicated: Docker matches capability names
/// exactly, and the cache key must not depend on their order.
fn normalize_caps(caps: &[String]) -> Vec<String> {
    let mut v: Vec<String> = caps
        .iter()
        .map(|c| {
            let c = c.trim().to_ascii_uppercase();
            if c.starts_with("CAP_") {
                c
            } else {
                format!("CAP_{c}")
            }
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn resolve(p: Profile, caps: &[String], host: Host) -> Result<Option<LinuxSeccomp>> {
    let groups = p.syscalls.unwrap_or_default();
    let Some(default_action) = p.default_action else {
        if groups.is_empty() {
            return Ok(None);
        }
        bail!("the seccomp profile has syscalls but no defaultAction; add one");
    };
    if p.architectures.as_ref().is_some_and(|a| !a.is_empty())
        && p.arch_map.as_ref().is_some_and(|a| !a.is_empty())
    {
        bail!("the seccomp profile has both architectures and archMap; keep one");
    }
    let mut arches = p.architectures.unwrap_or_default();
    if let Some(native) = host.scmp_arch {
        if let Some(g) = p
            .arch_map
            .iter()
            .flatten()
            .find(|g| g.architecture == native)
        {
            arches.push(g.architecture);
            arches.extend(g.sub_architectures.iter().flatten().copied());
        }
    }
    let mut syscalls = Vec::new();
    for g in groups {
        if let Some(s) = keep(g, caps, host)? {
            syscalls.push(s);
        }
    }
    let mut out = LinuxSeccomp::default();
    out.set_default_action(default_action);
    out.set_default_errno_ret(p.default_errno_ret);
    out.set_architectures((!arches.is_empty()).then_some(arches));
    out.set_flags(p.flags);
    out.set_listener_path(p.listener_path);
    out.set_listener_metadata(p.listener_metadata);
    out.set_syscalls(Some(syscalls));
    Ok(Some(out))
}

/// The OCI rule for `g` when its conditions hold on this host for these capabilities.
/// Excludes drop a group when any one of them matches; includes keep it only when all hold
/// (every listed cap present, the arch listed, the kernel new enough).
fn keep(g: Group, caps: &[String], host: Host) -> Result<Option<LinuxSyscall>> {
    let names = match (g.name, g.names.is_empty()) {
        (Some(_), false) => bail!("a seccomp rule has both name and names; keep names"),
        (Some(n), true) => vec![n],
        (None, _) => g.names,
    };
    if let Some(ex) = &g.excludes {
        if ex.arches.iter().any(|a| a == host.arch)
            || ex.caps.iter().any(|c| caps.contains(c))
            || kernel_at_least(ex.min_kernel.as_deref(), host)? == Some(true)
        {
            return Ok(None);
        }
    }
    if let Some(inc) = &g.includes {
        if (!inc.arches.is_empty() && !inc.arches.iter().any(|a| a == host.arch))
            || !inc.caps.iter().all(|c| caps.contains(c))
            || kernel_at_least(inc.min_kernel.as_deref(), host)? == Some(false)
        {
            return Ok(None);
        }
    }
    let mut s = LinuxSyscallBuilder::default()
        .names(names)
        .action(g.action)
        .build()
        .context("internal error: building a seccomp rule")?;
    s.set_errno_ret(g.errno_ret);
    s.set_args(g.args);
    Ok(Some(s))
}

/// Whether the running kernel is at least `min` (`"<kernel>.<major>"`); `None` without `min`.
fn kernel_at_least(min: Option<&str>, host: Host) -> Result<Option<bool>> {
    let Some(min) = min.filter(|m| !m.is_empty()) else {
        return Ok(None);
    };
    let parsed = min
        .split_once('.')
        .and_then(|(a, b)| Some((a.parse::<u64>().ok()?, b.parse::<u64>().ok()?)))
        .filter(|v| *v != (0, 0));
    let Some(want) = parsed else {
        bail!(
            "invalid minKernel {min:?} in the seccomp profile; write it as \
             \"<kernel>.<major>\", e.g. \"4.8\""
        );
    };
    Ok(Some(host.kernel >= want))
}

/// The running kernel's version and major revision ("6.18.44-fc" gives (6, 18)); like Docker,
/// minor revisions and suffixes are ignored.
fn kernel_version() -> Result<(u64, u64)> {
    // SAFETY: utsname is plain bytes, for which all-zero is a valid value.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid out-pointer for the call.
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(std::io::Error::last_os_error()).context("uname failed");
    }
    let release: String = u
        .release
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8 as char)
        .collect();
    parse_release(&release)
        .with_context(|| format!("cannot read the kernel version from {release:?}"))
}

fn parse_release(r: &str) -> Option<(u64, u64)> {
    let (kernel, rest) = r.split_once('.')?;
    let major: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some((kernel.parse().ok()?, major.parse().ok()?))
}

/// This build's architecture in Docker's (Go's) naming, and its seccomp architecture.
fn host_arch() -> (&'static str, Option<Arch>) {
    match std::env::consts::ARCH {
        "x86_64" => ("amd64", Some(Arch::ScmpArchX86_64)),
        "x86" => ("x86", Some(Arch::ScmpArchX86)),
        "aarch64" => ("arm64", Some(Arch::ScmpArchAarch64)),
        "arm" => ("arm", Some(Arch::ScmpArchArm)),
        "riscv64" => ("riscv64", Some(Arch::ScmpArchRiscv64)),
        "s390x" => ("s390x", Some(Arch::ScmpArchS390x)),
        "loongarch64" => ("loong64", Some(Arch::ScmpArchLoongarch64)),
        "powerpc64" if cfg!(target_endian = "little") => ("ppc64le", Some(Arch::ScmpArchPpc64le)),
        "powerpc64" => ("ppc64", Some(Arch::ScmpArchPpc64)),
        "mips64" if cfg!(target_endian = "little") => ("mipsel64", Some(Arch::ScmpArchMipsel64)),
        "mips64" => ("mips64", Some(Arch::ScmpArchMips64)),
        other => (other, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Docker's default profile for a container whose bounding set is `caps` (`CAP_SYS_ADMIN` etc.;
    /// `SYS_ADMIN` and lower case are accepted too). For `--privileged` and
    /// `--security-opt seccomp=unconfined` the caller uses no profile at all.
    fn default_profile(caps: &[String]) -> Result<LinuxSeccomp> {
        let p = parse(DEFAULT_JSON).context("internal error: the embedded seccomp profile")?;
        let caps = normalize_caps(caps);
        resolve(p, &caps, Host::current()?)?
            .context("internal error: the default seccomp profile is empty")
    }

    /// A Docker-format profile file (`--security-opt seccomp=profile.json`) resolved like the
    /// default one; `None` when it has neither a default action nor syscalls, which Docker reads
    /// as "no seccomp".
    fn profile_from_json(json: &str, caps: &[String]) -> Result<Option<LinuxSeccomp>> {
        let p = parse(json)?;
        resolve(p, &normalize_caps(caps), Host::current()?)
    }

    use crate::runtime::seccomp::install;
    use crate::runtime::seccomp::tests::{errno, in_child, set_nnp};

    /// Docker's default capability set.
    fn docker_caps() -> Vec<String> {
        crate::engine::spec::generate::DEFAULT_CAPS
            .map(String::from)
            .to_vec()
    }

    /// The rules naming `name`.
    fn rules<'a>(s: &'a LinuxSeccomp, name: &str) -> Vec<&'a LinuxSyscall> {
        s.syscalls()
            .iter()
            .flatten()
            .filter(|r| r.names().iter().any(|n| n == name))
            .collect()
    }

    /// Allowed without conditions on arguments.
    fn allowed(s: &LinuxSeccomp, name: &str) -> bool {
        rules(s, name)
            .iter()
            .any(|r| r.action() == LinuxSeccompAction::ScmpActAllow && r.args().is_none())
    }

    #[test]
    fn default_caps_get_dockers_default_filter() {
        let s = default_profile(&docker_caps()).unwrap();
        assert_eq!(s.default_action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(s.default_errno_ret(), Some(1));
        if cfg!(target_arch = "x86_64") {
            assert_eq!(
                s.architectures().as_deref(),
                Some(&[Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32][..])
            );
            assert!(allowed(&s, "arch_prctl"));
        }
        assert!(allowed(&s, "read") && allowed(&s, "chroot"));
        for denied in [
            "keyctl", "add_key", "unshare", "mount", "setns", "bpf", "reboot",
        ] {
            assert!(
                rules(&s, denied).is_empty(),
                "{denied} must fall to the default action"
            );
        }
        let clone3 = rules(&s, "clone3");
        assert_eq!(clone3.len(), 1);
        assert_eq!(clone3[0].action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(clone3[0].errno_ret(), Some(libc::ENOSYS as u32));
        // clone only without namespace flags.
        let clone = rules(&s, "clone");
        assert_eq!(clone.len(), 1);
        assert!(clone[0].args().as_ref().is_some_and(|a| a.len() == 1));
    }

    #[test]
    fn cap_sys_admin_opens_mount_and_namespaces() {
        let mut caps = docker_caps();
        caps.push("sys_admin".into()); // the short, lower-case form is accepted too
        let s = default_profile(&caps).unwrap();
        for name in ["mount", "unshare", "setns", "clone", "clone3", "umount2"] {
            assert!(
                allowed(&s, name),
                "{name} must be allowed with CAP_SYS_ADMIN"
            );
        }
        assert!(rules(&s, "clone3")
            .iter()
            .all(|r| r.action() == LinuxSeccompAction::ScmpActAllow));
        assert!(!allowed(&s, "keyctl"));
    }

    #[test]
    fn includes_and_excludes_follow_arch_and_kernel() {
        let json = r#"{"defaultAction":"SCMP_ACT_ERRNO",
            "archMap":[{"architecture":"SCMP_ARCH_AARCH64","subArchitectures":["SCMP_ARCH_ARM"]}],
            "syscalls":[
              {"names":["a"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm64"]}},
              {"names":["b"],"action":"SCMP_ACT_ALLOW","excludes":{"arches":["arm64"]}},
              {"names":["c"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"5.10"}},
              {"names":["d"],"action":"SCMP_ACT_ALLOW","excludes":{"minKernel":"5.10"}},
              {"name":"e","action":"SCMP_ACT_LOG","comment":"old form",
               "includes":{"caps":["CAP_A","CAP_B"]}}]}"#;
        let arm = |kernel| Host {
            arch: "arm64",
            scmp_arch: Some(Arch::ScmpArchAarch64),
            kernel,
        };
        let names = |s: LinuxSeccomp| -> Vec<String> {
            s.syscalls()
                .iter()
                .flatten()
                .flat_map(|r| r.names().clone())
                .collect()
        };
        let caps = normalize_caps(&["CAP_A".into(), "b".into()]);
        let s = resolve(parse(json).unwrap(), &caps, arm((5, 4)))
            .unwrap()
            .unwrap();
        assert_eq!(
            s.architectures().as_deref(),
            Some(&[Arch::ScmpArchAarch64, Arch::ScmpArchArm][..])
        );
        assert_eq!(names(s), ["a", "d", "e"]);
        let s = resolve(parse(json).unwrap(), &caps[..1], arm((5, 10)))
            .unwrap()
            .unwrap();
        assert_eq!(names(s), ["a", "c"]);
        let x86 = Host {
            arch: "amd64",
            scmp_arch: Some(Arch::ScmpArchX86_64),
            kernel: (6, 1),
        };
        let s = resolve(parse(json).unwrap(), &caps, x86).unwrap().unwrap();
        assert_eq!(s.architectures(), &None);
        assert_eq!(names(s), ["b", "c", "e"]);
    }

    #[test]
    fn bad_profiles_are_refused_with_advice() {
        let bad_kernel = r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
            {"names":["x"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"four"}}]}"#;
        let e = profile_from_json(bad_kernel, &[]).unwrap_err().to_string();
        assert!(e.contains("minKernel"), "{e}");
        assert!(profile_from_json("{", &[]).is_err());
        assert!(profile_from_json("{}", &[]).unwrap().is_none());
        assert_eq!(parse_release("6.18.44-fc-v595"), Some((6, 18)));
        assert_eq!(parse_release("3.12-1-amd64"), Some((3, 12)));
        assert_eq!(parse_release("garbage"), None);
    }

    /// The compiled default profile, installed in a child: keyctl fails with EPERM, clone3 with
    /// ENOSYS, unshare and AF_VSOCK sockets with EPERM, and allowed calls work. NNP makes this
    /// legal unprivileged.
    #[test]
    fn default_filter_really_filters() {
        let dir = tempfile::tempdir().unwrap();
        let bpf = prepare_default(&docker_caps(), dir.path()).unwrap();
        let code = in_child(|| {
            if !set_nnp() {
                return 10;
            }
            if install(&bpf).is_err() {
                return 11;
            }
            // SAFETY (all below): raw syscalls with integer arguments; the denied ones are
            // stopped by the filter before the kernel acts on them.
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            let pid = unsafe { libc::syscall(libc::SYS_getpid) };
            if pid <= 0 {
                return 12;
            }
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            if unsafe { libc::syscall(libc::SYS_keyctl, 0, -3, 0) } != -1 || errno() != libc::EPERM
            {
                return 13;
            }
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            if unsafe { libc::syscall(libc::SYS_clone3, 0, 0) } != -1 || errno() != libc::ENOSYS {
                return 14;
            }
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            if unsafe { libc::syscall(libc::SYS_unshare, libc::CLONE_NEWUSER) } != -1
                || errno() != libc::EPERM
            {
                return 15;
            }
            // Socket families: AF_INET passes the argument filter, AF_VSOCK (40) does not.
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            let fd = unsafe { libc::syscall(libc::SYS_socket, libc::AF_INET, libc::SOCK_DGRAM, 0) };
            if fd < 0 {
                return 16;
            }
            // SAFETY: a raw syscall with integer arguments; it reads or writes no memory of ours.
            if unsafe { libc::syscall(libc::SYS_socket, 40, libc::SOCK_STREAM, 0) } != -1
                || errno() != libc::EPERM
            {
                return 17;
            }
            0
        });
        assert_eq!(code, 0, "see the step numbers in the child");
    }

    #[test]
    fn default_cache_hit_returns_the_same_program() {
        let dir = tempfile::tempdir().unwrap();
        let first = prepare_default(&docker_caps(), dir.path()).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut reordered = docker_caps();
        reordered.reverse();
        let second = prepare_default(&reordered, dir.path()).unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "caps order is not part of the key"
        );
        assert_eq!(first.as_bytes(), second.as_bytes());
        // The keyed fast path and the general path compile the same program.
        let general = crate::runtime::seccomp::compile(&default_profile(&docker_caps()).unwrap());
        assert_eq!(general.unwrap().as_bytes(), first.as_bytes());
    }
}
