//! `build`: a Dockerfile's stages built in the skiff process itself, on the same runtime, store
//! and user namespace as `run`. Only the stages the target needs are built, in file order; each
//! RUN or COPY/ADD step makes an untagged image (a layer), found again through the cache
//! (`cache.rs`) when nothing that decides it changed. Config instructions only change the config
//! carried to the next image. The target's image is tagged only when every step succeeded.
mod archive;
pub(crate) mod cache;
pub(crate) mod cache_repo;
pub(crate) mod clock;
mod config;
mod copy_step;
mod created_by;
mod dockerfile;
pub(crate) mod dockerignore;
mod expand;
mod file_sums;
mod health;
mod heredoc;
pub(crate) mod inputs;
mod layer;
mod mount_hold;
mod mounts;
mod onbuild;
mod platform;
pub(crate) mod prune;
mod run;
pub(crate) use run::is_dead_step;
mod run_step;
mod sources;
mod squash;
mod stage;
mod url;

use crate::engine::image::digest::Digest;
use crate::engine::image::pull::{ensure_image, PullEvent, PullOptions, PullPolicy};
use crate::engine::image::reference::{normalize_name, Origin};
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use dockerfile::Dockerfile;
use expand::Vars;
pub(crate) use mounts::{secret_flag, SecretSource};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub(crate) struct BuildOptions {
    pub(crate) context: PathBuf,
    /// The Dockerfile's text and the name errors give it.
    pub(crate) dockerfile: String,
    pub(crate) dockerfile_name: String,
    /// The ignore file's rules (`inputs.rs`).
    pub(crate) ignore: dockerignore::Ignore,
    pub(crate) tags: Vec<String>,
    pub(crate) build_args: BTreeMap<String, String>,
    pub(crate) target: Option<String>,
    pub(crate) no_cache: bool,
    pub(crate) labels: Vec<(String, String)>,
    /// `-q`: RUN output is not shown.
    pub(crate) quiet: bool,
    /// `--secret id=ID,src=FILE|env=VAR`, for RUN --mount=type=secret.
    pub(crate) secrets: BTreeMap<String, SecretSource>,
    /// `--network`: the RUN steps' network unless a RUN --network says otherwise.
    pub(crate) network: Option<String>,
    /// `--platform`: must be the host's.
    pub(crate) platform: Option<String>,
    /// `--pull`: when a base (`FROM`) or `COPY --from` image is pulled, with what options.
    pub(crate) pull: PullPolicy,
    pub(crate) pull_options: PullOptions,
    /// `--layers` (podman's, true by default): false keeps no step image or cache entry.
    pub(crate) layers: bool,
    /// `--squash-all`: the target as one layer.
    pub(crate) squash_all: bool,
    /// `--add-host`s, in every RUN step's /etc/hosts.
    pub(crate) add_hosts: Vec<String>,
    /// `--timestamp` / `SOURCE_DATE_EPOCH` (`clock.rs`).
    pub(crate) stamp: Option<crate::engine::image::pack::Stamp>,
    /// `--no-hosts`: RUN steps see the image's /etc/hosts, none is mounted.
    pub(crate) no_hosts: bool,
    /// `--ulimit`s (checked), set in every RUN step's process.
    pub(crate) ulimits: Vec<crate::engine::spec::ulimit::Ulimit>,
    /// `--format`: the manifest and config media types of the target image.
    pub(crate) format: ImageFormat,
    /// `--squash` (podman's documented meaning): the final stage's new layers as one, over its base's.
    pub(crate) squash: bool,
    /// `--cache-from`: local repositories whose `REPO:KEY` images are cache hits (`cache_repo.rs`).
    pub(crate) cache_from: Vec<String>,
    /// `--cache-to`: a local repository each step's image is tagged into as `REPO:KEY`.
    pub(crate) cache_to: Option<String>,
}

/// `--format`: OCI (the default) or Docker's v2 schema 2 media types for the target image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ImageFormat {
    #[default]
    Oci,
    Docker,
}

