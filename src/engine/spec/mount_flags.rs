//! The texts of `-v`, `--mount` and `--volumes-from` as typed `Mount`s, with Docker's rules
//! (Docker ≥ 23: a `-v` source starting with `.` is a path relative to the working directory)
//! and its error texts where it has one.
use super::config::{Mount, MountKind};
use anyhow::{anyhow, bail, Result};
use std::path::{Component, Path, PathBuf};

/// Docker's pattern for volume (and container) names.
pub(crate) fn valid_volume_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2
        && b[0].is_ascii_alphanumeric()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(c))
}

/// The error for a volume name that does not match Docker's pattern (Docker's words).
pub(crate) fn check_volume_name(name: &str) -> Result<()> {
    if !valid_volume_name(name) {
        bail!("{name:?} includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed; if you intended to pass a host directory, use an absolute path or one starting with ./");
    }
    Ok(())
}

/// `path` made absolute against `cwd` and cleaned lexically (`a/../b` is `b`), as Go's
/// `filepath.Abs`: the result is the path the user named, never more.
pub(crate) fn absolute_clean(path: &str, cwd: &Path) -> PathBuf {
    let joined = cwd.join(path);
    let mut out = PathBuf::from("/");
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => out.push(n),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    out
}

/// A container path: absolute, cleaned, not `/`.
fn destination(d: &str, kind: MountKind, spec: &str) -> Result<String> {
    if !d.starts_with('/') {
        bail!(
            "invalid mount config for type {:?}: invalid mount path: '{d}' mount path must be absolute ({spec})",
            kind.name()
        );
    }
    let clean = absolute_clean(d, Path::new("/"));
    if clean == Path::new("/") {
        bail!("invalid specification: destination can't be '/' ({spec})");
    }
    Ok(clean.to_string_lossy().into_owned())
}

/// What a mode word sets on a mount; false for a word that is not one.
fn apply_flag(m: &mut Mount, word: &str) -> bool {
    match word {
        "nosuid" | "nodev" | "noexec" | "suid" | "dev" | "exec" => m.flags.push(word.into()),
        "shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate" => {
            m.propagation = word.into()
        }
        _ => return false,
    }
    true
}

/// `-v SPEC`: `/path` (an anonymous volume), `NAME:/path[:MODE]`, `/abs:/path[:MODE]` or
/// `./rel:/path[:MODE]` (a bind; a missing source directory is created at create).
pub(crate) fn volume(spec: &str, cwd: &Path) -> Result<Mount> {
    let invalid = || anyhow!("invalid volume specification: '{spec}'");
    let parts: Vec<&str> = spec.split(':').collect();
    let (src, dst, mode) = match parts[..] {
        [d] => ("", d, ""),
        [s, d] => (s, d, ""),
        [s, d, m] => (s, d, m),
        _ => return Err(invalid()),
    };
    if dst.is_empty() || (parts.len() > 1 && src.is_empty()) {
        return Err(invalid());
    }
    let mut m = Mount {
        mode: mode.to_string(),
        ..Default::default()
    };
    if src.is_empty() {
        m.kind = MountKind::Volume;
        m.anonymous = true;
    } else if src.starts_with('/') || src.starts_with('.') {
        m.kind = MountKind::Bind;
        m.source = absolute_clean(src, cwd).to_string_lossy().into_owned();
        m.create_source = true;
    } else {
        check_volume_name(src)?;
        m.kind = MountKind::Volume;
        m.source = src.to_string();
    }
    m.destination = destination(dst, m.kind, spec)?;
    let (mut ro, mut rw) = (false, false);
    for w in mode.split(',').filter(|w| !w.is_empty()) {
        match w {
            "ro" => ro = true,
            "rw" => rw = true,
            // SELinux relabelling: there is no SELinux label to set in skiff's user namespace.
            "z" | "Z" => {}
            "U" => m.chown = true,
            "nocopy" if m.kind == MountKind::Volume => m.nocopy = true,
            "copy" if m.kind == MountKind::Volume => {}
            "O" => bail!("invalid volume specification: '{spec}': overlay mounts (O) are not supported by skiff: mount the directory read-only (:ro) instead"),
            w if apply_flag(&mut m, w) => {}
            _ => bail!("invalid volume specification: '{spec}': invalid mode: {mode}"),
        }
    }
    if ro && rw {
        bail!("invalid volume specification: '{spec}': invalid mode: {mode} (ro and rw conflict)");
    }
    m.read_only = ro;
    if m.kind == MountKind::Bind {
        m.bind_spec = Some(match mode {
            "" => format!("{}:{}", m.source, m.destination),
            _ => format!("{}:{}:{mode}", m.source, m.destination),
        });
    } else if !m.anonymous {
        m.bind_spec = Some(spec.to_string());
    }
    Ok(m)
}

