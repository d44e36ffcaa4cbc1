//! An in-process fake Proxmox VE on loopback HTTPS: the endpoints provisioning uses,
//! stateful (VMs, storages, tasks), with fault injection (an error on a request, a failed
//! or slow task, a task not found at first, a 401) and a record of every request, which
//! tests check against the real API schema.
//!
//! Like PVE it answers errors with the message as the HTTP reason phrase and in the
//! body's `message`/`errors`, and writes return task IDs (UPIDs) that run for a while.
//!
//! Day two, as qemu-server does it (proxmox/qemu-server `src/PVE/API2/Qemu.pm`
//! `update_vm_api`, `src/PVE/QemuServer.pm` `vmconfig_hotplug_pending`): `PUT .../config`
//! on a running VM writes to its pending section, except the fast-plug options (name,
//! description, onboot, tags, ...); cores are never hotplugged and memory only with the
//! `memory` hotplug feature, which our VMs do not have. `GET .../config` shows pending
//! values applied (`current=1`: the running ones), `GET .../pending` both, and a start
//! applies the pending section. Nodes report memory and CPUs, storages their free
//! space, and `GET /nodes/{node}/network` the node's bridges.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use super::certs::{server_config, Ca};

/// One request as the fake received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Below `/api2/json`, percent-encoding kept.
    pub path: String,
    pub params: Vec<(String, String)>,
    /// The `Authorization` header, as received (tests check it is the token).
    pub authorization: Option<String>,
    pub status: u16,
}

/// A guest: a VM, or a container (which only takes its ID).
#[derive(Debug, Clone)]
pub struct Vm {
    /// `qemu` or `lxc`.
    pub kind: &'static str,
    pub node: String,
    pub status: String,
    pub config: BTreeMap<String, String>,
    pub lock: Option<String>,
    /// Changes waiting for the next start (`None`: a key deleted then).
    pub pending: BTreeMap<String, Option<String>>,
}

impl Vm {
    /// The config with the pending section applied.
    pub fn effective(&self) -> BTreeMap<String, String> {
        let mut config = self.config.clone();
        for (k, v) in &self.pending {
            match v {
                Some(v) => config.insert(k.clone(), v.clone()),
                None => config.remove(k),
            };
        }
        config
    }

    /// What a start does first: the pending section becomes the config.
    fn apply_pending(&mut self) {
        self.config = self.effective();
        self.pending.clear();
    }
}

/// Options qemu-server changes on a running VM at once (`$fast_plug_option`, plus the
/// cloud-init ones); everything else we send waits in the pending section.
const FAST_PLUG: &[&str] = &[
    "description",
    "hookscript",
    "lock",
    "migrate_downtime",
    "migrate_speed",
    "name",
    "onboot",
    "protection",
    "shares",
    "startup",
    "tags",
    "vmstatestorage",
    "ipconfig0",
    "nameserver",
    "searchdomain",
    "ciuser",
    "cipassword",
    "citype",
    "sshkeys",
    "ciupgrade",
];

impl Vm {
    /// A VM someone else made.
    pub fn foreign(node: &str, name: &str, tags: &str) -> Vm {
        let mut config = BTreeMap::new();
        config.insert("name".into(), name.into());
        if !tags.is_empty() {
            config.insert("tags".into(), tags.into());
        }
        Vm {
            kind: "qemu",
            node: node.into(),
            status: "running".into(),
            config,
            lock: None,
            pending: BTreeMap::new(),
        }
    }

    /// A container someone else made.
    pub fn container(node: &str, name: &str, tags: &str) -> Vm {
        Vm {
            kind: "lxc",
            ..Vm::foreign(node, name, tags)
        }
    }
}

/// A storage (the same id on every node, as storage.cfg has it).
#[derive(Debug, Clone)]
pub struct Storage {
    pub content: Vec<String>,
    pub shared: bool,
    /// (node, volid) of the files on it (a shared storage uses node "").
    pub files: BTreeSet<(String, String)>,
    /// Free bytes each node reports.
    pub avail: u64,
    /// Not `disable`d in storage.cfg.
    pub enabled: bool,
}

/// An injected error answer.
#[derive(Debug, Clone)]
pub struct Fault {
    pub method: String,
    pub path_suffix: String,
    pub status: u16,
    pub message: String,
    pub errors: Vec<(String, String)>,
    /// How many matching requests fail (then the fault is spent).
    pub times: u32,
}

