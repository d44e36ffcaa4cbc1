//! Test certificates, made at test time with rcgen: a CA and leaf certificates for
//! 127.0.0.1, in the shapes Proxmox and Talos use (Talos: Ed25519, `os:admin` client).

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType, SignatureAlgorithm,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A certificate and its key, as PEM and DER.
pub struct Leaf {
    pub cert_pem: String,
    pub key_pem: String,
    pub cert_der: CertificateDer<'static>,
    pub key_der: Vec<u8>,
}

impl Leaf {
    pub fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone()))
    }

    /// The SHA-256 fingerprint, `AA:BB:...`.
    pub fn fingerprint(&self) -> String {
        talos_planner::native::tls::Fingerprint::of(self.cert_der.as_ref()).to_string()
    }
}

/// A certificate authority.
pub struct Ca {
    issuer: Issuer<'static, KeyPair>,
    pem: String,
    der: CertificateDer<'static>,
    alg: &'static SignatureAlgorithm,
}

impl Ca {
    pub fn new(name: &str, alg: &'static SignatureAlgorithm) -> Ca {
        let key = KeyPair::generate_for(alg).expect("CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::CrlSign,
        ];
        let key_pem = key.serialize_pem();
        let certified = CertifiedIssuer::self_signed(params, key).expect("CA cert");
        Ca::from_pem(&certified.pem(), &key_pem)
    }

    /// A CA from its certificate and key, PEM (a key under Talos's label
    /// `ED25519 PRIVATE KEY` or `EC PRIVATE KEY` too), as a Talos node takes its CA
    /// from the machine config.
    pub fn from_pem(cert_pem: &str, key_pem: &str) -> Ca {
        let (alg, key) = if key_pem.contains("BEGIN EC PRIVATE KEY") {
            // SEC 1 -> PKCS#8, which rcgen reads.
            use p256::pkcs8::EncodePrivateKey;
            let secret = p256::SecretKey::from_sec1_pem(key_pem).expect("EC key");
            let der = secret.to_pkcs8_der().expect("PKCS#8");
            let key = KeyPair::try_from(der.as_bytes()).expect("CA key");
            (&rcgen::PKCS_ECDSA_P256_SHA256, key)
        } else {
            let pkcs8 = key_pem
                .replace("ED25519 PRIVATE KEY", "PRIVATE KEY")
                .replace("EC PRIVATE KEY", "PRIVATE KEY");
            (
                &rcgen::PKCS_ED25519,
                KeyPair::from_pem(&pkcs8).expect("CA key"),
            )
        };
        let pem_block = pem_der(cert_pem);
        let der = CertificateDer::from(pem_block);
        let issuer = Issuer::from_ca_cert_der(&der, key).expect("CA certificate");
        Ca {
            issuer,
            pem: cert_pem.to_owned(),
            der,
            alg,
        }
    }

    pub fn pem(&self) -> String {
        self.pem.clone()
    }

    pub fn der(&self) -> CertificateDer<'static> {
        self.der.clone()
    }

    /// A server certificate for 127.0.0.1 and localhost.
    pub fn server(&self, name: &str) -> Leaf {
        self.leaf(name, None, ExtendedKeyUsagePurpose::ServerAuth)
    }

    /// A client certificate with an organization (Talos reads roles from it).
    pub fn client(&self, name: &str, organization: &str) -> Leaf {
        self.leaf(
            name,
            Some(organization),
            ExtendedKeyUsagePurpose::ClientAuth,
        )
    }

    fn leaf(&self, name: &str, org: Option<&str>, eku: ExtendedKeyUsagePurpose) -> Leaf {
        let key = KeyPair::generate_for(self.alg).expect("leaf key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("leaf params");
        params.distinguished_name.push(DnType::CommonName, name);
        if let Some(org) = org {
            params
                .distinguished_name
                .push(DnType::OrganizationName, org);
        }
        params.subject_alt_names = vec![
            SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            SanType::DnsName("localhost".try_into().expect("dns name")),
        ];
        params.extended_key_usages = vec![eku];
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        let cert = params.signed_by(&key, &self.issuer).expect("leaf cert");
        Leaf {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            cert_der: cert.der().clone(),
            key_der: key.serialize_der(),
        }
    }
}

/// The DER of the first PEM block.
fn pem_der(text: &str) -> Vec<u8> {
    use base64::Engine;
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM body")
}

/// A self-signed server certificate (Talos maintenance mode makes one at boot).
pub fn self_signed(name: &str) -> Leaf {
    let key = KeyPair::generate_for(&rcgen::PKCS_ED25519).expect("key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.distinguished_name.push(DnType::CommonName, name);
    params.subject_alt_names = vec![SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST))];
    let cert = params.self_signed(&key).expect("cert");
    Leaf {
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
        cert_der: cert.der().clone(),
        key_der: key.serialize_der(),
    }
}

/// A rustls server config with this certificate, no client authentication.
pub fn server_config(leaf: &Leaf, alpn: &[&[u8]]) -> Arc<rustls::ServerConfig> {
    let mut config =
        rustls::ServerConfig::builder_with_provider(talos_planner::native::tls::provider())
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(vec![leaf.cert_der.clone()], leaf.key())
            .expect("server config");
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Arc::new(config)
}

/// A rustls server config that requires a client certificate signed by `client_ca`.
pub fn mtls_server_config(
    leaf: &Leaf,
    client_ca: &Ca,
    alpn: &[&[u8]],
) -> Arc<rustls::ServerConfig> {
    let provider = talos_planner::native::tls::provider();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(client_ca.der()).expect("root");
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .expect("client verifier");
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![leaf.cert_der.clone()], leaf.key())
        .expect("server config");
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Arc::new(config)
}
