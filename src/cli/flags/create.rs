//! The flags `run` and `create` share (Docker's names), turned into a `ContainerConfig`.
use crate::cli::output::report;
use crate::engine::container::run;
use crate::engine::image::pull::{PullOptions, PullPolicy};
use crate::engine::network::ports;
use crate::engine::spec::config::{ContainerConfig, Dns, HealthRequest, Mount, Namespaces};
use crate::engine::spec::mount_flags;
use crate::engine::spec::parse::{self, NsKind};
use crate::engine::spec::passwd;
use anyhow::Result;
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub(crate) struct CreateFlags {
    /// Assign a name to the container
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// Set environment variables (NAME=VALUE, or NAME to pass ours)
    #[arg(short = 'e', long = "env", value_name = "NAME=VALUE")]
    pub(crate) env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "FILE")]
    pub(crate) env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short = 'w', long = "workdir", value_name = "DIR")]
    pub(crate) workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long = "user")]
    pub(crate) user: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long)]
    pub(crate) entrypoint: Option<String>,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub(crate) interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub(crate) tty: bool,
    /// Container host name
    #[arg(short = 'h', long)]
    pub(crate) hostname: Option<String>,
    /// Mount the container's root filesystem as read only
    #[arg(long = "read-only")]
    pub(crate) read_only: bool,
    /// Add Linux capabilities
    #[arg(long = "cap-add", value_name = "CAP")]
    pub(crate) cap_add: Vec<String>,
    /// Drop Linux capabilities
    #[arg(long = "cap-drop", value_name = "CAP")]
    pub(crate) cap_drop: Vec<String>,
    /// Give extended privileges to this container
    #[arg(long)]
    pub(crate) privileged: bool,
    /// Security options (seccomp=unconfined, no-new-privileges)
    #[arg(long = "security-opt", value_name = "OPT")]
    pub(crate) security_opt: Vec<String>,
    /// Connect a container to a network (pasta, slirp4netns, none, host, container:NAME, or user networks NAME[,NAME2])
    #[arg(long = "network", alias = "net", value_name = "NETWORK")]
    pub(crate) network: Option<String>,
    /// Add network-scoped alias for the container (user networks)
    #[arg(long = "network-alias", alias = "net-alias", value_name = "ALIAS")]
    pub(crate) network_alias: Vec<String>,
    /// IPv4 or IPv6 address on the user network
    #[arg(long = "ip", alias = "ip6", value_name = "ADDRESS")]
    pub(crate) ip: Option<String>,
    /// Container MAC address on the user network (e.g. 92:d0:c6:0a:29:33)
    #[arg(long = "mac-address", value_name = "ADDRESS")]
    pub(crate) mac_address: Option<String>,
    // network: ports, hosts and DNS (see engine/container/network.rs)
    /// Publish a container's port(s) to the host
    #[arg(
        short = 'p',
        long = "publish",
        value_name = "[IP:][HOSTPORT:]PORT[/PROTO]"
    )]
    pub(crate) publish: Vec<String>,
    /// Publish all exposed ports to random ports
    #[arg(short = 'P', long = "publish-all")]
    pub(crate) publish_all: bool,
    /// Expose a port or a range of ports
    #[arg(long = "expose", value_name = "PORT[/PROTO]")]
    pub(crate) expose: Vec<String>,
    /// Add a custom host-to-IP mapping (host:ip)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub(crate) add_host: Vec<String>,
    /// Set custom DNS servers
    #[arg(long = "dns", value_name = "IP")]
    pub(crate) dns: Vec<String>,
    /// Set custom DNS search domains
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub(crate) dns_search: Vec<String>,
    /// Set DNS options
    #[arg(long = "dns-option", alias = "dns-opt", value_name = "OPTION")]
    pub(crate) dns_option: Vec<String>,
    /// IPC mode to use (private, shareable, host, container:NAME)
    #[arg(long, value_name = "MODE")]
    pub(crate) ipc: Option<String>,
    /// UTS namespace to use (private, host, container:NAME)
    #[arg(long, value_name = "MODE")]
    pub(crate) uts: Option<String>,
    /// PID namespace to use (private, container:NAME)
    #[arg(long, value_name = "MODE")]
    pub(crate) pid: Option<String>,
    /// Bind mount a volume ([NAME|HOST-DIR:]CONTAINER-DIR[:OPTIONS]; OPTIONS: ro, rw, nocopy, U, z, Z, nosuid, nodev, noexec, propagation)
    #[arg(short = 'v', long = "volume", value_name = "[SRC:]DST[:OPTS]")]
    pub(crate) volume: Vec<String>,
    /// Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=,target=,...)
    #[arg(long = "mount", value_name = "type=TYPE,...")]
    pub(crate) mount: Vec<String>,
    /// Mount volumes from the specified container(s) (CONTAINER[:ro|rw])
    #[arg(long = "volumes-from", value_name = "CONTAINER[:ro|rw]")]
    pub(crate) volumes_from: Vec<String>,
    /// Mount a tmpfs directory (PATH[:OPTIONS])
    #[arg(long = "tmpfs", value_name = "PATH[:OPTS]")]
    pub(crate) tmpfs: Vec<String>,
    /// Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub(crate) restart: String,
    /// Set meta data on a container
    #[arg(short = 'l', long = "label", value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Read in a line delimited file of labels
    #[arg(long = "label-file", value_name = "FILE")]
    pub(crate) label_file: Vec<PathBuf>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub(crate) init: bool,
    /// Signal to stop the container
    #[arg(long = "stop-signal", value_name = "SIGNAL")]
    pub(crate) stop_signal: Option<String>,
    /// Timeout (in seconds) to stop a container
    #[arg(long = "stop-timeout", value_name = "SECONDS")]
    pub(crate) stop_timeout: Option<u64>,
    /// Command to run to check health
    #[arg(long = "health-cmd", value_name = "CMD")]
    pub(crate) health_cmd: Option<String>,
    /// Time between running the check (ms|s|m|h)
    #[arg(long = "health-interval", value_name = "DURATION")]
    pub(crate) health_interval: Option<String>,
    /// Maximum time to allow one check to run (ms|s|m|h)
    #[arg(long = "health-timeout", value_name = "DURATION")]
    pub(crate) health_timeout: Option<String>,
    /// Consecutive failures needed to report unhealthy
    #[arg(long = "health-retries", value_name = "N")]
    pub(crate) health_retries: Option<u32>,
    /// Start period for the container to initialize before counting retries (ms|s|m|h)
    #[arg(long = "health-start-period", value_name = "DURATION")]
    pub(crate) health_start_period: Option<String>,
    /// Disable any container-specified HEALTHCHECK
    #[arg(long = "no-healthcheck")]
    pub(crate) no_healthcheck: bool,
    /// Write the container ID to the file
    #[arg(long, value_name = "FILE")]
    pub(crate) cidfile: Option<PathBuf>,
    /// Pull image policy: always, missing (pull when not found locally) or never
    #[arg(long, default_value = "missing", value_parser = ["always", "missing", "never"])]
    pub(crate) pull: String,
    /// Set platform if the server is multi-platform capable (OS/ARCH[/VARIANT])
    #[arg(long)]
    pub(crate) platform: Option<String>,
    /// Suppress the pull output
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) registry: super::registry::RegistryFlags,
    #[command(flatten)]
    pub(crate) logging: super::logging::LogFlags,
    #[command(flatten)]
    pub(crate) resources: super::resources::ResourceFlags,
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub(crate) help: Option<bool>,
    /// The image, then the command and its arguments
    // No `allow_hyphen_values`: a word starting with '-' before the image is an unknown flag (as
    // Docker), never an image name; `trailing_var_arg` still hands everything after the image,
    // flags included, to the container's command.
    #[arg(value_name = "IMAGE [COMMAND] [ARG...]", required = true, num_args = 1.., trailing_var_arg = true)]
    pub(crate) image_and_command: Vec<String>,
    /// Set the timezone in the container: a zone name (Europe/Paris, UTC) or local (the host's)
    #[arg(long, value_name = "TIMEZONE")]
    pub(crate) tz: Option<String>,
    /// Kill the container after this many seconds (0: no limit)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) timeout: Option<u64>,
    /// Remove the container of the same name first, if there is one
    #[arg(long)]
    pub(crate) replace: bool,
    /// How to use systemd's NOTIFY_SOCKET: ignore (the only mode skiff has)
    #[arg(long, value_name = "MODE")]
    pub(crate) sdnotify: Option<String>,
    /// Kernel memory limit (deprecated, as in Docker: accepted with a warning, no effect)
    #[arg(long = "kernel-memory", value_name = "BYTES")]
    pub(crate) kernel_memory: Option<String>,
    /// Use the host environment in the container (under --env-file and -e)
    #[arg(long = "env-host")]
    pub(crate) env_host: bool,
    /// Unset a default environment variable (the image's, or skiff's own)
    #[arg(long, value_name = "NAME")]
    pub(crate) unsetenv: Vec<String>,
    /// Unset all default environment variables
    #[arg(long = "unsetenv-all")]
    pub(crate) unsetenv_all: bool,
    /// The /etc/passwd entry for a --user uid the image lacks ($USERNAME, $UID, $GID, $NAME, $HOME)
    #[arg(long = "passwd-entry", value_name = "ENTRY")]
    pub(crate) passwd_entry: Option<String>,
    /// Add a host user account (name or uid) to the container's /etc/passwd
    #[arg(long, value_name = "NAME")]
    pub(crate) hostuser: Vec<String>,
    /// Add groups to join (names or gids), or keep-groups to keep the user's own
    #[arg(long = "group-add", value_name = "GROUP")]
    pub(crate) group_add: Vec<String>,
    // User namespaces (issue 13, podman's), one block.
    /// User namespace: host (skiff's own, the default), keep-id[:uid=N,gid=N] (your uid and gid inside)
    #[arg(long, value_name = "MODE")]
    pub(crate) userns: Option<String>,
    /// UID map for the container's user namespace (HOST counts in skiff's: 0 is you)
    #[arg(long, value_name = "CONTAINER:HOST:SIZE")]
    pub(crate) uidmap: Vec<String>,
    /// GID map for the container's user namespace (the --uidmap when not given)
    #[arg(long, value_name = "CONTAINER:HOST:SIZE")]
    pub(crate) gidmap: Vec<String>,
    // Pid files (issue 11, podman's), one block.
    /// Write the container's main pid to FILE when it starts (removed with the container)
    #[arg(long, value_name = "FILE")]
    pub(crate) pidfile: Option<PathBuf>,
    /// Write the pid of the container's supervisor (conmon's part) to FILE (a foreground run's: skiff's own)
    #[arg(long = "conmon-pidfile", value_name = "FILE")]
    pub(crate) conmon_pidfile: Option<PathBuf>,
}

