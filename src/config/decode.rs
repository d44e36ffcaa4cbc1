//! From a document tree to the typed [`Config`], checking keys and types against the
//! field tables in [`super::fields`]: `unknown-field` (with a did-you-mean fix),
//! `missing-field`, `invalid-type`. Range and meaning checks belong to the rules.

use super::fields::{self, DefaultValue, Field, Kind, TABLES};
use super::model::*;
use super::tree::{Entry, Node, ScalarStyle, Value};
use super::Format;
use crate::diagnostics::Rule;
use crate::diagnostics::{Diagnostic, Fix, Severity, Span};

/// Decodes a document tree into a config, reporting structural problems.
/// `variables_file`: the tree is a whole `.tfvars` file rather than a module block.
pub fn decode(
    root: &Node,
    text: &str,
    format: Format,
    variables_file: bool,
) -> (Config, Vec<Diagnostic>) {
    let mut decoder = Decoder {
        text,
        diagnostics: Vec::new(),
        terraform_conversions: format == Format::Hcl,
        yaml: format == Format::Yaml,
        variables_file,
    };
    let config = decoder.config(root);
    (config, decoder.diagnostics)
}

/// Whether an object was there to read fields from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Present,
    /// Missing (already reported, or optional): its fields are silently unknown.
    Absent,
    /// An expression or a wrong type: its fields are silently unknown.
    Unknown,
}

/// An object checked against its table.
struct Obj<'a> {
    state: State,
    /// Where missing fields and defaults point: the object's key.
    span: Span,
    path: String,
    table: &'static [Field],
    /// The entry for each field of `table`, by position.
    entries: Vec<Option<&'a Entry>>,
}

struct Decoder<'t> {
    text: &'t str,
    diagnostics: Vec<Diagnostic>,
    /// Convert scalars as Terraform does for a module's typed variables (numbers and
    /// booleans to strings, numeric strings to numbers): a `.tf` file that Terraform
    /// accepts gets no type error from us.
    terraform_conversions: bool,
    /// Whether the text is YAML, where an unquoted `1.10` or `yes` is not a string.
    yaml: bool,
    /// A `.tfvars` file sets the root module's variables, which may be more than the
    /// cluster's (provider settings, say): Terraform only warns about an undeclared one.
    variables_file: bool,
}

impl<'t> Decoder<'t> {
    /// A scalar as a string field reads it: the string itself, or, under Terraform's
    /// conversions, a number's or boolean's canonical text (`1.10` becomes `1.1`).
    fn string_value(&self, node: &Node) -> Option<String> {
        match &node.value {
            Value::String(s) => Some(s.clone()),
            Value::Int(i) if self.terraform_conversions => Some(i.to_string()),
            Value::Float(f) if self.terraform_conversions && f.is_finite() => Some(f.to_string()),
            Value::Bool(b) if self.terraform_conversions => Some(b.to_string()),
            _ => None,
        }
    }

    fn config(&mut self, root: &Node) -> Config {
        let root_obj = match &root.value {
            Value::Null => {
                self.diagnostics.push(Diagnostic::new(
                    Rule::MissingField,
                    first_line(self.text, root.span),
                    "the config is empty: it needs the sections `cluster`, `image`, `network`, \
                     `controlplane` and `worker`",
                ));
                self.absent(Span::at(0), String::new(), fields::ROOT)
            }
            _ => self.object(
                root,
                first_line(self.text, root.span),
                String::new(),
                fields::ROOT,
            ),
        };
        let cluster = self.sub_object(&root_obj, "cluster");
        let image = self.sub_object(&root_obj, "image");
        let network = self.sub_object(&root_obj, "network");
        let controlplane = self.sub_object(&root_obj, "controlplane");
        let worker = self.sub_object(&root_obj, "worker");
        Config {
            cluster: Cluster {
                span: cluster.span,
                name: self.string(&cluster, "name"),
                config_patches: self.string_list(&cluster, "config_patches"),
                node: self.string(&cluster, "node"),
                datastore: self.string(&cluster, "datastore"),
                vm_base_id: self.integer(&cluster, "vm_base_id"),
                install_disk: self.string(&cluster, "install_disk"),
                ip_base_offset: self.integer(&cluster, "ip_base_offset"),
                ha_vip: self.string(&cluster, "ha_vip"),
                ha_vip_interface: self.string(&cluster, "ha_vip_interface"),
            },
            image: Image {
                span: image.span,
                version: self.string(&image, "version"),
                extensions: self.string_list(&image, "extensions"),
                factory_url: self.string(&image, "factory_url"),
                arch: self.string(&image, "arch"),
                platform: self.string(&image, "platform"),
                proxmox_datastore: self.string(&image, "proxmox_datastore"),
            },
            network: Network {
                span: network.span,
                bridge: self.string(&network, "bridge"),
                cidr: self.string(&network, "cidr"),
                gateway: self.string(&network, "gateway"),
                dns_servers: self.string_list(&network, "dns_servers"),
                vlan_id: self.integer(&network, "vlan_id"),
            },
            controlplane: self.role(&controlplane, RoleKind::Controlplane),
            worker: self.role(&worker, RoleKind::Worker),
            expressions: root
                .unknowns()
                .into_iter()
                .map(|(span, text)| Spanned {
                    span,
                    value: text.to_owned(),
                    explicit: true,
                    key: None,
                })
                .collect(),
        }
    }

