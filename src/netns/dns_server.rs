//! One DNS query in, what to do with it out: the protocol side of `skiff-dns` (the sockets are
//! `dns_net`). Messages are decoded and encoded by hickory-proto; every packet is untrusted (a
//! container sends it), so any decoding failure is an answer (FORMERR) or silence, never a panic.
use super::dns_zones::{canonical, Zones};
use super::dnsconf::NetworkDns;
use hickory_proto::op::{Edns, Message, MessageType, OpCode, Query, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA, PTR};
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordType};
use std::net::IpAddr;

/// Container records change at any time (a restart gets a new address): resolvers must not
/// cache them.
const TTL: u32 = 0;
/// The largest answer sent over UDP when the query has no EDNS (RFC 1035).
const UDP_PLAIN: usize = 512;
/// The largest EDNS payload announced and honoured (the DNS flag day's value).
const UDP_EDNS: u16 = 1232;

/// What the transport does with a query.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Send these bytes back.
    Reply(Vec<u8>),
    /// Not a name of the client's networks: relay the query as is to these resolvers, in order
    /// (the first that answers wins); if none answers, send `fail` (a SERVFAIL) back.
    Forward {
        upstreams: Vec<IpAddr>,
        fail: Vec<u8>,
    },
    /// Nothing to answer (a response, or a packet too short to carry an id).
    Drop,
}

/// Decides the answer to `packet`, received from `source`. `udp` selects the size limit (an
/// answer too large is truncated with TC set, so the client retries over TCP).
pub fn handle(zones: &mut Zones, packet: &[u8], source: IpAddr, udp: bool) -> Action {
    let query = match Message::from_vec(packet) {
        Ok(m) => m,
        Err(_) => return format_error(packet),
    };
    if query.metadata.message_type != MessageType::Query {
        return Action::Drop;
    }
    if query.metadata.op_code != OpCode::Query {
        return reply(&query, ResponseCode::NotImp, Vec::new(), udp);
    }
    let [q] = query.queries.as_slice() else {
        return reply(&query, ResponseCode::FormErr, Vec::new(), udp);
    };
    let nets = zones.for_source(canonical(source));
    if nets.is_empty() {
        // Not a container of any network: skiff-dns is no open resolver.
        return reply(&query, ResponseCode::Refused, Vec::new(), udp);
    }
    if let Some(answers) = local_answers(&nets, q) {
        return reply(&query, ResponseCode::NoError, answers, udp);
    }
    let source = canonical(source);
    let own = nets
        .iter()
        .flat_map(|n| n.records.iter())
        .find(|r| !r.upstreams.is_empty() && r.ips.iter().any(|ip| canonical(*ip) == source));
    let mut upstreams: Vec<IpAddr> = Vec::new();
    for net in nets.iter().filter(|n| !n.internal) {
        // The container's `--dns` servers replace its networks' (a way out is still needed).
        let chosen = own.map_or(&net.upstreams, |r| &r.upstreams);
        for u in chosen {
            if !upstreams.contains(u) {
                upstreams.push(*u);
            }
        }
    }
    if upstreams.is_empty() {
        return reply(&query, ResponseCode::NXDomain, Vec::new(), udp);
    }
    match reply(&query, ResponseCode::ServFail, Vec::new(), udp) {
        Action::Reply(fail) => Action::Forward { upstreams, fail },
        other => other,
    }
}

