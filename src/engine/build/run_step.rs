//! A RUN step: its command (heredocs as BuildKit runs them), its `--mount`s and `--network`,
//! the cache key over all of that (never a secret's content), and on a miss the step's
//! container, whose upper dir becomes the layer once the mount points it needed are gone.
use super::dockerfile::{Cmd, RunSpec, Step};
use super::mounts::{self, RunMount, Sharing};
use super::stage::{self, Built, Env, State};
use super::{cache, config, expand, run, sources, Event, StepFailed};
use crate::engine::image::commit::{spool_upper, write_image};
use crate::engine::image::digest::Digest;
use crate::engine::image::store::layer_dirs;
use crate::engine::spec::config::{Mount, Network, Tmpfs};
use crate::store::{remove_tree, tmp_name, Lock};
use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The argv of a RUN, and for a lone heredoc (`RUN <<EOF`) the script it runs: BuildKit binds
/// it at /dev/pipes/NAME and runs that file with the shell (so a `#!` line picks the
/// interpreter). Other heredocs go to the shell as written: its own heredoc syntax reads them.
fn command(spec: &RunSpec, cfg: &Map<String, Value>) -> (Vec<String>, Option<(String, String)>) {
    match (&spec.cmd, spec.heredocs.as_slice()) {
        (Cmd::Shell(s), [h]) if s.trim() == h.marker => {
            let mut argv = config::shell(cfg);
            argv.push(format!("/dev/pipes/{}", h.name));
            (argv, Some((h.name.clone(), h.content())))
        }
        (Cmd::Shell(s), docs) if !docs.is_empty() => {
            let mut text = s.clone();
            for h in docs {
                text.push('\n');
                text.push_str(&h.body);
                text.push_str(&h.name);
            }
            (config::argv(&Cmd::Shell(text), cfg), None)
        }
        (cmd, _) => (config::argv(cmd, cfg), None),
    }
}

/// The network a RUN gets: its `--network`, else the build's, else the default.
pub(super) fn network(step: Option<&str>, build: Option<&str>) -> Result<Network> {
    let pick = match step {
        None | Some("default") => build.unwrap_or("default"),
        Some(n @ ("none" | "host")) => n,
        Some(other) => bail!("RUN --network={other}: use none, host or default"),
    };
    match pick {
        "default" => Ok(Network::Default),
        n if n.starts_with("container:") => {
            bail!("--network={n}: a build step cannot join another container's network")
        }
        n => crate::engine::spec::parse::network(n),
    }
}

/// What each mount adds to the key: its options, and for a bind its sources' checksum (or
/// the image they come from). A secret adds its id only.
fn describe(env: &Env, m: &RunMount, idx: usize, built: &BTreeMap<usize, Built>) -> Result<String> {
    Ok(match m {
        RunMount::Bind {
            target,
            source,
            from,
            rw,
        } => {
            let sum = match from {
                Some(f) => stage::source_image(env, f, idx, built, "RUN --mount")?.to_string(),
                None => {
                    let found = sources::from_context(
                        &env.opts.context,
                        source,
                        env.ignore,
                        "RUN --mount",
                    )?;
                    let entries: Vec<_> = found.into_iter().flat_map(|f| f.entries).collect();
                    sources::checksum(&entries)?
                }
            };
            format!("bind {target} {source} {from:?} {rw} {sum}")
        }
        RunMount::Cache {
            target,
            id,
            sharing,
            mode,
            ro,
        } => format!("cache {target} {id} {sharing:?} {mode:o} {ro}"),
        RunMount::Tmpfs { target, size } => format!("tmpfs {target} {size:?}"),
        RunMount::Secret {
            id,
            target,
            required,
            mode,
        } => format!("secret {id} {target} {required} {mode:o}"),
    })
}

/// What a step's mounts hold while it runs: temp trees and files removed, locks released, on drop.
#[derive(Default)]
struct Held {
    temps: Vec<PathBuf>,
    _locks: Vec<Lock>,
    mounts: Vec<Mount>,
    tmpfs: Vec<Tmpfs>,
}

impl Drop for Held {
    fn drop(&mut self) {
        for t in &self.temps {
            let _ = match t.is_dir() {
                true => remove_tree(t),
                false => std::fs::remove_file(t),
            };
        }
    }
}

impl Held {
    fn bind(&mut self, source: &Path, target: &str, rw: bool) {
        let mut options = vec!["rbind".to_string(), "nosuid".into(), "nodev".into()];
        options.push(if rw { "rw" } else { "ro" }.into());
        self.mounts.push(Mount {
            kind: "bind".into(),
            source: source.to_string_lossy().into_owned(),
            destination: target.to_string(),
            options,
        });
    }

