//! `skiff container logs` (also `skiff logs`): what a container printed, stdout and stderr kept apart.
use crate::cli::context::Context;
use crate::engine::container::logs::{self, LogOptions, LogSink};
use anyhow::Result;
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
    let mut sink = Terminal {
        out: std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout().lock()),
        err: std::io::BufWriter::new(std::io::stderr().lock()),
        last_err: false,
        timestamps: args.timestamps,
    };
    logs::logs(ctx.paths()?, &args.container, &o, &mut sink)?;
    Ok(0)
}

/// Our stdout and stderr, buffered: one write(2) per buffer, not per line. A switch of stream
/// flushes the other, so lines keep their order on a terminal that shows both.
struct Terminal<O: Write, E: Write> {
    out: std::io::BufWriter<O>,
    err: std::io::BufWriter<E>,
    last_err: bool,
    timestamps: bool,
}

impl<O: Write, E: Write> LogSink for Terminal<O, E> {
    fn chunk(&mut self, c: logs::Chunk) {
        if c.stderr != self.last_err {
            self.idle();
            self.last_err = c.stderr;
        }
        let w: &mut dyn Write = if c.stderr {
            &mut self.err
        } else {
            &mut self.out
        };
        if self.timestamps {
            let _ = w.write_all(c.time);
            let _ = w.write_all(b" ");
        }
        let _ = w.write_all(c.text);
        if c.newline {
            let _ = w.write_all(b"\n");
        }
    }
    fn idle(&mut self) {
        let _ = self.out.flush();
        let _ = self.err.flush();
    }
}