/// A `--mount` boolean (`readonly`, `readonly=true`, `volume-nocopy=0`...).
fn boolean(key: &str, v: Option<&str>) -> Result<bool> {
    match v.map(str::to_ascii_lowercase).as_deref() {
        None | Some("1" | "true") => Ok(true),
        Some("0" | "false") => Ok(false),
        Some(v) => bail!("invalid value for {key}: {v}"),
    }
}

/// What `--mount` names besides the mount's own fields.
#[derive(Default)]
struct Named {
    kind: Option<String>,
    src: String,
    dst: String,
    /// The `bind-`, `volume-` or `tmpfs-` prefixes of the keys given.
    prefixes: Vec<&'static str>,
}

/// `--mount type=bind|volume|tmpfs,source=,target=,...` (Docker's keys and errors).
pub(crate) fn mount(spec: &str, cwd: &Path) -> Result<Mount> {
    let mut m = Mount {
        mount_flag: true,
        ..Default::default()
    };
    let mut n = Named::default();
    for field in spec.split(',').filter(|f| !f.is_empty()) {
        let (k, v) = match field.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_lowercase(), Some(v.trim())),
            None => (field.trim().to_ascii_lowercase(), None),
        };
        if let Some(p) = ["bind", "volume", "tmpfs"]
            .into_iter()
            .find(|p| k.starts_with(&format!("{p}-")))
        {
            n.prefixes.push(p);
        }
        mount_field(&mut m, &mut n, &k, v, field)?;
    }
    m.kind = match n.kind.as_deref().unwrap_or("volume") {
        "bind" => MountKind::Bind,
        "volume" => MountKind::Volume,
        "tmpfs" => MountKind::Tmpfs,
        "image" => bail!("mount type \"image\" is not supported by skiff yet: copy the files into a volume instead"),
        t => bail!("invalid mount config: mount type unknown: {t:?}"),
    };
    if let Some(p) = n.prefixes.iter().find(|p| **p != m.kind.name()) {
        bail!(
            "cannot mix '{p}-*' options with mount type '{}'",
            m.kind.name()
        );
    }
    if n.dst.is_empty() {
        bail!("target is required");
    }
    m.destination = destination(&n.dst, m.kind, spec)?;
    mount_source(&mut m, n.src, cwd)?;
    Ok(m)
}

/// One `KEY[=VALUE]` of `--mount`.
fn mount_field(m: &mut Mount, n: &mut Named, k: &str, v: Option<&str>, field: &str) -> Result<()> {
    let val = || v.ok_or_else(|| anyhow!("invalid field '{field}' must be a key=value pair"));
    match k {
        "type" => n.kind = Some(val()?.to_ascii_lowercase()),
        "source" | "src" => n.src = val()?.to_string(),
        "target" | "dst" | "destination" => n.dst = val()?.to_string(),
        "readonly" | "ro" => m.read_only = boolean(k, v)?,
        "consistency" => {}
        "bind-propagation" => {
            if !apply_flag(m, val()?) || !m.flags.is_empty() {
                bail!("invalid bind-propagation value: {}", val()?);
            }
        }
        "bind-nonrecursive" => m.nonrecursive = boolean(k, v)?,
        "bind-recursive" => {
            m.nonrecursive = match val()? {
                "enabled" => false,
                "disabled" => true,
                o => {
                    bail!("invalid bind-recursive value {o:?}: skiff supports enabled and disabled")
                }
            }
        }
        "volume-nocopy" => m.nocopy = boolean(k, v)?,
        "volume-label" | "volume-opt" => {
            let (lk, lv) = val()?.split_once('=').unwrap_or((val()?, ""));
            let map = match k {
                "volume-label" => &mut m.volume_labels,
                _ => &mut m.volume_options,
            };
            map.insert(lk.to_string(), lv.to_string());
        }
        "volume-driver" if val()? != "local" => bail!(
            "volume driver {:?} is not supported: skiff has the local driver only",
            val()?
        ),
        "volume-driver" => {}
        "tmpfs-size" => m.tmpfs_size = Some(super::parse::memory_bytes("tmpfs-size", val()?)?),
        "tmpfs-mode" => {
            let v = val()?;
            m.tmpfs_mode = Some(u32::from_str_radix(v, 8).map_err(|_| {
                anyhow!("invalid value for tmpfs-mode: {v} (an octal mode such as 1777)")
            })?);
        }
        _ => bail!("unexpected key '{k}' in '{field}'"),
    }
    Ok(())
}

