//! `skiff system check [--repair] [-f]`: verify the store (podman's verb), one line a problem.
use crate::cli::context::Context;
use crate::engine::system::check::{check, repair, Repaired};
use crate::error::coded;
use anyhow::Result;

/// Check storage consistency
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Verifies every blob against its digest; every image's manifest, config, layer blobs and unpacked layers (each with the diff id its chain expects); container records naming a missing image or layer; leftovers of interrupted work (temp and trash entries whose owner process died, and the step containers of a build that was killed); runtime directories of containers that no longer exist; containers recorded as running whose monitor is gone.\n\nPrints one line per problem and exits 1 if there is any. With --repair, each line says whether it was repaired, and the exit code is 1 only if something could not be: corrupt blobs are deleted, broken images removed (with what only they used), stale state marked exited, leftovers deleted (a killed build's step containers removed). A container whose image or layers are missing, or that uses a broken image, is removed only with --force: that deletes its writable layer. A container still running without its monitor is killed (and its exit recorded) only with --force.\n\nDIFFERENCES: podman's --quick and --max are not supported (an error)."
)]
pub(crate) struct Args {
    /// Remove what is broken and nothing refers to
    #[arg(short, long)]
    pub(crate) repair: bool,
    /// With --repair, also remove containers whose image or layers are broken
    #[arg(short, long)]
    pub(crate) force: bool,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    if a.force && !a.repair {
        anyhow::bail!("--force needs --repair: it says what a repair may remove");
    }
    // Layer trees may hold directories only the namespace's root can read, or delete.
    ctx.userns()?;
    let paths = ctx.paths()?;
    let problems = check(paths)?;
    if !a.repair {
        for p in &problems {
            println!("{}", p.text);
        }
        return Ok(i32::from(!problems.is_empty()));
    }
    let mut kept = 0;
    for (p, r) in problems.iter().zip(repair(paths, &problems, a.force)) {
        match r {
            Repaired::Done => println!("{}: repaired", p.text),
            Repaired::Kept(why) => {
                kept += 1;
                println!("{}: not repaired: {why}", p.text)
            }
        }
    }
    match kept {
        0 => Ok(0),
        n => Err(coded(1, format!("{n} problems could not be repaired"))),
    }
}
