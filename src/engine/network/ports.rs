//! Published ports: `-p [ip:][hostPort:]containerPort[/proto]` with ranges, `--expose`, `-P`,
//! the host-side check that a port is free, and Docker's texts and JSON shapes for them.
use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::net::{IpAddr, SocketAddr, TcpListener, UdpSocket};

/// One published port. `host_port` 0 means "any free port", chosen at each start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Port {
    /// The host address to listen on; empty means every address.
    pub(crate) host_ip: String,
    pub(crate) host_port: u16,
    pub(crate) container_port: u16,
    /// `tcp` or `udp`.
    pub(crate) proto: String,
    /// A host port range to pick from (`-p 8000-8010:80`); empty unless one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) host_range: Option<(u16, u16)>,
}

impl Port {
    /// Docker's key: `80/tcp`.
    pub(crate) fn key(&self) -> String {
        format!("{}/{}", self.container_port, self.proto)
    }
    /// The address the host side shows as: `0.0.0.0` when every address.
    pub(crate) fn shown_ip(&self) -> &str {
        if self.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &self.host_ip
        }
    }
}

fn bad(spec: &str, why: &str) -> anyhow::Error {
    anyhow::Error::msg(format!("invalid port specification {spec:?}: {why}; use [ip:][hostPort:]containerPort[/tcp|udp], e.g. -p 8080:80"))
}

fn port_range(s: &str, spec: &str) -> Result<(u16, u16)> {
    let one = |p: &str| -> Result<u16> {
        match p.parse::<u16>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(bad(spec, &format!("{p:?} is not a port number (1-65535)"))),
        }
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            if b < a {
                return Err(bad(spec, "a range must go from low to high"));
            }
            Ok((a, b))
        }
        None => one(s).map(|p| (p, p)),
    }
}

fn proto(p: &str, spec: &str) -> Result<String> {
    match p.to_ascii_lowercase().as_str() {
        "tcp" | "" => Ok("tcp".into()),
        "udp" => Ok("udp".into()),
        "sctp" => Err(bad(spec, "sctp is not supported by the rootless network")),
        other => Err(bad(spec, &format!("unknown protocol {other:?}"))),
    }
}

/// Parses one `-p` value into its ports (a range gives one per port).
pub(crate) fn parse_publish(spec: &str) -> Result<Vec<Port>> {
    let (addr, pr) = spec.rsplit_once('/').unwrap_or((spec, "tcp"));
    let proto = proto(pr, spec)?;
    let (ip, rest) = if let Some(r) = addr.strip_prefix('[') {
        let (ip, rest) = r
            .split_once("]:")
            .ok_or_else(|| bad(spec, "unclosed [ in the address"))?;
        (ip.to_string(), rest)
    } else {
        let parts: Vec<&str> = addr.split(':').collect();
        match parts.len() {
            1 | 2 => (String::new(), addr),
            3 => (parts[0].to_string(), &addr[parts[0].len() + 1..]),
            _ => {
                return Err(bad(
                    spec,
                    "too many colons (put an IPv6 address in brackets)",
                ))
            }
        }
    };
    if !ip.is_empty() && ip.parse::<IpAddr>().is_err() {
        return Err(bad(spec, &format!("{ip:?} is not an IP address")));
    }
    let (host, ctr) = match rest.split_once(':') {
        Some((h, c)) => (h, c),
        None => ("", rest),
    };
    let ctr = port_range(ctr, spec)?;
    let n = (ctr.1 - ctr.0) as u32 + 1;
    let mut out = Vec::new();
    if host.is_empty() {
        for c in ctr.0..=ctr.1 {
            out.push(Port {
                host_ip: ip.clone(),
                host_port: 0,
                container_port: c,
                proto: proto.clone(),
                host_range: None,
            });
        }
        return Ok(out);
    }
    let h = port_range(host, spec)?;
    let hn = (h.1 - h.0) as u32 + 1;
    if n == 1 && hn > 1 {
        // Docker's "any free port of this range" form.
        out.push(Port {
            host_ip: ip,
            host_port: 0,
            container_port: ctr.0,
            proto,
            host_range: Some(h),
        });
        return Ok(out);
    }
    if hn != n {
        return Err(bad(spec, "the host and container ranges differ in length"));
    }
    for i in 0..n as u16 {
        out.push(Port {
            host_ip: ip.clone(),
            host_port: h.0 + i,
            container_port: ctr.0 + i,
            proto: proto.clone(),
            host_range: None,
        });
    }
    Ok(out)
}

