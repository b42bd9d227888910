//! `skiff compose ps`: the project's containers, in Docker Compose's columns.
use super::{Access, ProjectFlags};
use crate::cli::context::Context;
use crate::cli::output::containers::{PsRow, COLUMNS};
use crate::cli::output::format;
use crate::cli::output::format::Row as _;
use crate::engine::container::list::Entry;
use anyhow::Result;

/// List containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Show all stopped containers (including those created by the run command)
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Only display IDs
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    /// Display services
    #[arg(long)]
    pub(crate) services: bool,
    /// Format the output: table (the default), json, or a Go template of `ps`'s fields
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Services to list; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) service: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let (_, members) = flags.members(ctx, &a.service, Access::Read)?;
    let shown: Vec<_> = members
        .into_iter()
        .filter(|m| a.all || m.running())
        .collect();
    if a.services {
        let mut names: Vec<&str> = shown.iter().map(|m| m.service.as_str()).collect();
        names.dedup();
        names.iter().for_each(|n| println!("{n}"));
        return Ok(0);
    }
    if a.quiet {
        shown.iter().for_each(|m| println!("{}", m.record.id));
        return Ok(0);
    }
    let now = chrono::Utc::now();
    if let Some(f) = a.format.as_deref().filter(|f| *f != "table") {
        let tmpl = format::parse_list(f)?;
        tmpl.validate(&COLUMNS)?;
        let entries: Vec<Entry> = shown
            .into_iter()
            .map(|m| Entry {
                record: m.record,
                size: None,
            })
            .collect();
        let rows: Vec<_> = entries
            .iter()
            .map(|entry| PsRow {
                entry,
                trunc: true,
                now,
            })
            .collect();
        print!("{}", tmpl.render_rows(&rows, &COLUMNS)?);
        return Ok(0);
    }
    let mut rows = vec![[
        "NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS",
    ]
    .map(String::from)];
    for m in shown {
        let service = m.service.clone();
        let entry = Entry {
            record: m.record,
            size: None,
        };
        let row = PsRow {
            entry: &entry,
            trunc: true,
            now,
        };
        let r = &entry.record;
        rows.push([
            r.name.clone(),
            r.config.image.clone(),
            row.field("Command"),
            service,
            row.field("RunningFor"),
            row.field("Status"),
            row.field("Ports"),
        ]);
    }
    print!("{}", table(&rows));
    Ok(0)
}

/// Columns padded to their widest cell, three spaces apart (Docker's tabwriter).
pub(crate) fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0usize; N];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < N {
                line.push_str(&" ".repeat(widths[i] - c.chars().count() + 3));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
