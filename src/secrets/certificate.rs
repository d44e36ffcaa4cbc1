//! X.509 certificates made as siderolabs/crypto makes them (`x509/certificate_authority.go`,
//! `x509/certificate.go`, with Go's `crypto/x509.CreateCertificate`):
//!
//! - a CA: version 3, a random 128-bit serial, subject and issuer `O=<organization>`
//!   (no common name), key usage digitalSignature + keyCertSign (critical), extended key
//!   usage serverAuth + clientAuth, basic constraints `CA:TRUE` (critical), a random
//!   20-byte subject key identifier; extensions in Go's order;
//! - a leaf from a CA (the talosconfig's admin certificate): the given key usage and
//!   extended key usages, no basic constraints, the CA's key identifier as authority
//!   key identifier.
//!
//! Times before 2050 are UTCTime, later ones GeneralizedTime, as RFC 5280 and Go write
//! them; strings are PrintableString when they can be, UTF8String otherwise.

use std::time::Duration;

use der::asn1::{Any, OctetString, PrintableStringRef, SetOfVec, Utf8StringRef};
use der::oid::AssociatedOid;
use der::{Decode, Encode, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::{Certificate, TbsCertificate, Version};

use super::error::SecretsError;
use super::keys::{bit_string, pem, spki_der, SigningKey, PEM_CERTIFICATE};
use super::random::Entropy;

/// id-at-organizationName.
const OID_ORGANIZATION: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.4.10");
/// id-kp-serverAuth, id-kp-clientAuth.
pub const OID_SERVER_AUTH: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1");
pub const OID_CLIENT_AUTH: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2");

/// Seconds since the Unix epoch: the clock the caller passes in.
pub type UnixTime = u64;

/// What a new certificate says about itself.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Subject organizations (`O=`), in order; none gives an empty subject.
    pub organizations: &'a [&'a str],
    pub not_before: UnixTime,
    pub not_after: UnixTime,
}

/// A certificate and the PEM text Talos keeps it in.
#[derive(Debug, Clone)]
pub struct Issued {
    pub certificate: Certificate,
    pub pem: String,
}

/// A self-signed CA certificate for `key`.
pub fn self_signed_ca(
    key: &SigningKey,
    request: &Request<'_>,
    rng: &mut Entropy,
) -> Result<Issued, SecretsError> {
    let serial = serial(rng)?;
    let skid: [u8; 20] = rng.bytes();
    let name = name(request.organizations)?;
    let extensions = vec![
        extension(&KeyUsage(
            KeyUsages::DigitalSignature | KeyUsages::KeyCertSign,
        ))?,
        extension(&ExtendedKeyUsage(vec![OID_SERVER_AUTH, OID_CLIENT_AUTH]))?,
        extension(&BasicConstraints {
            ca: true,
            path_len_constraint: None,
        })?,
        extension(&SubjectKeyIdentifier(octets(&skid)?))?,
    ];
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: serial,
        signature: key.signature_algorithm(),
        issuer: name.clone(),
        validity: validity(request)?,
        subject: name,
        subject_public_key_info: key.public_key_info()?,
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    };
    sign(tbs, key)
}

/// A leaf certificate for `subject_key`, signed by the CA (`ca`, `ca_key`), with `usage`
/// and the extended key usages `ext_usage`.
pub fn issue(
    ca: &Certificate,
    ca_key: &SigningKey,
    subject_key: &SigningKey,
    request: &Request<'_>,
    usage: KeyUsage,
    ext_usage: &[der::asn1::ObjectIdentifier],
    rng: &mut Entropy,
) -> Result<Issued, SecretsError> {
    let serial = serial(rng)?;
    let subject = name(request.organizations)?;
    let mut extensions = vec![
        extension(&usage)?,
        extension(&ExtendedKeyUsage(ext_usage.to_vec()))?,
    ];
    if let Some(skid) = subject_key_id(ca) {
        extensions.push(extension(&AuthorityKeyIdentifier {
            key_identifier: Some(skid),
            authority_cert_issuer: None,
            authority_cert_serial_number: None,
        })?);
    }
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: serial,
        signature: ca_key.signature_algorithm(),
        issuer: ca.tbs_certificate.subject.clone(),
        validity: validity(request)?,
        subject,
        subject_public_key_info: subject_key.public_key_info()?,
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    };
    sign(tbs, ca_key)
}

