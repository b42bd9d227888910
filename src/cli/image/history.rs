//! `skiff image history [-q] [--no-trunc] [-H=true|false] IMAGE` (also `skiff history`).
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::format;
use crate::cli::output::images::{
    history_id, HistoryLine, HISTORY_COLUMNS, HISTORY_FORMAT, HISTORY_RAW_FORMAT,
};
use crate::engine::image::history::history;
use anyhow::Result;

/// Show the history of an image
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Print sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub(crate) human: bool,
    /// Only show image IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub(crate) no_trunc: bool,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// The image (name or id)
    pub(crate) image: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let rows = history(ctx.paths()?, &a.image)?;
    if a.quiet {
        rows.iter()
            .for_each(|r| println!("{}", history_id(r.id.as_ref(), a.no_trunc)));
        return Ok(0);
    }
    let fmt = match (a.format.custom(), a.human) {
        (Some(f), _) => f,
        (None, true) => HISTORY_FORMAT,
        (None, false) => HISTORY_RAW_FORMAT,
    };
    let tmpl = format::parse_list(fmt)?;
    let now = chrono::Utc::now();
    let out: Vec<_> = rows
        .iter()
        .map(|row| HistoryLine {
            row,
            human: a.human,
            no_trunc: a.no_trunc,
            now,
        })
        .collect();
    print!("{}", tmpl.render_rows(&out, &HISTORY_COLUMNS)?);
    Ok(0)
}
