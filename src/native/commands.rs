//! The provisioning subcommands: `apply`, `destroy`, `status`. Arguments, reading the
//! environment, the async runtime and the output; the work is in [`super::provision`].
//!
//! Exit codes as for the other commands: 0 success, 1 the config has errors (and, for
//! `status`, a node or the VIP is not up), 2 usage, I/O, Proxmox or Talos failures.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::ValueEnum;

use super::input::{load, CliError, SourceArgs};
use super::output;
use super::provision::events::{JsonLines, PlainLines, Progress};
use super::provision::{
    self, ApplyOptions, ClusterInput, Endpoints, Event, ProvisionError, Removals, Reporter,
    StatusOptions, StatusTalos, TalosOptions,
};
use super::proxmox::{Client, ConnectionInput, Settings, TaskPolicy};
use super::report::{self, LintedFile};
use super::secrets;
use super::table::aligned;
use super::talos::{TalosBase, Timeouts};
use super::tls::Fingerprint;
use crate::plan::version::TalosVersion;

/// How to reach and trust Proxmox. Secrets come only from the environment
/// (`PROXMOX_VE_API_TOKEN`, or `PROXMOX_VE_USERNAME` and `PROXMOX_VE_PASSWORD`), so they
/// never show in the process list.
#[derive(Debug, Clone, clap::Args)]
pub struct ProxmoxArgs {
    /// Proxmox API URL, like https://pve.example.com:8006 [env: PROXMOX_VE_ENDPOINT].
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// User for a ticket login, like root@pam [env: PROXMOX_VE_USERNAME]; its password
    /// comes from PROXMOX_VE_PASSWORD. PROXMOX_VE_API_TOKEN (user@realm!tokenid=secret)
    /// is used instead when set.
    #[arg(long, value_name = "USER@REALM")]
    pub username: Option<String>,
    /// Trust this CA for Proxmox's certificate (a cluster's /etc/pve/pve-root-ca.pem).
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Trust exactly the Proxmox certificate with this SHA-256 fingerprint (shown in
    /// Node > System > Certificates).
    #[arg(long, value_name = "SHA256")]
    pub fingerprint: Option<String>,
    /// Do not verify Proxmox's certificate at all [env: PROXMOX_VE_INSECURE].
    #[arg(long)]
    pub insecure: bool,
}

impl ProxmoxArgs {
    fn input(&self) -> ConnectionInput {
        ConnectionInput {
            endpoint: self.endpoint.clone(),
            username: self.username.clone(),
            insecure: self.insecure,
            ca_cert: self.ca_cert.clone(),
            fingerprint: self.fingerprint.clone(),
        }
    }
}

/// Where Talos is.
#[derive(Debug, Clone, clap::Args)]
pub struct TalosArgs {
    /// The cluster's secrets bundle (`secrets gen` or `talosctl gen secrets`); apply
    /// makes it when missing. talosconfig and kubeconfig go beside it
    /// [default: <config's folder>/<cluster>-talos/secrets.yaml].
    #[arg(long, value_name = "FILE", conflicts_with = "talos_dir")]
    pub secrets: Option<PathBuf>,
    /// Use the directory `talosctl gen config` wrote instead (controlplane.yaml,
    /// worker.yaml, talosconfig).
    #[arg(long, value_name = "DIR")]
    pub talos_dir: Option<PathBuf>,
    /// Pin a node's maintenance-mode certificate, NODE=SHA256 (repeatable; NODE is a key
    /// like controlplane-1). Without it that self-signed certificate is accepted as
    /// `talosctl apply-config --insecure` accepts it.
    #[arg(long = "talos-fingerprint", value_name = "NODE=SHA256")]
    pub talos_fingerprint: Vec<String>,
    /// Reach a node's Talos API (or, with `vip`, the Kubernetes API) at another address:
    /// KEY=HOST:PORT. For port forwards and tests.
    #[arg(
        long = "talos-endpoint-override",
        value_name = "KEY=HOST:PORT",
        hide = true
    )]
    pub endpoint_override: Vec<String>,
}

