//! `skiff image build [OPTIONS] CONTEXT` (also `skiff build`): an image from a Dockerfile.
use crate::cli::context::Context;
use crate::cli::flags::registry::RegistryFlags;
use crate::cli::output::progress::Progress;
use crate::engine::build::{
    build, cache_repo, clock, inputs, BuildOptions, Event, ImageFormat, StepFailed,
};
use crate::engine::image::pull::{PullOptions, PullPolicy};
use anyhow::{bail, Context as _, Result};
use std::path::PathBuf;

/// Build an image from a Dockerfile
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Each RUN runs in a container of the step's image with the runtime, network and security defaults of skiff run; its changes become a layer. COPY and ADD copy files of the context (never from outside it: a symlink is copied as a symlink) or, with --from, of another stage. The context is a directory, or - for a tar on stdin (plain, gzip or zstd; -f then names a file in it) or a bare Dockerfile on stdin with an empty context. An ignore file next to the Dockerfile (Dockerfile.dockerignore for -f Dockerfile) takes precedence over the context's .dockerignore (or .containerignore). Every RUN, COPY and ADD makes an untagged image that later builds reuse when nothing deciding it changed (the image it starts from, the instruction after variable expansion, the build args it sees, the content and metadata of the files it copies; mtimes do not count): the output says --> Using cache ID; builder prune removes them. The build prints podman's STEP n/m lines, streams RUN output, and prints the image id last; -q prints only the id. A RUN that fails ends the build with exit code 1 (as docker build), nothing tagged and no container left. --timestamp N sets every created time and every mtime in the new layers to N (podman's); SOURCE_DATE_EPOCH, from the environment or --build-arg, sets the created times and clamps mtimes (Docker's rewrite-timestamp): two builds of one context give one image id. The FROM and COPY --from images that are no stage are pulled before the first step as --pull says (podman's policies: missing, the default, also false; always, also true or a bare --pull; never). --layers=false (podman's) neither uses the cache nor keeps any step image or cache entry: only the final image remains. --squash-all writes the target as one layer holding its whole file system; --squash writes the layers the final stage added as one over its base image's layers (podman's documented meaning); either way the history keeps every step, the squashed ones marked empty, and one entry for the new layer. --no-hosts and --ulimit apply to every RUN step's process. --format docker (podman's; also BUILDAH_FORMAT) gives the image Docker's v2 schema 2 manifest and config media types, and, as buildah writes a Docker config, a container_config: push then sends a Docker manifest. --cache-to REPO tags every step's image as REPO:KEY (the step's cache key), and --cache-from REPO uses those images as cached steps when the store has no entry for a step (after builder prune, or in another store the images were copied to).\n\nDIFFERENCES: this is a first slice of skiff build. Refused with an error naming the instruction or flag (never accepted and ignored): RUN --mount=type=ssh, a cache mount's from=/source= and uid=/gid= other than 0, ADD of a git repository, ADD --checksum other than sha256, a --platform or FROM --platform other than the host's. COPY --link is accepted and copies as COPY does (skiff always makes a step's layer from its sources alone). ADD extracts a local tar (plain, gzip, bzip2, xz, zstd; recognised by content) with the archive's owners and modes; entries that climb out with .., are beneath one of its own symlinks, or hard-link to something the archive did not hold fail the step; devices and FIFOs are left out. ADD of an http(s) URL downloads it on every build (its content decides the cache key), mode 0600. COPY --from a stage reads its whole file system (hard links and devices are left out). A .dockerignore (or .containerignore) supports *, ?, ** and ! exceptions. RUN --mount=type=cache directories live in the store under build-cache/mounts/. A bind mount shows a copy of its sources (so rw writes are discarded and the context is never written), owned by root. A secret is kept in the runtime directory (memory) during its step only, never in the cache key, a layer or the history; a step found in the cache needs no secret. Intermediate containers are always removed, whether the build succeeds or not: --rm and --force-rm are accepted for compatibility, and =false is an error. With --layers=false the final image has a layer per step, where podman's has one new layer. buildah bud --squash (1.28, measured) writes one layer holding the whole file system, as --squash-all does, and keeps only the new steps' history; skiff's --squash keeps the base image's layers and every history entry. --cache-from and --cache-to take local repositories only (localhost/NAME): skiff neither pulls nor pushes cache images, and a registry's repository is an error; --cache-to takes one repository. --format docker keeps the layers as skiff stores them (uncompressed, as buildah does locally), and is an error for a base image stored with zstd layers, which Docker's format cannot describe."
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
    /// Set a label on the image (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// A secret for RUN --mount=type=secret (id=ID,src=FILE or id=ID,env=VAR): readable at /run/secrets/ID during those steps only
    #[arg(long, value_name = "id=ID,src=FILE")]
    pub(crate) secret: Vec<String>,
    /// The network of RUN steps: default, none or host (a RUN --network=... overrides it)
    #[arg(long, value_name = "MODE")]
    pub(crate) network: Option<String>,
    /// The platform to build for: only the host's (such as linux/amd64) is supported
    #[arg(long, value_name = "OS/ARCH")]
    pub(crate) platform: Option<String>,
    /// Add a custom host-to-IP mapping (HOST:IP) to /etc/hosts of every RUN step
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub(crate) add_host: Vec<String>,
    /// Set every created time and every file's mtime in the new layers to this many seconds since the epoch (reproducible builds)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) timestamp: Option<String>,
    /// Keep each step's image as cache (the default); false keeps only the final image and neither uses nor fills the cache
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub(crate) layers: bool,
    /// Squash all of the image's layers, the base's too, into one
    #[arg(long)]
    pub(crate) squash_all: bool,
    /// Squash the new layers of the final stage into one, on top of its base image's layers
    #[arg(long, conflicts_with = "squash_all")]
    pub(crate) squash: bool,
    /// Do not mount /etc/hosts in RUN steps: they see the image's own
    #[arg(long, conflicts_with = "add_host")]
    pub(crate) no_hosts: bool,
    /// Set a resource limit of RUN steps' processes (NAME=SOFT[:HARD], such as nofile=1024:2048)
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    pub(crate) ulimit: Vec<String>,
    /// The image's manifest and config format: oci (the default) or docker (v2 schema 2)
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// A local repository whose REPO:KEY images (made by --cache-to) are used as cached steps (several allowed)
    #[arg(long = "cache-from", value_name = "REPO")]
    pub(crate) cache_from: Vec<String>,
    /// A local repository to tag each step's image into as REPO:KEY, for a later --cache-from
    #[arg(long = "cache-to", value_name = "REPO")]
    pub(crate) cache_to: Vec<String>,
    /// Remove intermediate containers after a successful build (always: =false is an error)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub(crate) rm: bool,
    /// Remove intermediate containers even when the build fails (always: =false is an error)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub(crate) force_rm: bool,
    /// Pull the base images: always (also true or no value), missing (the default; also false) or never
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_missing_value = "always")]
    pub(crate) pull: Option<String>,
    #[command(flatten)]
    pub(crate) registry: RegistryFlags,
    /// The build context: the directory whose files COPY and ADD see, or - (a tar or a Dockerfile on stdin)
    #[arg(value_name = "CONTEXT")]
    pub(crate) context: PathBuf,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    check(&a)?;
    let build_args = build_args(&a.build_arg);
    let epoch = build_args
        .get("SOURCE_DATE_EPOCH")
        .cloned()
        .or_else(|| std::env::var("SOURCE_DATE_EPOCH").ok());
    let stamp = clock::parse(a.timestamp.as_deref(), epoch.as_deref())?;
    let pull = pull_policy(a.pull.as_deref())?;
    let paths = ctx.paths()?;
    // Before any thread exists: setns into a user namespace needs a single-threaded process.
    let mapping = ctx.userns()?.clone();
    let pull_options = PullOptions {
        registry: a.registry.options(paths)?,
        platform: None,
        all_tags: false,
        mapping: mapping.clone(),
    };
    let input = inputs::read(paths, &a.context, a.file.as_deref(), &mut std::io::stdin())?;
    let opts = BuildOptions {
        context: input.context.clone(),
        dockerfile: input.dockerfile.clone(),
        dockerfile_name: input.name.clone(),
        ignore: input.ignore.clone(),
        tags: a.tag,
        build_args,
        target: a.target,
        no_cache: a.no_cache || !a.layers,
        layers: a.layers,
        labels: a.label.iter().map(label).collect::<Result<_>>()?,
        quiet: a.quiet,
        pull,
        pull_options,
        squash_all: a.squash_all,
        add_hosts: a.add_host,
        stamp,
        secrets: a
            .secret
            .iter()
            .map(|s| crate::engine::build::secret_flag(s))
            .collect::<Result<_>>()?,
        network: a.network.clone(),
        platform: a.platform.clone(),
        no_hosts: a.no_hosts,
        ulimits: (a.ulimit.iter())
            .map(|u| crate::engine::spec::ulimit::parse(u))
            .collect::<Result<_>>()?,
        format: format(a.format.as_deref())?,
        squash: a.squash,
        cache_from: a
            .cache_from
            .iter()
            .map(|r| cache_repo::repository(r, "--cache-from"))
            .collect::<Result<_>>()?,
        cache_to: cache_to(&a.cache_to)?,
    };
    let quiet = a.quiet;
    let mut progress = Progress::new(quiet);
    let mut show = |e: Event| match (quiet, e) {
        (_, Event::Note(n)) => crate::cli::output::report::warn(n),
        (_, Event::Pull(p)) => progress.event(p),
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
    let id = match build(paths, &mapping, &opts, &mut show) {
        Ok(id) => id,
        Err(e) => match e.downcast_ref::<StepFailed>() {
            Some(f) => {
                eprintln!("{f}");
                return Ok(1);
            }
            None => return Err(e),
        },
    };
    drop(input);
    if let Some(f) = &a.iidfile {
        std::fs::write(f, id.as_str()).with_context(|| format!("cannot write {}", f.display()))?;
    }
    println!("{}", id.hex());
    Ok(0)
}

/// The flags checked before anything is read.
fn check(a: &Args) -> Result<()> {
    if !a.rm || !a.force_rm {
        bail!("--rm=false and --force-rm=false are not supported: skiff never keeps a build's intermediate containers");
    }
    for h in &a.add_host {
        crate::engine::network::files::add_host(h, None)?;
    }
    Ok(())
}

/// `--format` (podman's; also from `BUILDAH_FORMAT`, as podman reads it).
fn format(f: Option<&str>) -> Result<ImageFormat> {
    let f = f
        .map(str::to_string)
        .or_else(|| std::env::var("BUILDAH_FORMAT").ok());
    match f.as_deref() {
        None | Some("oci") => Ok(ImageFormat::Oci),
        Some("docker") => Ok(ImageFormat::Docker),
        Some(f) => bail!("--format {f}: unknown image format (use oci or docker)"),
    }
}

/// `--cache-to`: one repository (podman takes a list; skiff tags into one).
fn cache_to(repos: &[String]) -> Result<Option<String>> {
    match repos {
        [] => Ok(None),
        [r] => Ok(Some(cache_repo::repository(r, "--cache-to")?)),
        _ => bail!("--cache-to: give one repository (skiff tags each step into one)"),
    }
}

/// `--pull[=POLICY]`: podman's policies, and Docker's true/false.
fn pull_policy(pull: Option<&str>) -> Result<PullPolicy> {
    Ok(match pull {
        None | Some("false") => PullPolicy::Missing,
        Some("true") => PullPolicy::Always,
        Some(p) => p.parse().map_err(|_| {
            anyhow::anyhow!("--pull={p}: use always, missing, never, true or false")
        })?,
    })
}

fn label(s: &String) -> Result<(String, String)> {
    match s.split_once('=') {
        Some((k, v)) => Ok((k.to_string(), v.to_string())),
        None => bail!("--label {s}: expected KEY=VALUE"),
    }
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
