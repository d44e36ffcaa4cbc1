//! The cluster config: readers for each input format, the document tree they share, and
//! the typed model decoded from it.

pub mod decode;
pub mod fields;
pub mod json;
pub mod model;
pub mod tree;
pub mod yaml;

use serde::{Deserialize, Serialize};

pub use model::*;
pub use tree::{Node, ReadLimits};

use crate::diagnostics::Diagnostic;

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Yaml,
    Json,
}

impl Format {
    /// The format a file name implies (`.json` is JSON, everything else YAML).
    pub fn from_path(path: &str) -> Format {
        if path.to_ascii_lowercase().ends_with(".json") {
            Format::Json
        } else {
            Format::Yaml
        }
    }

    /// A guess from the text itself, for input without a name: JSON starts with `{`.
    pub fn sniff(text: &str) -> Format {
        if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// A config read from text: the typed model when the text parsed, and every problem met.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub config: Option<Config>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and decodes a config.
pub fn parse(text: &str, format: Format) -> Parsed {
    let limits = ReadLimits::default();
    let (root, mut diagnostics) = match format {
        Format::Yaml => yaml::read_document(text, limits),
        Format::Json => json::read_document(text, limits),
    };
    let config = root.map(|root| {
        let (config, more) = decode::decode(&root, text);
        diagnostics.extend(more);
        config
    });
    Parsed {
        config,
        diagnostics,
    }
}
