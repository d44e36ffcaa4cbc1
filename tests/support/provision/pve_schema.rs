//! Checks requests against the real Proxmox VE API schema (api-viewer data) in
//! `../shared/reference/pve-api/`: the path and method exist, every parameter is
//! declared (`additionalProperties: 0`), required ones are present, and values have the
//! declared type, range, enum, pattern and format, property strings included.
//!
//! Named formats are checked the way PVE's JSONSchema.pm does for the ones the client
//! sends; an unknown format fails loudly, so a new parameter cannot slip through.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;

use regex::Regex;
use serde_json::Value;

/// The schema of one Proxmox release.
pub struct PveSchema {
    pub release: String,
    paths: BTreeMap<String, Value>,
}

/// The whole PVE API schema (api-viewer data) fakepve ships in its venv
/// (`FAKEPVE_VENV`, else `~/.cache/talos-planner/fakepve-venv`), if it is installed.
fn full_schema() -> Option<BTreeMap<String, Value>> {
    use std::io::Read;
    let venv = std::env::var_os("FAKEPVE_VENV")
        .map(PathBuf::from)
        .or_else(|| {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
            Some(cache.join("talos-planner/fakepve-venv"))
        })?;
    let lib = std::fs::read_dir(venv.join("lib")).ok()?;
    for entry in lib.flatten() {
        let file = entry
            .path()
            .join("site-packages/fakepve/data/pve-api.json.gz");
        if let Ok(bytes) = std::fs::read(&file) {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .ok()?;
            let all: Value = serde_json::from_str(&text).ok()?;
            return serde_json::from_value(all.get("paths")?.clone()).ok();
        }
    }
    eprintln!(
        "note: fakepve is not installed; the network and pending reads are not schema-checked"
    );
    None
}

/// The reference folder, when this checkout has `../shared` beside it.
pub fn reference_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/pve-api");
    dir.is_dir().then_some(dir)
}

impl PveSchema {
    /// Loads `pve-api-<release>-subset.json`; `None` (with a message) when absent.
    pub fn load(release: &str) -> Option<PveSchema> {
        let Some(dir) = reference_dir() else {
            eprintln!(
                "note: ../shared/reference/pve-api is absent; requests are not checked against \
                 the Proxmox schema"
            );
            return None;
        };
        let text = std::fs::read_to_string(dir.join(format!("pve-api-{release}-subset.json")))
            .expect("schema file");
        let mut paths: BTreeMap<String, Value> = serde_json::from_str(&text).expect("schema JSON");
        // The subset lacks two reads of day two (`/nodes/{node}/network`, `.../pending`):
        // take them from the whole api-viewer schema that fakepve ships, when installed.
        if let Some(full) = full_schema() {
            for extra in ["/nodes/{node}/network", "/nodes/{node}/qemu/{vmid}/pending"] {
                if let Some(entry) = full.get(extra) {
                    paths
                        .entry(extra.to_owned())
                        .or_insert_with(|| entry.clone());
                }
            }
        }
        Some(PveSchema {
            release: release.to_owned(),
            paths,
        })
    }

    fn at_least(&self, major: u32, minor: u32) -> bool {
        let mut parts = self.release.split('.');
        let ma: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let mi: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        (ma, mi) >= (major, minor)
    }