    fn role(&mut self, obj: &Obj<'_>, kind: RoleKind) -> Role {
        let specs = self.sub_object(obj, "specs");
        let ip_offset = if kind == RoleKind::Worker {
            self.integer(&specs, "ip_offset")
        } else {
            Val::Unset
        };
        Role {
            kind,
            span: obj.span,
            count: self.integer(obj, "count"),
            specs: Specs {
                span: specs.span,
                cpu: self.integer(&specs, "cpu"),
                memory: self.integer(&specs, "memory"),
                disk: self.integer(&specs, "disk"),
                ip_offset,
            },
            overrides: self.overrides(obj),
        }
    }

    fn overrides(&mut self, obj: &Obj<'_>) -> Val<Vec<Override>> {
        let Some(entry) = self.entry(obj, "overrides") else {
            return self.default_for(obj, "overrides", |_| Vec::new());
        };
        let table = match field(obj.table, "overrides").map(|f| f.kind) {
            Some(Kind::ObjectMap(table)) => table,
            _ => return Val::Unknown,
        };
        let node = &entry.value;
        let entries = match &node.value {
            Value::Unknown(_) => return Val::Unknown,
            Value::Map(entries) => entries,
            _ => {
                self.type_error(node, &format!("{}.overrides", obj.path), "a mapping");
                return Val::Unknown;
            }
        };
        let mut overrides = Vec::with_capacity(entries.len());
        for e in entries {
            let path = format!("{}.overrides.{}", obj.path, e.key);
            let o = match &e.value.value {
                Value::Unknown(_) => self.unknown_object(e.key_span, path, table),
                _ => self.object(&e.value, e.key_span, path, table),
            };
            let network = match self.entry(&o, "network") {
                None => Val::Unset,
                Some(ne) if ne.value.is_unknown() => Val::Unknown,
                Some(ne) => {
                    let n = self.sub_object(&o, "network");
                    if n.state == State::Present {
                        Val::Set(Spanned::new(
                            OverrideNetwork {
                                span: ne.key_span,
                                ip_address: self.string(&n, "ip_address"),
                                cidr: self.string(&n, "cidr"),
                                gateway: self.string(&n, "gateway"),
                                vlan_id: self.integer(&n, "vlan_id"),
                            },
                            ne.span(),
                        ))
                    } else {
                        Val::Unknown
                    }
                }
            };
            overrides.push(Override {
                key: Spanned::new(e.key.clone(), e.key_span),
                entry_span: e.span(),
                datastore: self.string(&o, "datastore"),
                vm_id: self.integer(&o, "vm_id"),
                node: self.string(&o, "node"),
                cpu: self.integer(&o, "cpu"),
                memory: self.integer(&o, "memory"),
                disk: self.integer(&o, "disk"),
                install_disk: self.string(&o, "install_disk"),
                network,
            });
        }
        Val::Set(Spanned::new(overrides, entry.span()))
    }

