//! In-process Talos machine API servers (tonic + rustls, hand-written prost messages),
//! one per node, in both of Talos's modes on one port:
//! - maintenance: a self-signed certificate, no client certificate asked; Version is
//!   refused as Talos refuses it to non-admins; ApplyConfiguration switches the node to
//! - configured: a certificate from the Talos CA, a client certificate from the same CA
//!   required (mutual TLS); Version, Bootstrap (once; then AlreadyExists) and Kubeconfig.
//!   As Talos's apid does, the node takes that CA from the applied machine config
//!   (`machine.ca`): its own certificate is issued by it, and clients must present a
//!   certificate it signed (siderolabs/talos `internal/app/apid`, the OS CA of the
//!   machine config). A config without `machine.ca` keeps the test PKI.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tonic::{Code, Status};
use tonic_prost::ProstCodec;

use talos_planner::native::talos::kubeconfig;
use talos_planner::native::talos::proto::{
    self, ApplyConfiguration, ApplyConfigurationRequest, ApplyConfigurationResponse, Bootstrap,
    BootstrapRequest, BootstrapResponse, Data, Empty, Metadata, Version, VersionInfo,
    VersionResponse,
};

use super::certs::{mtls_server_config, self_signed, server_config, Ca, Leaf};

/// What one node saw.
#[derive(Debug, Default, Clone)]
pub struct NodeLog {
    /// (config bytes, mode, over mutual TLS).
    pub applied: Vec<(String, i32, bool)>,
    /// Over mutual TLS, for each Bootstrap call.
    pub bootstraps: Vec<bool>,
    pub kubeconfigs: u32,
    /// Connections that presented a client certificate.
    pub mtls_connections: u32,
    pub maintenance_connections: u32,
}

#[derive(Debug, Default)]
struct NodeState {
    configured: bool,
    bootstrapped: bool,
    log: NodeLog,
    /// The next apply fails with this code and message (then the fault is spent).
    apply_fault: Option<(Code, String)>,
    /// The applied config's OS CA, and the mutual-TLS set-up made from it.
    ca: Option<String>,
    adopted: Option<Arc<rustls::ServerConfig>>,
}

/// OS CA keys by CA certificate, from control plane configs: the fake's trustd.
static TRUSTD_KEYS: std::sync::LazyLock<Mutex<std::collections::HashMap<String, String>>> =
    std::sync::LazyLock::new(|| Mutex::new(std::collections::HashMap::new()));

/// The OS CA certificate of a machine config (`machine.ca.crt`); a control plane's
/// key (`machine.ca.key`) is remembered for the fake's trustd.
fn ca_of_config(config: &str) -> Option<String> {
    use base64::Engine;
    let decode = |v: &yaml_serde::Value| {
        v.as_str()
            .filter(|s| !s.is_empty())
            .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
            .and_then(|b| String::from_utf8(b).ok())
    };
    let document = config
        .split("\n---\n")
        .filter_map(|d| yaml_serde::from_str::<yaml_serde::Value>(d).ok())
        .find(|d| d.get("machine").is_some())?;
    let ca = document.get("machine")?.get("ca")?;
    let crt = decode(ca.get("crt")?)?;
    if let Some(key) = ca.get("key").and_then(decode) {
        TRUSTD_KEYS
            .lock()
            .expect("trustd keys")
            .insert(crt.clone(), key);
    }
    Some(crt)
}

/// The mutual-TLS server set-up of an OS CA: the node's certificate issued by it (a
/// worker's by the control planes' trustd, so only once a control plane brought the
/// key), clients verified against it.
fn tls_of_ca(crt: &str) -> Option<Arc<rustls::ServerConfig>> {
    let key = TRUSTD_KEYS.lock().expect("trustd keys").get(crt)?.clone();
    let ca = Ca::from_pem(crt, &key);
    let server = ca.server("apid");
    Some(mtls_server_config(&server, &ca, &[b"h2"]))
}

/// The Talos PKI of a test cluster and the talosconfig text for it.
pub struct TalosPki {
    pub ca: Ca,
    pub client: Leaf,
    pub server: Leaf,
}

