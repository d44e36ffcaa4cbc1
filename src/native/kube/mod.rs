//! A small Kubernetes API client: only what removing a node needs (deleting its Node
//! object), authenticated with the kubeconfig's client certificate over rustls, the
//! server verified against the kubeconfig's CA.

pub mod client;
pub mod config;
mod error;

pub use client::{Deleted, KubeClient};
pub use config::Kubeconfig;
pub use error::KubeError;
