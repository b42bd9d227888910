//! `skiff events`: what happened, from the store's event log; follows new events (inotify on
//! the store) until interrupted, or with `--stream=false` prints what exists and exits.
use crate::cli::context::Context;
use crate::cli::output::events::EventFormat;
use crate::engine::container::logs::parse_time;
use crate::engine::events::read::{self, Filters, Query, Sink};
use crate::engine::events::Event;
use anyhow::Result;
use std::io::Write;

/// Get real time events from the engine
#[derive(clap::Args, Debug)]
#[command(after_long_help = DIFFERENCES)]
pub(crate) struct Args {
    /// Filter output based on conditions provided (type=, event=, container=, image=, network=, volume=, label=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub(crate) filters: Vec<String>,
    /// Format the output using a Go template such as '{{.Action}} {{.Actor.ID}}', or 'json'
    #[arg(long)]
    pub(crate) format: Option<String>,
    /// Show all events created since timestamp (RFC 3339, Unix timestamp, or a duration such as 10m)
    #[arg(long)]
    pub(crate) since: Option<String>,
    /// Stream events created until this timestamp
    #[arg(long)]
    pub(crate) until: Option<String>,
    /// Stream new events; with --stream=false, print the recorded ones and exit
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub(crate) stream: bool,
}

const DIFFERENCES: &str = "skiff has no daemon: every verb that changes state appends its event \
to events.log in the store (one JSON line each, the docker API's message; rotated to \
events.log.1 at 8 MiB), and events reads it. Without --since, events shows only new events, as \
Docker does; --stream=false (podman's) prints every recorded event and exits.

Where skiff differs on purpose:

  - Event types are container, image and volume (skiff has no daemon, plugins or networks to \
report). An image's untag removed by rmi names the tag as its actor, not the image id.";

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let now = chrono::Utc::now();
    let nanos = |t: &Option<String>| -> Result<Option<i64>> {
        t.as_deref()
            .map(|t| parse_time(t, now).map(|t| t.timestamp_nanos_opt().unwrap_or(i64::MAX)))
            .transpose()
    };
    let q = Query {
        since: nanos(&a.since)?,
        until: nanos(&a.until)?,
        filters: Filters::parse(&a.filters)?,
    };
    let mut out = Printer {
        format: EventFormat::parse(a.format.as_deref())?,
        buf: String::new(),
        stdout: std::io::stdout().lock(),
    };
    let paths = ctx.paths()?;
    match a.stream {
        true => read::follow(paths, &q, &mut out)?,
        false => read::read(paths, &q, &mut out)?,
    }
    Ok(0)
}

/// Lines gathered and written when the reader pauses: one write(2) per batch, not per line.
struct Printer {
    format: EventFormat,
    buf: String,
    stdout: std::io::StdoutLock<'static>,
}

impl Sink for Printer {
    fn event(&mut self, e: &Event, line: &[u8]) -> Result<()> {
        self.format.render(e, line, &mut self.buf)?;
        if self.buf.len() > 64 * 1024 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.stdout.write_all(self.buf.as_bytes())?;
        self.stdout.flush()?;
        self.buf.clear();
        Ok(())
    }
}
