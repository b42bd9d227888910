//! `skiff history [-q] [--no-trunc] [-H=true|false] IMAGE` (also `image history`).
use crate::engine::image::history::{history, MISSING};
use crate::engine::image::human::{ellipsis, human_since, human_size, table};
use anyhow::Result;

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
    /// The image (name or id)
    pub image: String,
}

pub fn run(a: Args) -> Result<i32> {
    let paths = super::common::paths()?;
    let rows = history(&paths, &a.image)?;
    let id = |s: &str| match (s == MISSING, a.no_trunc) {
        (false, false) => s.trim_start_matches("sha256:").chars().take(12).collect(),
        _ => s.to_string(),
    };
    if a.quiet {
        rows.iter().for_each(|r| println!("{}", id(&r.id)));
        return Ok(0);
    }
    let now = chrono::Utc::now();
    let mut out = vec![["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"]
        .map(String::from)
        .to_vec()];
    for r in &rows {
        let by = r.created_by.replace('\t', " ");
        out.push(vec![
            id(&r.id),
            match a.human {
                true => human_since(r.created, now),
                false => r
                    .created
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                    .unwrap_or_default(),
            },
            if a.no_trunc { by } else { ellipsis(&by, 45) },
            if a.human {
                human_size(r.size)
            } else {
                r.size.to_string()
            },
            r.comment.clone(),
        ]);
    }
    print!("{}", table(&out));
    Ok(0)
}
