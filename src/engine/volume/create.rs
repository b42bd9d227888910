//! `volume create`, and the volumes `create` of a container makes for its mounts: the volume's
//! directory is made whole under a temp name and renamed into place (never replacing one), so a
//! `kill -9` at any instant leaves no half volume, only a leftover the next creator collects.
use super::{Volume, ANONYMOUS_LABEL};
use crate::engine::spec::mount_flags::check_volume_name;
use crate::store::{self, Lock, Paths, Trash};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

/// What `volume create` (or a container's mount) asks for.
#[derive(Debug, Default, Clone)]
pub(crate) struct VolumeRequest {
    /// None: a generated name (64 hex digits, as Docker's).
    pub(crate) name: Option<String>,
    pub(crate) driver: Option<String>,
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) options: BTreeMap<String, String>,
    pub(crate) anonymous: bool,
}

/// A new volume name (Docker's anonymous volumes have 64 hex digits).
pub(crate) fn generated_name() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("getrandom");
    hex::encode(b)
}

/// The local driver's options (`-o`): `type` and `o` for a file system mounted per container
/// (tmpfs only: others need privileges a user namespace lacks), or `device` with `o=bind` for a
/// host directory.
fn check_options(o: &BTreeMap<String, String>) -> Result<()> {
    for k in o.keys() {
        if !matches!(k.as_str(), "type" | "device" | "o") {
            bail!("invalid option {k:?} for the local volume driver: it takes type, device and o");
        }
    }
    let binds = o
        .get("o")
        .is_some_and(|o| o.split(',').any(|w| w == "bind" || w == "rbind"));
    match (o.get("type").map(String::as_str), o.get("device")) {
        (None, None) => Ok(()),
        (Some("tmpfs"), _) => Ok(()),
        (None | Some("none"), Some(d)) if binds => {
            if !std::path::Path::new(d).is_absolute() {
                bail!("the volume's device {d:?} must be an absolute path");
            }
            if !std::path::Path::new(d).is_dir() {
                bail!("the volume's device {d}: no such directory: create it first");
            }
            Ok(())
        }
        (Some(t), _) if t != "none" => bail!(
            "volume type {t:?} is not supported rootless: skiff's local driver takes type=tmpfs, or device=DIR with o=bind"
        ),
        _ => bail!("the local volume driver needs type=tmpfs, or device=DIR with o=bind"),
    }
}

/// Creates the volume, or returns the existing one of that name (Docker's `volume create` of an
/// existing name succeeds). Returns it and whether it was made now.
pub(crate) fn create(paths: &Paths, req: &VolumeRequest) -> Result<(Volume, bool)> {
    let _lock = Lock::exclusive(&paths.volume_lock())?;
    create_locked(paths, req)
}

/// `create`, for a caller that holds `volumes.lock`.
pub(crate) fn create_locked(paths: &Paths, req: &VolumeRequest) -> Result<(Volume, bool)> {
    let name = req.name.clone().unwrap_or_else(generated_name);
    check_volume_name(&name)?;
    if let Some(d) = req.driver.as_deref().filter(|d| *d != "local") {
        bail!("volume driver {d:?} is not supported: skiff has the local driver only");
    }
    check_options(&req.options)?;
    if let Some(v) = super::load(paths, &name)? {
        return Ok((v, false));
    }
    let root = paths.volumes();
    std::fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;
    let mut trash = Trash::new();
    trash.claim_leftovers(&root)?;
    let mut labels = req.labels.clone();
    if req.anonymous {
        labels.insert(ANONYMOUS_LABEL.into(), String::new());
    }
    let v = Volume {
        name: name.clone(),
        driver: "local".into(),
        labels,
        options: req.options.clone(),
        created_at: chrono::Utc::now(),
        anonymous: req.anonymous,
    };
    let tmp = root.join(store::tmp_name());
    let made = (|| -> Result<()> {
        std::fs::create_dir(&tmp)?;
        std::fs::create_dir(tmp.join("_data"))?;
        store::write_json_atomic(&tmp.join("volume.json"), &v, false)?;
        store::fault::point("volume.create-tmp");
        rustix::fs::renameat_with(
            rustix::fs::CWD,
            &tmp,
            rustix::fs::CWD,
            super::dir(paths, &name),
            rustix::fs::RenameFlags::NOREPLACE,
        )?;
        Ok(())
    })();
    if let Err(e) = made {
        let _ = store::remove_tree(&tmp);
        return Err(e)
            .with_context(|| format!("cannot create volume {name} in {}", root.display()));
    }
    drop(trash);
    crate::engine::events::volume(paths, "create", &name);
    Ok((v, true))
}
