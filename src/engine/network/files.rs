//! The container's /etc/hosts and /etc/resolv.conf: the host's resolver (as the network can
//! reach it), `--dns`, `--dns-search`, `--dns-option`, `--add-host`.
use crate::engine::spec::config::Dns;
use anyhow::Result;
use std::net::IpAddr;

pub(crate) const HOSTS: &str = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

/// Parses `--add-host NAME:IP` (also `NAME=IP`, `NAME:[v6]`); `host-gateway` becomes `gateway`.
pub(crate) fn add_host(spec: &str, gateway: Option<&str>) -> Result<(String, String)> {
    let (name, ip) = spec
        .split_once('=')
        .or_else(|| spec.split_once(':'))
        .ok_or_else(|| {
            anyhow::Error::msg(format!(
                "invalid --add-host {spec:?}: use NAME:IP, e.g. --add-host db:10.0.0.5"
            ))
        })?;
    let ip = ip.trim_start_matches('[').trim_end_matches(']');
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(anyhow::Error::msg(format!(
            "invalid --add-host {spec:?}: the host name is empty or has spaces"
        )));
    }
    if ip == "host-gateway" {
        let gw = gateway.ok_or_else(|| {
            anyhow::Error::msg(format!("--add-host {spec:?}: host-gateway needs the default network (pasta or slirp4netns)"))
        })?;
        return Ok((name.into(), gw.into()));
    }
    if ip.parse::<IpAddr>().is_err() {
        return Err(anyhow::Error::msg(format!(
            "invalid --add-host {spec:?}: {ip:?} is not an IP address"
        )));
    }
    Ok((name.into(), ip.into()))
}

/// The hosts file: the host's own for `--network host`, else the defaults and the container's
/// name; then `extra` entries.
pub(crate) fn hosts(host_net: bool, hostname: &str, extra: &[(String, String)]) -> String {
    let mut out = if host_net {
        std::fs::read_to_string("/etc/hosts").unwrap_or_else(|_| HOSTS.to_string())
    } else {
        format!("{HOSTS}127.0.0.1\t{hostname}\n")
    };
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    for (name, ip) in extra {
        out.push_str(&format!("{ip}\t{name}\n"));
    }
    out
}

fn is_loopback(a: &str) -> bool {
    a.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The nameservers in a resolv.conf text.
pub(crate) fn nameservers(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("nameserver"))
                .then(|| w.next().map(String::from))
                .flatten()
        })
        .collect()
}

/// The container's resolv.conf. `network_servers` replaces the host's nameservers when the
/// network has its own resolver (slirp4netns' 10.0.2.3, pasta's forwarder); otherwise the
/// host's are kept, without loopback ones for a private netns (`fallback` then, if none remain).
pub(crate) fn resolv_conf(
    host: &str,
    private: bool,
    network_servers: &[String],
    fallback: &[&str],
    d: &Dns,
) -> String {
    let mut servers: Vec<String> = if !d.servers.is_empty() {
        d.servers.iter().map(|s| s.to_string()).collect()
    } else if !network_servers.is_empty() {
        network_servers.to_vec()
    } else {
        nameservers(host)
            .into_iter()
            .filter(|a| !(private && is_loopback(a)))
            .collect()
    };
    if servers.is_empty() {
        servers = fallback.iter().map(|s| s.to_string()).collect();
    }
    let mut search: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    for l in host.lines() {
        let mut w = l.split_whitespace();
        match w.next() {
            Some("search") | Some("domain") => search = w.map(String::from).collect(),
            Some("options") => options.extend(w.map(String::from)),
            _ => {}
        }
    }
    if !d.search.is_empty() {
        // Docker: `--dns-search .` means no search list at all.
        search = d
            .search
            .iter()
            .filter(|s| s.as_str() != ".")
            .cloned()
            .collect();
    }
    if !d.options.is_empty() {
        options = d.options.to_vec();
    }
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv() {
        let host =
            "search example.org\nnameserver 127.0.0.53\nnameserver 10.1.1.1\noptions ndots:2\n";
        let none = Dns::default();
        assert_eq!(
            resolv_conf(host, true, &[], &[], &none),
            "search example.org\nnameserver 10.1.1.1\noptions ndots:2\n"
        );
        assert_eq!(
            resolv_conf("nameserver 127.0.0.1\n", true, &[], &["169.254.1.1"], &none),
            "nameserver 169.254.1.1\n"
        );
        let d = Dns {
            servers: vec!["1.2.3.4".parse().unwrap()],
            search: vec![".".into()],
            options: vec!["timeout:1".into()],
        };
        assert_eq!(
            resolv_conf(host, true, &["10.0.2.3".into()], &[], &d),
            "nameserver 1.2.3.4\noptions timeout:1\n"
        );
    }

    #[test]
    fn add_hosts() {
        assert_eq!(
            add_host("a:10.0.0.5", None).unwrap(),
            ("a".into(), "10.0.0.5".into())
        );
        assert_eq!(add_host("a=::1", None).unwrap(), ("a".into(), "::1".into()));
        assert_eq!(
            add_host("a:[fe80::1]", None).unwrap(),
            ("a".into(), "fe80::1".into())
        );
        assert_eq!(
            add_host("gw:host-gateway", Some("192.0.2.1")).unwrap().1,
            "192.0.2.1"
        );
        assert!(add_host("a", None).is_err());
        assert!(add_host("a:notanip", None).is_err());
        assert!(add_host("gw:host-gateway", None).is_err());
    }
}
