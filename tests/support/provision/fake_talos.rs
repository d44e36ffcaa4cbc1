//! In-process Talos machine API servers (tonic + rustls, hand-written prost messages),
//! one per node, sharing one cluster (etcd and the Kubernetes Nodes), in both of Talos's
//! modes on one port:
//! - maintenance: a self-signed certificate, no client certificate asked; Version is
//!   refused as Talos refuses it to non-admins; ApplyConfiguration switches the node to
//! - configured: a certificate from the Talos CA, a client certificate from the same CA
//!   required (mutual TLS). As Talos's apid does, the node takes that CA from the
//!   applied machine config (`machine.ca`): its own certificate is issued by it, and
//!   clients must present a certificate it signed (siderolabs/talos
//!   `internal/app/apid`, the OS CA of the machine config). A config without
//!   `machine.ca` keeps the test PKI.
//!
//! What each call does follows siderolabs/talos
//! (`internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go`, the sequencer in
//! `internal/app/machined/pkg/runtime/v1alpha1/`, `internal/pkg/etcd/etcd.go`) and etcd
//! (etcd-io/etcd `server/etcdserver/server.go` `mayRemoveMember`,
//! `api/membership/cluster.go` `IsReadyToRemoveVotingMember`, `api/v3rpc/rpctypes`):
//! - a configured node boots: after `Timing::boot` it registers its Kubernetes Node and,
//!   on a control plane of a bootstrapped cluster, joins etcd as a learner that is
//!   promoted after `Timing::promote`; Bootstrap starts etcd (once; then
//!   `AlreadyExists`, and a second cluster if asked on a node that is not a member);
//! - ApplyConfiguration over mutual TLS (mode AUTO becomes NO_REBOOT) needs a v1alpha1
//!   document;
//! - Upgrade validates the installer image and, on a control plane, etcd
//!   (`ValidateForUpgrade`: never two members, every member started and healthy), answers
//!   at once, and after `Timing::upgrade_starts` the node goes away (its port refuses,
//!   its etcd member is down) and after `Timing::reboot` comes back on the new version
//!   and schematic;
//! - Reset answers at once; graceful on a control plane it then leaves etcd under etcd's
//!   own rule (a failure leaves the node up, as Talos's sequence fails), then powers off;
//! - the etcd calls are refused on workers (`Unimplemented`), member removal keeps etcd's
//!   quorum rule and removing the leader elects another, MemberList needs a leader;
//! - COSI Get of the machine config and List of the extensions (the `schematic` one).

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::{TcpListener, TcpSocket};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tonic::{Code, Status};
use tonic_prost::ProstCodec;

use talos_planner::native::talos::cosi;
use talos_planner::native::talos::kubeconfig;
use talos_planner::native::talos::proto::{
    self, ApplyConfiguration, ApplyConfigurationRequest, ApplyConfigurationResponse, ApplyMode,
    Bootstrap, BootstrapRequest, BootstrapResponse, Data, Empty, EtcdMember, EtcdMemberListRequest,
    EtcdMemberListResponse, EtcdMemberStatus, EtcdMembers, EtcdRemoveMemberByIdRequest, EtcdStatus,
    EtcdStatusResponse, Metadata, MetadataOnly, MetadataOnlyResponse, ResetRequest, ResetResponse,
    UpgradeRequest, UpgradeResponse, Version, VersionInfo, VersionResponse,
};

use super::certs::{mtls_server_config, self_signed, server_config, Ca, Leaf};
use super::fake_kube::KubeState;

/// The schematic of `extensions: [qemu-guest-agent]`.
pub const AGENT_SCHEMATIC: &str =
    "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515";

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
    /// Upgrade calls accepted: the images.
    pub upgrades: Vec<String>,
    /// Reset calls accepted: graceful or not.
    pub resets: Vec<bool>,
    pub leaves: u32,
}

/// How long things take on the fake nodes.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// From a config to the node's Kubernetes Node and etcd learner.
    pub boot: Duration,
    /// From learner to voting member.
    pub promote: Duration,
    /// From the Upgrade answer to the node going away.
    pub upgrade_starts: Duration,
    /// Down while it reboots into the new version.
    pub reboot: Duration,
    /// From the Reset answer to the node leaving etcd and powering off.
    pub reset: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        let ms = Duration::from_millis;
        Timing {
            boot: ms(40),
            promote: ms(40),
            upgrade_starts: ms(60),
            reboot: ms(200),
            reset: ms(60),
        }
    }
}

