//! Registry credentials where podman and Docker keep them: podman's `auth.json`
//! (`REGISTRY_AUTH_FILE`, `$XDG_RUNTIME_DIR/containers/auth.json`,
//! `$XDG_CONFIG_HOME/containers/auth.json`), then Docker's `~/.docker/config.json` with its
//! `credHelpers`/`credsStore` helpers (`docker-credential-NAME get`, the secret on stdout).
use super::registry::{CredentialSource, Credentials};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use base64::Engine as _;
use serde_json::{Map, Value};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Podman's default auth file, where `login` writes: `$XDG_RUNTIME_DIR/containers/auth.json`.
pub(crate) fn default_authfile(paths: &Paths) -> PathBuf {
    if let Some(f) = env_path("REGISTRY_AUTH_FILE") {
        return f;
    }
    let run = env_path("XDG_RUNTIME_DIR").unwrap_or_else(|| {
        let p = PathBuf::from(format!("/run/user/{}", nix::unistd::getuid()));
        if p.is_dir() {
            p
        } else {
            paths.config.clone()
        }
    });
    run.join("containers/auth.json")
}

/// The files searched for credentials, in order.
fn search_files(paths: &Paths, authfile: Option<&Path>) -> Vec<PathBuf> {
    if let Some(f) = authfile {
        return vec![f.to_path_buf()];
    }
    let mut v = vec![default_authfile(paths)];
    v.push(paths.config.join("containers/auth.json"));
    let docker = env_path("DOCKER_CONFIG")
        .or_else(|| env_path("HOME").map(|h| h.join(".docker")))
        .map(|d| d.join("config.json"));
    v.extend(docker);
    v
}

/// The keys a registry's entry may have in an auth file.
fn keys(host: &str) -> Vec<String> {
    let mut v = vec![
        host.to_string(),
        format!("https://{host}"),
        format!("http://{host}"),
        format!("https://{host}/v1/"),
        format!("https://{host}/v2/"),
    ];
    if host == "docker.io" {
        for k in [
            "index.docker.io",
            "https://index.docker.io/v1/",
            "registry-1.docker.io",
        ] {
            v.push(k.to_string());
        }
    }
    v
}

fn read_file(p: &Path) -> Result<Option<Value>> {
    crate::store::read_json::<Value>(p)
}

/// What registry clients are handed: `creds` (`--creds`) for every host when given, else the
/// stored credentials of each host (`authfile`, or the usual search).
pub(crate) fn source(
    paths: &Paths,
    creds: Option<Credentials>,
    authfile: Option<PathBuf>,
) -> CredentialSource {
    if let Some(c) = creds {
        return CredentialSource::fixed(c);
    }
    let paths = paths.clone();
    CredentialSource::new(move |host| lookup(&paths, host, authfile.as_deref()))
}

/// The stored credentials for `host`, if any.
pub(crate) fn lookup(
    paths: &Paths,
    host: &str,
    authfile: Option<&Path>,
) -> Result<Option<Credentials>> {
    for f in search_files(paths, authfile) {
        let Some(v) = read_file(&f)? else { continue };
        let helper = keys(host)
            .iter()
            .find_map(|k| v["credHelpers"][k].as_str().map(str::to_string))
            .or_else(|| v["credsStore"].as_str().map(str::to_string));
        for k in keys(host) {
            if let Some(a) = v["auths"][&k]["auth"].as_str().filter(|a| !a.is_empty()) {
                return decode(a, &f).map(Some);
            }
        }
        if let Some(h) = helper {
            if let Some(c) = from_helper(&h, host)? {
                return Ok(Some(c));
            }
        }
    }
    Ok(None)
}

fn decode(a: &str, file: &Path) -> Result<Credentials> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(a.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .with_context(|| format!("an auth entry in {} is not valid base64", file.display()))?;
    Credentials::parse(&raw)
        .with_context(|| format!("an auth entry in {} is not USER:PASSWORD", file.display()))
}

/// Asks `docker-credential-NAME get` (the host on stdin, JSON with the secret on stdout).
fn from_helper(name: &str, host: &str) -> Result<Option<Credentials>> {
    let prog = format!("docker-credential-{name}");
    let mut child = match Command::new(&prog)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => bail!("cannot run the credential helper {prog} ({e}); install it or remove it from ~/.docker/config.json"),
    };
    if let Some(mut w) = child.stdin.take() {
        let _ = w.write_all(host.as_bytes());
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        // "credentials not found": the helper has nothing for this host.
        return Ok(None);
    }
    #[derive(serde::Deserialize)]
    struct Helper {
        #[serde(rename = "Username")]
        username: String,
        #[serde(rename = "Secret")]
        secret: String,
    }
    let h: Helper = serde_json::from_slice(&out.stdout)
        .with_context(|| format!("the credential helper {prog} printed no valid JSON"))?;
    Ok(Some(Credentials {
        username: h.username,
        password: h.secret,
    }))
}

/// Stores credentials for `host` in `file` (created 0600; other entries kept).
pub(crate) fn store(file: &Path, host: &str, c: &Credentials) -> Result<()> {
    let mut v = read_file(file)?.unwrap_or_else(|| Value::Object(Map::new()));
    let raw = format!("{}:{}", c.username, c.password);
    let auth = base64::engine::general_purpose::STANDARD.encode(raw);
    if !v["auths"].is_object() {
        v["auths"] = Value::Object(Map::new());
    }
    v["auths"][host] = serde_json::json!({ "auth": auth });
    write_private(file, &v)
}

/// Removes `host` (or, with `None`, every entry) from `file`; true if something was removed.
pub(crate) fn remove(file: &Path, host: Option<&str>) -> Result<bool> {
    let Some(mut v) = read_file(file)? else {
        return Ok(false);
    };
    let Some(auths) = v.get_mut("auths").and_then(Value::as_object_mut) else {
        return Ok(false);
    };
    let removed = match host {
        Some(h) => {
            let before = auths.len();
            auths.retain(|k, _| !keys(h).contains(k));
            before != auths.len()
        }
        None => {
            let any = !auths.is_empty();
            auths.clear();
            any
        }
    };
    if removed {
        write_private(file, &v)?;
    }
    Ok(removed)
}

fn write_private(file: &Path, v: &Value) -> Result<()> {
    let dir = file.parent().context("the auth file has no directory")?;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let tmp = dir.join(crate::store::tmp_name());
    let data = serde_json::to_vec_pretty(v)?;
    let res = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(&data)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", file.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_lookup_remove() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            data: dir.path().join("d"),
            run: dir.path().join("r"),
            config: dir.path().join("c"),
        };
        let f = dir.path().join("sub/auth.json");
        let c = Credentials::parse("u:p:x").unwrap();
        store(&f, "127.0.0.1:5000", &c).unwrap();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(lookup(&paths, "127.0.0.1:5000", Some(&f)).unwrap(), Some(c));
        assert_eq!(lookup(&paths, "other", Some(&f)).unwrap(), None);
        assert!(remove(&f, Some("127.0.0.1:5000")).unwrap());
        assert_eq!(lookup(&paths, "127.0.0.1:5000", Some(&f)).unwrap(), None);
    }
}
