//! `login`/`logout`: credentials checked against the registry, then kept in podman's
//! `auth.json` (mode 0600) so that podman and skiff share them.
use super::auth;
use super::registry::{Client, CredentialSource, Credentials, RegistryOptions};
use crate::store::Paths;
use anyhow::{bail, Result};
use std::path::PathBuf;

/// The registry a `login SERVER` argument means: `https://` and paths dropped, Docker Hub's
/// aliases folded into `docker.io`.
pub(crate) fn normalize_server(s: Option<&str>) -> Result<String> {
    let s = s.unwrap_or("docker.io").trim();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let host = s.split('/').next().unwrap_or("");
    if host.is_empty() {
        bail!("invalid registry {s:?}: give it as HOST[:PORT]");
    }
    Ok(match host {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".into(),
        h => h.to_string(),
    })
}

/// Checks `creds` against `host` and stores them in `authfile` (podman's default when `None`);
/// returns the auth file written.
pub(crate) fn login(
    paths: &Paths,
    host: &str,
    creds: Credentials,
    opts: &RegistryOptions,
    authfile: Option<PathBuf>,
) -> Result<PathBuf> {
    // The client is handed the credentials under test, never the stored ones.
    let o = RegistryOptions {
        credentials: CredentialSource::fixed(creds.clone()),
        ..opts.clone()
    };
    let client = Client::connect(paths, host, &o, false)?;
    client.check_login()?;
    let file = authfile.unwrap_or_else(|| auth::default_authfile(paths));
    auth::store(&file, host, &creds)?;
    Ok(file)
}

/// Forgets the credentials for `host` (or all, with `None`); errors when there were none.
pub(crate) fn logout(paths: &Paths, host: Option<&str>, authfile: Option<PathBuf>) -> Result<()> {
    let file = authfile.unwrap_or_else(|| auth::default_authfile(paths));
    let removed = auth::remove(&file, host)?;
    match host {
        Some(h) if !removed => bail!("not logged into {h}; nothing to remove"),
        _ => Ok(()),
    }
}