/// One etcd member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: u64,
    /// The hostname; empty until the member first starts.
    pub name: String,
    pub learner: bool,
    /// Its etcd runs (the node is up).
    pub started: bool,
}

/// Called with a node's hostname when it powers itself off (after a reset), so a test
/// can stop its VM on the fake Proxmox, as the hypervisor sees it.
#[derive(Clone)]
pub struct PowerOff(pub Arc<dyn Fn(&str) + Send + Sync>);

impl std::fmt::Debug for PowerOff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PowerOff")
    }
}

/// What the nodes share.
#[derive(Debug, Default)]
pub struct ClusterState {
    pub power_off: Option<PowerOff>,
    /// etcd was bootstrapped (successful Bootstrap calls; more than one is a split brain).
    pub bootstraps: u32,
    pub members: Vec<Member>,
    pub leader: Option<u64>,
    next_id: u64,
    /// The Kubernetes API's Nodes, when a fake apiserver runs.
    pub kube: Option<Arc<Mutex<KubeState>>>,
    pub kubeconfig: String,
    pub timing: Timing,
    /// What happened, in order (`upgrade controlplane-1 v1.12.1`, `left etcd ...`).
    pub events: Vec<String>,
}

impl ClusterState {
    fn quorum_of(n: usize) -> usize {
        n / 2 + 1
    }

    fn voting(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| !m.learner)
    }

    /// A leader exists: a quorum of the voting members runs.
    pub fn has_leader(&self) -> bool {
        let voting = self.voting().count();
        voting > 0 && self.voting().filter(|m| m.started).count() >= Self::quorum_of(voting)
    }

    fn elect(&mut self) {
        let current = self.leader.filter(|l| {
            self.members
                .iter()
                .any(|m| m.id == *l && m.started && !m.learner)
        });
        self.leader = if self.has_leader() {
            current.or_else(|| self.voting().find(|m| m.started).map(|m| m.id))
        } else {
            None
        };
    }

    /// etcd's member removal: the started voting members left must be a quorum of the
    /// voting members left (`IsReadyToRemoveVotingMember`); learners go freely.
    fn remove_member(&mut self, id: u64) -> Result<(), Status> {
        let Some(member) = self.members.iter().find(|m| m.id == id).cloned() else {
            return Err(Status::new(
                Code::NotFound,
                format!("failed to remove member {id}: etcdserver: member not found"),
            ));
        };
        if !self.has_leader() {
            return Err(Status::unavailable("etcdserver: no leader"));
        }
        if !member.learner {
            let others: Vec<&Member> = self.voting().filter(|m| m.id != id).collect();
            let started = others.iter().filter(|m| m.started).count();
            if started < Self::quorum_of(others.len()) {
                return Err(Status::new(
                    Code::FailedPrecondition,
                    format!(
                        "failed to remove member: failed to remove member {id}: etcdserver: \
                         re-configuration failed due to not enough started members"
                    ),
                ));
            }
        }
        self.members.retain(|m| m.id != id);
        if self.members.is_empty() {
            self.leader = None;
        } else {
            self.elect();
        }
        Ok(())
    }
}

/// The cluster the fake nodes share.
#[derive(Debug, Clone)]
pub struct FakeCluster(pub Arc<Mutex<ClusterState>>);

impl FakeCluster {
    pub fn new(kubeconfig: &str, kube: Option<Arc<Mutex<KubeState>>>, timing: Timing) -> Self {
        FakeCluster(Arc::new(Mutex::new(ClusterState {
            kubeconfig: kubeconfig.to_owned(),
            kube,
            timing,
            next_id: 0x8a2d_3b1f_0c00_0001,
            ..Default::default()
        })))
    }

    pub fn state(&self) -> std::sync::MutexGuard<'_, ClusterState> {
        self.0.lock().expect("cluster")
    }

    /// The members' names (started ones), sorted.
    pub fn member_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .state()
            .members
            .iter()
            .map(|m| m.name.clone())
            .collect();
        names.sort();
        names
    }
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

/// The kubeconfig the fake hands out when no apiserver runs.
pub const KUBECONFIG: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: homelab\n  cluster:\n    server: https://10.10.100.13:6443\n";

