//! The flags `logs` and `compose logs` share: which lines (`-n`, `--since`, `--until`), whether
//! to follow (`-f`) and whether to show timestamps (`-t`).
use crate::engine::container::logs::{self, LogOptions};
use anyhow::{bail, Result};

#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct LogFlags {
    /// Follow log output
    #[arg(short = 'f', long)]
    pub(crate) follow: bool,
    /// Number of lines to show from the end of the logs ("all" for all)
    #[arg(short = 'n', long, value_name = "N")]
    pub(crate) tail: Option<String>,
    /// Show timestamps
    #[arg(short = 't', long)]
    pub(crate) timestamps: bool,
    /// Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)
    #[arg(long)]
    pub(crate) since: Option<String>,
    /// Show logs before a timestamp or relative time
    #[arg(long)]
    pub(crate) until: Option<String>,
}

impl LogFlags {
    /// The engine's options: relative times are taken from now.
    pub(crate) fn options(&self) -> Result<LogOptions> {
        let now = chrono::Utc::now();
        let time = |t: &Option<String>| t.as_deref().map(|t| logs::parse_time(t, now)).transpose();
        let tail = match self.tail.as_deref() {
            None | Some("all") => None,
            Some(n) => match n.parse() {
                Ok(n) => Some(n),
                Err(_) => bail!("invalid --tail {n:?}: use a number or all"),
            },
        };
        Ok(LogOptions {
            follow: self.follow,
            tail,
            since: time(&self.since)?,
            until: time(&self.until)?,
        })
    }
}
