# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_skiff_global_optspecs
    string join \n root= runroot= storage-driver= log-level= noout= url= remote= connection= runtime= h/help V/version
end

function __fish_skiff_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_skiff_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_skiff_using_subcommand
    set -l cmd (__fish_skiff_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c skiff -n "__fish_skiff_needs_command" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_needs_command" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_needs_command" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_needs_command" -l url -r
complete -c skiff -n "__fish_skiff_needs_command" -l remote -r
complete -c skiff -n "__fish_skiff_needs_command" -l connection -r
complete -c skiff -n "__fish_skiff_needs_command" -l runtime -r
complete -c skiff -n "__fish_skiff_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_needs_command" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "run" -d 'Create and run a new container from an image'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "create" -d 'Create a new container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "start" -d 'Start one or more stopped containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "kill" -d 'Kill one or more running containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "logs" -d 'Fetch the logs of a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "update" -d 'Update configuration of one or more containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "healthcheck" -d 'Manage health checks of containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "inspect" -d 'Return low-level information on containers, images, volumes or networks'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "images" -d 'List images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rmi" -d 'Remove one or more images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "untag" -d 'Remove one or more names from a locally-stored image (all of them when none are given)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pull" -d 'Download an image from a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "push" -d 'Upload an image to a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "search" -d 'Search registries for images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "logout" -d 'Log out from a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "save" -d 'Save one or more images to a tar archive'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "builder" -d 'Manage builds'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "image" -d 'Manage images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "container" -d 'Manage containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "system" -d 'Manage skiff'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "events" -d 'Get real time events from the engine'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "info" -d 'Display system-wide information'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "version" -d 'Show the skiff version information'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "network" -d 'Manage networks'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "compose" -d 'Define and run multi-container applications'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unshare" -d 'Run a command in skiff\'s user namespace'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l rm -d 'Automatically remove the container when it exits' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s d -l detach -d 'Run container in background and print container ID' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l preserve-fds -d 'Pass N more file descriptors to the container, from 3 (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l detach-keys -d 'Override the key sequence for detaching a container (with -it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass ours)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s i -l interactive -d 'Keep STDIN open even if not attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem as read only' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l privileged -d 'Give extended privileges to this container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l security-opt -d 'Security options (seccomp=unconfined, no-new-privileges)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l network -d 'Connect a container to a network (pasta, slirp4netns, none, host, container:NAME, or user networks NAME[,NAME2])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l network-alias -d 'Add network-scoped alias for the container (user networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ip -d 'IPv4 or IPv6 address on the user network' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l mac-address -d 'Container MAC address on the user network (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s P -l publish-all -d 'Publish all exposed ports to random ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l expose -d 'Expose a port or a range of ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ipc -d 'IPC mode to use (private, shareable, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l uts -d 'UTS namespace to use (private, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pid -d 'PID namespace to use (private, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s v -l volume -d 'Bind mount a volume ([NAME|HOST-DIR:]CONTAINER-DIR[:OPTIONS]; OPTIONS: ro, rw, nocopy, U, z, Z, nosuid, nodev, noexec, propagation)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=,target=,...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tmpfs -d 'Mount a tmpfs directory (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s l -l label -d 'Set meta data on a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-cmd -d 'Command to run to check health' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-interval -d 'Time between running the check (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-start-period -d 'Start period for the container to initialize before counting retries (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pull -d 'Pull image policy: always, missing (pull when not found locally) or never' -r -f -a "always\t''
missing\t''
never\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l platform -d 'Set platform if the server is multi-platform capable (OS/ARCH[/VARIANT])' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s q -l quiet -d 'Suppress the pull output' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; every stream is logged all the same)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-driver -d 'Logging driver for the container (k8s-file, json-file, none, passthrough)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-opt -d 'Log driver options (max-size=SIZE, max-file=N, path=FILE, tag=TAG)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroups -d 'Control container cgroup configuration (enabled, disabled, no-conmon, split)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroup-parent -d 'Optional parent cgroup for the container (absolute, or relative to skiff\'s own cgroup)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], e.g. nofile=1024:2048; -1 is unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tz -d 'Set the timezone in the container: a zone name (Europe/Paris, UTC) or local (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l timeout -d 'Kill the container after this many seconds (0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l replace -d 'Remove the container of the same name first, if there is one' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: ignore (the only mode skiff has)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l kernel-memory -d 'Kernel memory limit (deprecated, as in Docker: accepted with a warning, no effect)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-host -d 'Use the host environment in the container (under --env-file and -e)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l unsetenv -d 'Unset a default environment variable (the image\'s, or skiff\'s own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l unsetenv-all -d 'Unset all default environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l passwd-entry -d 'The /etc/passwd entry for a --user uid the image lacks ($USERNAME, $UID, $GID, $NAME, $HOME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l hostuser -d 'Add a host user account (name or uid) to the container\'s /etc/passwd' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l group-add -d 'Add groups to join (names or gids), or keep-groups to keep the user\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l userns -d 'User namespace: host (skiff\'s own, the default), keep-id[:uid=N,gid=N] (your uid and gid inside)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l uidmap -d 'UID map for the container\'s user namespace (HOST counts in skiff\'s: 0 is you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l gidmap -d 'GID map for the container\'s user namespace (the --uidmap when not given)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pidfile -d 'Write the container\'s main pid to FILE when it starts (removed with the container)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (conmon\'s part) to FILE (a foreground run\'s: skiff\'s own)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass ours)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s i -l interactive -d 'Keep STDIN open even if not attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem as read only' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l privileged -d 'Give extended privileges to this container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l security-opt -d 'Security options (seccomp=unconfined, no-new-privileges)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l network -d 'Connect a container to a network (pasta, slirp4netns, none, host, container:NAME, or user networks NAME[,NAME2])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l network-alias -d 'Add network-scoped alias for the container (user networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ip -d 'IPv4 or IPv6 address on the user network' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l mac-address -d 'Container MAC address on the user network (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s P -l publish-all -d 'Publish all exposed ports to random ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l expose -d 'Expose a port or a range of ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ipc -d 'IPC mode to use (private, shareable, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l uts -d 'UTS namespace to use (private, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pid -d 'PID namespace to use (private, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s v -l volume -d 'Bind mount a volume ([NAME|HOST-DIR:]CONTAINER-DIR[:OPTIONS]; OPTIONS: ro, rw, nocopy, U, z, Z, nosuid, nodev, noexec, propagation)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=,target=,...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tmpfs -d 'Mount a tmpfs directory (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s l -l label -d 'Set meta data on a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-cmd -d 'Command to run to check health' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-interval -d 'Time between running the check (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-start-period -d 'Start period for the container to initialize before counting retries (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pull -d 'Pull image policy: always, missing (pull when not found locally) or never' -r -f -a "always\t''
missing\t''
never\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l platform -d 'Set platform if the server is multi-platform capable (OS/ARCH[/VARIANT])' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s q -l quiet -d 'Suppress the pull output' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; every stream is logged all the same)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-driver -d 'Logging driver for the container (k8s-file, json-file, none, passthrough)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-opt -d 'Log driver options (max-size=SIZE, max-file=N, path=FILE, tag=TAG)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroups -d 'Control container cgroup configuration (enabled, disabled, no-conmon, split)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroup-parent -d 'Optional parent cgroup for the container (absolute, or relative to skiff\'s own cgroup)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], e.g. nofile=1024:2048; -1 is unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tz -d 'Set the timezone in the container: a zone name (Europe/Paris, UTC) or local (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l timeout -d 'Kill the container after this many seconds (0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l replace -d 'Remove the container of the same name first, if there is one' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: ignore (the only mode skiff has)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l kernel-memory -d 'Kernel memory limit (deprecated, as in Docker: accepted with a warning, no effect)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-host -d 'Use the host environment in the container (under --env-file and -e)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l unsetenv -d 'Unset a default environment variable (the image\'s, or skiff\'s own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l unsetenv-all -d 'Unset all default environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l passwd-entry -d 'The /etc/passwd entry for a --user uid the image lacks ($USERNAME, $UID, $GID, $NAME, $HOME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l hostuser -d 'Add a host user account (name or uid) to the container\'s /etc/passwd' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l group-add -d 'Add groups to join (names or gids), or keep-groups to keep the user\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l userns -d 'User namespace: host (skiff\'s own, the default), keep-id[:uid=N,gid=N] (your uid and gid inside)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l uidmap -d 'UID map for the container\'s user namespace (HOST counts in skiff\'s: 0 is you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l gidmap -d 'GID map for the container\'s user namespace (the --uidmap when not given)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pidfile -d 'Write the container\'s main pid to FILE when it starts (removed with the container)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (conmon\'s part) to FILE (a foreground run\'s: skiff\'s own)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -s i -l interactive -d 'Attach container\'s STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l all -d 'Start all containers (podman\'s; -a is --attach, as in Docker)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -s l -l latest -d 'Start the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -s f -l filter -d 'Start only the containers that match a filter (ps\'s KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l detach-keys -d 'Override the key sequence for detaching a container (with -ai on a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand start" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s a -l all -d 'Show all containers (default shows just running)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s q -l quiet -d 'Only display container IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l no-trunc -d 'Don\'t truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s l -l latest -d 'Show the latest created container (includes all states)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s f -l filter -d 'Filter output (status=, name=, label=, ancestor=, id=, health=, exited=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s s -l size -d 'Display total file sizes' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l sort -d 'Sort by created (oldest first), id, image, names, runningfor, size or status' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l noheading -d 'Do not print the header line of the table' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l ns -d 'Display the namespaces of running containers (their inode numbers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s p -l pod -d 'Display the pod each container belongs to (skiff has no pods yet: none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l external -d 'Include containers of other tools in the store (skiff\'s store holds only its own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL, or a stop with -t)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s a -l all -d 'Remove all containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s i -l ignore -d 'Ignore errors when a specified container is missing' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s t -l time -d 'Seconds to wait for the stop of a running container (with -f) before killing it' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l depend -d 'Remove the containers that depend on these (that joined their namespaces) first' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container (named volumes stay)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s a -l all -d 'Stop all running containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s l -l latest -d 'Stop the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s i -l ignore -d 'Ignore errors when a specified container is missing' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s a -l all -d 'Signal all running containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s l -l latest -d 'Signal the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s a -l all -d 'Restart all containers, whatever their state' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s l -l latest -d 'Restart the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s f -l follow -d 'Follow log output' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s n -l tail -d 'Number of lines to show from the end of the logs ("all" for all)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s t -l timestamps -d 'Show timestamps' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l since -d 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open even if not attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s d -l detach -d 'Detached mode: run command in the background' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s u -l user -d 'Username or UID (format: "<name|uid>[:<group|gid>]")' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l privileged -d 'Give extended privileges to the command' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand top" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand top" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s a -l all -d 'Pause all running containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s a -l all -d 'Show all containers (default shows just running)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-stream -d 'Disable streaming stats and only pull the first result' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-trunc -d 'Do not truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s a -l all -d 'Unpause all paused containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand update" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand update" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand update" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand update" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -f -a "run" -d 'Run the health check of a container now'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand port" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand port" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s c -l change -d 'Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL)' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s m -l message -d 'Commit message' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s p -l pause -d 'Pause container during commit' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s q -l quiet -d 'Suppress output (skiff prints only the image id anyway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l squash -d 'Squash the image into one layer with the whole file system' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s q -l quiet -d 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand export" -s o -l output -d 'Write to a file, instead of STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand export" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s f -l format -d 'Format the output using a Go template such as \'{{.State.Status}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l type -d 'Only inspect objects of the given type (container, image, volume, network)' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s a -l all -d 'Show all images, the untagged images of build steps included (hidden by default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -s q -l quiet -d 'Only show image IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l no-trunc -d 'Don\'t truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l digests -d 'Show digests' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l noheading -d 'Do not print the header line of the table' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l sort -d 'Sort by created (newest first, the default), id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c skiff -n "__fish_skiff_using_subcommand images" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand images" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s f -l force -d 'Force removal: untag images that containers use (their data stays while they need it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s a -l all -d 'Remove all images' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s i -l ignore -d 'Ignore errors when a specified image is missing' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l no-prune -d 'Do not delete untagged parents (skiff\'s images have no parent images: there are none to delete)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand untag" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand history" -s q -l quiet -d 'Only show image IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l no-trunc -d 'Don\'t truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand history" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand history" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand history" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s a -l all-tags -d 'Download all tagged images in the repository' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s q -l quiet -d 'Suppress verbose output' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand push" -s q -l quiet -d 'Suppress verbose output' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l compression-format -d 'Compression format of the layers (gzip or zstd)' -r -f -a "gzip\t''
zstd\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -l digestfile -d 'Write the digest of the pushed image to the specified file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l limit -d 'Max number of search results (per registry)' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l no-trunc -d 'Don\'t truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l list-tags -d 'List the tags of the repository the term names' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand search" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand search" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand login" -s u -l username -d 'Username' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -s p -l password -d 'Password' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l password-stdin -d 'Take the password from stdin' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand login" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand login" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -s a -l all -d 'Remove the cached credentials for all registries in the auth file' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand load" -s i -l input -d 'Read from tar archive file, instead of STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -s q -l quiet -d 'Suppress the load output' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand load" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand save" -s o -l output -d 'Write to a file, instead of STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l format -d 'Archive format: docker-archive (as docker save) or oci-archive' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand save" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, WORKDIR, VOLUME, STOPSIGNAL)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -s m -l message -d 'Set the commit message (the history comment) for the imported image' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand import" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand build" -s t -l tag -d 'Name (and optionally a tag) for the image, as NAME[:TAG] (several allowed)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s f -l file -d 'The Dockerfile (default: CONTEXT/Dockerfile, else CONTEXT/Containerfile); - reads it from stdin' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l build-arg -d 'Set a build-time variable (KEY=VALUE, or KEY for its value in the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l target -d 'Build the stage of this name (and the stages it needs) only' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l no-cache -d 'Do not use the cache: run every step' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s q -l quiet -d 'Print only the image id' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l label -d 'Set a label on the image (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret (id=ID,src=FILE or id=ID,env=VAR): readable at /run/secrets/ID during those steps only' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l network -d 'The network of RUN steps: default, none or host (a RUN --network=... overrides it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l platform -d 'The platform to build for: only the host\'s (such as linux/amd64) is supported' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP) to /etc/hosts of every RUN step' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l timestamp -d 'Set every created time and every file\'s mtime in the new layers to this many seconds since the epoch (reproducible builds)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l layers -d 'Keep each step\'s image as cache (the default); false keeps only the final image and neither uses nor fills the cache' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l squash-all -d 'Squash all of the image\'s layers, the base\'s too, into one' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l squash -d 'Squash the new layers of the final stage into one, on top of its base image\'s layers' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l no-hosts -d 'Do not mount /etc/hosts in RUN steps: they see the image\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ulimit -d 'Set a resource limit of RUN steps\' processes (NAME=SOFT[:HARD], such as nofile=1024:2048)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l format -d 'The image\'s manifest and config format: oci (the default) or docker (v2 schema 2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-from -d 'A local repository whose REPO:KEY images (made by --cache-to) are used as cached steps (several allowed)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-to -d 'A local repository to tag each step\'s image into as REPO:KEY, for a later --cache-from' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l rm -d 'Remove intermediate containers after a successful build (always: =false is an error)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l force-rm -d 'Remove intermediate containers even when the build fails (always: =false is an error)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l pull -d 'Pull the base images: always (also true or no value), missing (the default; also false) or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -f -a "prune" -d 'Remove build cache'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all build cache, not just what no image uses' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "ls" -d 'List images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "rm" -d 'Remove one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "untag" -d 'Remove one or more names from a locally-stored image (all of them when none are given)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "exists" -d 'Check if an image exists in local storage (exit code 0 if it does, 1 if it does not)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "pull" -d 'Download an image from a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "push" -d 'Upload an image to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "save" -d 'Save one or more images to a tar archive'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls rm inspect tag untag exists history pull push load save import build prune" -f -a "prune" -d 'Remove unused images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images, the untagged images of build steps included (hidden by default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only show image IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header line of the table' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (newest first, the default), id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal: untag images that containers use (their data stays while they need it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a specified image is missing' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not delete untagged parents (skiff\'s images have no parent images: there are none to delete)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template such as \'{{.State.Status}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l type -d 'Only inspect objects of the given type (container, image, volume, network)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Only show image IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Don\'t truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Download all tagged images in the repository' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress verbose output' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress verbose output' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression format of the layers (gzip or zstd)' -r -f -a "gzip\t''
zstd\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed image to the specified file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from tar archive file, instead of STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the load output' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file, instead of STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format: docker-archive (as docker save) or oci-archive' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, WORKDIR, VOLUME, STOPSIGNAL)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set the commit message (the history comment) for the imported image' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name (and optionally a tag) for the image, as NAME[:TAG] (several allowed)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Dockerfile (default: CONTEXT/Dockerfile, else CONTEXT/Containerfile); - reads it from stdin' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build-time variable (KEY=VALUE, or KEY for its value in the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build the stage of this name (and the stages it needs) only' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use the cache: run every step' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Set a label on the image (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret (id=ID,src=FILE or id=ID,env=VAR): readable at /run/secrets/ID during those steps only' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'The network of RUN steps: default, none or host (a RUN --network=... overrides it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'The platform to build for: only the host\'s (such as linux/amd64) is supported' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping (HOST:IP) to /etc/hosts of every RUN step' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'Set every created time and every file\'s mtime in the new layers to this many seconds since the epoch (reproducible builds)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Keep each step\'s image as cache (the default); false keeps only the final image and neither uses nor fills the cache' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all of the image\'s layers, the base\'s too, into one' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the new layers of the final stage into one, on top of its base image\'s layers' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'Do not mount /etc/hosts in RUN steps: they see the image\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Set a resource limit of RUN steps\' processes (NAME=SOFT[:HARD], such as nofile=1024:2048)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'The image\'s manifest and config format: oci (the default) or docker (v2 schema 2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-from -d 'A local repository whose REPO:KEY images (made by --cache-to) are used as cached steps (several allowed)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-to -d 'A local repository to tag each step\'s image into as REPO:KEY, for a later --cache-from' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a successful build (always: =false is an error)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers even when the build fails (always: =false is an error)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull the base images: always (also true or no value), missing (the default; also false) or never' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE])' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "ls" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "rm" -d 'Remove one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "inspect" -d 'Display detailed information on one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "create" -d 'Create a new container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "start" -d 'Start one or more stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "run" -d 'Create and run a new container from an image'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "stop" -d 'Stop one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "kill" -d 'Kill one or more running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "restart" -d 'Restart one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "logs" -d 'Fetch the logs of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "top" -d 'Display the running processes of a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "update" -d 'Update configuration of one or more containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "prune" -d 'Remove all stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "exists" -d 'Check if a container exists in local storage (exit code 0 if it does, 1 if it does not)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls rm inspect create start run attach stop kill restart wait logs exec top pause stats unpause update rename prune port exists commit cp diff export" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default shows just running)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display container IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container (includes all states)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (status=, name=, label=, ancestor=, id=, health=, exited=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display total file sizes' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (oldest first), id, image, names, runningfor, size or status' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header line of the table' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l ns -d 'Display the namespaces of running containers (their inode numbers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s p -l pod -d 'Display the pod each container belongs to (skiff has no pods yet: none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Include containers of other tools in the store (skiff\'s store holds only its own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL, or a stop with -t)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a specified container is missing' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for the stop of a running container (with -f) before killing it' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that depend on these (that joined their namespaces) first' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container (named volumes stay)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template such as \'{{.State.Status}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l type -d 'Only inspect objects of the given type (container, image, volume, network)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass ours)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open even if not attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem as read only' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to this container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options (seccomp=unconfined, no-new-privileges)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Connect a container to a network (pasta, slirp4netns, none, host, container:NAME, or user networks NAME[,NAME2])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Add network-scoped alias for the container (user networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'IPv4 or IPv6 address on the user network' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'Container MAC address on the user network (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish all exposed ports to random ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or a range of ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC mode to use (private, shareable, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace to use (private, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace to use (private, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume ([NAME|HOST-DIR:]CONTAINER-DIR[:OPTIONS]; OPTIONS: ro, rw, nocopy, U, z, Z, nosuid, nodev, noexec, propagation)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=,target=,...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs directory (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set meta data on a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Command to run to check health' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between running the check (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Start period for the container to initialize before counting retries (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull image policy: always, missing (pull when not found locally) or never' -r -f -a "always\t''
missing\t''
never\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Set platform if the server is multi-platform capable (OS/ARCH[/VARIANT])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress the pull output' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; every stream is logged all the same)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver for the container (k8s-file, json-file, none, passthrough)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options (max-size=SIZE, max-file=N, path=FILE, tag=TAG)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'Control container cgroup configuration (enabled, disabled, no-conmon, split)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Optional parent cgroup for the container (absolute, or relative to skiff\'s own cgroup)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], e.g. nofile=1024:2048; -1 is unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Set the timezone in the container: a zone name (Europe/Paris, UTC) or local (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Kill the container after this many seconds (0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Remove the container of the same name first, if there is one' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: ignore (the only mode skiff has)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Kernel memory limit (deprecated, as in Docker: accepted with a warning, no effect)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Use the host environment in the container (under --env-file and -e)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Unset a default environment variable (the image\'s, or skiff\'s own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Unset all default environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd-entry -d 'The /etc/passwd entry for a --user uid the image lacks ($USERNAME, $UID, $GID, $NAME, $HOME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Add a host user account (name or uid) to the container\'s /etc/passwd' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add groups to join (names or gids), or keep-groups to keep the user\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (skiff\'s own, the default), keep-id[:uid=N,gid=N] (your uid and gid inside)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'UID map for the container\'s user namespace (HOST counts in skiff\'s: 0 is you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'GID map for the container\'s user namespace (the --uidmap when not given)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container\'s main pid to FILE when it starts (removed with the container)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (conmon\'s part) to FILE (a foreground run\'s: skiff\'s own)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach container\'s STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start all containers (podman\'s; -a is --attach, as in Docker)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Start the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Start only the containers that match a filter (ps\'s KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Override the key sequence for detaching a container (with -ai on a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Automatically remove the container when it exits' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass N more file descriptors to the container, from 3 (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Override the key sequence for detaching a container (with -it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass ours)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open even if not attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root filesystem as read only' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to this container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options (seccomp=unconfined, no-new-privileges)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Connect a container to a network (pasta, slirp4netns, none, host, container:NAME, or user networks NAME[,NAME2])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Add network-scoped alias for the container (user networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'IPv4 or IPv6 address on the user network' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'Container MAC address on the user network (e.g. 92:d0:c6:0a:29:33)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish all exposed ports to random ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or a range of ports' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set custom DNS servers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Set DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC mode to use (private, shareable, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace to use (private, host, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace to use (private, container:NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a volume ([NAME|HOST-DIR:]CONTAINER-DIR[:OPTIONS]; OPTIONS: ro, rw, nocopy, U, z, Z, nosuid, nodev, noexec, propagation)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=,target=,...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount volumes from the specified container(s) (CONTAINER[:ro|rw])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs directory (PATH[:OPTIONS])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy to apply when a container exits (no, on-failure[:N], always, unless-stopped)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set meta data on a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Command to run to check health' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between running the check (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Start period for the container to initialize before counting retries (ms|s|m|h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull image policy: always, missing (pull when not found locally) or never' -r -f -a "always\t''
missing\t''
never\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Set platform if the server is multi-platform capable (OS/ARCH[/VARIANT])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress the pull output' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR (repeatable; every stream is logged all the same)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver for the container (k8s-file, json-file, none, passthrough)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log driver options (max-size=SIZE, max-file=N, path=FILE, tag=TAG)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'Control container cgroup configuration (enabled, disabled, no-conmon, split)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Optional parent cgroup for the container (absolute, or relative to skiff\'s own cgroup)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Ulimit options (NAME=SOFT[:HARD], e.g. nofile=1024:2048; -1 is unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Set the timezone in the container: a zone name (Europe/Paris, UTC) or local (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Kill the container after this many seconds (0: no limit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Remove the container of the same name first, if there is one' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: ignore (the only mode skiff has)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Kernel memory limit (deprecated, as in Docker: accepted with a warning, no effect)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Use the host environment in the container (under --env-file and -e)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Unset a default environment variable (the image\'s, or skiff\'s own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Unset all default environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd-entry -d 'The /etc/passwd entry for a --user uid the image lacks ($USERNAME, $UID, $GID, $NAME, $HOME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Add a host user account (name or uid) to the container\'s /etc/passwd' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add groups to join (names or gids), or keep-groups to keep the user\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: host (skiff\'s own, the default), keep-id[:uid=N,gid=N] (your uid and gid inside)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'UID map for the container\'s user namespace (HOST counts in skiff\'s: 0 is you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'GID map for the container\'s user namespace (the --uidmap when not given)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container\'s main pid to FILE when it starts (removed with the container)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (conmon\'s part) to FILE (a foreground run\'s: skiff\'s own)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Stop the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore errors when a specified container is missing' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Signal the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart all containers, whatever their state' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Restart the latest created container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs ("all" for all)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open even if not attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Detached mode: run command in the background' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (format: "<name|uid>[:<group|gid>]")' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the command' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'Pause all running containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (default shows just running)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Disable streaming stats and only pull the first result' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate output' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Unpause all paused containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE])' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply Dockerfile instruction to the created image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Commit message' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause container during commit' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Suppress output (skiff prints only the image id anyway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l squash -d 'Squash the image into one layer with the whole file system' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s q -l quiet -d 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, instead of STDOUT' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "create" -d 'Create a volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "ls" -d 'List volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "rm" -d 'Remove one or more volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "prune" -d 'Remove unused local volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "exists" -d 'Check if a volume exists (exit code 0 if it does, 1 if it does not)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "export" -d 'Export the content of a volume as a tar archive'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists export import" -f -a "import" -d 'Import a tar archive as the content of a volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Specify volume driver name (local, the only one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata for a volume (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options (type=tmpfs, device=DIR, o=OPTIONS)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Ignore the create request if the volume exists (podman\'s; the default here)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display volume names' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values (dangling=true|false, name=NAME, label=KEY[=VALUE], driver=local)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header line of the table' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template such as \'{{.Mountpoint}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect all volumes' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Do not fail when a volume does not exist (a volume in use is still refused, as Docker)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused volumes, not just anonymous ones' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=KEY[=VALUE], label!=KEY[=VALUE], name=NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -f -a "check" -d 'Check storage consistency'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -f -a "df" -d 'Show skiff disk usage'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -f -a "events" -d 'Get real time events from the engine'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -f -a "info" -d 'Display system-wide information'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -f -a "prune" -d 'Remove unused data'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from check df events info prune reset" -f -a "reset" -d 'Reset skiff storage back to its initial state'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Remove what is broken and nothing refers to' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s f -l force -d 'With --repair, also remove containers whose image or layers are broken' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on space usage' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -s f -l filter -d 'Filter output based on conditions provided (type=, event=, container=, image=, network=, volume=, label=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l format -d 'Format the output using a Go template such as \'{{.Action}} {{.Actor.ID}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l since -d 'Show all events created since timestamp (RFC 3339, Unix timestamp, or a duration such as 10m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l until -d 'Stream events created until this timestamp' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l stream -d 'Stream new events; with --stream=false, print the recorded ones and exit' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Format the output using a Go template such as \'{{.Driver}}\' or \'{{.Store.GraphRoot}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune anonymous volumes' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE])' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand events" -s f -l filter -d 'Filter output based on conditions provided (type=, event=, container=, image=, network=, volume=, label=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l format -d 'Format the output using a Go template such as \'{{.Action}} {{.Actor.ID}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l since -d 'Show all events created since timestamp (RFC 3339, Unix timestamp, or a duration such as 10m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l until -d 'Stream events created until this timestamp' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l stream -d 'Stream new events; with --stream=false, print the recorded ones and exit' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand info" -s f -l format -d 'Format the output using a Go template such as \'{{.Driver}}\' or \'{{.Store.GraphRoot}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand info" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand version" -s f -l format -d 'Format the output using a Go template such as \'{{.Client.Version}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand version" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "create" -d 'Create a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "ls" -d 'List networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "rm" -d 'Remove one or more networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "prune" -d 'Remove all unused networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "connect" -d 'Connect a container to a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune connect disconnect exists" -f -a "exists" -d 'Check if a network exists (exit code 0 if it does, 1 if it does not)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver to manage the network (bridge, the only one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR format (repeat for an IPv6 one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway for the subnet (one per --subnet)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ip-range -d 'Allocate container addresses from a sub-range (one per --subnet)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'Restrict external access to the network' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv6 -d 'Enable IPv6 networking' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set metadata on a network (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options (mtu=N)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail if the network exists (podman\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display network IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values (name=, id=, driver=, label=KEY[=VALUE], type=custom)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format output with a Go template, \'table TEMPLATE\' or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate the output' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header line of the table' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template such as \'{{.Id}}\', or \'json\'' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Do not fail when a network does not exist (a network in use is still refused, as Docker)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=KEY[=VALUE], label!=KEY[=VALUE], name=NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Add network-scoped alias for the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'IPv4 address' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Accepted for Docker\'s CLI: disconnecting never needs forcing here' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -s f -l file -d 'Compose configuration files (default: compose.yaml, found in the current directory or a parent)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -s p -l project-name -d 'Project name (default: COMPOSE_PROJECT_NAME, the file\'s `name:`, or the project directory\'s name)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l project-directory -d 'Alternate working directory (default: the directory of the first Compose file)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l env-file -d 'Alternate environment file (default: .env in the project directory)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l profile -d 'Profile to enable (default: COMPOSE_PROFILES)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "up" -d 'Create and start containers'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "down" -d 'Stop and remove containers, networks'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "logs" -d 'View output from containers'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "build" -d 'Build or rebuild services'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "pull" -d 'Pull service images'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "push" -d 'Push service images'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "images" -d 'List images used by the created containers'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "config" -d 'Parse, resolve and render the Compose file in canonical format'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "exec" -d 'Execute a command in a running container'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "run" -d 'Run a one-off command on a service'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "start" -d 'Start services'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "stop" -d 'Stop services'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "restart" -d 'Restart service containers'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "kill" -d 'Force stop service containers'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "rm" -d 'Removes stopped service containers'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "pause" -d 'Pause services'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "unpause" -d 'Unpause services'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "top" -d 'Display the running processes'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "port" -d 'Print the public port for a port binding'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "ls" -d 'List running compose projects'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "version" -d 'Show the Docker Compose version information'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and not __fish_seen_subcommand_from up down ps logs build pull push images config exec run start stop restart kill rm pause unpause top port ls version watch" -f -a "watch" -d 'Watch build context for service and rebuild/refresh containers when files are updated'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -s d -l detach -d 'Detached mode: run containers in the background' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l build -d 'Build images before starting containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-build -d 'Don\'t build an image, even if it\'s missing' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l force-recreate -d 'Recreate containers even if their configuration hasn\'t changed' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-recreate -d 'If containers already exist, don\'t recreate them' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-deps -d 'Don\'t start linked services' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-start -d 'Don\'t start the services after creating them' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l scale -d 'Scale SERVICE to NUM instances (overrides the file\'s scale)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l wait -d 'Wait for services to be running|healthy (implies detached mode)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l abort-on-container-exit -d 'Stops all containers if any container was stopped (incompatible with -d)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l exit-code-from -d 'Return the exit code of the selected service container (implies --abort-on-container-exit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l remove-orphans -d 'Remove containers for services not defined in the Compose file' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -s t -l timeout -d 'Seconds to wait for a container to stop before killing it' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l pull -d 'Pull image before running (always, missing, never)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-color -d 'Produce monochrome output' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l watch -d 'Watch the services\' develop.watch paths while attached, as `compose watch` does' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-log-prefix -d 'Don\'t print a prefix in the logs' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -s v -l volumes -d 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l remove-orphans -d 'Remove containers for services not defined in the Compose file' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -s t -l timeout -d 'Specify a shutdown timeout in seconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l rmi -d 'Remove images used by services: "local" removes only images that don\'t have a custom tag, "all" all of them' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all stopped containers (including those created by the run command)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only display IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l services -d 'Display services' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l format -d 'Format the output: table (the default), json, or a Go template of `ps`\'s fields' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs ("all" for all)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a timestamp or relative time' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l no-color -d 'Produce monochrome output' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l no-log-prefix -d 'Don\'t print a prefix in the logs' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cache when building the image' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l pull -d 'Always attempt to pull a newer version of the image' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Pull without printing progress information' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l ignore-buildable -d 'Ignore images that can be built' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l ignore-push-failures -d 'Push what it can and ignore images that fail' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Push without printing progress information' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use certificates at the specified path to access the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l creds -d 'Use USERNAME[:PASSWORD] for accessing the registry' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -s q -l quiet -d 'Only display IDs' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l services -d 'Print the service names, one per line' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l volumes -d 'Print the volume names, one per line' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l networks -d 'Print the network names, one per line' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l profiles -d 'Print the profile names, one per line' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l images -d 'Print the image names, one per line' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l hash -d 'Print the config hash of the services named (comma-separated, or "*" for all), one "SERVICE HASH" per line' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -s q -l quiet -d 'Only validate the configuration, print nothing' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l format -d 'Format the output: yaml or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l no-interpolate -d 'Do not interpolate environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Detached mode: run the command in the background' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l index -d 'Index of the container if the service has multiple replicas' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -s T -l no-TTY -d 'Disable pseudo-TTY allocation (by default one is allocated when stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the process' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -s u -l user -d 'Run the command as this user' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Path to workdir directory for this command' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l rm -d 'Automatically remove the container when it exits' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -s l -l label -d 'Add or override a label' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the entrypoint of the image' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l no-deps -d 'Don\'t start linked services' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l service-ports -d 'Run command with the service\'s ports enabled and mapped to the host' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l use-aliases -d 'Use the service\'s network aliases in the network(s) the container connects to' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -s T -l no-TTY -d 'Disable pseudo-TTY allocation (by default one is allocated when stdin is a terminal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -s u -l user -d 'Run as specified username or uid' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -s t -l timeout -d 'Specify a shutdown timeout in seconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -s t -l timeout -d 'Specify a shutdown timeout in seconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -s s -l signal -d 'SIGNAL to send to the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -s f -l force -d 'Don\'t ask to confirm removal' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -s s -l stop -d 'Stop the containers, if required, before removing' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove any anonymous volumes attached to containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l index -d 'Index of the container if the service has multiple replicas' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l protocol -d 'tcp or udp' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all stopped Compose projects' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display project names' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l short -d 'Shows only Compose\'s version number' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -s f -l format -d 'Format the output: pretty or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l no-up -d 'Do not build and start services before watching' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand compose; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l root -d 'Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l runroot -d 'Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l storage-driver -d 'The storage driver: overlay, the only one skiff has' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l log-level -d 'Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l noout -d 'Redirect stdout to /dev/null' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l url -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l remote -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l connection -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l runtime -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'

# Container and image names where a verb takes them (added to clap's script by skiff).
function __fish_skiff_bin
    set -l bin (commandline -opc)[1]
    string match -q '*/*' -- $bin; or set bin skiff
    echo $bin
end
function __fish_skiff_containers
    set -l bin (__fish_skiff_bin)
    $bin ps -a --format '{{.Names}}' 2>/dev/null
end
function __fish_skiff_images
    set -l bin (__fish_skiff_bin)
    $bin images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | string match -v '*<none>*'
end
complete -c skiff -n "__fish_skiff_using_subcommand run" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand create" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand start" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand rm" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand attach" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand stop" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand kill" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand restart" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand wait" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand logs" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand exec" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand top" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand pause" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand stats" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand update" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand rename" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand port" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand commit" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand diff" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand export" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -f -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand untag" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand history" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand push" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand save" -f -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -f -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from untag" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -f -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from create" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from start" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from run" -a "(__fish_skiff_images)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from attach" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from kill" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restart" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from logs" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exec" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from top" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from pause" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stats" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unpause" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from update" -f -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from exists" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from commit" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from diff" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -a "(__fish_skiff_containers)"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -a "(__fish_skiff_containers)"
