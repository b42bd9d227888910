//! `search`: the repositories registries list (`/v2/_catalog`) whose name contains the term, or
//! with `list_tags` the tags of one repository. The registries are the term's own
//! (`host/term`) or registries.conf's `unqualified-search-registries`.
use super::registries_conf::Conf;
use super::registry::{Client, RegistryOptions};
use crate::store::Paths;
use anyhow::{bail, Result};

#[derive(Debug, Default)]
pub(crate) struct SearchOptions {
    pub(crate) registry: RegistryOptions,
    /// At most this many results per registry.
    pub(crate) limit: usize,
    /// List the tags of the repository the term names.
    pub(crate) list_tags: bool,
}

/// One repository found (or one tag of it, with `list_tags`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The registry host.
    pub(crate) index: String,
    /// `host/repository`.
    pub(crate) name: String,
    pub(crate) tag: Option<String>,
    /// Catalogs carry none: empty.
    pub(crate) description: String,
}

/// Searches; a registry that cannot be asked is an error only when it is the only one, else
/// `warn` is told and the others answer.
pub(crate) fn search(
    paths: &Paths,
    term: &str,
    o: &SearchOptions,
    warn: &mut dyn FnMut(String),
) -> Result<Vec<Found>> {
    let conf = Conf::load(paths)?;
    let (hosts, term) = match term.split_once('/') {
        Some((h, rest)) if h.contains(['.', ':']) || h == "localhost" => {
            (vec![h.to_string()], rest.to_string())
        }
        _ => (conf.search_registries(), term.to_string()),
    };
    if o.list_tags && term.is_empty() {
        bail!("--list-tags needs a repository name, such as registry.example.com/app");
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for host in &hosts {
        match one(paths, &conf, host, &term, o) {
            Ok(v) => out.extend(v),
            Err(e) => errors.push(e.context(format!("cannot search {host}"))),
        }
    }
    if out.is_empty() && errors.len() == hosts.len() {
        if let Some(e) = errors.pop() {
            return Err(e);
        }
    }
    for e in errors {
        warn(format!("{e:#}"));
    }
    Ok(out)
}

fn one(
    paths: &Paths,
    conf: &Conf,
    host: &str,
    term: &str,
    o: &SearchOptions,
) -> Result<Vec<Found>> {
    let client = Client::connect(paths, host, &o.registry, conf.is_insecure(host))?;
    let found = |repo: &str, tag: Option<String>| Found {
        index: host.to_string(),
        name: format!("{host}/{repo}"),
        tag,
        description: String::new(),
    };
    if o.list_tags {
        let mut tags = client.tags(term)?;
        tags.truncate(o.limit);
        return Ok(tags.into_iter().map(|t| found(term, Some(t))).collect());
    }
    // The catalog has no search: every name is listed (up to a bound) and matched here.
    let needle = term.to_ascii_lowercase();
    let mut repos: Vec<String> = client
        .catalog(10_000)?
        .into_iter()
        .filter(|r| r.to_ascii_lowercase().contains(&needle))
        .collect();
    repos.truncate(o.limit);
    Ok(repos.iter().map(|r| found(r, None)).collect())
}
