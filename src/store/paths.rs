//! Where skiff keeps things: `$XDG_DATA_HOME/skiff` for what persists, `$XDG_RUNTIME_DIR/skiff`
//! for what a reboot may forget. Without a usable `XDG_RUNTIME_DIR` (`su -`, `sudo -u`, cron,
//! ssh without logind) podman's rule: `/run/user/$UID/skiff` when that directory exists and is
//! the user's, else `${TMPDIR:-/tmp}/skiff-run-$UID` (mode 0700, owner checked). Worked out
//! once, by the CLI: every process it starts gets the result as `--root`/`--runroot`.
use anyhow::{Context, Result};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub(crate) struct Paths {
    /// Persistent store: blobs, index.json, layers, containers, volumes.
    pub(crate) data: PathBuf,
    /// Volatile state: holder pid, container mount points, sockets.
    pub(crate) run: PathBuf,
    /// `$XDG_CONFIG_HOME` (the `containers/` and `skiff/` configuration live below it).
    pub(crate) config: PathBuf,
}

fn env_dir(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

fn home() -> Result<PathBuf> {
    if let Some(h) = env_dir("HOME") {
        return Ok(h);
    }
    let uid = nix::unistd::getuid();
    nix::unistd::User::from_uid(uid)
        .ok()
        .flatten()
        .map(|u| u.dir)
        .context("cannot find a home directory: set HOME")
}

impl Paths {
    /// The paths for the current user, from the environment; directories are not created here.
    pub(crate) fn from_env() -> Result<Paths> {
        let data = match env_dir("XDG_DATA_HOME") {
            Some(d) => d.join("skiff"),
            None => home()?.join(".local/share/skiff"),
        };
        let config = match env_dir("XDG_CONFIG_HOME") {
            Some(d) => d,
            None => home()?.join(".config"),
        };
        let run = match env_dir("XDG_RUNTIME_DIR") {
            Some(d) if is_writable_dir(&d) => d.join("skiff"),
            _ => fallback_run(),
        };
        Ok(Paths { data, run, config })
    }

    /// `--root` and `--runroot` (podman's global flags) over the environment's: each names an
    /// independent store, made absolute against the working directory so that the processes
    /// skiff starts elsewhere find the same one.
    pub(crate) fn resolve(root: Option<&Path>, runroot: Option<&Path>) -> Result<Paths> {
        let mut p = Paths::from_env()?;
        let absolute = |d: &Path| -> Result<PathBuf> {
            if d.as_os_str().is_empty() {
                anyhow::bail!("the store directory cannot be empty: give a path");
            }
            Ok(std::path::absolute(d)?)
        };
        if let Some(d) = root {
            p.data = absolute(d)?;
        }
        if let Some(d) = runroot {
            p.run = absolute(d)?;
        }
        Ok(p)
    }

    /// The global flags that name this store, for the skiff processes a command starts (the
    /// monitor, its health checks): handed down, never worked out again from an environment
    /// that may differ.
    pub(crate) fn global_args(&self) -> Vec<std::ffi::OsString> {
        vec![
            "--root".into(),
            self.data.clone().into(),
            "--runroot".into(),
            self.run.clone().into(),
        ]
    }

    /// Creates the top directories (data, run) if missing. The run dir is private (0700):
    /// it holds sockets and mount points that no other user should reach.
    pub(crate) fn ensure(&self) -> Result<()> {
        mkdir_private(&self.data)?;
        mkdir_private(&self.run)?;
        Ok(())
    }

    /// `blobs/sha256`; a blob's own path is `image::store::blob_path`, which takes a parsed
    /// digest, so no string from an image is joined here.
    pub(crate) fn blobs(&self) -> PathBuf {
        self.data.join("blobs/sha256")
    }
    pub(crate) fn index_json(&self) -> PathBuf {
        self.data.join("index.json")
    }
    /// `layers`; a layer's own dir is `image::store::layer_path`, from a parsed chain id.
    pub(crate) fn layers(&self) -> PathBuf {
        self.data.join("layers")
    }
    /// `build-cache`: a file per build step's cache key naming the image the step made.
    pub(crate) fn build_cache(&self) -> PathBuf {
        self.data.join("build-cache")
    }
    pub(crate) fn containers(&self) -> PathBuf {
        self.data.join("containers")
    }
    pub(crate) fn container(&self, id: &str) -> PathBuf {
        self.containers().join(id)
    }
    /// `names/containers`: a file per container name holding its id, made with link(2) so a
    /// name is taken atomically (see `engine::container::reserve`).
    pub(crate) fn container_names(&self) -> PathBuf {
        self.data.join("names/containers")
    }
    pub(crate) fn run_container(&self, id: &str) -> PathBuf {
        self.run.join("containers").join(id)
    }
    /// `volumes`: a directory per volume, `volume.json` and `_data/` (engine/volume).
    pub(crate) fn volumes(&self) -> PathBuf {
        self.data.join("volumes")
    }
    /// The lock taken to create, remove or copy into volumes, and by `create` from making a
    /// container's volumes until its record exists (so `volume rm` cannot remove one between).
    pub(crate) fn volume_lock(&self) -> PathBuf {
        self.data.join("volumes.lock")
    }
    /// The lock taken for every read-modify-write of images, layers and blobs.
    pub(crate) fn image_lock(&self) -> PathBuf {
        self.data.join("images.lock")
    }
    /// The lock taken to write a new container directory, to rename one away, and to remove a
    /// stale name (state updates take the container's own `state.lock`).
    pub(crate) fn container_lock(&self) -> PathBuf {
        self.data.join("containers.lock")
    }
}

/// The run dir without `XDG_RUNTIME_DIR` (podman's rule, see the module's doc).
fn fallback_run() -> PathBuf {
    use std::os::unix::fs::MetadataExt;
    let uid = nix::unistd::getuid();
    let user = PathBuf::from(format!("/run/user/{uid}"));
    let ours = std::fs::metadata(&user).is_ok_and(|m| m.is_dir() && m.uid() == uid.as_raw());
    if ours {
        return user.join("skiff");
    }
    let tmp = env_dir("TMPDIR").unwrap_or_else(|| PathBuf::from("/tmp"));
    tmp.join(format!("skiff-run-{uid}"))
}

fn is_writable_dir(p: &Path) -> bool {
    nix::unistd::access(
        p,
        nix::unistd::AccessFlags::W_OK | nix::unistd::AccessFlags::X_OK,
    )
    .is_ok()
        && p.is_dir()
}

/// `mkdir -p` with mode 0700 for the last component; the fallback run dir in a shared temp
/// dir must be ours and private.
pub(crate) fn mkdir_private(p: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(p)
        .with_context(|| format!("cannot create directory {}", p.display()))?;
    let md = std::fs::metadata(p).with_context(|| format!("cannot stat {}", p.display()))?;
    // The fallback in a shared temp dir (`skiff-run-UID`) could be someone else's trap.
    let shared = p
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("skiff-run-"));
    let me = nix::unistd::getuid().as_raw();
    if shared && md.uid() != me {
        anyhow::bail!(
            "{} belongs to uid {}, not to you (uid {me}): remove it, or choose another directory with --runroot or XDG_RUNTIME_DIR",
            p.display(),
            md.uid()
        );
    }
    if shared && md.permissions().mode() & 0o077 != 0 {
        // World-readable, it would show our sockets to every user: make it private.
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot make {} private (chmod 0700)", p.display()))?;
    }
    Ok(())
}
