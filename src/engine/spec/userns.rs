//! `--userns`, `--uidmap`, `--gidmap` (podman's rootless meaning): a user namespace of the
//! container's own, nested in skiff's, whose ids map onto skiff's namespace (where 0 is the
//! user and 1.. the subordinate ids). `keep-id` maps the user's own uid/gid to itself inside
//! (or to `uid=`/`gid=`) and runs the container as it.
use crate::runtime::userns::{IdMap, Mapping};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct UserNs {
    /// `--userns` as given: empty or `host` (skiff's own namespace), `keep-id[:uid=N,gid=N]`.
    pub(crate) mode: String,
    /// `--uidmap`/`--gidmap` (CONTAINER:HOST:SIZE, HOST an id of skiff's namespace).
    pub(crate) uidmap: Vec<IdMap>,
    pub(crate) gidmap: Vec<IdMap>,
    /// Resolved by create: container ids to ids of skiff's namespace. Empty: no namespace of
    /// the container's own.
    pub(crate) uids: Vec<IdMap>,
    pub(crate) gids: Vec<IdMap>,
}

fn map_arg(flag: &str, s: &str) -> Result<IdMap> {
    let parts: Vec<&str> = s.split(':').collect();
    let nums: Option<Vec<u32>> = (parts.len() == 3)
        .then(|| parts.iter().map(|p| p.parse().ok()).collect())
        .flatten();
    match nums.as_deref() {
        Some(&[container, host, size]) if size > 0 => Ok(IdMap {
            container,
            host,
            size,
        }),
        _ => bail!("invalid {flag} {s:?}: use CONTAINER:HOST:SIZE with numbers (HOST counts in skiff's user namespace, where 0 is you)"),
    }
}

impl UserNs {
    /// The flags' texts, checked (no mapping is worked out before create knows skiff's).
    pub(crate) fn parse(
        mode: Option<&str>,
        uidmap: &[String],
        gidmap: &[String],
    ) -> Result<UserNs> {
        let mode = mode.unwrap_or_default();
        if !mode.is_empty() && (!uidmap.is_empty() || !gidmap.is_empty()) {
            bail!("--userns and --uidmap/--gidmap cannot be combined: give one of them");
        }
        match mode {
            "" | "host" | "keep-id" => {}
            m if m.starts_with("keep-id:") => {
                keep_id_opts(&m["keep-id:".len()..])?;
            }
            "nomap" => bail!("--userns=nomap is not supported by skiff: the store is yours, and a container that does not map you could not reach its own files; use keep-id or --uidmap"),
            "auto" | "private" => bail!("--userns={mode} is not supported by skiff: use keep-id, host, or --uidmap/--gidmap"),
            m if m.starts_with("auto:") || m.starts_with("ns:") || m.starts_with("container:") => {
                bail!("--userns={m} is not supported by skiff: use keep-id, host, or --uidmap/--gidmap")
            }
            m => bail!("invalid --userns {m:?}: use host, keep-id[:uid=N,gid=N], or --uidmap/--gidmap"),
        }
        let uidmap = (uidmap.iter().map(|s| map_arg("--uidmap", s))).collect::<Result<Vec<_>>>()?;
        let mut gidmap =
            (gidmap.iter().map(|s| map_arg("--gidmap", s))).collect::<Result<Vec<_>>>()?;
        // podman: --uidmap alone maps the gids the same way.
        if gidmap.is_empty() {
            gidmap = uidmap.clone();
        }
        Ok(UserNs {
            mode: mode.to_string(),
            uidmap,
            gidmap,
            ..Default::default()
        })
    }

    /// Whether the container gets a user namespace of its own.
    pub(crate) fn own(&self) -> bool {
        !self.uids.is_empty()
    }

