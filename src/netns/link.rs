//! The few rtnetlink requests user networks need (bridges, veth pairs, addresses, routes),
//! written by hand over a plain `NETLINK_ROUTE` socket: a dozen fixed-layout messages, each
//! acknowledged synchronously. A socket belongs to the network namespace it was opened in, so
//! one socket per namespace (`Netlink::open_in`) configures that namespace from outside it.
use anyhow::{bail, Context, Result};
use std::fs::File;
use std::net::IpAddr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

const NLMSG_HDR: usize = 16;
const IFINFO: usize = 16;
const NLMSG_ERROR: u16 = 2;
const F_REQUEST: u16 = 1;
const F_ACK: u16 = 4;
const F_EXCL: u16 = 0x200;
const F_CREATE: u16 = 0x400;
const IFLA_ADDRESS: u16 = 1;
const IFLA_IFNAME: u16 = 3;
const IFLA_MTU: u16 = 4;
const IFLA_MASTER: u16 = 10;
const IFLA_LINKINFO: u16 = 18;
const IFLA_NET_NS_FD: u16 = 28;
const IFLA_INFO_KIND: u16 = 1;
const IFLA_INFO_DATA: u16 = 2;
const VETH_INFO_PEER: u16 = 1;
const IFA_ADDRESS: u16 = 1;
const IFA_LOCAL: u16 = 2;
const RTA_GATEWAY: u16 = 5;
const IFF_UP: u32 = 1;

/// A message under construction: header, fixed part, then attributes (nested ones by `nest`).
struct Msg {
    buf: Vec<u8>,
}

fn align(n: usize) -> usize {
    (n + 3) & !3
}

impl Msg {
    fn new(kind: u16, flags: u16, fixed: &[u8]) -> Msg {
        let mut buf = vec![0u8; NLMSG_HDR];
        buf[4..6].copy_from_slice(&kind.to_ne_bytes());
        buf[6..8].copy_from_slice(&(flags | F_REQUEST | F_ACK).to_ne_bytes());
        buf.extend_from_slice(fixed);
        Msg { buf }
    }
    fn attr(&mut self, kind: u16, data: &[u8]) -> &mut Msg {
        let len = 4 + data.len();
        self.buf.extend_from_slice(&(len as u16).to_ne_bytes());
        self.buf.extend_from_slice(&kind.to_ne_bytes());
        self.buf.extend_from_slice(data);
        self.buf.resize(align(self.buf.len()), 0);
        self
    }
    /// Starts a nested attribute; `end` closes it.
    fn nest(&mut self, kind: u16) -> usize {
        let at = self.buf.len();
        self.attr(kind, &[]);
        at
    }
    fn end(&mut self, at: usize) {
        let len = (self.buf.len() - at) as u16;
        self.buf[at..at + 2].copy_from_slice(&len.to_ne_bytes());
    }
    fn raw(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }
    fn done(mut self, seq: u32) -> Vec<u8> {
        let len = self.buf.len() as u32;
        self.buf[0..4].copy_from_slice(&len.to_ne_bytes());
        self.buf[8..12].copy_from_slice(&seq.to_ne_bytes());
        self.buf
    }
}

fn ifinfo(index: i32, flags: u32, change: u32) -> [u8; IFINFO] {
    let mut b = [0u8; IFINFO];
    b[4..8].copy_from_slice(&index.to_ne_bytes());
    b[8..12].copy_from_slice(&flags.to_ne_bytes());
    b[12..16].copy_from_slice(&change.to_ne_bytes());
    b
}

fn name_attr(name: &str) -> Vec<u8> {
    let mut v = name.as_bytes().to_vec();
    v.push(0);
    v
}

fn ip_bytes(ip: &IpAddr) -> (u8, Vec<u8>) {
    match ip {
        IpAddr::V4(a) => (libc::AF_INET as u8, a.octets().to_vec()),
        IpAddr::V6(a) => (libc::AF_INET6 as u8, a.octets().to_vec()),
    }
}

/// A `NETLINK_ROUTE` socket bound to one network namespace.
pub(crate) struct Netlink {
    fd: OwnedFd,
    seq: u32,
}

