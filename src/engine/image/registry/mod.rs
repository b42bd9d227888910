//! A client of the distribution (Docker Registry HTTP API v2) protocol on ureq: manifests,
//! blobs, uploads, with basic and bearer-token auth. Synchronous and thread-safe (one `Client`
//! is shared by the layer download threads), no async runtime (DESIGN §4: no threads or
//! runtimes may outlive the image transfer).
mod auth;
mod errors;
mod tls;
pub(crate) use tls::agent;

pub(crate) use auth::Credentials;
pub(crate) use errors::{not_found, status as errors_status, StatusError};

use super::digest::{verify, Digest, Source, Verified};
use anyhow::{Context, Result};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use ureq::http::{Method, Request, Response};
use ureq::{Agent, Body, SendBody};

/// Manifest media types skiff understands, for `Accept`.
pub(crate) const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub(crate) const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub(crate) const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub(crate) const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const ACCEPT: &str = "application/vnd.oci.image.index.v1+json, \
    application/vnd.oci.image.manifest.v1+json, \
    application/vnd.docker.distribution.manifest.list.v2+json, \
    application/vnd.docker.distribution.manifest.v2+json";
/// Largest manifest or config read into memory.
pub(crate) const MAX_JSON: u64 = 8 << 20;

/// How to reach one registry: the user's flags.
#[derive(Debug, Clone, Default)]
pub(crate) struct RegistryOptions {
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified certificates.
    pub(crate) tls_verify: Option<bool>,
    /// `--cert-dir`: CA certificates (`*.crt`) and a client pair (`*.cert` + `*.key`).
    pub(crate) cert_dir: Option<PathBuf>,
    /// The credentials for each host, resolved by the caller.
    pub(crate) credentials: CredentialSource,
}

/// Looks up one host's credentials.
type Lookup = dyn Fn(&str) -> Result<Option<Credentials>> + Send + Sync;

/// Where a client gets a registry's credentials. The caller decides (the CLI: `--creds`, else
/// the auth files), so the client knows no credential file and only turns what it is given into
/// basic auth or per-scope tokens. The default is anonymous.
#[derive(Clone, Default)]
pub(crate) struct CredentialSource(Option<Arc<Lookup>>);

impl CredentialSource {
    /// Credentials found per host by `lookup` (asked once, when the client connects).
    pub(crate) fn new(
        lookup: impl Fn(&str) -> Result<Option<Credentials>> + Send + Sync + 'static,
    ) -> CredentialSource {
        CredentialSource(Some(Arc::new(lookup)))
    }

    /// The same credentials for any host (`--creds`, or the ones `login` checks).
    pub(crate) fn fixed(c: Credentials) -> CredentialSource {
        CredentialSource::new(move |_| Ok(Some(c.clone())))
    }

    pub(crate) fn for_host(&self, host: &str) -> Result<Option<Credentials>> {
        match &self.0 {
            Some(f) => f(host),
            None => Ok(None),
        }
    }
}

impl std::fmt::Debug for CredentialSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "CredentialSource(..)"
        } else {
            "CredentialSource(anonymous)"
        })
    }
}

/// A connection to one registry host (`host[:port]` as in references).
pub(crate) struct Client {
    /// The name as the user wrote it (for messages, auth.json and certs.d).
    pub(crate) host: String,
    /// `https://host` or `http://host`, where `/v2/` lives.
    base: String,
    agent: Agent,
    auth: auth::Auth,
    timeout: Duration,
}

/// One manifest as the registry sent it: the bytes are kept verbatim, so its digest is the
/// registry's.
pub(crate) struct Manifest {
    pub(crate) bytes: Vec<u8>,
    pub(crate) media_type: String,
}

/// The timeout for connecting and for each wait on the registry: `SKIFF_REGISTRY_TIMEOUT`
/// (`2s`, `500ms`, or seconds), 30 s by default.
pub(crate) fn timeout() -> Duration {
    let v = std::env::var("SKIFF_REGISTRY_TIMEOUT").unwrap_or_default();
    let v = v.trim();
    let parsed = if let Some(ms) = v.strip_suffix("ms") {
        ms.parse().ok().map(Duration::from_millis)
    } else {
        v.trim_end_matches('s')
            .parse::<f64>()
            .ok()
            .filter(|s| *s > 0.0)
            .map(Duration::from_secs_f64)
    };
    parsed.unwrap_or(Duration::from_secs(30))
}

/// The host that serves the API of a reference's domain (Docker Hub's differs from its name).
fn api_host(host: &str) -> &str {
    if host == "docker.io" {
        "registry-1.docker.io"
    } else {
        host
    }
}

