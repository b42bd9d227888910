//! `skiff top`: the processes of a container, as `ps` shows them (descriptors passed through).
use crate::cli::common;
use crate::engine::container::{exec, top};
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The container
    pub container: String,
    /// ps options (default: -ef)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub ps_options: Vec<String>,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    let rec = exec::running(&paths, &args.container)?;
    print!("{}", top::top(&rec, &args.ps_options)?);
    Ok(0)
}