impl Netlink {
    /// A socket in our own network namespace.
    pub(crate) fn open() -> Result<Netlink> {
        // SAFETY: socket(2) with constant arguments; the result is checked before use.
        let fd = unsafe {
            libc::socket(
                libc::AF_NETLINK,
                libc::SOCK_RAW | libc::SOCK_CLOEXEC,
                libc::NETLINK_ROUTE,
            )
        };
        if fd < 0 {
            return Err(std::io::Error::last_os_error()).context("cannot open a netlink socket");
        }
        // SAFETY: a descriptor socket(2) just returned, owned by nothing else.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        Ok(Netlink { fd, seq: 1 })
    }

    /// A socket in the network namespace `ns`. We cannot enter it and come back (our own
    /// namespace belongs to the host's user namespace, where we have no rights), but a network
    /// namespace is a thread's, not the process's: a short-lived thread enters it, opens the
    /// socket (which stays in the namespace it was made in) and ends. A thread costs tens of
    /// microseconds where forking this process cost milliseconds.
    pub fn open_in(ns: &File) -> Result<Netlink> {
        std::thread::scope(|s| {
            s.spawn(|| {
                nix::sched::setns(ns, nix::sched::CloneFlags::CLONE_NEWNET)
                    .context("cannot enter the network namespace")?;
                Netlink::open()
            })
            .join()
            .unwrap_or_else(|_| bail!("cannot open a netlink socket in the network namespace"))
        })
    }

    /// Sends one request and waits for its acknowledgement; returns the first reply of another
    /// kind (a GET's answer), if any.
    fn request(&mut self, m: Msg) -> Result<Option<Vec<u8>>> {
        self.seq += 1;
        let seq = self.seq;
        let data = m.done(seq);
        nix::sys::socket::send(
            self.fd.as_raw_fd(),
            &data,
            nix::sys::socket::MsgFlags::empty(),
        )
        .context("cannot send a netlink request")?;
        let mut answer = None;
        let mut buf = vec![0u8; 32768];
        loop {
            let n = nix::sys::socket::recv(
                self.fd.as_raw_fd(),
                &mut buf,
                nix::sys::socket::MsgFlags::empty(),
            )
            .context("cannot read a netlink reply")?;
            let mut off = 0;
            while off + NLMSG_HDR <= n {
                let len = u32::from_ne_bytes(buf[off..off + 4].try_into()?) as usize;
                let kind = u16::from_ne_bytes(buf[off + 4..off + 6].try_into()?);
                let rseq = u32::from_ne_bytes(buf[off + 8..off + 12].try_into()?);
                if len < NLMSG_HDR || off + len > n {
                    bail!("malformed netlink reply");
                }
                if rseq == seq {
                    if kind == NLMSG_ERROR {
                        let code = i32::from_ne_bytes(buf[off + 16..off + 20].try_into()?);
                        if code == 0 {
                            return Ok(answer);
                        }
                        return Err(std::io::Error::from_raw_os_error(-code).into());
                    }
                    if answer.is_none() {
                        answer = Some(buf[off..off + len].to_vec());
                    }
                }
                off += align(len);
            }
        }
    }

    /// The index of interface `name`, or None.
    pub(crate) fn index(&mut self, name: &str) -> Result<Option<i32>> {
        Ok(self.link(name)?.map(|(index, _)| index))
    }

    /// The index and MAC address (empty if it has none) of interface `name`, or None: one
    /// request.
    pub(crate) fn link(&mut self, name: &str) -> Result<Option<(i32, String)>> {
        let mut m = Msg::new(libc::RTM_GETLINK, 0, &ifinfo(0, 0, 0));
        m.attr(IFLA_IFNAME, &name_attr(name));
        match self.request(m) {
            Ok(Some(reply)) if reply.len() >= NLMSG_HDR + IFINFO => {
                let index = i32::from_ne_bytes(reply[NLMSG_HDR + 4..NLMSG_HDR + 8].try_into()?);
                Ok(Some((index, mac_of(&reply))))
            }
            Ok(_) => Ok(None),
            Err(e) if errno(&e) == Some(libc::ENODEV) => Ok(None),
            Err(e) => Err(e.context(format!("cannot look up interface {name}"))),
        }
    }

    fn must_index(&mut self, name: &str) -> Result<i32> {
        self.index(name)?
            .with_context(|| format!("interface {name} does not exist"))
    }