    /// A private file or directory under the runtime dir (memory), removed on drop.
    fn temp(&mut self, env: &Env) -> Result<PathBuf> {
        let dir = env.paths.run.join("build");
        crate::store::mkdir_private(&dir)?;
        let p = dir.join(tmp_name());
        self.temps.push(p.clone());
        Ok(p)
    }
}

fn hold(
    env: &Env,
    held: &mut Held,
    m: &RunMount,
    idx: usize,
    built: &BTreeMap<usize, Built>,
) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    match m {
        RunMount::Bind {
            target,
            source,
            from,
            rw,
        } => {
            let found = match from {
                Some(f) => {
                    let id = stage::source_image(env, f, idx, built, "RUN --mount")?;
                    stage::packed(env, &id, std::slice::from_ref(source), "RUN --mount")?
                }
                None => {
                    sources::from_context(&env.opts.context, source, env.ignore, "RUN --mount")?
                }
            };
            let dir = held.temp(env)?;
            std::fs::create_dir(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let mut src = dir.clone();
            for f in found {
                if !f.is_dir {
                    src = dir.join(if f.name.is_empty() { "file" } else { &f.name });
                    let mut entries = f.entries;
                    for e in &mut entries {
                        e.path = src
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                    }
                    mounts::materialize(&entries, &dir)?;
                } else {
                    mounts::materialize(&f.entries, &dir)?;
                }
            }
            held.bind(&src, target, *rw);
        }
        RunMount::Cache {
            target,
            id,
            sharing,
            mode,
            ro,
        } => {
            let root = env.paths.build_cache().join("mounts");
            std::fs::create_dir_all(&root)
                .with_context(|| format!("cannot create {}", root.display()))?;
            let name = cache::key("cache-mount", &[id]);
            let mut dir = root.join(&name);
            let lock_path = root.join(format!("{name}.lock"));
            match sharing {
                Sharing::Shared => {}
                Sharing::Locked => held._locks.push(Lock::exclusive(&lock_path)?),
                Sharing::Private => match Lock::try_exclusive(&lock_path)? {
                    Some(l) => held._locks.push(l),
                    // In use by another build: this step gets a fresh, throwaway one.
                    None => {
                        dir = root.join(tmp_name());
                        held.temps.push(dir.clone());
                    }
                },
            }
            if !dir.exists() {
                let tmp = root.join(tmp_name());
                std::fs::create_dir(&tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(*mode))
                    .with_context(|| format!("cannot chmod {}", tmp.display()))?;
                if std::fs::rename(&tmp, &dir).is_err() {
                    let _ = std::fs::remove_dir(&tmp); // another build made it first
                }
            }
            held.bind(&dir, target, !*ro);
        }
        RunMount::Tmpfs { target, size } => held.tmpfs.push(Tmpfs {
            destination: target.clone(),
            // BuildKit's tmpfs allows exec (skiff run's --tmpfs default is noexec).
            options: std::iter::once("exec".to_string())
                .chain(size.iter().map(|s| format!("size={s}")))
                .collect(),
        }),
        RunMount::Secret {
            id,
            target,
            required,
            mode,
        } => {
            let Some(src) = env.opts.secrets.get(id) else {
                if *required {
                    bail!("secret {id} is required: give it with --secret id={id},src=FILE");
                }
                return Ok(());
            };
            let bytes = mounts::secret_bytes(id, src)?;
            let file = held.temp(env)?;
            write_private(&file, &bytes, *mode)?;
            held.bind(&file, target, false);
        }
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    f.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("cannot chmod {}", path.display()))
}

