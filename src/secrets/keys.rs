//! Private keys as Talos writes them (siderolabs/crypto `x509/key.go`): Ed25519 as
//! PKCS#8 under the label `ED25519 PRIVATE KEY`, ECDSA P-256 as SEC 1 under
//! `EC PRIVATE KEY`, RSA as PKCS#1 under `RSA PRIVATE KEY`. Reading also takes the
//! generic `PRIVATE KEY` (PKCS#8) of other tools.

use der::asn1::{BitString, ObjectIdentifier};
use der::{Decode, Encode};
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, KeypairBytes};
use ed25519_dalek::Signer as _;
use p256::elliptic_curve::sec1::ToEncodedPoint as _;
use p256::pkcs8::EncodePublicKey as _;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::error::SecretsError;
use super::random::Entropy;

/// PEM labels, as siderolabs/crypto names them.
pub const PEM_ED25519: &str = "ED25519 PRIVATE KEY";
pub const PEM_EC: &str = "EC PRIVATE KEY";
pub const PEM_RSA: &str = "RSA PRIVATE KEY";
pub const PEM_PKCS8: &str = "PRIVATE KEY";
pub const PEM_CERTIFICATE: &str = "CERTIFICATE";

/// id-Ed25519 (RFC 8410).
pub const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// ecdsa-with-SHA256 (RFC 5758).
pub const OID_ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// id-ecPublicKey and the P-256 curve (RFC 5480).
pub const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// rsaEncryption.
pub const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// A key that signs certificates: a CA's, or the admin certificate's own.
#[derive(Clone)]
pub enum SigningKey {
    Ed25519(ed25519_dalek::SigningKey),
    EcdsaP256(p256::ecdsa::SigningKey),
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SigningKey::Ed25519(_) => "SigningKey::Ed25519(..)",
            SigningKey::EcdsaP256(_) => "SigningKey::EcdsaP256(..)",
        })
    }
}

impl SigningKey {
    pub fn new_ed25519(rng: &mut Entropy) -> Self {
        SigningKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&rng.bytes::<32>()))
    }

    pub fn new_p256(rng: &mut Entropy) -> Self {
        SigningKey::EcdsaP256(p256::ecdsa::SigningKey::random(&mut rng.0))
    }

    /// The certificate signature algorithm this key signs with.
    pub fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        let oid = match self {
            SigningKey::Ed25519(_) => OID_ED25519,
            SigningKey::EcdsaP256(_) => OID_ECDSA_SHA256,
        };
        AlgorithmIdentifierOwned {
            oid,
            parameters: None,
        }
    }

    /// The public key as a certificate carries it.
    pub fn public_key_info(&self) -> Result<SubjectPublicKeyInfoOwned, SecretsError> {
        let der = match self {
            SigningKey::Ed25519(k) => k.verifying_key().to_public_key_der(),
            SigningKey::EcdsaP256(k) => k.verifying_key().to_public_key_der(),
        }
        .map_err(|e| SecretsError::crypto("a public key", e))?;
        SubjectPublicKeyInfoOwned::from_der(der.as_bytes())
            .map_err(|e| SecretsError::crypto("a public key", e))
    }

    /// Signs `message`: pure Ed25519, or ECDSA over SHA-256 (DER-encoded signature).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            SigningKey::Ed25519(k) => k.sign(message).to_bytes().to_vec(),
            SigningKey::EcdsaP256(k) => {
                let signature: p256::ecdsa::DerSignature = k.sign(message);
                signature.as_bytes().to_vec()
            }
        }
    }

    /// The PEM text Talos writes for this key.
    pub fn to_pem(&self) -> Result<String, SecretsError> {
        let (label, der) = match self {
            SigningKey::Ed25519(k) => {
                // PKCS#8 v1 without the public key, as Go's MarshalPKCS8PrivateKey.
                let pair = KeypairBytes {
                    secret_key: k.to_bytes(),
                    public_key: None,
                };
                let doc = pair
                    .to_pkcs8_der()
                    .map_err(|e| SecretsError::crypto("an Ed25519 key", e))?;
                (PEM_ED25519, doc.as_bytes().to_vec())
            }
            SigningKey::EcdsaP256(k) => {
                // SEC 1 with the curve and the public key, as Go's MarshalECPrivateKey
                // (p256's own encoding leaves the curve out).
                let secret = p256::SecretKey::from(k);
                let scalar = secret.to_bytes();
                let point = secret.public_key().to_encoded_point(false);
                let der = sec1::EcPrivateKey {
                    private_key: &scalar,
                    parameters: Some(sec1::EcParameters::NamedCurve(OID_P256)),
                    public_key: Some(point.as_bytes()),
                }
                .to_der()
                .map_err(|e| SecretsError::crypto("an ECDSA key", e))?;
                (PEM_EC, der)
            }
        };
        pem(label, &der)
    }

    /// Reads an Ed25519 or ECDSA P-256 private key.
    pub fn from_pem(text: &str) -> Result<Self, String> {
        let (label, der) = pem_rfc7468_decode(text)?;
        match label.as_str() {
            PEM_ED25519 | PEM_PKCS8 => {
                if let Ok(pair) = KeypairBytes::from_pkcs8_der(&der) {
                    return Ok(SigningKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(
                        &pair.secret_key,
                    )));
                }
                p256::ecdsa::SigningKey::from_pkcs8_der(&der)
                    .map(SigningKey::EcdsaP256)
                    .map_err(|_| format!("a `{label}` block that is neither Ed25519 nor P-256"))
            }
            PEM_EC => p256::SecretKey::from_sec1_der(&der)
                .map(|k| SigningKey::EcdsaP256(k.into()))
                .map_err(|_| "an `EC PRIVATE KEY` that is not a P-256 key".to_owned()),
            other => Err(format!("a `{other}` block, not an Ed25519 or ECDSA key")),
        }
    }
}