/// True for `localhost`, `127.x.x.x` and `[::1]` (with or without a port): Docker talks plain
/// HTTP to these when they do not speak TLS.
pub(crate) fn is_loopback(host: &str) -> bool {
    let name = if host.starts_with('[') {
        host.split(']').next().unwrap_or("").trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or("")
    };
    name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl Client {
    /// Connects to `host` (pinging `/v2/` to learn its scheme and how it authenticates).
    /// `insecure` is registries.conf's flag for this registry.
    pub(crate) fn connect(
        paths: &crate::store::Paths,
        host: &str,
        opts: &RegistryOptions,
        insecure: bool,
    ) -> Result<Client> {
        let verify = opts.tls_verify.unwrap_or(!insecure);
        let timeout = timeout();
        let agent = tls::agent(paths, host, opts.cert_dir.as_deref(), verify, timeout)?;
        let creds = opts.credentials.for_host(host)?;
        let mut c = Client {
            host: host.to_string(),
            base: format!("https://{}", api_host(host)),
            agent,
            auth: auth::Auth::new(creds),
            timeout,
        };
        let may_use_http = !verify || is_loopback(host);
        let first = c.agent.get(format!("{}/v2/", c.base)).call();
        let resp = match first {
            Err(e) if may_use_http && !errors::is_certificate_error(&e) && !is_timeout(&e) => {
                c.base = format!("http://{}", api_host(host));
                c.agent
                    .get(format!("{}/v2/", c.base))
                    .call()
                    .map_err(|e| errors::transport(e, &c.host, timeout))?
            }
            r => r.map_err(|e| errors::transport(e, &c.host, timeout))?,
        };
        c.auth.set_challenge(&resp);
        Ok(c)
    }

    /// Checks that the credentials work (for `login`): the registry's `/v2/` answers 200.
    pub(crate) fn check_login(&self) -> Result<()> {
        let resp = self.send(Method::GET, "/v2/", "", &[], None)?;
        if resp.status().as_u16() == 200 {
            return Ok(());
        }
        let mut e = self.status_error(resp, "log in to", "");
        if matches!(e.status, 401 | 403) {
            // The credentials under test are what was refused: "log in" is no advice here.
            e.message = format!(
                "cannot log in to {}: the registry refused the username or password; check \
                 them and run skiff login {} again",
                self.host, self.host
            );
        }
        Err(e.into())
    }

    /// Fetches a manifest (or index) by tag or digest, checking the digest of what came.
    pub(crate) fn manifest(&self, repo: &str, reference: &str) -> Result<Manifest> {
        let path = format!("/v2/{repo}/manifests/{reference}");
        let mut resp = self.send(
            Method::GET,
            &path,
            &pull_scope(repo),
            &[("Accept", ACCEPT)],
            None,
        )?;
        if resp.status().as_u16() != 200 {
            return Err(self.status_error(resp, "get manifest", repo).into());
        }
        let media_type = header(&resp, "content-type")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let claimed = header(&resp, "docker-content-digest");
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(MAX_JSON)
            .read_to_vec()
            .map_err(|e| errors::transport(e, &self.host, self.timeout))
            .with_context(|| format!("cannot read the manifest of {repo}:{reference}"))?;
        let digest = Digest::of(&bytes);
        let want = if reference.starts_with("sha256:") {
            reference.to_string()
        } else {
            claimed
        };
        if !want.is_empty() {
            let host = &self.host;
            verify(&digest, &want, Source::RegistryManifest { host, repo })?;
        }
        Ok(Manifest { bytes, media_type })
    }

    /// Streams a blob (following redirects, which drop the credentials).
    pub(crate) fn blob(&self, repo: &str, digest: &Digest) -> Result<Box<dyn Read + Send>> {
        let path = format!("/v2/{repo}/blobs/{digest}");
        let resp = self.send(Method::GET, &path, &pull_scope(repo), &[], None)?;
        if resp.status().as_u16() != 200 {
            return Err(self.status_error(resp, "get blob", repo).into());
        }
        let host = self.host.clone();
        let t = self.timeout;
        Ok(Box::new(errors::BodyErrors {
            inner: resp.into_body().into_reader(),
            host,
            timeout: t,
        }))
    }

    /// Reads a small blob (a config) whole, checking its digest.
    pub(crate) fn blob_bytes(&self, repo: &str, digest: &Digest) -> Result<Vec<u8>> {
        let mut v = Vec::new();
        let mut body = Verified::new(self.blob(repo, digest)?, digest);
        (&mut body)
            .take(MAX_JSON)
            .read_to_end(&mut v)
            .with_context(|| format!("cannot read blob {digest}"))?;
        body.verify(Source::RegistryBlob { repo })?;
        Ok(v)
    }

    /// The tags of a repository (for `pull --all-tags`).
    pub(crate) fn tags(&self, repo: &str) -> Result<Vec<String>> {
        let path = format!("/v2/{repo}/tags/list");
        let mut resp = self.send(Method::GET, &path, &pull_scope(repo), &[], None)?;
        if resp.status().as_u16() != 200 {
            return Err(self.status_error(resp, "list tags of", repo).into());
        }
        #[derive(serde::Deserialize)]
        struct Tags {
            tags: Option<Vec<String>>,
        }
        let t: Tags = read_json(&mut resp, MAX_JSON)
            .with_context(|| format!("the tag list of {repo} is not valid"))?;
        Ok(t.tags.unwrap_or_default())
    }

    /// The repositories the registry lists (`/v2/_catalog`), up to `limit`, page by page
    /// (distribution answers at most 1000 a page).
    pub(crate) fn catalog(&self, limit: usize) -> Result<Vec<String>> {
        #[derive(serde::Deserialize)]
        struct Catalog {
            repositories: Option<Vec<String>>,
        }
        let mut out: Vec<String> = Vec::new();
        loop {
            let mut path = String::from("/v2/_catalog?n=1000");
            if let Some(last) = out.last() {
                path.push_str(&format!("&last={last}"));
            }
            let mut resp = self.send(Method::GET, &path, "registry:catalog:*", &[], None)?;
            if resp.status().as_u16() != 200 {
                return Err(self
                    .status_error(resp, "list the repositories of", "")
                    .into());
            }
            let more = header(&resp, "link").contains("rel=\"next\"");
            let c: Catalog = read_json(&mut resp, MAX_JSON)
                .with_context(|| format!("the catalog of {} is not valid", self.host))?;
            let page = c.repositories.unwrap_or_default();
            let empty = page.is_empty();
            out.extend(page);
            if !more || empty || out.len() >= limit {
                out.truncate(limit);
                return Ok(out);
            }
        }
    }

    fn status_error(&self, resp: Response<Body>, what: &str, repo: &str) -> StatusError {
        errors::status(resp, &self.host, what, repo)
    }
}

pub(crate) fn pull_scope(repo: &str) -> String {
    format!("repository:{repo}:pull")
}

pub(crate) fn push_scope(repo: &str) -> String {
    format!("repository:{repo}:pull,push")
}

/// Reads a JSON answer of at most `limit` bytes.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(
    resp: &mut Response<Body>,
    limit: u64,
) -> Result<T> {
    let v = resp.body_mut().with_config().limit(limit).read_to_vec()?;
    Ok(serde_json::from_slice(&v)?)
}

