//! `skiff inspect`.
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

pub fn run(_args: Args) -> Result<i32> {
    anyhow::bail!("skiff inspect is not built yet")
}

/// `skiff image inspect`: images only.
pub fn run_image(args: Args) -> Result<i32> {
    run(args)
}

/// `skiff container inspect`: containers only.
pub fn run_container(args: Args) -> Result<i32> {
    run(args)
}
