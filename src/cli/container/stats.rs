//! `skiff container stats` (also `skiff stats`): containers' CPU, memory, network, block I/O
//! and pids, Docker's columns; a live table every second, or one with `--no-stream`.
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::format::{self, Columns, Row};
use crate::engine::container::record::{self, Record, Status};
use crate::engine::container::stats::{self, Sample};
use crate::engine::image::human;
use anyhow::Result;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const DEFAULT_FORMAT: &str = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

const COLUMNS: Columns = Columns {
    docker: &[
        ("Container", "CONTAINER"),
        ("ID", "CONTAINER ID"),
        ("Name", "NAME"),
        ("CPUPerc", "CPU %"),
        ("MemUsage", "MEM USAGE / LIMIT"),
        ("MemPerc", "MEM %"),
        ("NetIO", "NET I/O"),
        ("BlockIO", "BLOCK I/O"),
        ("PIDs", "PIDS"),
    ],
    more: &[],
};

/// Display a live stream of container(s) resource usage statistics
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Usage comes from each container's own cgroups, which skiff makes at its start where the user may (see skiff-run(1), RESOURCE LIMITS); where none was made, the figures show 0.\n\nDIFFERENCES: with --no-stream, CPU % is the average since the container started (podman's way), so the answer comes at once instead of after a second's sampling; the live table shows the last second's use, as Docker's."
)]
pub(crate) struct Args {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Disable streaming stats and only pull the first result
    #[arg(long = "no-stream")]
    pub(crate) no_stream: bool,
    /// Do not truncate output
    #[arg(long = "no-trunc")]
    pub(crate) no_trunc: bool,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// Containers to show (default: all running)
    #[arg(value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

struct StatsRow<'a> {
    shown_as: &'a str,
    now: &'a Sample,
    cpu: f64,
    trunc: bool,
}

impl Row for StatsRow<'_> {
    fn field(&self, name: &str) -> String {
        let s = self.now;
        let limit = stats::memory_limit(s);
        let pct = |v: f64| format!("{v:.2}%");
        match name {
            "Container" => self.shown_as.to_string(),
            "ID" if self.trunc => s.id.chars().take(12).collect(),
            "ID" => s.id.clone(),
            "Name" => s.name.clone(),
            "CPUPerc" if !s.running => "--".into(),
            "CPUPerc" => pct(self.cpu),
            "MemUsage" if !s.running => "-- / --".into(),
            "MemUsage" => format!(
                "{} / {}",
                human::binary_size(s.usage.memory),
                human::binary_size(limit)
            ),
            "MemPerc" if !s.running => "--".into(),
            "MemPerc" => pct(s.usage.memory as f64 * 100.0 / limit.max(1) as f64),
            "NetIO" if !s.running => "-- / --".into(),
            "NetIO" => format!(
                "{} / {}",
                human::human_size(s.net_rx),
                human::human_size(s.net_tx)
            ),
            "BlockIO" if !s.running => "-- / --".into(),
            "BlockIO" => format!(
                "{} / {}",
                human::human_size(s.usage.block_read),
                human::human_size(s.usage.block_write)
            ),
            "PIDs" if !s.running => "--".into(),
            "PIDs" => s.usage.pids.to_string(),
            _ => String::new(),
        }
    }
}

/// The containers to show: those named (each must exist), else the running ones (all with -a).
fn chosen(ctx: &Context, args: &Args) -> Result<Vec<(String, Record)>> {
    let paths = ctx.paths()?;
    if !args.containers.is_empty() {
        return args
            .containers
            .iter()
            .map(|c| Ok((c.clone(), record::find(paths, c)?)))
            .collect();
    }
    let mut all = record::list(paths)?;
    all.sort_by_key(|r| std::cmp::Reverse(r.created));
    Ok(all
        .into_iter()
        .filter(|r| args.all || r.live_status() == Status::Running)
        .map(|r| (r.id.chars().take(12).collect(), r))
        .collect())
}

/// The table of `recs` now: CPU % against each one's previous sample (or its start).
fn table(
    tmpl: &format::ListFormat,
    recs: &[(String, Record)],
    prev: &mut HashMap<String, Sample>,
    trunc: bool,
) -> Result<String> {
    let samples: Vec<Sample> = recs.iter().map(|(_, r)| stats::sample(r)).collect();
    let rows: Vec<StatsRow> = recs
        .iter()
        .zip(&samples)
        .map(|((shown, r), s)| {
            let cpu = match prev.get(&s.id) {
                Some(p) => stats::cpu_percent(p, s),
                None => since_start(r, s),
            };
            StatsRow {
                shown_as: shown,
                now: s,
                cpu,
                trunc,
            }
        })
        .collect();
    let out = tmpl.render_rows(&rows, &COLUMNS)?;
    prev.clear();
    prev.extend(samples.into_iter().map(|s| (s.id.clone(), s)));
    Ok(out)
}

/// CPU % since the container started (podman's figure for a first sample).
fn since_start(r: &Record, s: &Sample) -> f64 {
    let up = r.state.started_at.map_or(0, |t| {
        (chrono::Utc::now() - t).num_nanoseconds().unwrap_or(0)
    });
    let start = Sample {
        at: s.at - Duration::from_nanos(up.max(0) as u64),
        usage: Default::default(),
        ..s.clone()
    };
    stats::cpu_percent(&start, s)
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let fmt = args.format.custom().unwrap_or(DEFAULT_FORMAT).to_string();
    let tmpl = format::parse_list(&fmt)?;
    tmpl.validate(&COLUMNS)?;
    let mut prev = HashMap::new();
    let tty = std::io::stdout().is_terminal();
    loop {
        let began = Instant::now();
        let recs = chosen(ctx, &args)?;
        let text = table(&tmpl, &recs, &mut prev, !args.no_trunc)?;
        let mut out = std::io::stdout().lock();
        if tty && !args.no_stream {
            // Docker's live view: the screen cleared and drawn again.
            write!(out, "\x1b[2J\x1b[H")?;
        }
        write!(out, "{text}")?;
        out.flush()?;
        if args.no_stream {
            return Ok(0);
        }
        std::thread::sleep(Duration::from_secs(1).saturating_sub(began.elapsed()));
    }
}
