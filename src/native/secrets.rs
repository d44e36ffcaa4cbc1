//! `talos-planner secrets gen`, and the cluster's secrets for `render --secrets`,
//! `apply` and `status`: the bundle (made once, then reused), the talosconfig beside it
//! and the base configs made from it. The operating system gives the randomness and the
//! clock; the core ([`crate::secrets`]) does the rest.
//!
//! Without `--secrets` and `--talos-dir`, the bundle lives at
//! `<config's folder>/<cluster>-talos/secrets.yaml`, with `talosconfig` and `kubeconfig`
//! beside it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use super::input::{read_source, CliError, SourceArgs};
use super::output;
use super::private_file::{write_private, Existing};
use super::talos::config::parse_talosconfig;
use super::talos::{ClientIdentity, TalosBase};
use crate::plan::version::TalosVersion;
use crate::plan::Plan;
use crate::render::machine_config;
use crate::secrets::{Flavor, SecretsBundle, UnixTime};

/// `secrets`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum SecretsCommand {
    /// Write a new secrets bundle in the format of `talosctl gen secrets`.
    Gen(GenArgs),
}

/// `secrets gen`.
#[derive(Debug, Clone, clap::Args)]
pub struct GenArgs {
    /// Where to write the bundle (0600; never printed).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: PathBuf,
    /// The Talos release the bundle is for (before v1.7 the service account key is
    /// ECDSA, before v1.3 the encryption secret is AES-CBC) [default: current].
    #[arg(long, value_name = "VERSION")]
    pub talos_version: Option<String>,
    /// Take the secrets from a control plane's machine config instead of making new
    /// ones (`talosctl gen secrets --from-controlplane-config`).
    #[arg(long, value_name = "FILE")]
    pub from_controlplane_config: Option<PathBuf>,
    /// Replace FILE when it exists (its cluster can then no longer be managed with it).
    #[arg(long)]
    pub force: bool,
}

/// 32 bytes from the operating system's generator: the seed of a bundle or certificate.
pub fn os_seed() -> Result<[u8; 32], CliError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| CliError::Usage(format!("the system's random generator failed: {e}")))?;
    Ok(seed)
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> UnixTime {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The bundle flavor of a release tag (`v1.12.0`, `1.6`).
fn flavor_of(version: &str) -> Result<Flavor, CliError> {
    let text = format!("v{}", version.trim().trim_start_matches('v'));
    let mut parts = text[1..].split(['.', '-']);
    let number = |p: Option<&str>| p.and_then(|p| p.parse::<u64>().ok());
    match (number(parts.next()), number(parts.next())) {
        (Some(major), Some(minor)) => Ok(Flavor::for_release(major, minor)),
        _ => Err(CliError::Usage(format!(
            "--talos-version `{version}` is not a Talos release like v1.12.0"
        ))),
    }
}

/// Makes a bundle with the operating system's randomness and clock.
pub fn new_bundle(flavor: Flavor) -> Result<SecretsBundle, CliError> {
    SecretsBundle::generate(os_seed()?, unix_now(), flavor, &mut |_, _, _| {})
        .map_err(|e| CliError::Usage(e.to_string()))
}

/// Reads a bundle file.
pub fn load_bundle(path: &Path) -> Result<SecretsBundle, CliError> {
    let text = read_source(&path.to_string_lossy())?;
    SecretsBundle::from_yaml(&text).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

/// Writes a file holding secrets (0600).
pub fn write_secret(path: &Path, text: &str, existing: Existing) -> Result<(), CliError> {
    write_private(path, text, existing).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            not_replaced(path)
        } else {
            CliError::Write {
                path: path.display().to_string(),
                source,
            }
        }
    })
}

/// Why an existing secrets file is left alone.
fn not_replaced(path: &Path) -> CliError {
    CliError::Usage(format!(
        "{} exists: it may hold the keys of a running cluster, so it is not replaced \
         (pass --force to replace it, or choose another file)",
        path.display()
    ))
}

