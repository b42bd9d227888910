//! Finding a local image from what the user typed: a name (with podman's search order for
//! domain-less names), `name@sha256:...` (pinned by manifest digest), a full image id, or a
//! unique prefix of one (the 12-hex short id).
use super::reference::{candidates, is_hex, repo_ends_with, split_name, Reference, DEFAULT_TAG};
use super::store::Index;
use anyhow::{bail, Result};

/// Shortest id prefix accepted, so that short words are not taken for ids by accident.
const MIN_PREFIX: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Position in `Index::images`.
    pub(crate) idx: usize,
    /// The stored name the reference matched; `None` when it named the image by id.
    pub(crate) name: Option<String>,
}

/// No local image has that name or id: its own type, so `rmi --ignore` and `image exists` can
/// tell it from a malformed reference or an ambiguous one.
#[derive(Debug, thiserror::Error)]
#[error("image {0:?} not found locally")]
pub(crate) struct NotFound(pub(crate) String);

pub(crate) fn not_found(reference: &str) -> anyhow::Error {
    NotFound(reference.to_string()).into()
}

/// True when `e` says the image is not here.
pub(crate) fn is_not_found(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.is::<NotFound>())
}

/// What a user's reference is, before any lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Query {
    /// The hex of an image id or id prefix (`sha256:HEX`, 64 hex digits): never pulled.
    Id(String),
    /// A name; a hex one (`df61d6cd9954`) may still turn out to be an id prefix.
    Name(Reference),
}

/// Classifies `reference`, failing with Docker's `invalid reference format` when it is neither
/// an id nor a valid name: what `run`, `pull` and the image verbs check before they look.
pub(crate) fn parse_query(reference: &str) -> Result<Query> {
    if let Some(hex) = reference.strip_prefix("sha256:") {
        if !is_hex(hex) || hex.len() > 64 {
            bail!("invalid image id {reference:?}: expected sha256: followed by hex digits");
        }
        return Ok(Query::Id(hex.to_string()));
    }
    if reference.len() == 64 && is_hex(reference) {
        return Ok(Query::Id(reference.to_string()));
    }
    match Reference::parse(reference) {
        Ok(r) => Ok(Query::Name(r)),
        Err(_) if is_hex(reference) && reference.len() >= MIN_PREFIX => {
            Ok(Query::Id(reference.to_string()))
        }
        Err(e) => Err(e),
    }
}

/// Finds the image `reference` means, or fails with `image "REF" not found locally`.
pub(crate) fn find(index: &Index, reference: &str) -> Result<Found> {
    let r = match parse_query(reference)? {
        Query::Id(hex) => return by_id_prefix(index, reference, &hex),
        Query::Name(r) => r,
    };
    if let Some(f) = by_name(index, &r)? {
        return Ok(f);
    }
    // A short id (`df61d6cd9954`) is also a valid repository name: names win, then ids.
    if r.domain.is_none()
        && r.tag.is_none()
        && r.digest.is_none()
        && is_hex(reference)
        && reference.len() >= MIN_PREFIX
    {
        return by_id_prefix(index, reference, reference);
    }
    Err(not_found(reference))
}

fn by_name(index: &Index, r: &Reference) -> Result<Option<Found>> {
    let want = candidates(r);
    if let Some(digest) = &r.digest {
        // Pinned: the manifest digest decides; the repository must be one the image is named in.
        for (idx, img) in index
            .images
            .iter()
            .enumerate()
            .filter(|(_, i)| &i.manifest == digest)
        {
            for n in &img.names {
                let (repo, _) = split_name(n);
                let ok = want.iter().any(|w| split_name(w).0 == repo)
                    || (r.domain.is_none() && repo_ends_with(repo, &r.path));
                if ok {
                    return Ok(Some(Found {
                        idx,
                        name: Some(n.clone()),
                    }));
                }
            }
        }
        // Pulled by digest and never tagged: the digest alone names it.
        return Ok(index
            .images
            .iter()
            .position(|i| &i.manifest == digest && i.names.is_empty())
            .map(|idx| Found { idx, name: None }));
    }
    for w in &want {
        if let Some(idx) = index.by_name(w) {
            return Ok(Some(Found {
                idx,
                name: Some(w.clone()),
            }));
        }
    }
    if r.domain.is_some() {
        return Ok(None);
    }
    let tag = r.tag.as_deref().unwrap_or(DEFAULT_TAG);
    let mut hits: Vec<Found> = Vec::new();
    for (idx, img) in index.images.iter().enumerate() {
        for n in &img.names {
            let (repo, t) = split_name(n);
            if t == tag && repo_ends_with(repo, &r.path) {
                hits.push(Found {
                    idx,
                    name: Some(n.clone()),
                });
            }
        }
    }
    match hits.len() {
        0 => Ok(None),
        1 => Ok(hits.pop()),
        _ => {
            let names: Vec<&str> = hits.iter().filter_map(|h| h.name.as_deref()).collect();
            bail!(
                "short name {:?} matches several images ({}); give the full name",
                r.to_string(),
                names.join(", ")
            )
        }
    }
}