impl TalosPki {
    pub fn new() -> TalosPki {
        TalosPki::of(Ca::new("talos", &rcgen::PKCS_ED25519))
    }

    /// The PKI of a cluster's OS CA (a secrets bundle's `certs.os`).
    pub fn from_os_ca(crt_pem: &str, key_pem: &str) -> TalosPki {
        TalosPki::of(Ca::from_pem(crt_pem, key_pem))
    }

    fn of(ca: Ca) -> TalosPki {
        let client = ca.client("admin", "os:admin");
        let server = ca.server("apid");
        TalosPki { ca, client, server }
    }

    /// A talosconfig, with the key under Talos's own PEM label.
    pub fn talosconfig(&self, endpoints: &[String]) -> String {
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let key = self
            .client
            .key_pem
            .replace("BEGIN PRIVATE KEY", "BEGIN ED25519 PRIVATE KEY")
            .replace("END PRIVATE KEY", "END ED25519 PRIVATE KEY");
        format!(
            "context: homelab\ncontexts:\n    homelab:\n        endpoints:\n{}        ca: {}\n        crt: {}\n        key: {}\n",
            endpoints
                .iter()
                .map(|e| format!("            - {e}\n"))
                .collect::<String>(),
            b64(&self.ca.pem()),
            b64(&self.client.cert_pem),
            b64(&key),
        )
    }
}

/// One fake node.
pub struct TalosNode {
    pub addr: SocketAddr,
    pub maintenance_fingerprint: String,
    state: Arc<Mutex<NodeState>>,
    server: JoinHandle<()>,
}