/// Parses `--expose 80`, `--expose 8000-8010/udp` and the image's `EXPOSE` keys (`80/tcp`).
pub(crate) fn parse_expose(spec: &str) -> Result<Vec<String>> {
    let (p, pr) = spec.split_once('/').unwrap_or((spec, "tcp"));
    let proto = proto(pr, spec)?;
    let (a, b) = port_range(p, spec)?;
    Ok((a..=b).map(|p| format!("{p}/{proto}")).collect())
}

fn in_use(p: &Port, port: u16, e: &std::io::Error) -> anyhow::Error {
    let what = format!("{}:{port}/{}", p.shown_ip(), p.proto);
    match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::Error::msg(format!("cannot publish port {}: host port {what} is already in use; choose another host port (-p OTHER:{}) or stop what listens on it", p.key(), p.container_port)),
        std::io::ErrorKind::PermissionDenied => anyhow::Error::msg(format!("cannot publish port {} on host port {what}: ports below net.ipv4.ip_unprivileged_port_start need root; publish a higher host port", p.key())),
        _ => anyhow::Error::msg(format!("cannot publish port {} on host port {what}: {e}", p.key())),
    }
}

/// Binds (and releases) `port` the way the network helper will, to find out if it is free.
/// Port 0 asks the kernel for a free one; the port actually bound is returned. A port in use is
/// retried for a moment: the helper of a container that just ended may still be exiting.
fn try_bind(p: &Port, port: u16) -> std::io::Result<u16> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(300);
    loop {
        match bind_once(p, port) {
            Err(e)
                if e.kind() == std::io::ErrorKind::AddrInUse
                    && port != 0
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            r => return r,
        }
    }
}

fn bind_once(p: &Port, port: u16) -> std::io::Result<u16> {
    let ip: IpAddr = if p.host_ip.is_empty() {
        "0.0.0.0".parse().expect("ip")
    } else {
        p.host_ip.parse().map_err(std::io::Error::other)?
    };
    let addr = SocketAddr::new(ip, port);
    if p.proto == "udp" {
        UdpSocket::bind(addr)?.local_addr().map(|a| a.port())
    } else {
        TcpListener::bind(addr)?.local_addr().map(|a| a.port())
    }
}

/// The host ports for one start: fixed ones checked free, "any" ones chosen. An error names the
/// port in use; nothing is held afterwards (the helper binds them right after).
pub(crate) fn allocate(wanted: &[Port]) -> Result<Vec<Port>> {
    let mut out: Vec<Port> = Vec::new();
    for p in wanted {
        let mut got = p.clone();
        got.host_range = None;
        got.host_port = match p.host_range {
            Some((a, b)) => (a..=b)
                .find(|port| !out.iter().any(|o| o.host_port == *port && o.proto == p.proto) && bind_once(p, *port).is_ok())
                .ok_or_else(|| anyhow::Error::msg(format!("cannot publish port {}: every host port in {a}-{b} is in use; choose another range", p.key())))?,
            None => {
                if p.host_port != 0 && out.iter().any(|o| o.host_port == p.host_port && o.proto == p.proto) {
                    bail!("host port {}/{} is published twice: give each -p its own host port", p.host_port, p.proto);
                }
                try_bind(p, p.host_port).map_err(|e| in_use(p, p.host_port, &e))?
            }
        };
        out.push(got);
    }
    Ok(out)
}

/// Docker's PORTS column: `0.0.0.0:8080->80/tcp, 443/tcp` (exposed but unpublished ports bare).
pub(crate) fn text(ports: &[Port], exposed: &[String]) -> String {
    let mut items: Vec<String> = ports
        .iter()
        .map(|p| format!("{}:{}->{}", p.shown_ip(), p.host_port, p.key()))
        .collect();
    for e in exposed {
        if !ports.iter().any(|p| &p.key() == e) {
            items.push(e.clone());
        }
    }
    items.join(", ")
}

