//! What `info` says of cgroups: the version, and the controllers this user may use (those of the
//! cgroups delegated to it), found the way `plan` finds where a container's leaf goes.
use super::discover;
use std::path::Path;

/// The cgroups as a user of this host sees them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// 1 when any controller is on a v1 hierarchy (a "hybrid" host included, as Docker says), else 2.
    pub(crate) version: u8,
    /// The controllers of writable cgroups: a v1 hierarchy's, or those a writable v2 cgroup can
    /// hand its children (`cgroup.controllers`). Sorted, without repeats.
    pub(crate) controllers: Vec<String>,
}

/// The host's cgroups as this process sees them; no limit can use a controller not listed.
pub(crate) fn summary() -> Summary {
    let all = discover::hierarchies();
    let v1 = all.iter().any(|h| !h.v2);
    let mut controllers = Vec::new();
    for h in &all {
        if !h.v2 {
            if super::writable(&h.dir) {
                controllers.extend(h.controllers.iter().cloned());
            }
            continue;
        }
        if let Some(dir) = nearest_writable(&h.dir, &h.mount) {
            let text = std::fs::read_to_string(dir.join("cgroup.controllers")).unwrap_or_default();
            controllers.extend(text.split_whitespace().map(str::to_string));
        }
    }
    controllers.sort();
    controllers.dedup();
    Summary {
        version: if v1 { 1 } else { 2 },
        controllers,
    }
}

/// `dir` or its nearest writable ancestor, not above the hierarchy's mount point.
fn nearest_writable<'a>(mut dir: &'a Path, mount: &Path) -> Option<&'a Path> {
    loop {
        if super::writable(dir) {
            return Some(dir);
        }
        if dir == mount {
            return None;
        }
        dir = dir.parent()?;
    }
}
