//! Talos secrets, without I/O: the secrets bundle of `talosctl gen secrets` (made,
//! written and read), its certificates and keys as Talos makes them, and the
//! talosconfig's admin certificate. Randomness (a 32-byte seed) and the clock (Unix
//! seconds) come from the caller, so the page's worker runs the same code as the CLI.
//!
//! Feature `secrets` (on by default; the page's main package leaves it out).

mod bundle;
pub mod certificate;
mod error;
pub mod keys;
mod random;
mod talosconfig;

pub use bundle::{
    CertAndKey, Flavor, Progress, SecretsBundle, ADMIN_VALIDITY_SECS, CA_VALIDITY_SECS,
};
pub use certificate::UnixTime;
pub use error::SecretsError;
pub use talosconfig::talosconfig;
