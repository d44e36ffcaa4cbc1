//! Rule levels chosen by the user, as clippy's `--allow/--warn/--deny`: one type that
//! the command line flags, the WASM options and the language server's settings all
//! become, so every surface silences or raises a rule the same way.
//!
//! A level names a rule or `all`; a rule named on its own wins over `all`, whatever the
//! order. `syntax-error` keeps its severity: nothing else is checked until a file parses.

use serde::{Deserialize, Serialize};

use super::rule::Rule;
use super::severity::Severity;

/// What to do with a rule's diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported at all.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error (the config is refused, `lint` exits 1).
    Deny,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// The name that stands for every rule.
pub const ALL: &str = "all";

/// Why a level could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LevelError {
    #[error("no rule `{name}`{hint}; `talos-planner rules` lists them")]
    UnknownRule { name: String, hint: String },
    #[error("`{0}` is not a level: use allow, warn or deny")]
    UnknownLevel(String),
    #[error("`syntax-error` cannot be changed: nothing else can be checked until the file parses")]
    Fixed,
    #[error("`{name}` is set to both {first} and {second}")]
    Conflict {
        name: String,
        first: &'static str,
        second: &'static str,
    },
}

/// The levels the user set: for `all`, and for single rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleLevels {
    all: Option<Level>,
    rules: Vec<(Rule, Level)>,
}

impl RuleLevels {
    /// No level set: every rule keeps its default severity.
    pub fn is_empty(&self) -> bool {
        self.all.is_none() && self.rules.is_empty()
    }

    /// Sets the level of a rule id or of `all`. Setting one name to two different
    /// levels is a mistake worth saying (the same level twice is not).
    pub fn set(&mut self, name: &str, level: Level) -> Result<(), LevelError> {
        let name = name.trim();
        let previous = if name == ALL {
            self.all.replace(level)
        } else {
            let rule = Rule::from_id(name).ok_or_else(|| LevelError::UnknownRule {
                name: name.to_owned(),
                hint: hint(name),
            })?;
            if rule == Rule::SyntaxError {
                return Err(LevelError::Fixed);
            }
            match self.rules.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, existing)) => Some(std::mem::replace(existing, level)),
                None => {
                    self.rules.push((rule, level));
                    None
                }
            }
        };
        match previous {
            Some(first) if first != level => Err(LevelError::Conflict {
                name: name.to_owned(),
                first: first.as_str(),
                second: level.as_str(),
            }),
            _ => Ok(()),
        }
    }

    /// Sets a level given as text (`"allow"`), as settings files and options carry it.
    pub fn set_text(&mut self, name: &str, level: &str) -> Result<(), LevelError> {
        let level =
            Level::parse(level.trim()).ok_or_else(|| LevelError::UnknownLevel(level.to_owned()))?;
        self.set(name, level)
    }

    /// The level in force for `rule`, if the user set one.
    pub fn level(&self, rule: Rule) -> Option<Level> {
        if rule == Rule::SyntaxError {
            return None;
        }
        self.rules
            .iter()
            .find(|(r, _)| *r == rule)
            .map(|(_, l)| *l)
            .or(self.all)
    }

    /// The severity a diagnostic of `rule` is reported with (`None`: not at all), given
    /// its default one.
    pub fn severity(&self, rule: Rule, default: Severity) -> Option<Severity> {
        match self.level(rule) {
            Some(Level::Allow) => None,
            Some(Level::Warn) => Some(Severity::Warning),
            Some(Level::Deny) => Some(Severity::Error),
            None => Some(default),
        }
    }

    /// The levels set, `all` first, as (name, level) pairs.
    pub fn entries(&self) -> Vec<(&'static str, Level)> {
        let mut out: Vec<(&'static str, Level)> = self.all.map(|l| (ALL, l)).into_iter().collect();
        out.extend(self.rules.iter().map(|(r, l)| (r.id(), *l)));
        out
    }
}

/// " (did you mean `x`?)" for a misspelt rule id.
fn hint(name: &str) -> String {
    closest_rule(name)
        .map(|r| format!(" (did you mean `{}`?)", r.id()))
        .unwrap_or_default()
}

/// The rule whose id is closest to a misspelt one, if any is close.
pub fn closest_rule(name: &str) -> Option<Rule> {
    Rule::ALL
        .iter()
        .map(|r| (*r, strsim::normalized_damerau_levenshtein(name, r.id())))
        .filter(|(_, score)| *score >= 0.6)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(rule, _)| rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_rule_wins_over_all() {
        let mut levels = RuleLevels::default();
        levels.set("vip-ignored", Level::Deny).unwrap();
        levels.set("all", Level::Allow).unwrap();
        assert_eq!(levels.level(Rule::VipIgnored), Some(Level::Deny));
        assert_eq!(levels.level(Rule::DuplicateIp), Some(Level::Allow));
        assert_eq!(levels.level(Rule::SyntaxError), None);
        assert_eq!(
            levels.severity(Rule::VipIgnored, Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(levels.severity(Rule::DuplicateIp, Severity::Error), None);
        assert_eq!(
            levels.severity(Rule::SyntaxError, Severity::Error),
            Some(Severity::Error)
        );
        assert_eq!(
            levels.entries(),
            [("all", Level::Allow), ("vip-ignored", Level::Deny)]
        );
    }

    #[test]
    fn warn_and_deny_change_the_severity() {
        let mut levels = RuleLevels::default();
        levels.set_text("below-talos-recommended", "deny").unwrap();
        levels.set_text("duplicate-ip", " warn ").unwrap();
        assert_eq!(
            levels.severity(Rule::BelowTalosRecommended, Severity::Info),
            Some(Severity::Error)
        );
        assert_eq!(
            levels.severity(Rule::DuplicateIp, Severity::Error),
            Some(Severity::Warning)
        );
        assert_eq!(
            levels.severity(Rule::VipConflict, Severity::Error),
            Some(Severity::Error)
        );
    }

    #[test]
    fn mistakes_are_named() {
        let mut levels = RuleLevels::default();
        assert_eq!(
            levels.set("vip-conflit", Level::Allow).unwrap_err().to_string(),
            "no rule `vip-conflit` (did you mean `vip-conflict`?); `talos-planner rules` lists them"
        );
        assert_eq!(
            levels.set("syntax-error", Level::Allow),
            Err(LevelError::Fixed)
        );
        assert!(matches!(
            levels.set_text("all", "off"),
            Err(LevelError::UnknownLevel(_))
        ));
        levels.set("vip-ignored", Level::Allow).unwrap();
        levels.set("vip-ignored", Level::Allow).unwrap();
        assert!(matches!(
            levels.set("vip-ignored", Level::Deny),
            Err(LevelError::Conflict { .. })
        ));
    }
}