/// What the CLI shows as the build goes (podman's lines).
pub(crate) enum Event<'a> {
    /// `[stage/stages] STEP n/m: TEXT` (the stage prefix only when several are built).
    Step {
        stage: Option<(usize, usize)>,
        n: usize,
        m: usize,
        text: &'a str,
    },
    CacheHit(&'a Digest),
    Made(&'a Digest),
    Commit(Option<&'a str>),
    Tagged(&'a str),
    /// A base image's pull, as it goes.
    Pull(PullEvent),
    /// Something the user should know (a directive skiff ignores).
    Note(&'a str),
}

/// A RUN that exited non-zero: `docker build` exits 1 with this line.
#[derive(Debug, thiserror::Error)]
#[error("error building at STEP \"{step}\": exit status {code}")]
pub(crate) struct StepFailed {
    pub(crate) step: String,
    pub(crate) code: i32,
}

/// Builds as `o` says; returns the target's image id. With `--layers=false` the step images
/// and cache entries the build made are removed when it ends, whether it succeeded or not:
/// only the target's image is kept.
pub(crate) fn build(
    paths: &Paths,
    mapping: &Mapping,
    o: &BuildOptions,
    events: &mut dyn FnMut(Event),
) -> Result<Digest> {
    let rec = (!o.layers).then(cache::Recording::start);
    let out = build_all(paths, mapping, o, events);
    if let Some(rec) = rec {
        drop_steps(paths, rec.finish(), out.as_ref().ok())?;
    }
    if let Ok(id) = &out {
        let id = id.to_string();
        let name = o.tags.first().unwrap_or(&id);
        crate::engine::events::image(paths, "build", &id, name);
    }
    out
}

/// Removes the recorded entries, and their images but `keep`.
fn drop_steps(
    paths: &Paths,
    recorded: Vec<(PathBuf, Digest)>,
    keep: Option<&Digest>,
) -> Result<()> {
    let mut images: Vec<String> = Vec::new();
    for (entry, image) in recorded {
        let _ = std::fs::remove_file(&entry);
        if Some(&image) != keep && !images.contains(&image.to_string()) {
            images.push(image.to_string());
        }
    }
    let o = crate::engine::image::remove::RemoveOptions::default();
    let users = |id: &Digest| crate::engine::container::users_of_image(paths, id);
    // An image that is tagged, or in use, stays (remove refuses it): only its entry went.
    crate::engine::image::remove::remove(paths, &images, &o, &users)?;
    Ok(())
}

fn build_all(
    paths: &Paths,
    mapping: &Mapping,
    o: &BuildOptions,
    events: &mut dyn FnMut(Event),
) -> Result<Digest> {
    let df = dockerfile::parse(&o.dockerfile, &o.dockerfile_name)?;
    run_step::network(None, o.network.as_deref())?;
    if let Some(p) = &o.platform {
        platform::check(p, "--platform")?;
    }
    let _clock = clock::Scope::enter(o.stamp);
    let _sums = file_sums::Scope::enter(paths);
    run::collect_dead_steps(paths);
    mount_hold::collect_dead_temps(paths);
    for n in &df.notes {
        events(Event::Note(n));
    }
    let names = o
        .tags
        .iter()
        .map(|t| normalize_name(t, Origin::Local))
        .collect::<Result<Vec<_>>>()?;
    if !o.context.is_dir() {
        bail!(
            "the build context {} is not a directory: give the directory holding the files to copy",
            o.context.display()
        );
    }
    let global = global_args(&df, &o.build_args)?;
    let target = target_stage(&df, o.target.as_deref())?;
    let order = needed(&df, target, &global)?;
    let needs = images(&df, &order, &global, &o.dockerfile_name)?;
    pull_images(paths, o, &needs, events)?;
    let ignore = &o.ignore;
    let mut built: BTreeMap<usize, stage::Built> = BTreeMap::new();
    let total = order.len();
    for (pos, &idx) in order.iter().enumerate() {
        let env = stage::Env {
            paths,
            mapping,
            opts: o,
            df: &df,
            global: &global,
            ignore,
            labels: match idx == target {
                true => &o.labels[..],
                false => &[],
            },
            position: (total > 1).then_some((pos + 1, total)),
        };
        let b = stage::build(&env, idx, &built, events)?;
        built.insert(idx, b);
    }
    let b = built
        .remove(&target)
        .ok_or_else(|| anyhow::anyhow!("the target stage was not built"))?;
    let id = match (o.squash_all, o.squash) {
        (true, _) => squash::all(paths, mapping, &b.id)?,
        (false, true) => squash::new_layers(paths, mapping, &b.id, b.base)?,
        _ => b.id,
    };
    let id = match o.format {
        ImageFormat::Oci => id,
        ImageFormat::Docker => docker_format(paths, mapping, &id)?,
    };
    events(Event::Commit(o.tags.first().map(String::as_str)));
    events(Event::Made(&id));
    for n in &names {
        crate::engine::image::tag::tag(paths, id.as_str(), n)?;
        events(Event::Tagged(n));
    }
    Ok(id)
}

/// `--format docker`: the image again, with Docker's media types and, as buildah writes a
/// Docker config, `container_config` a copy of `config` (so it is another image id than the
/// OCI one, which keeps one manifest per image id).
fn docker_format(paths: &Paths, mapping: &Mapping, id: &Digest) -> Result<Digest> {
    let mut top = stage::image_top(paths, id)?;
    top["container_config"] = top["config"].clone();
    crate::engine::image::commit::write_docker_image(paths, mapping, top)
}

/// The ARGs before the first FROM, with `--build-arg` values over their defaults, and the
/// automatic platform ARGs.
fn global_args(df: &Dockerfile, build_args: &BTreeMap<String, String>) -> Result<Vars> {
    let mut vars: Vars = platform::predefined().into_iter().collect();
    for decl in df.global_args.iter().flat_map(|d| expand::split(d)) {
        let (name, default) = stage::arg_decl(&decl, &vars)?;
        let value = build_args
            .get(&name)
            .cloned()
            .or(default)
            .or_else(|| vars.get(&name).cloned());
        // Declared without a value, it stays unset, as in a stage.
        if let Some(value) = value {
            vars.insert(name, value);
        }
    }
    Ok(vars)
}

fn target_stage(df: &Dockerfile, target: Option<&str>) -> Result<usize> {
    match target {
        None => Ok(df.stages.len() - 1),
        Some(t) => df
            .stages
            .iter()
            .position(|s| s.name.as_deref() == Some(&t.to_lowercase()))
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "target stage \"{t}\" could not be found: name a stage with FROM IMAGE AS {t}"
                )
            }),
    }
}

/// The stage a `FROM` or `--from` names (`name` or its index), if it is an earlier stage.
pub(crate) fn stage_ref(df: &Dockerfile, before: usize, name: &str) -> Option<usize> {
    let lower = name.to_lowercase();
    df.stages[..before]
        .iter()
        .position(|s| s.name.as_deref() == Some(&lower))
        .or_else(|| name.parse::<usize>().ok().filter(|i| *i < before))
}

/// The stages `target` needs (itself, its base, `--from` and `--mount=...,from=` stages,
/// recursively), in file order.
fn needed(df: &Dockerfile, target: usize, global: &Vars) -> Result<Vec<usize>> {
    let mut want = vec![false; df.stages.len()];
    let mut todo = vec![target];
    while let Some(i) = todo.pop() {
        if std::mem::replace(&mut want[i], true) {
            continue;
        }
        let s = &df.stages[i];
        let base = expand::word(&s.image, global)?;
        todo.extend(stage_ref(df, i, &base));
        for step in &s.steps {
            let froms = match &step.op {
                dockerfile::Op::Copy(c) => c.from.iter().cloned().collect(),
                dockerfile::Op::Run(r) => {
                    r.mounts.iter().filter_map(|m| mounts::from_of(m)).collect()
                }
                _ => Vec::new(),
            };
            for from in froms {
                let from = expand::word(&from, global)?;
                todo.extend(stage_ref(df, i, &from));
            }
        }
    }
    Ok((0..df.stages.len()).filter(|i| want[*i]).collect())
}

/// The images (not stages, not `scratch`) the stages in `order` start from or copy from, as
/// the global ARGs expand them, each once, with the instruction (`file:line`) that names it.
fn images(
    df: &Dockerfile,
    order: &[usize],
    global: &Vars,
    file: &str,
) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for &i in order {
        let s = &df.stages[i];
        let base = expand::word(&s.image, global)?;
        let mut refs = vec![(base.clone(), format!("{file}:{}: FROM {base}", s.line))];
        for step in &s.steps {
            if let dockerfile::Op::Copy(c) = &step.op {
                if let Some(from) = &c.from {
                    let from = expand::word(from, global)?;
                    // Docker also tries a pull; say both were tried, so a typo'd stage name is
                    // not mistaken for a registry problem only.
                    let what = format!(
                        "{file}:{}: COPY --from={from}: {from:?} is neither an earlier stage of this Dockerfile nor an image skiff has or could pull",
                        step.line
                    );
                    refs.push((from, what));
                }
            }
        }
        for (r, what) in refs {
            let stage = stage_ref(df, i, &r).is_some();
            if !stage && r != "scratch" && !r.is_empty() && !out.iter().any(|(o, _)| *o == r) {
                out.push((r, what));
            }
        }
    }
    Ok(out)
}

/// Pulls the `images` as `--pull` says (podman's: `missing` by default, `always`, `never`),
/// before any step runs: a pull's threads have ended before a RUN forks.
fn pull_images(
    paths: &Paths,
    o: &BuildOptions,
    images: &[(String, String)],
    events: &mut dyn FnMut(Event),
) -> Result<()> {
    for (r, what) in images {
        ensure_image(paths, r, &o.pull_options, o.pull, &mut |e| {
            events(Event::Pull(e))
        })
        .with_context(|| what.clone())?;
    }
    Ok(())
}
