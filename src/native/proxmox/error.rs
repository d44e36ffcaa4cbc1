//! The Proxmox client's one error type. Every variant reads as one sentence that says
//! what failed; none can carry a credential (the client never puts one in a message).

use std::collections::BTreeMap;

use thiserror::Error;

/// Why a Proxmox call failed.
#[derive(Debug, Error)]
pub enum ProxmoxError {
    /// Settings missing or malformed (no endpoint, a token of the wrong shape, ...).
    #[error("{0}")]
    Settings(String),
    /// The TLS configuration could not be built.
    #[error("cannot set up TLS for Proxmox: {0}")]
    Tls(String),
    /// The request never got an answer (DNS, refused, TLS handshake, timeout).
    #[error("cannot reach Proxmox at {endpoint} ({method} {path}): {detail}")]
    Transport {
        endpoint: String,
        method: String,
        path: String,
        detail: String,
    },
    /// 401: the credentials were refused.
    #[error("Proxmox refused the credentials ({status} {reason}) on {method} {path}; {hint}")]
    Unauthorized {
        method: String,
        path: String,
        status: u16,
        reason: String,
        hint: &'static str,
    },
    /// Any other non-success answer.
    #[error("{}", api_sentence(.method, .path, *.status, .reason, .message, .errors))]
    Api {
        method: String,
        path: String,
        status: u16,
        /// The reason phrase (PVE puts its message there).
        reason: String,
        /// The body's `message`, when it has one.
        message: Option<String>,
        /// The body's per-parameter `errors`.
        errors: BTreeMap<String, String>,
    },
    /// A success answer whose body is not what the API documents.
    #[error("Proxmox answered {method} {path} with an unexpected body: {detail}")]
    Decode {
        method: String,
        path: String,
        detail: String,
    },
    /// A task ended with an error exit status.
    #[error("Proxmox task {kind} on node {node} failed: {exitstatus}")]
    TaskFailed {
        node: String,
        kind: String,
        upid: String,
        exitstatus: String,
    },
    /// A task did not stop in time.
    #[error("Proxmox task {kind} on node {node} was still running after {secs} s ({upid})")]
    TaskTimeout {
        node: String,
        kind: String,
        upid: String,
        secs: u64,
    },
    /// A string that should be a task ID is not one.
    #[error("`{0}` is not a Proxmox task ID (UPID)")]
    Upid(String),
}

impl ProxmoxError {
    /// The HTTP status of an API error, if it is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ProxmoxError::Api { status, .. } | ProxmoxError::Unauthorized { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }
}

fn api_sentence(
    method: &str,
    path: &str,
    status: u16,
    reason: &str,
    message: &Option<String>,
    errors: &BTreeMap<String, String>,
) -> String {
    let mut out = format!("Proxmox refused {method} {path}: {status}");
    let message = message.as_deref().map(str::trim).filter(|m| !m.is_empty());
    let reason = reason.trim();
    match message {
        Some(m) => {
            out.push(' ');
            out.push_str(m.trim_end_matches('.'));
        }
        None if !reason.is_empty() => {
            out.push(' ');
            out.push_str(reason.trim_end_matches('.'));
        }
        None => {}
    }
    if !errors.is_empty() {
        let parts: Vec<String> = errors
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.trim()))
            .collect();
        out.push_str(" (");
        out.push_str(&parts.join("; "));
        out.push(')');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_read_as_one_sentence() {
        let mut errors = BTreeMap::new();
        errors.insert("net0".to_owned(), "invalid format - bridge\n".to_owned());
        let err = ProxmoxError::Api {
            method: "POST".into(),
            path: "/nodes/pve01/qemu".into(),
            status: 400,
            reason: "Parameter verification failed.".into(),
            message: Some("Parameter verification failed.\n".into()),
            errors,
        };
        assert_eq!(
            err.to_string(),
            "Proxmox refused POST /nodes/pve01/qemu: 400 Parameter verification failed (net0: invalid format - bridge)"
        );
        let bare = ProxmoxError::Api {
            method: "GET".into(),
            path: "/version".into(),
            status: 500,
            reason: "Internal Server Error".into(),
            message: None,
            errors: BTreeMap::new(),
        };
        assert_eq!(
            bare.to_string(),
            "Proxmox refused GET /version: 500 Internal Server Error"
        );
    }
}