impl TalosArgs {
    /// The endpoint overrides and the pinned fingerprints, their keys checked against
    /// the plan: a misspelt node would lose its pin silently, and its certificate would
    /// then be accepted unchecked. Keys of nodes the plan no longer has (being removed)
    /// are allowed, and `vip`/`kubernetes` for the Kubernetes API.
    pub(super) fn resolve(
        &self,
        input: &ClusterInput,
    ) -> Result<(Endpoints, BTreeMap<String, Fingerprint>), CliError> {
        let endpoints = Endpoints::parse(&self.endpoint_override).map_err(CliError::Usage)?;
        let mut fingerprints = BTreeMap::new();
        for entry in &self.talos_fingerprint {
            let (node, fp) = entry
                .split_once('=')
                .ok_or_else(|| CliError::Usage(format!("`{entry}` is not NODE=SHA256")))?;
            let fp = Fingerprint::parse(fp).map_err(|e| CliError::Usage(e.to_string()))?;
            fingerprints.insert(node.trim().to_owned(), fp);
        }
        let nodes: Vec<&str> = input.plan.nodes.iter().map(|n| n.key.as_str()).collect();
        let known = |key: &str| nodes.contains(&key) || is_node_key(key);
        let unknown = |flag: &str, key: &str| {
            CliError::Usage(format!(
                "{flag} names `{key}`, which is not a node of the plan (nodes: {})",
                nodes.join(", ")
            ))
        };
        if let Some(key) = fingerprints.keys().find(|k| !known(k)) {
            return Err(unknown("--talos-fingerprint", key));
        }
        if let Some(key) = endpoints
            .keys()
            .find(|k| !matches!(*k, "vip" | "kubernetes") && !known(k))
        {
            return Err(unknown("--talos-endpoint-override", key));
        }
        Ok((endpoints, fingerprints))
    }
}

/// `controlplane-N` or `worker-N` (N from 1): a node key, planned or not.
fn is_node_key(key: &str) -> bool {
    ["controlplane-", "worker-"].iter().any(|prefix| {
        key.strip_prefix(prefix)
            .is_some_and(|n| !n.starts_with('0') && n.parse::<u32>().is_ok_and(|n| n > 0))
    })
}

/// `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Progress bars on a terminal, plain lines otherwise.
    Text,
    /// One JSON event per line.
    Json,
}

/// What `apply` and `destroy` share: how they run and report.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// Read the current state and print the calls that would be made; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// VMs (and, for apply, Talos nodes) handled at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
    /// Milliseconds between polls (tasks, Talos retries); tests make it short.
    #[arg(long, default_value_t = 500, hide = true)]
    pub poll_ms: u64,
}

impl RunArgs {
    /// The run's options, without Talos.
    fn options(&self, task_timeout: u64) -> ApplyOptions {
        let first = Duration::from_millis(self.poll_ms.max(10));
        ApplyOptions {
            concurrency: usize::from(self.concurrency),
            dry_run: self.dry_run,
            tasks: TaskPolicy {
                first_interval: first,
                max_interval: first * 4,
                timeout: Duration::from_secs(task_timeout),
                not_found_grace: Duration::from_secs(10),
            },
            talos: None,
            removals: Removals::Refuse,
        }
    }
}

/// `apply`.
#[derive(Debug, Clone, clap::Args)]
pub struct ApplyArgs {
    /// Remove the nodes the plan no longer has without asking (scale-down); without it
    /// apply asks on a terminal and refuses otherwise.
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub proxmox: ProxmoxArgs,
    #[command(flatten)]
    pub talos: TalosArgs,
    /// Where to write the kubeconfig [default: beside the secrets bundle, or in
    /// --talos-dir].
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// Create and start the VMs only; do not touch Talos.
    #[arg(long)]
    pub proxmox_only: bool,
    #[command(flatten)]
    pub run: RunArgs,
    /// Seconds to wait for each node's Talos API, for etcd, the VIP and the kubeconfig.
    #[arg(long, default_value_t = 1200, value_name = "SECS")]
    pub talos_timeout: u64,
    /// Seconds a Proxmox task (an image download, a VM creation) may take.
    #[arg(long, default_value_t = 1800, value_name = "SECS")]
    pub task_timeout: u64,
}

/// `destroy`.
#[derive(Debug, Clone, clap::Args)]
pub struct DestroyArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub proxmox: ProxmoxArgs,
    /// Really remove the VMs (without it only --dry-run runs).
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub run: RunArgs,
    /// Seconds a Proxmox task may take.
    #[arg(long, default_value_t = 600, value_name = "SECS")]
    pub task_timeout: u64,
}

/// `status`.
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub proxmox: ProxmoxArgs,
    #[command(flatten)]
    pub talos: TalosArgs,
    /// Ask Proxmox only.
    #[arg(long)]
    pub proxmox_only: bool,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

pub(super) fn reporter(output: OutputFormat) -> Box<dyn Reporter> {
    match output {
        OutputFormat::Json => Box::new(JsonLines),
        OutputFormat::Text if std::io::stderr().is_terminal() => Box::new(Progress::new()),
        OutputFormat::Text => Box::new(PlainLines),
    }
}

