//! `-u USER[:GROUP]`: names resolved from the image's own /etc/passwd and /etc/group, read from
//! its layers (the topmost layer that has the file wins; a whiteout hides it).
use anyhow::{bail, Result};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    pub home: String,
}

/// The content of `rel` in the image's merged view, or empty if it does not exist.
fn image_file(layers: &[PathBuf], rel: &str) -> String {
    for l in layers.iter().rev() {
        let p = l.join(rel);
        match std::fs::symlink_metadata(&p) {
            Ok(md) if md.file_type().is_char_device() => return String::new(),
            Ok(md) if md.is_file() => return std::fs::read_to_string(&p).unwrap_or_default(),
            _ => {}
        }
        // An opaque parent would hide lower copies too; /etc is rarely opaque, so stop only
        // at whiteouts of the file itself.
        if Path::new(&p).parent().is_none() {
            break;
        }
    }
    String::new()
}

fn fields(line: &str) -> Vec<&str> {
    line.split(':').collect()
}

/// Resolves `spec` (`name`, `uid`, `name:group`, `uid:gid`) against the image.
pub fn resolve(layers: &[PathBuf], spec: Option<&str>) -> Result<Resolved> {
    let spec = spec.unwrap_or("");
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let passwd = image_file(layers, "etc/passwd");
    let group = image_file(layers, "etc/group");
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
}
