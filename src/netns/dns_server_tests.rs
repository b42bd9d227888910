use super::*;
use crate::netns::dnsconf::Record as Rec;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn setup() -> (tempfile::TempDir, Zones) {
    let dir = tempfile::tempdir().unwrap();
    let a = NetworkDns {
        name: "a".into(),
        subnets: vec!["10.89.7.0/24".into(), "fd89:7::/64".into()],
        upstreams: vec![ip("10.99.0.2")],
        records: vec![Rec {
            id: "0123456789abcdef0123".into(),
            ips: vec![ip("10.89.7.2"), ip("fd89:7::2")],
            names: vec!["db".into(), "database".into()],
            ..Default::default()
        }],
        ..Default::default()
    };
    let b = NetworkDns {
        name: "b".into(),
        subnets: vec!["10.89.8.0/24".into()],
        upstreams: vec![ip("10.99.0.2")],
        internal: true,
        records: vec![Rec {
            id: "fedcba9876543210".into(),
            ips: vec![ip("10.89.8.2")],
            names: vec!["web".into()],
            ..Default::default()
        }],
    };
    a.save(dir.path()).unwrap();
    b.save(dir.path()).unwrap();
    let z = Zones::new(dir.path());
    (dir, z)
}

fn ask(z: &mut Zones, from: &str, name: &str, t: RecordType) -> Action {
    let mut m = Message::new(0x1234, MessageType::Query, OpCode::Query);
    m.metadata.recursion_desired = true;
    m.add_query(Query::query(Name::from_ascii(name).unwrap(), t));
    handle(z, &m.to_vec().unwrap(), ip(from), true)
}

fn answer(a: Action) -> (ResponseCode, Vec<String>) {
    let Action::Reply(bytes) = a else {
        panic!("no reply: {a:?}")
    };
    let m = Message::from_vec(&bytes).unwrap();
    assert_eq!(m.metadata.id, 0x1234);
    assert_eq!(m.metadata.message_type, MessageType::Response);
    let data = m.answers.iter().map(|r| r.data.to_string()).collect();
    (m.metadata.response_code, data)
}

#[test]
fn names_answer_by_type_from_the_sources_network() {
    let (_d, mut z) = setup();
    let a = |z: &mut Zones, from, name, t| answer(ask(z, from, name, t));
    assert_eq!(
        a(&mut z, "10.89.7.9", "DB.", RecordType::A),
        (ResponseCode::NoError, vec!["10.89.7.2".into()])
    );
    assert_eq!(
        a(&mut z, "10.89.7.9", "database", RecordType::AAAA),
        (ResponseCode::NoError, vec!["fd89:7::2".into()])
    );
    assert_eq!(
        a(&mut z, "fd89:7::9", "0123456789ab", RecordType::A).1,
        vec!["10.89.7.2".to_string()]
    );
    // The name exists without an MX: NOERROR, nothing.
    assert_eq!(
        a(&mut z, "10.89.7.9", "db", RecordType::MX),
        (ResponseCode::NoError, vec![])
    );
    // web is b's; b is internal: NXDOMAIN, not forwarded.
    assert_eq!(
        a(&mut z, "10.89.8.9", "db", RecordType::A),
        (ResponseCode::NXDomain, vec![])
    );
    assert_eq!(
        a(&mut z, "10.89.8.9", "web", RecordType::A).0,
        ResponseCode::NoError
    );
    // No network: refused.
    assert_eq!(
        a(&mut z, "192.168.1.1", "db", RecordType::A).0,
        ResponseCode::Refused
    );
    assert_eq!(
        a(
            &mut z,
            "10.89.7.9",
            "2.7.89.10.in-addr.arpa",
            RecordType::PTR
        )
        .1,
        vec!["db.".to_string()]
    );
}

#[test]
fn other_names_go_upstream_unless_internal() {
    let (_d, mut z) = setup();
    match ask(&mut z, "10.89.7.9", "example.com", RecordType::A) {
        Action::Forward { upstreams, fail } => {
            assert_eq!(upstreams, vec![ip("10.99.0.2")]);
            let m = Message::from_vec(&fail).unwrap();
            assert_eq!(m.metadata.response_code, ResponseCode::ServFail);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        answer(ask(&mut z, "10.89.8.9", "example.com", RecordType::A)).0,
        ResponseCode::NXDomain
    );
}

#[test]
fn a_containers_own_dns_servers_replace_the_networks_upstreams() {
    let (d, mut z) = setup();
    let path = NetworkDns::path(d.path(), "a");
    let mut a = NetworkDns::load(&path).unwrap().unwrap();
    a.upsert(Rec {
        id: "4444444444444444".into(),
        ips: vec![ip("10.89.7.4")],
        names: vec!["own".into()],
        upstreams: vec![ip("192.0.2.53"), ip("192.0.2.54")],
    });
    a.save(d.path()).unwrap();
    match ask(&mut z, "10.89.7.4", "example.com", RecordType::A) {
        Action::Forward { upstreams, .. } => {
            assert_eq!(upstreams, vec![ip("192.0.2.53"), ip("192.0.2.54")]);
        }
        other => panic!("{other:?}"),
    }
    // Its network's names still answer locally; other clients keep the network's upstreams.
    assert_eq!(
        answer(ask(&mut z, "10.89.7.4", "db", RecordType::A)).1,
        vec!["10.89.7.2".to_string()]
    );
    match ask(&mut z, "10.89.7.9", "example.com", RecordType::A) {
        Action::Forward { upstreams, .. } => assert_eq!(upstreams, vec![ip("10.99.0.2")]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_packets_get_formerr_or_nothing() {
    let (_d, mut z) = setup();
    let src = ip("10.89.7.9");
    assert_eq!(handle(&mut z, b"", src, true), Action::Drop);
    assert_eq!(handle(&mut z, b"\x12\x34\x01", src, true), Action::Drop);
    let Action::Reply(r) = handle(
        &mut z,
        b"\x12\x34\x01\x00\x00\x05\x00\x00\x00\x00\x00\x00\xff",
        src,
        true,
    ) else {
        panic!()
    };
    assert_eq!(&r[..4], b"\x12\x34\x81\x81");
    // Responses are never answered (no loops between resolvers).
    let mut m = Message::response(7, OpCode::Query);
    m.add_query(Query::query(Name::from_ascii("db").unwrap(), RecordType::A));
    assert_eq!(
        handle(&mut z, &m.to_vec().unwrap(), src, true),
        Action::Drop
    );
    // Every prefix of a good query and random bytes: no panic.
    let mut q = Message::new(1, MessageType::Query, OpCode::Query);
    q.add_query(Query::query(Name::from_ascii("db").unwrap(), RecordType::A));
    let good = q.to_vec().unwrap();
    for n in 0..good.len() {
        let _ = handle(&mut z, &good[..n], src, true);
    }
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..2000 {
        let len = (x % 80) as usize;
        let mut p = Vec::with_capacity(len);
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            p.push(x as u8);
        }
        let _ = handle(&mut z, &p, src, true);
    }
}
