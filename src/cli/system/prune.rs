//! `skiff system prune [-a] [--volumes] [-f] [--filter F]`: Docker's prune of everything unused,
//! and the confirmation and report every prune verb prints.
use crate::cli::context::Context;
use crate::engine::image::human::human_size4;
use crate::engine::image::remove::RemoveEvent;
use crate::engine::system::prune::{self, Filters, Options, Report};
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Remove unused data
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Removes the stopped containers, the networks no container uses, the images no container uses (untagged ones only, unless -a), the build cache (what no image uses, all of it with -a) and, with --volumes, the anonymous volumes no container uses. Total reclaimed space is the difference of system df's total before and after.\n\nDIFFERENCES: with --filter the build cache is kept (its entries have no labels); until= compares an image's creation time, a container's creation time."
)]
pub(crate) struct Args {
    /// Remove all unused images, not just dangling ones
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Prune anonymous volumes
    #[arg(long)]
    pub(crate) volumes: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Provide filter values (until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE])
    #[arg(long = "filter", value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let filters = Filters::parse(&a.filter)?;
    let mut what = vec![
        "all stopped containers",
        "all networks not used by at least one container",
    ];
    if a.volumes {
        what.push("all anonymous volumes not used by at least one container");
    }
    what.push(match a.all {
        true => "all images without at least one container associated to them",
        false => "all dangling images",
    });
    what.push(match a.all {
        true => "all build cache",
        false => "unused build cache",
    });
    let text = what
        .iter()
        .map(|w| format!("\n  - {w}"))
        .collect::<String>();
    if !a.force && !confirm("system prune", &format!("This will remove:{text}\n"))? {
        return Ok(0);
    }
    // Layers, upper dirs and volumes hold subordinate-owned files.
    ctx.userns()?;
    let o = Options {
        all: a.all,
        volumes: a.volumes,
        filters,
    };
    print_report(&prune::system(ctx.paths()?, &o)?);
    Ok(0)
}

/// Docker's prompt; false when the user does not answer y. Off a terminal, `-f` is required.
pub(crate) fn confirm(verb: &str, what: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!("{verb} asks before it removes anything: confirm with -f when not on a terminal");
    }
    eprint!("WARNING! {what}Are you sure you want to continue? [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(answer.trim().eq_ignore_ascii_case("y"))
}

/// What a prune removed, in Docker's sections, and `Total reclaimed space:`.
pub(crate) fn print_report(r: &Report) {
    if !r.containers.is_empty() {
        println!("Deleted Containers:");
        r.containers.iter().for_each(|c| println!("{c}"));
        println!();
    }
    if !r.networks.is_empty() {
        println!("Deleted Networks:");
        r.networks.iter().for_each(|n| println!("{n}"));
        println!();
    }
    if !r.volumes.is_empty() {
        println!("Deleted Volumes:");
        r.volumes.iter().for_each(|v| println!("{v}"));
        println!();
    }
    if !r.images.is_empty() {
        println!("Deleted Images:");
        for e in &r.images {
            match e {
                RemoveEvent::Untagged(n) => println!("untagged: {n}"),
                RemoveEvent::Deleted(id) => println!("deleted: {id}"),
            }
        }
        println!();
    }
    if !r.cache.is_empty() {
        println!("Deleted build cache objects:");
        r.cache.iter().for_each(|k| println!("{k}"));
        println!();
    }
    println!("Total reclaimed space: {}", human_size4(r.reclaimed));
}