impl Drop for TalosNode {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The kubeconfig the fake hands out.
pub const KUBECONFIG: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: homelab\n  cluster:\n    server: https://10.10.100.13:6443\n";

impl TalosNode {
    /// Starts a node in maintenance mode (or already configured).
    pub async fn start(pki: &TalosPki, configured: bool) -> TalosNode {
        let maintenance = self_signed("maintenance");
        let maintenance_config = server_config(&maintenance, &[b"h2"]);
        let normal_config = mtls_server_config(&pki.server, &pki.ca, &[b"h2"]);
        let state = Arc::new(Mutex::new(NodeState {
            configured,
            bootstrapped: false,
            ..Default::default()
        }));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let shared = state.clone();
        let server = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                let config = {
                    let mut s = shared.lock().expect("node");
                    if s.adopted.is_none() {
                        s.adopted = s.ca.as_deref().and_then(tls_of_ca);
                    }
                    match (&s.adopted, s.configured) {
                        (Some(adopted), true) => adopted.clone(),
                        (None, true) => normal_config.clone(),
                        (_, false) => maintenance_config.clone(),
                    }
                };
                let state = shared.clone();
                tokio::spawn(async move {
                    let Ok(tls) = TlsAcceptor::from(config).accept(tcp).await else {
                        return;
                    };
                    let mtls = tls.get_ref().1.peer_certificates().is_some();
                    {
                        let mut s = state.lock().expect("node");
                        if mtls {
                            s.log.mtls_connections += 1;
                        } else {
                            s.log.maintenance_connections += 1;
                        }
                    }
                    let service = hyper::service::service_fn(move |req| {
                        let state = state.clone();
                        async move { Ok::<_, Infallible>(dispatch(req, state, mtls).await) }
                    });
                    let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        TalosNode {
            addr,
            maintenance_fingerprint: maintenance.fingerprint(),
            state,
            server,
        }
    }

    pub fn log(&self) -> NodeLog {
        self.state.lock().expect("node").log.clone()
    }

    pub fn configured(&self) -> bool {
        self.state.lock().expect("node").configured
    }

    /// The next ApplyConfiguration fails with this code and message.
    pub fn fail_next_apply(&self, code: Code, message: &str) {
        self.state.lock().expect("node").apply_fault = Some((code, message.into()));
    }
}

async fn dispatch(
    req: hyper::Request<Incoming>,
    state: Arc<Mutex<NodeState>>,
    mtls: bool,
) -> http::Response<tonic::body::Body> {
    let path = req.uri().path().to_owned();
    match path.as_str() {
        proto::path::VERSION => {
            let mut grpc =
                tonic::server::Grpc::new(ProstCodec::<VersionResponse, Empty>::default());
            let svc = tower::service_fn(move |_r: tonic::Request<Empty>| {
                let state = state.clone();
                async move {
                    if !state.lock().expect("node").configured || !mtls {
                        return Err(Status::unimplemented(
                            "API is not implemented in maintenance mode",
                        ));
                    }
                    Ok(tonic::Response::new(VersionResponse {
                        messages: vec![Version {
                            metadata: Some(Metadata::default()),
                            version: Some(VersionInfo {
                                tag: "v1.12.0".into(),
                                ..Default::default()
                            }),
                            platform: None,
                        }],
                    }))
                }
            });
            grpc.unary(svc, req).await
        }
        proto::path::APPLY_CONFIGURATION => {
            let mut grpc = tonic::server::Grpc::new(ProstCodec::<
                ApplyConfigurationResponse,
                ApplyConfigurationRequest,
            >::default());
            let svc = tower::service_fn(move |r: tonic::Request<ApplyConfigurationRequest>| {
                let state = state.clone();
                async move {
                    let r = r.into_inner();
                    let mut s = state.lock().expect("node");
                    if let Some((code, message)) = s.apply_fault.take() {
                        return Err(Status::new(code, message));
                    }
                    let text = String::from_utf8_lossy(&r.data).into_owned();
                    if let Some(crt) = ca_of_config(&text) {
                        s.ca = Some(crt);
                        s.adopted = None;
                    }
                    s.log.applied.push((text, r.mode, mtls));
                    s.configured = true;
                    Ok(tonic::Response::new(ApplyConfigurationResponse {
                        messages: vec![ApplyConfiguration {
                            metadata: None,
                            warnings: vec![],
                            mode: r.mode,
                            mode_details: "Applied configuration".into(),
                        }],
                    }))
                }
            });
            grpc.unary(svc, req).await
        }
        proto::path::BOOTSTRAP => {
            let mut grpc = tonic::server::Grpc::new(ProstCodec::<
                BootstrapResponse,
                BootstrapRequest,
            >::default());
            let svc = tower::service_fn(move |_r: tonic::Request<BootstrapRequest>| {
                let state = state.clone();
                async move {
                    let mut s = state.lock().expect("node");
                    s.log.bootstraps.push(mtls);
                    if !mtls || !s.configured {
                        return Err(Status::unimplemented(
                            "API is not implemented in maintenance mode",
                        ));
                    }
                    if s.bootstrapped {
                        return Err(Status::new(
                            Code::AlreadyExists,
                            "etcd data directory is not empty",
                        ));
                    }
                    s.bootstrapped = true;
                    Ok(tonic::Response::new(BootstrapResponse {
                        messages: vec![Bootstrap { metadata: None }],
                    }))
                }
            });
            grpc.unary(svc, req).await
        }
        proto::path::KUBECONFIG => {
            let mut grpc = tonic::server::Grpc::new(ProstCodec::<Data, Empty>::default());
            let svc = tower::service_fn(move |_r: tonic::Request<Empty>| {
                let state = state.clone();
                async move {
                    let mut s = state.lock().expect("node");
                    if !mtls || !s.bootstrapped {
                        return Err(Status::unavailable("kubeconfig is not ready"));
                    }
                    s.log.kubeconfigs += 1;
                    let archive = kubeconfig::archive(KUBECONFIG)
                        .map_err(|e| Status::internal(e.to_string()))?;
                    let (a, b) = archive.split_at(archive.len() / 2);
                    let chunks = vec![
                        Ok(Data {
                            metadata: None,
                            bytes: a.to_vec(),
                        }),
                        Ok(Data {
                            metadata: None,
                            bytes: b.to_vec(),
                        }),
                    ];
                    Ok(tonic::Response::new(futures_util::stream::iter(chunks)))
                }
            });
            grpc.server_streaming(svc, req).await
        }
        _ => {
            let status = Status::unimplemented(format!("{path} is not implemented"));
            status.into_http()
        }
    }
}

/// A TCP listener standing for the Kubernetes API on the VIP.
pub async fn vip_listener() -> (SocketAddr, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let handle = tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            drop(tcp);
        }
    });
    (addr, handle)
}
