//! The short syntaxes with a grammar of their own: ports (`[IP:][HOST:]CONTAINER[/PROTO]`,
//! ranges), volumes (`[SOURCE:]TARGET[:OPTIONS]`) and extra hosts (`host:ip`, `host=ip`), each
//! parsed into the long form compose-go prints.
use super::model::{BindOptions, PortConfig, ServiceVolume, VolumeOptions, VolumeType};
use super::values::{text, uint};
use super::ComposeError;
use serde_json::Value;
use std::path::Path;

fn bad_port(svc: &str, spec: &str, why: &str) -> ComposeError {
    ComposeError::invalid(format!("service {svc}: invalid port {spec:?}: {why}"))
}

/// `a` or `a-b` as an inclusive range.
fn range(svc: &str, spec: &str, r: &str) -> Result<(u16, u16), ComposeError> {
    let num = |s: &str| {
        s.parse::<u16>()
            .map_err(|_| bad_port(svc, spec, &format!("{s:?} is not a port number")))
    };
    let (a, b) = match r.split_once('-') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(r)?, num(r)?),
    };
    if b < a {
        return Err(bad_port(svc, spec, "the range ends before it starts"));
    }
    Ok((a, b))
}

/// One short-syntax port entry (a bare integer too) as one long entry per container port.
pub(crate) fn port_short(svc: &str, v: &Value) -> Result<Vec<PortConfig>, ComposeError> {
    let spec = text(v).ok_or_else(|| bad_port(svc, &v.to_string(), "not a string"))?;
    let (rest, protocol) = match spec.rsplit_once('/') {
        Some((r, p)) => (r, p.to_string()),
        None => (spec.as_str(), "tcp".to_string()),
    };
    // An IPv6 host address is bracketed: "[::1]:8080:80".
    let (host_ip, rest) = match rest.strip_prefix('[') {
        Some(r) => {
            let (ip, r) = r
                .split_once("]:")
                .ok_or_else(|| bad_port(svc, &spec, "unclosed '['"))?;
            (Some(ip.to_string()), r)
        }
        None => (None, rest),
    };
    let parts: Vec<&str> = rest.split(':').collect();
    let (ip, published, target) = match (host_ip, parts.as_slice()) {
        (None, [t]) => (None, "", *t),
        (None, [p, t]) => (None, *p, *t),
        (None, [ip, p, t]) => (Some(ip.to_string()), *p, *t),
        (Some(ip), [p, t]) => (Some(ip), *p, *t),
        _ => return Err(bad_port(svc, &spec, "too many colons")),
    };
    let ip = ip.filter(|i| !i.is_empty());
    let (t0, t1) = range(svc, &spec, target)?;
    let count = t1 - t0;
    let entry = |target: u16, published: Option<String>| PortConfig {
        target,
        published,
        host_ip: ip.clone(),
        protocol: protocol.clone(),
        mode: Some("ingress".into()),
        ..Default::default()
    };
    if published.is_empty() {
        return Ok((t0..=t1).map(|t| entry(t, None)).collect());
    }
    let (p0, p1) = range(svc, &spec, published)?;
    if count == 0 {
        // One container port and a host range: the host picks one port of the range.
        return Ok(vec![entry(t0, Some(published.to_string()))]);
    }
    if p1 - p0 != count {
        return Err(bad_port(
            svc,
            &spec,
            "the host and container ranges differ in length",
        ));
    }
    Ok((0..=count)
        .map(|i| entry(t0 + i, Some((p0 + i).to_string())))
        .collect())
}

