//! Unit tests of format.rs (kept apart: format.rs is long enough without them).
use super::*;

fn cols(h: &[(&'static str, &'static str)]) -> Columns {
    Columns {
        docker: Box::leak(h.to_vec().into_boxed_slice()),
        more: &[],
    }
}

fn list(f: &str, rows: &[Value], header: &[(&'static str, &'static str)]) -> String {
    parse_list(f).unwrap().render(rows, &cols(header)).unwrap()
}

fn inspect(f: &str, v: serde_json::Value) -> String {
    render_inspect(&parse_inspect(Some(f)).unwrap(), &[v]).unwrap()
}

#[test]
fn rows_render_and_tables_align_like_the_docker_cli() {
    let rows = [
        strings([("ID", "abc".into()), ("Status", "Up 2 seconds".into())]),
        strings([("ID", "abcdefabcdef1".into()), ("Status", "Created".into())]),
    ];
    let h = [("ID", "CONTAINER ID"), ("Status", "STATUS")];
    assert_eq!(list("{{.ID}}", &rows, &h), "abc\nabcdefabcdef1\n");
    assert_eq!(
        list("table {{.ID}}\\t{{.Status}}", &rows, &h),
        "CONTAINER ID    STATUS\nabc             Up 2 seconds\nabcdefabcdef1   Created\n"
    );
    assert_eq!(
        list("json", &rows[..1], &h),
        "{\"ID\":\"abc\",\"Status\":\"Up 2 seconds\"}\n"
    );
    assert_eq!(
        list("{{upper .ID}} {{title \"a-b c\"}}", &rows[..1], &h),
        "ABC A-B C\n"
    );
    assert_eq!(list("table {{lower .Status}}", &[], &h), "STATUS\n");
    assert_eq!(
        list(
            "{{truncate .Status 2}}|{{pad .ID 1 2}}|{{join (split .Status \" \") \",\"}}",
            &rows[..1],
            &h
        ),
        "Up| abc  |Up,2,seconds\n"
    );
    let e = parse_list("{{.Nope}}")
        .unwrap()
        .render(&rows, &cols(&h))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "template: executing: map has no entry for key \"Nope\""
    );
    assert!(parse_list("{{.ID").is_err());
    assert!(parse_list("{{nosuchfunc .ID}}").is_err());
}

/// Plain templates (text and fields) are written without the template engine: the same
/// text, and the same columns, as the engine gives.
#[test]
fn plain_templates_render_as_the_template_engine_does() {
    struct R(&'static str, &'static str);
    impl Row for R {
        fn field(&self, name: &str) -> String {
            match name {
                "ID" => self.0.into(),
                "Status" => self.1.into(),
                _ => String::new(),
            }
        }
    }
    let rows = [R("abc", "Up 2 seconds"), R("abcdefabcdef1", "Created")];
    let h = [
        ("ID", "CONTAINER ID"),
        ("Status", "STATUS"),
        ("Names", "NAMES"),
    ];
    for f in [
        "table {{.ID}}\\t{{.Status}}",
        "table {{ .ID }}: {{.Status}}\\t{{.Names}}x",
        "{{.ID}}",
        "id={{.ID}}\\t{{.Status}}}",
        "{{.ID}}{{.Status}}",
        "{{upper .ID}} {{.Status}}",
        "table {{- .ID}}",
    ] {
        let l = parse_list(f).unwrap();
        let vals: Vec<Value> = rows
            .iter()
            .map(|r| strings(h.iter().map(|(k, _)| (*k, r.field(k)))))
            .collect();
        let want = l.render(&vals, &cols(&h)).unwrap();
        assert_eq!(l.render_rows(&rows, &cols(&h)).unwrap(), want, "{f}");
    }
    assert!(plain_pieces("{{.ID}} {{.Status}}").is_some());
    assert!(plain_pieces("{{.State.Status}}").is_none());
    assert!(plain_pieces("{{json .}}").is_none());
}

#[test]
fn label_calls_read_the_labels_field() {
    let rows = [strings([("Labels", "a=1,com.x.tier=web".into())])];
    let h = [("Labels", "LABELS")];
    assert_eq!(
        list(
            "table {{.Label \"com.x.tier\"}}\\t{{.Label \"b\"}}x",
            &rows,
            &h
        ),
        "tier      bx\nweb       x\n"
    );
    assert_eq!(
        rewrite_label_calls("a .Label {{ .Label \"k\"}}"),
        "a .Label {{ label . \"k\"}}"
    );
}

#[test]
fn inspect_prints_values_like_go() {
    let v = serde_json::json!({
        "Id": "abc", "State": {"Running": false, "ExitCode": 3},
        "Config": {"Cmd": ["sh", "-c", "exit 3"], "Entrypoint": null, "Labels": {"k": "v", "a": "b"}, "Env": ["A=1"]},
    });
    assert_eq!(
        inspect("{{.State.Running}} {{.State.ExitCode}} {{.Config.Cmd}} {{.Config.Entrypoint}} {{.Config.Labels}}", v.clone()),
        "false 3 [sh -c exit 3] [] map[a:b k:v]\n"
    );
    assert_eq!(inspect("{{index .Config.Labels \"k\"}}", v.clone()), "v\n");
    assert_eq!(inspect("{{json .Config.Env}}", v.clone()), "[\"A=1\"]\n");
    assert_eq!(inspect("{{json .Config}}", v.clone()).find("Cmd"), Some(2));
    assert_eq!(
        inspect("{{range .Config.Cmd}}<{{.}}>{{end}}", v.clone()),
        "<sh><-c><exit 3>\n"
    );
    assert_eq!(inspect("json", v.clone()).lines().count(), 1);
    let e = render_inspect(&parse_inspect(Some("{{.Nope}}")).unwrap(), &[v]).unwrap_err();
    assert!(e.to_string().contains("Nope"), "{e}");
}
