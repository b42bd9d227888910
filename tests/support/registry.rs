//! Real registries on loopback for the registry tests: Debian's `docker-registry`
//! (distribution v2) on a free port, in plain HTTP, TLS (a CA made here with rcgen), htpasswd
//! basic auth, or token auth (a tiny issuer in this process signs ES256 JWTs with the CA's key,
//! which the registry trusts through `rootcertbundle`). Every process and thread started here
//! stops when its guard drops, and every wait is bounded.
use super::{have_tool, image::Image, kill_group, run_cmd, wait_timeout, Env, Out};
use base64::Engine as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::Shutdown;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod stalling;
pub use stalling::Stalling;

pub const USER: &str = "alice";
pub const PASS: &str = "s3cret-pass:word";
const ISSUER: &str = "skiff-test-issuer";
const SERVICE: &str = "skiff-test-registry";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Tls,
    Basic,
    Token,
}

pub struct Registry {
    pub port: u16,
    pub kind: Kind,
    pub dir: tempfile::TempDir,
    child: Option<Child>,
    pub ca_pem: Option<String>,
    _issuer: Option<Issuer>,
    /// A shared flock on `dir/inuse.lock`: other test runs of this user (other checkouts) sweep
    /// the directories of `base_dir` whose lock nobody holds, and would delete the registry's
    /// storage under it.
    _inuse: fs::File,
}

