//! `skiff compose logs`, and the log following of an attached `up`: every container's lines on
//! stdout, each prefixed with its container's name (coloured per service on a terminal).
use super::{Access, ProjectFlags};
use crate::cli::context::Context;
use crate::cli::flags::logs::LogFlags;
use crate::engine::compose::{down, state, Project};
use crate::engine::container::logs::{self, Chunk, LogOptions, LogSink};
use crate::engine::container::record;
use crate::store::Paths;
use anyhow::Result;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// View output from containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) log: LogFlags,
    /// Produce monochrome output
    #[arg(long)]
    pub(crate) no_color: bool,
    /// Don't print a prefix in the logs
    #[arg(long)]
    pub(crate) no_log_prefix: bool,
    /// Services whose logs to show; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let o = a.log.options()?;
    let (_, members) = flags.members(ctx, &a.services, Access::Read)?;
    let paths = ctx.paths()?;
    let targets: Vec<(String, String, String)> = members
        .iter()
        .map(|m| {
            (
                m.record.id.clone(),
                m.record.name.clone(),
                m.service.clone(),
            )
        })
        .collect();
    let style = Style::new(&targets, !a.no_log_prefix, !a.no_color, a.log.timestamps);
    std::thread::scope(|sc| {
        for (i, (id, ..)) in targets.iter().enumerate() {
            let (style, o) = (&style, &o);
            sc.spawn(move || {
                let mut sink = style.sink(i);
                let _ = logs::logs(paths, id, o, &mut sink);
                sink.idle();
            });
        }
    });
    Ok(0)
}

/// How an attached `up` follows its containers.
pub(crate) struct Follow {
    pub(crate) prefix: bool,
    pub(crate) color: bool,
    /// `--abort-on-container-exit`: the first exit ends it.
    pub(crate) abort: bool,
    pub(crate) exit_code_from: Option<String>,
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn interrupted(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Follows the containers `ids` until they have all exited (or one has, with `abort`), or
/// Ctrl-C; returns the exit code `up` gives (130 after Ctrl-C).
/// `tick` runs between looks at the followers (at least every 50 ms): `up --watch`'s watcher.
pub(crate) fn attach(
    paths: &Paths,
    p: &Project,
    ids: &[String],
    f: &Follow,
    tick: &mut dyn FnMut(),
) -> Result<i32> {
    let members = state::members(paths, &p.name)?;
    let targets: Vec<(String, String, String)> = members
        .iter()
        .filter(|m| ids.contains(&m.record.id))
        .map(|m| {
            (
                m.record.id.clone(),
                m.record.name.clone(),
                m.service.clone(),
            )
        })
        .collect();
    let style = Style::new(&targets, f.prefix, f.color, false);
    let o = LogOptions {
        follow: true,
        ..Default::default()
    };
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { libc::signal(libc::SIGINT, interrupted as *const () as libc::sighandler_t) };
    let done: Vec<AtomicBool> = targets.iter().map(|_| AtomicBool::new(false)).collect();
    std::thread::scope(|sc| {
        for (i, (id, ..)) in targets.iter().enumerate() {
            let (style, o, done) = (&style, &o, &done);
            sc.spawn(move || {
                let mut sink = style.sink(i);
                let _ = logs::logs(paths, id, o, &mut sink);
                sink.idle();
                done[i].store(true, Ordering::SeqCst);
            });
        }
        loop {
            let ended = done.iter().filter(|d| d.load(Ordering::SeqCst)).count();
            if INTERRUPTED.load(Ordering::SeqCst) || ended == done.len() || (f.abort && ended > 0) {
                break;
            }
            tick();
        }
        // The followers still running end when their containers stop.
        if done.iter().any(|d| !d.load(Ordering::SeqCst)) {
            eprintln!("Gracefully stopping... (press Ctrl+C again to force)");
            // SAFETY: back to the default action: a second Ctrl-C ends skiff at once.
            unsafe { libc::signal(libc::SIGINT, libc::SIG_DFL) };
            let members = state::members(paths, &p.name).unwrap_or_default();
            let live: Vec<_> = members
                .into_iter()
                .filter(|m| ids.contains(&m.record.id))
                .collect();
            down::stop_all(paths, &live, None, &mut super::progress::event);
        }
    });
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Ok(130);
    }
    let Some(svc) = &f.exit_code_from else {
        return Ok(0);
    };
    let id = targets.iter().find(|t| &t.2 == svc).map(|t| t.0.clone());
    Ok(
        match id.and_then(|id| record::load(paths, &id).ok().flatten()) {
            Some(r) => r.state.exit_code,
            None => 0,
        },
    )
}

/// Prefixes (`NAME  | `, padded to the longest name) and colours per service.
struct Style {
    prefixes: Vec<String>,
    timestamps: bool,
    out: Mutex<()>,
}

impl Style {
    fn new(
        targets: &[(String, String, String)],
        prefix: bool,
        color: bool,
        timestamps: bool,
    ) -> Style {
        let width = targets.iter().map(|t| t.1.len()).max().unwrap_or(0);
        let color = color && std::io::stdout().is_terminal();
        let mut services: Vec<&String> = targets.iter().map(|t| &t.2).collect();
        services.dedup();
        let prefixes = targets
            .iter()
            .map(|(_, name, svc)| {
                if !prefix {
                    return String::new();
                }
                let text = format!("{name:<width$}  | ");
                match color {
                    true => {
                        let n = services.iter().position(|s| *s == svc).unwrap_or(0);
                        format!("\x1b[{}m{text}\x1b[0m", 31 + n % 6)
                    }
                    false => text,
                }
            })
            .collect();
        Style {
            prefixes,
            timestamps,
            out: Mutex::new(()),
        }
    }

    fn sink(&self, i: usize) -> Prefixed<'_> {
        Prefixed {
            style: self,
            i,
            line: Vec::new(),
        }
    }
}

/// A container's lines, written whole (prefix, time, text) under the shared lock.
struct Prefixed<'a> {
    style: &'a Style,
    i: usize,
    line: Vec<u8>,
}

impl LogSink for Prefixed<'_> {
    fn chunk(&mut self, c: Chunk) {
        if self.line.is_empty() {
            self.line
                .extend_from_slice(self.style.prefixes[self.i].as_bytes());
            if self.style.timestamps {
                self.line.extend_from_slice(c.time);
                self.line.push(b' ');
            }
        }
        self.line.extend_from_slice(c.text);
        if c.newline {
            self.line.push(b'\n');
            let _guard = self.style.out.lock();
            let _ = std::io::stdout().lock().write_all(&self.line);
            self.line.clear();
        }
    }
    fn idle(&mut self) {
        let _guard = self.style.out.lock();
        let mut out = std::io::stdout().lock();
        if !self.line.is_empty() {
            let _ = out.write_all(&self.line);
            self.line.clear();
        }
        let _ = out.flush();
    }
}
