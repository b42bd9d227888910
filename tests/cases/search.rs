//! `search` (issue 16) against the local test registry: its catalog's repositories matching the
//! term, over the term's registry or registries.conf's search list, `--list-tags`, `--limit`
//! and `--format`.
use crate::support::image::busybox;
use crate::support::registry::{self, Kind, Registry};
use crate::support::Env;

#[test]
fn search_lists_catalog_repositories_and_tags() {
    if !registry::available() {
        return;
    }
    let env = Env::isolated();
    let reg = Registry::start(Kind::Plain);
    let img = busybox("busybox:latest");
    reg.push_raw(&img, "app/one", "v1");
    reg.push_raw(&img, "app/one", "v2");
    reg.push_raw(&img, "app/two", "latest");
    reg.push_raw(&img, "other", "latest");
    let host = reg.host();

    let out = env.skiff(["search", &format!("{host}/app")]);
    let text = out.ok();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let (one, two) = (format!("{host}/app/one"), format!("{host}/app/two"));
    assert_eq!(
        rows,
        vec![
            vec!["NAME", "DESCRIPTION", "STARS", "OFFICIAL"],
            vec![&one, "0"],
            vec![&two, "0"]
        ],
        "{text}"
    );
    assert!(
        text.starts_with(&format!("NAME{}DESCRIPTION", " ".repeat(one.len() + 3 - 4))),
        "{text}"
    );
    let names = |args: &[&str]| {
        let mut v = vec!["search", "--format", "{{.Name}}"];
        v.extend(args);
        env.skiff(&v).ok().to_string()
    };
    assert_eq!(
        names(&["--limit", "1", &format!("{host}/app")]),
        format!("{host}/app/one\n")
    );
    let out = env.skiff(["search", "--list-tags", &format!("{host}/app/one")]);
    let text = out.ok();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        vec![vec!["NAME", "TAG"], vec![&one, "v1"], vec![&one, "v2"]],
        "{text}"
    );

    // Without a registry in the term: registries.conf's search list.
    let conf = env.config_home.join("containers");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("registries.conf"),
        format!("unqualified-search-registries = [\"{host}\"]\n"),
    )
    .unwrap();
    assert_eq!(names(&["other"]), format!("{host}/other\n"));
    let json = env.skiff(["search", "--format", "json", "two"]);
    let v: serde_json::Value = serde_json::from_str(json.ok().trim()).unwrap();
    assert_eq!(v["Name"], format!("{host}/app/two"));
}
