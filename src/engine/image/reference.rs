//! Image references: `[domain[:port]/]path[:tag][@sha256:hex]`, parsed with the grammar of
//! distribution/reference, and normalized the way podman does (`busybox` from an archive or a
//! registry is `docker.io/library/busybox:latest`; a bare name the user gives an image is
//! `localhost/NAME:latest`), but for a namespaced one (`user/app`), which is Docker Hub's as in
//! Docker.
use anyhow::{bail, Result};
use std::fmt;

/// Docker Hub's canonical domain; `index.docker.io` is an alias of it.
pub(crate) const DOCKER_DOMAIN: &str = "docker.io";
/// Where names that the user invents for local images live (podman's choice).
pub(crate) const LOCAL_DOMAIN: &str = "localhost";
pub(crate) const DEFAULT_TAG: &str = "latest";
const MAX_NAME: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// `docker.io`, `localhost`, `registry.example:5000`; `None` when the user gave none.
    pub(crate) domain: Option<String>,
    /// The repository path below the domain: `library/busybox`, `foo/bar`.
    pub(crate) path: String,
    pub(crate) tag: Option<String>,
    /// `sha256:<64 hex>`.
    pub(crate) digest: Option<String>,
}

/// Where a domain-less name came from, which decides the domain it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// From an archive or a registry: Docker Hub (`docker.io/library/NAME`).
    Hub,
    /// A name the user gives an image here (`tag`, `import`, an OCI archive's name): a bare
    /// `NAME` is `localhost/NAME` (podman's safe default: a local image never goes to Docker Hub
    /// by accident), but `NS/NAME` is Docker Hub's `docker.io/NS/NAME`, as Docker reads it, so
    /// `tag app user/app && push user/app` goes where a Docker user expects.
    Local,
}

impl Reference {
    /// Parses a reference. The error is Docker's `invalid reference format`, followed by the part
    /// that is wrong; an uppercase repository is Docker's exact text (`repository name
    /// (library/Busybox) must be lowercase`), checked first as Docker does.
    pub(crate) fn parse(s: &str) -> Result<Reference> {
        parse_parts(s).map_err(|why| anyhow::anyhow!("invalid reference format: {why}"))
    }

    /// The reference with a domain, `library/` for single Hub names, and the `latest` tag when
    /// it has neither tag nor digest.
    pub(crate) fn normalized(&self, origin: Origin) -> Reference {
        let mut r = self.clone();
        let domain = match self.domain.as_deref() {
            None => match origin {
                Origin::Hub => DOCKER_DOMAIN,
                Origin::Local if self.path.contains('/') => DOCKER_DOMAIN,
                Origin::Local => LOCAL_DOMAIN,
            },
            Some("index.docker.io") => DOCKER_DOMAIN,
            Some(d) => d,
        };
        if domain == DOCKER_DOMAIN && !r.path.contains('/') {
            r.path = format!("library/{}", r.path);
        }
        r.domain = Some(domain.to_string());
        if r.tag.is_none() && r.digest.is_none() {
            r.tag = Some(DEFAULT_TAG.to_string());
        }
        r
    }

    /// `domain/path` (or just the path when there is no domain).
    pub(crate) fn repository(&self) -> String {
        match &self.domain {
            Some(d) => format!("{d}/{}", self.path),
            None => self.path.clone(),
        }
    }