    /// Checks one request; the error lists every problem.
    pub fn check(
        &self,
        method: &str,
        path: &str,
        params: &[(String, String)],
    ) -> Result<(), String> {
        let (template, path_params) = self.match_path(path).ok_or_else(|| {
            format!(
                "{method} {path}: no such path in the {} schema",
                self.release
            )
        })?;
        let info = self.paths[&template]
            .get(method)
            .ok_or_else(|| format!("{method} {template}: no such method in {}", self.release))?;
        let parameters = info.get("parameters").cloned().unwrap_or(Value::Null);
        let props = parameters
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut values: Vec<(String, String)> = params.to_vec();
        values.extend(path_params);
        let mut problems = Vec::new();
        let mut seen = Vec::new();
        for (key, value) in &values {
            let Some(schema) = lookup(&props, key) else {
                problems.push(format!("`{key}` is not a parameter"));
                continue;
            };
            seen.push(key.clone());
            if let Err(e) = self.check_value(&schema, value) {
                problems.push(format!("`{key}`={value:?}: {e}"));
            }
        }
        for (name, schema) in &props {
            if name.contains("[n]") || schema.get("optional").and_then(Value::as_i64) == Some(1) {
                continue;
            }
            if !seen.iter().any(|k| k == name) {
                problems.push(format!("required `{name}` is missing"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{method} {template} (PVE {}): {}",
                self.release,
                problems.join("; ")
            ))
        }
    }

    fn match_path(&self, path: &str) -> Option<(String, Vec<(String, String)>)> {
        let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        'templates: for template in self.paths.keys() {
            let tsegs: Vec<&str> = template.split('/').collect();
            if tsegs.len() != segs.len() {
                continue;
            }
            let mut params = Vec::new();
            for (t, s) in tsegs.iter().zip(&segs) {
                if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    params.push((name.to_owned(), percent_decode(s)));
                } else if t != s {
                    continue 'templates;
                }
            }
            return Some((template.clone(), params));
        }
        None
    }

    fn check_value(&self, schema: &Value, value: &str) -> Result<(), String> {
        let kind = schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("string");
        match kind {
            "boolean" => {
                if !matches!(
                    value,
                    "0" | "1" | "true" | "false" | "yes" | "no" | "on" | "off"
                ) {
                    return Err("not a boolean".into());
                }
            }
            "integer" => {
                let n: i64 = value.parse().map_err(|_| "not an integer".to_owned())?;
                check_range(schema, n as f64)?;
            }
            "number" => {
                let n: f64 = value.parse().map_err(|_| "not a number".to_owned())?;
                check_range(schema, n)?;
            }
            "string" => {}
            other => return Err(format!("the checker does not know type {other}")),
        }
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            if value.chars().count() as u64 > max {
                return Err(format!("longer than {max}"));
            }
        }
        if let Some(list) = schema.get("enum").and_then(Value::as_array) {
            if !list.iter().any(|v| v.as_str() == Some(value)) {
                return Err(format!("not one of {list:?}"));
            }
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            let re = perl_regex(pattern)?;
            if !re.is_match(value) {
                return Err(format!("does not match {pattern}"));
            }
        }
        match schema.get("format") {
            Some(Value::Object(fields)) => self.check_property_string(fields, value),
            Some(Value::String(name)) => self.check_format(name, value),
            _ => Ok(()),
        }
    }

    /// `key=value,key=value`, the first item possibly the default key's bare value.
    fn check_property_string(
        &self,
        fields: &serde_json::Map<String, Value>,
        text: &str,
    ) -> Result<(), String> {
        let default_key = fields
            .iter()
            .find(|(_, f)| f.get("default_key").and_then(Value::as_i64) == Some(1))
            .map(|(k, _)| k.clone());
        let mut given: BTreeMap<String, String> = BTreeMap::new();
        for (i, part) in text.split(',').enumerate() {
            let (key, value) = match part.split_once('=') {
                Some((k, v)) => (k.trim().to_owned(), v.to_owned()),
                None if i == 0 => match &default_key {
                    Some(k) => (k.clone(), part.to_owned()),
                    None => return Err(format!("`{part}` has no key and there is no default key")),
                },
                None => return Err(format!("`{part}` has no key")),
            };
            let Some(field) = fields.get(&key) else {
                return Err(format!("unknown property `{key}`"));
            };
            if let (Some(alias), Some(key_alias)) = (
                field.get("alias").and_then(Value::as_str),
                field.get("keyAlias").and_then(Value::as_str),
            ) {
                // `virtio=MAC`: model=virtio, macaddr=MAC.
                given.insert(key_alias.to_owned(), key.clone());
                given.insert(alias.to_owned(), value);
                continue;
            }
            if given.insert(key.clone(), value).is_some() {
                return Err(format!("`{key}` given twice"));
            }
        }
        for (key, value) in &given {
            let field = fields
                .get(key)
                .ok_or_else(|| format!("unknown property `{key}`"))?;
            self.check_value(field, value)
                .map_err(|e| format!("property `{key}`={value:?}: {e}"))?;
        }
        for (key, field) in fields {
            let optional = field.get("optional").and_then(Value::as_i64) == Some(1)
                || field.get("alias").is_some();
            if !optional && !given.contains_key(key) {
                return Err(format!("required property `{key}` is missing"));
            }
        }
        Ok(())
    }

    fn check_format(&self, name: &str, value: &str) -> Result<(), String> {
        let matches = |re: &str| Regex::new(re).expect("format regex").is_match(value);
        let ok = match name {
            "pve-node" => matches(r"^[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$"),
            "pve-vmid" => value
                .parse::<u64>()
                .is_ok_and(|n| (100..=999_999_999).contains(&n)),
            "pve-storage-id" => matches(r"(?i)^[a-z][a-z0-9\-_.]*[a-z0-9]$"),
            "pve-bridge-id" => matches(r"^[-_.\w\d]+$"),
            "dns-name" => matches(
                r"^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$",
            ),
            "pve-storage-content" => self.content_types().contains(&value),
            "pve-storage-content-list" => split_list(value)
                .iter()
                .all(|c| self.content_types().contains(c)),
            "pve-tag-list" => {
                let tags: Vec<&str> = value
                    .split([';', ',', ' '])
                    .filter(|t| !t.is_empty())
                    .collect();
                !tags.is_empty()
                    && tags.iter().all(|t| {
                        Regex::new(r"(?i)^[a-z0-9_][a-z0-9_\-+.]*$")
                            .expect("tag regex")
                            .is_match(t)
                    })
            }
            "address-list" => {
                let items = split_list(value);
                !items.is_empty() && items.iter().all(|a| a.parse::<IpAddr>().is_ok())
            }
            "pve-qm-ipconfig" => return check_ipconfig(value),
            "pve-vm-cpu-conf" => {
                let mut ok = true;
                let cputype = Regex::new(r"^[\w\-.+]+$").expect("re");
                for (i, part) in value.split(',').enumerate() {
                    let (k, v) = part.split_once('=').unwrap_or(("cputype", part));
                    let known = [
                        "cputype",
                        "flags",
                        "hidden",
                        "hv-vendor-id",
                        "phys-bits",
                        "reported-model",
                        "guest-phys-bits",
                    ];
                    ok &= known.contains(&k) && (i == 0 || part.contains('='));
                    if k == "cputype" {
                        ok &= cputype.is_match(v);
                    }
                }
                ok
            }
            "pve-qm-boot" => {
                value
                    .strip_prefix("order=")
                    .is_some_and(|o| o.split(';').all(matches_device))
                    || matches(r"^[acdn]{1,4}$")
            }
            "pve-volume-id-or-qm-path" => {
                value == "none"
                    || value == "cdrom"
                    || value.starts_with('/')
                    || matches(r"(?i)^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$")
            }
            "pve-volume-id-or-absolute-path" | "pve-volume-id" => {
                value.starts_with('/') || matches(r"(?i)^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$")
            }
            "mac-addr" => matches(r"^(?i)[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$"),
            "disk-size" => matches(r"^\d+(\.\d+)?[KMGT]?$"),
            other => return Err(format!("the checker does not know format `{other}`")),
        };
        if ok {
            Ok(())
        } else {
            Err(format!("not a valid {name}"))
        }
    }

    /// Storage content types of this release (`import` came with 8.4's import support).
    fn content_types(&self) -> Vec<&'static str> {
        let mut types = vec![
            "images", "rootdir", "vztmpl", "iso", "backup", "snippets", "none",
        ];
        if self.at_least(8, 4) {
            types.push("import");
        }
        types
    }
}

