//! `--format` for the listing and inspect verbs, as the docker CLI does it: Go templates (gotmpl,
//! which prints lists as `[a b]`, maps as `map[k:v]` and missing values as `<no value>`, like Go),
//! the docker CLI's extra functions, `table TEMPLATE` with a header and tabwriter columns, and
//! `json`.
use crate::engine::image::human;
use anyhow::{anyhow, Result};
use gotmpl::{MissingKey, Template, TemplateError, Value};
use std::sync::Arc;

/// A parsed `--format` of a listing verb (`ps`, `images`, `history`).
pub(crate) struct ListFormat {
    tmpl: Template,
    /// The same template with Docker's header functions, run over the header names (`table` only).
    header: Option<Template>,
    /// The template as text and fields, when it is nothing more (`ps`'s default table, `{{.ID}}`):
    /// such rows are written directly, computing only the fields shown (`ps -a` of a thousand
    /// containers spent a third of its time building and walking template values).
    plain: Option<Vec<Piece>>,
    /// `json`: one object per row, with Docker's fields only.
    json: bool,
    /// A table's header line is printed (podman's `--noheading` clears it).
    heading: bool,
}

/// A part of a plain template.
enum Piece {
    Text(String),
    Field(String),
}

/// A listing's fields with their column titles: Docker's, which are also the keys of `json`
/// output, then the other names templates may use (podman's fields, Go's `ID` for `Id`).
pub(crate) struct Columns {
    pub(crate) docker: &'static [(&'static str, &'static str)],
    pub(crate) more: &'static [(&'static str, &'static str)],
}

impl Columns {
    fn all(&self) -> impl Iterator<Item = &(&'static str, &'static str)> {
        self.docker.iter().chain(self.more)
    }

    fn title(&self, field: &str) -> &'static str {
        self.all().find(|(k, _)| *k == field).map_or("", |h| h.1)
    }
}

/// A listing's row whose fields are computed when asked for: a plain template asks only for
/// what it shows, any other gets every field of the header as text.
pub(crate) trait Row {
    fn field(&self, name: &str) -> String;
}

/// What `inspect --format` asked for.
pub(crate) enum InspectFormat {
    /// No format: the indented JSON array.
    Indented,
    /// `json`: the JSON array on one line.
    Compact,
    /// The whole template is `{{json .A.B}}`: printed from the JSON itself, keys in order.
    JsonPath(Vec<String>),
    Template(Template),
}

fn tmpl_error(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("template parsing error: {e}")
}

/// A template that parsed but failed on the data says so, as Go's `executing` errors do
/// (`map has no entry for key "Nope"`).
fn exec_error(e: TemplateError) -> anyhow::Error {
    match e {
        TemplateError::MissingKey { key } => {
            anyhow!("template: executing: map has no entry for key {key:?}")
        }
        e => anyhow!("template: executing: {e}"),
    }
}

/// Parses `text`; like Go (and unlike gotmpl, which looks functions up when it runs), an unknown
/// function is a parse error, found here by a trial run over empty data.
fn parse(t: Template, text: &str) -> Result<Template> {
    let t = t.parse(text).map_err(tmpl_error)?;
    let mut sink = String::new();
    if let Err(e @ TemplateError::UndefinedFunction(_)) =
        t.execute_fmt(&mut sink, &Value::Map(Arc::default()))
    {
        return Err(tmpl_error(e));
    }
    Ok(t)
}

/// Parses a listing verb's `--format`: `table TEMPLATE`, `json` (one JSON object per line), or a
/// template. Like the docker CLI, `\t` and `\n` written literally become a tab and a newline.
pub(crate) fn parse_list(format: &str) -> Result<ListFormat> {
    let (table, text) = match format.strip_prefix("table") {
        Some(rest) => (true, rest),
        None if format == "json" => (false, "{{json .}}"),
        None => (false, format),
    };
    let text = text
        .trim_matches(' ')
        .replace("\\t", "\t")
        .replace("\\n", "\n");
    let text = rewrite_label_calls(&text);
    let tmpl = parse(
        funcs(Template::new(""), false).missing_key(MissingKey::Error),
        &text,
    )?;
    let header = match table {
        true => Some(parse(funcs(Template::new(""), true), &text)?),
        false => None,
    };
    let plain = plain_pieces(&text);
    Ok(ListFormat {
        tmpl,
        header,
        plain,
        json: format == "json",
        heading: true,
    })
}

/// `text` as text and `{{.Field}}` actions, or None when it has anything else (functions,
/// pipelines, `if`, trim markers, nested fields).
fn plain_pieces(text: &str) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        if i > 0 {
            out.push(Piece::Text(rest[..i].to_string()));
        }
        let after = &rest[i + 2..];
        let end = after.find("}}")?;
        let name = after[..end].trim_matches(' ').strip_prefix('.')?;
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        out.push(Piece::Field(name.to_string()));
        rest = &after[end + 2..];
    }
    if rest.contains("}}") {
        return None;
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    Some(out)
}

