//! Registry manifests as skiff reads them: OCI and Docker schema 2 image manifests, OCI
//! indexes and Docker manifest lists (with the host's platform picked from them).
use super::digest::Digest;
use super::registry::{DOCKER_LIST, OCI_INDEX};
use super::store::host_arch;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Desc {
    #[serde(default)]
    pub(crate) media_type: String,
    /// Parsed while deserializing: it names a blob file and is part of registry URLs.
    pub(crate) digest: Digest,
    pub(crate) size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) platform: Option<Platform>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Platform {
    #[serde(default)]
    pub(crate) os: String,
    #[serde(default)]
    pub(crate) architecture: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) variant: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Doc {
    schema_version: Option<u32>,
    #[serde(default)]
    media_type: Option<String>,
    config: Option<Desc>,
    #[serde(default)]
    layers: Vec<Desc>,
    manifests: Option<Vec<Desc>>,
}

pub(crate) enum Parsed {
    Index(Vec<Desc>),
    Image { config: Desc, layers: Vec<Desc> },
}

/// Parses manifest bytes; `header_type` is the Content-Type the registry gave. Every digest is
/// parsed into `Digest` as the JSON is read, since they become file names in the store.
pub(crate) fn parse(bytes: &[u8], header_type: &str, what: &str) -> Result<Parsed> {
    let doc: Doc = serde_json::from_slice(bytes)
        .with_context(|| format!("the manifest of {what} is not valid"))?;
    if doc.schema_version == Some(1) {
        bail!("{what} has a Docker schema 1 manifest, which skiff does not support; push it again with a current client");
    }
    let mt = doc.media_type.as_deref().unwrap_or(header_type);
    let is_index = mt == OCI_INDEX || mt == DOCKER_LIST || doc.manifests.is_some();
    if is_index {
        return Ok(Parsed::Index(doc.manifests.unwrap_or_default()));
    }
    let config = doc
        .config
        .with_context(|| format!("the manifest of {what} has no config"))?;
    Ok(Parsed::Image {
        config,
        layers: doc.layers,
    })
}

/// `os/arch[/variant]`; the default is the host's (linux/amd64 here).
pub(crate) fn parse_platform(s: Option<&str>) -> Result<Platform> {
    let Some(s) = s.filter(|s| !s.is_empty()) else {
        return Ok(Platform {
            os: "linux".into(),
            architecture: host_arch().into(),
            variant: None,
        });
    };
    let parts: Vec<&str> = s.split('/').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty()) {
        bail!("invalid platform {s:?}: give it as OS/ARCH or OS/ARCH/VARIANT (e.g. linux/amd64)");
    }
    Ok(Platform {
        os: parts[0].to_string(),
        architecture: parts[1].to_string(),
        variant: parts.get(2).map(|v| v.to_string()),
    })
}

/// The entry of an index for `want`: same os and architecture, and the variant if one is
/// asked for (arm64's empty variant is v8).
pub(crate) fn pick<'a>(list: &'a [Desc], want: &Platform, what: &str) -> Result<&'a Desc> {
    let norm = |p: &Platform| match (p.architecture.as_str(), p.variant.as_deref()) {
        ("arm64", None) => Some("v8".to_string()),
        (_, v) => v.map(str::to_string),
    };
    let found = list.iter().find(|d| {
        d.platform.as_ref().is_some_and(|p| {
            p.os == want.os
                && p.architecture == want.architecture
                && (want.variant.is_none() || norm(p) == norm(want))
        })
    });
    if let Some(d) = found {
        return Ok(d);
    }
    let have: Vec<String> = list
        .iter()
        .filter_map(|d| d.platform.as_ref())
        .map(|p| {
            let mut s = format!("{}/{}", p.os, p.architecture);
            if let Some(v) = &p.variant {
                s = format!("{s}/{v}");
            }
            s
        })
        .collect();
    let mut w = format!("{}/{}", want.os, want.architecture);
    if let Some(v) = &want.variant {
        w = format!("{w}/{v}");
    }
    bail!(
        "{what} has no image for platform {w} (it has {}); choose one with --platform",
        if have.is_empty() {
            "none".to_string()
        } else {
            have.join(", ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_platform() {
        let d = |a: &str, v: Option<&str>| Desc {
            media_type: String::new(),
            digest: format!("sha256:{}", "a".repeat(64)).parse().unwrap(),
            size: 1,
            platform: Some(Platform {
                os: "linux".into(),
                architecture: a.into(),
                variant: v.map(Into::into),
            }),
        };
        let list = vec![d("arm", Some("v7")), d("arm64", None), d("amd64", None)];
        let p = parse_platform(Some("linux/arm64/v8")).unwrap();
        assert_eq!(
            pick(&list, &p, "x")
                .unwrap()
                .platform
                .as_ref()
                .unwrap()
                .architecture,
            "arm64"
        );
        let e = pick(&list, &parse_platform(Some("linux/s390x")).unwrap(), "x").unwrap_err();
        assert!(
            e.to_string()
                .contains("linux/arm/v7, linux/arm64, linux/amd64"),
            "{e}"
        );
        assert!(parse_platform(Some("linux")).is_err());
    }
}
