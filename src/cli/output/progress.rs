//! Pull progress on stderr, as Docker shows it: a bar per layer on a terminal, one line per step
//! otherwise.
use crate::engine::image::digest::Digest;
use crate::engine::image::pull::PullEvent;
use crate::engine::image::pull_layers::LayerEvent;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;

/// Docker-like progress on stderr: a bar per layer on a terminal, one line per step otherwise.
pub(crate) struct Progress {
    quiet: bool,
    multi: Option<MultiProgress>,
    bars: HashMap<Digest, ProgressBar>,
}

fn short(digest: &Digest) -> &str {
    &digest.hex()[..12]
}

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
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

    pub(crate) fn event(&mut self, e: PullEvent) {
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

    pub(crate) fn finish(&mut self) {
        for (_, b) in self.bars.drain() {
            b.finish_and_clear();
        }
    }
}
