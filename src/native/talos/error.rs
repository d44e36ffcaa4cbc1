//! The Talos client's one error type.

use thiserror::Error;

/// Why a Talos call failed.
#[derive(Debug, Error)]
pub enum TalosError {
    /// The talosconfig or the base directory is missing or malformed.
    #[error("{0}")]
    Config(String),
    /// No gRPC conversation: refused, unreachable, TLS handshake failed.
    #[error("cannot reach the Talos API at {addr}: {detail}")]
    Connect { addr: String, detail: String },
    /// Maintenance-mode TLS was refused because the node asks for a client certificate:
    /// it is configured and only mutual TLS with this cluster's talosconfig gets in.
    #[error("the Talos API at {addr} asks for a client certificate (the node is configured)")]
    ClientCertRequired { addr: String },
    /// The node answered the call with an error.
    #[error("Talos {method} on {addr} failed: {code}: {message}")]
    Rpc {
        addr: String,
        method: &'static str,
        code: String,
        message: String,
        /// The gRPC code, for callers that treat some as success (`AlreadyExists`).
        #[source]
        status: Box<tonic::Status>,
    },
    /// The kubeconfig archive is not what Talos sends.
    #[error("the kubeconfig from {addr} cannot be read: {detail}")]
    Kubeconfig { addr: String, detail: String },
}

impl TalosError {
    /// The gRPC code of an RPC error.
    pub fn code(&self) -> Option<tonic::Code> {
        match self {
            TalosError::Rpc { status, .. } => Some(status.code()),
            _ => None,
        }
    }
}
