//! Proxmox VE through its REST API only (no SSH): settings, the client, tasks and the
//! endpoints provisioning uses.

pub mod api;
pub mod client;
mod error;
pub mod settings;
pub mod task;

pub use client::{Call, Client, Method};
pub use error::ProxmoxError;
pub use settings::{ConnectionInput, Credentials, Secret, Settings};
pub use task::{TaskOutcome, TaskPolicy, Upid};