/// The records answering `q` from the client's networks: `Some(empty)` when the name exists
/// but has no record of the asked type (NOERROR, no answers), `None` when it is none of theirs.
fn local_answers(nets: &[&NetworkDns], q: &Query) -> Option<Vec<Record>> {
    if q.query_class != DNSClass::IN && q.query_class != DNSClass::ANY {
        return None;
    }
    if let Some(ip) = arpa_address(&q.name) {
        let owner = nets
            .iter()
            .flat_map(|n| n.records.iter())
            .find(|r| r.ips.contains(&ip) && !r.names.is_empty())?;
        let target = Name::from_ascii(format!("{}.", owner.names[0])).ok()?;
        let answers = match q.query_type {
            RecordType::PTR | RecordType::ANY => vec![Record::from_rdata(
                q.name.clone(),
                TTL,
                RData::PTR(PTR(target)),
            )],
            _ => Vec::new(),
        };
        return Some(answers);
    }
    let name = name_text(&q.name)?;
    let mut ips: Vec<IpAddr> = Vec::new();
    for net in nets {
        for ip in net.lookup(&name) {
            if !ips.contains(&ip) {
                ips.push(ip);
            }
        }
    }
    if ips.is_empty() {
        return None;
    }
    let answers = ips
        .into_iter()
        .filter_map(|ip| {
            let data = match (ip, q.query_type) {
                (IpAddr::V4(v4), RecordType::A | RecordType::ANY) => RData::A(A(v4)),
                (IpAddr::V6(v6), RecordType::AAAA | RecordType::ANY) => RData::AAAA(AAAA(v6)),
                _ => return None,
            };
            Some(Record::from_rdata(q.name.clone(), TTL, data))
        })
        .collect();
    Some(answers)
}

/// The queried name as text without the trailing dot (`db`, `web.app`), or `None` when a label
/// is not plain text (such a name is no container's).
fn name_text(name: &Name) -> Option<String> {
    let mut out = String::new();
    for label in name.iter() {
        let label = std::str::from_utf8(label).ok()?;
        if label.contains('.') {
            return None;
        }
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(label);
    }
    (!out.is_empty()).then_some(out)
}

/// The address of a reverse name (`4.3.2.1.in-addr.arpa`, or the nibbles of `ip6.arpa`).
fn arpa_address(name: &Name) -> Option<IpAddr> {
    let text = name.to_ascii().to_ascii_lowercase();
    let text = text.trim_end_matches('.');
    if !text.ends_with(".in-addr.arpa") && !text.ends_with(".ip6.arpa") {
        return None;
    }
    let net = name.parse_arpa_name().ok()?;
    (net.prefix_len() == net.max_prefix_len()).then(|| net.addr())
}

/// The response to `query` with `code` and `answers`, sized for the transport.
fn reply(query: &Message, code: ResponseCode, answers: Vec<Record>, udp: bool) -> Action {
    let mut msg = Message::response(query.metadata.id, query.metadata.op_code);
    msg.metadata.recursion_desired = query.metadata.recursion_desired;
    msg.metadata.recursion_available = true;
    msg.metadata.authoritative = code == ResponseCode::NoError || code == ResponseCode::NXDomain;
    msg.metadata.response_code = code;
    msg.add_queries(query.queries.iter().cloned());
    msg.add_answers(answers);
    let mut limit = UDP_PLAIN;
    if let Some(edns) = &query.edns {
        let mut ours = Edns::new();
        ours.set_max_payload(UDP_EDNS);
        msg.set_edns(ours);
        limit = usize::from(edns.max_payload().clamp(512, UDP_EDNS));
    }
    let Ok(mut bytes) = msg.to_vec() else {
        return Action::Drop;
    };
    if udp && bytes.len() > limit {
        match msg.truncate().to_vec() {
            Ok(b) => bytes = b,
            Err(_) => return Action::Drop,
        }
    }
    Action::Reply(bytes)
}

/// FORMERR for a packet that does not decode, built from its header alone; nothing when it
/// has no whole header or is itself a response.
fn format_error(packet: &[u8]) -> Action {
    let Some(header) = packet.get(..12) else {
        return Action::Drop;
    };
    if header[2] & 0x80 != 0 {
        return Action::Drop;
    }
    let mut out = vec![0u8; 12];
    out[..2].copy_from_slice(&header[..2]);
    // QR set, the query's opcode and RD kept; RA set; RCODE 1 (FORMERR); no records.
    out[2] = 0x80 | (header[2] & 0x79);
    out[3] = 0x80 | 1;
    Action::Reply(out)
}

#[cfg(test)]
#[path = "dns_server_tests.rs"]
mod tests;
