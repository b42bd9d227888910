//! `images`: one row per (image, name), unnamed images as `<none>`, newest first. Reads only
//! index.json (each entry carries the id, size and creation date), so it stays fast.
use super::digest::Digest;
use super::human::parse_time;
use super::reference::{candidates, repo_ends_with, split_name, Reference};
use super::store::Index;
use crate::store::Paths;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};

#[derive(Debug, Default)]
pub(crate) struct ListOptions {
    /// `REPOSITORY[:TAG]` to show only matching names (domain-less names match like lookups).
    pub(crate) filter: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRow {
    /// Full repository (`docker.io/library/busybox`) or `<none>`.
    pub(crate) repository: String,
    pub(crate) tag: String,
    /// `sha256:<hex>`.
    pub(crate) id: Digest,
    /// The manifest digest.
    pub(crate) digest: Digest,
    pub(crate) created: Option<DateTime<Utc>>,
    pub(crate) size: u64,
}

pub(crate) const NONE: &str = "<none>";

pub(crate) fn list(paths: &Paths, opts: &ListOptions) -> Result<Vec<ImageRow>> {
    let index = Index::read(paths)?;
    let filter = match &opts.filter {
        Some(f) => {
            let r = Reference::parse(f)?;
            if r.digest.is_some() {
                bail!("invalid filter {f:?}: give REPOSITORY[:TAG] without a digest");
            }
            Some(r)
        }
        None => None,
    };
    let mut rows = Vec::new();
    for img in &index.images {
        let created = img.created.as_deref().and_then(parse_time);
        let row = |repository: &str, tag: &str| ImageRow {
            repository: repository.to_string(),
            tag: tag.to_string(),
            id: img.id.clone(),
            digest: img.manifest.clone(),
            created,
            size: img.size,
        };
        if img.names.is_empty() && filter.is_none() {
            rows.push(row(NONE, NONE));
        }
        for n in &img.names {
            let (repo, tag) = split_name(n);
            if filter.as_ref().is_none_or(|f| matches(f, repo, tag)) {
                rows.push(row(repo, tag));
            }
        }
    }
    // Newest first; equal dates by name so the order is stable.
    rows.sort_by(|a, b| {
        b.created
            .cmp(&a.created)
            .then_with(|| a.repository.cmp(&b.repository))
            .then_with(|| a.tag.cmp(&b.tag))
    });
    Ok(rows)
}

fn matches(f: &Reference, repo: &str, tag: &str) -> bool {
    if f.tag.as_deref().is_some_and(|t| t != tag) {
        return false;
    }
    let repo_match = candidates(f).iter().any(|c| split_name(c).0 == repo);
    repo_match || (f.domain.is_none() && repo_ends_with(repo, &f.path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_matches_short_and_full_names() {
        let r = |s: &str| Reference::parse(s).unwrap();
        assert!(matches(&r("busybox"), "docker.io/library/busybox", "1.36"));
        assert!(matches(
            &r("busybox:1.36"),
            "docker.io/library/busybox",
            "1.36"
        ));
        assert!(!matches(
            &r("busybox:1.35"),
            "docker.io/library/busybox",
            "1.36"
        ));
        assert!(matches(&r("busybox"), "localhost/busybox", "latest"));
        assert!(matches(&r("busybox"), "quay.io/x/busybox", "latest"));
        assert!(!matches(
            &r("docker.io/busybox"),
            "quay.io/x/busybox",
            "latest"
        ));
        assert!(!matches(&r("box"), "docker.io/library/busybox", "latest"));
    }
}
