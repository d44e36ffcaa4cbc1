//! An in-process Kubernetes API on loopback HTTPS: only Nodes, as the apiserver serves
//! them (kubernetes/kubernetes `staging/src/k8s.io/apiserver/pkg/endpoints/handlers/
//! delete.go`: a delete without finalizers answers 200 with the deleted object; a missing
//! one 404 with a `Status` of reason `NotFound`, `apimachinery/pkg/api/errors`). Client
//! certificates are optional at the TLS layer, as kube-apiserver asks for them; a request
//! without one is the anonymous user, who may not delete Nodes (403).

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use base64::Engine;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use super::certs::{Ca, Leaf};

/// What the fake holds and saw.
#[derive(Debug, Default)]
pub struct KubeState {
    /// Registered Nodes, by name.
    pub nodes: BTreeSet<String>,
    /// (method, path, had a client certificate, status).
    pub requests: Vec<(String, String, bool, u16)>,
}

/// A running fake apiserver.
pub struct FakeKube {
    pub addr: SocketAddr,
    pub state: Arc<Mutex<KubeState>>,
    /// The admin kubeconfig (server `https://<vip>:6443`, as Talos writes it).
    pub kubeconfig: String,
    server: JoinHandle<()>,
}

impl Drop for FakeKube {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn status(code: u16, reason: &str, message: &str, name: &str) -> Value {
    json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
           "message": message, "reason": reason, "details": {"name": name, "kind": "nodes"},
           "code": code})
}

fn reply(code: u16, body: &Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(code)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("response")
}

impl FakeKube {
    /// Starts the apiserver; `server` is what the kubeconfig names.
    pub async fn start(server: &str) -> FakeKube {
        let ca = Ca::new("kubernetes", &rcgen::PKCS_ECDSA_P256_SHA256);
        let serving = ca.server("kube-apiserver");
        let admin = ca.client("admin", "system:masters");
        let config = serving_config(&serving, &ca);
        let state = Arc::new(Mutex::new(KubeState::default()));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let shared = state.clone();
        let acceptor = TlsAcceptor::from(config);
        let handle = tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                let state = shared.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let authenticated = tls.get_ref().1.peer_certificates().is_some();
                    let service = hyper::service::service_fn(move |req| {
                        let state = state.clone();
                        async move { Ok::<_, Infallible>(handle(req, &state, authenticated)) }
                    });
                    let _ = hyper_util::server::conn::auto::Builder::new(
                        hyper_util::rt::TokioExecutor::new(),
                    )
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
                });
            }
        });
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let kubeconfig = format!(
            "apiVersion: v1\nkind: Config\nclusters:\n    - name: homelab\n      cluster:\n        server: {server}\n        certificate-authority-data: {}\nusers:\n    - name: admin@homelab\n      user:\n        client-certificate-data: {}\n        client-key-data: {}\ncontexts:\n    - context:\n        cluster: homelab\n        namespace: default\n        user: admin@homelab\n      name: admin@homelab\ncurrent-context: admin@homelab\n",
            b64(&ca.pem()),
            b64(&admin.cert_pem),
            b64(&admin.key_pem),
        );
        FakeKube {
            addr,
            state,
            kubeconfig,
            server: handle,
        }
    }

    pub fn nodes(&self) -> BTreeSet<String> {
        self.state.lock().expect("kube").nodes.clone()
    }
}

/// Serving certificate; client certificates verified when given (kube-apiserver's
/// `VerifyClientCertIfGiven`).
fn serving_config(leaf: &Leaf, ca: &Ca) -> Arc<rustls::ServerConfig> {
    let provider = talos_planner::native::tls::provider();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(ca.der()).expect("root");
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .allow_unauthenticated()
    .build()
    .expect("verifier");
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![leaf.cert_der.clone()], leaf.key())
        .expect("config");
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Arc::new(config)
}

fn handle(
    req: Request<Incoming>,
    state: &Mutex<KubeState>,
    authenticated: bool,
) -> Response<Full<Bytes>> {
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let mut st = state.lock().expect("kube");
    let name = path
        .strip_prefix("/api/v1/nodes/")
        .map(str::to_owned)
        .unwrap_or_default();
    let (code, body) = match (method.as_str(), path.as_str()) {
        (_, _) if !authenticated => (
            403,
            status(
                403,
                "Forbidden",
                &format!(
                    "nodes \"{name}\" is forbidden: User \"system:anonymous\" cannot {} resource \"nodes\" in API group \"\" at the cluster scope",
                    method.to_lowercase()
                ),
                &name,
            ),
        ),
        ("GET", "/api/v1/nodes") => (
            200,
            json!({"kind": "NodeList", "apiVersion": "v1", "metadata": {},
                   "items": st.nodes.iter().map(|n| node(n)).collect::<Vec<_>>()}),
        ),
        ("DELETE", _) if !name.is_empty() && !name.contains('/') => {
            if st.nodes.remove(&name) {
                (200, node(&name))
            } else {
                (
                    404,
                    status(404, "NotFound", &format!("nodes \"{name}\" not found"), &name),
                )
            }
        }
        _ => (
            404,
            status(404, "NotFound", "the server could not find the requested resource", ""),
        ),
    };
    st.requests.push((method, path, authenticated, code));
    reply(code, &body)
}

fn node(name: &str) -> Value {
    json!({"kind": "Node", "apiVersion": "v1",
           "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
           "spec": {}, "status": {}})
}
