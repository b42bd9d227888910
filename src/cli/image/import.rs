//! `skiff image import [-c INSTR]... [-m MSG] FILE|- [REF]` (also `skiff import`): a rootfs
//! tarball becomes an image.
use crate::cli::context::Context;
use crate::cli::output::report::warn;
use crate::engine::image::import::{import, ImportOptions};
use anyhow::{bail, Context as _, Result};
use std::io::IsTerminal;

/// Import the contents from a tarball to create a filesystem image
#[derive(clap::Args, Debug)]
#[command(after_long_help = super::NAMING)]
pub(crate) struct Args {
    /// Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, WORKDIR, VOLUME, STOPSIGNAL)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub(crate) change: Vec<String>,
    /// Set the commit message (the history comment) for the imported image
    #[arg(short, long)]
    pub(crate) message: Option<String>,
    /// The tarball (tar or tar.gz of a root filesystem), or - for STDIN
    pub(crate) file: String,
    /// The name for the image (NAME alone is localhost/NAME, NS/NAME is docker.io/NS/NAME)
    pub(crate) reference: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let mapping = ctx.userns()?.clone();
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
    let report = import(ctx.paths()?, input, &opts)?;
    for n in &report.notes {
        warn(n);
    }
    println!("{}", report.id);
    Ok(0)
}
