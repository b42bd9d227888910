//! podman's `registries.conf` (v2): where short names are searched, short-name aliases, and
//! per-registry `prefix` → `location` remaps, `insecure`, `blocked` and mirrors.
//!
//! Files: `CONTAINERS_REGISTRIES_CONF` alone if set; otherwise the user's
//! `$XDG_CONFIG_HOME/containers/registries.conf` or else `/etc/containers/registries.conf`,
//! then the drop-ins of `registries.conf.d/` (system, then user) in name order, later ones
//! overriding earlier ones. With no search list, short names mean Docker Hub, as in Docker.
use super::reference::{Origin, Reference, DOCKER_DOMAIN};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct File {
    unqualified_search_registries: Option<Vec<String>>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    registry: Vec<Registry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Registry {
    prefix: Option<String>,
    #[serde(default)]
    location: String,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror: Vec<Mirror>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Mirror {
    location: String,
    #[serde(default)]
    insecure: bool,
}

/// The merged configuration.
#[derive(Debug, Default)]
pub(crate) struct Conf {
    search: Option<Vec<String>>,
    aliases: BTreeMap<String, String>,
    registries: Vec<Registry>,
}

/// Where to fetch a repository from: `host` (as in references) and the path there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    pub(crate) host: String,
    pub(crate) repo: String,
    pub(crate) insecure: bool,
}

/// One name a reference may mean, and the places to try for it (mirrors first).
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The normalized name the image gets locally (`docker.io/library/busybox:latest`).
    pub(crate) name: Reference,
    pub(crate) sources: Vec<Source>,
}

