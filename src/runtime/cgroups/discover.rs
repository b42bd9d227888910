//! Where this process's cgroups are, per hierarchy: `/proc/self/cgroup` names each hierarchy's
//! path, `/proc/self/mountinfo` where each hierarchy is mounted (and from which root, inside a
//! cgroup namespace).
use std::path::{Path, PathBuf};

/// One mounted hierarchy and this process's directory in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hierarchy {
    /// v1: its controllers (`memory`, `cpu`...); v2: empty (see `v2`).
    pub(crate) controllers: Vec<String>,
    /// The unified (cgroup v2) hierarchy.
    pub(crate) v2: bool,
    /// Our cgroup's directory.
    pub(crate) dir: PathBuf,
    /// The hierarchy's mount point: no directory above it is ours to use.
    pub(crate) mount: PathBuf,
}

/// Every hierarchy this process is in and that is mounted here.
pub(crate) fn hierarchies() -> Vec<Hierarchy> {
    let cgroup = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    parse(&cgroup, &mountinfo)
}

/// `hierarchies` of the two files' texts.
pub(crate) fn parse(cgroup: &str, mountinfo: &str) -> Vec<Hierarchy> {
    let mounts: Vec<Mount> = mountinfo.lines().filter_map(mount_of).collect();
    let mut out = Vec::new();
    for line in cgroup.lines() {
        let mut f = line.splitn(3, ':');
        let (Some(_), Some(ctrls), Some(path)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let v2 = ctrls.is_empty();
        let controllers: Vec<String> = ctrls
            .split(',')
            .filter(|c| !c.is_empty() && !c.starts_with("name="))
            .map(str::to_string)
            .collect();
        if !v2 && controllers.is_empty() {
            continue; // a named hierarchy (name=systemd): no controller to use
        }
        let found = mounts.iter().find(|m| match v2 {
            true => m.v2,
            false => !m.v2 && controllers.iter().all(|c| m.controllers.contains(c)),
        });
        let Some(m) = found else { continue };
        // Inside a cgroup namespace the mount's root is not `/`: our path is relative to it.
        let Ok(rel) = Path::new(path).strip_prefix(&m.root) else {
            continue;
        };
        out.push(Hierarchy {
            controllers,
            v2,
            dir: m.point.join(rel),
            mount: m.point.clone(),
        });
    }
    out
}

struct Mount {
    root: PathBuf,
    point: PathBuf,
    v2: bool,
    controllers: Vec<String>,
}

/// A cgroup mount of one mountinfo line: `ID PARENT MAJ:MIN ROOT POINT OPTS [TAGS] - TYPE SRC SUPER`.
fn mount_of(line: &str) -> Option<Mount> {
    let (left, right) = line.split_once(" - ")?;
    let l: Vec<&str> = left.split(' ').collect();
    let r: Vec<&str> = right.split(' ').collect();
    let v2 = match *r.first()? {
        "cgroup2" => true,
        "cgroup" => false,
        _ => return None,
    };
    let controllers = r
        .get(2)
        .map(|o| o.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    Some(Mount {
        root: PathBuf::from(unescape(l.get(3)?)),
        point: PathBuf::from(unescape(l.get(4)?)),
        v2,
        controllers,
    })
}

/// mountinfo escapes space, tab, newline and backslash as octal.
fn unescape(s: &str) -> String {
    s.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &str = "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 /ns /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
42 31 0:39 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct";

    #[test]
    fn hybrid_hierarchies_are_found_with_their_mounts() {
        let cgroup = "9:name=systemd:/\n4:memory:/user/me\n1:cpu:/\n0::/ns/sess";
        let h = parse(cgroup, MOUNTINFO);
        assert_eq!(h.len(), 3, "{h:?}");
        assert_eq!(h[0].dir, Path::new("/sys/fs/cgroup/memory/user/me"));
        assert_eq!(h[0].controllers, ["memory"]);
        assert_eq!(h[1].dir, Path::new("/sys/fs/cgroup/cpu/"));
        // The v2 mount's root is /ns (a cgroup namespace): the path is below it.
        assert!(h[2].v2);
        assert_eq!(h[2].dir, Path::new("/sys/fs/cgroup/unified/sess"));
    }

    #[test]
    fn a_path_outside_the_mounts_root_is_skipped() {
        let h = parse("0::/elsewhere", MOUNTINFO);
        assert!(h.is_empty(), "{h:?}");
    }
}
