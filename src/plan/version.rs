//! Talos release versions: the patches and rules change shape at v1.12.

use std::fmt;

use crate::config::release_tag::numbers_and_pre;

/// A Talos release tag such as `v1.12.0` or `v1.13.0-beta.1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalosVersion {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Option<String>,
}

impl TalosVersion {
    /// Parses `vMAJOR.MINOR.PATCH[-PRE]`; the leading `v` is required, as in the Image
    /// Factory's URLs.
    pub fn parse(text: &str) -> Option<TalosVersion> {
        let (numbers, pre) = numbers_and_pre(text.strip_prefix('v')?)?;
        let [major, minor, patch] = numbers[..] else {
            return None;
        };
        Some(TalosVersion {
            major,
            minor,
            patch,
            pre: pre.map(str::to_owned),
        })
    }

    /// True for `major.minor` and later (pre-releases of that minor count as it).
    pub fn at_least(&self, major: u64, minor: u64) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    /// Whether configs of this release use the multi-document network API
    /// (`Layer2VIPConfig`, `HostnameConfig`): v1.12 and later.
    pub fn uses_network_documents(&self) -> bool {
        self.at_least(1, 12)
    }
}

impl fmt::Display for TalosVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{}.{}", self.major, self.minor, self.patch)?;
        if let Some(pre) = &self.pre {
            write!(f, "-{pre}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_release_tags() {
        let v = TalosVersion::parse("v1.12.0").unwrap();
        assert!(v.uses_network_documents());
        assert!(!TalosVersion::parse("v1.11.5")
            .unwrap()
            .uses_network_documents());
        assert!(TalosVersion::parse("v1.12.0-beta.1")
            .unwrap()
            .at_least(1, 12));
        assert_eq!(
            TalosVersion::parse("v1.13.9").unwrap().to_string(),
            "v1.13.9"
        );
        for bad in [
            "1.12.0",
            "v1.12",
            "v1.12.0.1",
            "v1.x.0",
            "v1.12.0-",
            "",
            "v",
        ] {
            assert!(TalosVersion::parse(bad).is_none(), "{bad}");
        }
    }
}
