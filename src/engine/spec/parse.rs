//! The shared parsers: Docker's flag texts (durations, signals, restart policies, namespace and
//! network modes, security options, tmpfs, capabilities, KEY=VALUE lists and files) into the
//! typed values of `ContainerConfig`. Each error says what was wrong and what to give instead.
use super::config::{Network, NsMode, RestartPolicy, Security, Tmpfs};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
#[cfg(test)]
use std::path::Path;
use std::path::PathBuf;
use std::time::Duration;

/// Go's time.ParseDuration subset Docker accepts (`1m30s`, `500ms`, `2h`), in nanoseconds.
pub(crate) fn parse_duration(s: &str) -> Result<u64> {
    let bad = || {
        anyhow::anyhow!(
            "invalid duration {s:?}: use a number with a unit, such as 30s, 1m30s or 500ms"
        )
    };
    if s == "0" {
        return Ok(0);
    }
    let mut total: f64 = 0.0;
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let value: f64 = rest[..n].parse().map_err(|_| bad())?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let mult = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return Err(bad()),
        };
        total += value * mult;
        rest = &rest[u..];
    }
    Ok(total as u64)
}

/// A duration flag as a `Duration`.
pub(crate) fn duration(s: &str) -> Result<Duration> {
    parse_duration(s).map(Duration::from_nanos)
}

/// Docker's fixed numbers for the real-time signals (glibc's SIGRTMIN is 34: it keeps 32 and
/// 33 for its threads); the kernel's last signal is 64.
const RTMIN: i32 = 34;
const RTMAX: i32 = 64;

/// Signal names (`TERM`, `SIGTERM`, `RTMIN+3`, `SIGRTMAX`) and numbers (1 to 64), for `kill -s`
/// and `--stop-signal`: the signal's number. Real-time signals are names nix's `Signal` lacks,
/// so the number is what callers send.
pub(crate) fn parse_signal(s: &str) -> Result<i32> {
    use nix::sys::signal::Signal;
    let up = s.trim().to_uppercase();
    let name = up.strip_prefix("SIG").unwrap_or(&up);
    let sig = if let Ok(n) = name.parse::<i32>() {
        (1..=RTMAX).contains(&n).then_some(n)
    } else if let Some(rt) = real_time(name) {
        rt
    } else {
        format!("SIG{name}")
            .parse::<Signal>()
            .ok()
            .map(|s| s as i32)
    };
    sig.with_context(|| {
        let names: Vec<&str> = Signal::iterator().map(|s| s.as_str()).collect();
        format!(
            "invalid signal {s:?}: use a number from 1 to {RTMAX} or one of {}, RTMIN, RTMIN+N, \
             RTMAX-N, RTMAX",
            names.join(", ")
        )
    })
}

/// `RTMIN`, `RTMIN+N`, `RTMAX-N`, `RTMAX`: Some(None) when it is such a name out of range.
fn real_time(name: &str) -> Option<Option<i32>> {
    let (base, rest, sign) = if let Some(r) = name.strip_prefix("RTMIN") {
        (RTMIN, r, 1)
    } else if let Some(r) = name.strip_prefix("RTMAX") {
        (RTMAX, r, -1)
    } else {
        return None;
    };
    let offset = match rest {
        "" => 0,
        _ => {
            let want = if sign > 0 { '+' } else { '-' };
            match rest.strip_prefix(want).map(str::parse::<i32>) {
                Some(Ok(n)) => n,
                _ => return Some(None),
            }
        }
    };
    let n = base + sign * offset;
    Some((RTMIN..=RTMAX).contains(&n).then_some(n))
}

/// `--restart no|on-failure[:N]|always|unless-stopped`.
pub(crate) fn restart_policy(p: &str) -> Result<RestartPolicy> {
    let (name, n) = p.split_once(':').unwrap_or((p, ""));
    Ok(match (name, n) {
        ("on-failure", "") => RestartPolicy::OnFailure { max: 0 },
        ("on-failure", n) => RestartPolicy::OnFailure {
            max: n.parse().with_context(|| {
                format!("invalid restart policy {p:?}: the count must be a number")
            })?,
        },
        ("no", "") => RestartPolicy::No,
        ("always", "") => RestartPolicy::Always,
        ("unless-stopped", "") => RestartPolicy::UnlessStopped,
        _ => {
            bail!("invalid restart policy {p:?}: use no, on-failure[:N], always or unless-stopped")
        }
    })
}

