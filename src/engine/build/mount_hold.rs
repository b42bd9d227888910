//! What a RUN step's `--mount`s hold while it runs (temp copies, cache dirs and their locks,
//! secret files), and the mount points the runtime had to create, removed from the layer after.
use super::mounts::{self, RunMount, Sharing};
use super::stage::{self, Built, Env};
use super::{cache, sources};
use crate::engine::spec::config::{Mount, MountKind, Tmpfs};
use crate::store::{remove_tree, tmp_name, Lock};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a step's mounts hold while it runs: temp trees and files removed, locks released, on drop.
#[derive(Default)]
pub(super) struct Held {
    pub(super) temps: Vec<PathBuf>,
    locks: Vec<Lock>,
    pub(super) mounts: Vec<Mount>,
    pub(super) tmpfs: Vec<Tmpfs>,
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
    pub(super) fn bind(&mut self, source: &Path, target: &str, rw: bool) {
        self.mounts.push(Mount {
            kind: MountKind::Bind,
            source: source.to_string_lossy().into_owned(),
            destination: target.to_string(),
            read_only: !rw,
            flags: vec!["nosuid".into(), "nodev".into()],
            ..Default::default()
        });
    }

    /// A private temp path in the runtime dir (memory: secrets, heredoc scripts), or with
    /// `on_disk` in the store (a bind mount's copy of its sources, which may be big); removed on drop.
    pub(super) fn temp(&mut self, env: &Env, on_disk: bool) -> Result<PathBuf> {
        let dir = match on_disk {
            true => env.paths.build_cache(),
            false => env.paths.run.join("build"),
        };
        crate::store::mkdir_private(&dir)?;
        let p = dir.join(tmp_name());
        self.temps.push(p.clone());
        Ok(p)
    }
}

/// Removes the temps of builds that died (`kill -9`) while a step held them: secrets and
/// heredoc scripts in the runtime dir, bind mounts' copies in the build cache; also what a
/// killed build cut short elsewhere: the trash of a step container it was removing (its
/// upper dir: the largest thing a killed build leaves) and the small atomic-write temps of
/// the store's top directory. Their names are owner-tagged (`store::tmp_name`), so only a
/// dead owner's are touched.
pub(super) fn collect_dead_temps(paths: &crate::store::Paths) {
    let dirs = [
        paths.run.join("build"),
        paths.build_cache(),
        paths.containers(),
        paths.data.clone(),
    ];
    for dir in dirs {
        // Best effort: a missing dir has nothing, and another build may be collecting too.
        let _ = crate::store::remove_tmp_leftovers(&dir);
    }
}

pub(super) fn hold(
    env: &Env,
    held: &mut Held,
    m: &RunMount,
    idx: usize,
    built: &BTreeMap<usize, Built>,
) -> Result<()> {
    match m {
        RunMount::Bind {
            target,
            source,
            from,
            rw,
        } => hold_bind(
            env,
            held,
            target,
            source,
            from.as_deref(),
            *rw,
            (idx, built),
        )?,
        RunMount::Cache {
            target,
            id,
            sharing,
            mode,
            ro,
        } => {
            let dir = cache_dir(env, held, id, sharing, *mode)?;
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
            let file = held.temp(env, false)?;
            write_private(&file, &bytes, *mode)?;
            held.bind(&file, target, false);
        }
    }
    Ok(())
}

pub(super) fn write_private(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
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

/// A copy of the bind mount's sources (context files, or a stage's or image's) in a temp dir;
/// returns the path to bind (the dir, or the file when the source is one file).
fn hold_bind(
    env: &Env,
    held: &mut Held,
    target: &str,
    source: &str,
    from: Option<&str>,
    rw: bool,
    (idx, built): (usize, &BTreeMap<usize, Built>),
) -> Result<()> {
    let found = match from {
        Some(f) => {
            let id = stage::source_image(env, f, idx, built, "RUN --mount")?;
            stage::packed(env, &id, &[source.to_string()], "RUN --mount")?
        }
        None => sources::from_context(&env.opts.context, source, env.ignore, "RUN --mount")?,
    };
    let dir = held.temp(env, true)?;
    std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut src = dir.clone();
    for mut f in found {
        if !f.is_dir {
            let name = if f.name.is_empty() { "file" } else { &f.name }.to_string();
            src = dir.join(&name);
            for e in &mut f.entries {
                e.path = name.clone();
            }
        }
        mounts::materialize(&f.entries, &dir)?;
    }
    held.bind(&src, target, rw);
    Ok(())
}

/// The cache mount's directory in the store (made with `mode` the first time), locked as
/// `sharing` says: `locked` waits for other builds, `private` takes a throwaway one if busy.
fn cache_dir(
    env: &Env,
    held: &mut Held,
    id: &str,
    sharing: &Sharing,
    mode: u32,
) -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let root = env.paths.build_cache().join("mounts");
    std::fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;
    let name = cache::key("cache-mount", &[id]);
    let mut dir = root.join(&name);
    let lock_path = root.join(format!("{name}.lock"));
    match sharing {
        Sharing::Shared => {}
        Sharing::Locked => held.locks.push(Lock::exclusive(&lock_path)?),
        Sharing::Private => match Lock::try_exclusive(&lock_path)? {
            Some(l) => held.locks.push(l),
            None => {
                dir = root.join(tmp_name());
                held.temps.push(dir.clone());
            }
        },
    }
    if !dir.exists() {
        let tmp = root.join(tmp_name());
        std::fs::create_dir(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot chmod {}", tmp.display()))?;
        if std::fs::rename(&tmp, &dir).is_err() {
            let _ = std::fs::remove_dir(&tmp); // another build made it first
        }
    }
    Ok(dir)
}

/// The paths (relative, deepest first) that the runtime will create to mount `targets` on:
/// every part of a target that no layer of the parent image has.
pub(super) fn made_by_mounts(targets: &[&str], lowers: &[PathBuf]) -> Vec<String> {
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
pub(super) fn remove_stubs(upper: &Path, made: &[String]) {
    use rustix::fs::{statat, unlinkat, AtFlags, FileType, Mode, OFlags, ResolveFlags};
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
        let Ok(dir) = crate::runtime::mounts::openat2_retry(
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