/// A long-syntax port: `target` may be text, `published` a number; defaults filled in.
pub(crate) fn port_long(
    svc: &str,
    m: &serde_json::Map<String, Value>,
) -> Result<PortConfig, ComposeError> {
    let what = format!("service {svc}: ports");
    let target = m.get("target").ok_or_else(|| {
        ComposeError::invalid(format!("{what}: a long-syntax port needs a target"))
    })?;
    let target = u16::try_from(uint(&what, target)?).map_err(|_| {
        ComposeError::invalid(format!("{what}: target {target} is not a port number"))
    })?;
    let s = |k: &str| m.get(k).and_then(text).filter(|s| !s.is_empty());
    Ok(PortConfig {
        name: s("name"),
        target,
        published: s("published"),
        host_ip: s("host_ip"),
        protocol: s("protocol").unwrap_or_else(|| "tcp".into()),
        mode: Some(s("mode").unwrap_or_else(|| "ingress".into())),
        app_protocol: s("app_protocol"),
    })
}

/// Resolve a bind source: `~` against HOME, relative paths against `base`.
pub(crate) fn host_path(base: &Path, home: Option<&str>, p: &str) -> String {
    let expanded = match (p.strip_prefix('~'), home) {
        (Some(rest), Some(h)) if rest.is_empty() || rest.starts_with('/') => format!("{h}{rest}"),
        _ => p.to_string(),
    };
    let path = Path::new(&expanded);
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    clean(&abs)
}

/// `a/./b/../c` as `a/c`, lexically (the path need not exist yet).
pub(crate) fn clean(p: &Path) -> String {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.to_string_lossy().into_owned()
}

fn is_path(s: &str) -> bool {
    s.starts_with('.') || s.starts_with('/') || s.starts_with('~')
}

/// One short-syntax volume: `TARGET`, `SOURCE:TARGET` or `SOURCE:TARGET:OPTS`.
pub(crate) fn volume_short(
    svc: &str,
    spec: &str,
    base: &Path,
    home: Option<&str>,
) -> Result<ServiceVolume, ComposeError> {
    let bad =
        |why: &str| ComposeError::invalid(format!("service {svc}: invalid volume {spec:?}: {why}"));
    let parts: Vec<&str> = spec.split(':').collect();
    let (source, target, opts) = match parts.as_slice() {
        [t] => (None, *t, ""),
        [s, t] => (Some(*s), *t, ""),
        [s, t, o] => (Some(*s), *t, *o),
        _ => return Err(bad("too many colons")),
    };
    if target.is_empty() {
        return Err(bad("empty target"));
    }
    let mut v = ServiceVolume {
        target: target.to_string(),
        ..Default::default()
    };
    match source {
        None | Some("") => {
            v.kind = VolumeType::Volume;
            v.volume = Some(VolumeOptions::default());
        }
        Some(s) if is_path(s) => {
            v.kind = VolumeType::Bind;
            v.source = Some(host_path(base, home, s));
            v.bind = Some(BindOptions {
                create_host_path: true,
                ..Default::default()
            });
        }
        Some(s) => {
            v.kind = VolumeType::Volume;
            v.source = Some(s.to_string());
            v.volume = Some(VolumeOptions::default());
        }
    }
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        volume_option(&mut v, o).map_err(|_| bad(&format!("unknown option {o:?}")))?;
    }
    Ok(v)
}

fn volume_option(v: &mut ServiceVolume, o: &str) -> Result<(), ()> {
    match (o, v.kind) {
        ("ro", _) => v.read_only = true,
        ("rw", _) => v.read_only = false,
        ("nocopy", VolumeType::Volume) => {
            v.volume.get_or_insert_with(Default::default).nocopy = true
        }
        ("z" | "Z", VolumeType::Bind) => {
            v.bind.get_or_insert_with(Default::default).selinux = Some(o.to_string())
        }
        ("shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate", VolumeType::Bind) => {
            v.bind.get_or_insert_with(Default::default).propagation = Some(o.to_string())
        }
        // Docker accepts these consistency flags and ignores them on Linux.
        ("cached" | "delegated" | "consistent", _) => v.consistency = Some(o.to_string()),
        _ => return Err(()),
    }
    Ok(())
}