#[derive(Debug, Default)]
struct NodeState {
    configured: bool,
    /// The applied machine config.
    config: Option<String>,
    hostname: Option<String>,
    controlplane: bool,
    version: String,
    schematic: String,
    /// Its etcd member, while it is one.
    member: Option<u64>,
    /// Accepting connections.
    up: bool,
    /// Reset and powered off.
    halted: bool,
    /// Some boot that waits to register the node.
    booted: bool,
    log: NodeLog,
    /// The next apply fails with this code and message (then the fault is spent).
    apply_fault: Option<(Code, String)>,
    /// The next upgrade is refused so.
    upgrade_fault: Option<(Code, String)>,
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
    let document = documents(config)
        .into_iter()
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

struct Shared {
    addr: SocketAddr,
    state: Mutex<NodeState>,
    cluster: FakeCluster,
    maintenance: Arc<rustls::ServerConfig>,
    normal: Arc<rustls::ServerConfig>,
    listener: Mutex<Option<JoinHandle<()>>>,
    connections: Mutex<Vec<JoinHandle<()>>>,
}

/// One fake node.
pub struct TalosNode {
    pub addr: SocketAddr,
    pub maintenance_fingerprint: String,
    shared: Arc<Shared>,
}

impl Drop for TalosNode {
    fn drop(&mut self) {
        go_down(&self.shared);
    }
}

/// How a node starts.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Already configured with this machine config.
    pub config: Option<String>,
    pub version: String,
    pub schematic: String,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            config: None,
            version: "v1.12.0".into(),
            schematic: AGENT_SCHEMATIC.into(),
        }
    }
}

impl TalosNode {
    /// Starts a node in maintenance mode (or already configured, as a control plane) in a
    /// cluster of its own.
    pub async fn start(pki: &TalosPki, configured: bool) -> TalosNode {
        let cluster = FakeCluster::new(KUBECONFIG, None, Timing::default());
        let setup = Setup {
            config: configured.then(|| {
                "version: v1alpha1\nmachine:\n  type: controlplane\n  network:\n    hostname: \
                 homelab-controlplane-01\n"
                    .to_owned()
            }),
            ..Setup::default()
        };
        TalosNode::start_in(&cluster, pki, setup).await
    }

