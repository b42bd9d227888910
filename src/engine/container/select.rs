//! Which containers a verb acts on: the ones named, or podman's `--all` and `--latest`, narrowed
//! by `--filter` (`start`). Shared by `rm`, `stop`, `kill`, `start` and `restart`, so the flags
//! mean the same on each.
use super::filter::Filters;
use super::list::{self, Query};
use super::record::{self, Record};
use crate::store::Paths;
use anyhow::{bail, Result};

#[derive(Debug, Default)]
pub(crate) struct Selection {
    /// Names, ids or id prefixes as the user typed them.
    pub(crate) names: Vec<String>,
    pub(crate) all: bool,
    /// The most recently created container.
    pub(crate) latest: bool,
    /// `--filter KEY=VALUE` (ps's keys).
    pub(crate) filters: Vec<String>,
}

impl Selection {
    /// The names, or `--all`, or `--latest`, without filters.
    pub(crate) fn of(names: Vec<String>, all: bool, latest: bool) -> Selection {
        Selection {
            names,
            all,
            latest,
            filters: Vec::new(),
        }
    }
}

/// True when `e` says the container does not exist (what `--ignore` forgives).
pub(crate) fn is_missing(e: &anyhow::Error) -> bool {
    crate::error::is_no_such(e)
}

/// The keys to act on, in order: the names as given (those the filters keep, when there are
/// filters), or the full ids of the containers `--all` selects (those `keep` accepts, oldest
/// first, as podman), or of the one `--latest` picks. Filters alone select from every container.
pub(crate) fn select(
    paths: &Paths,
    s: &Selection,
    keep: impl Fn(&Record) -> bool,
) -> Result<Vec<String>> {
    if (s.all || s.latest) && !s.names.is_empty() {
        bail!("give container names or --all or --latest, not several of them");
    }
    if s.all && s.latest {
        bail!("--all and --latest cannot be used together: give one of them");
    }
    let listed = |filters: &[String]| -> Result<Vec<Record>> {
        let mut q = Query {
            all: true,
            filters: Filters::parse(filters)?,
            ..Default::default()
        };
        // Newest first, as ps lists them.
        Ok(list::query(paths, &mut q)?
            .into_iter()
            .map(|e| e.record)
            .collect())
    };
    if s.latest {
        return match listed(&s.filters)?.into_iter().next() {
            Some(r) => Ok(vec![r.id]),
            None => bail!("there is no container for --latest to act on"),
        };
    }
    if s.all || (s.names.is_empty() && !s.filters.is_empty()) {
        let mut v = listed(&s.filters)?;
        v.reverse();
        return Ok(v.into_iter().filter(|r| keep(r)).map(|r| r.id).collect());
    }
    if s.filters.is_empty() {
        return Ok(s.names.clone());
    }
    let kept: Vec<String> = listed(&s.filters)?.into_iter().map(|r| r.id).collect();
    let mut out = Vec::new();
    for n in &s.names {
        // A name that is no container is reported by the verb, as without filters.
        match record::find(paths, n) {
            Ok(r) if !kept.contains(&r.id) => {}
            _ => out.push(n.clone()),
        }
    }
    Ok(out)
}