fn header(resp: &Response<Body>, name: &str) -> String {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn is_timeout(e: &ureq::Error) -> bool {
    matches!(e, ureq::Error::Timeout(_))
}

impl Client {
    /// One request with authentication: a 401 that asks for another token is answered once;
    /// idempotent requests are retried with backoff on 5xx, 429 and broken connections.
    /// `path` is below the registry (`/v2/...`) or an absolute URL (upload locations).
    pub(crate) fn send(
        &self,
        method: Method,
        path: &str,
        scope: &str,
        headers: &[(&str, &str)],
        mut body: Option<&mut dyn Read>,
    ) -> Result<Response<Body>> {
        let url = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else if path.starts_with('/') {
            format!("{}{path}", self.base)
        } else {
            // A relative Location (distribution sends absolute ones, others may not).
            format!("{}/{path}", self.base)
        };
        let idempotent = body.is_none() && method != Method::POST;
        let mut attempt = 0;
        let mut refreshed = false;
        loop {
            attempt += 1;
            let authz = self.auth.authorization(&self.agent, scope, &self.host)?;
            let mut req = Request::builder().method(method.clone()).uri(&url);
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            if let Some(a) = &authz {
                req = req.header("Authorization", a.as_str());
            }
            let result = match body.as_deref_mut() {
                Some(r) => self.agent.run(req.body(SendBody::from_reader(r))?),
                None => self.agent.run(req.body(())?),
            };
            let retry_wait = Duration::from_millis(250 * 4u64.pow(attempt - 1));
            match result {
                Ok(resp) => {
                    let code = resp.status().as_u16();
                    if code == 401 && !refreshed && self.auth.refresh(&resp, scope) {
                        refreshed = true;
                        attempt -= 1;
                        continue;
                    }
                    if idempotent && attempt < 3 && (code >= 500 || code == 429) {
                        std::thread::sleep(retry_wait);
                        continue;
                    }
                    return Ok(resp);
                }
                Err(e) if idempotent && attempt < 3 && errors::is_transient(&e) => {
                    std::thread::sleep(retry_wait);
                }
                Err(e) => return Err(errors::transport(e, &self.host, self.timeout)),
            }
        }
    }
}
