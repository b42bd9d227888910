//! `skiff compose top`: the processes of each of the project's running containers, through
//! `skiff top`'s code, each table under its container's name.
use super::{Access, ProjectFlags};
use crate::cli::context::Context;
use anyhow::Result;

/// Display the running processes
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Services whose processes to show; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let (_, members) = flags.members(ctx, &a.services, Access::Read)?;
    for m in members.iter().filter(|m| m.running()) {
        println!("{}", m.record.name);
        let args = crate::cli::container::top::Args {
            container: m.record.id.clone(),
            ps_options: Vec::new(),
        };
        crate::cli::container::top::run(ctx, args)?;
        println!();
    }
    Ok(0)
}
