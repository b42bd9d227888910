//! ADD of an http(s) URL: the file is downloaded (with the registry client's HTTP agent and
//! the system's CAs) into a temp file of the store, checked against `--checksum` when given,
//! and added with mode 0600 and the server's Last-Modified time, as Docker does. It is never
//! extracted. The content decides the cache key, so the file is fetched on every build.
use super::sources::{Content, Entry, Found};
use crate::store::{tmp_name, Paths};
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Duration;

/// A downloaded file, removed when dropped.
pub(crate) struct Download {
    pub(crate) path: PathBuf,
}

impl Drop for Download {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

pub(crate) fn is_url(src: &str) -> bool {
    src.starts_with("http://") || src.starts_with("https://")
}

/// `--checksum=sha256:HEX`, checked before anything is fetched.
pub(crate) fn parse_checksum(c: &str) -> Result<[u8; 32]> {
    let Some(hex) = c.strip_prefix("sha256:") else {
        bail!("--checksum={c}: give a sha256 digest (sha256:HEX)");
    };
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex, &mut out)
        .map_err(|_| anyhow::anyhow!("--checksum={c}: not 64 hexadecimal digits"))?;
    Ok(out)
}

/// Downloads `url`; returns the file as a source named after the URL's last path segment.
pub(crate) fn fetch(paths: &Paths, url: &str, checksum: Option<&str>) -> Result<(Found, Download)> {
    let want = checksum.map(parse_checksum).transpose()?;
    let uri: ureq::http::Uri = url
        .parse()
        .map_err(|e| anyhow::anyhow!("ADD {url}: not a valid URL: {e}"))?;
    let host = uri.host().unwrap_or_default().to_string();
    let name = uri
        .path()
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
        .unwrap_or("index.html")
        .to_string();
    let agent =
        crate::engine::image::registry::agent(paths, &host, None, true, Duration::from_secs(60))?;
    let resp = agent
        .get(url)
        .call()
        .with_context(|| format!("ADD {url}: cannot download it"))?;
    let status = resp.status();
    if !status.is_success() {
        bail!("ADD {url}: the server answered {status}");
    }
    let mtime = resp
        .headers()
        .get("last-modified")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok())
        .map_or(0, |t| t.timestamp().max(0) as u64);
    let dir = paths.build_cache();
    crate::store::mkdir_private(&dir)?;
    let dl = Download {
        path: dir.join(tmp_name()),
    };
    let mut f = std::fs::File::create(&dl.path)
        .with_context(|| format!("cannot create {}", dl.path.display()))?;
    let mut body = resp.into_body().into_reader();
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = body
            .read(&mut buf)
            .with_context(|| format!("ADD {url}: the download failed"))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        f.write_all(&buf[..n])
            .with_context(|| format!("cannot write {}", dl.path.display()))?;
    }
    let got: [u8; 32] = h.finalize().into();
    if let Some(w) = want {
        if w != got {
            bail!(
                "ADD {url}: checksum mismatch: expected sha256:{}, the download is sha256:{}",
                hex::encode(w),
                hex::encode(got)
            );
        }
    }
    let found = Found {
        is_dir: false,
        name,
        entries: vec![Entry {
            path: String::new(),
            content: Content::File(dl.path.clone()),
            mode: 0o600,
            uid: 0,
            gid: 0,
            mtime,
        }],
    };
    Ok((found, dl))
}