fn read(p: &Path) -> Result<Option<File>> {
    match std::fs::read_to_string(p) {
        Ok(s) => toml::from_str(&s)
            .map(Some)
            .with_context(|| format!("{} is not a valid registries.conf", p.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", p.display())),
    }
}

fn drop_ins(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "conf"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

impl Conf {
    pub(crate) fn load(paths: &Paths) -> Result<Conf> {
        let mut files = Vec::new();
        if let Some(p) = std::env::var_os("CONTAINERS_REGISTRIES_CONF").filter(|v| !v.is_empty()) {
            files.push(PathBuf::from(p));
        } else {
            let user = paths.config.join("containers/registries.conf");
            if user.exists() {
                files.push(user);
            } else {
                files.push("/etc/containers/registries.conf".into());
            }
            files.extend(drop_ins(Path::new("/etc/containers/registries.conf.d")));
            files.extend(drop_ins(&paths.config.join("containers/registries.conf.d")));
        }
        let mut conf = Conf::default();
        for f in files {
            if let Some(file) = read(&f)? {
                conf.merge(file);
            }
        }
        Ok(conf)
    }

    fn merge(&mut self, f: File) {
        if f.unqualified_search_registries.is_some() {
            self.search = f.unqualified_search_registries;
        }
        self.aliases.extend(f.aliases);
        for mut r in f.registry {
            if r.prefix.as_deref().is_none_or(str::is_empty) {
                r.prefix = Some(r.location.clone());
            }
            self.registries.retain(|o| o.prefix != r.prefix);
            self.registries.push(r);
        }
    }

    /// The registries short names are searched in, as written (empty: Docker Hub only).
    pub(crate) fn search_list(&self) -> Vec<String> {
        self.search.clone().unwrap_or_default()
    }

    /// The prefixes of registries marked `insecure` (Docker's Insecure Registries).
    pub(crate) fn insecure(&self) -> Vec<String> {
        let prefix = |r: &Registry| r.prefix.clone().unwrap_or_default();
        self.registries
            .iter()
            .filter(|r| r.insecure)
            .map(prefix)
            .collect()
    }

    /// Parses TOML text (for tests).
    #[cfg(test)]
    fn from_str(s: &str) -> Conf {
        let mut c = Conf::default();
        c.merge(toml::from_str(s).unwrap());
        c
    }

    /// The longest `prefix` matching `name` (`host/path`).
    fn registry_for(&self, name: &str) -> Option<&Registry> {
        self.registries
            .iter()
            .filter(|r| prefix_matches(r.prefix.as_deref().unwrap_or(""), name))
            .max_by_key(|r| r.prefix.as_ref().map_or(0, String::len))
    }

    /// Where the normalized `name` lives: mirrors first, then the (remapped) location.
    pub(crate) fn sources(&self, name: &Reference, with_mirrors: bool) -> Result<Vec<Source>> {
        let repo_name = name.repository();
        let host = name.domain.clone().unwrap_or_default();
        let Some(reg) = self.registry_for(&repo_name) else {
            return Ok(vec![Source {
                host,
                repo: name.path.clone(),
                insecure: false,
            }]);
        };
        if reg.blocked {
            bail!("registry {host} is blocked in registries.conf; remove blocked = true to use it");
        }
        let prefix = reg.prefix.as_deref().unwrap_or("");
        // A `*.example.com` prefix matches a host; the location replaces only that host.
        let rest = if prefix.starts_with("*.") {
            repo_name[host.len()..].trim_start_matches('/')
        } else {
            repo_name[prefix.len()..].trim_start_matches('/')
        };
        let mut out = Vec::new();
        let mut add = |loc: &str, insecure: bool| {
            let loc = if loc.is_empty() {
                if prefix.starts_with("*.") {
                    host.as_str()
                } else {
                    prefix
                }
            } else {
                loc
            };
            let full = if rest.is_empty() {
                loc.to_string()
            } else {
                format!("{}/{rest}", loc.trim_end_matches('/'))
            };
            let (h, p) = full.split_once('/').unwrap_or((full.as_str(), ""));
            out.push(Source {
                host: h.to_string(),
                repo: p.to_string(),
                insecure,
            });
        };
        if with_mirrors {
            for m in &reg.mirror {
                add(&m.location, m.insecure);
            }
        }
        add(&reg.location, reg.insecure);
        Ok(out)
    }

    /// `unqualified-search-registries`, or Docker Hub when none is set (`search`'s default).
    pub(crate) fn search_registries(&self) -> Vec<String> {
        match &self.search {
            Some(s) if !s.is_empty() => s.clone(),
            _ => vec![DOCKER_DOMAIN.to_string()],
        }
    }

    /// Whether registries.conf marks `host` insecure (plain HTTP or unverified TLS allowed).
    pub(crate) fn is_insecure(&self, host: &str) -> bool {
        self.registry_for(host).is_some_and(|r| r.insecure)
    }

    /// The names a user's reference may mean, in the order to try them.
    pub(crate) fn candidates(&self, r: &Reference) -> Result<Vec<Candidate>> {
        let names: Vec<Reference> = if r.domain.is_some() {
            vec![r.normalized(Origin::Hub)]
        } else if let Some(alias) = self.aliases.get(&r.path) {
            let mut a = Reference::parse(alias).with_context(|| {
                format!(
                    "the alias {:?} in registries.conf is not a valid name",
                    r.path
                )
            })?;
            a.tag = r.tag.clone();
            a.digest = r.digest.clone();
            vec![a.normalized(Origin::Hub)]
        } else {
            let search = match &self.search {
                Some(s) if !s.is_empty() => s.clone(),
                _ => vec![DOCKER_DOMAIN.to_string()],
            };
            search
                .iter()
                .map(|reg| {
                    Reference {
                        domain: Some(reg.clone()),
                        ..r.clone()
                    }
                    .normalized(Origin::Hub)
                })
                .collect()
        };
        names
            .into_iter()
            .map(|name| {
                Ok(Candidate {
                    sources: self.sources(&name, true)?,
                    name,
                })
            })
            .collect()
    }
}

fn prefix_matches(prefix: &str, name: &str) -> bool {
    if let Some(suffix) = prefix.strip_prefix("*.") {
        let host = name.split('/').next().unwrap_or("");
        return host.ends_with(&format!(".{suffix}"));
    }
    !prefix.is_empty()
        && (name == prefix
            || (name.starts_with(prefix) && name.as_bytes().get(prefix.len()) == Some(&b'/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refr(s: &str) -> Reference {
        Reference::parse(s).unwrap()
    }

    #[test]
    fn short_names_default_to_docker_hub() {
        let c = Conf::default();
        let v = c.candidates(&refr("busybox")).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].name.to_string(), "docker.io/library/busybox:latest");
        assert_eq!(v[0].sources[0].host, "docker.io");
        assert_eq!(v[0].sources[0].repo, "library/busybox");
    }

    #[test]
    fn prefix_location_mirror_alias_search() {
        let c = Conf::from_str(
            r#"
unqualified-search-registries = ["quay.io", "docker.io"]
[aliases]
"bb" = "example.com/tools/busybox"
[[registry]]
prefix = "example.com/tools"
location = "127.0.0.1:5000/mirror/tools"
insecure = true
[[registry.mirror]]
location = "127.0.0.1:6000/m"
[[registry]]
location = "bad.example"
blocked = true
"#,
        );
        let v = c.candidates(&refr("bb:1")).unwrap();
        assert_eq!(v[0].name.to_string(), "example.com/tools/busybox:1");
        assert_eq!(
            v[0].sources,
            [
                Source {
                    host: "127.0.0.1:6000".into(),
                    repo: "m/busybox".into(),
                    insecure: false
                },
                Source {
                    host: "127.0.0.1:5000".into(),
                    repo: "mirror/tools/busybox".into(),
                    insecure: true
                }
            ]
        );
        let v = c.candidates(&refr("alpine")).unwrap();
        assert_eq!(v[0].name.to_string(), "quay.io/alpine:latest");
        assert_eq!(v[1].name.to_string(), "docker.io/library/alpine:latest");
        assert!(c.candidates(&refr("bad.example/x")).is_err());
        assert!(!prefix_matches("example.com/tools", "example.com/toolsx/a"));
    }
}
