//! Images built offline, without root: layer tars written entry by entry (including entries the
//! `tar` crate would refuse to write, for hostile layers), wrapped as OCI archives (`oci-layout`,
//! `index.json`, blobs) and as docker-archives (`manifest.json`, `<id>.json`, `<dir>/layer.tar`).
use flate2::write::GzEncoder;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

pub const PATH_ENV: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

pub fn sha256(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

// ---------------------------------------------------------------------------------------------
// Layer tars

/// Writes tar entries with exact bytes: names are not normalised or checked, so `../x`, `/x` and
/// duplicates can be written. Owner 0:0 and mtime 0 unless given.
#[derive(Default)]
pub struct Tar {
    out: Vec<u8>,
}

pub struct Entry<'a> {
    pub name: &'a [u8],
    pub kind: tar::EntryType,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    pub link: &'a [u8],
    pub data: &'a [u8],
    pub dev: (u32, u32),
}

impl<'a> Entry<'a> {
    pub fn new(name: &'a str, kind: tar::EntryType) -> Self {
        Entry {
            name: name.as_bytes(),
            kind,
            mode: 0o644,
            uid: 0,
            gid: 0,
            link: b"",
            data: b"",
            dev: (0, 0),
        }
    }
}

impl Tar {
    pub fn new() -> Tar {
        Tar::default()
    }

    /// Appends one entry, its header written field by field (names of up to 255 bytes via the
    /// ustar prefix; longer link names through a PAX `linkpath` record, as GNU tar writes them).
    pub fn entry(&mut self, e: Entry<'_>) -> &mut Self {
        if e.link.len() > 100 {
            let record = pax_record("linkpath", e.link);
            self.entry(Entry {
                data: &record,
                mode: 0o644,
                ..Entry::new("PaxHeaders/link", tar::EntryType::XHeader)
            });
            return self.entry(Entry {
                link: &e.link[..100],
                ..e
            });
        }
        let mut h = tar::Header::new_ustar();
        let (prefix, name) = split_name(e.name);
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        if let Some(u) = h.as_ustar_mut() {
            u.prefix[..prefix.len()].copy_from_slice(prefix);
        }
        h.as_old_mut().linkname[..e.link.len()].copy_from_slice(e.link);
        h.set_entry_type(e.kind);
        h.set_mode(e.mode);
        h.set_uid(e.uid);
        h.set_gid(e.gid);
        h.set_mtime(0);
        h.set_size(e.data.len() as u64);
        if matches!(e.kind, tar::EntryType::Char | tar::EntryType::Block) {
            h.set_device_major(e.dev.0).expect("major");
            h.set_device_minor(e.dev.1).expect("minor");
        }
        h.set_cksum();
        self.out.extend_from_slice(h.as_bytes());
        self.out.extend_from_slice(e.data);
        let pad = (512 - e.data.len() % 512) % 512;
        self.out.extend(std::iter::repeat_n(0u8, pad));
        self
    }

    pub fn dir(&mut self, name: &str, mode: u32) -> &mut Self {
        self.entry(Entry {
            mode,
            ..Entry::new(name, tar::EntryType::Directory)
        })
    }
    pub fn file(&mut self, name: &str, mode: u32, data: &[u8]) -> &mut Self {
        self.entry(Entry {
            mode,
            data,
            ..Entry::new(name, tar::EntryType::Regular)
        })
    }
    pub fn file_owned(
        &mut self,
        name: &str,
        mode: u32,
        uid: u64,
        gid: u64,
        data: &[u8],
    ) -> &mut Self {
        self.entry(Entry {
            mode,
            uid,
            gid,
            data,
            ..Entry::new(name, tar::EntryType::Regular)
        })
    }
    pub fn symlink(&mut self, name: &str, target: &str) -> &mut Self {
        self.entry(Entry {
            mode: 0o777,
            link: target.as_bytes(),
            ..Entry::new(name, tar::EntryType::Symlink)
        })
    }
    pub fn hardlink(&mut self, name: &str, target: &str) -> &mut Self {
        self.entry(Entry {
            link: target.as_bytes(),
            ..Entry::new(name, tar::EntryType::Link)
        })
    }
    pub fn char_dev(&mut self, name: &str, major: u32, minor: u32) -> &mut Self {
        self.entry(Entry {
            dev: (major, minor),
            mode: 0o666,
            ..Entry::new(name, tar::EntryType::Char)
        })
    }
    /// An OCI whiteout for `path` (`dir/.wh.name`).
    pub fn whiteout(&mut self, path: &str) -> &mut Self {
        let name = match path.rsplit_once('/') {
            Some((dir, name)) => format!("{dir}/.wh.{name}"),
            None => format!(".wh.{path}"),
        };
        self.file(&name, 0o644, b"")
    }
    /// Marks directory `dir` opaque (`dir/.wh..wh..opq`).
    pub fn opaque(&mut self, dir: &str) -> &mut Self {
        self.file(&format!("{dir}/.wh..wh..opq"), 0o644, b"")
    }

