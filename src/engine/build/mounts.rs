//! `RUN --mount`: BuildKit's mount types for one step. `cache` is a directory kept in the store
//! (`build-cache/mounts/<hash of id>/`) across builds, never in a layer; `bind` shows a copy of
//! context files (or of a stage's or image's), read-only unless `rw` (writes are then
//! discarded, as BuildKit's); `tmpfs` is an empty tmpfs; `secret` is a `--secret` file, in the
//! runtime dir (memory), bound read-only at `/run/secrets/ID`. Nothing of a mount is in the
//! step's layer: the mount points the runtime had to create are removed from the upper dir.
use super::sources::{self, Content, Entry};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Where a `--secret` comes from (`src=FILE` or `env=VAR`).
#[derive(Debug, Clone)]
pub(crate) enum SecretSource {
    File(PathBuf),
    Env(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sharing {
    Shared,
    Private,
    Locked,
}

#[derive(Debug, Clone)]
pub(crate) enum RunMount {
    Bind {
        target: String,
        source: String,
        from: Option<String>,
        rw: bool,
    },
    Cache {
        target: String,
        id: String,
        sharing: Sharing,
        mode: u32,
        ro: bool,
    },
    Tmpfs {
        target: String,
        size: Option<u64>,
    },
    Secret {
        id: String,
        target: String,
        required: bool,
        mode: u32,
    },
}

impl RunMount {
    pub(crate) fn target(&self) -> &str {
        match self {
            RunMount::Bind { target, .. }
            | RunMount::Cache { target, .. }
            | RunMount::Tmpfs { target, .. }
            | RunMount::Secret { target, .. } => target,
        }
    }
}

/// A `--mount` value's `key[=value]` options (the last of a repeated key counts).
struct Opts<'a> {
    raw: &'a str,
    kv: Vec<(String, Option<String>)>,
}

impl<'a> Opts<'a> {
    fn new(raw: &'a str) -> Opts<'a> {
        let kv = raw
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|part| match part.split_once('=') {
                Some((k, v)) => (k.trim().to_lowercase(), Some(v.trim().to_string())),
                None => (part.trim().to_lowercase(), None),
            })
            .collect();
        Opts { raw, kv }
    }

    fn get(&self, names: &[&str]) -> Option<String> {
        self.kv
            .iter()
            .rev()
            .find(|(k, _)| names.contains(&k.as_str()))
            .map(|(_, v)| v.clone().unwrap_or_else(|| "true".into()))
    }

    fn flag(&self, names: &[&str]) -> Result<bool> {
        match self.get(names).as_deref() {
            None => Ok(false),
            Some("true" | "1") => Ok(true),
            Some("false" | "0") => Ok(false),
            Some(v) => bail!(
                "--mount={}: {}={v} is not true or false",
                self.raw,
                names[0]
            ),
        }
    }

    fn mode(&self, default: u32) -> Result<u32> {
        match self.get(&["mode"]) {
            None => Ok(default),
            Some(m) => u32::from_str_radix(&m, 8).map_err(|_| {
                anyhow::anyhow!("--mount={}: mode={m} is not an octal mode", self.raw)
            }),
        }
    }

    /// The target, made absolute against the working directory.
    fn target(&self, workdir: &str) -> Option<String> {
        self.get(&["target", "dst", "destination"])
            .map(|t| match t.starts_with('/') {
                true => t,
                false => format!("{}/{t}", workdir.trim_end_matches('/')),
            })
    }
}

const TARGET: [&str; 3] = ["target", "dst", "destination"];

/// The options each type takes (BuildKit's names).
fn known(typ: &str) -> Option<Vec<&'static str>> {
    let mut k: Vec<&str> = vec!["type"];
    k.extend(TARGET);
    k.extend(match typ {
        "bind" => &["source", "src", "from", "ro", "readonly", "rw", "readwrite"][..],
        "cache" => &[
            "id",
            "sharing",
            "mode",
            "uid",
            "gid",
            "ro",
            "readonly",
            "rw",
            "readwrite",
            "from",
            "source",
            "src",
        ][..],
        "tmpfs" => &["size"][..],
        "secret" => &["id", "required", "mode", "uid", "gid"][..],
        _ => return None,
    });
    Some(k)
}

/// Parses one `--mount` value (variables already expanded); `workdir` resolves relative targets.
pub(crate) fn parse(raw: &str, workdir: &str) -> Result<RunMount> {
    let o = Opts::new(raw);
    let typ = o.get(&["type"]).unwrap_or_else(|| "bind".into());
    let Some(known) = known(&typ) else {
        bail!("--mount={raw}: type={typ} is not supported by skiff build (use bind, cache, tmpfs or secret)");
    };
    if let Some((k, _)) = o.kv.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        bail!("--mount={raw}: unknown option {k} for type={typ}");
    }
    for owner in ["uid", "gid"] {
        match o.get(&[owner]) {
            Some(v) if v != "0" => bail!("--mount={raw}: {owner}={v}: only 0 is supported by skiff build yet (the owner outside the user namespace is yours)"),
            _ => {}
        }
    }
    if typ == "secret" {
        return secret(&o, workdir);
    }
    let Some(target) = o.target(workdir) else {
        bail!("--mount={raw}: target= is needed (where the mount appears in the step)");
    };
    Ok(match typ.as_str() {
        "bind" => RunMount::Bind {
            target,
            source: o.get(&["source", "src"]).unwrap_or_else(|| "/".into()),
            from: o.get(&["from"]),
            rw: o.flag(&["rw", "readwrite"])? && !o.flag(&["ro", "readonly"])?,
        },
        "cache" => cache(&o, target)?,
        _ => RunMount::Tmpfs {
            target,
            size: o
                .get(&["size"])
                .map(|s| crate::engine::spec::parse::memory_bytes("size", &s))
                .transpose()?,
        },
    })
}