    fn absent<'a>(&self, span: Span, path: String, table: &'static [Field]) -> Obj<'a> {
        Obj {
            state: State::Absent,
            span,
            path,
            table,
            entries: Vec::new(),
        }
    }

    fn unknown_object<'a>(&self, span: Span, path: String, table: &'static [Field]) -> Obj<'a> {
        Obj {
            state: State::Unknown,
            ..self.absent(span, path, table)
        }
    }

    /// Checks a mapping's keys against `table`.
    fn object<'a>(
        &mut self,
        node: &'a Node,
        span: Span,
        path: String,
        table: &'static [Field],
    ) -> Obj<'a> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            Value::Unknown(_) => return self.unknown_object(span, path, table),
            _ => {
                let what = if path.is_empty() {
                    "the config"
                } else {
                    path.as_str()
                };
                self.diagnostics.push(Diagnostic::new(
                    Rule::InvalidType,
                    node.span,
                    format!("{what} must be a mapping, found {}", node.type_name()),
                ));
                return self.unknown_object(span, path, table);
            }
        };
        let mut known = vec![None; table.len()];
        for entry in entries {
            match table.iter().position(|f| f.name == entry.key) {
                Some(i) => known[i] = Some(entry),
                None => self.unknown_field(entry, entries, &path, table),
            }
        }
        Obj {
            state: State::Present,
            span,
            path,
            table,
            entries: known,
        }
    }

    fn unknown_field(&mut self, entry: &Entry, siblings: &[Entry], path: &str, table: &[Field]) {
        let location = if path.is_empty() {
            "at the top level".to_owned()
        } else {
            format!("in `{path}`")
        };
        let mut message = format!("unknown field `{}` {location}", entry.key);
        let suggestion = suggest(&entry.key, table.iter().map(|f| f.name))
            .filter(|s| !siblings.iter().any(|e| e.key == *s));
        let mut diagnostic;
        if let Some(suggestion) = suggestion {
            message.push_str(&format!("; did you mean `{suggestion}`?"));
            let written = slice(self.text, entry.key_span);
            let replacement = match written.chars().next() {
                Some(q @ ('"' | '\'')) => format!("{q}{suggestion}{q}"),
                _ => suggestion.to_owned(),
            };
            diagnostic = Diagnostic::new(Rule::UnknownField, entry.key_span, message).with_fix(
                Fix::replace(
                    format!("Rename to `{suggestion}`"),
                    entry.key_span,
                    replacement,
                ),
            );
        } else {
            if let Some((home, _)) = TABLES
                .iter()
                .find(|(_, t)| t.iter().any(|f| f.name == entry.key))
            {
                let home = if home.is_empty() {
                    "the top level"
                } else {
                    home
                };
                message.push_str(&format!(" (`{}` is a field of `{home}`)", entry.key));
            }
            let warn_only = path.is_empty() && self.variables_file;
            message.push_str(if warn_only {
                ": the cluster module has no such variable (Terraform only warns when a variable file sets a variable no module declares)"
            } else if path.is_empty() {
                ": the module has no such variable"
            } else {
                "; Terraform would silently drop it"
            });
            diagnostic = Diagnostic::new(Rule::UnknownField, entry.key_span, message);
            if warn_only {
                diagnostic.severity = Severity::Warning;
            }
        }
        self.diagnostics.push(diagnostic);
    }

    fn entry<'a>(&self, obj: &Obj<'a>, name: &str) -> Option<&'a Entry> {
        let i = obj.table.iter().position(|f| f.name == name)?;
        obj.entries
            .get(i)
            .copied()
            .flatten()
            .filter(|e| e.value.value != Value::Null)
    }

    /// The nested object `name` of `obj`.
    fn sub_object<'a>(&mut self, obj: &Obj<'a>, name: &str) -> Obj<'a> {
        let path = join(&obj.path, name);
        let Some(f) = field(obj.table, name) else {
            return self.unknown_object(obj.span, path, &[]);
        };
        let table = match f.kind {
            Kind::Object(table) => table,
            _ => &[],
        };
        match self.entry(obj, name) {
            Some(entry) => self.object(&entry.value, entry.key_span, path, table),
            None => {
                if obj.state == State::Present && f.is_required() {
                    self.missing(obj, name);
                }
                match obj.state {
                    State::Unknown => self.unknown_object(obj.span, path, table),
                    _ => self.absent(obj.span, path, table),
                }
            }
        }
    }

    fn missing(&mut self, obj: &Obj<'_>, name: &str) {
        let message = if obj.path.is_empty() {
            format!("missing required section `{name}`")
        } else {
            format!("`{}` is missing the required field `{name}`", obj.path)
        };
        self.diagnostics
            .push(Diagnostic::new(Rule::MissingField, obj.span, message));
    }

    /// The value for an absent or null key: the default, `Unset`, or (for a required
    /// key of a present object) a `missing-field` diagnostic.
    fn default_for<T>(
        &mut self,
        obj: &Obj<'_>,
        name: &str,
        make: impl FnOnce(&DefaultValue) -> T,
    ) -> Val<T> {
        if obj.state != State::Present {
            return Val::Unknown;
        }
        let Some(f) = field(obj.table, name) else {
            return Val::Unknown;
        };
        match f.default {
            DefaultValue::Required => {
                self.missing(obj, name);
                Val::Unknown
            }
            DefaultValue::None => Val::Unset,
            ref d => Val::Set(Spanned::defaulted(make(d), obj.span)),
        }
    }

    fn string(&mut self, obj: &Obj<'_>, name: &str) -> Val<String> {
        let Some(entry) = self.entry(obj, name) else {
            return self.default_for(obj, name, |d| match d {
                DefaultValue::Str(s) => (*s).to_owned(),
                _ => String::new(),
            });
        };
        let node = &entry.value;
        if let Some(s) = self.string_value(node) {
            return Val::Set(Spanned::new(s, node.span).with_key(entry.key_span));
        }
        match &node.value {
            Value::Unknown(_) => Val::Unknown,
            _ => {
                self.type_error(node, &join(&obj.path, name), "a string");
                Val::Unknown
            }
        }
    }

    fn integer(&mut self, obj: &Obj<'_>, name: &str) -> Val<i64> {
        let Some(entry) = self.entry(obj, name) else {
            return self.default_for(obj, name, |d| match d {
                DefaultValue::Int(i) => *i,
                _ => 0,
            });
        };
        let node = &entry.value;
        // Terraform reads a numeric string for a number variable (`"700"`): it is checked
        // as if written bare.
        let converted = match &node.value {
            Value::String(s) if self.terraform_conversions && !s.is_empty() && s.trim() == s => {
                s.parse::<i64>().map(Value::Int).ok().or_else(|| {
                    s.parse::<f64>()
                        .ok()
                        .filter(|f| f.is_finite())
                        .map(Value::Float)
                })
            }
            _ => None,
        };
        match converted.as_ref().unwrap_or(&node.value) {
            Value::Int(i) => Val::Set(Spanned::new(*i, node.span).with_key(entry.key_span)),
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                Val::Set(Spanned::new(*f as i64, node.span).with_key(entry.key_span))
            }
            Value::Float(f) if f.is_infinite() => {
                self.diagnostics.push(Diagnostic::new(
                    Rule::InvalidValue,
                    node.span,
                    format!("`{}` is far too large", join(&obj.path, name)),
                ));
                Val::Unknown
            }
            Value::Unknown(_) => Val::Unknown,
            _ => {
                self.type_error(node, &join(&obj.path, name), "an integer");
                Val::Unknown
            }
        }
    }

    fn string_list(&mut self, obj: &Obj<'_>, name: &str) -> Val<Vec<Spanned<String>>> {
        let Some(entry) = self.entry(obj, name) else {
            return self.default_for(obj, name, |_| Vec::new());
        };
        let node = &entry.value;
        let items = match &node.value {
            Value::Seq(items) => items,
            Value::Unknown(_) => return Val::Unknown,
            _ => {
                self.type_error(node, &join(&obj.path, name), "a list of strings");
                return Val::Unknown;
            }
        };
        let mut out = Vec::with_capacity(items.len());
        let mut unknown = false;
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = self.string_value(item) {
                out.push(Spanned::new(s, item.span));
                continue;
            }
            match &item.value {
                Value::Unknown(_) => unknown = true,
                _ => {
                    let path = join(&obj.path, name);
                    self.type_error(item, &format!("{path}[{i}]"), "a string");
                    unknown = true;
                }
            }
        }
        if unknown {
            Val::Unknown
        } else {
            Val::Set(Spanned::new(out, node.span).with_key(entry.key_span))
        }
    }

    /// Reports a value of the wrong type, with a quoting fix where that is the repair.
    fn type_error(&mut self, node: &Node, path: &str, expected: &str) {
        let found = match &node.value {
            Value::Float(f) if f.is_nan() => "NaN".to_owned(),
            Value::String(s) if s.len() <= 40 => format!("the string \"{s}\""),
            _ => node.type_name().to_owned(),
        };
        let mut d = Diagnostic::new(
            Rule::InvalidType,
            node.span,
            format!("`{path}` must be {expected}, found {found}"),
        );
        let written = slice(self.text, node.span);
        match (&node.value, expected) {
            (Value::Int(_) | Value::Float(_) | Value::Bool(_), "a string")
                if node.style == ScalarStyle::Plain && !written.is_empty() =>
            {
                if self.yaml {
                    d.message.push_str(&format!(
                        "; YAML reads an unquoted `{written}` as {}",
                        node.type_name()
                    ));
                }
                // A version typed as a number (`1.12`) gets the full release tag at once,
                // not quotes that leave it an invalid tag.
                let tag = (path == "image.version")
                    .then(|| super::release_tag::release_tag(written))
                    .flatten();
                d = d.with_fix(match tag {
                    Some(tag) => {
                        let new_text = if self.yaml && super::yaml::plain_is_safe(&tag) {
                            tag.clone()
                        } else {
                            super::yaml::json_quote(&tag)
                        };
                        Fix::replace(format!("Use `{tag}`"), node.span, new_text)
                    }
                    None => Fix::replace(
                        "Quote the value",
                        node.span,
                        format!("\"{}\"", written.replace('\\', "\\\\").replace('"', "\\\"")),
                    ),
                });
            }
            (Value::String(s), "an integer") if s.trim().parse::<i64>().is_ok() => {
                d = d.with_fix(Fix::replace(
                    "Remove the quotes",
                    node.span,
                    s.trim().to_owned(),
                ));
            }
            _ => {}
        }
        self.diagnostics.push(d);
    }
}

