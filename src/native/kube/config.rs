//! The kubeconfig Talos hands out (`talosctl kubeconfig`): the current context's
//! server, CA and client certificate, all inline (`*-data`, base64).

use base64::Engine;
use serde::Deserialize;

use super::error::KubeError;

/// What the client needs from a kubeconfig. Holds a private key: never printed.
#[derive(Clone)]
pub struct Kubeconfig {
    /// `https://host:port`.
    pub server: String,
    pub ca_pem: String,
    pub cert_pem: String,
    pub key_pem: String,
}

impl std::fmt::Debug for Kubeconfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kubeconfig")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default, rename = "current-context")]
    current_context: Option<String>,
    #[serde(default)]
    contexts: Vec<Named<RawContext>>,
    #[serde(default)]
    clusters: Vec<Named<RawCluster>>,
    #[serde(default)]
    users: Vec<Named<RawUser>>,
}

#[derive(Deserialize)]
struct Named<T> {
    name: String,
    #[serde(alias = "context", alias = "cluster", alias = "user")]
    value: T,
}

#[derive(Deserialize)]
struct RawContext {
    cluster: String,
    user: String,
}

#[derive(Deserialize)]
struct RawCluster {
    server: String,
    #[serde(default, rename = "certificate-authority-data")]
    ca: Option<String>,
}

#[derive(Deserialize)]
struct RawUser {
    #[serde(default, rename = "client-certificate-data")]
    cert: Option<String>,
    #[serde(default, rename = "client-key-data")]
    key: Option<String>,
}

fn find<'a, T>(list: &'a [Named<T>], name: &str, what: &str) -> Result<&'a T, KubeError> {
    list.iter()
        .find(|n| n.name == name)
        .map(|n| &n.value)
        .ok_or_else(|| KubeError::Config(format!("it has no {what} `{name}`")))
}

fn decoded(value: Option<&String>, field: &str) -> Result<String, KubeError> {
    let text = value.ok_or_else(|| {
        KubeError::Config(format!(
            "`{field}` is missing (only inline credentials are supported)"
        ))
    })?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| KubeError::Config(format!("`{field}` is not base64")))?;
    String::from_utf8(bytes).map_err(|_| KubeError::Config(format!("`{field}` is not PEM")))
}

impl Kubeconfig {
    /// Reads the current context (or the only one).
    pub fn parse(text: &str) -> Result<Self, KubeError> {
        let raw: Raw = yaml_serde::from_str(text)
            .map_err(|e| KubeError::Config(format!("it is not a kubeconfig ({e})")))?;
        let context_name = raw
            .current_context
            .clone()
            .filter(|c| !c.is_empty())
            .or_else(|| raw.contexts.first().map(|c| c.name.clone()))
            .ok_or_else(|| KubeError::Config("it has no context".into()))?;
        let context = find(&raw.contexts, &context_name, "context")?;
        let cluster = find(&raw.clusters, &context.cluster, "cluster")?;
        let user = find(&raw.users, &context.user, "user")?;
        Ok(Kubeconfig {
            server: cluster.server.trim_end_matches('/').to_owned(),
            ca_pem: decoded(cluster.ca.as_ref(), "certificate-authority-data")?,
            cert_pem: decoded(user.cert.as_ref(), "client-certificate-data")?,
            key_pem: decoded(user.key.as_ref(), "client-key-data")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_current_context_and_never_shows_the_key() {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let text = format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: homelab\n  cluster:\n    server: https://10.10.100.13:6443/\n    certificate-authority-data: {}\nusers:\n- name: admin@homelab\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\ncontexts:\n- context:\n    cluster: homelab\n    namespace: default\n    user: admin@homelab\n  name: admin@homelab\ncurrent-context: admin@homelab\n",
            b64("CA"),
            b64("CRT"),
            b64("SECRET KEY")
        );
        let k = Kubeconfig::parse(&text).unwrap();
        assert_eq!(k.server, "https://10.10.100.13:6443");
        assert_eq!((k.ca_pem.as_str(), k.cert_pem.as_str()), ("CA", "CRT"));
        assert!(!format!("{k:?}").contains("SECRET"));
        assert!(Kubeconfig::parse("current-context: x\n").is_err());
    }
}
