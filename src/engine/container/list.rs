//! `ps`: container records with their live state, newest first.
use super::record::{self, Record, Status};
use crate::engine::image::human;
use crate::store::Paths;
use anyhow::Result;
use chrono::{DateTime, Utc};

pub struct ListOptions {
    pub all: bool,
    /// Only the n most recently created (`-n`; `-l` is 1). Implies all states.
    pub last: Option<usize>,
}

pub fn list(paths: &Paths, o: &ListOptions) -> Result<Vec<Record>> {
    let mut v = record::list(paths)?;
    v.sort_by_key(|r| std::cmp::Reverse(r.created));
    if let Some(n) = o.last {
        v.truncate(n);
    } else if !o.all {
        v.retain(|r| r.live_status() == Status::Running);
    }
    Ok(v)
}

/// Docker's STATUS column: `Created`, `Up 5 seconds`, `Exited (3) 2 minutes ago`.
pub fn status_text(r: &Record, now: DateTime<Utc>) -> String {
    let since = |t: Option<DateTime<Utc>>| {
        human::human_duration(t.map(|t| (now - t).num_seconds()).unwrap_or(0))
    };
    match r.live_status() {
        Status::Created => "Created".into(),
        Status::Running => {
            let health = match r.state.health.as_ref().map(|h| h.status.as_str()) {
                Some("starting") => " (health: starting)",
                Some("healthy") => " (healthy)",
                Some("unhealthy") => " (unhealthy)",
                _ => "",
            };
            format!("Up {}{health}", since(r.state.started_at))
        }
        Status::Exited if r.state.status == Status::Running => "Exited (-1) Less than a second ago"
            .replace("Less than a second", &since(r.state.started_at)),
        Status::Exited => format!(
            "Exited ({}) {} ago",
            r.state.exit_code,
            since(r.state.finished_at)
        ),
    }
}

/// Docker's COMMAND column: the command quoted, cut to 20 characters with an ellipsis.
pub fn command_text(r: &Record, trunc: bool) -> String {
    let mut cmd = r.path.clone();
    for a in &r.args {
        cmd.push(' ');
        cmd.push_str(a);
    }
    let cmd = if trunc {
        human::ellipsis(&cmd, 20)
    } else {
        cmd
    };
    format!("{cmd:?}")
}
