//! Entry names of an untrusted tar, reduced to a clean relative path or rejected.
use std::borrow::Cow;

/// A normalized path inside the layer: non-empty components joined by `/`, none of them
/// empty, `.` or `..`, and no NUL byte, so each component can be handed to an `*at` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EntryPath {
    full: Vec<u8>,
    /// Where the last component starts in `full`.
    name_start: usize,
}

impl EntryPath {
    pub(super) fn full(&self) -> &[u8] {
        &self.full
    }

    /// The directory holding the entry; empty for an entry at the layer root.
    pub(super) fn parent(&self) -> &[u8] {
        &self.full[..self.name_start.saturating_sub(1)]
    }

    /// The last component.
    pub(super) fn name(&self) -> &[u8] {
        &self.full[self.name_start..]
    }

    pub(super) fn show(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.full)
    }
}

/// Why a name was refused; the caller adds which entry it was.
pub(super) type Refusal = &'static str;

/// Normalizes a raw tar name. `Ok(None)` means the name is the layer root itself (`./`).
pub(super) fn normalize(raw: &[u8]) -> Result<Option<EntryPath>, Refusal> {
    if raw.is_empty() {
        return Err("the entry has an empty name");
    }
    if raw.contains(&0) {
        return Err("the name contains a NUL byte");
    }
    if raw[0] == b'/' {
        return Err("the path is absolute; layer paths must be relative to the layer root");
    }
    let mut full = Vec::with_capacity(raw.len());
    let mut name_start = 0;
    for component in raw.split(|&b| b == b'/') {
        match component {
            b"" | b"." => continue,
            b".." => return Err("path leaves the layer root"),
            _ => {}
        }
        if !full.is_empty() {
            full.push(b'/');
        }
        name_start = full.len();
        full.extend_from_slice(component);
    }
    if full.is_empty() {
        return Ok(None);
    }
    Ok(Some(EntryPath { full, name_start }))
}

/// What an entry name means to the OCI layer format.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Role<'a> {
    /// An ordinary entry, created as named.
    Plain,
    /// `dir/.wh..wh..opq`: `dir` hides everything below it in lower layers.
    Opaque,
    /// `dir/.wh.NAME`: `dir/NAME` of lower layers is deleted.
    Whiteout(&'a [u8]),
    /// AUFS bookkeeping (`.wh..wh.plnk/...`), which Docker and containerd skip as well.
    AufsMeta,
}

const WHITEOUT: &[u8] = b".wh.";
const META: &[u8] = b".wh..wh.";
const OPAQUE: &[u8] = b".wh..wh..opq";

pub(super) fn role(path: &EntryPath) -> Result<Role<'_>, Refusal> {
    let name = path.name();
    if name == OPAQUE {
        return Ok(Role::Opaque);
    }
    if path
        .full()
        .split(|&b| b == b'/')
        .any(|c| c.starts_with(META))
    {
        return Ok(Role::AufsMeta);
    }
    match name.strip_prefix(WHITEOUT) {
        None => Ok(Role::Plain),
        Some(b"" | b"." | b"..") => Err("the whiteout does not name a single file to delete"),
        Some(hidden) => Ok(Role::Whiteout(hidden)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(raw: &str) -> Option<String> {
        normalize(raw.as_bytes())
            .unwrap()
            .map(|p| p.show().into_owned())
    }

    #[test]
    fn drops_dot_components_and_extra_slashes() {
        assert_eq!(norm("./a/./b//c/").as_deref(), Some("a/b/c"));
        assert_eq!(norm("a").as_deref(), Some("a"));
        assert_eq!(norm("./"), None);
        assert_eq!(norm("."), None);
        let p = normalize(b"./x/y/z").unwrap().unwrap();
        assert_eq!(p.parent(), b"x/y");
        assert_eq!(p.name(), b"z");
        let top = normalize(b"top").unwrap().unwrap();
        assert_eq!(top.parent(), b"");
        assert_eq!(top.name(), b"top");
    }

    #[test]
    fn refuses_dotdot_absolute_empty_and_nul() {
        for raw in [
            "../etc/passwd",
            "a/../../b",
            "a/..",
            "..",
            "/etc/passwd",
            "",
            "a\0b",
        ] {
            assert!(normalize(raw.as_bytes()).is_err(), "{raw:?} was accepted");
        }
        // `..` inside a longer component is an ordinary name.
        assert_eq!(norm("a/..b/c..").as_deref(), Some("a/..b/c.."));
    }

    #[test]
    fn whiteout_roles() {
        let role_of = |raw: &str| {
            let p = normalize(raw.as_bytes()).unwrap().unwrap();
            role(&p).map(|r| format!("{r:?}"))
        };
        assert_eq!(role_of("a/b").unwrap(), "Plain");
        assert_eq!(role_of("a/.wh..wh..opq").unwrap(), "Opaque");
        assert_eq!(
            role_of(".wh.x").unwrap(),
            format!("{:?}", Role::Whiteout(b"x"))
        );
        assert_eq!(role_of(".wh..wh.plnk/1.2").unwrap(), "AufsMeta");
        assert!(role_of("a/.wh.").is_err());
        assert!(role_of("a/.wh..").is_err());
        assert!(role_of("a/.wh...").is_err());
    }
}