impl CreateFlags {
    /// The flags as a `ContainerConfig`: every text parsed and checked here, before any image
    /// is looked up or pulled (a bad flag costs no download). Env and label files are read now,
    /// as Docker's client does.
    pub(crate) fn config(&self, auto_remove: bool) -> Result<ContainerConfig> {
        let mut it = self.image_and_command.iter().cloned();
        let caps = |v: &[String]| {
            v.iter()
                .map(|c| parse::capability(c))
                .collect::<Result<Vec<_>>>()
        };
        let mut ports = Vec::new();
        for p in &self.publish {
            ports.extend(ports::parse_publish(p)?);
        }
        let mut expose = Vec::new();
        for e in &self.expose {
            expose.extend(ports::parse_expose(e)?);
        }
        Ok(ContainerConfig {
            image: it.next().unwrap_or_default(),
            command: it.collect(),
            name: self.name.clone(),
            entrypoint: self.entrypoint.as_ref().map(|e| match e.is_empty() {
                true => vec![],
                false => vec![e.clone()],
            }),
            env: self.environment()?,
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            hostname: self.hostname.clone(),
            tty: self.tty,
            interactive: self.interactive,
            read_only: self.read_only,
            privileged: self.privileged,
            cap_add: caps(&self.cap_add)?,
            cap_drop: caps(&self.cap_drop)?,
            security: parse::security(&self.security_opt)?,
            network: parse::network(self.network.as_deref().unwrap_or_default())?,
            network_aliases: self.network_alias.clone(),
            ip: self.ip.clone().unwrap_or_default(),
            mac_address: self.mac_address.clone().unwrap_or_default(),
            ports,
            publish_all: self.publish_all,
            expose,
            add_hosts: self.add_host.clone(),
            dns: Dns {
                servers: self
                    .dns
                    .iter()
                    .map(|s| dns_server(s))
                    .collect::<Result<_>>()?,
                search: self.dns_search.clone(),
                options: self.dns_option.clone(),
            },
            tmpfs: self
                .tmpfs
                .iter()
                .map(|t| parse::tmpfs(t))
                .collect::<Result<_>>()?,
            mounts: self.mounts()?,
            volumes_from: self.volumes_from.clone(),
            namespaces: self.namespaces()?,
            auto_remove,
            restart: parse::restart_policy(&self.restart)?,
            labels: parse::labels(&self.label_file, &self.label)?,
            init: self.init,
            stop_signal: match &self.stop_signal {
                Some(s) => parse::parse_signal(s).map(|_| Some(s.clone()))?,
                None => None,
            },
            stop_timeout: self.stop_timeout,
            health: self.health()?,
            cidfile: self.cidfile.clone(),
            log: self.logging.log()?,
            attach: self.logging.attach()?,
            resources: self.resources.resources()?,
            ..self.podman_options()?
        })
    }

