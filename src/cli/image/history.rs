//! `skiff history [-q] [--no-trunc] [-H=true|false] IMAGE` (also `image history`).
use crate::cli::output::format;
use crate::engine::image::history::{history, MISSING};
use crate::engine::image::human::{ellipsis, human_since, human_size};
use anyhow::Result;

/// Docker's column titles for `table` templates.
const HEADER: &[(&str, &str)] = &[
    ("ID", "IMAGE"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("CreatedBy", "CREATED BY"),
    ("Size", "SIZE"),
    ("Comment", "COMMENT"),
];

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub human: bool,
    /// Only show image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Format output with a Go template, 'table TEMPLATE' or 'json'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The image (name or id)
    pub image: String,
}

pub fn run(a: Args) -> Result<i32> {
    let paths = crate::cli::common::paths()?;
    let rows = history(&paths, &a.image)?;
    let id = |s: &str| match (s == MISSING, a.no_trunc) {
        (false, false) => s.trim_start_matches("sha256:").chars().take(12).collect(),
        _ => s.to_string(),
    };
    if a.quiet {
        rows.iter().for_each(|r| println!("{}", id(&r.id)));
        return Ok(0);
    }
    let fmt = match (a.format.as_deref(), a.human) {
        (Some(f), _) if f != "table" => f,
        (_, true) => "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        // Docker's non-human table shows CreatedAt under "CREATED AT".
        (_, false) => "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
    };
    let tmpl = format::parse_list(fmt)?;
    let now = chrono::Utc::now();
    let out: Vec<_> = rows
        .iter()
        .map(|r| {
            let by = r.created_by.replace('\t', " ");
            let at = r
                .created
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default();
            format::strings([
                ("ID", id(&r.id)),
                (
                    "CreatedSince",
                    if a.human {
                        human_since(r.created, now)
                    } else {
                        at.clone()
                    },
                ),
                ("CreatedAt", at),
                ("CreatedBy", if a.no_trunc { by } else { ellipsis(&by, 45) }),
                (
                    "Size",
                    if a.human {
                        human_size(r.size)
                    } else {
                        r.size.to_string()
                    },
                ),
                ("Comment", r.comment.clone()),
            ])
        })
        .collect();
    print!("{}", tmpl.render(&out, HEADER)?);
    Ok(0)
}
