//! Connection settings: from flags, else the environment names that users of the
//! Proxmox Terraform provider already have (`PROXMOX_VE_ENDPOINT`, `PROXMOX_VE_API_TOKEN`,
//! `PROXMOX_VE_USERNAME`/`PROXMOX_VE_PASSWORD`, `PROXMOX_VE_INSECURE`).
//!
//! Secrets live in [`Secret`], whose `Debug` and `Display` never show the value, so a
//! stray `{:?}` cannot leak a token into a log.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::error::ProxmoxError;
use crate::native::tls::{Fingerprint, Trust};

/// A credential. Only [`Secret::expose`] gives the text, and only the client calls it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    /// The secret text, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// How the client authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// An API token: `user@realm!tokenid` and its secret, sent as
    /// `Authorization: PVEAPIToken=user@realm!tokenid=secret` on every request.
    Token { id: String, secret: Secret },
    /// A user and password, exchanged for a ticket (cookie) and a CSRF token.
    Password { username: String, password: Secret },
}

impl Credentials {
    /// Reads `user@realm!tokenid=secret`. The error never repeats the text.
    pub fn parse_token(text: &str) -> Result<Self, ProxmoxError> {
        let text = text.trim();
        let shape = ProxmoxError::Settings(
            "the API token is not of the form `user@realm!tokenid=secret` \
             (as Proxmox shows it when the token is created)"
                .into(),
        );
        let Some((id, secret)) = text.split_once('=') else {
            return Err(shape);
        };
        let Some((user, token)) = id.split_once('!') else {
            return Err(shape);
        };
        if !user.contains('@') || token.is_empty() || secret.is_empty() {
            return Err(shape);
        }
        Ok(Credentials::Token {
            id: id.to_owned(),
            secret: Secret::new(secret),
        })
    }

    /// The user (or token) the requests act as, for messages.
    pub fn principal(&self) -> &str {
        match self {
            Credentials::Token { id, .. } => id,
            Credentials::Password { username, .. } => username,
        }
    }
}

/// What the command line gave; anything missing comes from the environment.
#[derive(Debug, Clone, Default)]
pub struct ConnectionInput {
    pub endpoint: Option<String>,
    pub username: Option<String>,
    /// Skip certificate verification (`--insecure`).
    pub insecure: bool,
    /// A PEM file of CA certificates to trust (Proxmox's `pve-root-ca.pem`).
    pub ca_cert: Option<PathBuf>,
    /// The SHA-256 fingerprint of the Proxmox certificate.
    pub fingerprint: Option<String>,
}

/// Everything the client needs to connect.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `https://host:8006`, without `/api2/json` or a trailing slash.
    pub endpoint: String,
    pub credentials: Credentials,
    pub trust: Trust,
    /// Per-request timeout.
    pub timeout: Duration,
}

