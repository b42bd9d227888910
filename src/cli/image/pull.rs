//! `skiff pull [-q] [-a] [--platform P] [--tls-verify] [--creds U:P] REF`, the registry flags
//! that push, login and run/create share, and the pull progress display.
use crate::engine::image::pull::{pull, PullEvent, PullOptions};
use crate::engine::image::pull_layers::LayerEvent;
use crate::engine::image::registry::{Credentials, RegistryOptions};
use anyhow::Result;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;

/// How to reach a registry (podman's flags).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RegistryFlags {
    /// Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Use certificates at the specified path to access the registry
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<PathBuf>,
    /// Use USERNAME[:PASSWORD] for accessing the registry
    #[arg(long, value_name = "USERNAME:PASSWORD")]
    pub creds: Option<String>,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
}

impl RegistryFlags {
    pub fn options(&self) -> Result<RegistryOptions> {
        Ok(RegistryOptions {
            tls_verify: self.tls_verify,
            cert_dir: self.cert_dir.clone(),
            creds: self.creds.as_deref().map(Credentials::parse).transpose()?,
            authfile: self.authfile.clone(),
        })
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Download all tagged images in the repository
    #[arg(short, long)]
    pub all_tags: bool,
    /// Suppress verbose output
    #[arg(short, long)]
    pub quiet: bool,
    /// Set platform if server is multi-platform capable
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    #[command(flatten)]
    pub registry: RegistryFlags,
    /// The image: NAME[:TAG|@DIGEST]
    pub image: String,
}

pub fn run(a: Args) -> Result<i32> {
    let paths = crate::cli::common::paths()?;
    // Before any thread exists: setns into a user namespace needs a single-threaded process.
    let mapping = crate::cli::common::enter_userns(&paths)?;
    let opts = PullOptions {
        registry: a.registry.options()?,
        platform: a.platform.clone(),
        all_tags: a.all_tags,
        mapping,
    };
    let mut display = Progress::new(a.quiet);
    let pulled = pull(&paths, &a.image, &opts, &mut |e| display.event(e))?;
    display.finish();
    for img in &pulled {
        if a.quiet {
            println!("{}", img.id);
            continue;
        }
        eprintln!("Digest: {}", img.digest);
        let name = img.name.clone().unwrap_or_else(|| a.image.clone());
        eprintln!("Status: Downloaded image for {name}");
        println!("{}", img.id);
    }
    Ok(0)
}

/// Docker-like progress on stderr: a bar per layer on a terminal, one line per step otherwise.
pub struct Progress {
    quiet: bool,
    multi: Option<MultiProgress>,
    bars: HashMap<String, ProgressBar>,
}

fn short(digest: &str) -> &str {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    &hex[..hex.len().min(12)]
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        let tty = std::io::stderr().is_terminal();
        Progress {
            quiet,
            multi: (tty && !quiet)
                .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr())),
            bars: HashMap::new(),
        }
    }

    fn line(&self, s: String) {
        match &self.multi {
            Some(m) => {
                let _ = m.println(s);
            }
            None => eprintln!("{s}"),
        }
    }

    pub fn event(&mut self, e: PullEvent) {
        if self.quiet {
            return;
        }
        match e {
            PullEvent::Trying {
                name,
                source,
                alternatives,
            } => {
                if alternatives {
                    self.line(format!("Trying to pull {name} from {source}..."))
                }
            }
            PullEvent::LayerExists { digest } => {
                self.line(format!("{}: Already exists", short(&digest)))
            }
            PullEvent::Layer(LayerEvent::Started { digest, size }) => {
                if let Some(m) = &self.multi {
                    let style = ProgressStyle::with_template(
                        "{prefix}: Downloading [{bar:40}] {bytes}/{total_bytes}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
                    let b = m.add(ProgressBar::new(size).with_style(style));
                    b.set_prefix(short(&digest).to_string());
                    self.bars.insert(digest, b);
                }
            }
            PullEvent::Layer(LayerEvent::Bytes { digest, done, .. }) => {
                if let Some(b) = self.bars.get(&digest) {
                    b.set_position(done);
                }
            }
            PullEvent::Layer(LayerEvent::Done { digest }) => {
                if let Some(b) = self.bars.remove(&digest) {
                    b.finish_and_clear();
                }
                self.line(format!("{}: Pull complete", short(&digest)));
            }
            PullEvent::Storing => {}
        }
    }

    pub fn finish(&mut self) {
        for (_, b) in self.bars.drain() {
            b.finish_and_clear();
        }
    }
}