/// True when the registry can run here (skips loudly, fails in CI).
pub fn available() -> bool {
    have_tool("docker-registry")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

fn b64url(data: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

struct Ca {
    cert: rcgen::Certificate,
    key: rcgen::KeyPair,
    issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
}

fn make_ca() -> Ca {
    let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    p.distinguished_name
        .push(rcgen::DnType::CommonName, "skiff test CA");
    p.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::DigitalSignature,
    ];
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = p.self_signed(&key).unwrap();
    let issuer_key = rcgen::KeyPair::from_pem(&key.serialize_pem()).unwrap();
    let issuer = rcgen::Issuer::new(p, issuer_key);
    Ca { cert, key, issuer }
}

impl Registry {
    /// Starts a registry of `kind`; panics (with its log) if it does not answer in 20 s.
    pub fn start(kind: Kind) -> Registry {
        // The run key in the name keeps other test processes of this run (nextest runs each
        // test in its own) from sweeping it as a stale leftover while the registry uses it.
        let dir = tempfile::Builder::new()
            .prefix(&format!("registry-{}-", super::run_key()))
            .tempdir_in(super::base_dir())
            .expect("registry dir");
        let inuse = fs::File::options()
            .create(true)
            .append(true)
            .open(dir.path().join("inuse.lock"))
            .expect("create inuse.lock");
        assert!(super::flock(&inuse, libc::LOCK_SH), "flock inuse.lock");
        let port = free_port();
        let d = dir.path().to_path_buf();
        let d = d.as_path();
        let mut extra = String::new();
        let mut ca_pem = None;
        let mut issuer = None;
        if kind == Kind::Tls || kind == Kind::Token {
            let ca = make_ca();
            fs::write(d.join("ca.pem"), ca.cert.pem()).unwrap();
            ca_pem = Some(ca.cert.pem());
            if kind == Kind::Tls {
                let mut p = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
                p.subject_alt_names
                    .push(rcgen::SanType::IpAddress("127.0.0.1".parse().unwrap()));
                let key = rcgen::KeyPair::generate().unwrap();
                let cert = p.signed_by(&key, &ca.issuer).unwrap();
                fs::write(d.join("server.pem"), cert.pem()).unwrap();
                fs::write(d.join("server.key"), key.serialize_pem()).unwrap();
                extra = format!(
                    "  tls:\n    certificate: {0}/server.pem\n    key: {0}/server.key\n",
                    d.display()
                );
            } else {
                let iss = Issuer::start(ca);
                extra = format!(
                    "auth:\n  token:\n    realm: http://127.0.0.1:{}/token\n    service: {SERVICE}\n    issuer: {ISSUER}\n    rootcertbundle: {}/ca.pem\n",
                    iss.port,
                    d.display()
                );
                issuer = Some(iss);
            }
        }
        if kind == Kind::Basic {
            assert!(have_tool("htpasswd"), "htpasswd (apache2-utils) is needed");
            let mut c = Command::new("htpasswd");
            c.args(["-Bbn", USER, PASS]);
            let out = run_cmd(c, None, Duration::from_secs(30));
            fs::write(d.join("htpasswd"), out.ok()).unwrap();
            extra = format!(
                "auth:\n  htpasswd:\n    realm: basic-realm\n    path: {}/htpasswd\n",
                d.display()
            );
        }
        let (http_extra, top_extra) = if kind == Kind::Tls {
            (extra, String::new())
        } else {
            (String::new(), extra)
        };
        let config = format!(
            "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}/storage\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: skiff-test-secret\n  draintimeout: 1s\n{http_extra}{top_extra}",
            d.display()
        );
        let mut reg = Registry {
            port,
            kind,
            child: None,
            dir,
            ca_pem,
            _issuer: issuer,
            _inuse: inuse,
        };
        // The port was free when picked, but another test may take it before the registry
        // binds it (the registry then exits): try again on a new port.
        for _ in 0..5 {
            let config = config.replace(
                &format!("addr: 127.0.0.1:{port}"),
                &format!("addr: 127.0.0.1:{}", reg.port),
            );
            fs::write(d.join("config.yml"), config).unwrap();
            let log = fs::File::create(d.join("registry.log")).unwrap();
            let mut cmd = Command::new("docker-registry");
            cmd.arg("serve")
                .arg(d.join("config.yml"))
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .process_group(0);
            reg.child = Some(cmd.spawn().expect("start docker-registry"));
            if reg.wait_ready() {
                return reg;
            }
            reg.port = free_port();
        }
        panic!(
            "registry did not start; log:\n{}",
            fs::read_to_string(reg.dir.path().join("registry.log")).unwrap_or_default()
        );
    }

    /// True once our registry process listens on its port; false if it died (port taken).
    fn wait_ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        let child = self.child.as_mut().expect("registry child");
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return false;
            }
            // A connect alone could reach whoever else took the port meanwhile.
            if listens(child.id(), self.port) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Puts the CA in `env`'s `$XDG_CONFIG_HOME/containers/certs.d/HOST/ca.crt`.
    pub fn trust(&self, env: &Env) {
        let d = env.config_home.join("containers/certs.d").join(self.host());
        fs::create_dir_all(&d).unwrap();
        fs::write(
            d.join("ca.crt"),
            self.ca_pem.as_ref().expect("a TLS registry"),
        )
        .unwrap();
    }

    /// Where the registry keeps blob `digest` (to corrupt it).
    pub fn blob_data(&self, digest: &str) -> PathBuf {
        let hex = digest.strip_prefix("sha256:").unwrap();
        self.dir
            .path()
            .join("storage/docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }

    /// Copies `img` to `repo:tag` here with skopeo (from an OCI layout written for it), with
    /// `extra` skopeo flags (e.g. `--dest-compress-format zstd`).
    pub fn seed(&self, env: &Env, img: &Image, repo_tag: &str, extra: &[&str]) {
        let layout = env
            .root
            .join(format!("oci-{}", repo_tag.replace([':', '/'], "_")));
        write_layout(img, &layout);
        let mut c = env.command("skopeo");
        c.arg("copy").args(self.skopeo_dest_flags()).args(extra);
        c.arg(format!("oci:{}", layout.display()))
            .arg(format!("docker://{}/{repo_tag}", self.host()));
        run_cmd(c, None, Duration::from_secs(120)).ok();
    }

    /// Pushes `img` to `repo:tag` with raw HTTP (plain registries only): its blobs through
    /// upload sessions and its manifest verbatim. Unlike `seed`, no client reads the config,
    /// so a hostile one (diff_ids that are paths) arrives as written.
    pub fn push_raw(&self, img: &Image, repo: &str, tag: &str) {
        let blobs = [(img.id(), img.config.clone())].into_iter().chain(
            img.layers
                .iter()
                .map(|l| (l.digest.clone(), l.blob.clone())),
        );
        for (digest, data) in blobs {
            let (status, headers, body) = http(
                self.port,
                "POST",
                &format!("/v2/{repo}/blobs/uploads/"),
                &[],
                b"",
            );
            assert_eq!(status, 202, "{}", String::from_utf8_lossy(&body));
            let location = headers
                .iter()
                .find(|(k, _)| k == "location")
                .map(|(_, v)| v.clone())
                .expect("an upload location");
            // The registry answers with an absolute URL; the request line wants the path.
            let path = match location.find("/v2/") {
                Some(i) => location[i..].to_string(),
                None => location,
            };
            let sep = if path.contains('?') { '&' } else { '?' };
            let (status, _, body) = http(
                self.port,
                "PUT",
                &format!("{path}{sep}digest={digest}"),
                &[("Content-Type", "application/octet-stream")],
                &data,
            );
            assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
        }
        let (status, _, body) = http(
            self.port,
            "PUT",
            &format!("/v2/{repo}/manifests/{tag}"),
            &[("Content-Type", "application/vnd.oci.image.manifest.v1+json")],
            &img.manifest,
        );
        assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    }

    pub fn skopeo_dest_flags(&self) -> Vec<String> {
        let mut v = vec![];
        match self.kind {
            Kind::Plain => v.push("--dest-tls-verify=false".into()),
            Kind::Tls => {
                let d = self.dir.path().join("skopeo-certs");
                fs::create_dir_all(&d).unwrap();
                fs::write(d.join("ca.crt"), self.ca_pem.as_ref().unwrap()).unwrap();
                v.push(format!("--dest-cert-dir={}", d.display()));
            }
            Kind::Basic | Kind::Token => {
                v.push("--dest-tls-verify=false".into());
                v.push(format!("--dest-creds={USER}:{PASS}"));
            }
        }
        v
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            kill_group(c.id() as i32);
            let _ = wait_timeout(&mut c, Duration::from_secs(10));
        }
    }
}

/// The id of the image a pull stored: a pull prints one line, the full reference it pulled (as
/// Docker's pull ends), which names the image locally.
#[track_caller]
pub fn pulled_id(env: &Env, out: &Out) -> String {
    let reference = out.ok().trim();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.dump());
    image_id(env, reference)
}