    /// The finished archive (two zero blocks).
    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = std::mem::take(&mut self.out);
        out.extend(std::iter::repeat_n(0u8, 1024));
        out
    }
}

/// One PAX extended-header record: "<len> <key>=<value>\n", where <len> counts the whole record.
fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let rest = key.len() + value.len() + 3; // ' ', '=', '\n'
    let mut len = rest + 1;
    while len != rest + len.to_string().len() {
        len = rest + len.to_string().len();
    }
    let mut r = format!("{len} {key}=").into_bytes();
    r.extend_from_slice(value);
    r.push(b'\n');
    r
}

fn split_name(name: &[u8]) -> (&[u8], &[u8]) {
    if name.len() <= 100 {
        return (b"", name);
    }
    let cut = name
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'/' && *i <= 155 && name.len() - i - 1 <= 100)
        .map(|(i, _)| i)
        .next()
        .expect("tar entry name too long for ustar");
    (&name[..cut], &name[cut + 1..])
}

/// The busybox root file system, as `make-images.sh` builds it: Debian's static `/bin/busybox`,
/// one absolute symlink per applet (`busybox --list-full`), passwd/group with root, daemon,
/// www-data (33) and nobody (65534), `/root` 0700, `/tmp` 1777, `/var/www/index.html`, and the
/// mount-point directories. Fixed mtimes and owners: the same bytes on every run.
pub fn busybox_rootfs() -> &'static [u8] {
    static TAR: OnceLock<Vec<u8>> = OnceLock::new();
    TAR.get_or_init(|| {
        let bin = std::fs::read("/bin/busybox")
            .expect("/bin/busybox is missing: install busybox-static (apt-get install busybox-static)");
        let list = std::process::Command::new("/bin/busybox").arg("--list-full").output().expect("busybox --list-full");
        let mut applets: Vec<String> = String::from_utf8_lossy(&list.stdout)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "bin/busybox")
            .map(String::from)
            .collect();
        applets.sort();
        let mut t = Tar::new();
        for d in ["bin", "dev", "etc", "home", "proc", "run", "sbin", "sys", "usr", "usr/bin", "usr/sbin", "var", "var/www"] {
            t.dir(d, 0o755);
        }
        t.dir("root", 0o700).dir("tmp", 0o1777);
        t.file("bin/busybox", 0o755, &bin);
        for a in &applets {
            t.symlink(a, "/bin/busybox");
        }
        t.file(
            "etc/passwd",
            0o644,
            b"root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n\
              www-data:x:33:33:www-data:/var/www:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
        );
        t.file("etc/group", 0o644, b"root:x:0:\ndaemon:x:1:\nwww-data:x:33:\nnogroup:x:65534:\n");
        t.file("var/www/index.html", 0o644, b"<h1>hello from busybox</h1>\n");
        t.finish()
    })
}