    /// Creates bridge `name` (no error if it exists) with address `mac`, with `mtu` when not 0,
    /// and sets it up.
    pub(crate) fn add_bridge(&mut self, name: &str, mtu: u32, mac: [u8; 6]) -> Result<()> {
        let mut m = Msg::new(libc::RTM_NEWLINK, F_CREATE | F_EXCL, &ifinfo(0, 0, 0));
        m.attr(IFLA_IFNAME, &name_attr(name));
        // An address of its own, set: a bridge without one takes the lowest of its ports',
        // which changes when a container's veth with a lower one joins, and every container's
        // cached neighbour entry of the gateway (its DNS, its way out) then points nowhere
        // for seconds.
        m.attr(IFLA_ADDRESS, &mac);
        if mtu > 0 {
            m.attr(IFLA_MTU, &mtu.to_ne_bytes());
        }
        let info = m.nest(IFLA_LINKINFO);
        m.attr(IFLA_INFO_KIND, b"bridge");
        m.end(info);
        match self.request(m) {
            Err(e) if errno(&e) == Some(libc::EEXIST) => {}
            r => {
                r.with_context(|| format!("cannot create bridge {name}"))?;
            }
        }
        self.set_up(name, None)
    }

    /// Creates the veth pair `name` (here, up and a port of the bridge whose index is
    /// `master`) and its peer in the namespace `peer_ns`, where it is named `peer_name`, with
    /// `mac` if given; both with `mtu` when not 0. One request: the peer is made in its
    /// namespace (not moved there), and this end needs no other request to be set up.
    pub(crate) fn add_veth(
        &mut self,
        name: &str,
        master: i32,
        peer_name: &str,
        peer_ns: &File,
        mac: Option<[u8; 6]>,
        mtu: u32,
    ) -> Result<()> {
        let mut m = Msg::new(
            libc::RTM_NEWLINK,
            F_CREATE | F_EXCL,
            &ifinfo(0, IFF_UP, IFF_UP),
        );
        m.attr(IFLA_IFNAME, &name_attr(name));
        m.attr(IFLA_MASTER, &(master as u32).to_ne_bytes());
        if mtu > 0 {
            m.attr(IFLA_MTU, &mtu.to_ne_bytes());
        }
        let info = m.nest(IFLA_LINKINFO);
        m.attr(IFLA_INFO_KIND, b"veth");
        let data = m.nest(IFLA_INFO_DATA);
        let peer = m.nest(VETH_INFO_PEER);
        // Not up: the peer is set up before the pair is joined (veth_open: ENOTCONN).
        m.raw(&ifinfo(0, 0, 0));
        m.attr(IFLA_IFNAME, &name_attr(peer_name));
        m.attr(IFLA_NET_NS_FD, &(peer_ns.as_raw_fd() as u32).to_ne_bytes());
        if let Some(mac) = mac {
            m.attr(IFLA_ADDRESS, &mac);
        }
        if mtu > 0 {
            m.attr(IFLA_MTU, &mtu.to_ne_bytes());
        }
        m.end(peer);
        m.end(data);
        m.end(info);
        self.request(m)
            .with_context(|| format!("cannot create the veth pair {name}/{peer_name}"))?;
        Ok(())
    }

    /// Sets interface `name` up, enslaved to bridge `master` if given.
    pub(crate) fn set_up(&mut self, name: &str, master: Option<&str>) -> Result<()> {
        let index = self.must_index(name)?;
        let master = match master {
            Some(b) => Some(self.must_index(b)?),
            None => None,
        };
        self.set_up_index(index, master)
            .with_context(|| format!("cannot set {name} up"))
    }

    /// Sets interface `index` up, enslaved to bridge `master` if given.
    pub(crate) fn set_up_index(&mut self, index: i32, master: Option<i32>) -> Result<()> {
        let mut m = Msg::new(libc::RTM_NEWLINK, 0, &ifinfo(index, IFF_UP, IFF_UP));
        if let Some(b) = master {
            m.attr(IFLA_MASTER, &(b as u32).to_ne_bytes());
        }
        self.request(m)?;
        Ok(())
    }

    /// Deletes interface `name`; false when it did not exist.
    pub(crate) fn delete(&mut self, name: &str) -> Result<bool> {
        let mut m = Msg::new(libc::RTM_DELLINK, 0, &ifinfo(0, 0, 0));
        m.attr(IFLA_IFNAME, &name_attr(name));
        match self.request(m) {
            Ok(_) => Ok(true),
            Err(e) if errno(&e) == Some(libc::ENODEV) => Ok(false),
            Err(e) => Err(e.context(format!("cannot delete interface {name}"))),
        }
    }