#[track_caller]
pub fn image_id(env: &Env, reference: &str) -> String {
    let inspect = env.skiff(["image", "inspect", reference]);
    let v: serde_json::Value = serde_json::from_str(inspect.ok()).unwrap();
    v[0]["Id"].as_str().unwrap_or_default().to_string()
}

/// The digest in a push's last line, Docker's `TAG: digest: DIGEST size: N`, whose size is the
/// manifest's as the registry serves it.
#[track_caller]
pub fn pushed_digest(reg: &Registry, out: &Out, repo_tag: &str) -> String {
    let tag = repo_tag.split_once(':').map_or("latest", |(_, t)| t);
    let last = out.ok().lines().last().unwrap_or_default().to_string();
    let rest = last
        .strip_prefix(&format!("{tag}: digest: "))
        .unwrap_or_else(|| panic!("not Docker's last push line\n{}", out.dump()));
    let (digest, size) = rest.split_once(" size: ").expect("a size");
    let (repo, _) = repo_tag.split_once(':').unwrap_or((repo_tag, ""));
    let (_, _, body) = http(
        reg.port,
        "GET",
        &format!("/v2/{repo}/manifests/{digest}"),
        &[("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")],
        b"",
    );
    assert_eq!(size, body.len().to_string(), "{}", out.dump());
    digest.to_string()
}

/// Unpacks the image's oci-archive into an OCI layout directory (no chown: skopeo's own
/// untar would try one).
pub fn write_layout(img: &Image, dir: &Path) {
    let data = img.oci_archive();
    let mut a = tar::Archive::new(&data[..]);
    a.set_preserve_ownerships(false);
    fs::create_dir_all(dir).unwrap();
    a.unpack(dir).expect("unpack oci-archive");
}

/// A token server on loopback: answers `GET /token?service=…&scope=…` with an ES256 JWT for
/// the scopes asked, signed by the CA key (`x5c` carries the CA certificate), to `USER:PASS`
/// and to anonymous callers for pull only.
struct Issuer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Issuer {
    fn start(ca: Ca) -> Issuer {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let s2 = stop.clone();
        let thread = std::thread::spawn(move || {
            for conn in l.incoming() {
                if s2.load(Ordering::SeqCst) {
                    return;
                }
                if let Ok(c) = conn {
                    let _ = serve_token(c, &ca);
                }
            }
        });
        Issuer {
            port,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Issuer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve_token(mut c: TcpStream, ca: &Ca) -> std::io::Result<()> {
    c.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut r = BufReader::new(c.try_clone()?);
    let mut line = String::new();
    r.read_line(&mut line)?;
    let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
    let mut authorized = false;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some(v) = h
            .strip_prefix("Authorization: Basic ")
            .or_else(|| h.strip_prefix("authorization: Basic "))
        {
            let want = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASS}"));
            if v.trim() == want {
                authorized = true;
            } else {
                return respond(
                    &mut c,
                    "401 Unauthorized",
                    "{\"details\":\"bad credentials\"}",
                );
            }
        }
    }
    let query = target.split_once('?').map(|x| x.1).unwrap_or("");
    let mut access = Vec::new();
    for kv in query.split('&') {
        if let Some(v) = kv.strip_prefix("scope=") {
            let v = v
                .replace("%3A", ":")
                .replace("%2F", "/")
                .replace("%2C", ",");
            let parts: Vec<&str> = v.split(':').collect();
            if parts.len() == 3 {
                let actions: Vec<&str> = parts[2]
                    .split(',')
                    .filter(|a| authorized || *a == "pull")
                    .collect();
                access.push(
                    serde_json::json!({"type": parts[0], "name": parts[1], "actions": actions}),
                );
            }
        }
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = serde_json::json!({"typ": "JWT", "alg": "ES256", "x5c": [base64::engine::general_purpose::STANDARD.encode(ca.cert.der())]});
    let claims = serde_json::json!({
        "iss": ISSUER, "sub": if authorized { USER } else { "" }, "aud": SERVICE,
        "exp": now + 600, "nbf": now - 60, "iat": now - 60, "jti": format!("{now}-{}", access.len()),
        "access": access,
    });
    let signing_input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes())
    );
    let rng = ring::rand::SystemRandom::new();
    let kp = ring::signature::EcdsaKeyPair::from_pkcs8(
        &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        &ca.key.serialize_der(),
        &rng,
    )
    .unwrap();
    let sig = kp.sign(&rng, signing_input.as_bytes()).unwrap();
    let token = format!("{signing_input}.{}", b64url(sig.as_ref()));
    respond(
        &mut c,
        "200 OK",
        &serde_json::json!({"token": token}).to_string(),
    )
}

