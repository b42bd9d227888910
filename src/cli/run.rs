//! `skiff run`.
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

pub fn run(_args: Args) -> Result<i32> {
    anyhow::bail!("skiff run is not built yet")
}
