//! The talosconfig `talosctl gen config` writes next to the machine configs: one
//! context named after the cluster, the Talos API endpoints (the control planes, never
//! the VIP), the OS CA and an admin client certificate.

use base64::Engine;

use super::bundle::{CertAndKey, SecretsBundle};

/// The talosconfig text (Go YAML, four-space indent), as `clientconfig.NewConfig`.
pub fn talosconfig(
    bundle: &SecretsBundle,
    context: &str,
    endpoints: &[String],
    admin: &CertAndKey,
) -> String {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let v = crate::config::yaml::scalar;
    let mut out = format!("context: {}\ncontexts:\n    {}:\n", v(context), v(context));
    if endpoints.is_empty() {
        out.push_str("        endpoints: []\n");
    } else {
        out.push_str("        endpoints:\n");
        for e in endpoints {
            out.push_str(&format!("            - {}\n", v(e)));
        }
    }
    out.push_str(&format!("        ca: {}\n", b64(&bundle.os.crt)));
    out.push_str(&format!("        crt: {}\n", b64(&admin.crt)));
    out.push_str(&format!("        key: {}\n", b64(&admin.key)));
    out
}