fn sign(tbs: TbsCertificate, key: &SigningKey) -> Result<Issued, SecretsError> {
    let body = tbs
        .to_der()
        .map_err(|e| SecretsError::crypto("a certificate", e))?;
    let signature = bit_string(&key.sign(&body))?;
    let certificate = Certificate {
        signature_algorithm: tbs.signature.clone(),
        tbs_certificate: tbs,
        signature,
    };
    let der = certificate
        .to_der()
        .map_err(|e| SecretsError::crypto("a certificate", e))?;
    Ok(Issued {
        pem: pem(PEM_CERTIFICATE, &der)?,
        certificate,
    })
}

/// A random serial below 2^128, as siderolabs/crypto's `NewSerialNumber`.
fn serial(rng: &mut Entropy) -> Result<SerialNumber, SecretsError> {
    let mut bytes: [u8; 16] = rng.bytes();
    if bytes.iter().all(|b| *b == 0) {
        bytes[15] = 1; // zero is not a valid serial (Go would draw again)
    }
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(15);
    SerialNumber::new(&bytes[first..]).map_err(|e| SecretsError::crypto("a serial number", e))
}

fn octets(bytes: &[u8]) -> Result<OctetString, SecretsError> {
    OctetString::new(bytes).map_err(|e| SecretsError::crypto("a key identifier", e))
}

/// An extension, critical as Go marks it: key usage and basic constraints are,
/// the rest not (x509-cert would mark extended key usage critical too).
fn extension<E: AssociatedOid + Encode>(ext: &E) -> Result<Extension, SecretsError> {
    let critical = E::OID == KeyUsage::OID || E::OID == BasicConstraints::OID;
    let value = ext
        .to_der()
        .map_err(|e| SecretsError::crypto("a certificate extension", e))?;
    Ok(Extension {
        extn_id: E::OID,
        critical,
        extn_value: OctetString::new(value)
            .map_err(|e| SecretsError::crypto("a certificate extension", e))?,
    })
}

/// `O=a, O=b` in one relative distinguished name, as Go's pkix.Name writes several
/// organizations; PrintableString when every character allows it.
fn name(organizations: &[&str]) -> Result<Name, SecretsError> {
    if organizations.is_empty() {
        return Ok(RdnSequence(Vec::new()));
    }
    let mut set = Vec::new();
    for org in organizations {
        let value = if printable(org) {
            Any::encode_from(
                &PrintableStringRef::new(org)
                    .map_err(|e| SecretsError::crypto("a certificate name", e))?,
            )
        } else {
            Any::encode_from(
                &Utf8StringRef::new(org)
                    .map_err(|e| SecretsError::crypto("a certificate name", e))?,
            )
        }
        .map_err(|e| SecretsError::crypto("a certificate name", e))?;
        set.push(AttributeTypeAndValue {
            oid: OID_ORGANIZATION,
            value,
        });
    }
    let rdn = RelativeDistinguishedName(
        SetOfVec::try_from(set).map_err(|e| SecretsError::crypto("a certificate name", e))?,
    );
    Ok(RdnSequence(vec![rdn]))
}

/// ASN.1 PrintableString's alphabet (with `*` and `&`, which Go also lets through).
fn printable(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b" '()+,-./:=?*&".contains(&b))
}

fn validity(request: &Request<'_>) -> Result<Validity, SecretsError> {
    Ok(Validity {
        not_before: time(request.not_before)?,
        not_after: time(request.not_after)?,
    })
}

/// UTCTime before 2050, GeneralizedTime from then on (RFC 5280, 4.1.2.5).
fn time(unix: UnixTime) -> Result<Time, SecretsError> {
    let duration = Duration::from_secs(unix);
    let when = der::DateTime::from_unix_duration(duration)
        .map_err(|e| SecretsError::crypto("a certificate time", e))?;
    Ok(if when.year() < 2050 {
        Time::UtcTime(
            der::asn1::UtcTime::from_date_time(when)
                .map_err(|e| SecretsError::crypto("a certificate time", e))?,
        )
    } else {
        Time::GeneralTime(der::asn1::GeneralizedTime::from_date_time(when))
    })
}

/// A certificate's subject key identifier, when it has one.
pub fn subject_key_id(certificate: &Certificate) -> Option<OctetString> {
    certificate
        .tbs_certificate
        .get::<SubjectKeyIdentifier>()
        .ok()
        .flatten()
        .map(|(_, id)| id.0)
}

/// Reads a PEM certificate.
pub fn parse_pem(text: &str) -> Result<Certificate, String> {
    let (label, der) = super::keys::pem_rfc7468_decode(text)?;
    if label != PEM_CERTIFICATE {
        return Err(format!("a `{label}` block, not a certificate"));
    }
    Certificate::from_der(&der).map_err(|_| "a certificate that does not decode".to_owned())
}