/// The service account key: RSA-4096 from Talos 1.7 on, ECDSA P-256 before.
#[derive(Clone)]
pub enum ServiceAccountKey {
    Rsa(Box<rsa::RsaPrivateKey>),
    EcdsaP256(p256::ecdsa::SigningKey),
}

impl ServiceAccountKey {
    pub fn new_rsa(rng: &mut Entropy, bits: usize) -> Result<Self, SecretsError> {
        rsa::RsaPrivateKey::new(&mut rng.0, bits)
            .map(|k| ServiceAccountKey::Rsa(Box::new(k)))
            .map_err(|e| SecretsError::crypto("the RSA service account key", e))
    }

    pub fn new_p256(rng: &mut Entropy) -> Self {
        ServiceAccountKey::EcdsaP256(p256::ecdsa::SigningKey::random(&mut rng.0))
    }

    pub fn to_pem(&self) -> Result<String, SecretsError> {
        match self {
            ServiceAccountKey::Rsa(k) => {
                let der = k
                    .to_pkcs1_der()
                    .map_err(|e| SecretsError::crypto("the RSA service account key", e))?;
                pem(PEM_RSA, der.as_bytes())
            }
            ServiceAccountKey::EcdsaP256(k) => SigningKey::EcdsaP256(k.clone()).to_pem(),
        }
    }

    /// Reads an RSA or ECDSA P-256 key (the kinds Talos makes for service accounts).
    pub fn from_pem(text: &str) -> Result<Self, String> {
        let (label, der) = pem_rfc7468_decode(text)?;
        match label.as_str() {
            PEM_RSA => rsa::RsaPrivateKey::from_pkcs1_der(&der)
                .map(|k| ServiceAccountKey::Rsa(Box::new(k)))
                .map_err(|_| "an `RSA PRIVATE KEY` block that is not PKCS#1".to_owned()),
            PEM_PKCS8 => {
                use rsa::pkcs8::DecodePrivateKey as _;
                match rsa::RsaPrivateKey::from_pkcs8_der(&der) {
                    Ok(k) => Ok(ServiceAccountKey::Rsa(Box::new(k))),
                    Err(_) => Self::from_signing_key_pem(text),
                }
            }
            _ => Self::from_signing_key_pem(text),
        }
    }

