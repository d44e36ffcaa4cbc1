//! Provisioning: `apply` takes a linted plan to a running Talos cluster on Proxmox,
//! `destroy` removes the cluster's VMs, `status` shows where things stand.
//!
//! Every run reads the state first and only sends what is missing, so a run that was
//! interrupted anywhere (a 500, a failed task, a killed process) is finished by running
//! it again. Nothing is changed before the safety checks pass (VM IDs that are not ours,
//! unknown Proxmox nodes, storages that cannot hold the image).

mod apply;
pub mod desired;
mod destroy;
pub mod diff;
pub mod endpoints;
mod error;
mod etcd;
pub mod events;
pub mod factory;
mod input;
pub mod observe;
mod running;
mod scale;
mod status;
mod summary;
mod talos_phase;
mod upgrade;
mod writer;

pub use apply::apply;
pub use destroy::{destroy, DestroySummary};
pub use diff::{Assessment, DiffOptions};
pub use endpoints::Endpoints;
pub use error::ProvisionError;
pub use events::{Event, Reporter};
pub use input::{ApplyOptions, ClusterInput, Removals, StatusTalos, TalosOptions};
pub use status::{status, ClusterStatus, NodeStatus, StatusOptions};
pub use summary::ApplySummary;