#[derive(Debug, Clone)]
enum Effect {
    /// The VM's whole config, written when the qmcreate task ends.
    CreateVm(u64, BTreeMap<String, String>),
    RemoveVm(u64),
    SetStatus(u64, &'static str),
    AddFile(String, String, String),
    Resize(u64, String, u64),
}

#[derive(Debug, Clone)]
struct Task {
    node: String,
    kind: String,
    id: String,
    done_at: Instant,
    exit: String,
    effect: Effect,
    finished: bool,
    polls: u32,
}

/// The fake's whole state; tests read and change it between runs.
#[derive(Debug)]
pub struct State {
    /// `8.0`, `8.4`, `9.1`.
    pub release: String,
    /// (node, online).
    pub nodes: Vec<(String, bool)>,
    /// Memory (bytes) and CPUs every online node reports.
    pub node_size: (u64, u32),
    /// Memory in use per node (bytes); 4 GiB where not given.
    pub node_used: BTreeMap<String, u64>,
    /// Bridges of each node: (interface, VLAN-aware). A node not listed has `vmbr0`,
    /// VLAN-aware.
    pub bridges: BTreeMap<String, Vec<(String, bool)>>,
    pub storages: BTreeMap<String, Storage>,
    pub vms: BTreeMap<u64, Vm>,
    tasks: HashMap<String, Task>,
    pub requests: Vec<Recorded>,
    pub faults: Vec<Fault>,
    /// (task kind, exit status, times): the next tasks of that kind fail.
    pub task_faults: Vec<(String, String, u32)>,
    /// How long every task runs.
    pub task_duration: Duration,
    /// Per task kind, a longer duration.
    pub task_durations: HashMap<String, Duration>,
    /// A new task is "not found" for this many status polls.
    pub hide_new_tasks: u32,
    /// `user@realm!tokenid` and secret.
    pub token: Option<(String, String)>,
    /// User and password for tickets.
    pub login: Option<(String, String)>,
    tickets: HashMap<String, String>,
    /// GiB of a disk created by `import-from` (the image's size).
    pub imported_gib: u64,
    /// Most qmcreate tasks seen running at once.
    pub max_parallel_creates: usize,
    counter: u32,
}

impl State {
    fn new(release: &str) -> State {
        let mut storages = BTreeMap::new();
        storages.insert(
            "local".to_owned(),
            Storage {
                content: ["iso", "vztmpl", "backup", "import"]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
                shared: false,
                files: BTreeSet::new(),
                avail: 80 << 30,
                enabled: true,
            },
        );
        storages.insert(
            "local-lvm".to_owned(),
            Storage {
                content: vec!["images".into(), "rootdir".into()],
                shared: false,
                files: BTreeSet::new(),
                avail: 2 << 40,
                enabled: true,
            },
        );
        State {
            release: release.to_owned(),
            nodes: ["pve01", "pve02", "pve03"]
                .iter()
                .map(|n| ((*n).to_owned(), true))
                .collect(),
            node_size: (64 << 30, 16),
            node_used: BTreeMap::new(),
            bridges: BTreeMap::new(),
            storages,
            vms: BTreeMap::new(),
            tasks: HashMap::new(),
            requests: Vec::new(),
            faults: Vec::new(),
            task_faults: Vec::new(),
            task_duration: Duration::ZERO,
            task_durations: HashMap::new(),
            hide_new_tasks: 0,
            token: None,
            login: None,
            tickets: HashMap::new(),
            imported_gib: 1,
            max_parallel_creates: 0,
            counter: 0,
        }
    }

    /// Injects an error answer for the next `times` matching requests.
    pub fn fail(
        &mut self,
        method: &str,
        path_suffix: &str,
        status: u16,
        message: &str,
        times: u32,
    ) {
        self.faults.push(Fault {
            method: method.into(),
            path_suffix: path_suffix.into(),
            status,
            message: message.into(),
            errors: Vec::new(),
            times,
        });
    }

    /// The writes (not GETs) received.
    pub fn writes(&self) -> Vec<&Recorded> {
        self.requests.iter().filter(|r| r.method != "GET").collect()
    }

