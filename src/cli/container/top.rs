//! `skiff container top` (also `skiff top`): the processes of a container, as `ps` shows them (descriptors passed through).
use crate::cli::context::Context;
use crate::engine::container::{exec, top};
use anyhow::Result;

/// Display the running processes of a container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The container
    pub(crate) container: String,
    /// ps options (default: -ef)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub(crate) ps_options: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let rec = exec::running(ctx.paths()?, &args.container)?;
    print!("{}", top::top(&rec, &args.ps_options)?);
    Ok(0)
}
