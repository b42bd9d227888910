//! `skiff completion SHELL`: prints the completion script generated from the clap definitions.
use crate::cli::context::Context;
use anyhow::Result;
use clap_complete::Shell;

/// Print a shell completion script (bash, zsh, fish)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The shell: bash, zsh or fish
    #[arg(value_parser = ["bash", "zsh", "fish"])]
    pub(crate) shell: String,
}

/// The completion script for `shell`.
pub(crate) fn script(shell: &str) -> Vec<u8> {
    let sh = match shell {
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        _ => Shell::Bash,
    };
    let mut out = Vec::new();
    clap_complete::generate(sh, &mut crate::cli::public_command(), "skiff", &mut out);
    out
}

pub(crate) fn run(_: &Context, args: Args) -> Result<i32> {
    use std::io::Write;
    std::io::stdout().write_all(&script(&args.shell))?;
    Ok(0)
}
