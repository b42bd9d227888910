//! Health checks (Docker's HEALTHCHECK / `--health-*`): the command runs in the container every
//! interval; `retries` failures in a row (outside the start period) make it unhealthy.
use super::exec::{self, ExecOptions};
use super::record::{self, HealthLog, Record};
use crate::runtime::ChildFds;
use crate::store::Paths;
use anyhow::Result;
use chrono::Utc;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

/// The check's command as an exec argv.
fn argv(test: &[String]) -> Vec<String> {
    match test.first().map(String::as_str) {
        Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), test[1..].join(" ")],
        Some("CMD") => test[1..].to_vec(),
        _ => test.to_vec(),
    }
}

/// Runs the check once; returns (exit code, output). A timeout counts as a failure.
fn probe(paths: &Paths, rec: &Record) -> Result<(i32, String)> {
    let Some(hc) = &rec.healthcheck else {
        return Ok((0, String::new()));
    };
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let fds = ChildFds {
        stdin: None,
        stdout: w.try_clone()?,
        stderr: w,
    };
    let o = ExecOptions {
        command: argv(&hc.test),
        ..Default::default()
    };
    let child = match exec::spawn(paths, rec, &o, Some(fds)) {
        Ok(c) => c,
        Err(e) => return Ok((crate::error::exit_code(&e), format!("{e:#}"))),
    };
    let deadline = Instant::now() + Duration::from_nanos(hc.timeout);
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            let _ = nix::sys::signal::kill(child.pid, nix::sys::signal::Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(child.pid, None);
            let secs = hc.timeout as f64 / 1e9;
            return Ok((-1, format!("Health check exceeded timeout ({secs}s)")));
        }
        let mut fds = [PollFd::new(r.as_fd(), PollFlags::POLLIN)];
        let ms = left.as_millis().min(u16::MAX as u128) as u16;
        if poll(&mut fds, PollTimeout::from(ms)).unwrap_or(0) == 0 {
            continue;
        }
        match nix::unistd::read(&r, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) if out.len() < 4096 => out.extend_from_slice(&buf[..n]),
            Ok(_) => {}
        }
    }
    let code = match nix::sys::wait::waitpid(child.pid, None) {
        Ok(nix::sys::wait::WaitStatus::Exited(_, c)) => c,
        _ => 1,
    };
    Ok((code, String::from_utf8_lossy(&out).to_string()))
}

/// Runs one check and records its result; returns the check's exit code.
pub(crate) fn run_check(paths: &Paths, rec: &mut Record) -> Result<i32> {
    let start = Utc::now();
    let (code, output) = probe(paths, rec)?;
    let end = Utc::now();
    let Some(hc) = rec.healthcheck.clone() else {
        return Ok(0);
    };
    let in_start_period = rec
        .state
        .started_at
        .is_some_and(|t| (end - t).num_nanoseconds().unwrap_or(i64::MAX) < hc.start_period as i64);
    let fresh = record::update(paths, &rec.id, |r| {
        let h = r.state.health.get_or_insert_with(Default::default);
        h.log.push(HealthLog {
            start: Some(start),
            end: Some(end),
            exit_code: code,
            output,
        });
        if h.log.len() > 5 {
            h.log.remove(0);
        }
        if code == 0 {
            h.status = "healthy".into();
            h.failing_streak = 0;
        } else if !in_start_period {
            h.failing_streak += 1;
            if h.failing_streak >= hc.retries {
                h.status = "unhealthy".into();
            }
        }
    })?;
    if let Some(f) = fresh {
        let was = rec.state.health.as_ref().map(|h| h.status.clone());
        let now = f.state.health.as_ref().map(|h| h.status.clone());
        *rec = f;
        if let Some(now) = now.filter(|n| Some(n) != was.as_ref()) {
            let action = format!("health_status: {now}");
            crate::engine::events::container(paths, rec, &action, &[]);
        }
    }
    Ok(code)
}
