//! `skiff compose config`: the project as the engine loaded it (interpolated, merged,
//! normalised), or one list of it.
use super::ProjectFlags;
use crate::cli::context::Context;
use crate::engine::compose::{self, Project};
use anyhow::{bail, Result};
use std::collections::BTreeSet;

/// Parse, resolve and render the Compose file in canonical format
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Print the service names, one per line
    #[arg(long)]
    pub(crate) services: bool,
    /// Print the volume names, one per line
    #[arg(long)]
    pub(crate) volumes: bool,
    /// Print the network names, one per line
    #[arg(long)]
    pub(crate) networks: bool,
    /// Print the profile names, one per line
    #[arg(long)]
    pub(crate) profiles: bool,
    /// Print the image names, one per line
    #[arg(long)]
    pub(crate) images: bool,
    /// Print the config hash of the services named (comma-separated, or "*" for all), one "SERVICE HASH" per line
    #[arg(long, value_name = "SERVICES")]
    pub(crate) hash: Option<String>,
    /// Only validate the configuration, print nothing
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Format the output: yaml or json
    #[arg(long, default_value = "yaml", value_name = "FORMAT")]
    pub(crate) format: String,
    /// Do not interpolate environment variables
    #[arg(long)]
    pub(crate) no_interpolate: bool,
    /// Services to print (and what they depend on); default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) service: Vec<String>,
}

pub(crate) fn run(_ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    if a.format != "yaml" && a.format != "json" {
        bail!("unsupported format {:?}: use yaml or json", a.format);
    }
    let mut opts = flags.load_options()?;
    opts.no_interpolate = a.no_interpolate;
    let loaded = super::load(&opts)?;
    let mut project = loaded.project;
    if !a.service.is_empty() {
        select(&mut project, &a.service)?;
    }
    if a.quiet {
        return Ok(0);
    }
    let lines: Option<Vec<String>> = if a.services {
        Some(project.services.keys().cloned().collect())
    } else if a.volumes {
        Some(project.volumes.keys().cloned().collect())
    } else if a.networks {
        Some(project.networks.keys().cloned().collect())
    } else if a.profiles {
        let all = project
            .services
            .values()
            .chain(project.disabled_services.values());
        let set: BTreeSet<String> = all.flat_map(|s| s.profiles.iter().cloned()).collect();
        Some(set.into_iter().collect())
    } else if a.images {
        Some(images(&project))
    } else {
        a.hash.as_deref().map(|h| hashes(&project, h)).transpose()?
    };
    match lines {
        Some(lines) => lines.iter().for_each(|l| println!("{l}")),
        None if a.format == "json" => println!("{}", serde_json::to_string_pretty(&project)?),
        None => print!("{}", serde_yaml_ng::to_string(&project)?),
    }
    Ok(0)
}

/// Keep only `names` (enabled if their profiles are not) and the services they depend on.
fn select(p: &mut Project, names: &[String]) -> Result<()> {
    let mut keep: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = names.to_vec();
    while let Some(n) = todo.pop() {
        // Naming a service enables it whatever its profiles, as Docker does.
        if let Some(s) = p.disabled_services.remove(&n) {
            p.services.insert(n.clone(), s);
        }
        let Some(s) = p.services.get(&n) else {
            bail!("no such service: {n}");
        };
        if keep.insert(n.clone()) {
            todo.extend(s.depends_on.keys().cloned());
        }
    }
    p.services.retain(|n, _| keep.contains(n));
    Ok(())
}

/// The image each service runs: its `image`, else the one `build` makes (`PROJECT-SERVICE`).
fn images(p: &Project) -> Vec<String> {
    p.services
        .iter()
        .map(|(n, s)| s.image.clone().unwrap_or_else(|| format!("{}-{n}", p.name)))
        .collect()
}

fn hashes(p: &Project, which: &str) -> Result<Vec<String>> {
    let names: Vec<String> = match which {
        "*" => p.services.keys().cloned().collect(),
        list => list.split(',').map(str::trim).map(String::from).collect(),
    };
    names
        .iter()
        .map(|n| match p.services.get(n) {
            Some(s) => Ok(format!("{n} {}", compose::config_hash(s))),
            None => bail!("no such service: {n}"),
        })
        .collect()
}