/// `--network`: a mode, or another container (`container:NAME`).
pub(crate) fn network(n: &str) -> Result<Network> {
    Ok(match n {
        "" | "default" | "bridge" => Network::Default,
        "pasta" => Network::Pasta,
        "slirp4netns" => Network::Slirp4netns,
        // `private`: what records made before the default network say for a netns with only lo.
        "none" | "private" => Network::None,
        "host" => Network::Host,
        n => match n.strip_prefix("container:") {
            Some(c) if !c.is_empty() => Network::Container(c.to_string()),
            _ => {
                let opts = n.split_once(':').map(|(m, _)| m);
                if matches!(opts, Some("pasta" | "slirp4netns")) {
                    return Err(anyhow::Error::msg(format!("--network {n}: options for the network helper are not supported; use --network {}", opts.unwrap_or_default())));
                }
                let names: Vec<String> = n.split(',').map(String::from).collect();
                if names
                    .iter()
                    .all(|x| crate::engine::network::user::valid_name(x))
                {
                    return Ok(Network::User(names));
                }
                return Err(anyhow::Error::msg(format!("network {n} not found: use pasta, slirp4netns, none, host, container:NAME or the name of a network (network ls)")));
            }
        },
    })
}

/// The namespace a mode flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NsKind {
    Ipc,
    Uts,
    Pid,
}

/// `--ipc`, `--uts`, `--pid`: Docker's modes for each (`shareable` is ipc's only).
pub(crate) fn ns_mode(kind: NsKind, v: &str) -> Result<NsMode> {
    let parsed: Option<NsMode> = v.parse().ok();
    match (kind, parsed) {
        (NsKind::Ipc, Some(m)) => Ok(m),
        (_, Some(m)) if m != NsMode::Shareable => Ok(m),
        _ => {
            let (flag, modes) = match kind {
                NsKind::Ipc => ("--ipc", "private, shareable, host or container:NAME"),
                NsKind::Uts => ("--uts", "private, host or container:NAME"),
                NsKind::Pid => ("--pid", "private or container:NAME"),
            };
            Err(anyhow::Error::msg(format!(
                "invalid {flag} {v:?}: use {modes}"
            )))
        }
    }
}

/// `--security-opt` values.
pub(crate) fn security(opts: &[String]) -> Result<Security> {
    let mut s = Security {
        given: opts.to_vec(),
        ..Default::default()
    };
    for o in opts {
        match o.split_once(['=', ':']) {
            Some(("seccomp", "unconfined")) => s.seccomp_unconfined = true,
            Some(("seccomp", p)) => bail!("--security-opt seccomp={p}: custom seccomp profiles are not supported yet; use seccomp=unconfined or the default"),
            Some(("no-new-privileges", v @ ("true" | "false"))) => s.no_new_privileges = v == "true",
            Some(("label" | "apparmor", _)) => {}
            None if o == "no-new-privileges" => s.no_new_privileges = true,
            _ => bail!("invalid --security-opt {o:?}: use seccomp=unconfined or no-new-privileges"),
        }
    }
    Ok(s)
}

/// `--tmpfs PATH[:OPTS]`.
pub(crate) fn tmpfs(spec: &str) -> Result<Tmpfs> {
    let (dest, extra) = spec.split_once(':').unwrap_or((spec, ""));
    if !dest.starts_with('/') {
        bail!("invalid --tmpfs {spec:?}: the path must be absolute");
    }
    Ok(Tmpfs {
        destination: dest.to_string(),
        options: extra
            .split(',')
            .filter(|o| !o.is_empty())
            .map(String::from)
            .collect(),
    })
}

/// A capability as `--cap-add`/`--cap-drop` take it (`net_admin`, `CAP_NET_ADMIN`, `ALL`).
pub(crate) fn capability(s: &str) -> Result<String> {
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

/// The lines of KEY=VALUE files (`--env-file`, `--label-file`): blank lines and `#` comments
/// are skipped.
fn file_lines(files: &[PathBuf], what: &str) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("cannot read {what} file {}", f.display()))?;
        lines.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    Ok(lines)
}

