//! `skiff container logs` (also `skiff logs`): what a container printed, stdout and stderr kept apart.
use crate::cli::context::Context;
use crate::engine::container::logs::{self, LogOptions};
use anyhow::Result;
use chrono::SecondsFormat;
use std::io::Write;

/// Fetch the logs of a container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
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
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let now = chrono::Utc::now();
    let time = |t: &Option<String>| t.as_deref().map(|t| logs::parse_time(t, now)).transpose();
    let tail = match args.tail.as_deref() {
        None | Some("all") => None,
        Some(n) => Some(
            n.parse()
                .map_err(|_| anyhow::anyhow!("invalid --tail {n:?}: use a number or all"))?,
        ),
    };
    let o = LogOptions {
        follow: args.follow,
        tail,
        since: time(&args.since)?,
        until: time(&args.until)?,
    };
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    logs::logs(ctx.paths()?, &args.container, &o, &mut |c| {
        let w: &mut dyn Write = if c.stderr { &mut err } else { &mut out };
        if args.timestamps {
            let _ = write!(w, "{} ", c.time.to_rfc3339_opts(SecondsFormat::Nanos, true));
        }
        let _ = w.write_all(&c.data);
        let _ = w.flush();
    })?;
    Ok(0)
}