    /// `--env-host` (under `--env-file` and `-e`), then the files and `-e` values.
    fn environment(&self) -> Result<Vec<String>> {
        let mut env = match self.env_host {
            true => parse::host_environment(&self.unsetenv, self.unsetenv_all),
            false => Vec::new(),
        };
        env.extend(parse::environment(&self.env_file, &self.env)?);
        Ok(env)
    }

    /// The flags of podman's (and Docker's `--kernel-memory`) that `config` does not set.
    fn podman_options(&self) -> Result<ContainerConfig> {
        if let Some(km) = &self.kernel_memory {
            parse::memory_bytes("--kernel-memory", km)?;
            // Docker's words: its daemon ignores the limit too (cgroup v2 has none).
            report::warn("Specifying a kernel memory limit is deprecated and will be removed in a future release.");
        }
        if let Some(mode) = &self.sdnotify {
            parse::sdnotify(mode)?;
        }
        if self.replace && self.name.is_none() {
            anyhow::bail!("cannot replace container without --name being set");
        }
        if let Some(tz) = &self.tz {
            parse::zone_file(tz)?;
        }
        for h in &self.hostuser {
            passwd::host_account(h)?;
        }
        Ok(ContainerConfig {
            timezone: self.tz.clone(),
            timeout: self.timeout.filter(|t| *t > 0),
            unsetenv: self.unsetenv.clone(),
            unsetenv_all: self.unsetenv_all,
            passwd_entry: self.passwd_entry.clone(),
            host_users: self.hostuser.clone(),
            group_add: parse::group_add(&self.group_add)?,
            userns: crate::engine::spec::userns::UserNs::parse(
                self.userns.as_deref(),
                &self.uidmap,
                &self.gidmap,
            )?,
            replace: self.replace,
            // Absolute: the monitor that writes them runs elsewhere.
            pidfile: absolute(&self.pidfile)?,
            conmon_pidfile: absolute(&self.conmon_pidfile)?,
            ..Default::default()
        })
    }

