//! A build's inputs: the context (a directory, or `-`: a tar on stdin, plain or compressed, or a
//! bare Dockerfile on stdin with an empty context, as `docker build -` takes them), the
//! Dockerfile (`-f FILE`, `-f -`, else the context's `Dockerfile` or `Containerfile`), and the
//! ignore file (`<Dockerfile>.dockerignore` next to the Dockerfile over the context's own).
use super::dockerignore::Ignore;
use crate::engine::image::ingest::decompressed;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

pub(crate) struct Inputs {
    pub(crate) context: PathBuf,
    pub(crate) dockerfile: String,
    /// The name errors give the Dockerfile.
    pub(crate) name: String,
    pub(crate) ignore: Ignore,
    /// A context read from stdin, removed when the build is done.
    _tmp: Option<TempContext>,
}

/// `context` (a path or `-`) and `file` (`-f`), with `stdin` for whichever is `-`.
pub(crate) fn read(
    paths: &Paths,
    context: &Path,
    file: Option<&str>,
    stdin: &mut dyn Read,
) -> Result<Inputs> {
    if context != Path::new("-") {
        if !context.is_dir() {
            bail!(
                "the build context {} is not a directory: give the directory holding the files to copy, or - for a tar on stdin",
                context.display()
            );
        }
        let (dockerfile, name, path) = dockerfile(context, file, stdin)?;
        let ignore = Ignore::read_for(context, path.as_deref())?;
        return Ok(Inputs {
            context: context.to_path_buf(),
            dockerfile,
            name,
            ignore,
            _tmp: None,
        });
    }
    if file == Some("-") {
        bail!("the context and the Dockerfile cannot both come from stdin: give -f FILE or a context directory");
    }
    let tmp = TempContext::new(paths)?;
    let mut r = decompressed(stdin).context("cannot read the build context from stdin")?;
    let mut head = Vec::new();
    (&mut r)
        .take(512)
        .read_to_end(&mut head)
        .context("cannot read the build context from stdin")?;
    let is_tar = head.len() >= 262 && &head[257..262] == b"ustar";
    if !is_tar {
        // A Dockerfile, with an empty context.
        if file.is_some() {
            bail!(
                "-f names a file of the context, but stdin holds a Dockerfile, not a tar: drop -f"
            );
        }
        let mut text = String::from_utf8(head).context("the Dockerfile on stdin is not UTF-8")?;
        r.read_to_string(&mut text)
            .context("cannot read the Dockerfile from stdin")?;
        return Ok(Inputs {
            context: tmp.0.clone(),
            dockerfile: text,
            name: "Dockerfile".into(),
            ignore: Ignore::parse("")?,
            _tmp: Some(tmp),
        });
    }
    let mut ar = tar::Archive::new(std::io::Cursor::new(head).chain(r));
    ar.set_preserve_permissions(true);
    ar.unpack(&tmp.0)
        .context("cannot unpack the build context tar from stdin")?;
    // `-f` names a file inside the tar, as docker build - does.
    let inner = file.map(|f| tmp.0.join(f.trim_start_matches('/')));
    let inner = inner.as_ref().map(|p| p.to_string_lossy().into_owned());
    let (dockerfile, name, path) = dockerfile(&tmp.0, inner.as_deref(), &mut std::io::empty())?;
    let ignore = Ignore::read_for(&tmp.0, path.as_deref())?;
    Ok(Inputs {
        context: tmp.0.clone(),
        dockerfile,
        name,
        ignore,
        _tmp: Some(tmp),
    })
}

/// The Dockerfile's text, its name, and its path when it is a file.
fn dockerfile(
    context: &Path,
    file: Option<&str>,
    stdin: &mut dyn Read,
) -> Result<(String, String, Option<PathBuf>)> {
    let path = match file {
        Some("-") => {
            let mut s = String::new();
            stdin
                .read_to_string(&mut s)
                .context("cannot read the Dockerfile from stdin")?;
            return Ok((s, "Dockerfile".into(), None));
        }
        Some(f) => PathBuf::from(f),
        None => match ["Dockerfile", "Containerfile"]
            .iter()
            .map(|n| context.join(n))
            .find(|p| p.is_file())
        {
            Some(p) => p,
            None => bail!(
                "no Dockerfile or Containerfile in {}: add one or give -f FILE",
                context.display()
            ),
        },
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the Dockerfile {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Dockerfile".into());
    Ok((text, name, Some(path)))
}

/// A context unpacked from stdin: an owner-tagged directory beside the blobs (a killed build's
/// is a leftover the store collects), removed when dropped.
struct TempContext(PathBuf);

impl TempContext {
    fn new(paths: &Paths) -> Result<TempContext> {
        let dir = paths.blobs().join(crate::store::tmp_name());
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(TempContext(dir))
    }
}

impl Drop for TempContext {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
