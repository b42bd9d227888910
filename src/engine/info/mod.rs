//! `info`: what skiff is and what it has, answered from the store and the host (no daemon to
//! ask): the store's paths, driver and counts, the id mapping and network helpers in use, the
//! cgroups, seccomp, kernel and OS. It reads only: no user namespace is created to say which
//! one would be, and no record is changed.
mod host;

use crate::engine::container::record::{self, Status};
use crate::engine::image::registries_conf::Conf;
use crate::engine::image::store::Index;
use crate::runtime::userns::IdMap;
use crate::store::Paths;
use anyhow::Result;
pub(crate) use host::Host;

/// skiff's own version, as `version` and `info` print it.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Everything `info` shows.
#[derive(Debug, Clone)]
pub(crate) struct Info {
    pub(crate) store: Store,
    pub(crate) containers: Counts,
    pub(crate) images: usize,
    pub(crate) volumes: usize,
    pub(crate) uid_map: Vec<IdMap>,
    pub(crate) gid_map: Vec<IdMap>,
    pub(crate) host: Host,
    /// registries.conf: where short names are searched, and the insecure registries.
    pub(crate) search: Vec<String>,
    pub(crate) insecure: Vec<String>,
}

/// Containers by state (Docker's Running, Paused, Stopped: created ones count as stopped).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    pub(crate) total: usize,
    pub(crate) running: usize,
    pub(crate) paused: usize,
    pub(crate) stopped: usize,
}

/// Where and how the store keeps things.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    pub(crate) graph_root: String,
    pub(crate) run_root: String,
    pub(crate) config_file: String,
    pub(crate) volume_path: String,
    /// The file system the store is on (`extfs`, `xfs`, `tmpfs`... as Docker names it).
    pub(crate) backing_fs: String,
    /// Size and use of that file system, in bytes (podman's GraphRootAllocated and Used).
    pub(crate) allocated: u64,
    pub(crate) used: u64,
}

/// Gathers `info`. A store that does not exist yet has no containers or images.
pub(crate) fn gather(paths: &Paths) -> Result<Info> {
    let mut containers = Counts::default();
    for r in record::list(paths)? {
        containers.total += 1;
        match r.live_status() {
            Status::Running if r.state.paused => containers.paused += 1,
            Status::Running => containers.running += 1,
            _ => containers.stopped += 1,
        }
    }
    let images = Index::read(paths)?.images.len();
    let volumes = crate::engine::volume::list(paths)?.len();
    let mapping = crate::runtime::userns::in_use(paths);
    let conf = Conf::load(paths)?;
    Ok(Info {
        store: store(paths),
        containers,
        images,
        volumes,
        uid_map: mapping.uids,
        gid_map: mapping.gids,
        host: host::gather(&paths.run),
        search: conf.search_list(),
        insecure: conf.insecure(),
    })
}

fn store(paths: &Paths) -> Store {
    let shown = |p: &std::path::Path| p.display().to_string();
    // The nearest existing directory: a fresh store is on the file system of its parent.
    let existing = paths.data.ancestors().find(|p| p.exists());
    let (backing_fs, allocated, used) = existing.map(host::fs_of).unwrap_or_default();
    Store {
        graph_root: shown(&paths.data),
        run_root: shown(&paths.run),
        config_file: shown(&paths.config.join("containers/storage.conf")),
        volume_path: shown(&paths.volumes()),
        backing_fs,
        allocated,
        used,
    }
}