    /// `-v` then `--mount`, relative sources against the working directory (Docker ≥ 23).
    fn mounts(&self) -> Result<Vec<Mount>> {
        let cwd = std::env::current_dir()
            .map_err(|e| anyhow::anyhow!("cannot read the current directory: {e}"))?;
        for v in &self.volumes_from {
            mount_flags::volumes_from(v)?;
        }
        let mut out = Vec::new();
        for v in &self.volume {
            out.push(mount_flags::volume(v, &cwd)?);
        }
        for m in &self.mount {
            out.push(mount_flags::mount(m, &cwd)?);
        }
        Ok(out)
    }

    /// `--ipc`, `--uts`, `--pid`.
    fn namespaces(&self) -> Result<Namespaces> {
        let mode =
            |kind, v: &Option<String>| parse::ns_mode(kind, v.as_deref().unwrap_or_default());
        Ok(Namespaces {
            ipc: mode(NsKind::Ipc, &self.ipc)?,
            uts: mode(NsKind::Uts, &self.uts)?,
            pid: mode(NsKind::Pid, &self.pid)?,
        })
    }

    /// `--health-*` and `--no-healthcheck`.
    fn health(&self) -> Result<HealthRequest> {
        let duration = |d: &Option<String>| d.as_deref().map(parse::duration).transpose();
        Ok(HealthRequest {
            disable: self.no_healthcheck,
            test: self
                .health_cmd
                .as_ref()
                .map(|c| vec!["CMD-SHELL".into(), c.clone()]),
            interval: duration(&self.health_interval)?,
            timeout: duration(&self.health_timeout)?,
            start_period: duration(&self.health_start_period)?,
            retries: self.health_retries,
        })
    }
}

/// `--dns IP`.
fn dns_server(s: &str) -> Result<std::net::IpAddr> {
    s.parse().map_err(|_| {
        anyhow::Error::msg(format!(
            "invalid --dns {s:?}: give the IP address of a DNS server"
        ))
    })
}

impl CreateFlags {
    /// `--pull`, `--platform` and the registry flags: how `run`/`create` may fetch the image.
    pub(crate) fn image(
        &self,
        paths: &crate::store::Paths,
        mapping: &crate::runtime::userns::Mapping,
    ) -> Result<run::Image> {
        Ok(run::Image::Pull {
            policy: self.pull.parse::<PullPolicy>()?,
            options: Box::new(PullOptions {
                registry: self.registry.options(paths)?,
                platform: self.platform.clone(),
                all_tags: false,
                mapping: mapping.clone(),
            }),
        })
    }
}

/// A file flag's path made absolute against the working directory.
fn absolute(p: &Option<PathBuf>) -> Result<Option<PathBuf>> {
    match p {
        Some(p) if p.as_os_str().is_empty() => anyhow::bail!("a pid file cannot be an empty path"),
        Some(p) => Ok(Some(std::path::absolute(p)?)),
        None => Ok(None),
    }
}