    /// Starts a node in `cluster`.
    pub async fn start_in(cluster: &FakeCluster, pki: &TalosPki, setup: Setup) -> TalosNode {
        let maintenance = self_signed("maintenance");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut state = NodeState {
            version: setup.version,
            schematic: setup.schematic,
            up: true,
            ..Default::default()
        };
        if let Some(config) = setup.config {
            state.configured = true;
            state.controlplane = machine_type(&config) != Some("worker".into());
            state.hostname = hostname_of(&config);
            state.ca = ca_of_config(&config);
            state.config = Some(config);
        }
        let configured = state.configured;
        let shared = Arc::new(Shared {
            addr,
            state: Mutex::new(state),
            cluster: cluster.clone(),
            maintenance: server_config(&maintenance, &[b"h2"]),
            normal: mtls_server_config(&pki.server, &pki.ca, &[b"h2"]),
            listener: Mutex::new(None),
            connections: Mutex::new(Vec::new()),
        });
        serve(&shared, listener);
        if configured {
            boot(&shared);
        }
        TalosNode {
            addr,
            maintenance_fingerprint: maintenance.fingerprint(),
            shared,
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, NodeState> {
        self.shared.state.lock().expect("node")
    }

    pub fn log(&self) -> NodeLog {
        self.state().log.clone()
    }

    pub fn configured(&self) -> bool {
        self.state().configured
    }

    pub fn version(&self) -> String {
        self.state().version.clone()
    }

    pub fn schematic(&self) -> String {
        self.state().schematic.clone()
    }

    /// The machine config it runs.
    pub fn config(&self) -> Option<String> {
        self.state().config.clone()
    }

    /// Reset and powered off.
    pub fn halted(&self) -> bool {
        self.state().halted
    }

    /// The next ApplyConfiguration fails with this code and message.
    pub fn fail_next_apply(&self, code: Code, message: &str) {
        self.state().apply_fault = Some((code, message.into()));
    }

    /// The next Upgrade is refused with this code and message (as when the installer
    /// image cannot be pulled).
    pub fn fail_next_upgrade(&self, code: Code, message: &str) {
        self.state().upgrade_fault = Some((code, message.into()));
    }

    /// The node goes away (a crash, a power cut) and its etcd member stops.
    pub fn crash(&self) {
        set_member_started(&self.shared, false);
        go_down(&self.shared);
    }
}

/// `machine.type` of a config.
fn machine_type(config: &str) -> Option<String> {
    documents(config)
        .iter()
        .find_map(|d| d.get("machine")?.get("type")?.as_str().map(str::to_owned))
}

/// The hostname a config gives: `HostnameConfig.hostname`, else
/// `machine.network.hostname`.
fn hostname_of(config: &str) -> Option<String> {
    let docs = documents(config);
    docs.iter()
        .find(|d| d.get("kind").and_then(|k| k.as_str()) == Some("HostnameConfig"))
        .and_then(|d| d.get("hostname")?.as_str().map(str::to_owned))
        .or_else(|| {
            docs.iter().find_map(|d| {
                d.get("machine")?
                    .get("network")?
                    .get("hostname")?
                    .as_str()
                    .map(str::to_owned)
            })
        })
}

fn documents(config: &str) -> Vec<yaml_serde::Value> {
    yaml_serde::Deserializer::from_str(config)
        .filter_map(|d| serde::Deserialize::deserialize(d).ok())
        .collect()
}

/// Accepts connections until the node goes down.
fn serve(shared: &Arc<Shared>, listener: TcpListener) {
    let me = shared.clone();
    let handle = tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let config = {
                let mut s = me.state.lock().expect("node");
                if s.adopted.is_none() {
                    s.adopted = s.ca.as_deref().and_then(tls_of_ca);
                }
                match (&s.adopted, s.configured) {
                    (Some(adopted), true) => adopted.clone(),
                    (None, true) => me.normal.clone(),
                    (_, false) => me.maintenance.clone(),
                }
            };
            let node = me.clone();
            let conn = tokio::spawn(async move {
                let Ok(tls) = TlsAcceptor::from(config).accept(tcp).await else {
                    return;
                };
                let mtls = tls.get_ref().1.peer_certificates().is_some();
                {
                    let mut s = node.state.lock().expect("node");
                    if mtls {
                        s.log.mtls_connections += 1;
                    } else {
                        s.log.maintenance_connections += 1;
                    }
                }
                let service = hyper::service::service_fn(move |req| {
                    let node = node.clone();
                    async move { Ok::<_, Infallible>(dispatch(req, node, mtls).await) }
                });
                let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
            let mut conns = me.connections.lock().expect("conns");
            conns.retain(|c| !c.is_finished());
            conns.push(conn);
        }
    });
    *shared.listener.lock().expect("listener") = Some(handle);
}

/// The port refuses connections and open ones break, as when the machine reboots.
fn go_down(shared: &Shared) {
    shared.state.lock().expect("node").up = false;
    if let Some(l) = shared.listener.lock().expect("listener").take() {
        l.abort();
    }
    for c in shared.connections.lock().expect("conns").drain(..) {
        c.abort();
    }
}

/// Listens on the same port again.
fn come_up(shared: &Arc<Shared>) {
    let socket = TcpSocket::new_v4().expect("socket");
    socket.set_reuseaddr(true).expect("reuseaddr");
    socket.bind(shared.addr).expect("rebind");
    let listener = socket.listen(64).expect("listen");
    shared.state.lock().expect("node").up = true;
    serve(shared, listener);
}

fn set_member_started(shared: &Shared, started: bool) {
    let member = shared.state.lock().expect("node").member;
    if let Some(id) = member {
        let mut c = shared.cluster.state();
        if let Some(m) = c.members.iter_mut().find(|m| m.id == id) {
            m.started = started;
        }
        c.elect();
    }
}

/// The node boots with its config: its Kubernetes Node registers and, on a control
/// plane of a bootstrapped cluster, it joins etcd (learner, then voting member).
fn boot(shared: &Arc<Shared>) {
    let me = shared.clone();
    tokio::spawn(async move {
        let timing = me.cluster.state().timing;
        tokio::time::sleep(timing.boot).await;
        let (hostname, controlplane, member) = {
            let mut s = me.state.lock().expect("node");
            if s.booted || s.halted {
                return;
            }
            s.booted = true;
            (
                s.hostname.clone().unwrap_or_default(),
                s.controlplane,
                s.member,
            )
        };
        let kube = me.cluster.state().kube.clone();
        if let Some(kube) = kube {
            kube.lock().expect("kube").nodes.insert(hostname.clone());
        }
        if controlplane && member.is_none() {
            join_etcd(&me, &hostname, timing).await;
        }
    });
}

/// Talos's etcd service on a joining control plane retries until a cluster it can join
/// answers (or it was bootstrapped here itself).
async fn join_etcd(me: &Arc<Shared>, hostname: &str, timing: Timing) {
    let id = loop {
        {
            let s = me.state.lock().expect("node");
            if s.member.is_some() || s.halted || !s.configured {
                return;
            }
        }
        let joined = {
            let mut c = me.cluster.state();
            if c.bootstraps == 0 || !c.has_leader() {
                None
            } else {
                c.next_id += 0x1_0001;
                let id = c.next_id;
                c.members.push(Member {
                    id,
                    name: hostname.to_owned(),
                    learner: true,
                    started: true,
                });
                c.events
                    .push(format!("{hostname} joined etcd as a learner"));
                Some(id)
            }
        };
        match joined {
            Some(id) => break id,
            None => tokio::time::sleep(timing.promote / 2).await,
        }
    };
    me.state.lock().expect("node").member = Some(id);
    tokio::time::sleep(timing.promote).await;
    let mut c = me.cluster.state();
    if let Some(m) = c.members.iter_mut().find(|m| m.id == id) {
        m.learner = false;
    }
    c.elect();
}

async fn unary<Req, Resp, F, Fut>(
    req: hyper::Request<Incoming>,
    f: F,
) -> http::Response<tonic::body::Body>
where
    Req: prost::Message + Default + Send + Sync + 'static,
    Resp: prost::Message + Default + Send + Sync + 'static,
    F: Fn(Req) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Resp, Status>> + Send + 'static,
{
    let mut grpc = tonic::server::Grpc::new(ProstCodec::<Resp, Req>::default());
    let svc = tower::service_fn(move |r: tonic::Request<Req>| {
        let f = f.clone();
        async move { f(r.into_inner()).await.map(tonic::Response::new) }
    });
    grpc.unary(svc, req).await
}

fn maintenance_refusal() -> Status {
    Status::unimplemented("API is not implemented in maintenance mode")
}

/// CheckControlplane (internal/app/internal/machinehelper).
fn control_plane_only(s: &NodeState, api: &str) -> Result<(), Status> {
    if s.controlplane {
        Ok(())
    } else {
        Err(Status::unimplemented(format!(
            "{api} is only available on control plane nodes"
        )))
    }
}

async fn dispatch(
    req: hyper::Request<Incoming>,
    node: Arc<Shared>,
    mtls: bool,
) -> http::Response<tonic::body::Body> {
    let path = req.uri().path().to_owned();
    let n = node.clone();
    // Every call but ApplyConfiguration needs a configured node and mutual TLS.
    let ready = move || -> Result<(), Status> {
        let s = n.state.lock().expect("node");
        if !s.configured || !mtls {
            return Err(maintenance_refusal());
        }
        Ok(())
    };
    match path.as_str() {
        proto::path::VERSION => {
            unary(req, move |_: Empty| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    let s = node.state.lock().expect("node");
                    Ok(VersionResponse {
                        messages: vec![Version {
                            metadata: Some(Metadata::default()),
                            version: Some(VersionInfo {
                                tag: s.version.clone(),
                                ..Default::default()
                            }),
                            platform: None,
                        }],
                    })
                }
            })
            .await
        }
        proto::path::APPLY_CONFIGURATION => {
            unary(req, move |r: ApplyConfigurationRequest| {
                let node = node.clone();
                async move { apply_configuration(&node, r, mtls) }
            })
            .await
        }
        proto::path::BOOTSTRAP => {
            unary(req, move |_: BootstrapRequest| {
                let node = node.clone();
                async move { bootstrap(&node, mtls) }
            })
            .await
        }
        proto::path::ETCD_MEMBER_LIST => {
            unary(req, move |_: EtcdMemberListRequest| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    control_plane_only(&node.state.lock().expect("node"), "member list")?;
                    let c = node.cluster.state();
                    if !c.has_leader() {
                        return Err(if c.bootstraps == 0 {
                            Status::unavailable(
                                "connection error: desc = \"transport: Error while dialing: \
                                 dial tcp 10.10.100.10:2379: connect: connection refused\"",
                            )
                        } else {
                            Status::unavailable("etcdserver: no leader")
                        });
                    }
                    Ok(EtcdMemberListResponse {
                        messages: vec![EtcdMembers {
                            metadata: None,
                            legacy_members: c.members.iter().map(|m| m.name.clone()).collect(),
                            members: c
                                .members
                                .iter()
                                .map(|m| EtcdMember {
                                    id: m.id,
                                    hostname: m.name.clone(),
                                    peer_urls: vec![],
                                    client_urls: vec![],
                                    is_learner: m.learner,
                                })
                                .collect(),
                        }],
                    })
                }
            })
            .await
        }
        proto::path::ETCD_STATUS => {
            unary(req, move |_: Empty| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    let s = node.state.lock().expect("node");
                    control_plane_only(&s, "etcd status")?;
                    let c = node.cluster.state();
                    let member = s
                        .member
                        .and_then(|id| c.members.iter().find(|m| m.id == id && m.started));
                    let Some(member) = member else {
                        return Err(Status::unknown(
                            "failed to query etcd status: context deadline exceeded",
                        ));
                    };
                    Ok(EtcdStatusResponse {
                        messages: vec![EtcdStatus {
                            metadata: None,
                            member_status: Some(EtcdMemberStatus {
                                protocol_version: "3.6.5".into(),
                                leader: c.leader.unwrap_or(0),
                                errors: if c.has_leader() {
                                    vec![]
                                } else {
                                    vec!["etcdserver: no leader".into()]
                                },
                                is_learner: member.learner,
                                member_id: member.id,
                            }),
                        }],
                    })
                }
            })
            .await
        }
        proto::path::ETCD_REMOVE_MEMBER_BY_ID => {
            unary(req, move |r: EtcdRemoveMemberByIdRequest| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    control_plane_only(&node.state.lock().expect("node"), "etcd remove member")?;
                    {
                        let mut c = node.cluster.state();
                        c.remove_member(r.member_id)?;
                        c.events
                            .push(format!("removed etcd member {:016x}", r.member_id));
                    }
                    // A removed member's own etcd stops ("the member has been permanently
                    // removed from the cluster").
                    Ok(MetadataOnlyResponse {
                        messages: vec![MetadataOnly { metadata: None }],
                    })
                }
            })
            .await
        }
        proto::path::ETCD_LEAVE_CLUSTER => {
            unary(req, move |_: proto::EtcdLeaveClusterRequest| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    leave_etcd(&node, "etcd leave")?;
                    Ok(MetadataOnlyResponse {
                        messages: vec![MetadataOnly { metadata: None }],
                    })
                }
            })
            .await
        }
        proto::path::UPGRADE => {
            unary(req, move |r: UpgradeRequest| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    upgrade(&node, r)
                }
            })
            .await
        }
        proto::path::RESET => {
            unary(req, move |r: ResetRequest| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    reset(&node, r)
                }
            })
            .await
        }
        cosi::path::GET => {
            unary(req, move |r: cosi::GetRequest| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    let (ns, kind, id) = cosi::MACHINE_CONFIG;
                    let config = node.state.lock().expect("node").config.clone();
                    match config {
                        Some(text) if r.namespace == ns && r.r#type == kind && r.id == id => {
                            Ok(cosi::GetResponse {
                                resource: Some(cosi::Resource {
                                    metadata: Some(cosi::Metadata {
                                        namespace: ns.into(),
                                        r#type: kind.into(),
                                        id: id.into(),
                                        version: "1".into(),
                                    }),
                                    spec: Some(cosi::Spec {
                                        proto_spec: vec![],
                                        yaml_spec: yaml_serde::to_string(&text)
                                            .map_err(|e| Status::internal(e.to_string()))?,
                                    }),
                                }),
                            })
                        }
                        _ => Err(Status::not_found(format!(
                            "resource {}({}/{}@undefined) doesn't exist",
                            r.r#type, r.namespace, r.id
                        ))),
                    }
                }
            })
            .await
        }
        cosi::path::LIST => {
            let mut grpc = tonic::server::Grpc::new(ProstCodec::<
                cosi::ListResponse,
                cosi::ListRequest,
            >::default());
            let svc = tower::service_fn(move |r: tonic::Request<cosi::ListRequest>| {
                let node = node.clone();
                let ready = ready.clone();
                async move {
                    ready()?;
                    let r = r.into_inner();
                    let (ns, kind) = cosi::EXTENSION_STATUSES;
                    let schematic = node.state.lock().expect("node").schematic.clone();
                    let mut items = Vec::new();
                    if r.namespace == ns && r.r#type == kind && !schematic.is_empty() {
                        items.push(Ok(cosi::ListResponse {
                            resource: Some(cosi::Resource {
                                metadata: Some(cosi::Metadata {
                                    namespace: ns.into(),
                                    r#type: kind.into(),
                                    id: "0".into(),
                                    version: "1".into(),
                                }),
                                spec: Some(cosi::Spec {
                                    proto_spec: vec![],
                                    yaml_spec: format!(
                                        "image: 000-schematic.sqsh\nmetadata:\n    name: schematic\n    version: {schematic}\n    author: Image Factory\n    description: This image was built with Image Factory.\n"
                                    ),
                                }),
                            }),
                        }));
                    }
                    Ok(tonic::Response::new(futures_util::stream::iter(items)))
                }
            });
            grpc.server_streaming(svc, req).await
        }
        proto::path::KUBECONFIG => {
            let mut grpc = tonic::server::Grpc::new(ProstCodec::<Data, Empty>::default());
            let svc = tower::service_fn(move |_r: tonic::Request<Empty>| {
                let node = node.clone();
                async move {
                    let text = {
                        let mut s = node.state.lock().expect("node");
                        let c = node.cluster.state();
                        if !mtls || c.bootstraps == 0 || !s.controlplane {
                            return Err(Status::unavailable("kubeconfig is not ready"));
                        }
                        s.log.kubeconfigs += 1;
                        c.kubeconfig.clone()
                    };
                    let archive =
                        kubeconfig::archive(&text).map_err(|e| Status::internal(e.to_string()))?;
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

fn apply_configuration(
    node: &Arc<Shared>,
    r: ApplyConfigurationRequest,
    mtls: bool,
) -> Result<ApplyConfigurationResponse, Status> {
    let mut s = node.state.lock().expect("node");
    if let Some((code, message)) = s.apply_fault.take() {
        return Err(Status::new(code, message));
    }
    if s.configured && !mtls {
        return Err(maintenance_refusal());
    }
    let text = String::from_utf8_lossy(&r.data).into_owned();
    let in_maintenance = !s.configured;
    if !in_maintenance
        && !documents(&text)
            .iter()
            .any(|d| d.get("version").and_then(|v| v.as_str()) == Some("v1alpha1"))
    {
        return Err(Status::invalid_argument(
            "the applied machine configuration doesn't contain v1alpha1 config, did you mean \
             to patch the machine config instead?",
        ));
    }
    if let Some(crt) = ca_of_config(&text) {
        s.ca = Some(crt);
        s.adopted = None;
    }
    s.log.applied.push((text.clone(), r.mode, mtls));
    // AUTO becomes NO_REBOOT (a running node applies in place).
    let mode = if r.mode == ApplyMode::Auto as i32 || in_maintenance {
        ApplyMode::NoReboot as i32
    } else {
        r.mode
    };
    s.controlplane = machine_type(&text).as_deref() != Some("worker");
    s.hostname = hostname_of(&text);
    s.config = Some(text);
    s.configured = true;
    drop(s);
    if in_maintenance {
        boot(node);
    }
    Ok(ApplyConfigurationResponse {
        messages: vec![ApplyConfiguration {
            metadata: None,
            warnings: vec![],
            mode,
            mode_details: "Applied configuration without a reboot".into(),
        }],
    })
}

fn bootstrap(node: &Arc<Shared>, mtls: bool) -> Result<BootstrapResponse, Status> {
    let mut s = node.state.lock().expect("node");
    s.log.bootstraps.push(mtls);
    if !mtls || !s.configured {
        return Err(maintenance_refusal());
    }
    control_plane_only(&s, "bootstrap")?;
    if s.member.is_some() {
        return Err(Status::new(
            Code::AlreadyExists,
            "etcd data directory is not empty",
        ));
    }
    // Its data directory is empty: etcd starts a new cluster here, whatever runs elsewhere.
    let hostname = s.hostname.clone().unwrap_or_default();
    let mut c = node.cluster.state();
    c.bootstraps += 1;
    c.next_id += 0x1_0001;
    let id = c.next_id;
    if c.bootstraps > 1 {
        c.events.push(format!(
            "SPLIT BRAIN: {hostname} bootstrapped a second etcd"
        ));
    }
    c.members = vec![Member {
        id,
        name: hostname.clone(),
        learner: false,
        started: true,
    }];
    c.leader = Some(id);
    c.events.push(format!("{hostname} bootstrapped etcd"));
    s.member = Some(id);
    Ok(BootstrapResponse {
        messages: vec![Bootstrap { metadata: None }],
    })
}

/// `LeaveCluster`: this node's member goes, under etcd's rule; then etcd stops here.
fn leave_etcd(node: &Arc<Shared>, api: &str) -> Result<(), Status> {
    let mut s = node.state.lock().expect("node");
    control_plane_only(&s, api)?;
    let Some(id) = s.member else {
        return Ok(());
    };
    let mut c = node.cluster.state();
    // Already removed (by ID from another node): nothing to do, as LeaveCluster treats
    // ErrMemberNotFound.
    if c.members.iter().any(|m| m.id == id) {
        c.remove_member(id).map_err(|e| {
            Status::new(
                e.code(),
                format!("failed to leave cluster: {}", e.message()),
            )
        })?;
    }
    let name = s.hostname.clone().unwrap_or_default();
    c.events.push(format!("{name} left etcd"));
    s.member = None;
    s.log.leaves += 1;
    Ok(())
}

fn upgrade(node: &Arc<Shared>, r: UpgradeRequest) -> Result<UpgradeResponse, Status> {
    let image = r.image.clone();
    if let Some((code, message)) = node.state.lock().expect("node").upgrade_fault.take() {
        return Err(Status::new(code, message));
    }
    let Some((repo, tag)) = image.rsplit_once(':').filter(|(repo, tag)| {
        repo.contains('/') && tag.starts_with('v') && tag[1..].split('.').count() == 3
    }) else {
        return Err(Status::unknown(format!(
            "error validating installer image {image:?}: failed to parse image reference"
        )));
    };
    let schematic = repo
        .rsplit('/')
        .next()
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or("")
        .to_owned();
    let tag = tag.to_owned();
    {
        let s = node.state.lock().expect("node");
        if s.controlplane && !r.preserve && !r.force {
            // ValidateForUpgrade (internal/pkg/etcd/etcd.go).
            let c = node.cluster.state();
            let fail = |why: String| {
                Err(Status::unknown(format!(
                    "error validating etcd for upgrade: {why}"
                )))
            };
            if c.members.len() == 2 {
                return fail(
                    "etcd member count(2) is insufficient to maintain quorum if upgrade \
                     commences"
                        .into(),
                );
            }
            for m in &c.members {
                if m.name.is_empty() {
                    return fail(format!(
                        "etcd member {:016x} is not started, all members must be running to \
                         perform an upgrade",
                        m.id
                    ));
                }
                if !m.started || m.learner || !c.has_leader() {
                    return fail(format!(
                        "etcd member {:016x} is not healthy; all members must be healthy to \
                         perform an upgrade: context deadline exceeded",
                        m.id
                    ));
                }
            }
        }
    }
    node.state
        .lock()
        .expect("node")
        .log
        .upgrades
        .push(image.clone());
    let me = node.clone();
    tokio::spawn(async move {
        let timing = me.cluster.state().timing;
        tokio::time::sleep(timing.upgrade_starts).await;
        let (name, from) = {
            let s = me.state.lock().expect("node");
            (s.hostname.clone().unwrap_or_default(), s.version.clone())
        };
        me.cluster
            .state()
            .events
            .push(format!("{name} upgrading {from} -> {tag}"));
        set_member_started(&me, false);
        go_down(&me);
        tokio::time::sleep(timing.reboot).await;
        {
            let mut s = me.state.lock().expect("node");
            s.version = tag.clone();
            s.schematic = schematic;
        }
        come_up(&me);
        set_member_started(&me, true);
        me.cluster
            .state()
            .events
            .push(format!("{name} back on {tag}"));
    });
    Ok(UpgradeResponse {
        messages: vec![proto::Upgrade {
            metadata: None,
            ack: "Upgrade request received".into(),
            actor_id: "4e8d6a2b-upgrade".into(),
        }],
    })
}

fn reset(node: &Arc<Shared>, r: ResetRequest) -> Result<ResetResponse, Status> {
    node.state.lock().expect("node").log.resets.push(r.graceful);
    let me = node.clone();
    tokio::spawn(async move {
        let timing = me.cluster.state().timing;
        tokio::time::sleep(timing.reset).await;
        let (controlplane, member, name) = {
            let s = me.state.lock().expect("node");
            (
                s.controlplane,
                s.member,
                s.hostname.clone().unwrap_or_default(),
            )
        };
        // The sequence's "leave" phase, on a graceful reset of a control plane.
        if r.graceful && controlplane && member.is_some() {
            if let Err(e) = leave_etcd(&me, "etcd leave") {
                me.cluster
                    .state()
                    .events
                    .push(format!("{name} reset failed: {}", e.message()));
                return;
            }
        }
        {
            let mut s = me.state.lock().expect("node");
            s.halted = true;
            s.configured = false;
            s.config = None;
        }
        let power_off = {
            let mut c = me.cluster.state();
            c.events.push(format!("{name} reset, powered off"));
            c.power_off.clone()
        };
        go_down(&me);
        if let Some(hook) = power_off {
            (hook.0)(&name);
        }
    });
    Ok(ResetResponse {
        messages: vec![proto::Reset {
            metadata: None,
            actor_id: "9f1c2e3d-reset".into(),
        }],
    })
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
