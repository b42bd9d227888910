//! How requests authenticate: nothing, HTTP basic, or bearer tokens from the realm that the
//! registry's `WWW-Authenticate` names (Docker Hub's flow; anonymous when there are no
//! credentials). Tokens are cached per scope for the client's life.
use anyhow::{bail, Context, Result};
use base64::Engine as _;
use std::collections::HashMap;
use std::sync::Mutex;
use ureq::http::Response;
use ureq::{Agent, Body};

/// A user name and password. Debug never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    pub(crate) username: String,
    pub(crate) password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, <redacted>)", self.username)
    }
}

impl Credentials {
    /// `USER:PASS` (`--creds`); the password may contain colons.
    pub(crate) fn parse(s: &str) -> Result<Credentials> {
        match s.split_once(':') {
            Some((u, p)) if !u.is_empty() => Ok(Credentials {
                username: u.to_string(),
                password: p.to_string(),
            }),
            _ => bail!("invalid credentials: give them as USERNAME:PASSWORD"),
        }
    }

    pub(crate) fn basic(&self) -> String {
        let raw = format!("{}:{}", self.username, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Challenge {
    #[default]
    None,
    Basic,
    Bearer {
        realm: String,
        service: String,
    },
}

pub(crate) struct Auth {
    creds: Option<Credentials>,
    challenge: Mutex<Challenge>,
    tokens: Mutex<HashMap<String, String>>,
}

impl Auth {
    pub(crate) fn new(creds: Option<Credentials>) -> Auth {
        Auth {
            creds,
            challenge: Mutex::new(Challenge::None),
            tokens: Mutex::new(HashMap::new()),
        }
    }

    /// Learns the scheme from a `/v2/` answer.
    pub(crate) fn set_challenge(&self, resp: &Response<Body>) {
        if resp.status().as_u16() == 401 {
            if let Some((c, _)) = parse_challenge(resp) {
                *self
                    .challenge
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = c;
            }
        }
    }

    /// After a 401: true if asking again can help (a challenge we had not seen, or a new
    /// token in place of the cached one).
    pub(crate) fn refresh(&self, resp: &Response<Body>, scope: &str) -> bool {
        let Some((c, _)) = parse_challenge(resp) else {
            return false;
        };
        let mut cur = self
            .challenge
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let changed = *cur != c;
        *cur = c.clone();
        drop(cur);
        match c {
            Challenge::Bearer { .. } => {
                let had = self
                    .tokens
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .remove(scope)
                    .is_some();
                changed || had
            }
            Challenge::Basic => changed && self.creds.is_some(),
            Challenge::None => false,
        }
    }

    /// The `Authorization` header for a request needing `scope` (space-separated scopes).
    pub(crate) fn authorization(
        &self,
        agent: &Agent,
        scope: &str,
        host: &str,
    ) -> Result<Option<String>> {
        let challenge = self
            .challenge
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        match challenge {
            Challenge::None => Ok(None),
            Challenge::Basic => Ok(self.creds.as_ref().map(Credentials::basic)),
            Challenge::Bearer { realm, service } => {
                if let Some(t) = self
                    .tokens
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .get(scope)
                {
                    return Ok(Some(format!("Bearer {t}")));
                }
                let t = self.fetch_token(agent, &realm, &service, scope, host)?;
                self.tokens
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(scope.to_string(), t.clone());
                Ok(Some(format!("Bearer {t}")))
            }
        }
    }

    fn fetch_token(
        &self,
        agent: &Agent,
        realm: &str,
        service: &str,
        scope: &str,
        host: &str,
    ) -> Result<String> {
        let mut req = agent.get(realm);
        if !service.is_empty() {
            req = req.query("service", service);
        }
        for s in scope.split_whitespace() {
            req = req.query("scope", s);
        }
        if let Some(c) = &self.creds {
            req = req.header("Authorization", c.basic());
        }
        let mut resp = req
            .call()
            .map_err(|e| super::errors::transport(e, host, super::timeout()))
            .with_context(|| format!("cannot get a token for {host} from {realm}"))?;
        match resp.status().as_u16() {
            200 => {}
            401 | 403 => bail!(
                "authentication to {host} failed: the token server {realm} refused the \
                 credentials; log in with skiff login {host}"
            ),
            code => bail!("the token server {realm} of {host} answered {code}"),
        }
        #[derive(serde::Deserialize)]
        struct Token {
            token: Option<String>,
            access_token: Option<String>,
        }
        let t: Token = super::read_json(&mut resp, 1 << 20)
            .with_context(|| format!("the token server {realm} sent no valid JSON"))?;
        t.token
            .or(t.access_token)
            .filter(|t| !t.is_empty())
            .with_context(|| format!("the token server {realm} sent no token"))
    }
}

/// Parses `WWW-Authenticate`: the challenge and the scope it asks for, if any.
fn parse_challenge(resp: &Response<Body>) -> Option<(Challenge, Option<String>)> {
    let v = resp.headers().get("www-authenticate")?.to_str().ok()?;
    parse_challenge_str(v)
}

fn parse_challenge_str(v: &str) -> Option<(Challenge, Option<String>)> {
    let (scheme, rest) = v.trim().split_once(' ').unwrap_or((v.trim(), ""));
    let params = parse_params(rest);
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => Some((Challenge::Basic, None)),
        "bearer" => Some((
            Challenge::Bearer {
                realm: params.get("realm")?.clone(),
                service: params.get("service").cloned().unwrap_or_default(),
            },
            params.get("scope").cloned(),
        )),
        _ => None,
    }
}

/// `k="v",k2=v2` with quoted values that may hold commas.
fn parse_params(s: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        rest = &rest[eq + 1..];
        let value;
        if let Some(r) = rest.strip_prefix('"') {
            let end = r.find('"').unwrap_or(r.len());
            value = r[..end].to_string();
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_string();
            rest = &rest[end..];
        }
        rest = rest.trim_start().trim_start_matches(',').trim_start();
        out.insert(key, value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_parse() {
        let (c, scope) = parse_challenge_str(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push""#,
        )
        .unwrap();
        assert_eq!(
            c,
            Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: "registry.docker.io".into()
            }
        );
        assert_eq!(
            scope.as_deref(),
            Some("repository:library/busybox:pull,push")
        );
        assert_eq!(
            parse_challenge_str(r#"Basic realm="basic-realm""#)
                .unwrap()
                .0,
            Challenge::Basic
        );
    }

    #[test]
    fn creds_parse_and_hide() {
        let c = Credentials::parse("u:p:w").unwrap();
        assert_eq!(c.password, "p:w");
        assert!(!format!("{c:?}").contains("p:w"));
        assert!(Credentials::parse("nocolon").is_err());
    }
}
