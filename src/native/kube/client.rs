//! The Kubernetes API over HTTPS with the kubeconfig's client certificate.

use std::net::SocketAddr;
use std::time::Duration;

use serde::Deserialize;

use super::config::Kubeconfig;
use super::error::KubeError;
use crate::native::proxmox::client::{error_chain, seg};
use crate::native::tls::{self, Trust};

/// A connected client.
pub struct KubeClient {
    http: reqwest::Client,
    /// `https://host:port`, where requests go.
    base: String,
}

/// What a delete found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Deleted,
    /// The object was not there (404): already deleted.
    Absent,
}

/// The `Status` object the API server answers errors with.
#[derive(Debug, Default, Deserialize)]
struct Status {
    #[serde(default)]
    message: String,
    #[serde(default)]
    reason: String,
}

impl KubeClient {
    /// A client for the kubeconfig's server, or for `at` instead (a port forward, a
    /// test): the server certificate is then checked for that address.
    pub fn new(config: &Kubeconfig, at: Option<SocketAddr>) -> Result<Self, KubeError> {
        let bad = |e: tls::TlsError| KubeError::Config(e.to_string());
        let chain = tls::certificates(&config.cert_pem, "the kubeconfig client certificate")
            .map_err(bad)?;
        let key = tls::private_key(&config.key_pem, "the kubeconfig client key").map_err(bad)?;
        let tls = tls::client_config_builder(&Trust::OnlyCaPem(config.ca_pem.clone()))
            .map_err(bad)?
            .with_client_auth_cert(chain, key)
            .map_err(|e| {
                KubeError::Config(format!("the client certificate and key do not fit: {e}"))
            })?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("talos-planner/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| KubeError::Config(error_chain(&e)))?;
        let base = match at {
            Some(addr) => format!("https://{addr}"),
            None => config.server.clone(),
        };
        Ok(KubeClient { http, base })
    }

    /// `DELETE /api/v1/nodes/{name}`.
    pub async fn delete_node(&self, name: &str) -> Result<Deleted, KubeError> {
        let path = format!("/api/v1/nodes/{}", seg(name));
        let response = self
            .http
            .delete(format!("{}{path}", self.base))
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| KubeError::Connect {
                server: self.base.clone(),
                detail: error_chain(&e),
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(Deleted::Deleted);
        }
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(Deleted::Absent);
        }
        let body: Status = response.json().await.unwrap_or_default();
        Err(KubeError::Api {
            method: "DELETE",
            path,
            status: status.as_u16(),
            reason: body.reason,
            message: body.message,
        })
    }
}