/// An applet that busybox installs under `usr/bin` (for rename tests that must not break `sh`).
pub fn usr_bin_applet() -> String {
    let tar = busybox_rootfs();
    let mut ar = tar::Archive::new(tar);
    ar.entries()
        .expect("entries")
        .filter_map(|e| {
            e.ok()?
                .path()
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .find_map(|p| {
            p.strip_prefix("usr/bin/")
                .filter(|n| !n.contains('['))
                .map(String::from)
        })
        .expect("busybox installs no applet in usr/bin")
}

// ---------------------------------------------------------------------------------------------
// Layers and images

/// One layer blob as the archive stores it.
#[derive(Clone)]
pub struct Layer {
    pub media_type: String,
    /// The digest written into the manifest (normally that of `blob`).
    pub digest: String,
    /// The digest of the uncompressed tar (the config's diff_id).
    pub diff_id: String,
    pub blob: Vec<u8>,
    /// The uncompressed tar (for docker-archives).
    pub tar: Vec<u8>,
}

impl Layer {
    pub fn plain(tar: Vec<u8>) -> Layer {
        Layer {
            media_type: "application/vnd.oci.image.layer.v1.tar".into(),
            digest: sha256(&tar),
            diff_id: sha256(&tar),
            blob: tar.clone(),
            tar,
        }
    }
    pub fn gzip(tar: Vec<u8>) -> Layer {
        let blob = gzip(&tar);
        Layer {
            media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
            digest: sha256(&blob),
            diff_id: sha256(&tar),
            blob,
            tar,
        }
    }
    /// The blob with one byte flipped after its digest was taken: the digest no longer matches.
    pub fn corrupted(mut self) -> Layer {
        let i = self.blob.len() / 2;
        self.blob[i] ^= 0xff;
        self
    }
    /// The gzip stream cut in half; the digest is that of the cut bytes, so only decompression
    /// can notice.
    pub fn truncated_gzip(tar: Vec<u8>) -> Layer {
        let mut l = Layer::gzip(tar);
        l.blob.truncate(l.blob.len() / 2);
        l.digest = sha256(&l.blob);
        l
    }
}

/// The busybox layer (gzip), built once per process.
pub fn busybox_layer() -> Layer {
    static L: OnceLock<Layer> = OnceLock::new();
    L.get_or_init(|| Layer::gzip(busybox_rootfs().to_vec()))
        .clone()
}

pub struct Image {
    /// The name written into the archive (`busybox:latest`), if any.
    pub name: Option<String>,
    pub layers: Vec<Layer>,
    pub config: Vec<u8>,
    pub manifest: Vec<u8>,
}

impl Image {
    /// An image of `layers` with Env PATH and `cmd`, created at the epoch.
    pub fn new(name: &str, layers: Vec<Layer>, cmd: &[&str]) -> Image {
        Image::with_config(name, layers, json!({ "Env": [PATH_ENV], "Cmd": cmd }))
    }

    /// An image with an explicit `config` object (the `config` member of the image config).
    pub fn with_config(name: &str, layers: Vec<Layer>, config: Value) -> Image {
        let history: Vec<Value> = layers
            .iter()
            .enumerate()
            // Not the name: the same layers under another name are the same image (same id).
            .map(|(i, _)| json!({ "created": "1970-01-01T00:00:00Z", "created_by": format!("skiff-tests layer {i}") }))
            .collect();
        let cfg = json!({
            "created": "1970-01-01T00:00:00Z",
            "architecture": "amd64",
            "os": "linux",
            "config": config,
            "rootfs": { "type": "layers", "diff_ids": layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>() },
            "history": history,
        });
        let config = serde_json::to_vec(&cfg).expect("config json");
        let manifest = manifest_of(&config, &layers);
        Image {
            name: Some(name.to_string()).filter(|n| !n.is_empty()),
            layers,
            config,
            manifest,
        }
    }

    /// The same image with its config's `rootfs.diff_ids` replaced by `diff_ids` (which need
    /// not be digests at all: hostile configs), and the manifest remade to name the new config.
    pub fn with_diff_ids(mut self, diff_ids: &[&str]) -> Image {
        let mut cfg: Value = serde_json::from_slice(&self.config).expect("config json");
        cfg["rootfs"]["diff_ids"] = json!(diff_ids);
        self.config = serde_json::to_vec(&cfg).expect("config json");
        self.manifest = manifest_of(&self.config, &self.layers);
        self
    }

    /// The image id: the digest of its config (`sha256:<hex>`).
    pub fn id(&self) -> String {
        sha256(&self.config)
    }
    /// The first 12 hex digits of the id, as `skiff images` shows it.
    pub fn short_id(&self) -> String {
        self.id()["sha256:".len().."sha256:".len() + 12].to_string()
    }
    pub fn manifest_digest(&self) -> String {
        sha256(&self.manifest)
    }
    pub fn diff_ids(&self) -> Vec<String> {
        self.layers.iter().map(|l| l.diff_id.clone()).collect()
    }

    /// The image as an oci-archive (an OCI image layout in a tar), named by the
    /// `org.opencontainers.image.ref.name` annotation.
    pub fn oci_archive(&self) -> Vec<u8> {
        let mut desc = json!({
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": self.manifest_digest(),
            "size": self.manifest.len(),
        });
        if let Some(n) = &self.name {
            desc["annotations"] = json!({ "org.opencontainers.image.ref.name": n });
        }
        let index = serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [desc],
        }))
        .expect("index json");
        let mut t = Tar::new();
        t.file("oci-layout", 0o644, br#"{"imageLayoutVersion":"1.0.0"}"#);
        t.file("index.json", 0o644, &index);
        t.dir("blobs", 0o755).dir("blobs/sha256", 0o755);
        let mut seen = std::collections::HashSet::new();
        let blobs = [
            (sha256(&self.manifest), &self.manifest),
            (self.id(), &self.config),
        ]
        .into_iter()
        .chain(self.layers.iter().map(|l| (l.digest.clone(), &l.blob)));
        for (digest, data) in blobs {
            if seen.insert(digest.clone()) {
                t.file(&format!("blobs/sha256/{}", &digest[7..]), 0o644, data);
            }
        }
        t.finish()
    }

    /// The image as a classic `docker save` tarball: uncompressed `layer.tar`s, the config as
    /// `<id>.json`, `manifest.json` with `RepoTags`, and the legacy `repositories` file.
    pub fn docker_archive(&self) -> Vec<u8> {
        let mut t = Tar::new();
        let cfg_name = format!("{}.json", &self.id()[7..]);
        let mut layer_paths = Vec::new();
        for (i, l) in self.layers.iter().enumerate() {
            let dir = hex::encode(Sha256::digest(format!("{i}:{}", l.diff_id)));
            t.dir(&dir, 0o755);
            t.file(&format!("{dir}/VERSION"), 0o644, b"1.0");
            t.file(
                &format!("{dir}/json"),
                0o644,
                format!(r#"{{"id":"{dir}"}}"#).as_bytes(),
            );
            t.file(&format!("{dir}/layer.tar"), 0o644, &l.tar);
            layer_paths.push(format!("{dir}/layer.tar"));
        }
        t.file(&cfg_name, 0o644, &self.config);
        let tags: Vec<&String> = self.name.iter().collect();
        let manifest = json!([{ "Config": cfg_name, "RepoTags": tags, "Layers": layer_paths }]);
        t.file(
            "manifest.json",
            0o644,
            &serde_json::to_vec(&manifest).expect("manifest.json"),
        );
        if let (Some(n), Some(last)) = (&self.name, layer_paths.last()) {
            let (repo, tag) = n.rsplit_once(':').unwrap_or((n, "latest"));
            let top = last.trim_end_matches("/layer.tar");
            t.file(
                "repositories",
                0o644,
                json!({ repo: { tag: top } }).to_string().as_bytes(),
            );
        }
        t.finish()
    }

    pub fn write_oci(&self, path: &Path) -> &Self {
        std::fs::write(path, self.oci_archive()).expect("write oci-archive");
        self
    }
}

/// An OCI image manifest naming `config` and `layers`.
fn manifest_of(config: &[u8], layers: &[Layer]) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha256(config), "size": config.len() },
        "layers": layers.iter().map(|l| json!({ "mediaType": l.media_type, "digest": l.digest, "size": l.blob.len() })).collect::<Vec<_>>(),
    }))
    .expect("manifest json")
}

/// The busybox image: one gzip layer, `Cmd ["sh"]`, named `name` in the archive.
pub fn busybox(name: &str) -> Image {
    Image::new(name, vec![busybox_layer()], &["sh"])
}

/// busybox plus one layer built by `f` (for images that need a shell to inspect them).
pub fn busybox_plus(name: &str, f: impl FnOnce(&mut Tar)) -> Image {
    let mut t = Tar::new();
    f(&mut t);
    Image::new(
        name,
        vec![busybox_layer(), Layer::gzip(t.finish())],
        &["sh"],
    )
}
