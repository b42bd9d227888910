//! The HTTP agent for one registry: the system's CA roots plus the registry's `certs.d`
//! directory (podman's and Docker's: `*.crt` are CAs, `*.cert` + `*.key` a client pair).
use crate::store::Paths;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};
use ureq::Agent;

/// The certs.d directories for `host`, most specific first. `--cert-dir` replaces them.
pub(crate) fn cert_dirs(paths: &Paths, host: &str, cert_dir: Option<&Path>) -> Vec<PathBuf> {
    if let Some(d) = cert_dir {
        return vec![d.to_path_buf()];
    }
    vec![
        paths.config.join("containers/certs.d").join(host),
        PathBuf::from("/etc/containers/certs.d").join(host),
        PathBuf::from("/etc/docker/certs.d").join(host),
    ]
}

struct DirCerts {
    cas: Vec<Certificate<'static>>,
    client: Option<ClientCert>,
}

fn read_dir_certs(dirs: &[PathBuf]) -> Result<DirCerts> {
    let mut out = DirCerts {
        cas: Vec::new(),
        client: None,
    };
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(d) else {
            continue;
        };
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for p in names {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "crt" {
                out.cas.extend(pem_certs(&p)?);
            } else if ext == "cert" && out.client.is_none() {
                let key = p.with_extension("key");
                let chain = pem_certs(&p)?;
                let k = pem_key(&key)?;
                out.client = Some(ClientCert::new_with_certs(&chain, k));
            }
        }
    }
    Ok(out)
}

fn pem_certs(p: &Path) -> Result<Vec<Certificate<'static>>> {
    let data = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
    let mut v = Vec::new();
    for item in ureq::tls::parse_pem(&data) {
        if let PemItem::Certificate(c) =
            item.with_context(|| format!("{} is not a valid PEM file", p.display()))?
        {
            v.push(c);
        }
    }
    Ok(v)
}

fn pem_key(p: &Path) -> Result<PrivateKey<'static>> {
    let data = std::fs::read(p).with_context(|| {
        format!(
            "cannot read {} (the key of the client certificate)",
            p.display()
        )
    })?;
    for item in ureq::tls::parse_pem(&data) {
        if let Ok(PemItem::PrivateKey(k)) = item {
            return Ok(k);
        }
    }
    anyhow::bail!("{} holds no private key", p.display())
}

fn system_roots() -> Vec<Certificate<'static>> {
    let found = rustls_native_certs::load_native_certs();
    found
        .certs
        .iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned())
        .collect()
}

/// An agent for `host`: status codes are answers (not errors), every wait is bounded.
pub(crate) fn agent(
    paths: &Paths,
    host: &str,
    cert_dir: Option<&Path>,
    verify: bool,
    timeout: Duration,
) -> Result<Agent> {
    let dc = read_dir_certs(&cert_dirs(paths, host, cert_dir))?;
    let mut tls = TlsConfig::builder()
        .disable_verification(!verify)
        .client_cert(dc.client);
    if verify {
        let mut roots = system_roots();
        roots.extend(dc.cas);
        tls = tls.root_certs(if roots.is_empty() {
            RootCerts::WebPki
        } else {
            RootCerts::new_with_certs(&roots)
        });
    }
    let config = Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls.build())
        .user_agent(concat!("skiff/", env!("CARGO_PKG_VERSION")))
        .timeout_connect(Some(timeout))
        .timeout_recv_response(Some(timeout))
        .timeout_per_read(Some(timeout))
        .timeout_per_write(Some(timeout))
        .max_redirects(10)
        .max_idle_connections_per_host(8)
        .build();
    Ok(config.into())
}