fn field(table: &'static [Field], name: &str) -> Option<&'static Field> {
    fields::lookup(table, name)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// The first line of a document: where problems of the whole config are shown.
fn first_line(text: &str, span: Span) -> Span {
    let start = span.start.min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end)
}

/// The closest known name to a misspelt one, if it is close enough to be a typo.
pub(crate) fn suggest<'n>(typo: &str, names: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typo_squashed = squash(typo);
    let mut best: Option<(&str, f64)> = None;
    for name in names {
        let score = if squash(name) == typo_squashed {
            1.0
        } else {
            strsim::normalized_damerau_levenshtein(typo, name)
        };
        if score >= 0.6 && best.is_none_or(|(_, s)| score > s) {
            best = Some((name, score));
        }
    }
    best.map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tree::ReadLimits;
    use crate::config::yaml;

    fn decode_yaml(text: &str) -> (Config, Vec<Diagnostic>) {
        let (root, mut diags) = yaml::read_document(text, ReadLimits::default());
        let (config, more) = decode(&root.unwrap(), text, Format::Yaml, false);
        diags.extend(more);
        (config, diags)
    }

    #[test]
    fn suggestions() {
        let names = ["bridge", "cidr", "gateway", "dns_servers", "vlan_id"];
        assert_eq!(suggest("brige", names.iter().copied()), Some("bridge"));
        assert_eq!(
            suggest("dns_server", names.iter().copied()),
            Some("dns_servers")
        );
        assert_eq!(suggest("vlanId", names.iter().copied()), Some("vlan_id"));
        assert_eq!(suggest("ntp", names.iter().copied()), None);
    }

    #[test]
    fn unknown_field_offers_rename() {
        let text = "network:\n  brige: vmbr0\n";
        let (_, diags) = decode_yaml(text);
        let d = diags.iter().find(|d| d.rule == Rule::UnknownField).unwrap();
        assert_eq!(&text[d.span.start..d.span.end], "brige");
        assert_eq!(d.fixes[0].edits[0].new_text, "bridge");
    }

    #[test]
    fn defaults_and_missing_fields() {
        let text = "cluster:\n  name: x\n";
        let (config, diags) = decode_yaml(text);
        assert_eq!(
            config.cluster.install_disk.get().map(String::as_str),
            Some("/dev/sda")
        );
        assert_eq!(config.cluster.ip_base_offset.get(), Some(&10));
        assert!(config.cluster.ha_vip.is_unset());
        assert!(config.cluster.node.is_unknown());
        let missing: Vec<_> = diags
            .iter()
            .filter(|d| d.rule == Rule::MissingField)
            .map(|d| d.message.as_str())
            .collect();
        assert!(missing.iter().any(|m| m.contains("`node`")), "{missing:?}");
        assert!(
            missing.iter().any(|m| m.contains("section `image`")),
            "{missing:?}"
        );
        // fields inside a missing section are not reported one by one
        assert!(
            !missing.iter().any(|m| m.contains("`version`")),
            "{missing:?}"
        );
    }

    #[test]
    fn type_errors_offer_quoting() {
        let text = "cluster:\n  name: 1.10\n";
        let (_, diags) = decode_yaml(text);
        let d = diags.iter().find(|d| d.rule == Rule::InvalidType).unwrap();
        assert_eq!(d.fixes[0].edits[0].new_text, "\"1.10\"");
        // A version typed as a number gets the full tag instead.
        let text = "image:\n  version: 1.10\n";
        let (_, diags) = decode_yaml(text);
        let d = diags.iter().find(|d| d.rule == Rule::InvalidType).unwrap();
        assert_eq!(d.fixes[0].title, "Use `v1.10.0`");
        assert_eq!(d.fixes[0].edits[0].new_text, "v1.10.0");
    }
}