    /// An ECDSA P-256 key from a PEM block [`SigningKey`] reads.
    fn from_signing_key_pem(text: &str) -> Result<Self, String> {
        match SigningKey::from_pem(text)? {
            SigningKey::EcdsaP256(k) => Ok(ServiceAccountKey::EcdsaP256(k)),
            SigningKey::Ed25519(_) => {
                Err("an Ed25519 key, which Kubernetes cannot sign tokens with".into())
            }
        }
    }

    /// `RSA-4096`, `ECDSA P-256`.
    pub fn describe(&self) -> String {
        match self {
            ServiceAccountKey::Rsa(k) => {
                use rsa::traits::PublicKeyParts;
                format!("RSA-{}", k.size() * 8)
            }
            ServiceAccountKey::EcdsaP256(_) => "ECDSA P-256".into(),
        }
    }
}

/// PEM with 64-column lines and a final newline, as Go's `pem.EncodeToMemory`.
pub fn pem(label: &str, der: &[u8]) -> Result<String, SecretsError> {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der)
        .map_err(|e| SecretsError::crypto("a PEM block", e))
}

/// The label and bytes of the first PEM block in `text`.
pub fn pem_rfc7468_decode(text: &str) -> Result<(String, Vec<u8>), String> {
    let begin = text
        .find("-----BEGIN ")
        .ok_or_else(|| "no PEM block".to_owned())?;
    let rest = &text[begin..];
    let label_end = rest[11..]
        .find("-----")
        .ok_or_else(|| "a broken PEM header".to_owned())?;
    let label = &rest[11..11 + label_end];
    let end_marker = format!("-----END {label}-----");
    let end = rest
        .find(&end_marker)
        .ok_or_else(|| format!("a `{label}` PEM block without its end line"))?;
    let block = &rest[..end + end_marker.len()];
    let (found, der) = der::pem::decode_vec(block.as_bytes())
        .map_err(|_| format!("a `{label}` PEM block that does not decode"))?;
    Ok((found.to_owned(), der))
}

/// The DER of a certificate's public key info, for comparing keys.
pub fn spki_der(info: &SubjectPublicKeyInfoOwned) -> Vec<u8> {
    info.to_der().unwrap_or_default()
}

/// The BIT STRING of raw bytes (signatures).
pub fn bit_string(bytes: &[u8]) -> Result<BitString, SecretsError> {
    BitString::from_bytes(bytes).map_err(|e| SecretsError::crypto("a signature", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed25519_keys_are_written_as_go_does() {
        let mut rng = Entropy::from_seed([3; 32]);
        let key = SigningKey::new_ed25519(&mut rng);
        let text = key.to_pem().unwrap();
        assert!(text.starts_with("-----BEGIN ED25519 PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"));
        assert!(text.ends_with("-----END ED25519 PRIVATE KEY-----\n"));
        let back = SigningKey::from_pem(&text).unwrap();
        assert_eq!(back.to_pem().unwrap(), text);
    }

    #[test]
    fn ec_keys_are_sec1() {
        let mut rng = Entropy::from_seed([4; 32]);
        let key = SigningKey::new_p256(&mut rng);
        let text = key.to_pem().unwrap();
        assert!(
            text.starts_with("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE"),
            "{text}"
        );
        assert_eq!(SigningKey::from_pem(&text).unwrap().to_pem().unwrap(), text);
        assert!(matches!(
            ServiceAccountKey::from_pem(&text),
            Ok(ServiceAccountKey::EcdsaP256(_))
        ));
        assert!(SigningKey::from_pem("nothing").is_err());
    }
}
