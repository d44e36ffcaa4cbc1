//! Conversions at the edge: arguments from JavaScript, the core's results into wire
//! types, byte spans into positions and offsets in the caller's encoding.

use std::cell::OnceCell;

#[cfg(any(feature = "editor", feature = "secrets"))]
use serde::Serialize;
use tsify::Ts;
#[cfg(feature = "editor")]
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::wire::*;
use crate::config::RoleKind;
use crate::diagnostics::{self, LineIndex, PositionEncoding, RuleLevels};
use crate::edit::Scalar;
use crate::Format;

/// The options of one call, resolved.
pub(super) struct Call {
    pub(super) format: Format,
    pub(super) encoding: PositionEncoding,
    pub(super) levels: RuleLevels,
}

impl Call {
    pub(super) fn new(source: &str, options: Option<Ts<Options>>) -> Result<Call, JsValue> {
        let mut levels = RuleLevels::default();
        let options = match options {
            Some(o) => {
                let (options, rules) = options_from_js(&o.js_value())?;
                levels = rules;
                options
            }
            None => Options::default(),
        };
        Ok(Call {
            levels,
            format: match options.format {
                Some(InputFormat::Yaml) => Format::Yaml,
                Some(InputFormat::Json) => Format::Json,
                Some(InputFormat::Hcl) => Format::Hcl,
                None => Format::sniff(source),
            },
            encoding: match options.position_encoding {
                None | Some(Encoding::Utf16) => PositionEncoding::Utf16,
                Some(Encoding::Utf8) => PositionEncoding::Utf8,
                Some(Encoding::Utf32) => PositionEncoding::Utf32,
            },
        })
    }
}

/// The options object, read key by key (three keys do not need a deserializer, and
/// serde-wasm-bindgen's was most of the cost of an options argument), and the rule
/// levels of its `rules`. Unknown keys are named, so a misspelt option (`formt`) is not
/// ignored silently.
fn options_from_js(value: &JsValue) -> Result<(Options, RuleLevels), JsValue> {
    let mut levels = RuleLevels::default();
    if value.is_null() || value.is_undefined() {
        return Ok((Options::default(), levels));
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(error("invalid options: expected an object"));
    }
    let mut options = Options::default();
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let field = js_sys::Reflect::get(value, &JsValue::from_str(&key))?;
        if field.is_undefined() || field.is_null() {
            continue;
        }
        let text = field.as_string();
        match key.as_str() {
            "format" => {
                options.format = Some(match text.as_deref() {
                    Some("yaml") => InputFormat::Yaml,
                    Some("json") => InputFormat::Json,
                    Some("hcl") => InputFormat::Hcl,
                    _ => return Err(bad_option(&key, &field, "`yaml`, `json` or `hcl`")),
                })
            }
            "position_encoding" => {
                options.position_encoding = Some(match text.as_deref() {
                    Some("utf-16") => Encoding::Utf16,
                    Some("utf-8") => Encoding::Utf8,
                    Some("utf-32") => Encoding::Utf32,
                    _ => return Err(bad_option(&key, &field, "`utf-16`, `utf-8` or `utf-32`")),
                })
            }
            "rules" => levels = rule_levels(&field)?,
            _ => {
                return Err(error(&format!(
                "invalid options: unknown option `{key}`, expected `format`, `position_encoding` or `rules`"
            )))
            }
        }
    }
    Ok((options, levels))
}

fn bad_option(key: &str, value: &JsValue, expected: &str) -> JsValue {
    let written = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "this value".to_owned());
    error(&format!(
        "invalid options: `{key}` is {written}, expected {expected}"
    ))
}

/// A list of strings (`what` names it in the error).
pub(super) fn strings(value: &JsValue, what: &str) -> Result<Vec<String>, JsValue> {
    let bad = || error(&format!("{what} must be arrays of strings"));
    if !js_sys::Array::is_array(value) {
        return Err(bad());
    }
    value
        .unchecked_ref::<js_sys::Array>()
        .iter()
        .map(|item| item.as_string().ok_or_else(bad))
        .collect()
}

