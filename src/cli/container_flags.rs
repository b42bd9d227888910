//! The flags `run` and `create` share (Docker's names), turned into `CreateOptions`.
use crate::engine::container::record::{CreateOptions, HealthFlags};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub struct CreateFlags {
    /// Assign a name to the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set environment variables (NAME=VALUE, or NAME to pass ours)
    #[arg(short = 'e', long = "env", value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short = 'w', long = "workdir", value_name = "DIR")]
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long = "user")]
    pub user: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long)]
    pub entrypoint: Option<String>,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Container host name
    #[arg(short = 'h', long)]
    pub hostname: Option<String>,
    /// Mount the container's root filesystem as read only
    #[arg(long = "read-only")]
    pub read_only: bool,
    /// Add Linux capabilities
    #[arg(long = "cap-add", value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities
    #[arg(long = "cap-drop", value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give extended privileges to this container
    #[arg(long)]
    pub privileged: bool,
    /// Security options (seccomp=unconfined, no-new-privileges)
    #[arg(long = "security-opt", value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Connect a container to a network (pasta, slirp4netns, none, host, container:NAME)
    #[arg(long = "network", alias = "net", value_name = "NETWORK")]
    pub network: Option<String>,
    // network: ports, hosts and DNS (see engine/container/network.rs)
    /// Publish a container's port(s) to the host
    #[arg(
        short = 'p',
        long = "publish",
        value_name = "[IP:][HOSTPORT:]PORT[/PROTO]"
    )]
    pub publish: Vec<String>,
    /// Publish all exposed ports to random ports
    #[arg(short = 'P', long = "publish-all")]
    pub publish_all: bool,
    /// Expose a port or a range of ports
    #[arg(long = "expose", value_name = "PORT[/PROTO]")]
    pub expose: Vec<String>,
    /// Add a custom host-to-IP mapping (host:ip)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Set custom DNS servers
    #[arg(long = "dns", value_name = "IP")]
    pub dns: Vec<String>,
    /// Set custom DNS search domains
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Set DNS options
    #[arg(long = "dns-option", alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// IPC mode to use (private, shareable, host, container:NAME)
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// UTS namespace to use (private, host, container:NAME)
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// PID namespace to use (private, container:NAME)
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// Mount a tmpfs directory (PATH[:OPTIONS])
    #[arg(long = "tmpfs", value_name = "PATH[:OPTS]")]
    pub tmpfs: Vec<String>,
    /// Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub restart: String,
    /// Set meta data on a container
    #[arg(short = 'l', long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Read in a line delimited file of labels
    #[arg(long = "label-file", value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Signal to stop the container
    #[arg(long = "stop-signal", value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Timeout (in seconds) to stop a container
    #[arg(long = "stop-timeout", value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Command to run to check health
    #[arg(long = "health-cmd", value_name = "CMD")]
    pub health_cmd: Option<String>,
    /// Time between running the check (ms|s|m|h)
    #[arg(long = "health-interval", value_name = "DURATION")]
    pub health_interval: Option<String>,
    /// Maximum time to allow one check to run (ms|s|m|h)
    #[arg(long = "health-timeout", value_name = "DURATION")]
    pub health_timeout: Option<String>,
    /// Consecutive failures needed to report unhealthy
    #[arg(long = "health-retries", value_name = "N")]
    pub health_retries: Option<u32>,
    /// Start period for the container to initialize before counting retries (ms|s|m|h)
    #[arg(long = "health-start-period", value_name = "DURATION")]
    pub health_start_period: Option<String>,
    /// Disable any container-specified HEALTHCHECK
    #[arg(long = "no-healthcheck")]
    pub no_healthcheck: bool,
    /// Write the container ID to the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// Pull image policy: always, missing (pull when not found locally) or never
    #[arg(long, default_value = "missing", value_parser = ["always", "missing", "never"])]
    pub pull: String,
    /// Set platform if the server is multi-platform capable (OS/ARCH[/VARIANT])
    #[arg(long)]
    pub platform: Option<String>,
    /// Suppress the pull output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    #[command(flatten)]
    pub registry: crate::cli::pull::RegistryFlags,
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// The image, then the command and its arguments
    // No `allow_hyphen_values`: a word starting with '-' before the image is an unknown flag (as
    // Docker), never an image name; `trailing_var_arg` still hands everything after the image,
    // flags included, to the container's command.
    #[arg(value_name = "IMAGE [COMMAND] [ARG...]", required = true, num_args = 1.., trailing_var_arg = true)]
    pub image_and_command: Vec<String>,
}

impl CreateFlags {
    pub fn options(&self, auto_remove: bool) -> CreateOptions {
        let mut it = self.image_and_command.iter().cloned();
        CreateOptions {
            image: it.next().unwrap_or_default(),
            command: it.collect(),
            name: self.name.clone(),
            entrypoint: self.entrypoint.clone(),
            env: self.env.clone(),
            env_files: self.env_file.clone(),
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            hostname: self.hostname.clone(),
            tty: self.tty,
            interactive: self.interactive,
            read_only: self.read_only,
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            privileged: self.privileged,
            security_opt: self.security_opt.clone(),
            // network: no --network means the default network (pasta, else slirp4netns)
            network: self.network.clone().unwrap_or_default(),
            publish: self.publish.clone(),
            publish_all: self.publish_all,
            expose: self.expose.clone(),
            add_host: self.add_host.clone(),
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            dns_option: self.dns_option.clone(),
            tmpfs: self.tmpfs.clone(),
            ipc: self.ipc.clone().unwrap_or_default(),
            uts: self.uts.clone().unwrap_or_default(),
            pid: self.pid.clone().unwrap_or_default(),
            auto_remove,
            restart: self.restart.clone(),
            labels: Default::default(),
            label_args: self.label.clone(),
            label_files: self.label_file.clone(),
            init: self.init,
            stop_signal: self.stop_signal.clone(),
            stop_timeout: self.stop_timeout,
            health: HealthFlags {
                cmd: self.health_cmd.clone(),
                interval: self.health_interval.clone(),
                timeout: self.health_timeout.clone(),
                retries: self.health_retries,
                start_period: self.health_start_period.clone(),
                disable: self.no_healthcheck,
            },
            cidfile: self.cidfile.clone(),
        }
    }
}

impl CreateFlags {
    /// `--pull`: fetches the image per the policy (before `create`, which holds the image lock
    /// shared while a pull takes it exclusively). Pull threads have ended when this returns.
    pub fn ensure_image(
        &self,
        paths: &crate::store::Paths,
        mapping: &crate::runtime::userns::Mapping,
    ) -> anyhow::Result<()> {
        use crate::engine::image::pull::{ensure_image, PullOptions, PullPolicy};
        let image = self.image_and_command.first().cloned().unwrap_or_default();
        let opts = PullOptions {
            registry: self.registry.options()?,
            platform: self.platform.clone(),
            all_tags: false,
            mapping: mapping.clone(),
        };
        let mut progress = crate::cli::pull::Progress::new(self.quiet);
        ensure_image(
            paths,
            &image,
            &opts,
            self.pull.parse::<PullPolicy>()?,
            &mut |e| progress.event(e),
        )?;
        progress.finish();
        Ok(())
    }
}
