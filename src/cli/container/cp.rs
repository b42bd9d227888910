//! `skiff container cp [OPTIONS] SRC DST` (also `skiff cp`): files between a container and the
//! host, or a tar stream (`-`).
use crate::cli::context::Context;
use crate::engine::container::cp::{copy_in, copy_out, CpOptions, Sink};
use crate::engine::container::record;
use crate::error::{coded, describe, Coded};
use anyhow::Result;
use std::io::{IsTerminal, Write};

/// Copy files/folders between a container and the local filesystem
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Use '-' as the source to read a tar archive from STDIN and extract it to a directory destination in a container, or as the destination to stream a tar archive of a container source to STDOUT. Paths in the container are relative to its / and resolve inside its root file system: a symlink there (to /, or ../../..) never reaches the host. Running, stopped and created containers can be copied to and from; a stopped one is not started.\n\nSRC_PATH/. copies a directory's contents; a destination that exists as a directory receives the source under its own name; one that does not exist becomes the copy (its parent must exist); a destination ending in / must be a directory.\n\nDIFFERENCES: without -a, files copied in belong to the container's root and files copied out to you (Docker's daemon keeps the numeric ids of the archive instead). With -a a file keeps the owner it has on the host: your own files copied in are the container's root's (or, with --userns=keep-id, your uid's), and a container file of uid 1000 comes out owned by the matching subordinate id; a tar stream (-) has the container's ids, in and out. Errors exit with 1, as Docker's cp does. Extended attributes are not copied. Paths inside a stopped container's volumes are not reached yet."
)]
pub(crate) struct Args {
    /// Archive mode (copy all uid/gid information)
    #[arg(short = 'a', long)]
    pub(crate) archive: bool,
    /// Always follow symbol link in SRC_PATH
    #[arg(short = 'L', long = "follow-link")]
    pub(crate) follow_link: bool,
    /// Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    /// CONTAINER:SRC_PATH, a host path, or - (a tar archive on STDIN)
    #[arg(value_name = "SRC_PATH")]
    pub(crate) source: String,
    /// CONTAINER:DEST_PATH, a host path, or - (a tar archive to STDOUT)
    #[arg(value_name = "DEST_PATH")]
    pub(crate) destination: String,
}

/// Docker's `splitCpArg`: an absolute path, or one whose part before `:` starts with `.`, is
/// the host's; else `CONTAINER:PATH`.
fn split(arg: &str) -> (Option<&str>, &str) {
    if arg.starts_with('/') {
        return (None, arg);
    }
    match arg.split_once(':') {
        Some((c, p)) if !c.starts_with('.') && !c.is_empty() => (Some(c), p),
        _ => (None, arg),
    }
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    // Docker's cp fails with 1 whatever went wrong.
    copy(ctx, &a).map_err(|e| match e.chain().any(|c| c.is::<Coded>()) {
        true => e,
        false => coded(1, describe(&e)),
    })
}

fn copy(ctx: &Context, a: &Args) -> Result<i32> {
    let o = CpOptions {
        archive: a.archive,
        follow_link: a.follow_link,
    };
    if a.source.is_empty() || a.destination.is_empty() {
        return Err(coded(1, "the source and destination paths cannot be empty"));
    }
    let paths = ctx.paths()?;
    let (size, shown) = match (split(&a.source), split(&a.destination)) {
        ((Some(_), _), (Some(_), _)) => {
            return Err(coded(
                1,
                "copying between containers is not supported: copy to the host first",
            ))
        }
        ((None, _), (None, _)) => {
            return Err(coded(
                1,
                "must specify at least one container source (CONTAINER:PATH)",
            ))
        }
        ((Some(c), src), (None, dst)) => {
            let rec = record::find(paths, c)?;
            // Before any thread: joining a user namespace needs a single-threaded process.
            ctx.userns()?;
            if dst == "-" {
                let mut out =
                    std::io::BufWriter::with_capacity(256 << 10, std::io::stdout().lock());
                copy_out(paths, &rec, src, Sink::Stream(&mut out), o)?;
                out.flush()?;
                return Ok(0);
            }
            (
                copy_out(paths, &rec, src, Sink::Host(dst), o)?,
                dst.to_string(),
            )
        }
        ((None, src), (Some(c), dst)) => {
            let rec = record::find(paths, c)?;
            ctx.userns()?;
            let stdin = std::io::stdin().lock();
            let src = (src != "-").then_some(src);
            let size = copy_in(paths, &rec, src, stdin, dst, o)?;
            if src.is_none() {
                return Ok(0);
            }
            (size, format!("{c}:{dst}"))
        }
    };
    if !a.quiet && std::io::stderr().is_terminal() {
        let size = crate::engine::image::human::human_size(size);
        eprintln!("Successfully copied {size} to {shown}");
    }
    Ok(0)
}
