//! Hidden `skiff generate-docs DIR`: writes `DIR/man/*.1` and `DIR/completions/*` from the clap
//! definitions. The checked-in copies are made with it; a test fails when they are stale.
use crate::cli::context::Context;
use anyhow::{Context as _, Result};
use std::path::{Path, PathBuf};

/// Write the man pages and completions generated from these definitions
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The directory that receives man/ and completions/ (the repository root)
    pub(crate) dir: PathBuf,
}

fn write(p: &Path, data: &[u8]) -> Result<()> {
    std::fs::write(p, data).with_context(|| format!("cannot write {}", p.display()))
}

fn man_pages(cmd: &clap::Command, prefix: &str, dir: &Path) -> Result<()> {
    let name = if prefix.is_empty() {
        cmd.get_name().to_string()
    } else {
        format!("{prefix}-{}", cmd.get_name())
    };
    let page = cmd.clone().name(name.clone());
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    write(&dir.join(format!("{name}.1")), &out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, &name, dir)?;
    }
    Ok(())
}

pub(crate) fn run(_: &Context, args: Args) -> Result<i32> {
    let man = args.dir.join("man");
    let comp = args.dir.join("completions");
    std::fs::create_dir_all(&man)?;
    std::fs::create_dir_all(&comp)?;
    let mut cmd = crate::cli::public_command();
    cmd.build();
    man_pages(&cmd, "", &man)?;
    for (shell, file) in [
        ("bash", "skiff.bash"),
        ("zsh", "_skiff"),
        ("fish", "skiff.fish"),
    ] {
        write(&comp.join(file), &super::completion::script(shell))?;
    }
    Ok(0)
}
