//! The directory `talosctl gen config` writes: `controlplane.yaml`, `worker.yaml` and
//! `talosconfig` (the client's CA, certificate and key for mutual TLS).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use serde::Deserialize;

use super::error::TalosError;

/// The client side of the talosconfig: PEM texts.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientIdentity {
    /// The Talos OS CA that signs each node's API certificate.
    pub ca_pem: String,
    /// The client certificate (role `os:admin`).
    pub crt_pem: String,
    /// Its private key (Talos writes `ED25519 PRIVATE KEY`).
    pub key_pem: String,
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientIdentity { .. }")
    }
}

#[derive(Debug, Deserialize)]
struct RawTalosconfig {
    #[serde(default)]
    context: Option<String>,
    #[serde(default)]
    contexts: BTreeMap<String, RawContext>,
}

#[derive(Debug, Deserialize)]
struct RawContext {
    #[serde(default)]
    ca: String,
    #[serde(default)]
    crt: String,
    #[serde(default)]
    key: String,
}

/// Reads a talosconfig: the current context's CA, certificate and key.
pub fn parse_talosconfig(text: &str, what: &str) -> Result<ClientIdentity, TalosError> {
    let raw: RawTalosconfig = yaml_serde::from_str(text)
        .map_err(|e| TalosError::Config(format!("{what} is not a talosconfig: {e}")))?;
    let name = raw
        .context
        .clone()
        .or_else(|| raw.contexts.keys().next().cloned())
        .ok_or_else(|| TalosError::Config(format!("{what} has no context")))?;
    let ctx = raw.contexts.get(&name).ok_or_else(|| {
        TalosError::Config(format!(
            "{what} names context `{name}`, which it does not define"
        ))
    })?;
    let decode = |field: &str, value: &str| -> Result<String, TalosError> {
        if value.trim().is_empty() {
            return Err(TalosError::Config(format!(
                "{what}: context `{name}` has no `{field}`"
            )));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(value.trim())
            .map_err(|_| {
                TalosError::Config(format!("{what}: `{field}` of `{name}` is not base64"))
            })?;
        String::from_utf8(bytes)
            .map_err(|_| TalosError::Config(format!("{what}: `{field}` of `{name}` is not PEM")))
    };
    Ok(ClientIdentity {
        ca_pem: decode("ca", &ctx.ca)?,
        crt_pem: decode("crt", &ctx.crt)?,
        key_pem: decode("key", &ctx.key)?,
    })
}

/// The base configs and the client identity of a cluster.
#[derive(Clone)]
pub struct TalosBase {
    pub dir: PathBuf,
    pub controlplane: String,
    pub worker: String,
    pub identity: ClientIdentity,
}

/// The base configs hold the cluster's CA keys and join tokens: only the directory
/// shows.
impl std::fmt::Debug for TalosBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TalosBase")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl TalosBase {
    /// Reads `controlplane.yaml`, `worker.yaml` and `talosconfig` from `dir`.
    pub fn read(dir: &Path) -> Result<Self, TalosError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| {
                TalosError::Config(format!(
                    "cannot read {} ({e}); --talos-dir must be the directory `talosctl gen \
                     config` wrote",
                    path.display()
                ))
            })
        };
        let talosconfig_path = dir.join("talosconfig");
        Ok(TalosBase {
            dir: dir.to_owned(),
            controlplane: read("controlplane.yaml")?,
            worker: read("worker.yaml")?,
            identity: parse_talosconfig(
                &read("talosconfig")?,
                &talosconfig_path.display().to_string(),
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_current_context() {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let text = format!(
            "context: homelab\ncontexts:\n    other:\n        ca: {x}\n        crt: {x}\n        key: {x}\n    homelab:\n        endpoints: [10.0.0.1]\n        ca: {ca}\n        crt: {crt}\n        key: {key}\n",
            x = b64("x"),
            ca = b64("CA PEM"),
            crt = b64("CRT PEM"),
            key = b64("KEY PEM"),
        );
        let id = parse_talosconfig(&text, "talosconfig").unwrap();
        assert_eq!(id.ca_pem, "CA PEM");
        assert_eq!(id.key_pem, "KEY PEM");
        assert!(!format!("{id:?}").contains("KEY"));
        assert!(parse_talosconfig("context: nope\ncontexts: {}\n", "t").is_err());
    }
}
