//! `skiff images [-a] [-q] [--no-trunc] [--digests] [REPOSITORY[:TAG]]` (also `image ls`).
use crate::engine::image::human::{human_since, human_size, table};
use crate::engine::image::list::{list, ListOptions};
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Show all images (intermediate images too; skiff keeps none, so the same list)
    #[arg(short, long)]
    pub all: bool,
    /// Only show image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Only images whose name matches REPOSITORY[:TAG]
    pub reference: Option<String>,
}

pub fn run(a: Args) -> Result<i32> {
    let paths = super::common::paths()?;
    let rows = list(
        &paths,
        &ListOptions {
            filter: a.reference,
        },
    )?;
    let id = |full: &str| match a.no_trunc {
        true => full.to_string(),
        false => full
            .trim_start_matches("sha256:")
            .chars()
            .take(12)
            .collect(),
    };
    if a.quiet {
        let mut seen = std::collections::HashSet::new();
        for r in rows.iter().filter(|r| seen.insert(r.id.clone())) {
            println!("{}", id(&r.id));
        }
        return Ok(0);
    }
    let mut head = vec!["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"];
    if !a.digests {
        head.remove(2);
    }
    let mut out = vec![head.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    let now = chrono::Utc::now();
    for r in &rows {
        let mut line = vec![r.repository.clone(), r.tag.clone()];
        if a.digests {
            line.push(r.digest.clone());
        }
        line.extend([id(&r.id), human_since(r.created, now), human_size(r.size)]);
        out.push(line);
    }
    print!("{}", table(&out));
    Ok(0)
}
