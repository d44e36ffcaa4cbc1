//! A Talos machine API client: tonic over our own rustls connector.
//!
//! Two modes, as Talos has them on port 50000:
//! - maintenance: TLS without a client certificate; the node's certificate is self-signed
//!   at boot, so it is accepted as is or by a pinned fingerprint;
//! - normal: mutual TLS, the node's certificate verified against the talosconfig's CA
//!   and our client certificate from the talosconfig.
//!
//! tonic's own TLS cannot express either (no custom verifier, and Talos's Ed25519 keys
//! come under a label of their own), so the connector does the handshake itself.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use http::uri::PathAndQuery;
use hyper_util::rt::TokioIo;
use rustls::client::ResolvesClientCert;
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tonic::transport::{Channel, Endpoint};
use tonic_prost::ProstCodec;

use super::config::ClientIdentity;
use super::error::TalosError;
use super::proto::{self, ApplyMode};
use crate::native::proxmox::client::error_chain;
use crate::native::tls::{self, Fingerprint, Trust};

/// How to talk to a node.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Maintenance mode: no client certificate; the server certificate is checked only
    /// against `fingerprint`, when one is given.
    Maintenance { fingerprint: Option<Fingerprint> },
    /// Mutual TLS with the talosconfig identity.
    Authenticated(ClientIdentity),
}

/// Sends no client certificate, but remembers that the server asked for one: a
/// configured Talos node does, a node in maintenance mode does not.
#[derive(Debug, Default)]
struct NoticeCertRequest(AtomicBool);

impl NoticeCertRequest {
    /// A failed conversation: refused for want of a client certificate, or unreachable.
    fn failure(&self, addr: SocketAddr, e: &dyn std::error::Error) -> TalosError {
        if self.0.load(Ordering::SeqCst) {
            TalosError::ClientCertRequired {
                addr: addr.to_string(),
            }
        } else {
            TalosError::Connect {
                addr: addr.to_string(),
                detail: error_chain(e),
            }
        }
    }
}

impl ResolvesClientCert for NoticeCertRequest {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        self.0.store(true, Ordering::SeqCst);
        None
    }

    fn has_certs(&self) -> bool {
        false
    }
}

impl Mode {
    fn rustls_config(
        &self,
        asked: &Arc<NoticeCertRequest>,
    ) -> Result<rustls::ClientConfig, TalosError> {
        let config_error = |e: tls::TlsError| TalosError::Config(e.to_string());
        let mut config = match self {
            Mode::Maintenance { fingerprint } => {
                let trust = fingerprint.map_or(Trust::Insecure, Trust::Pinned);
                tls::client_config_builder(&trust)
                    .map_err(config_error)?
                    .with_client_cert_resolver(asked.clone())
            }
            Mode::Authenticated(id) => {
                let chain = tls::certificates(&id.crt_pem, "the talosconfig client certificate")
                    .map_err(config_error)?;
                let key = tls::private_key(&id.key_pem, "the talosconfig client key")
                    .map_err(config_error)?;
                tls::client_config_builder(&Trust::OnlyCaPem(id.ca_pem.clone()))
                    .map_err(config_error)?
                    .with_client_auth_cert(chain, key)
                    .map_err(|e| {
                        TalosError::Config(format!(
                            "the talosconfig client certificate and key cannot be used: {e}"
                        ))
                    })?
            }
        };
        // gRPC needs HTTP/2, and Talos (grpc-go) insists on ALPN saying so.
        config.alpn_protocols = vec![b"h2".to_vec()];
        Ok(config)
    }
}

/// Timeouts of one connection.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(5),
            request: Duration::from_secs(60),
        }
    }
}

/// A connected machine API client for one node.
pub struct MachineClient {
    pub(super) grpc: tonic::client::Grpc<Channel>,
    addr: SocketAddr,
    asked_for_cert: Arc<NoticeCertRequest>,
}