impl Settings {
    /// Resolves flags and environment (`env` looks a name up; tests pass their own).
    pub fn resolve(
        input: &ConnectionInput,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, ProxmoxError> {
        let non_empty = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        // Every missing or conflicting setting is reported at once, in one message.
        let mut problems = Vec::new();
        let endpoint = match input
            .endpoint
            .clone()
            .or_else(|| non_empty("PROXMOX_VE_ENDPOINT"))
        {
            Some(endpoint) => match normalize_endpoint(&endpoint) {
                Ok(endpoint) => Some(endpoint),
                Err(e) => {
                    problems.push(settings_text(e));
                    None
                }
            },
            None => {
                problems.push(
                    "no Proxmox endpoint: pass --endpoint https://HOST:8006 or set \
                     PROXMOX_VE_ENDPOINT"
                        .to_owned(),
                );
                None
            }
        };

        let credentials = if let Some(token) = non_empty("PROXMOX_VE_API_TOKEN") {
            match Credentials::parse_token(&token) {
                Ok(c) => Some(c),
                Err(e) => {
                    problems.push(settings_text(e));
                    None
                }
            }
        } else {
            let username = input
                .username
                .clone()
                .or_else(|| non_empty("PROXMOX_VE_USERNAME"));
            let password = env("PROXMOX_VE_PASSWORD");
            match (username, password) {
                (Some(username), Some(password)) => Some(Credentials::Password {
                    username,
                    password: Secret::new(password),
                }),
                (Some(_), None) => {
                    problems.push(
                        "a Proxmox username was given but no password: set PROXMOX_VE_PASSWORD \
                         (or use an API token in PROXMOX_VE_API_TOKEN)"
                            .to_owned(),
                    );
                    None
                }
                _ => {
                    problems.push(
                        "no Proxmox credentials: set PROXMOX_VE_API_TOKEN \
                         (user@realm!tokenid=secret), or PROXMOX_VE_USERNAME and \
                         PROXMOX_VE_PASSWORD"
                            .to_owned(),
                    );
                    None
                }
            }
        };

        let env_insecure = non_empty("PROXMOX_VE_INSECURE")
            .map(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
            .unwrap_or(false);
        let insecure = input.insecure || env_insecure;
        let choices = [
            input.ca_cert.is_some(),
            input.fingerprint.is_some(),
            insecure,
        ];
        let mut trust = Some(Trust::System);
        if choices.iter().filter(|c| **c).count() > 1 {
            problems.push(
                "choose one way to trust Proxmox's certificate: --ca-cert, --fingerprint or \
                 --insecure"
                    .to_owned(),
            );
        } else if let Some(path) = &input.ca_cert {
            trust = match std::fs::read_to_string(path) {
                Ok(pem) => Some(Trust::CaPem(pem)),
                Err(e) => {
                    problems.push(format!("cannot read {}: {e}", path.display()));
                    None
                }
            };
        } else if let Some(fp) = &input.fingerprint {
            trust = match Fingerprint::parse(fp) {
                Ok(fp) => Some(Trust::Pinned(fp)),
                Err(e) => {
                    problems.push(e.to_string());
                    None
                }
            };
        } else if insecure {
            trust = Some(Trust::Insecure);
        }
        let (Some(endpoint), Some(credentials), Some(trust)) = (endpoint, credentials, trust)
        else {
            return Err(ProxmoxError::Settings(problems.join("; ")));
        };
        if !problems.is_empty() {
            return Err(ProxmoxError::Settings(problems.join("; ")));
        }
        Ok(Settings {
            endpoint,
            credentials,
            trust,
            timeout: Duration::from_secs(60),
        })
    }
}

/// The text of a settings error, without its variant's prefix.
fn settings_text(e: ProxmoxError) -> String {
    match e {
        ProxmoxError::Settings(text) => text,
        other => other.to_string(),
    }
}

/// `pve:8006`, `https://pve:8006/` and `https://pve:8006/api2/json` all mean
/// `https://pve:8006`. Only HTTPS: plain HTTP would send the token unencrypted; and no
/// `user:password@` in the URL, which would show in every transport error.
pub fn normalize_endpoint(text: &str) -> Result<String, ProxmoxError> {
    let text = text.trim();
    let mut e = if text.contains("://") {
        text.to_owned()
    } else {
        format!("https://{text}")
    };
    e = e.trim_end_matches('/').to_owned();
    if let Some(stripped) = e.strip_suffix("/api2/json") {
        e = stripped.to_owned();
    }
    let (scheme, rest) = e.split_once("://").unwrap_or_default();
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(ProxmoxError::Settings(
            "the Proxmox endpoint URL must not contain a user or password; use \
             PROXMOX_VE_API_TOKEN or PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD"
                .into(),
        ));
    }
    if scheme != "https" || authority.is_empty() {
        return Err(ProxmoxError::Settings(format!(
            "`{text}` is not a Proxmox endpoint URL: Proxmox's API is HTTPS, like \
             https://pve.example.com:8006"
        )));
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn token_from_environment() {
        let s = Settings::resolve(
            &ConnectionInput::default(),
            &env_of(&[
                ("PROXMOX_VE_ENDPOINT", "https://pve:8006/api2/json/"),
                ("PROXMOX_VE_API_TOKEN", "root@pam!ci=s3cr3t-value"),
            ]),
        )
        .unwrap();
        assert_eq!(s.endpoint, "https://pve:8006");
        assert!(matches!(s.trust, Trust::System));
        assert!(!format!("{s:?}").contains("s3cr3t-value"));
        assert_eq!(s.credentials.principal(), "root@pam!ci");
    }

    #[test]
    fn endpoints_are_https_without_credentials() {
        assert_eq!(normalize_endpoint("pve:8006/").unwrap(), "https://pve:8006");
        let plain = normalize_endpoint("http://pve:8006")
            .unwrap_err()
            .to_string();
        assert!(plain.contains("Proxmox's API is HTTPS"), "{plain}");
        for url in ["https://root:hunter2@pve:8006", "http://root:hunter2@pve"] {
            let creds = normalize_endpoint(url).unwrap_err().to_string();
            assert!(creds.contains("must not contain a user"), "{creds}");
            assert!(!creds.contains("hunter2"), "{creds}");
        }
        assert!(normalize_endpoint("https://").is_err());
    }

    #[test]
    fn bad_token_is_not_echoed() {
        let err = Credentials::parse_token("root@pam-nosep-s3cr3t").unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"));
    }

    #[test]
    fn insecure_needs_asking_and_excludes_pins() {
        let env = env_of(&[
            ("PROXMOX_VE_ENDPOINT", "pve:8006"),
            ("PROXMOX_VE_USERNAME", "root@pam"),
            ("PROXMOX_VE_PASSWORD", "pw"),
            ("PROXMOX_VE_INSECURE", "true"),
        ]);
        let s = Settings::resolve(&ConnectionInput::default(), &env).unwrap();
        assert!(matches!(s.trust, Trust::Insecure));
        let both = ConnectionInput {
            fingerprint: Some("00".repeat(32)),
            ..Default::default()
        };
        assert!(Settings::resolve(&both, &env).is_err());
    }
}
