//! The typed cluster config, as the Terraform module's variables declare it.
//!
//! Every value remembers where it came from. A value is [`Val::Set`] (given or
//! defaulted), [`Val::Unset`] (an optional key without default, such as `ha_vip`) or
//! [`Val::Unknown`] (missing, mistyped, or a Terraform expression we cannot evaluate):
//! rules only ever look at `Set` values, so an unknown never causes a false positive.

use crate::diagnostics::Span;

/// A value and the span of its text. Defaults carry the span of the object that lacks
/// the key, with `explicit` false.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
    pub explicit: bool,
    /// The key this value was written under, for fixes that remove the whole entry.
    pub key: Option<Span>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned {
            value,
            span,
            explicit: true,
            key: None,
        }
    }

    pub fn with_key(mut self, key: Span) -> Self {
        self.key = Some(key);
        self
    }

    pub fn defaulted(value: T, span: Span) -> Self {
        Spanned {
            value,
            span,
            explicit: false,
            key: None,
        }
    }
}

/// A config value whose presence may be unknown.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<T> {
    Set(Spanned<T>),
    Unset,
    Unknown,
}

impl<T> Val<T> {
    pub fn known(&self) -> Option<&Spanned<T>> {
        match self {
            Val::Set(s) => Some(s),
            _ => None,
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.known().map(|s| &s.value)
    }

    pub fn span(&self) -> Option<Span> {
        self.known().map(|s| s.span)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Val::Unknown)
    }

    pub fn is_unset(&self) -> bool {
        matches!(self, Val::Unset)
    }

    /// The first value that is not `Unset`: an override's `Unknown` hides the default.
    pub fn or<'a>(&'a self, fallback: &'a Val<T>) -> &'a Val<T> {
        match self {
            Val::Unset => fallback,
            _ => self,
        }
    }
}

/// The whole config.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub cluster: Cluster,
    pub image: Image,
    pub network: Network,
    pub controlplane: Role,
    pub worker: Role,
    /// The Terraform expressions in the config (their text and place), in order: lint
    /// stays silent about what they hide, the commands that need every value refuse them.
    pub expressions: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The `cluster` key (or the document start when it is missing).
    pub span: Span,
    pub name: Val<String>,
    pub config_patches: Val<Vec<Spanned<String>>>,
    pub node: Val<String>,
    pub datastore: Val<String>,
    pub vm_base_id: Val<i64>,
    pub install_disk: Val<String>,
    pub ip_base_offset: Val<i64>,
    pub ha_vip: Val<String>,
    pub ha_vip_interface: Val<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub span: Span,
    pub version: Val<String>,
    pub extensions: Val<Vec<Spanned<String>>>,
    pub factory_url: Val<String>,
    pub arch: Val<String>,
    pub platform: Val<String>,
    pub proxmox_datastore: Val<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub span: Span,
    pub bridge: Val<String>,
    pub cidr: Val<String>,
    pub gateway: Val<String>,
    pub dns_servers: Val<Vec<Spanned<String>>>,
    pub vlan_id: Val<i64>,
}

/// Control planes or workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleKind {
    Controlplane,
    Worker,
}

impl RoleKind {
    /// The prefix of node keys and hostnames: `controlplane` or `worker`.
    pub fn prefix(self) -> &'static str {
        match self {
            RoleKind::Controlplane => "controlplane",
            RoleKind::Worker => "worker",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub kind: RoleKind,
    pub span: Span,
    pub count: Val<i64>,
    pub specs: Specs,
    /// `Unknown` when the overrides map itself is an expression.
    pub overrides: Val<Vec<Override>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Specs {
    pub span: Span,
    pub cpu: Val<i64>,
    pub memory: Val<i64>,
    pub disk: Val<i64>,
    /// Workers only; `Unset` for control planes.
    pub ip_offset: Val<i64>,
}

/// One entry of `overrides`.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The key as written (`controlplane-2`) and its span.
    pub key: Spanned<String>,
    /// The span of the whole entry, key to end of value (for "remove this override").
    pub entry_span: Span,
    pub datastore: Val<String>,
    pub vm_id: Val<i64>,
    pub node: Val<String>,
    pub cpu: Val<i64>,
    pub memory: Val<i64>,
    pub disk: Val<i64>,
    pub install_disk: Val<String>,
    pub network: Val<OverrideNetwork>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OverrideNetwork {
    pub span: Span,
    pub ip_address: Val<String>,
    pub cidr: Val<String>,
    pub gateway: Val<String>,
    pub vlan_id: Val<i64>,
}
