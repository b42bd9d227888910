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
    let username = match a.username.filter(|u| !u.is_empty()) {
        Some(u) => u,
        None => prompt("Username: ", true)?,
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
        (None, false) => prompt("Password: ", false)?,
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

/// Asks for one line on the terminal, as docker and podman do (the prompt on stdout; the
/// password unechoed). Without a terminal there is no one to ask: the flags are the way.
fn prompt(label: &str, echo: bool) -> Result<String> {
    use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        bail!("cannot ask for the {} without a terminal: give -u USERNAME and the password with --password-stdin", label.trim_end_matches(": ").to_lowercase());
    }
    // Echo goes off before the prompt shows: what is typed after it is never echoed.
    let saved = match echo {
        true => None,
        false => {
            let t = tcgetattr(&stdin).context("cannot read the terminal's settings")?;
            let mut quiet = t.clone();
            quiet.local_flags.remove(LocalFlags::ECHO);
            tcsetattr(&stdin, SetArg::TCSAFLUSH, &quiet)
                .context("cannot turn off the terminal's echo")?;
            Some(t)
        }
    };
    print!("{label}");
    std::io::stdout().flush()?;
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if let Some(t) = saved {
        let _ = tcsetattr(&stdin, SetArg::TCSAFLUSH, &t);
        // The newline the user typed was not echoed either.
        println!();
    }
    read.context("cannot read from the terminal")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
