//! Parsing what `create` is given beyond the spec: labels, restart policy, durations, signals,
//! and the health check (flags over the image's HEALTHCHECK).
use super::record::{CreateOptions, HealthCheck};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

/// Go's time.ParseDuration subset Docker accepts (`1m30s`, `500ms`, `2h`), in nanoseconds.
pub fn parse_duration(s: &str) -> Result<u64> {
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

/// Signal names (`TERM`, `SIGTERM`) and numbers, for `kill -s` and `--stop-signal`.
pub fn parse_signal(s: &str) -> Result<nix::sys::signal::Signal> {
    use nix::sys::signal::Signal;
    let up = s.trim().to_uppercase();
    let sig = if let Ok(n) = up.parse::<i32>() {
        Signal::try_from(n).ok()
    } else {
        let name = if up.starts_with("SIG") {
            up.clone()
        } else {
            format!("SIG{up}")
        };
        name.parse::<Signal>().ok()
    };
    sig.with_context(|| {
        let names: Vec<&str> = Signal::iterator().map(|s| s.as_str()).collect();
        format!(
            "invalid signal {s:?}: use a number or one of {}",
            names.join(", ")
        )
    })
}

pub fn restart_policy(p: &str) -> Result<(String, u32)> {
    let (name, n) = p.split_once(':').unwrap_or((p, ""));
    let max = match (name, n) {
        ("on-failure", "") => 0,
        ("on-failure", n) => n
            .parse()
            .with_context(|| format!("invalid restart policy {p:?}: the count must be a number"))?,
        ("no" | "always" | "unless-stopped", "") => 0,
        _ => {
            bail!("invalid restart policy {p:?}: use no, on-failure[:N], always or unless-stopped")
        }
    };
    Ok((name.to_string(), max))
}

fn parse_kv(items: impl Iterator<Item = String>, what: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for l in items {
        let (k, v) = l.split_once('=').unwrap_or((&l, ""));
        if k.is_empty() {
            bail!("invalid {what} {l:?}: use KEY=VALUE");
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// `--label-file` lines then `-l` values.
pub fn labels(o: &CreateOptions) -> Result<BTreeMap<String, String>> {
    let mut lines = Vec::new();
    for f in &o.label_files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("cannot read label file {}", f.display()))?;
        lines.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    lines.extend(o.label_args.iter().cloned());
    parse_kv(lines.into_iter(), "label")
}

/// The health check: `--no-healthcheck`, then `--health-cmd` & co. over the image's HEALTHCHECK.
pub fn healthcheck(
    o: &CreateOptions,
    image: Option<&serde_json::Value>,
) -> Result<Option<HealthCheck>> {
    let h = &o.health;
    if h.disable {
        return Ok(None);
    }
    let mut hc: HealthCheck = match image {
        Some(v) => HealthCheck {
            test: v
                .get("Test")
                .and_then(|t| serde_json::from_value(t.clone()).ok())
                .unwrap_or_default(),
            interval: v.get("Interval").and_then(|x| x.as_u64()).unwrap_or(0),
            timeout: v.get("Timeout").and_then(|x| x.as_u64()).unwrap_or(0),
            start_period: v.get("StartPeriod").and_then(|x| x.as_u64()).unwrap_or(0),
            retries: v.get("Retries").and_then(|x| x.as_u64()).unwrap_or(0) as u32,
        },
        None => HealthCheck::default(),
    };
    if let Some(c) = &h.cmd {
        hc.test = vec!["CMD-SHELL".into(), c.clone()];
    }
    if let Some(d) = &h.interval {
        hc.interval = parse_duration(d)?;
    }
    if let Some(d) = &h.timeout {
        hc.timeout = parse_duration(d)?;
    }
    if let Some(d) = &h.start_period {
        hc.start_period = parse_duration(d)?;
    }
    if let Some(r) = h.retries {
        hc.retries = r;
    }
    if hc.test.is_empty() || hc.test[0] == "NONE" {
        return Ok(None);
    }
    // Docker's defaults: 30s interval and timeout, 3 retries.
    if hc.interval == 0 {
        hc.interval = 30_000_000_000;
    }
    if hc.timeout == 0 {
        hc.timeout = 30_000_000_000;
    }
    if hc.retries == 0 {
        hc.retries = 3;
    }
    Ok(Some(hc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_signals_policies() {
        assert_eq!(parse_duration("1m30s").unwrap(), 90_000_000_000);
        assert_eq!(parse_duration("500ms").unwrap(), 500_000_000);
        assert!(parse_duration("5").is_err());
        assert_eq!(
            parse_signal("usr1").unwrap(),
            nix::sys::signal::Signal::SIGUSR1
        );
        assert_eq!(
            parse_signal("9").unwrap(),
            nix::sys::signal::Signal::SIGKILL
        );
        assert!(parse_signal("BOGUS")
            .unwrap_err()
            .to_string()
            .contains("SIGTERM"));
        assert_eq!(
            restart_policy("on-failure:2").unwrap(),
            ("on-failure".into(), 2)
        );
        assert!(restart_policy("sometimes").is_err());
    }
}