/// Whether `key` is the private key of `certificate`.
pub fn key_matches(certificate: &Certificate, key: &SigningKey) -> bool {
    key.public_key_info().is_ok_and(|info| {
        spki_der(&info) == spki_der(&certificate.tbs_certificate.subject_public_key_info)
    })
}

/// What tests and checks read back from a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// `Ed25519`, `ECDSA P-256`, `RSA`, or the OID.
    pub algorithm: String,
    pub organizations: Vec<String>,
    pub not_before: UnixTime,
    pub not_after: UnixTime,
    pub is_ca: bool,
    pub digital_signature: bool,
    pub cert_sign: bool,
    pub server_auth: bool,
    pub client_auth: bool,
    pub serial_bits: usize,
}

/// Reads the facts of a certificate.
pub fn summary(certificate: &Certificate) -> Summary {
    let tbs = &certificate.tbs_certificate;
    let spki = &tbs.subject_public_key_info;
    let algorithm = match spki.algorithm.oid {
        super::keys::OID_ED25519 => "Ed25519".to_owned(),
        super::keys::OID_EC_PUBLIC_KEY
            if spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
                == Some(super::keys::OID_P256) =>
        {
            "ECDSA P-256".to_owned()
        }
        super::keys::OID_RSA => "RSA".to_owned(),
        other => other.to_string(),
    };
    let organizations = tbs
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == OID_ORGANIZATION)
        .filter_map(|atv| match atv.value.tag() {
            Tag::PrintableString => atv
                .value
                .decode_as::<der::asn1::PrintableString>()
                .ok()
                .map(|s| s.to_string()),
            _ => atv.value.decode_as::<String>().ok(),
        })
        .collect();
    let usage = tbs.get::<KeyUsage>().ok().flatten().map(|(_, u)| u);
    let ext = tbs
        .get::<ExtendedKeyUsage>()
        .ok()
        .flatten()
        .map(|(_, e)| e.0)
        .unwrap_or_default();
    let is_ca = tbs
        .get::<BasicConstraints>()
        .ok()
        .flatten()
        .is_some_and(|(_, b)| b.ca);
    let unix = |t: &Time| t.to_unix_duration().as_secs();
    Summary {
        algorithm,
        organizations,
        not_before: unix(&tbs.validity.not_before),
        not_after: unix(&tbs.validity.not_after),
        is_ca,
        digital_signature: usage.is_some_and(|u| u.digital_signature()),
        cert_sign: usage.is_some_and(|u| u.key_cert_sign()),
        server_auth: ext.contains(&OID_SERVER_AUTH),
        client_auth: ext.contains(&OID_CLIENT_AUTH),
        serial_bits: {
            let bytes = tbs.serial_number.as_bytes();
            let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
            let rest = &bytes[first..];
            rest.first().map_or(0, |b| {
                (rest.len() - 1) * 8 + (8 - b.leading_zeros() as usize)
            })
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_has_gos_extensions_in_gos_order() {
        let mut rng = Entropy::from_seed([9; 32]);
        let key = SigningKey::new_ed25519(&mut rng);
        let ca = self_signed_ca(
            &key,
            &Request {
                organizations: &["talos"],
                not_before: 1_700_000_000,
                not_after: 1_700_000_000 + 87_600 * 3600,
            },
            &mut rng,
        )
        .unwrap();
        let der = ca.certificate.to_der().unwrap();
        let hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
        // Key usage digitalSignature+keyCertSign (critical), EKU server+client,
        // CA:TRUE (critical), then the 20-byte key identifier: the bytes Go writes.
        let ku = hex.find("0603551D0F0101FF040403020284").expect("key usage");
        let eku = hex
            .find("0603551D250416301406082B0601050507030106082B06010505070302")
            .expect("ext key usage");
        let bc = hex
            .find("0603551D130101FF040530030101FF")
            .expect("basic constraints");
        let skid = hex.find("0603551D0E04160414").expect("subject key id");
        assert!(ku < eku && eku < bc && bc < skid);
        // O=talos as a PrintableString; UTCTime.
        assert!(hex.contains("3010310E300C060355040A130574616C6F73"));
        assert!(hex.contains("170D3233313131343232313332305A"));
        let s = summary(&ca.certificate);
        assert!(s.is_ca && s.cert_sign && s.digital_signature && s.server_auth && s.client_auth);
        assert!(key_matches(&ca.certificate, &key));
        assert_eq!(parse_pem(&ca.pem).unwrap(), ca.certificate);
    }

    #[test]
    fn times_after_2049_are_generalized() {
        assert!(matches!(time(2_524_608_000).unwrap(), Time::GeneralTime(_)));
        assert!(matches!(time(2_524_607_999).unwrap(), Time::UtcTime(_)));
    }
}
