//! Provisioning: `apply` converges a running Talos cluster on Proxmox with a linted plan
//! (creates, changes running nodes, upgrades, removes), `diff` shows what it would do,
//! `destroy` removes the cluster's VMs, `status` shows where things stand.
//!
//! Every run reads the state first and only sends what differs, so a run that was
//! interrupted anywhere (a 500, a failed task, a killed process) is finished by running
//! it again. Nothing is changed before the live preflight passes (VM IDs that are not
//! ours, unknown Proxmox nodes, storages and bridges that cannot take the VMs) and the
//! removals are confirmed and keep etcd's quorum.

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
mod offline_plan;
mod running;
mod scale;
mod status;
mod summary;
mod talos_phase;
mod upgrade;
mod writer;

pub use apply::{apply, dry_run_without_proxmox};
pub use destroy::{destroy, DestroySummary};
pub use diff::{Assessment, DiffOptions};
pub use endpoints::Endpoints;
pub use error::ProvisionError;
pub use events::{Event, Reporter};
pub use input::{ApplyOptions, ClusterInput, Removals, StatusTalos, TalosOptions};
pub use observe::CreationWait;
pub use status::{status, ClusterStatus, NodeStatus, StatusOptions};
pub use summary::ApplySummary;
