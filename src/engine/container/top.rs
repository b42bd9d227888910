//! `top`: the host's `ps` run over the container's processes (those in its pid namespace).
use super::record::Record;
use anyhow::{bail, Context, Result};

/// Host pids of every process in the container's pid namespace.
pub(crate) fn pids(rec: &Record) -> Result<Vec<i32>> {
    let ns = std::fs::read_link(format!("/proc/{}/ns/pid", rec.state.pid))
        .context("the container is not running")?;
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc")?.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if std::fs::read_link(format!("/proc/{pid}/ns/pid")).is_ok_and(|l| l == ns) {
            out.push(pid);
        }
    }
    out.sort();
    Ok(out)
}

/// `ps OPTIONS` (default `-ef`) limited to the container's processes, header kept.
pub(crate) fn top(rec: &Record, opts: &[String]) -> Result<String> {
    let opts: Vec<String> = if opts.is_empty() {
        vec!["-ef".into()]
    } else {
        opts.to_vec()
    };
    let out = std::process::Command::new("ps")
        .args(&opts)
        .output()
        .context("cannot run ps")?;
    if !out.status.success() {
        bail!(
            "ps {} failed: {}",
            opts.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let col = header
        .split_whitespace()
        .position(|h| h == "PID")
        .context("ps printed no PID column: include one in its options")?;
    let pids = pids(rec)?;
    let mut res = format!("{header}\n");
    for l in lines {
        if l.split_whitespace()
            .nth(col)
            .and_then(|p| p.parse::<i32>().ok())
            .is_some_and(|p| pids.contains(&p))
        {
            res.push_str(l);
            res.push('\n');
        }
    }
    Ok(res)
}