/// The source of a `--mount`, by its type (Docker's errors).
fn mount_source(m: &mut Mount, src: String, cwd: &Path) -> Result<()> {
    match m.kind {
        MountKind::Bind if src.is_empty() => {
            bail!("invalid mount config for type \"bind\": field Source must not be empty")
        }
        MountKind::Bind => m.source = absolute_clean(&src, cwd).to_string_lossy().into_owned(),
        MountKind::Tmpfs if !src.is_empty() => {
            bail!("invalid mount config for type \"tmpfs\": field Source must not be specified")
        }
        MountKind::Tmpfs if m.read_only => {
            // A read-only empty tmpfs is of no use, and Docker's daemon refuses it too.
            bail!("invalid mount config for type \"tmpfs\": a tmpfs cannot be read-only")
        }
        MountKind::Tmpfs => {}
        MountKind::Volume if src.is_empty() => m.anonymous = true,
        MountKind::Volume => {
            check_volume_name(&src)?;
            m.source = src;
        }
    }
    Ok(())
}

/// `--volumes-from CTR[:ro|rw]`: the container and whether its mounts become read-only (None:
/// as they are).
pub(crate) fn volumes_from(spec: &str) -> Result<(String, Option<bool>)> {
    let (ctr, mode) = match spec.rsplit_once(':') {
        Some((c, m)) => (c, Some(m)),
        None => (spec, None),
    };
    let ro = match mode {
        None => None,
        Some("ro") => Some(true),
        Some("rw") => Some(false),
        Some(m) => bail!("invalid --volumes-from {spec:?}: the mode {m:?} is neither ro nor rw"),
    };
    if ctr.is_empty() {
        bail!("invalid --volumes-from {spec:?}: name a container");
    }
    Ok((ctr.to_string(), ro))
}

/// Checks that no two mounts (of any kind, `--tmpfs` included) share a destination.
pub(crate) fn check_duplicates<'a>(dests: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for d in dests {
        if !seen.insert(d) {
            bail!("duplicate mount point: {d}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_texts_parse_as_docker() {
        let cwd = Path::new("/home/u/p");
        let m = volume("./data:/data:ro,Z", cwd).unwrap();
        assert_eq!(
            (m.kind, m.source.as_str()),
            (MountKind::Bind, "/home/u/p/data")
        );
        assert!(m.read_only && m.create_source);
        let m = volume("../../etc:/x", cwd).unwrap();
        assert_eq!(m.source, "/home/etc");
        let m = volume("db:/var/lib/db:nocopy", cwd).unwrap();
        assert_eq!((m.kind, m.nocopy), (MountKind::Volume, true));
        let m = volume("/anon", cwd).unwrap();
        assert!(m.anonymous && m.source.is_empty());
        assert!(volume("a:b", cwd).is_err());
        assert!(volume("x:/a:ro,rw", cwd).is_err());
        assert!(volume("x:/", cwd).is_err());
        assert!(volume("/a:/b:nocopy", cwd).is_err());
    }

    #[test]
    fn mount_texts_parse_with_docker_errors() {
        let cwd = Path::new("/w");
        let m = mount("type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=700", cwd).unwrap();
        assert_eq!((m.tmpfs_size, m.tmpfs_mode), (Some(1 << 20), Some(0o700)));
        let m = mount("type=bind,src=rel,dst=/d,readonly", cwd).unwrap();
        assert_eq!((m.source.as_str(), m.read_only), ("/w/rel", true));
        let e = |s: &str| mount(s, cwd).unwrap_err().to_string();
        assert_eq!(e("type=volume,src=v"), "target is required");
        assert!(e("type=bind,dst=/d,volume-nocopy").starts_with("cannot mix 'volume-*'"));
        assert!(e("type=volume,src=../x,dst=/d").contains("invalid characters"));
        assert!(e("foo=bar,dst=/d").starts_with("unexpected key 'foo'"));
    }

    #[test]
    fn names_follow_docker_pattern() {
        assert!(valid_volume_name("ab") && valid_volume_name("a.b-c_1"));
        assert!(!valid_volume_name("a") && !valid_volume_name("../x") && !valid_volume_name("_a"));
    }
}