fn matches_device(d: &str) -> bool {
    Regex::new(
        r"^(ide\d|sata\d|scsi\d{1,2}|virtio\d{1,2}|net\d|hostpci\d|usb\d|efidisk0|tpmstate0)$",
    )
    .expect("device regex")
    .is_match(d)
}

fn check_ipconfig(value: &str) -> Result<(), String> {
    for part in value.split(',') {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}` has no key"))?;
        let ok = match k {
            "ip" => v == "dhcp" || cidr(v, false),
            "ip6" => v == "dhcp" || v == "auto" || cidr(v, true),
            "gw" => v.parse::<IpAddr>().is_ok_and(|ip| ip.is_ipv4()),
            "gw6" => v.parse::<IpAddr>().is_ok_and(|ip| ip.is_ipv6()),
            _ => return Err(format!("unknown ipconfig key `{k}`")),
        };
        if !ok {
            return Err(format!("`{part}` is not valid"));
        }
    }
    Ok(())
}

fn cidr(text: &str, v6: bool) -> bool {
    let Some((ip, prefix)) = text.split_once('/') else {
        return false;
    };
    let Ok(ip) = ip.parse::<IpAddr>() else {
        return false;
    };
    let max = if v6 { 128 } else { 32 };
    ip.is_ipv6() == v6 && prefix.parse::<u8>().is_ok_and(|p| p <= max)
}

fn split_list(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
        .collect()
}

fn check_range(schema: &Value, n: f64) -> Result<(), String> {
    if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
        if n < min {
            return Err(format!("below the minimum {min}"));
        }
    }
    if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
        if n > max {
            return Err(format!("above the maximum {max}"));
        }
    }
    Ok(())
}

/// A declared parameter: exact, or `name[n]` for `name0`, `name1`, ...
fn lookup(props: &serde_json::Map<String, Value>, key: &str) -> Option<Value> {
    if let Some(v) = props.get(key) {
        return Some(v.clone());
    }
    let stem = key.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.len() < key.len() {
        return props.get(&format!("{stem}[n]")).cloned();
    }
    None
}

/// PVE's patterns are Perl; `(?^:...)` is Perl's "default flags" group. Anchored, as PVE
/// anchors them.
fn perl_regex(pattern: &str) -> Result<Regex, String> {
    let p = pattern.replace("(?^:", "(?:");
    Regex::new(&format!("^(?:{p})$")).map_err(|e| format!("pattern {pattern}: {e}"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..(i + 3).min(s.len())], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
