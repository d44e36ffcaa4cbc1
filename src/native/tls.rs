//! TLS trust decisions shared by the Proxmox and Talos clients: PEM reading (including
//! Talos's `ED25519 PRIVATE KEY` label), certificate fingerprints, and the one verifier
//! that is not plain WebPKI: a pinned SHA-256 fingerprint or, only when asked for
//! explicitly, no verification at all.
//!
//! One crypto provider (ring) is used everywhere, so nothing depends on a process-wide
//! default being installed.

use std::fmt;
use std::sync::Arc;

use base64::Engine;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// What can be wrong with certificates, keys and fingerprints.
#[derive(Debug, Error)]
pub enum TlsError {
    #[error("{what} contains no PEM `{label}` block")]
    NoPem { what: String, label: &'static str },
    #[error("{what} has a PEM block that is not valid base64")]
    BadPem { what: String },
    #[error("{what} has a private key of an unsupported kind (`{label}`)")]
    KeyKind { what: String, label: String },
    #[error("`{0}` is not a SHA-256 fingerprint (64 hex digits, optionally separated by colons)")]
    Fingerprint(String),
    #[error("{0}")]
    Config(String),
}

/// The crypto provider of every TLS connection we make.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// One PEM block: its label and DER bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemBlock {
    pub label: String,
    pub der: Vec<u8>,
}

/// Every PEM block in `text`, in order. `what` names the source in errors.
pub fn pem_blocks(text: &str, what: &str) -> Result<Vec<PemBlock>, TlsError> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else {
            break;
        };
        let label = after[..label_end].to_owned();
        let body_start = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = body_start.find(&end_marker) else {
            return Err(TlsError::BadPem { what: what.into() });
        };
        let body: String = body_start[..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body.as_bytes())
            .map_err(|_| TlsError::BadPem { what: what.into() })?;
        blocks.push(PemBlock { label, der });
        rest = &body_start[end + end_marker.len()..];
    }
    Ok(blocks)
}

/// The certificates of a PEM text.
pub fn certificates(text: &str, what: &str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let certs: Vec<_> = pem_blocks(text, what)?
        .into_iter()
        .filter(|b| b.label == "CERTIFICATE")
        .map(|b| CertificateDer::from(b.der))
        .collect();
    if certs.is_empty() {
        return Err(TlsError::NoPem {
            what: what.into(),
            label: "CERTIFICATE",
        });
    }
    Ok(certs)
}

/// The first private key of a PEM text. Talos writes Ed25519 keys as PKCS#8 under its own
/// label, `ED25519 PRIVATE KEY`, which generic PEM readers do not know.
pub fn private_key(text: &str, what: &str) -> Result<PrivateKeyDer<'static>, TlsError> {
    for block in pem_blocks(text, what)? {
        return match block.label.as_str() {
            "PRIVATE KEY" | "ED25519 PRIVATE KEY" => Ok(PrivateKeyDer::Pkcs8(block.der.into())),
            "EC PRIVATE KEY" => Ok(PrivateKeyDer::Sec1(block.der.into())),
            "RSA PRIVATE KEY" => Ok(PrivateKeyDer::Pkcs1(block.der.into())),
            "CERTIFICATE" => continue,
            other => Err(TlsError::KeyKind {
                what: what.into(),
                label: other.into(),
            }),
        };
    }
    Err(TlsError::NoPem {
        what: what.into(),
        label: "PRIVATE KEY",
    })
}

/// A SHA-256 certificate fingerprint, as Proxmox's GUI and `talosctl` show it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    /// Reads `AB:CD:...` or plain hex, in either case.
    pub fn parse(text: &str) -> Result<Self, TlsError> {
        let hex: String = text
            .trim()
            .chars()
            .filter(|c| *c != ':')
            .collect::<String>()
            .to_ascii_lowercase();
        let bad = || TlsError::Fingerprint(text.trim().to_owned());
        if hex.len() != 64 {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2).ok_or_else(bad)?, 16)
                .map_err(|_| bad())?;
        }
        Ok(Fingerprint(out))
    }

    /// The fingerprint of a DER certificate.
    pub fn of(der: &[u8]) -> Self {
        Fingerprint(Sha256::digest(der).into())
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|b| format!("{b:02X}")).collect();
        f.write_str(&parts.join(":"))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

