//! The native binary's layers over the core: the command line and its output formats.
//! Nothing here is compiled into the WASM package.

pub mod cli;
pub mod commands;
pub mod diff;
pub mod input;
pub mod kube;
pub mod offline;
pub mod output;
pub mod private_file;
pub mod provision;
pub mod proxmox;
pub mod report;
pub mod root_module;
pub mod secrets;
pub mod table;
pub mod talos;
pub mod terraform_commands;
pub mod tls;
pub mod walk;
