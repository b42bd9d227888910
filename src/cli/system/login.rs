//! `skiff login [-u USER] [-p PASS | --password-stdin] [SERVER]`.
use crate::cli::context::Context;
use crate::cli::output::report::warn;
use crate::engine::image::login::{login, normalize_server};
use crate::engine::image::registry::Credentials;
use anyhow::{bail, Context as _, Result};
use std::io::Read;
use std::path::PathBuf;

/// Log in to a registry
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Username
    #[arg(short, long)]
    pub(crate) username: Option<String>,
    /// Password
    #[arg(short, long)]
    pub(crate) password: Option<String>,
    /// Take the password from stdin
    #[arg(long)]
    pub(crate) password_stdin: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub(crate) tls_verify: Option<bool>,
    /// Use certificates at the specified path to access the registry
    #[arg(long, value_name = "PATH")]
    pub(crate) cert_dir: Option<PathBuf>,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub(crate) authfile: Option<PathBuf>,
    /// The registry (Docker Hub when omitted)
    pub(crate) server: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let host = normalize_server(a.server.as_deref())?;
    let Some(username) = a.username.filter(|u| !u.is_empty()) else {
        bail!("give a username with -u USERNAME (and the password with --password-stdin)");
    };
    let password = match (a.password, a.password_stdin) {
        (Some(_), true) => bail!("--password and --password-stdin are mutually exclusive"),
        (Some(p), false) => {
            warn("using --password on the command line is insecure; use --password-stdin");
            p
        }
        (None, true) => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read the password from stdin")?;
            s.trim_end_matches(['\n', '\r']).to_string()
        }
        (None, false) => bail!("give the password with --password-stdin (or -p PASSWORD)"),
    };
    let creds = Credentials { username, password };
    let opts = crate::engine::image::registry::RegistryOptions {
        tls_verify: a.tls_verify,
        cert_dir: a.cert_dir,
        credentials: Default::default(),
    };
    login(ctx.paths()?, &host, creds, &opts, a.authfile)?;
    println!("Login Succeeded!");
    Ok(0)
}