/// The `rules` option (`{ "rule-id" | "all": "allow" | "warn" | "deny" }`), read from the
/// object itself: a generic map type would add its code to the package for a few keys.
fn rule_levels(rules: &JsValue) -> Result<RuleLevels, JsValue> {
    let mut levels = RuleLevels::default();
    if !rules.is_object() || js_sys::Array::is_array(rules) {
        return Err(error(
            "invalid options: `rules` must map rule ids to \"allow\", \"warn\" or \"deny\"",
        ));
    }
    for entry in js_sys::Object::entries(rules.unchecked_ref::<js_sys::Object>()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let level = pair.get(1).as_string().ok_or_else(|| {
            error(&format!(
                "invalid options: the level of `{name}` must be \"allow\", \"warn\" or \"deny\""
            ))
        })?;
        levels
            .set_text(&name, &level)
            .map_err(|e| error(&format!("invalid options: {e}")))?;
    }
    Ok(levels)
}

/// A string argument. Arguments are taken as `JsValue` and checked here because
/// wasm-bindgen's glue for `&str` reads whatever it is given as a string, and a number
/// passed by untyped JavaScript then corrupts the module's memory.
pub(super) fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| js_sys::TypeError::new(&format!("{what} must be a string")).into())
}

#[cfg(feature = "editor")]
/// A hover's place: a non-negative integer offset, or a `{ line, character }` object.
pub(super) fn hover_at(value: &JsValue) -> Result<crate::hover::At, JsValue> {
    if let Some(n) = value.as_f64() {
        if n >= 0.0 && n.fract() == 0.0 {
            // Saturating: an offset past the end is clamped to it anyway.
            return Ok(crate::hover::At::Offset(n as usize));
        }
        return Err(error(&format!("{n} is not an offset")));
    }
    if value.is_object() {
        // Other keys are ignored, as LSP clients send positions with extra fields.
        let field = |name: &str| -> Result<u32, JsValue> {
            let n = js_sys::Reflect::get(value, &JsValue::from_str(name))?.as_f64();
            match n {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Ok(n as u32),
                _ => Err(error(&format!(
                    "invalid position: `{name}` must be a non-negative integer"
                ))),
            }
        };
        return Ok(crate::hover::At::Position(crate::Position {
            line: field("line")?,
            character: field("character")?,
        }));
    }
    Err(
        js_sys::TypeError::new("the place must be an offset or a { line, character } position")
            .into(),
    )
}

pub(super) fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// A `ConfigError` carrying the config's diagnostics.
pub(super) fn config_error(source: &str, call: &Call, found: &[crate::Diagnostic]) -> JsValue {
    let errors = found
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .count();
    let first = found
        .iter()
        .find(|d| d.severity == crate::Severity::Error)
        .map(|d| format!(": {} ({})", d.message, d.code()))
        .unwrap_or_default();
    let err = js_sys::Error::new(&format!("the config has {errors} error(s){first}"));
    err.set_name("ConfigError");
    let at = Positions::new(source, call.encoding);
    let list: Vec<Diagnostic> = found.iter().map(|d| at.diagnostic(d)).collect();
    if let Ok(value) = super::tape::cross(&list) {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &value);
    }
    err.into()
}

/// A value as JSON, parsed by JavaScript: for the calls made once (the schema, the
/// rule catalogue, a secrets bundle's machine configs), where a builder in `build.js`
/// would not pay for itself.
#[cfg(any(feature = "editor", feature = "secrets"))]
pub(super) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

#[cfg(feature = "editor")]
pub(super) fn to_ts<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, JsValue> {
    to_js(value).map(Ts::new_unchecked)
}

pub(super) fn scalar_from_js(value: &JsValue) -> Result<Scalar, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(Scalar::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Scalar::Bool(b));
    }
    if let Some(s) = value.as_string() {
        return Ok(Scalar::String(s));
    }
    if let Some(n) = value.as_f64() {
        // Only integers that a double holds exactly.
        if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 {
            return Ok(Scalar::Int(n as i64));
        }
        // JavaScript spells the number as the caller wrote it (and Rust's float
        // formatting stays out of the package).
        let spelled: String = js_sys::Number::from(n)
            .to_string_with_radix(10)
            .map_or_else(|_| "the number".to_owned(), String::from);
        return Err(error(&format!(
            "{spelled} is not an integer this config can hold"
        )));
    }
    Err(error(
        "a config value must be a string, an integer, a boolean or null",
    ))
}

