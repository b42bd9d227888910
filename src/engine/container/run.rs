//! `run`: ensure the image (per the pull policy), create the container, start it in the
//! foreground or detached. The one path every producer takes (the CLI's `run` and `create`
//! today; compose, pods and kube next), so none of them re-implements the order.
use super::create::{self, Created, ImageSource};
use super::{detach, start};
use crate::engine::image::pull::{ensure_image, PullEvent, PullOptions, PullPolicy};
use crate::engine::spec::ContainerConfig;
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::Result;

/// Where the image comes from and how it may be fetched.
pub(crate) enum Image {
    /// `config.image`, looked up in the store and pulled per `policy` when it is a reference.
    Pull {
        policy: PullPolicy,
        options: Box<PullOptions>,
    },
    /// An image a caller already resolved (a build step's, not in the index): no pull. The
    /// build issue is its first user.
    #[allow(dead_code)]
    Resolved(Box<crate::engine::image::ResolvedImage>),
}

/// How the container runs once created.
pub(crate) enum Mode {
    /// Started under its own monitor; the caller gets the id back.
    Detached,
    /// Started under the caller, which waits for its exit (`run` without `-d`); the caller's
    /// descriptors 3 to 3+N-1 go to the container (`--preserve-fds N`).
    Foreground { preserve_fds: u32 },
}

/// What a run came to.
pub(crate) enum Outcome {
    /// Created (and, for `Detached`, started): the container's id.
    Created(String),
    /// A foreground run ended with this exit code (Docker's: the container's, 125-127 ours).
    Exited(i32),
}

/// Makes sure the image is there, then creates the container. Pull threads have ended when
/// this returns (create holds the image lock shared, which a pull takes to commit).
pub(crate) fn create(
    paths: &Paths,
    mapping: &Mapping,
    config: ContainerConfig,
    image: Image,
    progress: &mut dyn FnMut(PullEvent),
) -> Result<Created> {
    let source = match image {
        Image::Pull { policy, options } => {
            ensure_image(paths, &config.image, &options, policy, progress)?;
            ImageSource::Reference
        }
        Image::Resolved(img) => ImageSource::Resolved(img),
    };
    create::create(paths, config, source, mapping)
}

/// Starts a container `create` made, as `mode` says (a caller showing pull progress ends it
/// between the two, before the container's output begins).
pub(crate) fn start(paths: &Paths, c: Created, mode: Mode) -> Result<Outcome> {
    match mode {
        Mode::Detached => {
            detach::start(paths, &c.record.id)?;
            Ok(Outcome::Created(c.record.id))
        }
        Mode::Foreground { preserve_fds } => {
            let o = start::StartOptions {
                stdin: c
                    .record
                    .config
                    .attach
                    .takes_stdin(c.record.config.interactive),
                preserve_fds,
            };
            start::run_foreground(paths, c.record, Some(c.spec), &o).map(Outcome::Exited)
        }
    }
}
