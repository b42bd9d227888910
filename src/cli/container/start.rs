//! `skiff start`: start a created or stopped container.
use crate::cli::common;
use crate::engine::container::{detach, record, start};
use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Attach STDOUT/STDERR and forward signals
    #[arg(short = 'a', long)]
    pub attach: bool,
    /// Attach container's STDIN
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Containers to start
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: Args) -> Result<i32> {
    if !args.attach {
        let paths = common::paths()?;
        common::enter_userns(&paths)?;
        return common::each(&args.containers, |c| {
            let rec = record::find(&paths, c)?;
            if rec.live_status() != record::Status::Running {
                detach::start(&paths, &rec.id)?;
            }
            Ok(c.to_string())
        });
    }
    if args.containers.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    let paths = common::paths()?;
    common::enter_userns(&paths)?;
    let rec = record::find(&paths, &args.containers[0])?;
    start::run_foreground(
        &paths,
        rec,
        None,
        &start::StartOptions {
            stdin: args.interactive,
        },
    )
}