/// `talos-planner secrets gen`.
pub fn gen(args: &GenArgs) -> Result<ExitCode, CliError> {
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    if !args.force && args.out.exists() {
        // Checked before the (slow) key generation too.
        return Err(not_replaced(&args.out));
    }
    let bundle = match &args.from_controlplane_config {
        Some(path) => {
            let text = read_source(&path.to_string_lossy())?;
            SecretsBundle::from_machine_config(&text)
                .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?
        }
        None => {
            let flavor = match &args.talos_version {
                Some(v) => flavor_of(v)?,
                None => Flavor::current(),
            };
            new_bundle(flavor)?
        }
    };
    write_secret(&args.out, &bundle.to_yaml(), existing)?;
    output::eprintln(&format!(
        "wrote the secrets bundle to {} (mode 0600; keep it safe: it holds the cluster's \
         CA keys and tokens)",
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// The default folder of a cluster's secrets: `<cluster>-talos` beside the config file
/// (in the working directory for standard input and built-in examples).
pub fn default_dir(source: &SourceArgs, cluster: &str) -> PathBuf {
    let base = source
        .file
        .as_deref()
        .filter(|f| *f != "-")
        .and_then(|f| Path::new(f).parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    base.join(format!("{cluster}-talos"))
}

/// What happened to the cluster's secret files (for the run's messages).
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Sentences like "created the secrets bundle at …".
    pub notes: Vec<String>,
}

/// The secrets of a cluster, ready for `apply`: the bundle, the talosconfig identity,
/// and the base configs made from the bundle (as a [`TalosBase`]).
pub struct ClusterSecrets {
    pub dir: PathBuf,
    pub base: TalosBase,
}

/// Loads the bundle at `path` (or makes it, when missing: written unless `dry_run`),
/// and the talosconfig beside it (made likewise), then the base configs for `plan`.
pub fn prepare(
    path: &Path,
    plan: &Plan,
    version: &TalosVersion,
    dry_run: bool,
    notes: &mut Prepared,
) -> Result<ClusterSecrets, CliError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let bundle = if path.exists() {
        load_bundle(path)?
    } else {
        let bundle = new_bundle(Flavor::for_release(version.major, version.minor))?;
        if dry_run {
            notes.notes.push(format!(
                "would create the secrets bundle at {} (this dry run used a throwaway one)",
                path.display()
            ));
        } else {
            write_secret(path, &bundle.to_yaml(), Existing::Refuse)?;
            notes.notes.push(format!(
                "created the secrets bundle at {} (mode 0600): keep it, later runs and \
                 upgrades need it",
                path.display()
            ));
        }
        bundle
    };
    let talosconfig_path = dir.join("talosconfig");
    let identity = if talosconfig_path.exists() {
        let text = read_source(&talosconfig_path.to_string_lossy())?;
        let identity = parse_talosconfig(&text, &talosconfig_path.display().to_string())
            .map_err(|e| CliError::Usage(e.to_string()))?;
        if identity.ca_pem.trim() != bundle.os.crt.trim() {
            return Err(CliError::Usage(format!(
                "{} does not belong to {}: its CA is not the bundle's Talos CA (move one of \
                 them away)",
                talosconfig_path.display(),
                path.display()
            )));
        }
        identity
    } else {
        let text = machine_config::talosconfig(plan, &bundle, unix_now(), os_seed()?)
            .map_err(|e| CliError::Usage(e.to_string()))?;
        if dry_run {
            notes.notes.push(format!(
                "would write the talosconfig to {}",
                talosconfig_path.display()
            ));
        } else {
            write_secret(&talosconfig_path, &text, Existing::Refuse)?;
            notes.notes.push(format!(
                "wrote the talosconfig to {} (talosctl --talosconfig {} ...)",
                talosconfig_path.display(),
                talosconfig_path.display()
            ));
        }
        parse_talosconfig(&text, "the new talosconfig")
            .map_err(|e| CliError::Usage(e.to_string()))?
    };
    let (controlplane, worker) = machine_config::role_bases(plan, version, &bundle)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    Ok(ClusterSecrets {
        dir: dir.clone(),
        base: TalosBase {
            dir,
            controlplane,
            worker,
            identity,
        },
    })
}

/// The talosconfig identity beside a bundle, when there is one (for `status`).
pub fn identity_beside(path: &Path) -> Result<Option<ClientIdentity>, CliError> {
    let talosconfig = path
        .parent()
        .map_or_else(|| PathBuf::from("talosconfig"), |d| d.join("talosconfig"));
    if !talosconfig.exists() {
        return Ok(None);
    }
    let text = read_source(&talosconfig.to_string_lossy())?;
    parse_talosconfig(&text, &talosconfig.display().to_string())
        .map(Some)
        .map_err(|e| CliError::Usage(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavors_by_release() {
        assert_eq!(flavor_of("v1.12.0").unwrap(), Flavor::for_release(1, 12));
        assert!(!flavor_of("1.6").unwrap().rsa_service_account);
        assert!(flavor_of("v1.7.0").unwrap().rsa_service_account);
        assert!(flavor_of("latest").is_err());
    }

    #[test]
    fn the_default_folder_is_beside_the_config() {
        let source = |file: Option<&str>| SourceArgs {
            file: file.map(str::to_owned),
            example: None,
            input: super::super::input::InputArgs { input_format: None },
        };
        assert_eq!(
            default_dir(&source(Some("clusters/homelab.yaml")), "homelab"),
            PathBuf::from("clusters/homelab-talos")
        );
        assert_eq!(
            default_dir(&source(Some("-")), "homelab"),
            PathBuf::from("homelab-talos")
        );
        assert_eq!(
            default_dir(&source(Some("cluster.yaml")), "lab"),
            PathBuf::from("lab-talos")
        );
    }
}