fn secret(o: &Opts, workdir: &str) -> Result<RunMount> {
    let id = o.get(&["id"]);
    let target = match (o.target(workdir), &id) {
        (Some(t), _) => t,
        (None, Some(id)) => format!("/run/secrets/{id}"),
        (None, None) => bail!("--mount={}: a secret needs id= or target=", o.raw),
    };
    let id = id.unwrap_or_else(|| target.rsplit('/').next().unwrap_or("").to_string());
    Ok(RunMount::Secret {
        id,
        target,
        required: o.flag(&["required"])?,
        mode: o.mode(0o400)?,
    })
}

fn cache(o: &Opts, target: String) -> Result<RunMount> {
    let raw = o.raw;
    if o.get(&["from"]).is_some() || o.get(&["source", "src"]).is_some() {
        bail!("--mount={raw}: a cache mount's from=/source= is not supported by skiff build yet");
    }
    let sharing = match o.get(&["sharing"]).as_deref() {
        None | Some("shared") => Sharing::Shared,
        Some("private") => Sharing::Private,
        Some("locked") => Sharing::Locked,
        Some(s) => bail!("--mount={raw}: sharing={s}: use shared, private or locked"),
    };
    Ok(RunMount::Cache {
        id: o.get(&["id"]).unwrap_or_else(|| target.clone()),
        target,
        sharing,
        mode: o.mode(0o755)?,
        ro: o.flag(&["ro", "readonly"])?,
    })
}

/// The `from=` of a raw `--mount` value (the stage or image a bind mount reads).
pub(crate) fn from_of(raw: &str) -> Option<String> {
    raw.split(',')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("from"))
        .map(|(_, v)| v.trim().to_string())
}

/// Writes `entries` (paths relative to `dir`, parents first) under `dir`, never through a
/// symlink: a bind mount's copy of its sources.
pub(crate) fn materialize(entries: &[Entry], dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for e in entries {
        let parts = sources::clean(&e.path, "RUN --mount")?;
        if parts.is_empty() {
            continue;
        }
        let path = dir.join(parts.join("/"));
        if let Some(parent) = path.parent() {
            let md = std::fs::symlink_metadata(parent)
                .with_context(|| format!("cannot read {}", parent.display()))?;
            if !md.is_dir() {
                bail!("{}: a parent is not a directory", e.path);
            }
        }
        match &e.content {
            Content::Dir => std::fs::create_dir(&path).or_else(|err| match path.is_dir() {
                true => Ok(()),
                false => Err(err),
            }),
            Content::Symlink(t) => std::os::unix::fs::symlink(t, &path),
            Content::File(src) => std::fs::copy(src, &path).map(|_| ()),
            Content::Bytes(b) => std::fs::write(&path, b),
        }
        .with_context(|| format!("cannot write {}", path.display()))?;
        if !matches!(e.content, Content::Symlink(_)) {
            // Keep the owner's access so the copy can be removed; the mode is shown as given.
            let mode = e.mode
                | if matches!(e.content, Content::Dir) {
                    0o700
                } else {
                    0o600
                };
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .with_context(|| format!("cannot chmod {}", path.display()))?;
        }
    }
    Ok(())
}

/// The secret's bytes, from its file or the environment variable named.
pub(crate) fn secret_bytes(id: &str, src: &SecretSource) -> Result<Vec<u8>> {
    match src {
        SecretSource::File(p) => {
            std::fs::read(p).with_context(|| format!("secret {id}: cannot read {}", p.display()))
        }
        SecretSource::Env(v) => std::env::var(v)
            .map(String::into_bytes)
            .with_context(|| format!("secret {id}: the environment variable {v} is not set")),
    }
}

/// `--secret id=ID,src=FILE` (also `source=`, `type=file|env`, `env=VAR`); an id alone reads
/// the environment variable of that name when set, else the file of that name (buildx's rule).
pub(crate) fn secret_flag(s: &str) -> Result<(String, SecretSource)> {
    let (mut id, mut src, mut env, mut typ) = (None, None, None, None);
    for part in s.split(',') {
        match part.split_once('=') {
            Some(("id", v)) => id = Some(v.to_string()),
            Some(("src" | "source", v)) => src = Some(v.to_string()),
            Some(("env", v)) => env = Some(v.to_string()),
            Some(("type", v @ ("file" | "env"))) => typ = Some(v.to_string()),
            _ => bail!("--secret {s}: expected id=ID,src=FILE or id=ID,env=VAR"),
        }
    }
    let Some(id) = id.filter(|i| !i.is_empty() && !i.contains('/')) else {
        bail!("--secret {s}: give the secret an id (id=NAME, without /)");
    };
    let source = match (src, env, typ.as_deref()) {
        (Some(f), None, None | Some("file")) => SecretSource::File(PathBuf::from(f)),
        (Some(v), None, Some("env")) | (None, Some(v), None | Some("env")) => SecretSource::Env(v),
        (None, None, Some("file")) => SecretSource::File(PathBuf::from(&id)),
        (None, None, Some("env")) => SecretSource::Env(id.clone()),
        (None, None, None) if std::env::var_os(&id).is_some() => SecretSource::Env(id.clone()),
        (None, None, None) => SecretSource::File(PathBuf::from(&id)),
        _ => bail!("--secret {s}: give either src=FILE or env=VAR"),
    };
    if let SecretSource::File(p) = &source {
        if !p.is_file() {
            bail!("--secret {s}: {} is not a readable file", p.display());
        }
    }
    Ok((id, source))
}
