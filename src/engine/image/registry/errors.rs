//! Registry failures as one-line messages that say what to do: log in, trust a CA, wait for
//! a registry that does not answer.
use std::io::{self, Read};
use std::time::Duration;
use ureq::http::Response;
use ureq::Body;

/// An HTTP status the operation did not expect, with the registry's own error text (callers
/// branch on it: a 404 makes `run` say the image is not in any registry it tried).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(crate) struct StatusError {
    pub(crate) status: u16,
    /// The first distribution error code (`MANIFEST_UNKNOWN`, `BLOB_UNKNOWN`, ...).
    pub(crate) code: String,
    pub(crate) message: String,
}

impl StatusError {
    /// The registry does not have the image (or the repository).
    pub(crate) fn is_not_found(&self) -> bool {
        self.status == 404
            || matches!(
                self.code.as_str(),
                "MANIFEST_UNKNOWN" | "NAME_UNKNOWN" | "BLOB_UNKNOWN"
            )
    }
}

/// `image "REF" not found in REGISTRY`.
pub(crate) fn not_found(reference: &str, registry: &str) -> anyhow::Error {
    anyhow::anyhow!("image {reference:?} not found in {registry}")
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// A failure below HTTP: cannot connect, TLS, timeout.
pub(crate) fn transport(e: ureq::Error, host: &str, timeout: Duration) -> anyhow::Error {
    if let ureq::Error::Timeout(_) = e {
        return anyhow::anyhow!(
            "registry {host} did not answer within {} (set SKIFF_REGISTRY_TIMEOUT to wait longer); \
             check that the registry is up and reachable",
            seconds(timeout)
        );
    }
    if is_certificate_error(&e) {
        return anyhow::anyhow!(
            "cannot verify the TLS certificate of registry {host} ({e}): to trust it, put its CA \
             certificate in ~/.config/containers/certs.d/{host}/ca.crt (or \
             /etc/containers/certs.d/{host}/ca.crt), or use --tls-verify=false if you trust the network"
        );
    }
    match e {
        ureq::Error::HostNotFound => {
            anyhow::anyhow!("cannot resolve the registry host {host}; check the name")
        }
        ureq::Error::ConnectionFailed => anyhow::anyhow!(
            "cannot connect to registry {host}; check that it is up and the address is right"
        ),
        ureq::Error::Io(io) if io.kind() == io::ErrorKind::ConnectionRefused => anyhow::anyhow!(
            "cannot connect to registry {host} (connection refused); check that it is up and the \
             address is right"
        ),
        other => anyhow::anyhow!("cannot talk to registry {host}: {other}"),
    }
}

pub(crate) fn is_certificate_error(e: &ureq::Error) -> bool {
    let s = e.to_string().to_ascii_lowercase();
    s.contains("certificate") || s.contains("unknownissuer") || s.contains("notvalidforname")
}

/// Worth retrying: a reset or a connection that broke.
pub(crate) fn is_transient(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Io(io) => matches!(
            io.kind(),
            io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof
        ),
        _ => false,
    }
}

/// Turns an unexpected answer into an error: `what` is the operation ("get manifest").
pub(crate) fn status(mut resp: Response<Body>, host: &str, what: &str, repo: &str) -> StatusError {
    let status = resp.status().as_u16();
    #[derive(serde::Deserialize, Default)]
    struct Errors {
        #[serde(default)]
        errors: Vec<One>,
    }
    #[derive(serde::Deserialize)]
    struct One {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    let body: Errors = super::read_json(&mut resp, 64 << 10).unwrap_or_default();
    let (code, text) = body
        .errors
        .first()
        .map(|e| (e.code.clone(), e.message.to_lowercase()))
        .unwrap_or_default();
    let detail = if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    };
    // `push manifest to busybox on HOST`, or `log in to HOST` when no repository is involved.
    let target = if repo.is_empty() {
        host.to_string()
    } else {
        format!("{repo} on {host}")
    };
    let message = match status {
        401 => format!(
            "cannot {what} {target}: authentication required{detail}; log in with skiff login {host}"
        ),
        403 => format!(
            "cannot {what} {target}: access denied{detail}; check your permissions or log in \
             with skiff login {host}"
        ),
        _ => format!("cannot {what} {target}: the registry answered {status}{detail}"),
    };
    StatusError {
        status,
        code,
        message,
    }
}

/// A blob body whose stalls are reported as the registry's timeout.
pub(crate) struct BodyErrors<R> {
    pub(crate) inner: R,
    pub(crate) host: String,
    pub(crate) timeout: Duration,
}

impl<R: Read> Read for BodyErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            if e.kind() == io::ErrorKind::TimedOut || e.to_string().contains("timeout") {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "registry {} stopped sending data for {} (set SKIFF_REGISTRY_TIMEOUT to wait longer)",
                        self.host,
                        seconds(self.timeout)
                    ),
                )
            } else {
                e
            }
        })
    }
}
