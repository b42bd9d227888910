//! `skiff container logs` (also `skiff logs`): what a container printed, stdout and stderr kept apart.
use crate::cli::context::Context;
use crate::cli::flags::logs::LogFlags;
use crate::engine::container::logs::{self, LogSink};
use anyhow::Result;
use std::io::Write;

/// Fetch the logs of a container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) log: LogFlags,
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let o = args.log.options()?;
    let mut sink = Terminal {
        out: std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout().lock()),
        err: std::io::BufWriter::new(std::io::stderr().lock()),
        last_err: false,
        timestamps: args.log.timestamps,
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