/// The analysed config, or the exit code after its diagnostics were printed.
fn analyzed(source: &SourceArgs) -> Result<Result<ClusterInput, ExitCode>, CliError> {
    Ok(analyzed_source(source)?.map(|(input, _)| input))
}

/// The analysed config and its source (text and name), or the exit code after its
/// diagnostics were printed.
pub(super) fn analyzed_source(
    source: &SourceArgs,
) -> Result<Result<(ClusterInput, LintedFile), ExitCode>, CliError> {
    let (text, name, format) = load(source)?;
    Ok(match ClusterInput::analyze(&text, format) {
        Ok(input) => Ok((
            input,
            LintedFile {
                path: name,
                text,
                diagnostics: Vec::new(),
            },
        )),
        Err(diagnostics) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let file = LintedFile {
                path: name,
                text,
                diagnostics,
            };
            output::eprint(&report::human(std::slice::from_ref(&file), color));
            output::eprintln("error: the config has errors; nothing was sent to Proxmox");
            Err(ExitCode::from(1))
        }
    })
}

/// Reports a failure that happened before a run started.
pub(super) fn fail(out: &dyn Reporter, message: String) -> ExitCode {
    out.emit(&Event::Error {
        node: None,
        message,
    });
    ExitCode::from(2)
}

pub(super) fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::Usage(format!("cannot start the async runtime: {e}")))
}

/// The Proxmox client; a failure is reported, leaving only the exit code.
pub(super) fn connect(proxmox: &ProxmoxArgs, out: &dyn Reporter) -> Result<Arc<Client>, ExitCode> {
    let settings = Settings::resolve(&proxmox.input(), &|name| std::env::var(name).ok())
        .map_err(|e| fail(out, e.to_string()))?;
    Client::new(&settings).map_err(|e| fail(out, e.to_string()))
}

/// Connects to Proxmox and runs `work` (`apply` or `destroy`), whose failures are
/// reported as events, leaving only the exit code.
fn run_with_client<T>(
    proxmox: &ProxmoxArgs,
    out: &dyn Reporter,
    work: impl AsyncFnOnce(&Client) -> Result<T, ProvisionError>,
) -> Result<ExitCode, CliError> {
    let client = match connect(proxmox, out) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    Ok(match runtime()?.block_on(work(&client)) {
        Ok(_) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    })
}

/// The image's Talos release, for the secrets and base configs.
pub(super) fn talos_version(input: &ClusterInput) -> Result<TalosVersion, CliError> {
    input
        .config
        .image
        .version
        .get()
        .and_then(|v| TalosVersion::parse(v))
        .ok_or_else(|| CliError::Usage("image.version is not a Talos release".into()))
}

/// The bundle path of `apply` and `status`: --secrets, or the default beside the config.
pub(super) fn secrets_path(
    source: &SourceArgs,
    talos: &TalosArgs,
    input: &ClusterInput,
) -> PathBuf {
    talos
        .secrets
        .clone()
        .unwrap_or_else(|| secrets::default_dir(source, &input.name()).join("secrets.yaml"))
}

/// `talos-planner apply`.
pub fn apply(args: &ApplyArgs) -> Result<ExitCode, CliError> {
    let input = match analyzed(&args.source)? {
        Ok(input) => input,
        Err(code) => return Ok(code),
    };
    let out = reporter(args.run.output);
    let talos = if args.proxmox_only {
        None
    } else {
        let (endpoints, fingerprints) = args.talos.resolve(&input)?;
        let (base, kubeconfig) = match &args.talos.talos_dir {
            Some(dir) => match TalosBase::read(dir) {
                Ok(base) => (base, dir.join("kubeconfig")),
                Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
            },
            None => {
                let path = secrets_path(&args.source, &args.talos, &input);
                let version = talos_version(&input)?;
                let mut notes = secrets::Prepared::default();
                let prepared =
                    secrets::prepare(&path, &input.plan, &version, args.run.dry_run, &mut notes);
                for message in notes.notes {
                    out.emit(&Event::Info { message });
                }
                match prepared {
                    Ok(s) => (s.base, s.dir.join("kubeconfig")),
                    Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
                }
            }
        };
        Some(TalosOptions {
            kubeconfig: args.kubeconfig.clone().unwrap_or(kubeconfig),
            base,
            endpoints,
            fingerprints,
            timeout: Duration::from_secs(args.talos_timeout),
            // Each probe is two TLS handshakes: ask less often than Proxmox tasks.
            interval: Duration::from_millis((args.run.poll_ms * 4).max(100)),
            rpc: Timeouts::default(),
        })
    };
    let removals = if args.yes {
        Removals::Allow
    } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        Removals::Ask(Arc::new(confirm_removal))
    } else {
        Removals::Refuse
    };
    let opts = ApplyOptions {
        talos,
        removals,
        ..args.run.options(args.task_timeout)
    };
    let out = out.as_ref();
    if args.run.dry_run {
        // A dry run does without Proxmox when it cannot be reached or is not set up.
        if let Err(e) = Settings::resolve(&args.proxmox.input(), &|name| std::env::var(name).ok()) {
            return Ok(
                match provision::dry_run_without_proxmox(&input, &opts, out, &e.to_string()) {
                    Ok(_) => ExitCode::SUCCESS,
                    Err(_) => ExitCode::from(2),
                },
            );
        }
    }
    run_with_client(&args.proxmox, out, async |client| {
        provision::apply(&input, client, &opts, out).await
    })
}

