//! The secrets bundle of `talosctl gen secrets` (siderolabs/talos
//! `pkg/machinery/config/generate/secrets/`): made here as Talos makes it, and written
//! and read in its YAML format, so that either tool reads the other's file.
//!
//! ```yaml
//! cluster: {id, secret}
//! secrets: {bootstraptoken, secretboxencryptionsecret | aescbcencryptionsecret}
//! trustdinfo: {token}
//! certs: {etcd, k8s, k8saggregator: {crt, key}, k8sserviceaccount: {key}, os: {crt, key}}
//! ```
//!
//! Certificates and keys are PEM text, base64-encoded in the file.

use base64::Engine;
use serde::Deserialize;

use super::certificate::{self, Request, UnixTime};
use super::error::SecretsError;
use super::keys::{ServiceAccountKey, SigningKey};
use super::random::Entropy;

/// CA lifetime: ten years (`CAValidityTime = 87600h`).
pub const CA_VALIDITY_SECS: u64 = 87_600 * 3600;

/// What changes with the Talos release a bundle is made for (its "version contract").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flavor {
    /// RSA-4096 service account key (Talos 1.7 and later), else ECDSA P-256.
    pub rsa_service_account: bool,
    /// `secretboxencryptionsecret` (Talos 1.3 and later), else `aescbcencryptionsecret`.
    pub secretbox: bool,
}

impl Flavor {
    /// The flavor of Talos `major.minor`, as `VersionContract` decides it.
    pub fn for_release(major: u64, minor: u64) -> Flavor {
        let after = |m: u64| (major, minor) > (1, m);
        Flavor {
            rsa_service_account: after(6),
            secretbox: after(2),
        }
    }

    /// The flavor of the current Talos release (`talosctl gen secrets` without
    /// `--talos-version`).
    pub fn current() -> Flavor {
        Flavor {
            rsa_service_account: true,
            secretbox: true,
        }
    }
}

/// A certificate and its private key, PEM text.
#[derive(Clone, PartialEq, Eq)]
pub struct CertAndKey {
    pub crt: String,
    pub key: String,
}

/// The cluster's secrets. `Debug` shows no secret.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretsBundle {
    /// `cluster.id`: 32 random bytes, URL-safe base64.
    pub cluster_id: String,
    /// `cluster.secret`: 32 random bytes, base64.
    pub cluster_secret: String,
    /// `secrets.bootstraptoken`: `[a-z0-9]{6}.[a-z0-9]{16}`.
    pub bootstrap_token: String,
    pub secretbox_encryption_secret: Option<String>,
    pub aescbc_encryption_secret: Option<String>,
    /// `trustdinfo.token`.
    pub trustd_token: String,
    /// `certs.etcd`: ECDSA P-256 CA, O=etcd.
    pub etcd: CertAndKey,
    /// `certs.k8s`: ECDSA P-256 CA, O=kubernetes.
    pub k8s: CertAndKey,
    /// `certs.k8saggregator`: ECDSA P-256 CA, empty subject.
    pub k8s_aggregator: CertAndKey,
    /// `certs.k8sserviceaccount.key`: RSA-4096 (ECDSA P-256 before Talos 1.7).
    pub k8s_service_account_key: String,
    /// `certs.os`: Ed25519 CA, O=talos.
    pub os: CertAndKey,
}

impl std::fmt::Debug for SecretsBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretsBundle { .. }")
    }
}

/// Progress of [`SecretsBundle::generate`]: (step, of steps, what comes next).
pub type Progress<'a> = &'a mut dyn FnMut(u32, u32, &str);