/// An `extra_hosts` list entry (`host:ip` or `host=ip`; the IP may be IPv6) as `host=ip`.
pub(crate) fn extra_host(svc: &str, entry: &str) -> Result<String, ComposeError> {
    let split = entry.split_once('=').or_else(|| entry.split_once(':'));
    match split {
        Some((h, ip)) if !h.is_empty() && !ip.is_empty() => {
            let ip = ip.trim_start_matches('[').trim_end_matches(']');
            Ok(format!("{h}={ip}"))
        }
        _ => Err(ComposeError::invalid(format!(
            "service {svc}: invalid extra_hosts entry {entry:?}: expected HOST=IP or HOST:IP"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ports(v: Value) -> Vec<(u16, Option<String>, Option<String>, String)> {
        port_short("s", &v)
            .unwrap()
            .into_iter()
            .map(|p| (p.target, p.published, p.host_ip, p.protocol))
            .collect()
    }

    #[test]
    fn short_ports() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(ports(json!(80)), vec![(80, None, None, "tcp".into())]);
        assert_eq!(
            ports(json!("8080:80")),
            vec![(80, s("8080"), None, "tcp".into())]
        );
        assert_eq!(
            ports(json!("127.0.0.1:8080:80/udp")),
            vec![(80, s("8080"), s("127.0.0.1"), "udp".into())]
        );
        assert_eq!(
            ports(json!("127.0.0.1::80")),
            vec![(80, None, s("127.0.0.1"), "tcp".into())]
        );
        assert_eq!(ports(json!("[::1]:53:53/udp"))[0].2, s("::1"));
        assert_eq!(
            ports(json!("8000-8001:80-81")),
            vec![
                (80, s("8000"), None, "tcp".into()),
                (81, s("8001"), None, "tcp".into())
            ]
        );
        assert_eq!(ports(json!("3000-3002")).len(), 3);
        assert_eq!(
            ports(json!("9090-9091:8080")),
            vec![(8080, s("9090-9091"), None, "tcp".into())]
        );
        assert!(port_short("s", &json!("1-3:1-2")).is_err());
        assert!(port_short("s", &json!("http")).is_err());
        assert!(port_short("s", &json!("1:2:3:4")).is_err());
    }

    #[test]
    fn short_volumes() {
        let base = Path::new("/proj");
        let v = volume_short("s", "./data:/data:ro,z", base, Some("/home/u")).unwrap();
        assert_eq!(v.kind, VolumeType::Bind);
        assert_eq!(v.source.as_deref(), Some("/proj/data"));
        assert!(v.read_only);
        assert_eq!(v.bind.as_ref().unwrap().selinux.as_deref(), Some("z"));
        assert!(v.bind.unwrap().create_host_path);
        let v = volume_short("s", "~/x:/x", base, Some("/home/u")).unwrap();
        assert_eq!(v.source.as_deref(), Some("/home/u/x"));
        let v = volume_short("s", "db:/var/lib/db:nocopy", base, None).unwrap();
        assert_eq!(
            (v.kind, v.source.as_deref()),
            (VolumeType::Volume, Some("db"))
        );
        assert!(v.volume.unwrap().nocopy);
        let v = volume_short("s", "/anon", base, None).unwrap();
        assert_eq!((v.source, v.target.as_str()), (None, "/anon"));
        assert!(volume_short("s", "a:/b:bogus", base, None).is_err());
        assert_eq!(host_path(base, None, "../up/./x"), "/up/x");
    }

    #[test]
    fn extra_hosts() {
        assert_eq!(extra_host("s", "db:10.0.0.2").unwrap(), "db=10.0.0.2");
        assert_eq!(extra_host("s", "v6:::1").unwrap(), "v6=::1");
        assert_eq!(extra_host("s", "h=[fe80::1]").unwrap(), "h=fe80::1");
        assert!(extra_host("s", "nohost").is_err());
    }
}