/// `--env-file` lines then `-e` values, resolved: `-e NAME` takes our value (dropped if unset).
pub(crate) fn environment(files: &[PathBuf], args: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in file_lines(files, "env")?
        .into_iter()
        .chain(args.iter().cloned())
    {
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

/// `--label-file` lines then `-l` values.
pub(crate) fn labels(files: &[PathBuf], args: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for l in file_lines(files, "label")?
        .into_iter()
        .chain(args.iter().cloned())
    {
        let (k, v) = l.split_once('=').unwrap_or((&l, ""));
        if k.is_empty() {
            bail!("invalid label {l:?}: use KEY=VALUE");
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// `--tz`: the zone's file on the host, checked to be a zone (what `local` names is the host's
/// /etc/localtime). Names are Go's: no absolute path and no `..`, looked up under `$TZDIR` or
/// /usr/share/zoneinfo.
pub(crate) fn zone_file(tz: &str) -> Result<PathBuf> {
    let dir = std::env::var_os("TZDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/zoneinfo"));
    let path = match tz {
        "local" => PathBuf::from("/etc/localtime"),
        _ if tz.is_empty() || tz.starts_with('/') || tz.split('/').any(|c| c == "..") => {
            bail!("invalid --tz {tz:?}: give a zone name such as Europe/Paris or UTC, or local")
        }
        _ => dir.join(tz),
    };
    let mut magic = [0u8; 4];
    let is_zone = std::fs::File::open(&path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok()
        && &magic == b"TZif";
    if !is_zone {
        match tz {
            "local" => bail!("--tz local: this host has no time zone file /etc/localtime"),
            _ => bail!(
                "invalid --tz {tz:?}: no such time zone in {}; give a zone name such as Europe/Paris or UTC, or local",
                dir.display()
            ),
        }
    }
    Ok(path)
}

/// Docker's memory sizes (`--kernel-memory 64m`): a number with an optional unit b, k, m, g,
/// t or p (in any case, `kb`/`mb`... too), in bytes.
pub(crate) fn memory_bytes(flag: &str, s: &str) -> Result<u64> {
    let bad = || anyhow::anyhow!("invalid {flag} {s:?}: use a size such as 512k, 64m or 1g");
    let t = s.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let (num, mult) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 1u64 << 10),
        Some('m') => (&t[..t.len() - 1], 1 << 20),
        Some('g') => (&t[..t.len() - 1], 1 << 30),
        Some('t') => (&t[..t.len() - 1], 1 << 40),
        Some('p') => (&t[..t.len() - 1], 1 << 50),
        _ => (t, 1),
    };
    let n: f64 = num.parse().map_err(|_| bad())?;
    if !n.is_finite() || n < 0.0 {
        return Err(bad());
    }
    Ok((n * mult as f64) as u64)
}

/// `--group-add`: names or gids; `keep-groups` alone (podman's rule).
pub(crate) fn group_add(groups: &[String]) -> Result<Vec<String>> {
    use super::config::KEEP_GROUPS;
    if groups.iter().any(|g| g == KEEP_GROUPS) && groups.len() > 1 {
        bail!("--group-add keep-groups cannot be combined with other groups");
    }
    if let Some(g) = groups.iter().find(|g| g.is_empty() || g.contains(':')) {
        bail!("invalid --group-add {g:?}: give a group name or a gid");
    }
    Ok(groups.to_vec())
}

/// `--env-host`: our own environment, without what `--unsetenv` names (podman counts it with
/// the defaults the container may be denied).
pub(crate) fn host_environment(unset: &[String], unset_all: bool) -> Vec<String> {
    if unset_all {
        return Vec::new();
    }
    std::env::vars_os()
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_str()?, v.to_str()?)))
        .filter(|kv| {
            !unset
                .iter()
                .any(|u| kv.split('=').next() == Some(u.as_str()))
        })
        .collect()
}

