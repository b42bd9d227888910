//! `compose watch`: the `develop.watch` rules of the services, followed with inotify (no
//! polling). A rule's path is watched recursively (new directories join as they appear); the
//! changes of one burst (nothing new for 100 ms) come back together, each once, with the rule
//! it falls under. What to do with them (sync, restart, rebuild) is the caller's.
use super::model::{Project, Watch};
use crate::engine::build::dockerignore::Ignore;
use anyhow::{Context as _, Result};
use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify, WatchDescriptor};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// One changed path, under one service's rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Change {
    pub(crate) service: String,
    pub(crate) rule: usize,
    /// The host path that changed.
    pub(crate) path: PathBuf,
    /// It is gone (deleted or moved away).
    pub(crate) removed: bool,
}

struct Rule {
    service: String,
    index: usize,
    watch: Watch,
    ignore: Ignore,
}

pub(crate) struct Watcher {
    fd: Inotify,
    dirs: HashMap<WatchDescriptor, PathBuf>,
    rules: Vec<Rule>,
}

const MASK: AddWatchFlags = AddWatchFlags::IN_CLOSE_WRITE
    .union(AddWatchFlags::IN_CREATE)
    .union(AddWatchFlags::IN_DELETE)
    .union(AddWatchFlags::IN_MOVED_FROM)
    .union(AddWatchFlags::IN_MOVED_TO)
    .union(AddWatchFlags::IN_ATTRIB);

impl Watcher {
    /// Watches the rules of `services` (all services with rules when empty).
    pub(crate) fn new(p: &Project, services: &BTreeSet<String>) -> Result<Watcher> {
        let fd = Inotify::init(InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK)
            .context("cannot start inotify")?;
        let mut w = Watcher {
            fd,
            dirs: HashMap::new(),
            rules: Vec::new(),
        };
        for (name, s) in &p.services {
            if !services.is_empty() && !services.contains(name) {
                continue;
            }
            for (index, watch) in s.develop.iter().flat_map(|d| d.watch.iter()).enumerate() {
                let ignore = Ignore::parse(&watch.ignore.join("\n"))?;
                w.rules.push(Rule {
                    service: name.clone(),
                    index,
                    watch: watch.clone(),
                    ignore,
                });
            }
        }
        if w.rules.is_empty() {
            anyhow::bail!("none of the services has a develop.watch rule: nothing to watch");
        }
        let roots: BTreeSet<PathBuf> = w.rules.iter().map(|r| r.watch.path.clone()).collect();
        for root in roots {
            let dir = if root.is_dir() {
                root.clone()
            } else {
                parent(&root)
            };
            w.add_tree(&dir)?;
        }
        Ok(w)
    }

    fn add_tree(&mut self, dir: &Path) -> Result<()> {
        let wd = self
            .fd
            .add_watch(dir, MASK)
            .with_context(|| format!("cannot watch {}", dir.display()))?;
        self.dirs.insert(wd, dir.to_path_buf());
        for e in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
            let e = e?;
            if e.file_type()?.is_dir() {
                self.add_tree(&e.path())?;
            }
        }
        Ok(())
    }

    /// The next burst of changes; empty when `stop` was set.
    pub(crate) fn next(&mut self, stop: &AtomicBool) -> Result<Vec<Change>> {
        self.burst(stop, None)
    }

    /// The burst of changes that has begun, or nothing after `idle` ms without a change (for a
    /// caller that has other work between looks: an attached `up --watch`).
    pub(crate) fn poll(&mut self, idle: u16) -> Result<Vec<Change>> {
        self.burst(&AtomicBool::new(false), Some(idle))
    }

    fn burst(&mut self, stop: &AtomicBool, idle: Option<u16>) -> Result<Vec<Change>> {
        let mut seen: BTreeMap<(String, usize, PathBuf), bool> = BTreeMap::new();
        loop {
            if stop.load(Ordering::SeqCst) {
                return Ok(Vec::new());
            }
            // A burst ends after 100 ms without a new event.
            let timeout = if seen.is_empty() {
                idle.unwrap_or(250)
            } else {
                100
            };
            let mut pfd = [nix::poll::PollFd::new(
                self.fd.as_fd(),
                nix::poll::PollFlags::POLLIN,
            )];
            let ready = nix::poll::poll(&mut pfd, timeout).unwrap_or(0);
            if ready == 0 {
                if !seen.is_empty() || idle.is_some() {
                    break;
                }
                continue;
            }
            for ev in self.fd.read_events().unwrap_or_default() {
                let Some(dir) = self.dirs.get(&ev.wd).cloned() else {
                    continue;
                };
                let Some(name) = ev.name else { continue };
                let path = dir.join(name);
                let is_dir = ev.mask.contains(AddWatchFlags::IN_ISDIR);
                if is_dir
                    && ev
                        .mask
                        .intersects(AddWatchFlags::IN_CREATE | AddWatchFlags::IN_MOVED_TO)
                {
                    let _ = self.add_tree(&path);
                }
                let removed = ev
                    .mask
                    .intersects(AddWatchFlags::IN_DELETE | AddWatchFlags::IN_MOVED_FROM);
                for r in &self.rules {
                    if let Some(rel) = relative(&r.watch.path, &path) {
                        if !r.ignore.excluded(&rel) {
                            seen.insert((r.service.clone(), r.index, path.clone()), removed);
                        }
                    }
                }
            }
        }
        Ok(seen
            .into_iter()
            .map(|((service, rule, path), removed)| Change {
                service,
                rule,
                path,
                removed,
            })
            .collect())
    }

    /// The rule a change fell under.
    pub(crate) fn rule(&self, c: &Change) -> Option<&Watch> {
        self.rules
            .iter()
            .find(|r| r.service == c.service && r.index == c.rule)
            .map(|r| &r.watch)
    }
}

fn parent(p: &Path) -> PathBuf {
    p.parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// `path` relative to a rule's `root` (`""` for the root itself), if it is under it.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    Some(rel.to_string_lossy().into_owned())
}

/// Where a changed host path lands in the container under a sync rule: the rule's target,
/// plus the path's place under the rule's path.
pub(crate) fn target(rule: &Watch, path: &Path) -> Option<String> {
    let base = rule.target.as_deref()?;
    let rel = relative(&rule.path, path)?;
    Some(match rel.is_empty() {
        true => base.to_string(),
        false => format!("{}/{rel}", base.trim_end_matches('/')),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_target_keeps_the_place_under_the_rule() {
        let rule = Watch {
            action: "sync".into(),
            path: "/src/app".into(),
            target: Some("/srv/".into()),
            ignore: vec![],
        };
        assert_eq!(
            target(&rule, Path::new("/src/app/a/b.txt")).as_deref(),
            Some("/srv/a/b.txt")
        );
        assert_eq!(
            target(&rule, Path::new("/src/app")).as_deref(),
            Some("/srv/")
        );
        assert_eq!(target(&rule, Path::new("/src/other")), None);
    }
}
