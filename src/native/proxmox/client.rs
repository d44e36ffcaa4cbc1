//! The Proxmox VE REST client: `/api2/json`, the `{"data": ...}` envelope, API token or
//! ticket authentication, and errors turned into one sentence.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, COOKIE};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::Mutex;

use super::error::ProxmoxError;
use super::settings::{Credentials, Settings};
use crate::native::tls::client_config_builder;

/// An HTTP method of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    fn reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        }
    }

    /// Whether the call only reads (and so may be retried, and runs in `--dry-run`).
    pub fn is_read(self) -> bool {
        self == Method::Get
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One API call: what `--dry-run` prints and what the client sends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Call {
    pub method: Method,
    /// The path below `/api2/json`, segments already encoded.
    pub path: String,
    /// Parameters in order: the query of a GET or DELETE, the form body otherwise.
    pub params: Vec<(String, String)>,
}

impl Call {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Call {
            method,
            path: path.into(),
            params: Vec::new(),
        }
    }

    /// Adds a parameter.
    pub fn param(mut self, key: &str, value: impl ToString) -> Self {
        self.params.push((key.to_owned(), value.to_string()));
        self
    }

    /// The value of a parameter.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if !self.params.is_empty() {
            let parts: Vec<String> = self
                .params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            write!(f, " {}", parts.join(" "))?;
        }
        Ok(())
    }
}

