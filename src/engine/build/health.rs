//! HEALTHCHECK: Docker's `Healthcheck` object of the image config, as `docker build` writes it.
//! Durations are nanoseconds and left out when not given (0), as Docker omits them: the runtime
//! applies the defaults (30s interval and timeout, 0s start period, 3 retries) when it runs
//! the check. `HEALTHCHECK NONE` is `{"Test": ["NONE"]}`, which disables a base image's check.
use super::dockerfile::{command, At, Cmd};
use crate::engine::spec::parse::parse_duration;
use anyhow::{bail, Result};
use parse_dockerfile::{HealthcheckArguments, HealthcheckInstruction};
use serde_json::{json, Map, Value};

/// Docker's container.MinimumDuration: a non-zero duration shorter than this is refused.
const MINIMUM_NANOS: u64 = 1_000_000;

pub(crate) fn parse(h: &HealthcheckInstruction, at: &At) -> Result<Value> {
    let (file, line) = (at.file, at.line);
    let arguments = match &h.arguments {
        HealthcheckArguments::None { .. } => return Ok(json!({ "Test": ["NONE"] })),
        HealthcheckArguments::Cmd { arguments, .. } => arguments,
        _ => bail!("{file}:{line}: unknown type in HEALTHCHECK (try CMD or NONE)"),
    };
    let test = match command(arguments)? {
        Cmd::Exec(v) if v.is_empty() => {
            bail!("{file}:{line}: missing command after HEALTHCHECK CMD")
        }
        Cmd::Exec(v) => std::iter::once("CMD".to_string()).chain(v).collect(),
        Cmd::Shell(s) if s.trim().is_empty() => {
            bail!("{file}:{line}: missing command after HEALTHCHECK CMD")
        }
        Cmd::Shell(s) => vec!["CMD-SHELL".to_string(), s],
    };
    let mut out = Map::new();
    out.insert("Test".into(), json!(test));
    for f in &h.options {
        let name = &*f.name.value;
        let value = f.value.as_ref().map_or("", |v| &*v.value);
        let key = match name {
            "interval" => "Interval",
            "timeout" => "Timeout",
            "start-period" => "StartPeriod",
            "start-interval" => "StartInterval",
            "retries" => {
                let n: i64 = value.parse().map_err(|_| {
                    anyhow::anyhow!("{file}:{line}: HEALTHCHECK --retries={value}: not a number (write --retries=3)")
                })?;
                if n < 0 {
                    bail!("{file}:{line}: HEALTHCHECK --retries cannot be negative ({n})");
                }
                if n > 0 {
                    out.insert("Retries".into(), json!(n));
                }
                continue;
            }
            other => bail!(
                "{file}:{line}: HEALTHCHECK --{other}: unknown flag (use --interval, --timeout, --start-period, --start-interval or --retries)"
            ),
        };
        if value.is_empty() {
            continue;
        }
        let nanos = parse_duration(value)
            .map_err(|e| anyhow::anyhow!("{file}:{line}: HEALTHCHECK --{name}: {e}"))?;
        if nanos != 0 && nanos < MINIMUM_NANOS {
            bail!("{file}:{line}: HEALTHCHECK --{name}={value} cannot be less than 1ms");
        }
        if nanos != 0 {
            out.insert(key.into(), json!(nanos));
        }
    }
    // Docker's key order (Test, Interval, Timeout, StartPeriod, StartInterval, Retries).
    let order = [
        "Test",
        "Interval",
        "Timeout",
        "StartPeriod",
        "StartInterval",
        "Retries",
    ];
    let mut sorted = Map::new();
    for k in order {
        if let Some(v) = out.remove(k) {
            sorted.insert(k.into(), v);
        }
    }
    Ok(Value::Object(sorted))
}