fn respond(c: &mut TcpStream, status: &str, body: &str) -> std::io::Result<()> {
    write!(
        c,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    c.flush()
}

/// A server that accepts connections and never answers (for the timeout test).
pub struct Hanging {
    pub port: u16,
    _listener: TcpListener,
}

impl Hanging {
    pub fn start() -> Hanging {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        Hanging {
            port: l.local_addr().unwrap().port(),
            _listener: l,
        }
    }
}

/// A listener that never answers, made `env`'s only registry (docker.io, unqualified names and
/// its own address all resolve to it in `registries.conf`), to prove that a command contacts no
/// registry: `untouched` then finds no connection waiting.
pub struct Tripwire {
    listener: TcpListener,
}

impl Tripwire {
    pub fn install(env: &Env) -> Tripwire {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let host = format!("127.0.0.1:{}", listener.local_addr().unwrap().port());
        let conf = env.config_home.join("containers");
        fs::create_dir_all(&conf).unwrap();
        fs::write(
            conf.join("registries.conf"),
            format!(
                "unqualified-search-registries = [\"{host}\"]\n\
                 [[registry]]\nprefix = \"docker.io\"\nlocation = \"{host}\"\ninsecure = true\n\
                 [[registry]]\nprefix = \"{host}\"\nlocation = \"{host}\"\ninsecure = true\n"
            ),
        )
        .unwrap();
        Tripwire { listener }
    }

    /// True when no connection has reached the listener so far.
    pub fn untouched(&self) -> bool {
        self.listener.set_nonblocking(true).unwrap();
        let none = self.listener.accept().is_err();
        self.listener.set_nonblocking(false).unwrap();
        none
    }

    /// Waits for a connection (after a command that must have made one): the control that shows
    /// the listener is the registry `env` would use.
    pub fn was_contacted(&self) -> bool {
        self.listener.accept().is_ok()
    }
}

/// One plain-HTTP request to a registry without auth: (status, lowercase headers, body).
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut c = TcpStream::connect(("127.0.0.1", port)).expect("connect to the registry");
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    c.write_all(req.as_bytes()).unwrap();
    c.write_all(body).unwrap();
    let _ = c.shutdown(Shutdown::Write);
    let mut all = Vec::new();
    c.read_to_end(&mut all).expect("read the answer");
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&all[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let hs = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, hs, all[split + 4..].to_vec())
}

/// True if process `pid` holds a socket listening on TCP `port` (from /proc/net/tcp and its fds).
fn listens(pid: u32, port: u16) -> bool {
    let tcp = fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let want = format!(":{port:04X}");
    let inodes: Vec<String> = tcp
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            // local_address, state 0A = LISTEN, inode
            (f.len() > 9 && f[1].ends_with(&want) && f[3] == "0A").then(|| f[9].to_string())
        })
        .collect();
    let Ok(fds) = fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.flatten().any(|e| {
        fs::read_link(e.path())
            .ok()
            .and_then(|l| {
                l.to_str()
                    .and_then(|s| s.strip_prefix("socket:["))
                    .map(|s| s.trim_end_matches(']').to_string())
            })
            .is_some_and(|ino| inodes.contains(&ino))
    })
}
