//! Talos through its gRPC machine API: hand-written messages, a tonic client over our
//! own TLS (day-two calls in `day2.rs`, the COSI resource reads in `cosi.rs`), the
//! `talosctl gen config` directory, and the kubeconfig archive.

pub mod client;
pub mod config;
pub mod cosi;
mod day2;
mod error;
pub mod kubeconfig;
pub mod proto;

pub use client::{MachineClient, Mode, Timeouts};
pub use config::{ClientIdentity, TalosBase};
pub use error::TalosError;

/// The machine API port, in maintenance mode and after.
pub const API_PORT: u16 = 50000;
/// The Kubernetes API port the VIP serves.
pub const KUBE_API_PORT: u16 = 6443;