/// `--sdnotify`: skiff takes no part in systemd's notify protocol, so `ignore` is its one mode.
pub(crate) fn sdnotify(mode: &str) -> Result<()> {
    match mode {
        "ignore" => Ok(()),
        "container" | "conmon" | "healthy" => bail!("--sdnotify={mode} is not supported: skiff has no systemd notify support; use --sdnotify=ignore"),
        _ => bail!("invalid --sdnotify {mode:?}: skiff supports only ignore"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_signals_policies() {
        assert_eq!(parse_duration("1m30s").unwrap(), 90_000_000_000);
        assert_eq!(parse_duration("500ms").unwrap(), 500_000_000);
        assert!(parse_duration("5").is_err());
        assert_eq!(parse_signal("usr1").unwrap(), libc::SIGUSR1);
        assert_eq!(parse_signal("9").unwrap(), libc::SIGKILL);
        for (name, n) in [
            ("RTMIN", 34),
            ("SIGRTMIN+3", 37),
            ("rtmax-1", 63),
            ("RTMAX", 64),
            ("40", 40),
        ] {
            assert_eq!(parse_signal(name).unwrap(), n, "{name}");
        }
        for bad in ["RTMAX+1", "RTMIN-1", "RTMIN+x", "0", "65", "RTMIN+31"] {
            assert!(parse_signal(bad).is_err(), "{bad}");
        }
        assert!(parse_signal("BOGUS")
            .unwrap_err()
            .to_string()
            .contains("SIGTERM"));
        assert_eq!(
            restart_policy("on-failure:2").unwrap(),
            RestartPolicy::OnFailure { max: 2 }
        );
        assert!(restart_policy("sometimes").is_err());
    }

    #[test]
    fn namespace_modes_per_flag() {
        assert_eq!(
            ns_mode(NsKind::Ipc, "shareable").unwrap(),
            NsMode::Shareable
        );
        assert_eq!(ns_mode(NsKind::Uts, "host").unwrap(), NsMode::Host);
        assert_eq!(
            ns_mode(NsKind::Pid, "container:a").unwrap(),
            NsMode::Container("a".into())
        );
        assert!(ns_mode(NsKind::Uts, "shareable").is_err());
        assert!(ns_mode(NsKind::Ipc, "container:").is_err());
        assert!(ns_mode(NsKind::Ipc, "bogus").is_err());
    }

    #[test]
    fn security_options_and_tmpfs() {
        let s = security(&["seccomp=unconfined".into(), "no-new-privileges".into()]).unwrap();
        assert!(s.seccomp_unconfined && s.no_new_privileges);
        assert!(security(&["seccomp=/x.json".into()]).is_err());
        assert!(security(&["bogus".into()]).is_err());
        let t = tmpfs("/run:exec,size=1m").unwrap();
        assert_eq!((t.destination.as_str(), t.options.len()), ("/run", 2));
        assert!(tmpfs("run").is_err());
        assert_eq!(capability("net_admin").unwrap(), "CAP_NET_ADMIN");
        assert_eq!(capability("all").unwrap(), "ALL");
        assert!(capability("flying").is_err());
    }

    #[test]
    fn sizes_zones_groups() {
        assert_eq!(memory_bytes("--m", "64m").unwrap(), 64 << 20);
        assert_eq!(memory_bytes("--m", "1.5KB").unwrap(), 1536);
        assert_eq!(memory_bytes("--m", "10").unwrap(), 10);
        assert!(memory_bytes("--m", "ten").is_err());
        assert!(memory_bytes("--m", "-1m").is_err());
        assert!(zone_file("../../etc/passwd").is_err());
        assert!(zone_file("/etc/localtime").is_err());
        assert!(zone_file("Mars/Olympus_Mons").is_err());
        if Path::new("/usr/share/zoneinfo/UTC").exists() {
            assert!(zone_file("UTC").is_ok());
        }
        assert!(group_add(&["keep-groups".into(), "10".into()]).is_err());
        assert!(group_add(&["a:b".into()]).is_err());
        assert_eq!(group_add(&["keep-groups".into()]).unwrap().len(), 1);
        assert!(sdnotify("ignore").is_ok() && sdnotify("conmon").is_err());
    }
}
