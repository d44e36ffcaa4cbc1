//! Why a secrets bundle could not be made or read. Messages name the field, never its
//! value: a bundle's fields are secrets.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SecretsError {
    /// The text is not a bundle (YAML syntax, wrong shape).
    #[error("not a Talos secrets bundle: {0}")]
    Format(String),
    /// Fields are missing or unusable; every problem, one per entry.
    #[error("the secrets bundle is invalid: {}", .0.join("; "))]
    Invalid(Vec<String>),
    /// A key or certificate could not be made.
    #[error("could not make {what}: {reason}")]
    Crypto { what: &'static str, reason: String },
}

impl SecretsError {
    pub(crate) fn crypto(what: &'static str, reason: impl std::fmt::Display) -> Self {
        SecretsError::Crypto {
            what,
            reason: reason.to_string(),
        }
    }
}