impl SecretsBundle {
    /// Makes a new bundle: every secret from `seed`, every certificate valid from `now`.
    /// `progress` hears each step before it runs (the RSA key takes longest).
    pub fn generate(
        seed: [u8; 32],
        now: UnixTime,
        flavor: Flavor,
        progress: Progress<'_>,
    ) -> Result<SecretsBundle, SecretsError> {
        const STEPS: u32 = 6;
        let mut rng = Entropy::from_seed(seed);
        let ca = |rng: &mut Entropy, key: SigningKey, orgs: &[&str]| {
            let issued = certificate::self_signed_ca(
                &key,
                &Request {
                    organizations: orgs,
                    not_before: now,
                    not_after: now + CA_VALIDITY_SECS,
                },
                rng,
            )?;
            Ok::<_, SecretsError>(CertAndKey {
                crt: issued.pem,
                key: key.to_pem()?,
            })
        };
        // In Talos's order: etcd, Kubernetes, aggregator, service account, OS.
        progress(1, STEPS, "etcd CA (ECDSA P-256)");
        let key = SigningKey::new_p256(&mut rng);
        let etcd = ca(&mut rng, key, &["etcd"])?;
        progress(2, STEPS, "Kubernetes CA (ECDSA P-256)");
        let key = SigningKey::new_p256(&mut rng);
        let k8s = ca(&mut rng, key, &["kubernetes"])?;
        progress(3, STEPS, "aggregator CA (ECDSA P-256)");
        let key = SigningKey::new_p256(&mut rng);
        let k8s_aggregator = ca(&mut rng, key, &[])?;
        let service_account = if flavor.rsa_service_account {
            progress(4, STEPS, "service account key (RSA-4096)");
            ServiceAccountKey::new_rsa(&mut rng, 4096)?
        } else {
            progress(4, STEPS, "service account key (ECDSA P-256)");
            ServiceAccountKey::new_p256(&mut rng)
        };
        progress(5, STEPS, "Talos API CA (Ed25519)");
        let key = SigningKey::new_ed25519(&mut rng);
        let os = ca(&mut rng, key, &["talos"])?;
        progress(6, STEPS, "tokens and cluster secrets");
        let bootstrap_token = rng.token(6, 16);
        let encryption = rng.base64_std::<32>();
        let (secretbox_encryption_secret, aescbc_encryption_secret) = if flavor.secretbox {
            (Some(encryption), None)
        } else {
            (None, Some(encryption))
        };
        let trustd_token = rng.token(6, 16);
        let cluster_id = rng.base64_url::<32>();
        let cluster_secret = rng.base64_std::<32>();
        Ok(SecretsBundle {
            cluster_id,
            cluster_secret,
            bootstrap_token,
            secretbox_encryption_secret,
            aescbc_encryption_secret,
            trustd_token,
            etcd,
            k8s,
            k8s_aggregator,
            k8s_service_account_key: service_account.to_pem()?,
            os,
        })
    }

    /// The bundle as `talosctl gen secrets` writes it (Go YAML, four-space indent).
    pub fn to_yaml(&self) -> String {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let v = |s: &str| crate::config::yaml::scalar(s);
        let mut out = String::new();
        out.push_str("cluster:\n");
        out.push_str(&format!("    id: {}\n", v(&self.cluster_id)));
        out.push_str(&format!("    secret: {}\n", v(&self.cluster_secret)));
        out.push_str("secrets:\n");
        out.push_str(&format!(
            "    bootstraptoken: {}\n",
            v(&self.bootstrap_token)
        ));
        if let Some(s) = &self.aescbc_encryption_secret {
            out.push_str(&format!("    aescbcencryptionsecret: {}\n", v(s)));
        }
        if let Some(s) = &self.secretbox_encryption_secret {
            out.push_str(&format!("    secretboxencryptionsecret: {}\n", v(s)));
        }
        out.push_str("trustdinfo:\n");
        out.push_str(&format!("    token: {}\n", v(&self.trustd_token)));
        out.push_str("certs:\n");
        let pair = |out: &mut String, name: &str, ck: &CertAndKey| {
            out.push_str(&format!(
                "    {name}:\n        crt: {}\n        key: {}\n",
                b64(&ck.crt),
                b64(&ck.key)
            ));
        };
        pair(&mut out, "etcd", &self.etcd);
        pair(&mut out, "k8s", &self.k8s);
        pair(&mut out, "k8saggregator", &self.k8s_aggregator);
        out.push_str(&format!(
            "    k8sserviceaccount:\n        key: {}\n",
            b64(&self.k8s_service_account_key)
        ));
        pair(&mut out, "os", &self.os);
        out
    }

    /// Reads a bundle (`talosctl gen secrets` output, or ours) and checks it as Talos's
    /// `Bundle.Validate` does, and that each CA's key belongs to its certificate. Every
    /// problem is reported, by field; no value is quoted.
    pub fn from_yaml(text: &str) -> Result<SecretsBundle, SecretsError> {
        let raw: RawBundle = yaml_serde::from_str(text).map_err(|e| {
            // The serde message may quote the offending value: keep only its place.
            let at = e
                .location()
                .map(|l| format!(" (line {}, column {})", l.line(), l.column()))
                .unwrap_or_default();
            SecretsError::Format(format!("the YAML does not have the bundle's shape{at}"))
        })?;
        Self::from_raw(raw)
    }