    fn settle(&mut self) {
        let now = Instant::now();
        let mut effects = Vec::new();
        for task in self.tasks.values_mut() {
            if !task.finished && task.done_at <= now {
                task.finished = true;
                effects.push((task.exit.clone(), task.effect.clone()));
            }
        }
        for (exit, effect) in effects {
            let ok = exit == "OK" || exit.starts_with("WARNINGS");
            match effect {
                Effect::CreateVm(id, config) => {
                    if ok {
                        if let Some(vm) = self.vms.get_mut(&id) {
                            vm.config = config;
                            vm.lock = None;
                        }
                    } else {
                        self.vms.remove(&id);
                    }
                }
                Effect::RemoveVm(id) if ok => {
                    self.vms.remove(&id);
                }
                Effect::SetStatus(id, status) if ok => {
                    if let Some(vm) = self.vms.get_mut(&id) {
                        if status == "running" && vm.status != "running" {
                            vm.apply_pending();
                        }
                        vm.status = status.into();
                    }
                }
                Effect::AddFile(storage, node, volid) if ok => {
                    if let Some(s) = self.storages.get_mut(&storage) {
                        let node = if s.shared { String::new() } else { node };
                        s.files.insert((node, volid));
                    }
                }
                Effect::Resize(id, disk, gib) if ok => {
                    if let Some(vm) = self.vms.get_mut(&id) {
                        if let Some(value) = vm.config.get(&disk).cloned() {
                            let kept: Vec<&str> = value
                                .split(',')
                                .filter(|p| !p.starts_with("size="))
                                .collect();
                            vm.config
                                .insert(disk, format!("{},size={gib}G", kept.join(",")));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn start_task(&mut self, node: &str, kind: &str, id: &str, effect: Effect) -> String {
        self.counter += 1;
        let upid = format!(
            "UPID:{node}:{:08X}:{:08X}:{:08X}:{kind}:{id}:root@pam!ci:",
            1000 + self.counter,
            7000 + self.counter,
            0x6650_0000 + self.counter
        );
        let mut exit = "OK".to_owned();
        if let Some(f) = self
            .task_faults
            .iter_mut()
            .find(|(k, _, times)| k == kind && *times > 0)
        {
            f.2 -= 1;
            exit = f.1.clone();
        }
        let duration = self
            .task_durations
            .get(kind)
            .copied()
            .unwrap_or(self.task_duration);
        if kind == "qmcreate" {
            let now = Instant::now();
            let running = self
                .tasks
                .values()
                .filter(|t| t.kind == "qmcreate" && !t.finished && t.done_at > now)
                .count();
            self.max_parallel_creates = self.max_parallel_creates.max(running + 1);
        }
        self.tasks.insert(
            upid.clone(),
            Task {
                node: node.into(),
                kind: kind.into(),
                id: id.into(),
                done_at: Instant::now() + duration,
                exit,
                effect,
                finished: false,
                polls: 0,
            },
        );
        if duration.is_zero() {
            self.settle();
        }
        upid
    }

    fn has_node(&self, node: &str) -> bool {
        self.nodes.iter().any(|(n, _)| n == node)
    }

    fn volume_exists(&self, node: &str, volid: &str) -> bool {
        let Some((storage, _)) = volid.split_once(':') else {
            return false;
        };
        self.storages.get(storage).is_some_and(|s| {
            s.files
                .iter()
                .any(|(n, v)| v == volid && (n.is_empty() || n == node))
        })
    }
}

/// A running fake.
pub struct FakePve {
    pub url: String,
    pub ca_pem: String,
    pub fingerprint: String,
    pub state: Arc<Mutex<State>>,
    server: JoinHandle<()>,
}

impl Drop for FakePve {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakePve {
    /// Starts a fake of this release with an API token `root@pam!ci=<secret>`.
    pub async fn start(release: &str, secret: &str) -> FakePve {
        let ca = Ca::new("fake pve root ca", &rcgen::PKCS_ECDSA_P256_SHA256);
        let leaf = ca.server("pve01");
        let config = server_config(&leaf, &[b"http/1.1"]);
        let mut state = State::new(release);
        state.token = Some(("root@pam!ci".into(), secret.into()));
        state.login = Some(("root@pam".into(), secret.into()));
        let state = Arc::new(Mutex::new(state));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr: SocketAddr = listener.local_addr().expect("addr");
        let acceptor = TlsAcceptor::from(config);
        let shared = state.clone();
        let server = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                let acceptor = acceptor.clone();
                let state = shared.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let service = hyper::service::service_fn(move |req| {
                        let state = state.clone();
                        async move { Ok::<_, Infallible>(handle(req, state).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        FakePve {
            url: format!("https://{addr}"),
            ca_pem: ca.pem(),
            fingerprint: leaf.fingerprint(),
            state,
            server,
        }
    }

    /// Locks the state.
    pub fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("fake state")
    }
}

fn reply(status: u16, body: Value, reason: Option<&str>) -> Response<Full<Bytes>> {
    let mut resp = Response::builder()
        .status(status)
        .header("content-type", "application/json;charset=UTF-8")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("response");
    if let Some(reason) = reason {
        if let Ok(phrase) = hyper::ext::ReasonPhrase::try_from(reason.to_owned()) {
            resp.extensions_mut().insert(phrase);
        }
    }
    resp
}

fn ok(data: Value) -> Response<Full<Bytes>> {
    reply(200, json!({ "data": data }), None)
}

fn error(status: u16, message: &str, errors: &[(String, String)]) -> Response<Full<Bytes>> {
    let mut body = json!({ "data": null, "message": format!("{message}\n") });
    if !errors.is_empty() {
        let map: serde_json::Map<String, Value> = errors
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(format!("{v}\n"))))
            .collect();
        body["errors"] = Value::Object(map);
    }
    reply(status, body, Some(message))
}

fn parse_form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

async fn handle(req: Request<Incoming>, state: Arc<Mutex<State>>) -> Response<Full<Bytes>> {
    let method = req.method().as_str().to_owned();
    let full_path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or("").to_owned();
    let headers = req.headers().clone();
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let Some(path) = full_path.strip_prefix("/api2/json") else {
        return error(404, "not found", &[]);
    };
    let mut params = parse_form(query.as_bytes());
    if method == "POST" || method == "PUT" {
        params.extend(parse_form(&body));
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let authorization = header("authorization");
    let cookie = header("cookie");
    let csrf = header("csrfpreventiontoken");

    let mut st = state.lock().expect("fake state");
    st.settle();
    let mut recorded = Recorded {
        method: method.clone(),
        path: path.to_owned(),
        params: params.clone(),
        authorization: authorization.clone(),
        status: 200,
    };

    // Authentication, as pveproxy does it.
    if path != "/access/ticket" {
        let by_token = authorization
            .as_deref()
            .and_then(|a| a.strip_prefix("PVEAPIToken="))
            .map(|t| {
                st.token
                    .as_ref()
                    .is_some_and(|(id, secret)| t == format!("{id}={secret}"))
            });
        let ticket = cookie
            .as_deref()
            .and_then(|c| {
                c.split(';')
                    .find_map(|p| p.trim().strip_prefix("PVEAuthCookie="))
            })
            .map(str::to_owned);
        let allowed = match (by_token, ticket) {
            (Some(ok), _) => ok,
            (None, Some(ticket)) => match st.tickets.get(&ticket) {
                Some(expected) => method == "GET" || csrf.as_deref() == Some(expected.as_str()),
                None => false,
            },
            (None, None) => false,
        };
        if !allowed {
            recorded.status = 401;
            st.requests.push(recorded);
            return error(401, "authentication failure", &[]);
        }
    }

    // Injected faults.
    if let Some(fault) = st
        .faults
        .iter_mut()
        .find(|f| f.method == method && path.ends_with(&f.path_suffix) && f.times > 0)
    {
        fault.times -= 1;
        let fault = fault.clone();
        recorded.status = fault.status;
        st.requests.push(recorded);
        return error(fault.status, &fault.message, &fault.errors);
    }

    let resp = route(&mut st, &method, path, &params);
    recorded.status = resp.status().as_u16();
    st.requests.push(recorded);
    resp
}

fn get<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn decode(seg: &str) -> String {
    form_urlencoded::parse(format!("x={}", seg.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// The VM `id` when it exists on `node` (qemu-server answers "does not exist" otherwise).
fn vm_on(st: &State, node: &str, id: &str) -> Option<u64> {
    id.parse::<u64>()
        .ok()
        .filter(|i| st.vms.get(i).is_some_and(|v| v.node == node))
}

fn route(
    st: &mut State,
    method: &str,
    path: &str,
    params: &[(String, String)],
) -> Response<Full<Bytes>> {
    let segs: Vec<String> = path.trim_matches('/').split('/').map(decode).collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let no_conf = |node: &str, id: &str| {
        error(
            500,
            &format!("Configuration file 'nodes/{node}/qemu-server/{id}.conf' does not exist"),
            &[],
        )
    };
    match (method, segs.as_slice()) {
        ("POST", ["access", "ticket"]) => {
            let user = get(params, "username").unwrap_or("");
            let pass = get(params, "password").unwrap_or("");
            if st
                .login
                .as_ref()
                .is_some_and(|(u, p)| u == user && p == pass)
            {
                st.counter += 1;
                let ticket = format!("PVE:{user}:{:08X}::fake-signature", st.counter);
                let csrf = format!("{:08X}:fake-csrf", st.counter);
                st.tickets.insert(ticket.clone(), csrf.clone());
                ok(json!({"ticket": ticket, "CSRFPreventionToken": csrf, "username": user}))
            } else {
                error(401, "authentication failure", &[])
            }
        }
        ("GET", ["version"]) => ok(json!({
            "release": st.release,
            "version": format!("{}.2", st.release),
            "repoid": "0123abcd"
        })),
        ("GET", ["nodes"]) => {
            let (mem, cpus) = st.node_size;
            ok(Value::Array(
                st.nodes
                    .iter()
                    .map(|(n, online)| {
                        if *online {
                            let used = st.node_used.get(n).copied().unwrap_or(4 << 30);
                            json!({"node": n, "status": "online", "maxmem": mem,
                                   "maxcpu": cpus, "mem": used, "cpu": 0.03})
                        } else {
                            json!({"node": n, "status": "offline"})
                        }
                    })
                    .collect(),
            ))
        }
        ("GET", ["cluster", "resources"]) => ok(Value::Array(
            st.vms
                .iter()
                .map(|(id, vm)| {
                    let mut item = json!({
                        "id": format!("{}/{id}", vm.kind), "type": vm.kind, "vmid": id,
                        "node": vm.node, "status": vm.status,
                        "name": vm.config.get("name").cloned().unwrap_or_default(),
                    });
                    if let Some(tags) = vm.config.get("tags") {
                        item["tags"] = json!(tags);
                    }
                    if let Some(lock) = &vm.lock {
                        item["lock"] = json!(lock);
                    }
                    let config = vm.effective();
                    let number = |k: &str, default: u64| {
                        config
                            .get(k)
                            .and_then(|v| v.rsplit('=').next())
                            .and_then(|v| v.parse::<u64>().ok())
                            .unwrap_or(default)
                    };
                    item["maxmem"] = json!(number("memory", 512) << 20);
                    item["maxcpu"] = json!(number("cores", 1) * number("sockets", 1));
                    item
                })
                .collect(),
        )),
        ("GET", ["nodes", node, "storage"]) => {
            if !st.has_node(node) {
                return error(500, &format!("hostname lookup '{node}' failed"), &[]);
            }
            ok(Value::Array(
                st.storages
                    .iter()
                    .map(|(name, s)| {
                        let active = u8::from(s.enabled);
                        json!({"storage": name, "content": s.content.join(","),
                               "shared": u8::from(s.shared), "active": active,
                               "enabled": u8::from(s.enabled),
                               "total": if s.enabled { s.avail + (20 << 30) } else { 0 },
                               "used": if s.enabled { 20u64 << 30 } else { 0 },
                               "avail": if s.enabled { s.avail } else { 0 },
                               "type": if name == "local" { "dir" } else { "lvmthin" }})
                    })
                    .collect(),
            ))
        }
        ("GET", ["nodes", node, "storage", storage, "content"]) => {
            let Some(s) = st.storages.get(*storage) else {
                return error(500, &format!("storage '{storage}' does not exist"), &[]);
            };
            let want = get(params, "content");
            let list: Vec<Value> = s
                .files
                .iter()
                .filter(|(n, _)| n.is_empty() || n == node)
                .filter(|(_, v)| {
                    want.is_none_or(|c| {
                        v.split_once(':')
                            .is_some_and(|(_, r)| r.starts_with(&format!("{c}/")))
                    })
                })
                .map(|(_, v)| json!({"volid": v, "size": 1_288_490_188u64, "format": "qcow2"}))
                .collect();
            ok(Value::Array(list))
        }
        ("POST", ["nodes", node, "storage", storage, "download-url"]) => {
            let content = get(params, "content").unwrap_or("");
            let filename = get(params, "filename").unwrap_or("");
            let Some(s) = st.storages.get(*storage) else {
                return error(500, &format!("storage '{storage}' does not exist"), &[]);
            };
            if !s.content.iter().any(|c| c == content) {
                return error(
                    500,
                    &format!("storage '{storage}' is not configured for content-type '{content}'"),
                    &[],
                );
            }
            let volid = format!("{storage}:{content}/{filename}");
            let upid = st.start_task(
                node,
                "download",
                storage,
                Effect::AddFile((*storage).to_owned(), (*node).to_owned(), volid),
            );
            ok(json!(upid))
        }
        ("GET", ["nodes", node, "network"]) => {
            if !st.has_node(node) {
                return error(500, &format!("hostname lookup '{node}' failed"), &[]);
            }
            let bridges = st
                .bridges
                .get(*node)
                .cloned()
                .unwrap_or_else(|| vec![("vmbr0".to_owned(), true)]);
            let bridge_types = ["any_bridge", "any_local_bridge", "bridge"];
            let mut list: Vec<Value> = Vec::new();
            if get(params, "type").is_none_or(|t| bridge_types.contains(&t)) {
                list.extend(bridges.iter().map(|(iface, aware)| {
                    let mut item = json!({"iface": iface, "type": "bridge", "active": 1,
                                          "autostart": 1, "method": "manual",
                                          "families": ["inet"], "bridge_ports": "eno1"});
                    if *aware {
                        item["bridge_vlan_aware"] = json!(1);
                    }
                    item
                }));
            }
            if get(params, "type").is_none() {
                list.push(json!({"iface": "eno1", "type": "eth", "active": 1,
                                 "method": "manual", "families": ["inet"]}));
            }
            ok(Value::Array(list))
        }
        ("GET", ["nodes", node, "qemu", id, "pending"]) => {
            let Some(vm) = vm_on(st, node, id).map(|i| &st.vms[&i]) else {
                return no_conf(node, id);
            };
            let keys: BTreeSet<&String> = vm.config.keys().chain(vm.pending.keys()).collect();
            let list: Vec<Value> = keys
                .into_iter()
                .map(|k| {
                    let mut item = json!({"key": k});
                    if let Some(v) = vm.config.get(k) {
                        item["value"] = json!(v);
                    }
                    match vm.pending.get(k) {
                        Some(Some(p)) => item["pending"] = json!(p),
                        Some(None) => item["delete"] = json!(1),
                        None => {}
                    }
                    item
                })
                .collect();
            ok(Value::Array(list))
        }
        ("PUT", ["nodes", node, "qemu", id, "config"]) => {
            let Some(vmid) = vm_on(st, node, id) else {
                return no_conf(node, id);
            };
            let vm = st.vms.get_mut(&vmid).expect("vm");
            if let Some(lock) = &vm.lock {
                return error(500, &format!("VM is locked ({lock})"), &[]);
            }
            let running = vm.status == "running";
            for (k, v) in params {
                if matches!(k.as_str(), "digest" | "skiplock" | "node" | "vmid") {
                    continue;
                }
                if running && !FAST_PLUG.contains(&k.as_str()) {
                    vm.pending.insert(k.clone(), Some(v.clone()));
                } else {
                    vm.config.insert(k.clone(), v.clone());
                    vm.pending.remove(k);
                }
            }
            ok(Value::Null)
        }
        ("POST", ["nodes", node, "qemu"]) => create_vm(st, node, params),
        ("DELETE", ["nodes", node, "qemu", id]) => {
            let Some(vmid) = vm_on(st, node, id) else {
                return no_conf(node, id);
            };
            if st.vms[&vmid].status == "running" {
                return error(500, &format!("VM {vmid} is running - destroy failed"), &[]);
            }
            let upid = st.start_task(node, "qmdestroy", id, Effect::RemoveVm(vmid));
            ok(json!(upid))
        }
        ("GET", ["nodes", node, "qemu", id, "config"]) => {
            let Some(vm) = vm_on(st, node, id).map(|i| &st.vms[&i]) else {
                return no_conf(node, id);
            };
            let shown = if get(params, "current") == Some("1") {
                vm.config.clone()
            } else {
                vm.effective()
            };
            let mut config: serde_json::Map<String, Value> =
                shown.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            if let Some(cores) = shown.get("cores").and_then(|c| c.parse::<u64>().ok()) {
                config.insert("cores".into(), json!(cores));
            }
            if let Some(lock) = &vm.lock {
                config.insert("lock".into(), json!(lock));
            }
            config.insert("digest".into(), json!("0123456789abcdef"));
            ok(Value::Object(config))
        }
        ("GET", ["nodes", node, "qemu", id, "status", "current"]) => {
            let Some(vm) = vm_on(st, node, id).map(|i| &st.vms[&i]) else {
                return no_conf(node, id);
            };
            let mut data = json!({"status": vm.status, "vmid": id.parse::<u64>().unwrap_or(0)});
            if let Some(lock) = &vm.lock {
                data["lock"] = json!(lock);
            }
            ok(data)
        }
        ("POST", ["nodes", node, "qemu", id, "status", action @ ("start" | "stop")]) => {
            let Some(vmid) = vm_on(st, node, id) else {
                return no_conf(node, id);
            };
            if let Some(lock) = &st.vms[&vmid].lock {
                return error(500, &format!("VM is locked ({lock})"), &[]);
            }
            let (kind, status) = if *action == "start" {
                ("qmstart", "running")
            } else {
                ("qmstop", "stopped")
            };
            let upid = st.start_task(node, kind, id, Effect::SetStatus(vmid, status));
            ok(json!(upid))
        }
        ("PUT", ["nodes", node, "qemu", id, "resize"]) => {
            let Some(vmid) = vm_on(st, node, id) else {
                return no_conf(node, id);
            };
            let disk = get(params, "disk").unwrap_or("").to_owned();
            let size = get(params, "size").unwrap_or("");
            let gib: u64 = size.trim_end_matches('G').parse().unwrap_or(0);
            let current = st.vms[&vmid]
                .config
                .get(&disk)
                .and_then(|d| d.split(',').find_map(|p| p.strip_prefix("size=")))
                .and_then(|s| s.trim_end_matches('G').parse::<u64>().ok())
                .unwrap_or(0);
            if gib < current {
                return error(500, "shrinking disks is not supported", &[]);
            }
            let upid = st.start_task(node, "resize", id, Effect::Resize(vmid, disk, gib));
            ok(json!(upid))
        }
        ("GET", ["nodes", node, "tasks", upid, "status"]) => {
            let hide = st.hide_new_tasks;
            let Some(task) = st.tasks.get_mut(*upid).filter(|t| t.node == *node) else {
                return error(500, &format!("unable to parse worker upid '{upid}'"), &[]);
            };
            task.polls += 1;
            if task.polls <= hide {
                return error(500, "no such task", &[]);
            }
            let mut data = json!({"upid": upid, "node": node, "type": task.kind, "id": task.id,
                                  "user": "root@pam!ci", "pid": 1000, "starttime": 0,
                                  "status": if task.finished { "stopped" } else { "running" }});
            if task.finished {
                data["exitstatus"] = json!(task.exit);
            }
            ok(data)
        }
        _ => error(
            501,
            &format!("Method '{method} {path}' not implemented"),
            &[],
        ),
    }
}

fn create_vm(st: &mut State, node: &str, params: &[(String, String)]) -> Response<Full<Bytes>> {
    if !st.has_node(node) {
        return error(500, &format!("hostname lookup '{node}' failed"), &[]);
    }
    let Some(vmid) = get(params, "vmid").and_then(|v| v.parse::<u64>().ok()) else {
        return error(
            400,
            "Parameter verification failed.",
            &[(
                "vmid".into(),
                "property is missing and it is not optional".into(),
            )],
        );
    };
    if let Some(vm) = st.vms.get(&vmid) {
        return error(
            500,
            &format!(
                "unable to create VM {vmid} - VM {vmid} already exists on node '{}'",
                vm.node
            ),
            &[],
        );
    }
    let mut config = BTreeMap::new();
    for (k, v) in params {
        if k == "vmid" || k == "node" {
            continue;
        }
        config.insert(k.clone(), v.clone());
    }
    // Disks as PVE writes them back.
    if let Some(scsi0) = config.get("scsi0").cloned() {
        let mut parts = scsi0.split(',');
        let first = parts.next().unwrap_or("");
        let (storage, size) = first.split_once(':').unwrap_or(("", "0"));
        let mut rest: Vec<String> = Vec::new();
        let mut import = None;
        for p in parts {
            match p.split_once('=') {
                Some(("import-from", src)) => import = Some(src.to_owned()),
                _ => rest.push(p.to_owned()),
            }
        }
        let gib = match &import {
            Some(src) => {
                if !st.volume_exists(node, src) {
                    return error(
                        500,
                        &format!("unable to create VM {vmid} - volume '{src}' does not exist"),
                        &[],
                    );
                }
                st.imported_gib
            }
            None => size.parse().unwrap_or(0),
        };
        rest.push(format!("size={gib}G"));
        config.insert(
            "scsi0".into(),
            format!("{storage}:vm-{vmid}-disk-0,{}", rest.join(",")),
        );
    }
    for key in ["ide0", "ide1", "ide3"] {
        if let Some(v) = config.get(key) {
            let vol = v.split(',').next().unwrap_or("");
            if vol.contains(":iso/") && !st.volume_exists(node, vol) {
                return error(
                    500,
                    &format!("unable to create VM {vmid} - volume '{vol}' does not exist"),
                    &[],
                );
            }
        }
    }
    if let Some(ide2) = config.get("ide2").cloned() {
        if let Some(storage) = ide2.strip_suffix(":cloudinit") {
            config.insert(
                "ide2".into(),
                format!("{storage}:vm-{vmid}-cloudinit,media=cdrom"),
            );
        }
    }
    if let Some(net0) = config.get("net0").cloned() {
        let mac = format!("BC:24:11:00:{:02X}:{:02X}", vmid / 256 % 256, vmid % 256);
        let rest: Vec<&str> = net0.split(',').skip(1).collect();
        config.insert("net0".into(), format!("virtio={mac},{}", rest.join(",")));
    }
    if let Some(tags) = config.get("tags").cloned() {
        let mut list: Vec<String> = tags
            .split([';', ',', ' '])
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
            .collect();
        list.sort();
        config.insert("tags".into(), list.join(";"));
    }
    // qemu-server's order (PVE/API2/Qemu.pm, `create_vm`): the request's checks, then
    // `create_and_lock_config` writes a config holding only `lock: create`, and the
    // qmcreate worker imports or allocates the disks and writes the whole config (name,
    // tags, ...) at its end, when the lock goes. Until then the VM has no name or tags.
    st.vms.insert(
        vmid,
        Vm {
            kind: "qemu",
            node: node.into(),
            status: "stopped".into(),
            config: BTreeMap::new(),
            lock: Some("create".into()),
            pending: BTreeMap::new(),
        },
    );
    let upid = st.start_task(
        node,
        "qmcreate",
        &vmid.to_string(),
        Effect::CreateVm(vmid, config),
    );
    ok(json!(upid))
}

/// A stand-in Image Factory on plain HTTP: `POST /schematics` answers the SHA-256 of the
/// body (or a wrong ID, when asked).
pub struct FakeFactory {
    pub url: String,
    pub received: Arc<Mutex<Vec<String>>>,
    pub wrong_id: Arc<Mutex<bool>>,
    server: JoinHandle<()>,
}

impl Drop for FakeFactory {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeFactory {
    pub async fn start() -> FakeFactory {
        use sha2::{Digest, Sha256};
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let received = Arc::new(Mutex::new(Vec::new()));
        let wrong_id = Arc::new(Mutex::new(false));
        let (r, w) = (received.clone(), wrong_id.clone());
        let server = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                let (r, w) = (r.clone(), w.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                        let (r, w) = (r.clone(), w.clone());
                        async move {
                            let path = req.uri().path().to_owned();
                            let body = req
                                .into_body()
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            if path != "/schematics" {
                                return Ok::<_, Infallible>(error(404, "not found", &[]));
                            }
                            r.lock()
                                .expect("factory")
                                .push(String::from_utf8_lossy(&body).into_owned());
                            let id: String = if *w.lock().expect("factory") {
                                "0".repeat(64)
                            } else {
                                Sha256::digest(&body)
                                    .iter()
                                    .map(|b| format!("{b:02x}"))
                                    .collect()
                            };
                            Ok(reply(201, json!({ "id": id }), None))
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tcp), service)
                        .await;
                });
            }
        });
        FakeFactory {
            url: format!("http://{addr}"),
            received,
            wrong_id,
            server,
        }
    }
}