pub(super) fn severity(s: crate::Severity) -> Severity {
    match s {
        crate::Severity::Error => Severity::Error,
        crate::Severity::Warning => Severity::Warning,
        crate::Severity::Info => Severity::Info,
        crate::Severity::Hint => Severity::Hint,
    }
}

pub(super) fn role(r: RoleKind) -> Role {
    match r {
        RoleKind::Controlplane => Role::Controlplane,
        RoleKind::Worker => Role::Worker,
    }
}

#[cfg(feature = "editor")]
pub(super) fn example(e: crate::rules::Example) -> RuleExample {
    match e {
        crate::rules::Example::Overlay(t) => RuleExample::Overlay(t.to_owned()),
        crate::rules::Example::Document(t) => RuleExample::Document(t.to_owned()),
        crate::rules::Example::Terraform(t) => RuleExample::Terraform(t.to_owned()),
        crate::rules::Example::Live { config, inventory } => RuleExample::Live {
            config: config.to_owned(),
            inventory: inventory.to_owned(),
        },
    }
}

pub(super) fn ip(ip: Option<std::net::IpAddr>) -> Option<IpText> {
    ip.map(IpText)
}

pub(super) fn plan_wire(p: &crate::Plan) -> Plan<'_> {
    let n = &p.network;
    Plan {
        cluster_name: p.cluster_name.as_deref(),
        ha_vip_enabled: p.ha_vip_enabled,
        ha_vip: ip(p.ha_vip),
        ha_vip_interface: p.ha_vip_interface.as_deref(),
        cluster_endpoint: p.cluster_endpoint.as_deref(),
        talos_endpoints: &p.talos_endpoints,
        nodes: p
            .nodes
            .iter()
            .map(|n| PlannedNode {
                key: &n.key,
                role: role(n.role),
                hostname: n.hostname.as_deref(),
                vm_id: n.vm_id,
                proxmox_node: n.proxmox_node.as_deref(),
                datastore: n.datastore.as_deref(),
                ip_address: ip(n.ip_address),
                prefix: n.prefix,
                gateway: ip(n.gateway),
                vlan_id: n.vlan_id,
                cpu: n.cpu,
                memory: n.memory,
                disk: n.disk,
                install_disk: n.install_disk.as_deref(),
            })
            .collect(),
        image: p.image.as_ref().map(|i| ImagePlan {
            schematic: &i.schematic,
            schematic_id: &i.schematic_id,
            disk_image_url: i.disk_image_url.as_deref(),
            disk_import_url: i.disk_import_url.as_deref(),
            iso_url: i.iso_url.as_deref(),
            installer_image: i.installer_image.as_deref(),
            extensions: &i.extensions,
        }),
        network: NetworkPlan {
            cidr: n.cidr.as_deref(),
            prefix: n.prefix,
            network_address: ip(n.network_address),
            last_address: ip(n.last_address),
            gateway: ip(n.gateway),
            dns_servers: n
                .dns_servers
                .as_ref()
                .map(|d| d.iter().copied().map(IpText).collect()),
            bridge: n.bridge.as_deref(),
            vlan_id: n.vlan_id,
        },
    }
}

#[cfg(feature = "editor")]
pub(super) fn rule_info(r: &crate::RuleInfo) -> RuleInfo {
    RuleInfo {
        id: r.id.to_owned(),
        severity: severity(r.severity),
        category: match r.category {
            crate::rules::Category::Structure => Category::Structure,
            crate::rules::Category::Cluster => Category::Cluster,
            crate::rules::Category::Addresses => Category::Addresses,
            crate::rules::Category::Vip => Category::Vip,
            crate::rules::Category::Topology => Category::Topology,
            crate::rules::Category::Resources => Category::Resources,
            crate::rules::Category::Image => Category::Image,
            crate::rules::Category::Terraform => Category::Terraform,
            crate::rules::Category::Proxmox => Category::Proxmox,
        },
        summary: r.summary.to_owned(),
        why: r.why.to_owned(),
        example: example(r.example),
        valid: example(r.valid),
        fixable: r.fixable,
    }
}

