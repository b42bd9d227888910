//! `--passwd-entry` and `--hostuser` (podman's): the lines added to the image's /etc/passwd in
//! the copy create writes beside the container's hosts file and the spec mounts over it.
//!
//! As Docker, and unlike podman (whose `--passwd` is on by default), skiff adds no line for a
//! `--user` uid the image does not know unless `--passwd-entry` gives its form.
use super::config::ContainerConfig;
use crate::engine::container::user;
use anyhow::{Context, Result};
use std::path::PathBuf;

/// A host account, as `--hostuser` copies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostAccount {
    pub(crate) name: String,
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) gecos: String,
    pub(crate) home: String,
}

/// `--hostuser NAME|UID`: the account of this host, which must exist.
pub(crate) fn host_account(who: &str) -> Result<HostAccount> {
    use nix::unistd::{Uid, User};
    let found = match who.parse::<u32>() {
        Ok(uid) => User::from_uid(Uid::from_raw(uid)),
        Err(_) => User::from_name(who),
    };
    let u = found
        .ok()
        .flatten()
        .with_context(|| format!("--hostuser {who}: no such user on this host"))?;
    Ok(HostAccount {
        name: u.name,
        uid: u.uid.as_raw(),
        gid: u.gid.as_raw(),
        gecos: u.gecos.to_string_lossy().into_owned(),
        home: u.dir.to_string_lossy().into_owned(),
    })
}

/// podman's variables in a `--passwd-entry`.
fn fill(template: &str, user: &str, uid: u32, gid: u32, name: &str, home: &str) -> String {
    template
        .replace("$USERNAME", user)
        .replace("$UID", &uid.to_string())
        .replace("$GID", &gid.to_string())
        .replace("$NAME", name)
        .replace("$HOME", home)
}

/// The lines to add to the image's /etc/passwd: the `--user` uid's (with `--passwd-entry`) when
/// the image has no entry for it, then each `--hostuser` account it lacks. `workdir` is the
/// container's working directory, the new uid's home (as podman's).
pub(crate) fn entries(
    c: &ContainerConfig,
    layers: &[PathBuf],
    hosts: &[HostAccount],
    workdir: &str,
) -> Result<Vec<String>> {
    if c.passwd_entry.is_none() && hosts.is_empty() {
        return Ok(Vec::new());
    }
    let passwd = user::image_passwd(layers)?;
    let known = |name: &str, uid: Option<u32>| {
        passwd.lines().any(|l| {
            let f: Vec<&str> = l.split(':').collect();
            f.len() >= 3 && (f[0] == name || uid.is_some_and(|u| f[2] == u.to_string()))
        })
    };
    let mut out = Vec::new();
    if let (Some(template), Some(spec)) = (&c.passwd_entry, &c.user) {
        let (u, g) = spec.split_once(':').unwrap_or((spec, ""));
        if let Ok(uid) = u.parse::<u32>() {
            if !known(u, Some(uid)) {
                let gid = match g {
                    "" => 0,
                    g => user::group_ids(layers, &[g.to_string()])?[0],
                };
                out.push(fill(template, u, uid, gid, "container user", workdir));
            }
        }
    }
    for h in hosts {
        if known(&h.name, None) {
            continue;
        }
        out.push(match &c.passwd_entry {
            Some(t) => fill(t, &h.name, h.uid, h.gid, &h.gecos, &h.home),
            None => format!(
                "{}:*:{}:{}:{}:{}:/bin/sh",
                h.name, h.uid, h.gid, h.gecos, h.home
            ),
        });
    }
    Ok(out)
}

/// The container's /etc/passwd: the image's, then `extra`.
pub(crate) fn file(layers: &[PathBuf], extra: &[String]) -> Result<String> {
    let mut text = user::image_passwd(layers)?;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in extra {
        text.push_str(line);
        text.push('\n');
    }
    Ok(text)
}