    fn from_raw(raw: RawBundle) -> Result<SecretsBundle, SecretsError> {
        let mut problems = Vec::new();
        let mut text_field = |value: Option<String>, name: &str| -> String {
            match value.filter(|v| !v.trim().is_empty()) {
                Some(v) => v,
                None => {
                    problems.push(format!("{name} is required"));
                    String::new()
                }
            }
        };
        let cluster = raw.cluster.unwrap_or_default();
        let secrets = raw.secrets.unwrap_or_default();
        let trustd = raw.trustdinfo.unwrap_or_default();
        let certs = raw.certs.unwrap_or_default();
        let cluster_id = text_field(cluster.id, "cluster.id");
        let cluster_secret = text_field(cluster.secret, "cluster.secret");
        let bootstrap_token = text_field(secrets.bootstraptoken, "secrets.bootstraptoken");
        let trustd_token = text_field(trustd.token, "trustdinfo.token");
        let nonempty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        let secretbox = nonempty(secrets.secretboxencryptionsecret);
        let aescbc = nonempty(secrets.aescbcencryptionsecret);
        match (&secretbox, &aescbc) {
            (None, None) => problems.push(
                "one of secrets.secretboxencryptionsecret, secrets.aescbcencryptionsecret is required"
                    .into(),
            ),
            (Some(_), Some(_)) => problems.push(
                "only one of secrets.secretboxencryptionsecret, secrets.aescbcencryptionsecret is allowed"
                    .into(),
            ),
            _ => {}
        }
        for (token, name) in [
            (&bootstrap_token, "secrets.bootstraptoken"),
            (&trustd_token, "trustdinfo.token"),
        ] {
            if !token.is_empty() && !is_token(token) {
                problems.push(format!(
                    "{name} is not a token of the form [a-z0-9]{{6}}.[a-z0-9]{{16}}"
                ));
            }
        }
        let etcd = ca_pair(certs.etcd, "certs.etcd", &mut problems);
        let k8s = ca_pair(certs.k8s, "certs.k8s", &mut problems);
        let k8s_aggregator = ca_pair(certs.k8saggregator, "certs.k8saggregator", &mut problems);
        let os = ca_pair(certs.os, "certs.os", &mut problems);
        let k8s_service_account_key = match certs.k8sserviceaccount.and_then(|k| k.key) {
            None => {
                problems.push("certs.k8sserviceaccount is required".into());
                String::new()
            }
            Some(b64) => match decode_pem_field(&b64) {
                Err(e) => {
                    problems.push(format!("certs.k8sserviceaccount.key is invalid: {e}"));
                    String::new()
                }
                Ok(pem) => {
                    if let Err(e) = ServiceAccountKey::from_pem(&pem) {
                        problems.push(format!("certs.k8sserviceaccount.key is invalid: {e}"));
                    }
                    pem
                }
            },
        };
        if !problems.is_empty() {
            return Err(SecretsError::Invalid(problems));
        }
        Ok(SecretsBundle {
            cluster_id,
            cluster_secret,
            bootstrap_token,
            secretbox_encryption_secret: secretbox,
            aescbc_encryption_secret: aescbc,
            trustd_token,
            etcd,
            k8s,
            k8s_aggregator,
            k8s_service_account_key,
            os,
        })
    }

    /// The bundle inside a control plane's machine config, as `talosctl gen secrets
    /// --from-controlplane-config` takes it (`NewBundleFromConfig`).
    pub fn from_machine_config(text: &str) -> Result<SecretsBundle, SecretsError> {
        let documents: Vec<yaml_serde::Value> = {
            let mut out = Vec::new();
            for document in yaml_serde::Deserializer::from_str(text) {
                let value = yaml_serde::Value::deserialize(document)
                    .map_err(|_| SecretsError::Format("the machine config is not YAML".into()))?;
                out.push(value);
            }
            out
        };
        let config = documents
            .iter()
            .find(|d| d.get("machine").is_some() || d.get("cluster").is_some())
            .ok_or_else(|| {
                SecretsError::Format("no v1alpha1 document with `machine` and `cluster`".into())
            })?;
        let at = |path: &[&str]| -> Option<String> {
            let mut v = config;
            for p in path {
                v = v.get(*p)?;
            }
            v.as_str().map(str::to_owned)
        };
        let pair = |path: &[&str]| -> Option<RawPair> {
            let mut crt = path.to_vec();
            crt.push("crt");
            let mut key = path.to_vec();
            key.push("key");
            Some(RawPair {
                crt: at(&crt),
                key: at(&key).filter(|k| !k.is_empty()),
            })
        };
        let raw = RawBundle {
            cluster: Some(RawCluster {
                id: at(&["cluster", "id"]),
                secret: at(&["cluster", "secret"]),
            }),
            secrets: Some(RawSecrets {
                bootstraptoken: at(&["cluster", "token"]),
                aescbcencryptionsecret: at(&["cluster", "aescbcEncryptionSecret"]),
                secretboxencryptionsecret: at(&["cluster", "secretboxEncryptionSecret"]),
            }),
            trustdinfo: Some(RawTrustd {
                token: at(&["machine", "token"]),
            }),
            certs: Some(RawCerts {
                etcd: pair(&["cluster", "etcd", "ca"]),
                k8s: pair(&["cluster", "ca"]),
                k8saggregator: pair(&["cluster", "aggregatorCA"]),
                k8sserviceaccount: Some(RawKey {
                    key: at(&["cluster", "serviceAccount", "key"]),
                }),
                os: pair(&["machine", "ca"]),
            }),
        };
        Self::from_raw(raw)
    }