/// True when `format` needs a field that costs something to compute (`ps`'s `.Size`): a template
/// that names it, or `json`, whose objects carry every field.
pub(crate) fn uses_field(format: &str, field: &str) -> bool {
    format == "json" || format.contains(&format!(".{field}")) || format.contains("json .}}")
}

impl ListFormat {
    /// Without the header line of a table (podman's `--noheading`); columns stay aligned.
    pub(crate) fn no_heading(mut self, yes: bool) -> Self {
        self.heading &= !yes;
        self
    }

    /// Runs the template once over a row of empty fields, as `docker ps` does before listing,
    /// so that an unknown field is an error even when there is nothing to list.
    pub(crate) fn validate(&self, cols: &Columns) -> Result<()> {
        let blank = strings(cols.all().map(|(k, _)| (*k, String::new())));
        let mut sink = String::new();
        self.tmpl.execute_fmt(&mut sink, &blank).map_err(exec_error)
    }

    /// Renders rows that compute their fields on demand (see `Row`); as `render` otherwise.
    pub(crate) fn render_rows<R: Row>(&self, rows: &[R], cols: &Columns) -> Result<String> {
        let Some(pieces) = &self.plain else {
            let fields: Vec<&str> = match self.json {
                true => cols.docker.iter().map(|(k, _)| *k).collect(),
                false => cols.all().map(|(k, _)| *k).collect(),
            };
            let vals: Vec<Value> = rows
                .iter()
                .map(|r| strings(fields.iter().map(|k| (*k, r.field(k)))))
                .collect();
            return self.render(&vals, cols);
        };
        let line = |out: &mut String, field: &dyn Fn(&str) -> String| {
            for p in pieces {
                match p {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Field(f) => out.push_str(&field(f)),
                }
            }
            out.push('\n');
        };
        let mut text = String::new();
        if self.header.is_some() && self.heading {
            line(&mut text, &|f| cols.title(f).to_string());
        }
        for r in rows {
            line(&mut text, &|f| r.field(f));
        }
        Ok(match self.header {
            Some(_) => table_of(&text),
            None => text,
        })
    }

    /// Renders every row (each a map from Docker's field names); `header` gives each field's
    /// column title. Nothing is returned on an error, so nothing half-printed reaches the user.
    fn render(&self, rows: &[Value], cols: &Columns) -> Result<String> {
        let mut body = String::new();
        for row in rows {
            self.tmpl.execute_fmt(&mut body, row).map_err(exec_error)?;
            body.push('\n');
        }
        let Some(h) = &self.header else {
            return Ok(body);
        };
        let names = strings(cols.all().map(|(k, v)| (*k, v.to_string())));
        // As the docker CLI: a header that fails to render keeps what it printed before failing.
        let mut text = String::new();
        if self.heading {
            let _ = h.execute_fmt(&mut text, &names);
            text.push('\n');
        }
        text.push_str(&body);
        Ok(table_of(&text))
    }
}

/// Lines of tab-separated cells as tabwriter's aligned columns.
fn table_of(text: &str) -> String {
    let cells: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    human::table(&cells)
}

/// Parses `inspect --format`.
pub(crate) fn parse_inspect(format: Option<&str>) -> Result<InspectFormat> {
    let Some(f) = format.filter(|f| !f.is_empty()) else {
        return Ok(InspectFormat::Indented);
    };
    if f == "json" {
        return Ok(InspectFormat::Compact);
    }
    if let Some(path) = json_path(f) {
        return Ok(InspectFormat::JsonPath(path));
    }
    Ok(InspectFormat::Template(parse(
        funcs(Template::new(""), false).missing_key(MissingKey::Error),
        f,
    )?))
}

/// `{{json .A.B}}` (the whole template) → `["A", "B"]`.
fn json_path(f: &str) -> Option<Vec<String>> {
    let inner = f.strip_prefix("{{")?.strip_suffix("}}")?;
    let inner = inner.trim_start_matches('-').trim_end_matches('-').trim();
    let arg = inner.strip_prefix("json")?;
    let arg = arg.strip_prefix([' ', '\t'])?.trim();
    if arg == "." {
        return Some(Vec::new());
    }
    let parts: Vec<String> = arg
        .strip_prefix('.')?
        .split('.')
        .map(String::from)
        .collect();
    let ident = |p: &String| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_');
    parts.iter().all(ident).then_some(parts)
}

/// Renders inspect's objects: the JSON array, or one template result per object.
pub(crate) fn render_inspect(f: &InspectFormat, vals: &[serde_json::Value]) -> Result<String> {
    let array = serde_json::Value::Array(vals.to_vec());
    Ok(match f {
        InspectFormat::Indented => {
            // Docker and podman indent inspect output by four spaces.
            let mut buf = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
            serde::Serialize::serialize(&array, &mut ser)?;
            String::from_utf8(buf)? + "\n"
        }
        InspectFormat::Compact => format!("{array}\n"),
        InspectFormat::JsonPath(path) => {
            let mut out = String::new();
            for v in vals {
                let mut cur = v;
                for p in path {
                    cur = cur
                        .get(p)
                        .or_else(|| go_alias(p).and_then(|a| cur.get(a)))
                        .ok_or_else(|| exec_error(TemplateError::MissingKey { key: p.clone() }))?;
                }
                out.push_str(&serde_json::to_string(cur)?);
                out.push('\n');
            }
            out
        }
        InspectFormat::Template(t) => {
            let mut out = String::new();
            for v in vals {
                t.execute_fmt(&mut out, &object_data(v))
                    .map_err(exec_error)?;
                out.push('\n');
            }
            out
        }
    })
}

