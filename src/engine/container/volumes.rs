//! The container's side of mounts (`create`): `--volumes-from` and the image's VOLUMEs become
//! mounts of the config, anonymous volumes get their names, volumes are made (and copied up
//! into) under `volumes.lock`, bind sources are checked (or made, for `-v`), and each mount
//! becomes an OCI mount for the spec.
use super::record;
use crate::engine::image::ResolvedImage;
use crate::engine::spec::config::{ContainerConfig, Mount, MountKind};
use crate::engine::spec::mount_flags::{absolute_clean, check_duplicates, volumes_from};
use crate::engine::spec::mounts::{self, Source};
use crate::engine::volume::{self, copyup, create::VolumeRequest, Backing};
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Completes `c.mounts`: the mounts of `--volumes-from` containers (their binds and volumes,
/// read-only with `:ro`), then an anonymous volume for each VOLUME of the image that no mount
/// covers; names every anonymous volume; refuses two mounts on one path.
pub(crate) fn resolve(
    paths: &Paths,
    c: &mut ContainerConfig,
    img: &ResolvedImage,
    image_volumes: bool,
) -> Result<()> {
    for spec in c.volumes_from.clone() {
        let (key, ro) = volumes_from(&spec)?;
        let other = record::find(paths, &key)?;
        for m in other
            .config
            .mounts
            .iter()
            .filter(|m| m.kind != MountKind::Tmpfs)
        {
            if c.mounts.iter().any(|x| x.destination == m.destination) {
                continue;
            }
            let mut m = m.clone();
            // The other container's anonymous volume is shared, not owned: `rm -v` of this
            // one leaves it.
            m.anonymous = false;
            m.create_source = false;
            if let Some(ro) = ro {
                m.read_only = ro;
            }
            c.mounts.push(m);
        }
    }
    let image_volumes = (img.config.config().as_ref())
        .and_then(|cfg| cfg.volumes().clone())
        .filter(|_| image_volumes)
        .unwrap_or_default();
    for v in image_volumes {
        let dest = absolute_clean(&v, Path::new("/"))
            .to_string_lossy()
            .into_owned();
        let covered = c.mounts.iter().any(|m| m.destination == dest)
            || c.tmpfs
                .iter()
                .any(|t| t.destination.trim_end_matches('/') == dest);
        if !covered && dest != "/" {
            c.mounts.push(Mount {
                kind: MountKind::Volume,
                destination: dest,
                anonymous: true,
                ..Default::default()
            });
        }
    }
    for m in c.mounts.iter_mut() {
        if m.kind == MountKind::Volume && m.source.is_empty() {
            m.source = volume::create::generated_name();
        }
    }
    let dests = (c.mounts.iter().map(|m| m.destination.as_str()))
        .chain(c.tmpfs.iter().map(|t| t.destination.as_str()));
    check_duplicates(dests)
}

/// Makes what the mounts need and returns their OCI mounts, in mount order. The caller holds
/// `volumes.lock` until the container's record exists, and has joined the user namespace.
/// Returns the volumes made now too (for `discard` when the create fails).
pub(crate) fn prepare(
    paths: &Paths,
    c: &ContainerConfig,
    img: &ResolvedImage,
    mapping: &Mapping,
    made: &mut Vec<String>,
) -> Result<Vec<oci_spec::runtime::Mount>> {
    let mut out = Vec::new();
    for m in mounts::sorted(&c.mounts) {
        out.push(match m.kind {
            MountKind::Bind => {
                bind_source(m)?;
                mounts::oci(m, Source::Dir(Path::new(&m.source)))?
            }
            MountKind::Tmpfs => mounts::oci(m, Source::Fs("tmpfs", &[]))?,
            MountKind::Volume => {
                let (v, new) = volume::create::create_locked(
                    paths,
                    &VolumeRequest {
                        name: Some(m.source.clone()),
                        labels: m.volume_labels.clone(),
                        options: m.volume_options.clone(),
                        anonymous: m.anonymous,
                        ..Default::default()
                    },
                )?;
                if new {
                    made.push(v.name.clone());
                }
                match v.backing(paths) {
                    Backing::Dir(d) => {
                        if !m.nocopy && d == volume::data_dir(paths, &v.name) {
                            copyup::copy_up(paths, &v.name, &img.layers, &m.destination, mapping)?;
                        }
                        mounts::oci(m, Source::Dir(&d))?
                    }
                    Backing::Fs(t, o) => mounts::oci(m, Source::Fs(&t, &o))?,
                }
            }
        });
    }
    Ok(out)
}

/// A bind's source: it must exist for `--mount` (Docker's error); `-v` makes a missing
/// directory, as Docker does.
fn bind_source(m: &Mount) -> Result<()> {
    let p = Path::new(&m.source);
    match std::fs::metadata(p) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && m.create_source => {
            std::fs::create_dir_all(p)
                .with_context(|| format!("cannot create the bind source {}", p.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "invalid mount config for type \"bind\": bind source path does not exist: {}",
            p.display()
        ),
        Err(e) => Err(e).with_context(|| format!("cannot use the bind source {}", p.display())),
    }
}

/// `U`: each such mount's source (a bind's directory, a volume's data) is chowned to the
/// container's user, recursively, never following a symlink.
pub(crate) fn chown(paths: &Paths, c: &ContainerConfig, uid: u32, gid: u32) -> Result<()> {
    for m in c.mounts.iter().filter(|m| m.chown) {
        let root = match m.kind {
            MountKind::Bind => PathBuf::from(&m.source),
            MountKind::Volume => volume::data_dir(paths, &m.source),
            MountKind::Tmpfs => continue,
        };
        chown_tree(&root, uid, gid)?;
    }
    Ok(())
}

fn chown_tree(p: &Path, uid: u32, gid: u32) -> Result<()> {
    std::os::unix::fs::lchown(p, Some(uid), Some(gid))
        .with_context(|| format!("cannot chown {} (U)", p.display()))?;
    let st =
        std::fs::symlink_metadata(p).with_context(|| format!("cannot stat {}", p.display()))?;
    if st.is_dir() {
        for e in std::fs::read_dir(p).with_context(|| format!("cannot read {}", p.display()))? {
            chown_tree(&e?.path(), uid, gid)?;
        }
    }
    Ok(())
}

/// The anonymous volumes of a container (what `rm -v` and `--rm` remove).
pub(crate) fn anonymous(c: &ContainerConfig) -> Vec<String> {
    (c.mounts.iter())
        .filter(|m| m.kind == MountKind::Volume && m.anonymous)
        .map(|m| m.source.clone())
        .collect()
}

/// Docker's `Mounts` of `inspect`: each bind, volume and `--mount` tmpfs as it is mounted.
pub(crate) fn inspect_mounts(paths: &Paths, c: &ContainerConfig) -> serde_json::Value {
    let list: Vec<serde_json::Value> = c
        .mounts
        .iter()
        .map(|m| {
            let (name, source, driver) = match m.kind {
                MountKind::Volume => (
                    Some(m.source.as_str()),
                    volume::data_dir(paths, &m.source)
                        .to_string_lossy()
                        .into_owned(),
                    Some("local"),
                ),
                MountKind::Bind => (None, m.source.clone(), None),
                MountKind::Tmpfs => (None, String::new(), None),
            };
            let propagation = match (m.kind, m.propagation.as_str()) {
                (MountKind::Bind, "") => "rprivate",
                (_, p) => p,
            };
            let mut j = serde_json::json!({
                "Type": m.kind.name(),
                "Source": source,
                "Destination": m.destination,
                "Mode": m.mode,
                "RW": !m.read_only,
                "Propagation": propagation,
            });
            if let (Some(n), Some(d)) = (name, driver) {
                j["Name"] = n.into();
                j["Driver"] = d.into();
            }
            j
        })
        .collect();
    serde_json::Value::Array(list)
}

/// `HostConfig.Binds`: the `-v` texts (Docker's nil list, printed `[]`, without any).
pub(crate) fn binds(c: &ContainerConfig) -> serde_json::Value {
    let b: Vec<&String> = c
        .mounts
        .iter()
        .filter_map(|m| m.bind_spec.as_ref())
        .collect();
    match b.is_empty() {
        true => serde_json::Value::Null,
        false => serde_json::json!(b),
    }
}

/// `HostConfig.Mounts`: the `--mount` mounts, as Docker's `mount.Mount`.
pub(crate) fn host_mounts(c: &ContainerConfig) -> serde_json::Value {
    let list: Vec<serde_json::Value> = c
        .mounts
        .iter()
        .filter(|m| m.mount_flag)
        .map(|m| {
            let mut j = serde_json::json!({
                "Type": m.kind.name(),
                "Source": m.source,
                "Target": m.destination,
                "ReadOnly": m.read_only,
            });
            match m.kind {
                MountKind::Bind if !m.propagation.is_empty() => {
                    j["BindOptions"] = serde_json::json!({"Propagation": m.propagation})
                }
                MountKind::Volume if m.nocopy => {
                    j["VolumeOptions"] = serde_json::json!({"NoCopy": true})
                }
                MountKind::Tmpfs => {
                    j["TmpfsOptions"] =
                        serde_json::json!({"SizeBytes": m.tmpfs_size, "Mode": m.tmpfs_mode})
                }
                _ => {}
            }
            j
        })
        .collect();
    match list.is_empty() {
        true => serde_json::Value::Null,
        false => serde_json::Value::Array(list),
    }
}

/// `Config.Volumes`: the anonymous volumes of `-v /path` and of the image's VOLUMEs.
pub(crate) fn config_volumes(c: &ContainerConfig) -> serde_json::Value {
    let v: serde_json::Map<String, serde_json::Value> = (c.mounts.iter())
        .filter(|m| m.anonymous && !m.mount_flag)
        .map(|m| (m.destination.clone(), serde_json::json!({})))
        .collect();
    match v.is_empty() {
        true => serde_json::Value::Null,
        false => serde_json::Value::Object(v),
    }
}
