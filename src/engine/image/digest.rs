//! Digests and chain ids as types. Every digest that comes from an image (config diff_ids,
//! manifest and index descriptors, archive members, registry answers) is parsed here at the
//! boundary, and only these types become store paths (`blobs/sha256/<hex>`,
//! `layers/<chain-hex>`): a string such as `sha256:../../x` never reaches a `join`.
//! `Hashing` is the one reader/writer that computes a digest on the way, for every copy, and
//! `verify` (with `Verified`, a `Hashing` that knows what to expect) the one comparison with an
//! expected digest: its error texts, one per origin of the data, all live here.
use anyhow::{anyhow, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};
use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

const PREFIX: &str = "sha256:";
const WANT: &str = "want sha256: and 64 lowercase hex digits";

/// `sha256:` and exactly 64 lowercase hex digits (the only algorithm skiff stores).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Digest(String);

/// A digest string that is not `sha256:<64 lowercase hex>`; the value is quoted (escaped), so
/// the message stays on one line whatever the input holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid digest {0:?}: {WANT}")]
pub(crate) struct InvalidDigest(pub String);

fn is_lower_hex64(h: &str) -> bool {
    h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl Digest {
    /// Parses `s`, naming where it came from in the error (`in the image config's diff_ids`).
    pub(crate) fn parse(s: &str, what: &str) -> Result<Digest> {
        s.parse()
            .map_err(|_| anyhow!("invalid digest {s:?} in {what}: {WANT}"))
    }

    /// An OCI descriptor's digest (oci-spec accepts any algorithm and encoding), parsed.
    pub(crate) fn from_oci(d: &oci_spec::image::Digest, what: &str) -> Result<Digest> {
        Digest::parse(d.as_ref(), what)
    }

    /// As oci-spec's type, for a descriptor skiff writes.
    pub(crate) fn to_oci(&self) -> Result<oci_spec::image::Digest> {
        self.0
            .parse()
            .map_err(|e| anyhow!("digest {self} refused by oci-spec: {e}"))
    }

    /// The digest of `data`.
    pub(crate) fn of(data: &[u8]) -> Digest {
        Digest::from_hasher(Sha256::new_with_prefix(data))
    }

    fn from_hasher(h: Sha256) -> Digest {
        Digest(format!("{PREFIX}{}", hex::encode(h.finalize())))
    }

    /// The 64 hex digits: safe as a single path component.
    pub(crate) fn hex(&self) -> &str {
        &self.0[PREFIX.len()..]
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Digest {
    type Err = InvalidDigest;
    fn from_str(s: &str) -> std::result::Result<Digest, InvalidDigest> {
        match s.strip_prefix(PREFIX) {
            Some(h) if is_lower_hex64(h) => Ok(Digest(s.to_string())),
            _ => Err(InvalidDigest(s.to_string())),
        }
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl PartialEq<str> for Digest {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Digest {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Digest {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Digest, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A layer's chain id (`ChainID(L1) = DiffID(L1)`, `ChainID(Ln) = sha256(ChainID(Ln-1) + " " +
/// DiffID(Ln))`): the name of its directory under `layers/`. A distinct type, so a blob digest
/// cannot be passed where a layer is meant.
/// Serialized as its text, and parsed (so checked) when read back from a record.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct ChainId(Digest);

impl ChainId {
    pub(crate) fn hex(&self) -> &str {
        self.0.hex()
    }
}

impl FromStr for ChainId {
    type Err = InvalidDigest;
    fn from_str(s: &str) -> std::result::Result<ChainId, InvalidDigest> {
        s.parse().map(ChainId)
    }
}

impl fmt::Display for ChainId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for ChainId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// The chain ids of a layer stack, bottom first.
pub(crate) fn chain_ids(diff_ids: &[Digest]) -> Vec<ChainId> {
    let mut out: Vec<ChainId> = Vec::with_capacity(diff_ids.len());
    for d in diff_ids {
        let next = match out.last() {
            None => d.clone(),
            Some(prev) => Digest::of(format!("{prev} {d}").as_bytes()),
        };
        out.push(ChainId(next));
    }
    out
}

/// An image config's `rootfs.diff_ids`, parsed: the config is untrusted (an archive, a
/// registry), and the first diff id is the first layer's directory name.
pub(crate) fn diff_ids(config: &oci_spec::image::ImageConfiguration) -> Result<Vec<Digest>> {
    config
        .rootfs()
        .diff_ids()
        .iter()
        .map(|d| Digest::parse(d, "the image config's diff_ids"))
        .collect()
}

/// A reader or writer that hashes and counts what passes through it: every verified copy
/// (archive spooling, downloads, imports, recompression) goes through this one type, and the
/// caller compares `digest()` with what it expected.
pub(crate) struct Hashing<T> {
    pub(crate) inner: T,
    hasher: Sha256,
    pub(crate) count: u64,
}

impl<T> Hashing<T> {
    pub(crate) fn new(inner: T) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            count: 0,
        }
    }
    /// The digest of everything so far.
    pub(crate) fn digest(&self) -> Digest {
        Digest::from_hasher(self.hasher.clone())
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// Where checked data came from, which decides what a mismatch says (and whom it blames).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    /// A layer blob a registry sent.
    RegistryLayer,
    /// A small blob (a config) a registry sent for `repo`.
    RegistryBlob { repo: &'a str },
    /// A manifest a registry sent for `repo`.
    RegistryManifest { host: &'a str, repo: &'a str },
    /// A blob of an image archive.
    Archive,
    /// The uncompressed stream of layer blob `blob`, against the image config's diff_id.
    DiffId { blob: &'a Digest },
}

/// The one comparison of a computed digest (`got`) with the expected one (`want`: text, since a
/// registry's `Docker-Content-Digest` header is compared unparsed); the error says which data
/// was corrupt and that nothing was stored.
pub(crate) fn verify(got: &Digest, want: &str, source: Source) -> Result<()> {
    if got == want {
        return Ok(());
    }
    Err(match source {
        Source::RegistryLayer => anyhow!(
            "layer {want} arrived with digest {got}: the registry sent corrupt data; nothing \
             was stored"
        ),
        Source::RegistryBlob { repo } => anyhow!(
            "blob {want} of {repo} arrived with digest {got}: the registry sent corrupt data; \
             nothing was stored"
        ),
        Source::RegistryManifest { host, repo } => anyhow!(
            "the manifest of {host}/{repo} has digest {got}, not {want}: the registry sent \
             corrupt data; nothing was stored"
        ),
        Source::Archive => anyhow!(
            "blob {want} does not match its digest: the archive is corrupt, nothing was loaded"
        ),
        Source::DiffId { blob } => anyhow!(
            "layer {blob} has diff_id {got} but the image config says {want}: the image is \
             corrupt, nothing was stored"
        ),
    })
}

/// A `Hashing` reader or writer that knows the digest to expect: `verify` checks what passed
/// through it, once the caller has read or written all of it.
pub(crate) struct Verified<T> {
    hashing: Hashing<T>,
    want: Digest,
}

impl<T> Verified<T> {
    pub(crate) fn new(inner: T, want: &Digest) -> Self {
        Verified {
            hashing: Hashing::new(inner),
            want: want.clone(),
        }
    }
    /// Bytes so far.
    pub(crate) fn count(&self) -> u64 {
        self.hashing.count
    }
    /// Checks everything so far against the expected digest.
    pub(crate) fn verify(&self, source: Source) -> Result<()> {
        verify(&self.hashing.digest(), self.want.as_str(), source)
    }
}

impl<W: Write> Write for Verified<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.hashing.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.hashing.flush()
    }
}

impl<R: Read> Read for Verified<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.hashing.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> String {
        format!("sha256:{}", "0123456789abcdef".repeat(4))
    }

    #[test]
    fn accepts_sha256_and_64_lowercase_hex() {
        let d: Digest = good().parse().unwrap();
        assert_eq!(d.to_string(), good());
        assert_eq!(d.hex(), &good()[7..]);
        let c: ChainId = good().parse().unwrap();
        assert_eq!(c.hex(), d.hex());
    }

    #[test]
    fn refuses_everything_else() {
        let g = good();
        let bad = [
            g.to_uppercase(),
            format!("sha256:{}", g[7..].to_uppercase()),
            g[..g.len() - 1].to_string(),
            format!("{g}0"),
            format!("sha512:{}", "a".repeat(128)),
            format!("sha512:{}", &g[7..]),
            "sha256:../../x".into(),
            format!("sha256:../{}", &g[10..]),
            format!("sha256:{}/", &g[8..]),
            "/".into(),
            String::new(),
            "sha256:".into(),
            format!("{g}\n"),
            g[7..].to_string(),
            format!(" {g}"),
        ];
        for b in &bad {
            assert!(b.parse::<Digest>().is_err(), "{b:?} accepted");
            assert!(
                b.parse::<ChainId>().is_err(),
                "{b:?} accepted as a chain id"
            );
        }
    }

    #[test]
    fn errors_name_the_value_and_where_on_one_line() {
        let e = Digest::parse("sha256:../x\n", "the image config's diff_ids")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "invalid digest \"sha256:../x\\n\" in the image config's diff_ids: want sha256: \
             and 64 lowercase hex digits"
        );
        let e = "/".parse::<Digest>().unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid digest \"/\": want sha256: and 64 lowercase hex digits"
        );
    }

    #[test]
    fn serde_uses_the_string_and_validates() {
        let d: Digest = serde_json::from_str(&format!("\"{}\"", good())).unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            format!("\"{}\"", good())
        );
        let e = serde_json::from_str::<Digest>("\"sha256:../../x\"").unwrap_err();
        assert!(e.to_string().contains("invalid digest"), "{e}");
    }

    #[test]
    fn chain_ids_follow_the_spec() {
        let a: Digest = format!("sha256:{}", "a".repeat(64)).parse().unwrap();
        let b: Digest = format!("sha256:{}", "b".repeat(64)).parse().unwrap();
        let c = chain_ids(&[a.clone(), b.clone()]);
        assert_eq!(c[0].to_string(), a.to_string());
        assert_eq!(
            c[1].to_string(),
            Digest::of(format!("{a} {b}").as_bytes()).to_string()
        );
        assert!(chain_ids(&[]).is_empty());
    }

    #[test]
    fn hashing_gives_the_digest_of_what_passed() {
        let mut w = Hashing::new(Vec::new());
        w.write_all(b"layer").unwrap();
        assert_eq!(w.digest(), Digest::of(b"layer"));
        assert_eq!(w.count, 5);
        let mut r = Hashing::new(&b"layer"[..]);
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(r.digest(), Digest::of(b"layer"));
    }

    #[test]
    fn verified_checks_what_passed_and_names_the_data() {
        let want = Digest::of(b"layer");
        let mut r = Verified::new(&b"layer"[..], &want);
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(r.count(), 5);
        r.verify(Source::RegistryLayer).unwrap();
        let mut r = Verified::new(&b"layeR"[..], &want);
        io::copy(&mut r, &mut io::sink()).unwrap();
        let got = Digest::of(b"layeR");
        let e = r.verify(Source::RegistryLayer).unwrap_err().to_string();
        assert_eq!(
            e,
            format!(
                "layer {want} arrived with digest {got}: the registry sent corrupt data; \
                 nothing was stored"
            )
        );
        let e = verify(&got, want.as_str(), Source::Archive)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(&format!("blob {want} does not match its digest")),
            "{e}"
        );
        let e = verify(
            &got,
            "garbage",
            Source::RegistryManifest {
                host: "h",
                repo: "r",
            },
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains(&format!("has digest {got}, not garbage")), "{e}");
        let mut w = Verified::new(Vec::new(), &want);
        w.write_all(b"layer").unwrap();
        w.verify(Source::DiffId { blob: &got }).unwrap();
    }

    #[test]
    fn diff_ids_are_parsed_from_the_config() {
        let cfg = |ids: &[&str]| -> oci_spec::image::ImageConfiguration {
            serde_json::from_value(serde_json::json!({
                "architecture": "amd64", "os": "linux",
                "rootfs": { "type": "layers", "diff_ids": ids },
            }))
            .unwrap()
        };
        assert_eq!(diff_ids(&cfg(&[&good()])).unwrap()[0].as_str(), good());
        let e = diff_ids(&cfg(&[&good(), "sha256:../../../../tmp/x"]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("\"sha256:../../../../tmp/x\" in the image config's diff_ids"),
            "{e}"
        );
    }
}