/// Encodes one path segment (a node, storage, VM ID or UPID). PVE's own characters
/// (`:`, `@`, `!`) are legal in a path segment and stay as they are.
pub fn seg(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~:@!$&'()*+,;=".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What to check when Proxmox refuses the credentials.
const TOKEN_HINT: &str = "check PROXMOX_VE_API_TOKEN (user@realm!tokenid=secret) and that the \
                          token exists and is not expired";
const PASSWORD_HINT: &str =
    "check PROXMOX_VE_USERNAME (with its realm, like root@pam) and PROXMOX_VE_PASSWORD";

#[derive(Clone)]
struct Ticket {
    cookie: String,
    csrf: String,
}

/// A connected client. Cheap to share behind an `Arc`; calls may run concurrently.
pub struct Client {
    http: reqwest::Client,
    endpoint: String,
    credentials: Credentials,
    ticket: Mutex<Option<Ticket>>,
    requests: AtomicU64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("principal", &self.credentials.principal())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Builds the client; nothing is sent yet.
    pub fn new(settings: &Settings) -> Result<Arc<Self>, ProxmoxError> {
        let tls = client_config_builder(&settings.trust)
            .map_err(|e| ProxmoxError::Tls(e.to_string()))?
            .with_no_client_auth();
        let mut headers = HeaderMap::new();
        if let Credentials::Token { id, secret } = &settings.credentials {
            let mut value = HeaderValue::from_str(&format!("PVEAPIToken={id}={}", secret.expose()))
                .map_err(|_| {
                    ProxmoxError::Settings(
                        "the API token contains characters that cannot be sent in a header".into(),
                    )
                })?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .default_headers(headers)
            // The API never redirects; following one could carry the token elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.timeout)
            .connect_timeout(Duration::from_secs(15))
            .user_agent(concat!("talos-planner/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ProxmoxError::Tls(error_chain(&e)))?;
        Ok(Arc::new(Client {
            http,
            endpoint: settings.endpoint.clone(),
            credentials: settings.credentials.clone(),
            ticket: Mutex::new(None),
            requests: AtomicU64::new(0),
        }))
    }

    /// The endpoint, for messages.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// How many HTTP requests this client has sent.
    pub fn request_count(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Sends a call and returns the `data` of the answer.
    pub async fn execute(&self, call: &Call) -> Result<Value, ProxmoxError> {
        let attempts = if call.method.is_read() { 3 } else { 1 };
        let mut relogged = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let ticket = self.ticket_for(call).await?;
            match self.send(call, ticket.as_ref()).await {
                // Retry a read that got no answer, but not a certificate refusal.
                Err(ProxmoxError::Transport { ref detail, .. })
                    if attempt < attempts
                        && !detail.contains("certificate")
                        && !detail.contains("fingerprint") =>
                {
                    tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
                }
                // An expired ticket: log in again, once.
                Err(ProxmoxError::Unauthorized { .. })
                    if ticket.is_some() && !relogged && call.path != "/access/ticket" =>
                {
                    relogged = true;
                    *self.ticket.lock().await = None;
                }
                other => return other,
            }
        }
    }

    /// Sends a GET and decodes its `data`.
    pub async fn get<T: DeserializeOwned>(&self, call: &Call) -> Result<T, ProxmoxError> {
        let data = self.execute(call).await?;
        serde_json::from_value(data).map_err(|e| ProxmoxError::Decode {
            method: call.method.to_string(),
            path: call.path.clone(),
            detail: e.to_string(),
        })
    }

    async fn ticket_for(&self, call: &Call) -> Result<Option<Ticket>, ProxmoxError> {
        let Credentials::Password { username, password } = &self.credentials else {
            return Ok(None);
        };
        if call.path == "/access/ticket" {
            return Ok(None);
        }
        let mut guard = self.ticket.lock().await;
        if let Some(t) = guard.as_ref() {
            return Ok(Some(t.clone()));
        }
        let login = Call::new(Method::Post, "/access/ticket")
            .param("username", username)
            .param("password", password.expose());
        let data = self.send(&login, None).await.map_err(|e| match e {
            // A refused login (PVE answers 401, sometimes 400 or 403). A server error
            // stays one: it says nothing about the credentials.
            ProxmoxError::Api { status, reason, .. } if status < 500 => {
                ProxmoxError::Unauthorized {
                    method: "POST".into(),
                    path: "/access/ticket".into(),
                    status,
                    reason,
                    hint: PASSWORD_HINT,
                }
            }
            other => other,
        })?;
        let field = |name: &str| {
            data.get(name)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| ProxmoxError::Decode {
                    method: "POST".into(),
                    path: "/access/ticket".into(),
                    detail: format!("no `{name}` in the login answer"),
                })
        };
        if data.get("NeedTFA").is_some() {
            return Err(ProxmoxError::Settings(
                "this Proxmox user needs a second factor; use an API token instead \
                 (PROXMOX_VE_API_TOKEN)"
                    .into(),
            ));
        }
        let ticket = Ticket {
            cookie: field("ticket")?,
            csrf: field("CSRFPreventionToken")?,
        };
        *guard = Some(ticket.clone());
        Ok(Some(ticket))
    }

    async fn send(&self, call: &Call, ticket: Option<&Ticket>) -> Result<Value, ProxmoxError> {
        let url = format!("{}/api2/json{}", self.endpoint, call.path);
        let mut req = self.http.request(call.method.reqwest(), &url);
        req = if matches!(call.method, Method::Get | Method::Delete) {
            req.query(&call.params)
        } else {
            req.form(&call.params)
        };
        if let Some(t) = ticket {
            let mut cookie = HeaderValue::from_str(&format!("PVEAuthCookie={}", t.cookie))
                .map_err(|_| ProxmoxError::Decode {
                    method: "POST".into(),
                    path: "/access/ticket".into(),
                    detail: "the ticket cannot be sent back as a cookie".into(),
                })?;
            cookie.set_sensitive(true);
            req = req.header(COOKIE, cookie);
            if !call.method.is_read() {
                let mut csrf =
                    HeaderValue::from_str(&t.csrf).map_err(|_| ProxmoxError::Decode {
                        method: "POST".into(),
                        path: "/access/ticket".into(),
                        detail: "the CSRF token cannot be sent back as a header".into(),
                    })?;
                csrf.set_sensitive(true);
                req = req.header("CSRFPreventionToken", csrf);
            }
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let transport = |e: reqwest::Error| ProxmoxError::Transport {
            endpoint: self.endpoint.clone(),
            method: call.method.to_string(),
            path: call.path.clone(),
            detail: error_chain(&e),
        };
        let resp = req.send().await.map_err(transport)?;
        let status = resp.status();
        let reason = resp
            .extensions()
            .get::<hyper::ext::ReasonPhrase>()
            .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
            .or_else(|| status.canonical_reason().map(str::to_owned))
            .unwrap_or_default();
        let body = resp.bytes().await.map_err(transport)?;
        let json: Option<Value> = serde_json::from_slice(&body).ok();
        if status.is_success() {
            let Some(json) = json else {
                return Err(ProxmoxError::Decode {
                    method: call.method.to_string(),
                    path: call.path.clone(),
                    detail: "the body is not JSON".into(),
                });
            };
            return Ok(json.get("data").cloned().unwrap_or(Value::Null));
        }
        let message = json
            .as_ref()
            .and_then(|j| j.get("message"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mut errors = BTreeMap::new();
        match json.as_ref().and_then(|j| j.get("errors")) {
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                    errors.insert(k.clone(), text);
                }
            }
            Some(Value::String(s)) => {
                errors.insert("error".into(), s.clone());
            }
            _ => {}
        }
        if status.as_u16() == 401 {
            return Err(ProxmoxError::Unauthorized {
                method: call.method.to_string(),
                path: call.path.clone(),
                status: 401,
                reason: message.map_or(reason, |m| m.trim().to_owned()),
                hint: match self.credentials {
                    Credentials::Token { .. } => TOKEN_HINT,
                    Credentials::Password { .. } => PASSWORD_HINT,
                },
            });
        }
        Err(ProxmoxError::Api {
            method: call.method.to_string(),
            path: call.path.clone(),
            status: status.as_u16(),
            reason,
            message,
            errors,
        })
    }
}

/// An error and its causes, joined: reqwest's own message hides the TLS or I/O reason.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_upid_characters() {
        let upid = "UPID:pve01:00001234:0000ABCD:65000000:qmcreate:700:root@pam!ci:";
        assert_eq!(seg(upid), upid);
        assert_eq!(seg("a b/c"), "a%20b%2Fc");
    }

    #[test]
    fn calls_print_for_dry_runs() {
        let call = Call::new(Method::Post, "/nodes/pve01/qemu/700/status/start");
        assert_eq!(call.to_string(), "POST /nodes/pve01/qemu/700/status/start");
        let call = Call::new(Method::Put, "/x")
            .param("disk", "scsi0")
            .param("size", "50G");
        assert_eq!(call.to_string(), "PUT /x disk=scsi0 size=50G");
        assert_eq!(call.get("size"), Some("50G"));
    }
}