pub(super) fn rendered_node(n: crate::RenderedNode) -> RenderedNode {
    RenderedNode {
        key: n.key,
        role: role(n.role),
        hostname: n.hostname,
        patches: n
            .patches
            .into_iter()
            .map(|p| RenderedPatch {
                name: p.name,
                content: p.content,
                origin: match p.origin {
                    crate::render::PatchOrigin::Template => PatchOrigin::Template,
                    crate::render::PatchOrigin::User { index } => PatchOrigin::User { index },
                },
            })
            .collect(),
    }
}

/// Byte spans to positions and offsets in one encoding. The line index is built on the
/// first span, so a result without any (a clean config's `analyze`) costs nothing here.
pub(super) struct Positions<'a> {
    text: &'a str,
    encoding: PositionEncoding,
    lines: OnceCell<Lines<'a>>,
}

struct Lines<'a> {
    index: LineIndex<'a>,
    /// Where each line starts, in the encoding's units; `None` when they are bytes
    /// (UTF-8, or a text that is all ASCII).
    units: Option<Vec<u32>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, encoding: PositionEncoding) -> Self {
        let units = (encoding != PositionEncoding::Utf8 && !text.is_ascii()).then(|| {
            let mut units = 0u32;
            let mut starts = vec![0];
            for c in text.chars() {
                units = units.saturating_add(match encoding {
                    PositionEncoding::Utf16 => c.len_utf16() as u32,
                    _ => 1,
                });
                if c == '\n' {
                    starts.push(units);
                }
            }
            starts
        });
        Lines {
            index: LineIndex::new(text),
            units,
        }
    }
}

impl<'a> Positions<'a> {
    pub(super) fn new(text: &'a str, encoding: PositionEncoding) -> Self {
        Positions {
            text,
            encoding,
            lines: OnceCell::new(),
        }
    }

    fn position(&self, offset: usize) -> (Position, u32) {
        let lines = self
            .lines
            .get_or_init(|| Lines::new(self.text, self.encoding));
        let p = lines.index.position(offset, self.encoding);
        let line_start = match &lines.units {
            Some(units) => units.get(p.line as usize).copied().unwrap_or(0),
            None => u32::try_from(lines.index.line_start(p.line as usize)).unwrap_or(u32::MAX),
        };
        (
            Position {
                line: p.line,
                character: p.character,
            },
            line_start.saturating_add(p.character),
        )
    }

    /// (range, byte span, offsets in the encoding)
    pub(super) fn locate(&self, span: diagnostics::Span) -> (Range, Offsets, Offsets) {
        let (start, start_units) = self.position(span.start);
        let (end, end_units) = self.position(span.end);
        let bytes = |o: usize| u32::try_from(o).unwrap_or(u32::MAX);
        (
            Range { start, end },
            Offsets {
                start: bytes(span.start),
                end: bytes(span.end),
            },
            Offsets {
                start: start_units,
                end: end_units,
            },
        )
    }

    pub(super) fn edit<'e>(&self, e: &'e diagnostics::TextEdit) -> TextEdit<'e> {
        let (range, span, offsets) = self.locate(e.span);
        TextEdit {
            range,
            span,
            offsets,
            new_text: &e.new_text,
        }
    }

    pub(super) fn diagnostic<'d>(&self, d: &'d crate::Diagnostic) -> Diagnostic<'d> {
        let (range, span, offsets) = self.locate(d.span);
        Diagnostic {
            code: d.code(),
            severity: severity(d.severity),
            message: &d.message,
            range,
            span,
            offsets,
            related: d
                .related
                .iter()
                .map(|r| {
                    let (range, span, offsets) = self.locate(r.span);
                    Related {
                        message: &r.message,
                        range,
                        span,
                        offsets,
                    }
                })
                .collect(),
            fixes: d
                .fixes
                .iter()
                .map(|f| Fix {
                    title: &f.title,
                    edits: f.edits.iter().map(|e| self.edit(e)).collect(),
                })
                .collect(),
        }
    }
}