    /// Adds `ip/prefix` to interface `name` (no error if it is there).
    pub(crate) fn add_address(&mut self, name: &str, ip: IpAddr, prefix: u8) -> Result<()> {
        let index = self.must_index(name)?;
        self.add_address_index(index, ip, prefix)
            .with_context(|| format!("cannot add address {ip}/{prefix} to {name}"))
    }

    /// Adds `ip/prefix` to interface `index` (no error if it is there).
    pub(crate) fn add_address_index(&mut self, index: i32, ip: IpAddr, prefix: u8) -> Result<()> {
        let (family, bytes) = ip_bytes(&ip);
        let mut fixed = [0u8; 8];
        fixed[0] = family;
        fixed[1] = prefix;
        // IFA_F_NODAD for IPv6: the address is usable at once, not after duplicate detection.
        fixed[2] = if family == libc::AF_INET6 as u8 {
            0x02
        } else {
            0
        };
        fixed[4..8].copy_from_slice(&(index as u32).to_ne_bytes());
        let mut m = Msg::new(libc::RTM_NEWADDR, F_CREATE | F_EXCL, &fixed);
        m.attr(IFA_LOCAL, &bytes).attr(IFA_ADDRESS, &bytes);
        match self.request(m) {
            Err(e) if errno(&e) == Some(libc::EEXIST) => Ok(()),
            r => r.map(|_| ()),
        }
    }

    /// Adds the default route via `gateway`.
    pub(crate) fn add_default_route(&mut self, gateway: IpAddr) -> Result<()> {
        let (family, bytes) = ip_bytes(&gateway);
        // rtmsg: family, dst_len, src_len, tos, table (main), protocol (boot), scope
        // (universe), type (unicast), flags.
        let fixed = [family, 0, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0];
        let mut m = Msg::new(libc::RTM_NEWROUTE, F_CREATE | F_EXCL, &fixed);
        m.attr(RTA_GATEWAY, &bytes);
        match self.request(m) {
            Err(e) if errno(&e) == Some(libc::EEXIST) => Ok(()),
            r => r
                .map(|_| ())
                .with_context(|| format!("cannot add the default route via {gateway}")),
        }
    }
}

/// The MAC address in a link message (`aa:bb:cc:dd:ee:ff`), or empty.
fn mac_of(reply: &[u8]) -> String {
    let mut off = NLMSG_HDR + IFINFO;
    while off + 4 <= reply.len() {
        let len = u16::from_ne_bytes([reply[off], reply[off + 1]]) as usize;
        let kind = u16::from_ne_bytes([reply[off + 2], reply[off + 3]]);
        if len < 4 {
            break;
        }
        if kind == IFLA_ADDRESS && len == 10 && off + 10 <= reply.len() {
            return reply[off + 4..off + 10]
                .iter()
                .map(|x| format!("{x:02x}"))
                .collect::<Vec<_>>()
                .join(":");
        }
        off += align(len);
    }
    String::new()
}

/// The errno of a netlink failure.
pub(crate) fn errno(e: &anyhow::Error) -> Option<i32> {
    e.chain()
        .find_map(|c| c.downcast_ref::<std::io::Error>())
        .and_then(|io| io.raw_os_error())
}

/// Parses `aa:bb:cc:dd:ee:ff`.
pub(crate) fn parse_mac(s: &str) -> Option<[u8; 6]> {
    let parts: Vec<u8> = s
        .split(':')
        .map(|p| u8::from_str_radix(p, 16))
        .collect::<Result<_, _>>()
        .ok()?;
    (parts.len() == 6 && s.split(':').all(|p| p.len() == 2)).then(|| {
        let mut m = [0u8; 6];
        m.copy_from_slice(&parts);
        m
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_aligned_and_sized() {
        let mut m = Msg::new(libc::RTM_NEWLINK, F_CREATE, &ifinfo(0, 0, 0));
        m.attr(IFLA_IFNAME, &name_attr("br0"));
        let n = m.nest(IFLA_LINKINFO);
        m.attr(IFLA_INFO_KIND, b"bridge");
        m.end(n);
        let b = m.done(7);
        assert_eq!(b.len() % 4, 0);
        assert_eq!(
            u32::from_ne_bytes(b[0..4].try_into().unwrap()) as usize,
            b.len()
        );
        assert_eq!(
            parse_mac("02:42:ac:11:00:02"),
            Some([2, 0x42, 0xac, 0x11, 0, 2])
        );
        assert_eq!(parse_mac("02:42:ac:11:00"), None);
    }
}
