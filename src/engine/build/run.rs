//! RUN: a container of the step's image, made and started in the foreground by the same code
//! as `skiff run` (so the same runtime, network and security defaults), whose upper dir becomes
//! the step's layer. The container is removed when the step ends, whether it failed or not.
use crate::engine::container::{remove, run};
use crate::engine::image::digest::Digest;
use crate::engine::spec::config::{Mount, Network, Tmpfs};
use crate::engine::spec::logging::Attach;
use crate::engine::spec::ContainerConfig;
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::Result;
use std::collections::HashSet;
use std::path::PathBuf;

/// A step's container, removed when dropped (no intermediate container is ever left).
pub(crate) struct StepContainer<'a> {
    paths: &'a Paths,
    id: String,
    pub(crate) upper: PathBuf,
    pub(crate) stubs: HashSet<String>,
}

impl Drop for StepContainer<'_> {
    fn drop(&mut self) {
        let o = remove::RemoveOptions {
            force: true,
            stop_timeout: None,
            volumes: true,
        };
        let _ = remove::remove(self.paths, &self.id, &o);
    }
}

/// What a step's container gets beyond `skiff run`'s defaults: RUN --mount and --network.
pub(crate) struct Extras {
    pub(crate) mounts: Vec<Mount>,
    pub(crate) tmpfs: Vec<Tmpfs>,
    pub(crate) network: Network,
}

/// The prefix of a step container's name: `buildstep-<pid>-<start>-<random>`, naming the build
/// that made it, so the next build removes the containers of a build that was killed.
const STEP_PREFIX: &str = "buildstep-";

/// True for a step container whose build died: the next build removes it, and `ps` does not
/// list it meanwhile (podman's `ps` never lists buildah's containers either).
pub(crate) fn is_dead_step(name: &str) -> bool {
    crate::store::is_dead_owner(name, STEP_PREFIX)
}

/// Removes the step containers whose build died (`kill -9`, a crash) before removing them.
/// Reads only the container names, so a build with nothing to collect pays one `readdir`.
pub(crate) fn collect_dead_steps(paths: &Paths) {
    let Ok(names) = std::fs::read_dir(paths.container_names()) else {
        return;
    };
    let o = remove::RemoveOptions {
        force: true,
        stop_timeout: None,
        volumes: true,
    };
    for n in names.flatten() {
        let name = n.file_name().to_string_lossy().into_owned();
        if crate::store::is_dead_owner(&name, STEP_PREFIX) {
            // Best effort: another build may be collecting it too.
            let _ = remove::remove(paths, &name, &o);
        }
    }
}

/// Runs `argv` in a container of `image` with `env` added and the build's `--add-host`s;
/// returns the container and the command's exit code.
pub(crate) fn run_step<'a>(
    paths: &'a Paths,
    mapping: &Mapping,
    image: &Digest,
    argv: Vec<String>,
    env: Vec<String>,
    opts: &super::BuildOptions,
    extra: Extras,
) -> Result<(StepContainer<'a>, i32)> {
    let quiet = opts.quiet;
    let resolved = crate::engine::image::resolve(paths, image.as_str())?;
    let config = ContainerConfig {
        image: image.hex().to_string(),
        name: Some(crate::store::owner_tagged(STEP_PREFIX)),
        command: argv,
        entrypoint: Some(Vec::new()),
        env,
        add_hosts: opts.add_hosts.clone(),
        no_hosts: opts.no_hosts,
        resources: crate::engine::spec::config::Resources {
            ulimits: opts.ulimits.clone(),
            ..Default::default()
        },
        attach: Attach {
            stdin: false,
            stdout: !quiet,
            stderr: !quiet,
        },
        mounts: extra.mounts,
        tmpfs: extra.tmpfs,
        network: extra.network,
        ..ContainerConfig::default()
    };
    let created = run::create(
        paths,
        mapping,
        config,
        run::Image::Resolved(Box::new(resolved)),
        &mut |_| {},
    )?;
    let guard = StepContainer {
        paths,
        id: created.record.id.clone(),
        upper: paths.container(&created.record.id).join("upper"),
        stubs: crate::engine::container::diff::mount_points(paths, &created.record),
    };
    let mode = run::Mode::Foreground { preserve_fds: 0 };
    let code = match run::start(paths, created, mode)? {
        run::Outcome::Exited(code) => code,
        run::Outcome::Created(_) => 0,
    };
    Ok((guard, code))
}
