//! `skiff compose images`: the images the project's containers were created from.
use super::ps::table;
use super::{Access, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::image::human::human_size;
use anyhow::Result;

/// List images used by the created containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Only display IDs
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    /// Services whose images to list; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let (_, members) = flags.members(ctx, &a.services, Access::Read)?;
    let paths = ctx.paths()?;
    let all = crate::engine::image::list::list(paths, &Default::default())?;
    let mut rows = vec![["CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE"].map(String::from)];
    for m in &members {
        let r = &m.record;
        let id = r.image_id.to_string();
        let short = id
            .trim_start_matches("sha256:")
            .get(..12)
            .unwrap_or_default()
            .to_string();
        if a.quiet {
            println!("{}", id.trim_start_matches("sha256:"));
            continue;
        }
        let (repo, tag) = match r
            .image_name
            .rsplit_once(':')
            .filter(|(_, t)| !t.contains('/'))
        {
            Some((repo, tag)) => (repo.to_string(), tag.to_string()),
            None => (r.image_name.clone(), "<none>".to_string()),
        };
        let size = all
            .iter()
            .find(|i| i.id == r.image_id)
            .map(|i| human_size(i.size))
            .unwrap_or_default();
        rows.push([r.name.clone(), repo, tag, short, size]);
    }
    if !a.quiet {
        print!("{}", table(&rows));
    }
    Ok(0)
}