/// `port` verb lines: `80/tcp -> 0.0.0.0:8080`, optionally only for `filter` (`80` or `80/udp`).
pub(crate) fn port_lines(ports: &[Port], filter: Option<&str>) -> Result<Vec<String>> {
    let want = match filter {
        Some(f) => {
            let (p, pr) = f.split_once('/').unwrap_or((f, "tcp"));
            let p: u16 = p.parse().map_err(|_| {
                anyhow::anyhow!("invalid port {f:?}: use PORT or PORT/PROTO, e.g. 80/tcp")
            })?;
            Some(format!("{p}/{}", proto(pr, f)?))
        }
        None => None,
    };
    Ok(ports
        .iter()
        .filter(|p| want.as_ref().is_none_or(|w| &p.key() == w))
        .map(|p| match &want {
            Some(_) => format!("{}:{}", p.shown_ip(), p.host_port),
            None => format!("{} -> {}:{}", p.key(), p.shown_ip(), p.host_port),
        })
        .collect())
}

/// `HostConfig.PortBindings`: what was asked (`HostPort` empty for "any").
pub(crate) fn bindings_json(wanted: &[Port]) -> Value {
    let mut m = Map::new();
    for p in wanted {
        let host_port = match (p.host_port, p.host_range) {
            (_, Some((a, b))) => format!("{a}-{b}"),
            (0, None) => String::new(),
            (n, None) => n.to_string(),
        };
        let e = m.entry(p.key()).or_insert_with(|| json!([]));
        if let Some(a) = e.as_array_mut() {
            a.push(json!({"HostIp": p.host_ip, "HostPort": host_port}));
        }
    }
    Value::Object(m)
}

/// `NetworkSettings.Ports`: the live bindings, and exposed ports as null.
pub(crate) fn ports_json(live: &[Port], exposed: &[String]) -> Value {
    let mut m = Map::new();
    for e in exposed {
        m.insert(e.clone(), Value::Null);
    }
    for p in live {
        let e = m.entry(p.key()).or_insert_with(|| json!([]));
        if e.is_null() {
            *e = json!([]);
        }
        if let Some(a) = e.as_array_mut() {
            a.push(json!({"HostIp": p.shown_ip(), "HostPort": p.host_port.to_string()}));
        }
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Port {
        let v = parse_publish(s).unwrap();
        assert_eq!(v.len(), 1, "{s}");
        v[0].clone()
    }

    #[test]
    fn forms() {
        let p = one("8080:80");
        assert_eq!(
            (
                p.host_ip.as_str(),
                p.host_port,
                p.container_port,
                p.proto.as_str()
            ),
            ("", 8080, 80, "tcp")
        );
        let p = one("127.0.0.1:8080:80/udp");
        assert_eq!(
            (p.host_ip.as_str(), p.host_port, p.proto.as_str()),
            ("127.0.0.1", 8080, "udp")
        );
        let p = one("127.0.0.1::80");
        assert_eq!((p.host_ip.as_str(), p.host_port), ("127.0.0.1", 0));
        assert_eq!(one("80").host_port, 0);
        let p = one("[::1]:8080:80");
        assert_eq!(p.host_ip, "::1");
        let v = parse_publish("8000-8002:80-82").unwrap();
        assert_eq!(
            v.iter()
                .map(|p| (p.host_port, p.container_port))
                .collect::<Vec<_>>(),
            vec![(8000, 80), (8001, 81), (8002, 82)]
        );
        assert_eq!(one("9000-9010:80").host_range, Some((9000, 9010)));
        assert_eq!(parse_publish("80-81").unwrap().len(), 2);
    }

    #[test]
    fn bad_specs() {
        for s in [
            "",
            "0:80",
            "x:80",
            "8080:80/icmp",
            "1-3:1-2",
            "a.b:1:2",
            "70000:80",
            "1:2:3:4",
            "9-1:80",
        ] {
            assert!(parse_publish(s).is_err(), "{s}");
        }
    }

    #[test]
    fn texts() {
        let p = vec![one("8080:80")];
        assert_eq!(
            text(&p, &["80/tcp".into(), "443/tcp".into()]),
            "0.0.0.0:8080->80/tcp, 443/tcp"
        );
        assert_eq!(
            port_lines(&p, None).unwrap(),
            vec!["80/tcp -> 0.0.0.0:8080"]
        );
        assert_eq!(port_lines(&p, Some("80")).unwrap(), vec!["0.0.0.0:8080"]);
        assert!(port_lines(&p, Some("81/udp")).unwrap().is_empty());
        assert_eq!(
            parse_expose("8000-8001/udp").unwrap(),
            vec!["8000/udp", "8001/udp"]
        );
    }
}