    /// Works out the maps against skiff's namespace `m`; for keep-id, returns the uid and gid
    /// the container runs as by default.
    pub(crate) fn resolve(&mut self, m: &Mapping) -> Result<Option<(u32, u32)>> {
        let wants_own = !matches!(self.mode.as_str(), "" | "host") || !self.uidmap.is_empty();
        if wants_own && m.single() {
            bail!("--userns/--uidmap need a subordinate id range (none in /etc/subuid and /etc/subgid for this user)");
        }
        let (ulimit, glimit) = (m.uid_limit() as u32, m.gid_limit() as u32);
        let host_of = |maps: &[IdMap]| maps.iter().find(|e| e.container == 0).map_or(0, |e| e.host);
        let (uid, gid) = (host_of(&m.uids), host_of(&m.gids));
        let mut keep = None;
        if let Some(rest) = self.mode.strip_prefix("keep-id") {
            let (u, g) = keep_id_opts(rest.trim_start_matches(':'))?;
            let (u, g) = (u.unwrap_or(uid), g.unwrap_or(gid));
            self.uids = keep_id(u, ulimit, "uid")?;
            self.gids = keep_id(g, glimit, "gid")?;
            keep = Some((u, g));
        } else if !self.uidmap.is_empty() {
            for (maps, limit, what) in [
                (&self.uidmap, ulimit, "--uidmap"),
                (&self.gidmap, glimit, "--gidmap"),
            ] {
                for e in maps {
                    if u64::from(e.host) + u64::from(e.size) > u64::from(limit) {
                        bail!("{what} {}:{}:{}: skiff's user namespace has ids 0 to {} only (0 is you, the rest /etc/subuid's range)", e.container, e.host, e.size, limit - 1);
                    }
                }
            }
            // The store's directories are yours only (mode 0700): a namespace that does not
            // map you could not mount the container's own layers.
            for (maps, what) in [(&self.uidmap, "--uidmap"), (&self.gidmap, "--gidmap")] {
                if !maps.iter().any(|e| e.host == 0) {
                    bail!("{what} must map id 0 of skiff's user namespace (you, who own the store) to some id of the container, e.g. --uidmap 0:1:1000 --uidmap 1000:0:1");
                }
            }
            self.uids = self.uidmap.clone();
            self.gids = self.gidmap.clone();
        }
        Ok(keep)
    }

    /// The id of skiff's namespace that container id `id` is, per `maps` (`uids` or `gids`);
    /// None when unmapped. Without a namespace of its own, the same id.
    pub(crate) fn outer(maps: &[IdMap], id: u32) -> Option<u32> {
        if maps.is_empty() {
            return Some(id);
        }
        maps.iter()
            .find(|e| id >= e.container && id - e.container < e.size)
            .map(|e| e.host + (id - e.container))
    }

    /// The container id that id `id` of skiff's namespace is (the inverse of `outer`).
    pub(crate) fn inner(maps: &[IdMap], id: u32) -> Option<u32> {
        if maps.is_empty() {
            return Some(id);
        }
        maps.iter()
            .find(|e| id >= e.host && id - e.host < e.size)
            .map(|e| e.container + (id - e.host))
    }
}

/// `uid=N,gid=N` of `keep-id:`.
fn keep_id_opts(s: &str) -> Result<(Option<u32>, Option<u32>)> {
    let (mut u, mut g) = (None, None);
    for opt in s.split(',').filter(|o| !o.is_empty()) {
        let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
        let n: u32 = v
            .parse()
            .with_context(|| format!("invalid --userns keep-id option {opt:?}: use uid=N,gid=N"))?;
        match k {
            "uid" => u = Some(n),
            "gid" => g = Some(n),
            _ => bail!("invalid --userns keep-id option {opt:?}: use uid=N,gid=N"),
        }
    }
    Ok((u, g))
}

/// podman's keep-id map: `id` inside is the user (0 of skiff's namespace), 0..id-1 are
/// 1..id, the rest maps to itself.
fn keep_id(id: u32, limit: u32, what: &str) -> Result<Vec<IdMap>> {
    if id == 0 || id >= limit {
        bail!("--userns=keep-id: the {what} {id} must be between 1 and {} (the size of your subordinate range)", limit - 1);
    }
    let mut out = vec![
        IdMap {
            container: 0,
            host: 1,
            size: id,
        },
        IdMap {
            container: id,
            host: 0,
            size: 1,
        },
    ];
    if id + 1 < limit {
        out.push(IdMap {
            container: id + 1,
            host: id + 1,
            size: limit - id - 1,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping() -> Mapping {
        let m = vec![
            IdMap {
                container: 0,
                host: 1007,
                size: 1,
            },
            IdMap {
                container: 1,
                host: 100000,
                size: 65536,
            },
        ];
        Mapping {
            uids: m.clone(),
            gids: m,
        }
    }

    #[test]
    fn keep_id_maps_the_user_to_itself() {
        let mut u = UserNs::parse(Some("keep-id"), &[], &[]).unwrap();
        assert_eq!(u.resolve(&mapping()).unwrap(), Some((1007, 1007)));
        assert_eq!(UserNs::outer(&u.uids, 1007), Some(0));
        assert_eq!(UserNs::outer(&u.uids, 0), Some(1));
        assert_eq!(UserNs::outer(&u.uids, 1008), Some(1008));
        assert_eq!(UserNs::inner(&u.uids, 0), Some(1007));
        let total: u32 = u.uids.iter().map(|e| e.size).sum();
        assert_eq!(total, 65537);
        assert!(UserNs::parse(Some("auto"), &[], &[]).is_err());
        assert!(UserNs::parse(Some("keep-id:size=3"), &[], &[]).is_err());
        assert!(UserNs::parse(None, &["0:1:x".into()], &[]).is_err());
        let mut m = UserNs::parse(None, &["0:1:70000".into()], &[]).unwrap();
        assert!(m.resolve(&mapping()).is_err());
    }
}