pub(super) fn run_step(
    env: &Env,
    st: &mut State,
    step: &Step,
    spec: &RunSpec,
    idx: usize,
    built: &BTreeMap<usize, Built>,
    events: &mut dyn FnMut(Event),
) -> Result<()> {
    let cfg = stage::cfg(&st.top);
    let vars = stage::vars(st);
    let workdir = cfg
        .get("WorkingDir")
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_string();
    let (argv, script) = command(spec, &cfg);
    let run_mounts = spec
        .mounts
        .iter()
        .map(|m| mounts::parse(&expand::word(m, &vars)?, &workdir))
        .collect::<Result<Vec<_>>>()?;
    let net = network(spec.network.as_deref(), env.opts.network.as_deref())?;
    let args: Vec<String> = st.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut parts = vec![
        "RUN".to_string(),
        serde_json::to_string(&argv)?,
        args.join("\n"),
    ];
    // Kept out of the key when absent, so plain RUNs keep the keys earlier builds made.
    for m in &run_mounts {
        parts.push(describe(env, m, idx, built)?);
    }
    if net != Network::Default {
        parts.push(format!("network {net:?}"));
    }
    if let Some((name, content)) = &script {
        parts.push(format!("heredoc {name}\n{content}"));
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    let key = cache::key(&st.chain, &refs);
    let created_by = match &script {
        Some((name, content)) => format!(
            "{} <<{name}\n{content}{name}",
            argv[..argv.len() - 1].join(" ")
        ),
        None => argv.join(" "),
    };
    let mut top = st.top.clone();
    stage::history(&mut top, &created_by, false);
    let hit = match env.opts.no_cache {
        true => None,
        false => cache::lookup(env.paths, &key)?,
    };
    let id = match hit {
        Some(id) => {
            events(Event::CacheHit(&id));
            id
        }
        None => {
            let mut held = Held::default();
            for m in &run_mounts {
                hold(env, &mut held, m, idx, built)?;
            }
            if let Some((name, content)) = &script {
                let file = held.temp(env)?;
                write_private(&file, content.as_bytes(), 0o755)?;
                held.bind(&file, &format!("/dev/pipes/{name}"), false);
            }
            let id = make(env, st, step, argv, top, &run_mounts, &held, net)?;
            drop(held);
            cache::record(env.paths, &key, &id)?;
            events(Event::Made(&id));
            id
        }
    };
    st.top = stage::image_top(env.paths, &id)?;
    st.id = Some(id);
    st.chain = key;
    Ok(())
}

/// Runs the step's container and writes its layer (mount points the runtime made left out).
#[allow(clippy::too_many_arguments)]
fn make(
    env: &Env,
    st: &mut State,
    step: &Step,
    argv: Vec<String>,
    top: Value,
    run_mounts: &[RunMount],
    held: &Held,
    network: Network,
) -> Result<Digest> {
    let image_env = config::env_vars(&stage::cfg(&st.top));
    let mut run_env: Vec<String> = st
        .args
        .iter()
        .filter(|(k, _)| !image_env.contains_key(*k))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    // The proxy ARGs need no ARG; undeclared, they stay out of the key and the history.
    for name in super::platform::PROXY_ARGS {
        if let (Some(v), false) = (env.opts.build_args.get(name), st.args.contains_key(name)) {
            if !image_env.contains_key(name) {
                run_env.push(format!("{name}={v}"));
            }
        }
    }
    let diff_ids: Vec<Digest> =
        serde_json::from_value(st.top["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let lowers = layer_dirs(env.paths, &diff_ids);
    let targets: Vec<&str> = run_mounts.iter().map(RunMount::target).collect();
    let made = made_by_mounts(&targets, &lowers);
    let parent = stage::current_image(env, st)?;
    let extra = run::Extras {
        mounts: held.mounts.clone(),
        tmpfs: held.tmpfs.clone(),
        network,
    };
    let (container, code) = run::run_step(
        env.paths,
        env.mapping,
        &parent,
        argv,
        run_env,
        env.opts.quiet,
        extra,
    )?;
    if code != 0 {
        return Err(StepFailed {
            step: step.text.clone(),
            code,
        }
        .into());
    }
    remove_stubs(&container.upper, &made);
    write_image(
        env.paths,
        env.mapping,
        top,
        Some(&mut |tmp| spool_upper(&container.upper, &container.stubs, tmp)),
    )
}

/// The paths (relative, deepest first) that the runtime will create to mount `targets` on:
/// every part of a target that no layer of the parent image has.
fn made_by_mounts(targets: &[&str], lowers: &[PathBuf]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in targets {
        let parts: Vec<&str> = t
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        for n in 1..=parts.len() {
            let rel = parts[..n].join("/");
            let exists = lowers
                .iter()
                .any(|l| std::fs::symlink_metadata(l.join(&rel)).is_ok());
            if !exists && !out.contains(&rel) {
                out.push(rel);
            }
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.matches('/').count()));
    out
}

/// Removes the empty mount points `made` from the step's upper dir (best effort: one the
/// step filled stays). Each is opened beneath `upper` without following any symlink, so a
/// step that replaced a parent with a link cannot point the removal outside.
fn remove_stubs(upper: &Path, made: &[String]) {
    use rustix::fs::{openat2, statat, unlinkat, AtFlags, FileType, Mode, OFlags, ResolveFlags};
    let Ok(root) = rustix::fs::open(
        upper,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return;
    };
    for rel in made {
        let (parent, name) = rel.rsplit_once('/').unwrap_or((".", rel));
        let how = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
        let Ok(dir) = openat2(
            &root,
            parent,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            how,
        ) else {
            continue;
        };
        let Ok(st) = statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) else {
            continue;
        };
        let _ = match FileType::from_raw_mode(st.st_mode) {
            FileType::Directory => unlinkat(&dir, name, AtFlags::REMOVEDIR),
            FileType::RegularFile if st.st_size == 0 => unlinkat(&dir, name, AtFlags::empty()),
            _ => continue,
        };
    }
}
