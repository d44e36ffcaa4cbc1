//! Conversions at the edge: arguments from JavaScript, the core's results into wire
//! types, byte spans into positions and offsets in the caller's encoding.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use super::wire::*;
use crate::config::RoleKind;
use crate::diagnostics::{self, LineIndex, PositionEncoding};
use crate::edit::Scalar;
use crate::Format;

/// The options of one call, resolved.
pub(super) struct Call {
    pub(super) format: Format,
    pub(super) encoding: PositionEncoding,
}

impl Call {
    pub(super) fn new(source: &str, options: Option<Ts<Options>>) -> Result<Call, JsValue> {
        let options = match options {
            Some(o) => {
                reject_unknown_keys(&o.js_value())?;
                o.to_rust()
                    .map_err(|e| error(&format!("invalid options: {e}")))?
            }
            None => Options::default(),
        };
        Ok(Call {
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

/// A string argument. Arguments are taken as `JsValue` and checked here because
/// wasm-bindgen's glue for `&str` reads whatever it is given as a string, and a number
/// passed by untyped JavaScript then corrupts the module's memory.
pub(super) fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| js_sys::TypeError::new(&format!("{what} must be a string")).into())
}

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
        let p: PositionArg = serde_wasm_bindgen::from_value(value.clone())
            .map_err(|e| error(&format!("invalid position: {e}")))?;
        return Ok(crate::hover::At::Position(crate::Position {
            line: p.line,
            character: p.character,
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
    if let Ok(value) = to_js(&list) {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &value);
    }
    err.into()
}

/// serde-wasm-bindgen only looks up the fields it knows, so a misspelt option
/// (`formt`) would be ignored silently; name it instead.
pub(super) fn reject_unknown_keys(options: &JsValue) -> Result<(), JsValue> {
    if !options.is_object() {
        return Ok(()); // to_rust reports the wrong type
    }
    for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !matches!(key.as_str(), "format" | "position_encoding") {
            return Err(error(&format!(
                "invalid options: unknown option `{key}`, expected `format` or `position_encoding`"
            )));
        }
    }
    Ok(())
}

pub(super) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

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
        return Err(error(&format!(
            "{n} is not an integer this config can hold"
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

pub(super) fn example(e: crate::rules::Example) -> RuleExample {
    match e {
        crate::rules::Example::Overlay(t) => RuleExample::Overlay(t.to_owned()),
        crate::rules::Example::Document(t) => RuleExample::Document(t.to_owned()),
        crate::rules::Example::Live { config, inventory } => RuleExample::Live {
            config: config.to_owned(),
            inventory: inventory.to_owned(),
        },
    }
}

pub(super) fn ip(ip: Option<std::net::IpAddr>) -> Option<String> {
    ip.map(|i| i.to_string())
}

pub(super) fn plan_wire(p: &crate::Plan) -> Plan {
    let n = &p.network;
    Plan {
        cluster_name: p.cluster_name.clone(),
        ha_vip_enabled: p.ha_vip_enabled,
        ha_vip: ip(p.ha_vip),
        ha_vip_interface: p.ha_vip_interface.clone(),
        cluster_endpoint: p.cluster_endpoint.clone(),
        talos_endpoints: p.talos_endpoints.clone(),
        nodes: p
            .nodes
            .iter()
            .map(|n| PlannedNode {
                key: n.key.clone(),
                role: role(n.role),
                hostname: n.hostname.clone(),
                vm_id: n.vm_id,
                proxmox_node: n.proxmox_node.clone(),
                datastore: n.datastore.clone(),
                ip_address: ip(n.ip_address),
                prefix: n.prefix,
                gateway: ip(n.gateway),
                vlan_id: n.vlan_id,
                cpu: n.cpu,
                memory: n.memory,
                disk: n.disk,
                install_disk: n.install_disk.clone(),
            })
            .collect(),
        image: p.image.as_ref().map(|i| ImagePlan {
            schematic: i.schematic.clone(),
            schematic_id: i.schematic_id.clone(),
            disk_image_url: i.disk_image_url.clone(),
            disk_import_url: i.disk_import_url.clone(),
            iso_url: i.iso_url.clone(),
            installer_image: i.installer_image.clone(),
            extensions: i.extensions.clone(),
        }),
        network: NetworkPlan {
            cidr: n.cidr.clone(),
            prefix: n.prefix,
            network_address: ip(n.network_address),
            last_address: ip(n.last_address),
            gateway: ip(n.gateway),
            dns_servers: n
                .dns_servers
                .as_ref()
                .map(|d| d.iter().map(|a| a.to_string()).collect()),
            bridge: n.bridge.clone(),
            vlan_id: n.vlan_id,
        },
    }
}

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

/// Byte spans to positions and offsets in one encoding.
pub(super) struct Positions<'a> {
    index: LineIndex<'a>,
    encoding: PositionEncoding,
    /// Where each line starts, in the encoding's units (empty for UTF-8: bytes).
    line_units: Vec<u32>,
}

impl<'a> Positions<'a> {
    pub(super) fn new(text: &'a str, encoding: PositionEncoding) -> Self {
        let mut line_units = Vec::new();
        if encoding != PositionEncoding::Utf8 {
            let mut units = 0u32;
            line_units.push(0);
            for c in text.chars() {
                units = units.saturating_add(match encoding {
                    PositionEncoding::Utf16 => c.len_utf16() as u32,
                    _ => 1,
                });
                if c == '\n' {
                    line_units.push(units);
                }
            }
        }
        Positions {
            index: LineIndex::new(text),
            encoding,
            line_units,
        }
    }

    fn position(&self, offset: usize) -> (Position, u32) {
        let p = self.index.position(offset, self.encoding);
        let units = match self.encoding {
            PositionEncoding::Utf8 => {
                let line_start = self.index.line_start(p.line as usize);
                u32::try_from(line_start)
                    .unwrap_or(u32::MAX)
                    .saturating_add(p.character)
            }
            _ => self
                .line_units
                .get(p.line as usize)
                .copied()
                .unwrap_or(0)
                .saturating_add(p.character),
        };
        (
            Position {
                line: p.line,
                character: p.character,
            },
            units,
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

    pub(super) fn edit(&self, e: &diagnostics::TextEdit) -> TextEdit {
        let (range, span, offsets) = self.locate(e.span);
        TextEdit {
            range,
            span,
            offsets,
            new_text: e.new_text.clone(),
        }
    }

    pub(super) fn diagnostic(&self, d: &crate::Diagnostic) -> Diagnostic {
        let (range, span, offsets) = self.locate(d.span);
        Diagnostic {
            code: d.code().to_owned(),
            severity: severity(d.severity),
            message: d.message.clone(),
            range,
            span,
            offsets,
            related: d
                .related
                .iter()
                .map(|r| {
                    let (range, span, offsets) = self.locate(r.span);
                    Related {
                        message: r.message.clone(),
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
                    title: f.title.clone(),
                    edits: f.edits.iter().map(|e| self.edit(e)).collect(),
                })
                .collect(),
        }
    }
}