    /// `repository:tag` with the default tag; the form stored as an image name.
    pub(crate) fn name_with_tag(&self) -> String {
        format!(
            "{}:{}",
            self.repository(),
            self.tag.as_deref().unwrap_or(DEFAULT_TAG)
        )
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repository())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// `Reference::parse` without the common prefix of its errors.
fn parse_parts(s: &str) -> std::result::Result<Reference, String> {
    if s.is_empty() {
        return Err("the name is empty".into());
    }
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    let (domain, path) = match name.split_once('/') {
        Some((first, p)) if looks_like_domain(first) => (Some(first), p),
        _ => (None, name),
    };
    if path.chars().any(|c| c.is_ascii_uppercase()) {
        // Docker names the repository as it would be stored on Docker Hub.
        let hub = matches!(domain, None | Some(DOCKER_DOMAIN) | Some("index.docker.io"));
        let shown = if hub && !path.contains('/') {
            format!("library/{path}")
        } else {
            path.to_string()
        };
        return Err(format!("repository name ({shown}) must be lowercase"));
    }
    if let Some(d) = digest {
        check_digest(d)?;
    }
    if let Some(t) = tag {
        check_tag(t)?;
    }
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    if name.len() > MAX_NAME {
        return Err(format!("the name is longer than {MAX_NAME} characters"));
    }
    if let Some(d) = domain {
        check_domain(d)?;
    }
    check_path(path)?;
    Ok(Reference {
        domain: domain.map(str::to_string),
        path: path.to_string(),
        tag: tag.map(str::to_string),
        digest: digest.map(str::to_string),
    })
}

/// Parses and normalizes in one step; the full stored name (`docker.io/library/x:latest`).
/// Digests are refused: a name given to an image is a tag, never a digest.
pub(crate) fn normalize_name(s: &str, origin: Origin) -> Result<String> {
    let r = Reference::parse(s)?;
    if r.digest.is_some() {
        bail!("invalid name {s:?}: an image name cannot contain a digest; give a tag instead");
    }
    Ok(r.normalized(origin).name_with_tag())
}

/// Splits a stored, normalized name into (repository, tag).
pub(crate) fn split_name(name: &str) -> (&str, &str) {
    let last_slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[last_slash..].rfind(':') {
        Some(i) => (&name[..last_slash + i], &name[last_slash + i + 1..]),
        None => (name, DEFAULT_TAG),
    }
}

/// The stored names a user's reference may mean, most specific first. A reference with a
/// domain means exactly itself; without one, podman's local search order applies.
pub(crate) fn candidates(r: &Reference) -> Vec<String> {
    let tag = r.tag.as_deref().unwrap_or(DEFAULT_TAG);
    if r.domain.is_some() {
        return vec![format!("{}:{tag}", r.normalized(Origin::Hub).repository())];
    }
    let mut v = vec![format!("{LOCAL_DOMAIN}/{}:{tag}", r.path)];
    if !r.path.contains('/') {
        v.push(format!("{DOCKER_DOMAIN}/library/{}:{tag}", r.path));
    }
    v.push(format!("{DOCKER_DOMAIN}/{}:{tag}", r.path));
    v
}

/// True when the stored repository `repo` may be what a user meant by domain-less `path`:
/// the repository path ends with `/path`.
pub(crate) fn repo_ends_with(repo: &str, path: &str) -> bool {
    repo.len() > path.len()
        && repo.ends_with(path)
        && repo.as_bytes()[repo.len() - path.len() - 1] == b'/'
}

// Docker's rule: the first component is a domain if it has a dot or a port, is `localhost`, or
// has uppercase letters (which a repository path cannot have).
fn looks_like_domain(first: &str) -> bool {
    first.contains(['.', ':'])
        || first == LOCAL_DOMAIN
        || first.chars().any(|c| c.is_ascii_uppercase())
}

fn check_domain(d: &str) -> std::result::Result<(), String> {
    let err = || format!("domain {d:?} is not a valid host[:port]");
    let (host, port) = if d.starts_with('[') {
        match d.find(']') {
            Some(i) if i + 1 == d.len() => (&d[..=i], None),
            Some(i) if d.as_bytes()[i + 1] == b':' => (&d[..=i], Some(&d[i + 2..])),
            _ => return Err(err()),
        }
    } else {
        match d.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (d, None),
        }
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 5 {
            return Err(err());
        }
    }
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return v6
            .parse::<std::net::Ipv6Addr>()
            .map(|_| ())
            .map_err(|_| err());
    }
    let ok = !host.is_empty()
        && host.split('.').all(|c| {
            !c.is_empty()
                && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !c.starts_with('-')
                && !c.ends_with('-')
        });
    if ok {
        Ok(())
    } else {
        Err(err())
    }
}

fn check_path(path: &str) -> std::result::Result<(), String> {
    for comp in path.split('/') {
        if !valid_path_component(comp) {
            return Err(format!(
                "path component {comp:?} may contain only lowercase letters, digits and the \
                 separators . _ __ -, and must start and end with a letter or digit"
            ));
        }
    }
    Ok(())
}

fn valid_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        // A separator run: one '.', one '_', two '_', or any number of '-'.
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-')) {
            return false;
        }
    }
    true
}

/// True when `t` is a valid tag (`latest`, `v1.0`, `Stable_2`).
pub(crate) fn is_tag(t: &str) -> bool {
    check_tag(t).is_ok()
}

fn check_tag(t: &str) -> std::result::Result<(), String> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = t.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|&x| word(x) || x == b'.' || x == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "tag {t:?} must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"
        ))
    }
}

/// Checks `sha256:<64 lowercase hex>`.
pub(crate) fn check_digest(d: &str) -> std::result::Result<(), String> {
    match d.parse::<super::digest::Digest>() {
        Ok(_) => Ok(()),
        Err(_) => Err(format!(
            "digest {d:?} must be sha256: followed by 64 lowercase hex digits"
        )),
    }
}

