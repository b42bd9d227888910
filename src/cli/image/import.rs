//! `skiff import [-c INSTR]... [-m MSG] FILE|- [REF]`: a rootfs tarball becomes an image.
use crate::engine::image::import::{import, ImportOptions};
use anyhow::{bail, Context, Result};
use std::io::IsTerminal;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Set the commit message (the history comment) for the imported image
    #[arg(short, long)]
    pub message: Option<String>,
    /// The tarball (tar or tar.gz of a root filesystem), or - for STDIN
    pub file: String,
    /// The name for the image (localhost/ is added when it has no domain)
    pub reference: Option<String>,
}

pub fn run(a: Args) -> Result<i32> {
    let paths = crate::cli::common::paths()?;
    let mapping = crate::cli::common::enter_userns(&paths)?;
    let input: Box<dyn std::io::Read> = if a.file == "-" {
        if std::io::stdin().is_terminal() {
            bail!("requested import from stdin, but stdin is a terminal; redirect a tarball into it or give a file");
        }
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(&a.file).with_context(|| format!("cannot open {}", a.file))?)
    };
    let opts = ImportOptions {
        source: a.file,
        changes: a.change,
        message: a.message,
        reference: a.reference,
        mapping,
    };
    let report = import(&paths, input, &opts)?;
    for n in &report.notes {
        crate::cli::common::warn(n);
    }
    println!("{}", report.id);
    Ok(0)
}