/// A single object's `--format` (`info`, `version`): `json` prints it on one line, anything
/// else is a template over it, as `inspect`'s (so `{{json .Host}}` keeps its keys in order).
pub(crate) fn render_object(format: &str, v: &serde_json::Value) -> Result<String> {
    if format == "json" {
        return Ok(format!("{v}\n"));
    }
    render_inspect(&parse_inspect(Some(format))?, std::slice::from_ref(v))
}

/// A row of string fields, as the docker CLI's formatter contexts return strings.
pub(crate) fn strings<'a>(fields: impl IntoIterator<Item = (&'a str, String)>) -> Value {
    Value::Map(Arc::new(
        fields
            .into_iter()
            .map(|(k, v)| (Arc::from(k), Value::String(v.into())))
            .collect(),
    ))
}

/// Keys whose `null` is a nil Go slice or map in Docker's typed structs, which templates print
/// as `[]` and `map[]` (a nil pointer prints `<no value>` here, `<nil>` in Go: rarely seen).
const NIL_LISTS: &[&str] = &[
    "Args",
    "Cmd",
    "Entrypoint",
    "Env",
    "OnBuild",
    "Shell",
    "Mounts",
    "Layers",
    "RepoTags",
    "RepoDigests",
    "CapAdd",
    "CapDrop",
    "Dns",
    "DnsOptions",
    "DnsSearch",
    "ExtraHosts",
    "SecurityOpt",
    "Binds",
    "Links",
    "Devices",
    "GroupAdd",
];
const NIL_MAPS: &[&str] = &[
    "Labels",
    "Volumes",
    "ExposedPorts",
    "Ports",
    "PortBindings",
    "Tmpfs",
    "Networks",
    "Options",
    "Data",
    "Sysctls",
    "StorageOpt",
];

/// Converts inspect JSON to template data; `key` is the field the value sits in.
fn from_json(v: &serde_json::Value, key: &str) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null if NIL_LISTS.contains(&key) => Value::List(Arc::from(Vec::new())),
        J::Null if NIL_MAPS.contains(&key) => Value::Map(Arc::default()),
        J::Null => Value::Nil,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::Int(i),
            (None, Some(u)) => Value::Uint(u),
            _ => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => Value::String(s.as_str().into()),
        J::Array(a) => Value::List(a.iter().map(|x| from_json(x, "")).collect()),
        J::Object(m) => Value::Map(Arc::new(
            m.iter()
                .map(|(k, x)| (Arc::from(k.as_str()), from_json(x, k)))
                .collect(),
        )),
    }
}

/// An inspected object as template data, with its Go field names where Docker's structs differ
/// from their JSON (`ID string json:"Id"`, at the top of containers and images): Docker runs
/// templates on its typed structs and falls back to the JSON, so both names work.
fn object_data(v: &serde_json::Value) -> Value {
    let data = from_json(v, "");
    let (Value::Map(m), Some(id)) = (&data, v.get("Id")) else {
        return data;
    };
    let mut m = (**m).clone();
    m.insert(Arc::from("ID"), from_json(id, "Id"));
    Value::Map(Arc::new(m))
}

/// `go_alias("ID")` is `Id`: the JSON key a Go field name reads (see `object_data`).
fn go_alias(key: &str) -> Option<&'static str> {
    (key == "ID").then_some("Id")
}

fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Uint(u) => J::from(*u),
        Value::Float(f) => J::from(*f),
        Value::String(s) => J::String(s.to_string()),
        Value::List(l) => J::Array(l.iter().map(to_json).collect()),
        Value::Map(m) => J::Object(m.iter().map(|(k, x)| (k.to_string(), to_json(x))).collect()),
        _ => J::Null,
    }
}

#[path = "format_funcs.rs"]
mod funcs;
use funcs::{funcs, rewrite_label_calls};

/// Go's `time.Time.String()` of a local time: `2006-01-02 15:04:05 -0700 MST`. chrono knows no
/// zone abbreviations, so a zone other than UTC shows its offset twice, as Go does for zones
/// without a name.
pub(crate) fn go_time(t: chrono::DateTime<chrono::Utc>) -> String {
    let local = t.with_timezone(&chrono::Local);
    let off = local.format("%z").to_string();
    let zone = if off == "+0000" {
        "UTC".to_string()
    } else {
        off.clone()
    };
    format!("{} {off} {zone}", local.format("%Y-%m-%d %H:%M:%S"))
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