pub(crate) fn is_hex(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hub(s: &str) -> String {
        Reference::parse(s)
            .unwrap()
            .normalized(Origin::Hub)
            .to_string()
    }

    #[test]
    fn normalizes_like_podman() {
        assert_eq!(hub("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(hub("busybox:1.36"), "docker.io/library/busybox:1.36");
        assert_eq!(hub("foo/bar"), "docker.io/foo/bar:latest");
        assert_eq!(hub("docker.io/busybox"), "docker.io/library/busybox:latest");
        assert_eq!(
            hub("index.docker.io/busybox"),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(hub("localhost/x"), "localhost/x:latest");
        assert_eq!(hub("reg.example:5000/a/b:v1"), "reg.example:5000/a/b:v1");
        assert_eq!(hub("localhost:5000/a"), "localhost:5000/a:latest");
        let d = format!("sha256:{}", "a".repeat(64));
        assert_eq!(
            hub(&format!("busybox@{d}")),
            format!("docker.io/library/busybox@{d}")
        );
        assert_eq!(
            hub(&format!("b:t@{d}")),
            format!("docker.io/library/b:t@{d}")
        );
        let local = Reference::parse("mine:v2")
            .unwrap()
            .normalized(Origin::Local);
        assert_eq!(local.to_string(), "localhost/mine:v2");
        assert_eq!(
            normalize_name("x", Origin::Local).unwrap(),
            "localhost/x:latest"
        );
        assert_eq!(
            normalize_name("user/app", Origin::Local).unwrap(),
            "docker.io/user/app:latest"
        );
        assert_eq!(
            normalize_name("quay.io/user/app:v1", Origin::Local).unwrap(),
            "quay.io/user/app:v1"
        );
    }

    #[test]
    fn separators_and_domains() {
        for ok in [
            "a.b",
            "a_b",
            "a__b",
            "a---b",
            "a/b/c",
            "[::1]:5000/x",
            "Reg.Example/x",
            "1.2.3.4/x",
        ] {
            assert!(Reference::parse(ok).is_ok(), "{ok}");
        }
        let r = Reference::parse("Reg.Example/x").unwrap();
        assert_eq!(r.domain.as_deref(), Some("Reg.Example"));
    }

    #[test]
    fn errors_name_the_bad_part() {
        let e = |s: &str| Reference::parse(s).unwrap_err().to_string();
        assert!(e("").contains("empty"));
        assert!(e("a..b").contains("path component \"a..b\""));
        assert!(e("a___b").contains("path component"));
        assert!(e("-a").contains("path component"));
        assert!(e("a/").contains("path component \"\""));
        assert!(e("busybox:-x").contains("tag \"-x\""));
        assert!(e("busybox:").contains("tag \"\""));
        assert!(e(&format!("b:{}", "t".repeat(129))).contains("tag"));
        assert!(e("b@sha256:abc").contains("digest \"sha256:abc\""));
        assert!(e("b@md5:abc").contains("digest"));
        assert!(e("a_b.com:x/y").contains("domain"));
        assert!(e("../../x").contains("domain \"..\""));
        assert!(e(&"a".repeat(256)).contains("longer than 255"));
        assert!(normalize_name(&format!("b@sha256:{}", "0".repeat(64)), Origin::Local).is_err());
    }

    #[test]
    fn errors_are_dockers_invalid_reference_format() {
        let e = |s: &str| Reference::parse(s).unwrap_err().to_string();
        for bad in [
            "",
            "busybox@sha256:abc",
            "busybox:",
            "../../x",
            "a//b",
            "a b",
            ":x",
        ] {
            assert!(
                e(bad).starts_with("invalid reference format: "),
                "{bad}: {}",
                e(bad)
            );
        }
        // Docker's exact text names the repository as Docker Hub stores it, and is checked
        // before the tag or digest is.
        let lower = |s: &str, repo: &str| {
            assert_eq!(
                e(s),
                format!("invalid reference format: repository name ({repo}) must be lowercase")
            )
        };
        lower("UPPER", "library/UPPER");
        lower("Busybox", "library/Busybox");
        lower("Busybox:", "library/Busybox");
        lower("Busy:box", "library/Busy");
        lower("docker.io/Busybox", "library/Busybox");
        lower("foo/Bar", "foo/Bar");
        lower("quay.io/x/Y:1", "x/Y");
        lower("Bad//Name", "/Name");
    }

    #[test]
    fn lookup_candidates() {
        let c = |s: &str| candidates(&Reference::parse(s).unwrap());
        assert_eq!(
            c("busybox"),
            [
                "localhost/busybox:latest",
                "docker.io/library/busybox:latest",
                "docker.io/busybox:latest"
            ]
        );
        assert_eq!(c("a/b:1"), ["localhost/a/b:1", "docker.io/a/b:1"]);
        assert_eq!(c("docker.io/busybox"), ["docker.io/library/busybox:latest"]);
        assert_eq!(c("quay.io/x/y:2"), ["quay.io/x/y:2"]);
        assert!(repo_ends_with("quay.io/x/busybox", "busybox"));
        assert!(!repo_ends_with("quay.io/x/mybusybox", "busybox"));
        assert!(!repo_ends_with("busybox", "busybox"));
    }

    #[test]
    fn names_split_and_shorten() {
        assert_eq!(
            split_name("localhost:5000/a:v1"),
            ("localhost:5000/a", "v1")
        );
        assert_eq!(
            split_name("localhost:5000/a"),
            ("localhost:5000/a", "latest")
        );
    }
}
