//! `volume rm`, `volume prune`, and the anonymous volumes `rm -v` and `--rm` remove: a volume
//! in use by a container (in any state) is refused, naming the containers; a removed volume is
//! renamed to a trash name under `volumes.lock` and deleted after it is released.
use crate::store::{self, Lock, Paths, Trash};
use anyhow::{bail, Context, Result};

/// Removes the volume `name`. With `force`, a missing volume is no error (Docker's `rm -f`);
/// a volume in use is refused either way, as Docker does.
pub(crate) fn remove(paths: &Paths, name: &str, force: bool) -> Result<bool> {
    let mut trash = Trash::new();
    let gone = {
        let _lock = Lock::exclusive(&paths.volume_lock())?;
        if super::load(paths, name)?.is_none() {
            if force {
                return Ok(false);
            }
            bail!("no such volume: {name}");
        }
        let users = super::users(paths, name)?;
        if !users.is_empty() {
            bail!(
                "volume {name} is in use by container(s) {}: remove the container(s) first (skiff rm)",
                users.join(", ")
            );
        }
        take(paths, name, &mut trash)?
    };
    trash.empty()?;
    Ok(gone)
}

/// Renames the volume away (the caller holds `volumes.lock`).
fn take(paths: &Paths, name: &str, trash: &mut Trash) -> Result<bool> {
    let root = paths.volumes();
    let took = trash
        .take(&super::dir(paths, name), &root)
        .with_context(|| format!("cannot remove volume {name}"))?;
    store::fault::point("volume.rm-renamed");
    if took {
        crate::engine::events::volume(paths, "destroy", name);
    }
    trash.claim_leftovers(&root)?;
    Ok(took)
}

/// Removes the anonymous volumes among `names` that no container uses any more (`rm -v`,
/// `--rm`; a named volume always stays). Returns the names removed.
pub(crate) fn remove_anonymous(paths: &Paths, names: &[String]) -> Result<Vec<String>> {
    if names.is_empty() {
        return Ok(vec![]);
    }
    let mut trash = Trash::new();
    let mut out = Vec::new();
    {
        let _lock = Lock::exclusive(&paths.volume_lock())?;
        for n in names {
            let anon = super::load(paths, n)?.is_some_and(|v| v.anonymous);
            if anon && super::users(paths, n)?.is_empty() && take(paths, n, &mut trash)? {
                out.push(n.clone());
            }
        }
    }
    trash.empty()?;
    Ok(out)
}

/// `volume prune`: the volumes no container uses, anonymous ones only unless `all` (Docker
/// ≥ 23), and matching `keep` (the filters). Returns the names removed.
pub(crate) fn prune(
    paths: &Paths,
    all: bool,
    keep: impl Fn(&super::Volume) -> bool,
) -> Result<Vec<String>> {
    let mut trash = Trash::new();
    let mut out = Vec::new();
    {
        let _lock = Lock::exclusive(&paths.volume_lock())?;
        let records = crate::engine::container::record::list(paths)?;
        for v in super::list(paths)? {
            let used = records
                .iter()
                .any(|r| super::uses(&r.config.mounts, &v.name));
            if !used && (all || v.anonymous) && keep(&v) && take(paths, &v.name, &mut trash)? {
                out.push(v.name);
            }
        }
    }
    trash.empty()?;
    Ok(out)
}

/// Removes the volumes a failed container create made (the caller holds `volumes.lock`; no
/// container record names them).
pub(crate) fn discard_locked(paths: &Paths, names: &[String]) {
    let mut trash = Trash::new();
    for n in names {
        let _ = trash.take(&super::dir(paths, n), &paths.volumes());
    }
}