/// Asks on the terminal whether the nodes may be removed.
fn confirm_removal(keys: &[String]) -> bool {
    output::eprint(&format!(
        "Remove {} (etcd member, Kubernetes Node, reset, VM)? Type yes to go on: ",
        keys.join(", ")
    ));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && answer.trim() == "yes"
}

/// `talos-planner destroy`.
pub fn destroy(args: &DestroyArgs) -> Result<ExitCode, CliError> {
    if !args.yes && !args.run.dry_run {
        return Err(CliError::Usage(
            "destroy stops and removes the cluster's VMs: see which with --dry-run, then run \
             it again with --yes"
                .into(),
        ));
    }
    let input = match analyzed(&args.source)? {
        Ok(input) => input,
        Err(code) => return Ok(code),
    };
    let out = reporter(args.run.output);
    let opts = args.run.options(args.task_timeout);
    let out = out.as_ref();
    run_with_client(&args.proxmox, out, async |client| {
        provision::destroy(&input, client, &opts, out).await
    })
}

/// `talos-planner status`.
pub fn status(args: &StatusArgs) -> Result<ExitCode, CliError> {
    let input = match analyzed(&args.source)? {
        Ok(input) => input,
        Err(code) => return Ok(code),
    };
    let out: Box<dyn Reporter> = match args.output {
        OutputFormat::Json => Box::new(JsonLines),
        OutputFormat::Text => Box::new(PlainLines),
    };
    let talos = if args.proxmox_only {
        None
    } else {
        let identity = match &args.talos.talos_dir {
            Some(dir) => match TalosBase::read(dir) {
                Ok(base) => Some(base.identity),
                Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
            },
            // The talosconfig beside the secrets bundle, when apply wrote one.
            None => {
                match secrets::identity_beside(&secrets_path(&args.source, &args.talos, &input)) {
                    Ok(identity) => identity,
                    Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
                }
            }
        };
        let (endpoints, fingerprints) = args.talos.resolve(&input)?;
        Some(StatusTalos {
            identity,
            endpoints,
            fingerprints,
            rpc: Timeouts {
                connect: Duration::from_secs(3),
                request: Duration::from_secs(5),
            },
        })
    };
    let client = match connect(&args.proxmox, out.as_ref()) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let opts = StatusOptions {
        concurrency: 8,
        talos,
    };
    let status = match runtime()?.block_on(provision::status(&input, &client, &opts)) {
        Ok(s) => s,
        Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
    };
    match args.output {
        OutputFormat::Json => output::println(&serde_json::to_string(&status)?),
        OutputFormat::Text => output::print(&status_table(&status)),
    }
    Ok(if status.healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The status as an aligned table with the VIP below it.
pub fn status_table(status: &provision::ClusterStatus) -> String {
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let mut rows = vec![["NODE", "HOSTNAME", "VM ID", "PROXMOX", "VM", "TALOS API"]
        .map(str::to_owned)
        .to_vec()];
    for n in &status.nodes {
        rows.push(vec![
            n.node.clone(),
            dash(n.hostname.clone()),
            dash(n.vm_id.map(|v| v.to_string())),
            dash(n.proxmox_node.clone()),
            n.vm.clone(),
            dash(n.talos.clone()),
        ]);
    }
    let mut out = format!(
        "cluster     {}\nendpoint    {}\n\n{}",
        status.cluster,
        dash(status.endpoint.clone()),
        aligned(&rows)
    );
    if let Some(vip) = &status.vip {
        out.push_str(&format!(
            "\nVIP         {} {}\n",
            vip.address,
            if vip.answering {
                "answers"
            } else {
                "does not answer"
            }
        ));
    }
    out.push_str(if status.healthy {
        "\nhealthy\n"
    } else {
        "\nnot healthy\n"
    });
    out
}
