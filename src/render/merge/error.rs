//! The one error type of the merge layer.

use std::fmt;

/// Which text an error is about, so that a message can say "patch" or "machine config".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The machine config being patched.
    Config,
    /// A patch applied to it.
    Patch,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Input::Config => "machine config",
            Input::Patch => "patch",
        })
    }
}

/// Everything that can go wrong while parsing configs and patches or applying patches.
///
/// Messages follow Talos's wording where Talos has one, so that users can search for them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The text is not valid YAML (or JSON).
    #[error("{input}: invalid YAML: {error}")]
    Yaml {
        /// Which text.
        input: Input,
        /// The parser's error, with its position.
        #[source]
        error: yaml_serde::Error,
    },

    /// A document cannot be a Talos config document (not a mapping, no `kind`, duplicate, ...).
    #[error("{input} document {index}: {reason}")]
    Document {
        /// Which text.
        input: Input,
        /// 1-based position of the document in its text.
        index: usize,
        /// What is wrong.
        reason: String,
    },

    /// A `$patch` directive that Talos would reject (unknown directive, deleting an inner key
    /// of a list item, ...).
    #[error("patch document {index}: {reason}")]
    Directive {
        /// 1-based position of the patch document.
        index: usize,
        /// What is wrong.
        reason: String,
    },

    /// `$patch: delete` pointed at something that is not in the config.
    #[error("patch delete: path '{path}' in document '{document}': {reason}")]
    DeleteTarget {
        /// The path of the deleted element, dotted as Talos prints it.
        path: String,
        /// The document identity, `apiVersion/kind[/name]`.
        document: String,
        /// What went wrong (usually "lookup failed").
        reason: String,
    },

    /// Talos applies JSON patches (RFC 6902) only to single-document configs.
    #[error("JSON6902 patches are not supported for multi-document machine configuration")]
    JsonPatchMultiDocument,

    /// A JSON patch was applied to a config with no document at all.
    #[error("JSON6902 patches need a machine configuration with exactly one document, this one has none")]
    JsonPatchEmptyConfig,

    /// A list of operations that is not a valid RFC 6902 patch.
    #[error("invalid JSON patch: {0}")]
    JsonPatchInvalid(String),

    /// An RFC 6902 operation failed (missing path, failed `test`, ...).
    #[error("failure applying rfc6902 patches to talos machine config: {0}")]
    JsonPatchFailed(#[source] json_patch::PatchError),

    /// A value cannot be represented in JSON (NaN, a mapping used as a key, ...).
    #[error("cannot convert the machine config to JSON for a JSON patch: {0}")]
    JsonConversion(String),

    /// A patch is neither strategic (mappings) nor one JSON patch (one list of operations).
    #[error("{0}")]
    PatchShape(String),

    /// An error in the n-th patch of [`super::apply_all`] (1-based), so that the caller can
    /// point at the right one.
    #[error("patch {patch}: {error}")]
    InPatch {
        /// 1-based position of the patch in the list.
        patch: usize,
        /// What went wrong with it.
        #[source]
        error: Box<MergeError>,
    },
}