fn by_id_prefix(index: &Index, reference: &str, hex: &str) -> Result<Found> {
    let hits: Vec<usize> = (0..index.images.len())
        .filter(|&i| index.images[i].id.hex().starts_with(hex))
        .collect();
    match hits.as_slice() {
        [] => Err(not_found(reference)),
        [idx] => Ok(Found {
            idx: *idx,
            name: None,
        }),
        _ => bail!(
            "image id prefix {reference:?} is ambiguous: {} images match; give more characters",
            hits.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::store::ImageRecord;
    use super::*;

    fn img(id: char, manifest: char, names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: format!("sha256:{}", id.to_string().repeat(64))
                .parse()
                .unwrap(),
            manifest: format!("sha256:{}", manifest.to_string().repeat(64))
                .parse()
                .unwrap(),
            manifest_size: 1,
            manifest_type: String::new(),
            names: names.iter().map(|s| s.to_string()).collect(),
            tagged: names.iter().map(|_| String::new()).collect(),
            created: None,
            size: 0,
        }
    }

    fn index() -> Index {
        let mut a = img(
            'a',
            '1',
            &[
                "docker.io/library/busybox:latest",
                "docker.io/library/busybox:1.36",
            ],
        );
        a.id = format!("sha256:ab{}", "a".repeat(62)).parse().unwrap();
        Index {
            images: vec![
                a,
                img('b', '2', &["localhost/busybox:mine", "quay.io/org/tool:v1"]),
                img('c', '3', &["localhost/app:latest"]),
                img('d', '4', &[]),
                img('e', '5', &["quay.io/x/dup:latest"]),
                img('f', '6', &["ghcr.io/y/dup:latest"]),
            ],
        }
    }

    fn idx(r: &str) -> usize {
        find(&index(), r).unwrap().idx
    }

    #[test]
    fn names_resolve_in_podman_order() {
        assert_eq!(idx("busybox"), 0);
        assert_eq!(idx("busybox:1.36"), 0);
        assert_eq!(idx("docker.io/busybox"), 0);
        assert_eq!(idx("docker.io/library/busybox:latest"), 0);
        assert_eq!(idx("busybox:mine"), 1);
        assert_eq!(idx("app"), 2);
        assert_eq!(idx("tool:v1"), 1);
        assert_eq!(idx("org/tool:v1"), 1);
        let f = find(&index(), "busybox").unwrap();
        assert_eq!(f.name.as_deref(), Some("docker.io/library/busybox:latest"));
    }

    #[test]
    fn ids_and_prefixes() {
        assert_eq!(idx(&"d".repeat(64)), 3);
        assert_eq!(idx(&format!("sha256:{}", "d".repeat(64))), 3);
        assert_eq!(idx("ddd"), 3);
        assert_eq!(idx("sha256:ddd"), 3);
        assert_eq!(idx(&"c".repeat(12)), 2);
        assert_eq!(find(&index(), "ddd").unwrap().name, None);
        // "ab..." is a prefix of image 0 only; "a" is too short to be taken as an id.
        assert_eq!(idx("abaaaa"), 0);
        assert!(find(&index(), "dd").is_err());
    }

    #[test]
    fn digests_pin_the_manifest() {
        let d1 = format!("sha256:{}", "1".repeat(64));
        assert_eq!(idx(&format!("busybox@{d1}")), 0);
        assert!(find(&index(), &format!("app@{d1}")).is_err());
    }

    #[test]
    fn errors() {
        let e = find(&index(), "nothere").unwrap_err().to_string();
        assert_eq!(e, "image \"nothere\" not found locally");
        let e = find(&index(), "dup").unwrap_err().to_string();
        assert!(e.contains("matches several images"), "{e}");
        let e = find(&index(), "Bad").unwrap_err().to_string();
        assert!(e.contains("must be lowercase"), "{e}");
        let e = find(&index(), "busybox:").unwrap_err().to_string();
        assert!(e.starts_with("invalid reference format"), "{e}");
        assert!(find(&index(), "quay.io/busybox").is_err());
    }
}
