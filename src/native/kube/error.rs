//! The Kubernetes client's one error type.

use thiserror::Error;

/// Why a Kubernetes call failed.
#[derive(Debug, Error)]
pub enum KubeError {
    /// The kubeconfig is missing what we need or is malformed.
    #[error("the kubeconfig cannot be used: {0}")]
    Config(String),
    /// No HTTP answer: refused, unreachable, TLS failed.
    #[error("cannot reach the Kubernetes API at {server}: {detail}")]
    Connect { server: String, detail: String },
    /// The API server answered with an error (its `Status` message).
    #[error("Kubernetes {method} {path} failed: {status} {reason}: {message}")]
    Api {
        method: &'static str,
        path: String,
        status: u16,
        reason: String,
        message: String,
    },
}