impl MachineClient {
    /// Connects (TCP, TLS handshake, HTTP/2) to `addr`.
    pub async fn connect(
        addr: SocketAddr,
        mode: &Mode,
        timeouts: Timeouts,
    ) -> Result<Self, TalosError> {
        let asked = Arc::new(NoticeCertRequest::default());
        let config = Arc::new(mode.rustls_config(&asked)?);
        let server_name = ServerName::IpAddress(addr.ip().into());
        let connector = tower::service_fn(move |_: http::Uri| {
            let config = config.clone();
            let server_name = server_name.clone();
            async move {
                let tcp = TcpStream::connect(addr).await?;
                tcp.set_nodelay(true)?;
                let tls = TlsConnector::from(config)
                    .connect(server_name, tcp)
                    .await
                    .map_err(|e| io::Error::new(e.kind(), error_chain(&e)))?;
                Ok::<_, io::Error>(TokioIo::new(tls))
            }
        });
        let endpoint = Endpoint::from_shared(format!("https://{addr}"))
            .map_err(|e| TalosError::Connect {
                addr: addr.to_string(),
                detail: e.to_string(),
            })?
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request);
        let channel = tokio::time::timeout(
            timeouts.connect + Duration::from_secs(1),
            endpoint.connect_with_connector(connector),
        )
        .await
        .map_err(|_| TalosError::Connect {
            addr: addr.to_string(),
            detail: format!("no answer within {} s", timeouts.connect.as_secs()),
        })?
        .map_err(|e| asked.failure(addr, &e))?;
        Ok(MachineClient {
            grpc: tonic::client::Grpc::new(channel),
            addr,
            asked_for_cert: asked,
        })
    }

    pub(super) async fn unary<Req, Resp>(
        &mut self,
        method: &'static str,
        path: &'static str,
        request: Req,
    ) -> Result<Resp, TalosError>
    where
        Req: prost::Message + Send + Sync + 'static,
        Resp: prost::Message + Default + Send + Sync + 'static,
    {
        self.grpc
            .ready()
            .await
            .map_err(|e| self.transport_error(&e))?;
        let codec: ProstCodec<Req, Resp> = ProstCodec::default();
        self.grpc
            .unary(
                tonic::Request::new(request),
                PathAndQuery::from_static(path),
                codec,
            )
            .await
            .map(tonic::Response::into_inner)
            .map_err(|status| self.rpc_error(method, status))
    }

    fn transport_error(&self, e: &dyn std::error::Error) -> TalosError {
        self.asked_for_cert.failure(self.addr, e)
    }

    /// Waits until the channel can take a call.
    pub(super) async fn grpc_ready(&mut self) -> Result<(), TalosError> {
        self.grpc
            .ready()
            .await
            .map_err(|e| self.transport_error(&e))
    }

    /// An answer without the message it must carry.
    pub(super) fn empty_answer(&self, method: &'static str) -> TalosError {
        TalosError::Rpc {
            addr: self.addr.to_string(),
            method,
            code: "Unknown".into(),
            message: "the answer carries no message".into(),
            status: Box::new(tonic::Status::unknown("empty answer")),
        }
    }

    pub(super) fn rpc_error(&self, method: &'static str, status: tonic::Status) -> TalosError {
        // Without a client certificate, a node that asked for one refuses everything.
        if self.asked_for_cert.0.load(Ordering::SeqCst) {
            return TalosError::ClientCertRequired {
                addr: self.addr.to_string(),
            };
        }
        // A status that carries a transport failure is a connection problem, not an
        // answer from Talos.
        if status.code() == tonic::Code::Unavailable || status.code() == tonic::Code::Unknown {
            if let Some(source) = std::error::Error::source(&status) {
                return TalosError::Connect {
                    addr: self.addr.to_string(),
                    detail: error_chain(source),
                };
            }
        }
        TalosError::Rpc {
            addr: self.addr.to_string(),
            method,
            code: format!("{:?}", status.code()),
            message: status.message().to_owned(),
            status: Box::new(status),
        }
    }

    /// `Version`: in maintenance mode Talos answers it only to admins, so any gRPC
    /// answer (even `Unimplemented`) shows that the API is up.
    pub async fn version(&mut self) -> Result<proto::VersionResponse, TalosError> {
        self.unary("Version", proto::path::VERSION, proto::Empty {})
            .await
    }

    /// `ApplyConfiguration` with the whole machine config.
    pub async fn apply_configuration(
        &mut self,
        config: &str,
        mode: ApplyMode,
    ) -> Result<proto::ApplyConfigurationResponse, TalosError> {
        let request = proto::ApplyConfigurationRequest {
            data: config.as_bytes().to_vec(),
            mode: mode as i32,
            dry_run: false,
        };
        self.unary(
            "ApplyConfiguration",
            proto::path::APPLY_CONFIGURATION,
            request,
        )
        .await
    }

    /// `Bootstrap`: makes this control plane start etcd as a new cluster.
    pub async fn bootstrap(&mut self) -> Result<proto::BootstrapResponse, TalosError> {
        let request = proto::BootstrapRequest {
            recover_etcd: false,
            recover_skip_hash_check: false,
        };
        self.unary("Bootstrap", proto::path::BOOTSTRAP, request)
            .await
    }

    /// `Kubeconfig`: the streamed chunks of a gzipped tar, joined.
    pub async fn kubeconfig_archive(&mut self) -> Result<Vec<u8>, TalosError> {
        self.grpc
            .ready()
            .await
            .map_err(|e| self.transport_error(&e))?;
        let codec: ProstCodec<proto::Empty, proto::Data> = ProstCodec::default();
        let mut stream = self
            .grpc
            .server_streaming(
                tonic::Request::new(proto::Empty {}),
                PathAndQuery::from_static(proto::path::KUBECONFIG),
                codec,
            )
            .await
            .map_err(|status| self.rpc_error("Kubeconfig", status))?
            .into_inner();
        let mut out = Vec::new();
        loop {
            match stream.message().await {
                Ok(Some(chunk)) => {
                    if let Some(meta) = chunk.metadata.as_ref().filter(|m| !m.error.is_empty()) {
                        return Err(TalosError::Kubeconfig {
                            addr: self.addr.to_string(),
                            detail: meta.error.clone(),
                        });
                    }
                    out.extend_from_slice(&chunk.bytes);
                }
                Ok(None) => break,
                Err(status) => return Err(self.rpc_error("Kubeconfig", status)),
            }
        }
        Ok(out)
    }
}
