//! How to reach a registry (podman's flags), shared by pull, push, run and create.
use crate::engine::image::auth;
use crate::engine::image::registry::{Credentials, RegistryOptions};
use crate::store::Paths;
use anyhow::Result;
use std::path::PathBuf;

/// How to reach a registry (podman's flags).
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct RegistryFlags {
    /// Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub(crate) tls_verify: Option<bool>,
    /// Use certificates at the specified path to access the registry
    #[arg(long, value_name = "PATH")]
    pub(crate) cert_dir: Option<PathBuf>,
    /// Use USERNAME[:PASSWORD] for accessing the registry
    #[arg(long, value_name = "USERNAME:PASSWORD")]
    pub(crate) creds: Option<String>,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub(crate) authfile: Option<PathBuf>,
}

impl RegistryFlags {
    /// The options, with the credentials resolved here (`--creds`, else the auth files), so
    /// the registry client is handed them.
    pub(crate) fn options(&self, paths: &Paths) -> Result<RegistryOptions> {
        let creds = self.creds.as_deref().map(Credentials::parse).transpose()?;
        Ok(RegistryOptions {
            tls_verify: self.tls_verify,
            cert_dir: self.cert_dir.clone(),
            credentials: auth::source(paths, creds, self.authfile.clone()),
        })
    }
}