    /// An admin client certificate for the Talos API (`os:admin`, clientAuth,
    /// Ed25519, one year from `now`), signed by the bundle's OS CA, as
    /// `GenerateTalosAPIClientCertificate` makes it.
    pub fn admin_certificate(
        &self,
        now: UnixTime,
        seed: [u8; 32],
    ) -> Result<CertAndKey, SecretsError> {
        let ca = certificate::parse_pem(&self.os.crt)
            .map_err(|e| SecretsError::Invalid(vec![format!("certs.os.crt is invalid: {e}")]))?;
        let ca_key = SigningKey::from_pem(&self.os.key)
            .map_err(|e| SecretsError::Invalid(vec![format!("certs.os.key is invalid: {e}")]))?;
        let mut rng = Entropy::from_seed(seed);
        let key = match &ca_key {
            SigningKey::Ed25519(_) => SigningKey::new_ed25519(&mut rng),
            SigningKey::EcdsaP256(_) => SigningKey::new_p256(&mut rng),
        };
        let issued = certificate::issue(
            &ca,
            &ca_key,
            &key,
            &Request {
                organizations: &["os:admin"],
                not_before: now,
                not_after: now + ADMIN_VALIDITY_SECS,
            },
            x509_cert::ext::pkix::KeyUsage(
                x509_cert::ext::pkix::KeyUsages::DigitalSignature.into(),
            ),
            &[certificate::OID_CLIENT_AUTH],
            &mut rng,
        )?;
        Ok(CertAndKey {
            crt: issued.pem,
            key: key.to_pem()?,
        })
    }
}

/// The admin certificate's lifetime: one year
/// (`TalosAPIDefaultCertificateValidityDuration`).
pub const ADMIN_VALIDITY_SECS: u64 = 365 * 24 * 3600;

fn is_token(token: &str) -> bool {
    let ok = |s: &str, n: usize| {
        s.len() == n
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    };
    token
        .split_once('.')
        .is_some_and(|(a, b)| ok(a, 6) && ok(b, 16))
}

/// A base64 field holding PEM text.
fn decode_pem_field(b64: &str) -> Result<String, String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| "not base64".to_owned())?;
    String::from_utf8(bytes).map_err(|_| "not PEM text".to_owned())
}

fn ca_pair(raw: Option<RawPair>, name: &str, problems: &mut Vec<String>) -> CertAndKey {
    let Some(raw) = raw else {
        problems.push(format!("{name} is required"));
        return CertAndKey {
            crt: String::new(),
            key: String::new(),
        };
    };
    let mut field = |value: Option<String>, part: &str| match value {
        None => {
            problems.push(format!("{name}.{part} is required"));
            None
        }
        Some(b64) => match decode_pem_field(&b64) {
            Ok(pem) => Some(pem),
            Err(e) => {
                problems.push(format!("{name}.{part} is invalid: {e}"));
                None
            }
        },
    };
    let crt = field(raw.crt, "crt");
    let key = field(raw.key, "key");
    if let (Some(crt), Some(key)) = (&crt, &key) {
        match (certificate::parse_pem(crt), SigningKey::from_pem(key)) {
            (Err(e), _) => problems.push(format!("{name}.crt is invalid: {e}")),
            (_, Err(e)) => problems.push(format!("{name}.key is invalid: {e}")),
            (Ok(c), Ok(k)) if !certificate::key_matches(&c, &k) => {
                problems.push(format!("{name}.key does not belong to {name}.crt"))
            }
            _ => {}
        }
    }
    CertAndKey {
        crt: crt.unwrap_or_default(),
        key: key.unwrap_or_default(),
    }
}

#[derive(Debug, Default, Deserialize)]
struct RawBundle {
    cluster: Option<RawCluster>,
    secrets: Option<RawSecrets>,
    trustdinfo: Option<RawTrustd>,
    certs: Option<RawCerts>,
}

#[derive(Debug, Default, Deserialize)]
struct RawCluster {
    id: Option<String>,
    secret: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawSecrets {
    bootstraptoken: Option<String>,
    aescbcencryptionsecret: Option<String>,
    secretboxencryptionsecret: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawTrustd {
    token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawCerts {
    etcd: Option<RawPair>,
    k8s: Option<RawPair>,
    k8saggregator: Option<RawPair>,
    k8sserviceaccount: Option<RawKey>,
    os: Option<RawPair>,
}

#[derive(Debug, Default, Deserialize)]
struct RawPair {
    crt: Option<String>,
    key: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawKey {
    key: Option<String>,
}
