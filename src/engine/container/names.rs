//! Random container names in Docker's `adjective_surname` style.
const LEFT: [&str; 40] = [
    "admiring",
    "agitated",
    "amazing",
    "angry",
    "awesome",
    "blissful",
    "bold",
    "brave",
    "busy",
    "charming",
    "clever",
    "compassionate",
    "competent",
    "cool",
    "dazzling",
    "determined",
    "eager",
    "ecstatic",
    "elegant",
    "epic",
    "festive",
    "focused",
    "friendly",
    "gallant",
    "gifted",
    "happy",
    "hopeful",
    "jolly",
    "keen",
    "kind",
    "laughing",
    "loving",
    "nifty",
    "peaceful",
    "quirky",
    "relaxed",
    "serene",
    "sharp",
    "vibrant",
    "zealous",
];
const RIGHT: [&str; 40] = [
    "albattani",
    "babbage",
    "bell",
    "bohr",
    "booth",
    "curie",
    "darwin",
    "dijkstra",
    "einstein",
    "euler",
    "fermat",
    "feynman",
    "franklin",
    "galileo",
    "gauss",
    "goldberg",
    "hopper",
    "hypatia",
    "johnson",
    "kepler",
    "knuth",
    "lamarr",
    "lovelace",
    "mccarthy",
    "meitner",
    "newton",
    "noether",
    "pare",
    "pasteur",
    "ritchie",
    "shannon",
    "sinoussi",
    "tesla",
    "thompson",
    "torvalds",
    "turing",
    "wilson",
    "wing",
    "wozniak",
    "yalow",
];

pub(crate) fn random_name() -> String {
    let mut b = [0u8; 2];
    getrandom::fill(&mut b).expect("getrandom");
    format!(
        "{}_{}",
        LEFT[b[0] as usize % LEFT.len()],
        RIGHT[b[1] as usize % RIGHT.len()]
    )
}

/// A number to add to a random name that keeps colliding.
pub(crate) fn random_suffix() -> String {
    let mut b = [0u8; 2];
    getrandom::fill(&mut b).expect("getrandom");
    (u16::from_le_bytes(b) % 10_000).to_string()
}

/// Docker's rule for names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
pub(crate) fn valid(name: &str) -> bool {
    let mut c = name.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphanumeric())
        && name.len() >= 2
        && c.all(|ch| ch.is_ascii_alphanumeric() || "_.-".contains(ch))
}
