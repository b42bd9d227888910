//! `-u USER[:GROUP]`: names resolved from the image's own /etc/passwd and /etc/group, read
//! through the merged view of its layers (`LayerView`), so that a symlink in the image never
//! makes skiff read a file of the host.
use crate::engine::image::layer_view::LayerView;
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

/// passwd and group files larger than this are refused: real ones are a few KiB, and the whole
/// file is held in memory.
const MAX_ID_FILE: u64 = 4 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) groups: Vec<u32>,
    pub(crate) home: String,
}

/// The content of `path` in the image's merged view, or empty if it is not there.
fn image_file(view: &LayerView, path: &str) -> Result<String> {
    let data = view.read(path, MAX_ID_FILE)?.unwrap_or_default();
    Ok(String::from_utf8_lossy(&data).into_owned())
}

fn fields(line: &str) -> Vec<&str> {
    line.split(':').collect()
}

/// Resolves `spec` (`name`, `uid`, `name:group`, `uid:gid`) against the image whose layer
/// directories are `layers` (bottom first).
pub(crate) fn resolve(layers: &[PathBuf], spec: Option<&str>) -> Result<Resolved> {
    resolve_with(layers, spec, &[])
}

/// The image's /etc/passwd (empty if it has none).
pub(crate) fn image_passwd(layers: &[PathBuf]) -> Result<String> {
    image_file(&LayerView::open(layers)?, "/etc/passwd")
}

/// `--group-add`: gids, or names of the image's /etc/group.
pub(crate) fn group_ids(layers: &[PathBuf], names: &[String]) -> Result<Vec<u32>> {
    let group = image_file(&LayerView::open(layers)?, "/etc/group")?;
    names
        .iter()
        .map(|g| match g.parse::<u32>() {
            Ok(n) => Ok(n),
            Err(_) => group
                .lines()
                .map(fields)
                .find(|f| f.len() >= 3 && f[0] == g)
                .and_then(|f| f[2].parse().ok())
                .with_context(|| {
                    format!("unable to find group {g}: no matching entries in group file")
                }),
        })
        .collect()
}

/// `resolve`, with `extra` lines after the image's /etc/passwd (what `--passwd-entry` and
/// `--hostuser` add to the container's).
pub(crate) fn resolve_with(
    layers: &[PathBuf],
    spec: Option<&str>,
    extra: &[String],
) -> Result<Resolved> {
    let spec = spec.unwrap_or("");
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let view = LayerView::open(layers)?;
    let mut passwd = image_file(&view, "/etc/passwd")?;
    for line in extra {
        passwd.push('\n');
        passwd.push_str(line);
    }
    let group = image_file(&view, "/etc/group")?;
    let u = if u.is_empty() { "0" } else { u };
    let entry = passwd
        .lines()
        .map(fields)
        .find(|f| f.len() >= 7 && (f[0] == u || f[2] == u));
    let (uid, mut gid, home, uname) = match (&entry, u.parse::<u32>()) {
        (Some(f), _) => (
            f[2].parse::<u32>().unwrap_or(0),
            f[3].parse::<u32>().unwrap_or(0),
            f[5].to_string(),
            f[0].to_string(),
        ),
        (None, Ok(n)) => (n, 0, "/".to_string(), String::new()),
        (None, Err(_)) => bail!("unable to find user {u}: no matching entries in passwd file"),
    };
    if let Some(g) = g {
        gid = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => match group
                .lines()
                .map(fields)
                .find(|f| f.len() >= 3 && f[0] == g)
            {
                Some(f) => f[2].parse().unwrap_or(0),
                None => bail!("unable to find group {g}: no matching entries in group file"),
            },
        };
    }
    let mut groups: Vec<u32> = Vec::new();
    if !uname.is_empty() {
        for f in group.lines().map(fields).filter(|f| f.len() >= 4) {
            if f[3].split(',').any(|m| m == uname) {
                if let Ok(n) = f[2].parse::<u32>() {
                    if n != gid && !groups.contains(&n) {
                        groups.push(n);
                    }
                }
            }
        }
    }
    let home = if uid == 0 && entry.is_none() {
        "/root".to_string()
    } else {
        home
    };
    Ok(Resolved {
        uid,
        gid,
        groups,
        home,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_resolve_from_the_image() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("etc")).unwrap();
        std::fs::write(
            d.path().join("etc/passwd"),
            "root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www:/var/www:/bin/false\n",
        )
        .unwrap();
        std::fs::write(
            d.path().join("etc/group"),
            "root:x:0:\nwww-data:x:33:\nstaff:x:50:www-data\n",
        )
        .unwrap();
        let l = vec![d.path().to_path_buf()];
        let r = resolve(&l, Some("www-data")).unwrap();
        assert_eq!(
            (r.uid, r.gid, r.groups.clone(), r.home.as_str()),
            (33, 33, vec![50], "/var/www")
        );
        assert_eq!(resolve(&l, Some("1000:1000")).unwrap().uid, 1000);
        assert_eq!(resolve(&l, Some("33:root")).unwrap().gid, 0);
        assert_eq!(resolve(&l, None).unwrap().home, "/root");
        assert!(resolve(&l, Some("nobody"))
            .unwrap_err()
            .to_string()
            .contains("unable to find user nobody"));
    }

    #[test]
    fn files_behind_a_host_symlink_or_too_large_are_not_used() {
        let host = tempfile::tempdir().unwrap();
        std::fs::write(
            host.path().join("passwd"),
            "root:x:0:0::/host-home:/bin/sh\n",
        )
        .unwrap();
        std::fs::write(host.path().join("group"), "g:x:7:root\n").unwrap();
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(host.path(), d.path().join("etc")).unwrap();
        let l = vec![d.path().to_path_buf()];
        let r = resolve(&l, None).unwrap();
        assert_eq!((r.home.as_str(), r.groups), ("/root", vec![]));
        assert!(resolve(&l, Some("0:g")).is_err());
        std::fs::remove_file(d.path().join("etc")).unwrap();
        std::fs::create_dir(d.path().join("etc")).unwrap();
        let f = std::fs::File::create(d.path().join("etc/passwd")).unwrap();
        f.set_len(MAX_ID_FILE + 1).unwrap();
        let err = resolve(&l, None).unwrap_err().to_string();
        assert_eq!(err, "the image's /etc/passwd is larger than 4 MiB");
    }
}
