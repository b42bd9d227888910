//! `skiff image build [OPTIONS] CONTEXT` (also `skiff build`): an image from a Dockerfile.
use crate::cli::context::Context;
use crate::engine::build::{build, clock, BuildOptions, Event, StepFailed};
use anyhow::{bail, Context as _, Result};
use std::io::Read;
use std::path::PathBuf;

/// Build an image from a Dockerfile
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Each RUN runs in a container of the step's image with the runtime, network and security defaults of skiff run; its changes become a layer. COPY and ADD copy files of the context (never from outside it: a symlink is copied as a symlink) or, with --from, of another stage. Every RUN, COPY and ADD makes an untagged image that later builds reuse when nothing deciding it changed (the image it starts from, the instruction after variable expansion, the build args it sees, the content and metadata of the files it copies; mtimes do not count): the output says --> Using cache ID. The build prints podman's STEP n/m lines, streams RUN output, and prints the image id last; -q prints only the id. A RUN that fails ends the build with exit code 1 (as docker build), nothing tagged and no container left.\n\nDIFFERENCES: this is a first slice of skiff build. Refused with an error naming the instruction or flag (never accepted and ignored): HEALTHCHECK, ONBUILD, heredocs, RUN --mount/--network, ADD of a URL or a local archive, COPY --parents/--link, FROM --platform, --chown with user names (numeric ids work). COPY --from a stage reads its whole file system (hard links and devices are left out). A .dockerignore (or .containerignore) supports *, ?, ** and ! exceptions."
)]
pub(crate) struct Args {
    /// Name (and optionally a tag) for the image, as NAME[:TAG] (several allowed)
    #[arg(short, long = "tag", value_name = "NAME")]
    pub(crate) tag: Vec<String>,
    /// The Dockerfile (default: CONTEXT/Dockerfile, else CONTEXT/Containerfile); - reads it from stdin
    #[arg(short, long = "file", value_name = "FILE")]
    pub(crate) file: Option<String>,
    /// Set a build-time variable (KEY=VALUE, or KEY for its value in the environment)
    #[arg(long = "build-arg", value_name = "KEY=VALUE")]
    pub(crate) build_arg: Vec<String>,
    /// Build the stage of this name (and the stages it needs) only
    #[arg(long, value_name = "STAGE")]
    pub(crate) target: Option<String>,
    /// Do not use the cache: run every step
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Print only the image id
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    pub(crate) iidfile: Option<PathBuf>,
    /// Set every created time to this many seconds since the epoch, and every file's mtime in the new layers (a reproducible build; SOURCE_DATE_EPOCH clamps mtimes instead)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) timestamp: Option<String>,
    /// Set a label on the image (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// The build context: the directory whose files COPY and ADD see
    #[arg(value_name = "CONTEXT")]
    pub(crate) context: PathBuf,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let (dockerfile, name) = dockerfile(&a)?;
    let pair = |s: &String, flag: &str| match s.split_once('=') {
        Some((k, v)) => Ok((k.to_string(), v.to_string())),
        None => bail!("{flag} {s}: expected KEY=VALUE"),
    };
    let build_args = build_args(&a.build_arg);
    let epoch = build_args
        .get("SOURCE_DATE_EPOCH")
        .cloned()
        .or_else(|| std::env::var("SOURCE_DATE_EPOCH").ok());
    let stamp = clock::parse(a.timestamp.as_deref(), epoch.as_deref())?;
    let opts = BuildOptions {
        context: a.context.clone(),
        dockerfile,
        dockerfile_name: name,
        tags: a.tag.clone(),
        build_args,
        target: a.target.clone(),
        no_cache: a.no_cache,
        labels: a
            .label
            .iter()
            .map(|s| pair(s, "--label"))
            .collect::<Result<_>>()?,
        quiet: a.quiet,
        stamp,
    };
    let mapping = ctx.userns()?.clone();
    let quiet = a.quiet;
    let mut show = |e: Event| match (quiet, e) {
        (_, Event::Note(n)) => crate::cli::output::report::warn(n),
        (true, _) => {}
        (_, Event::Step { stage, n, m, text }) => match stage {
            Some((s, t)) => println!("[{s}/{t}] STEP {n}/{m}: {text}"),
            None => println!("STEP {n}/{m}: {text}"),
        },
        (_, Event::CacheHit(id)) => println!("--> Using cache {}", id.hex()),
        (_, Event::Made(id)) => println!("--> {}", &id.hex()[..12]),
        (_, Event::Commit(Some(name))) => println!("COMMIT {name}"),
        (_, Event::Commit(None)) => println!("COMMIT"),
        (_, Event::Tagged(name)) => println!("Successfully tagged {name}"),
    };
    let id = match build(ctx.paths()?, &mapping, &opts, &mut show) {
        Ok(id) => id,
        Err(e) => match e.downcast_ref::<StepFailed>() {
            Some(f) => {
                eprintln!("{f}");
                return Ok(1);
            }
            None => return Err(e),
        },
    };
    if let Some(f) = &a.iidfile {
        std::fs::write(f, id.as_str()).with_context(|| format!("cannot write {}", f.display()))?;
    }
    println!("{}", id.hex());
    Ok(0)
}

/// `--build-arg K=V`, or `--build-arg K` for the value of K in skiff's environment (Docker's:
/// left unset when K is not set there).
fn build_args(args: &[String]) -> std::collections::BTreeMap<String, String> {
    args.iter()
        .filter_map(|s| match s.split_once('=') {
            Some((k, v)) => Some((k.to_string(), v.to_string())),
            None => std::env::var(s).ok().map(|v| (s.clone(), v)),
        })
        .collect()
}

/// The Dockerfile's text and name: `-f FILE`, `-f -` (stdin), or the context's.
fn dockerfile(a: &Args) -> Result<(String, String)> {
    let path = match a.file.as_deref() {
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read the Dockerfile from stdin")?;
            return Ok((s, "Dockerfile".into()));
        }
        Some(f) => PathBuf::from(f),
        None => match ["Dockerfile", "Containerfile"]
            .iter()
            .map(|n| a.context.join(n))
            .find(|p| p.is_file())
        {
            Some(p) => p,
            None => bail!(
                "no Dockerfile or Containerfile in {}: add one or give -f FILE",
                a.context.display()
            ),
        },
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the Dockerfile {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Dockerfile".into());
    Ok((text, name))
}