/// A server certificate check other than WebPKI: exactly the certificate with the
/// pinned fingerprint, whatever its issuer or names (the usual way to trust one
/// self-signed host), or, without a pin, any certificate. Handshake signatures are
/// verified either way, so the peer must hold the certificate's key.
#[derive(Debug)]
struct CustomVerifier {
    /// `None`: accept any certificate (an explicit `--insecure`, or Talos maintenance
    /// mode without a fingerprint, where the node's certificate is self-signed at boot).
    pin: Option<Fingerprint>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for CustomVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(pin) = self.pin else {
            return Ok(ServerCertVerified::assertion());
        };
        let seen = Fingerprint::of(end_entity);
        if seen == pin {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(format!(
                "the server certificate's fingerprint is {seen}, not the pinned {pin}"
            )))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// How to trust a server.
#[derive(Debug, Clone, Default)]
pub enum Trust {
    /// The system's trust store.
    #[default]
    System,
    /// The system's trust store plus the CAs of this PEM text (Proxmox's `pve-root-ca.pem`).
    CaPem(String),
    /// Only these CA certificates (PEM text): Talos's own CA from the talosconfig.
    OnlyCaPem(String),
    /// Exactly this certificate.
    Pinned(Fingerprint),
    /// Anything (`--insecure`).
    Insecure,
}

fn custom_verifier(pin: Option<Fingerprint>) -> Arc<CustomVerifier> {
    Arc::new(CustomVerifier {
        pin,
        provider: provider(),
    })
}

/// A rustls client config builder stage with our provider and the verifier for `trust`.
pub fn client_config_builder(
    trust: &Trust,
) -> Result<rustls::ConfigBuilder<rustls::ClientConfig, rustls::client::WantsClientCert>, TlsError>
{
    let builder = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Config(e.to_string()))?;
    let roots = |extra: Option<&str>, system: bool| -> Result<rustls::RootCertStore, TlsError> {
        let mut roots = rustls::RootCertStore::empty();
        if system {
            // Unreadable system certificates are skipped, as every TLS client does.
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                let _ = roots.add(cert);
            }
        }
        if let Some(pem) = extra {
            for cert in certificates(pem, "the CA certificate")? {
                roots.add(cert).map_err(|e| {
                    TlsError::Config(format!("the CA certificate cannot be used: {e}"))
                })?;
            }
        }
        Ok(roots)
    };
    Ok(match trust {
        Trust::System => builder.with_root_certificates(roots(None, true)?),
        Trust::CaPem(pem) => builder.with_root_certificates(roots(Some(pem), true)?),
        Trust::OnlyCaPem(pem) => builder.with_root_certificates(roots(Some(pem), false)?),
        Trust::Pinned(pin) => builder
            .dangerous()
            .with_custom_certificate_verifier(custom_verifier(Some(*pin))),
        Trust::Insecure => builder
            .dangerous()
            .with_custom_certificate_verifier(custom_verifier(None)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_round_trip() {
        let text = "ab:".repeat(31) + "ab";
        let fp = Fingerprint::parse(&text).unwrap();
        assert_eq!(fp.to_string(), "AB:".repeat(31) + "AB");
        assert_eq!(Fingerprint::parse(&"AB".repeat(32)).unwrap(), fp);
        assert!(Fingerprint::parse("abc").is_err());
        assert!(Fingerprint::parse(&"zz".repeat(32)).is_err());
    }

    #[test]
    fn talos_key_label_is_pkcs8() {
        let pem = "-----BEGIN ED25519 PRIVATE KEY-----\nAAEC\n-----END ED25519 PRIVATE KEY-----\n";
        assert!(matches!(
            private_key(pem, "key").unwrap(),
            PrivateKeyDer::Pkcs8(_)
        ));
        assert!(matches!(
            private_key("nothing", "key"),
            Err(TlsError::NoPem { .. })
        ));
    }
}
