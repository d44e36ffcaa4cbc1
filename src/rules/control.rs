//! Rule control: the one place where the user's choices meet the diagnostics, for every
//! surface (the CLI, the WASM package, the language server). First the file's ignore
//! comments (`config::ignores`) silence what they name, and an ignore that silences
//! nothing is reported (`unused-ignore`); then the levels (`--allow/--warn/--deny`,
//! editor settings, the page's toggles) drop or re-grade what is left.

use crate::config::ignores::{Ignore, Scope};
use crate::diagnostics::{closest_rule, Diagnostic, Fix, Rule, RuleLevels, Span, TextEdit};

/// Applies the ignore comments, then the levels, to a file's diagnostics.
pub fn apply(ignores: &[Ignore], levels: &RuleLevels, diagnostics: &mut Vec<Diagnostic>) {
    if !ignores.is_empty() {
        let index = Index::new(ignores);
        let used = silence_with(ignores, &index, diagnostics);
        let mut unused = unused(ignores, &used, diagnostics, &index);
        // `ignore-file[unused-ignore]` (or one above the comment) silences these too.
        unused.retain(|d| {
            let mut silenced = false;
            index.covering(d.span.start, |i| {
                silenced |= ignores[i]
                    .rules
                    .iter()
                    .any(|r| r.rule == Some(Rule::UnusedIgnore));
            });
            !silenced
        });
        diagnostics.extend(unused);
    }
    if !levels.is_empty() {
        diagnostics.retain_mut(|d| match levels.severity(d.rule, d.severity) {
            Some(severity) => {
                d.severity = severity;
                true
            }
            None => false,
        });
    }
}

/// Drops the diagnostics the ignore comments name, without judging the comments: for
/// findings checked apart from the file's own (the live preflight), where an ignore of
/// another rule is not unused.
pub fn silence(ignores: &[Ignore], diagnostics: &mut Vec<Diagnostic>) {
    if !ignores.is_empty() {
        silence_with(ignores, &Index::new(ignores), diagnostics);
    }
}

/// Drops what the ignores name; returns which of each comment's rules were used.
fn silence_with(
    ignores: &[Ignore],
    index: &Index,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Vec<bool>> {
    let mut used: Vec<Vec<bool>> = ignores.iter().map(|i| vec![false; i.rules.len()]).collect();
    diagnostics.retain(|d| {
        let mut silenced = false;
        index.covering(d.span.start, |i| {
            for (j, r) in ignores[i].rules.iter().enumerate() {
                if r.rule == Some(d.rule) && d.rule != Rule::SyntaxError {
                    used[i][j] = true;
                    silenced = true;
                }
            }
        });
        !silenced
    });
    used
}

/// The ignores by where they apply: file-wide ones, and line ones by line, so a file
/// with many comments and many diagnostics stays fast.
struct Index {
    file: Vec<usize>,
    lines: Vec<(Span, usize)>,
    /// Whether `lines` is in order of its lines, as `config::ignores` finds them (each
    /// comment points at its own line or the next with code, so at the same line as the
    /// one before it or a later one); if not, it is searched line by line.
    ordered: bool,
}

impl Index {
    fn new(ignores: &[Ignore]) -> Index {
        let mut file = Vec::new();
        let mut lines = Vec::new();
        for (i, ignore) in ignores.iter().enumerate() {
            match ignore.scope {
                Scope::File => file.push(i),
                Scope::Line(line) => lines.push((line, i)),
                Scope::Nothing => {}
            }
        }
        let ordered = lines.windows(2).all(|w| w[0].0.start <= w[1].0.start);
        Index {
            file,
            lines,
            ordered,
        }
    }

    /// Calls `f` with every ignore that applies at byte `offset`.
    fn covering(&self, offset: usize, mut f: impl FnMut(usize)) {
        for &i in &self.file {
            f(i);
        }
        if !self.ordered {
            for &(line, i) in &self.lines {
                if line.start <= offset && offset <= line.end {
                    f(i);
                }
            }
            return;
        }
        let after = self.lines.partition_point(|(line, _)| line.start <= offset);
        let Some(&(line, _)) = after.checked_sub(1).and_then(|k| self.lines.get(k)) else {
            return;
        };
        if offset > line.end {
            return;
        }
        for &(other, i) in self.lines[..after].iter().rev() {
            if other.start != line.start {
                break;
            }
            f(i);
        }
    }
}

/// The `unused-ignore` diagnostics: comments that are not understood or point at no
/// line, unknown rule ids, and ids that silenced nothing.
fn unused(
    ignores: &[Ignore],
    used: &[Vec<bool>],
    remaining: &[Diagnostic],
    index: &Index,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, ignore) in ignores.iter().enumerate() {
        let remove_comment = || Fix {
            title: "Remove the ignore comment".into(),
            edits: vec![TextEdit {
                span: ignore.removal,
                new_text: String::new(),
            }],
        };
        if let Some(why) = ignore.malformed {
            out.push(Diagnostic::new(
                Rule::UnusedIgnore,
                ignore.comment,
                format!(
                    "this ignore comment is not understood: {why}; write `# talos-planner: ignore[rule-id] reason`"
                ),
            ));
            continue;
        }
        if ignore.scope == Scope::Nothing {
            out.push(
                Diagnostic::new(
                    Rule::UnusedIgnore,
                    ignore.comment,
                    "this ignore comment is for the next line, but no line follows it",
                )
                .with_fix(remove_comment()),
            );
            continue;
        }
        let all_unused = ignore
            .rules
            .iter()
            .zip(&used[i])
            .all(|(r, used)| !used && r.rule != Some(Rule::UnusedIgnore));
        for (r, was_used) in ignore.rules.iter().zip(&used[i]) {
            // A rule of the live Proxmox fires in `diff` and `apply` only: from the text
            // alone its ignore cannot be judged.
            let live = r.rule.is_some_and(Rule::is_live);
            if *was_used || r.rule == Some(Rule::UnusedIgnore) || live {
                continue;
            }
            let removal = if all_unused {
                remove_comment()
            } else {
                Fix::replace(
                    format!("Remove `{}` from the ignore", r.name),
                    r.removal,
                    "",
                )
            };
            let where_ = match ignore.scope {
                Scope::File => "in this file",
                _ => "on the line this comment is for",
            };
            let d = match r.rule {
                Some(Rule::SyntaxError) => Diagnostic::new(
                    Rule::UnusedIgnore,
                    r.span,
                    "`syntax-error` cannot be ignored: nothing else is checked until the file parses",
                )
                .with_fix(removal),
                Some(rule) => Diagnostic::new(
                    Rule::UnusedIgnore,
                    r.span,
                    format!(
                        "`{}` reports nothing {where_}, so this ignore is not needed",
                        rule.id()
                    ),
                )
                .with_fix(removal),
                None => {
                    let mut d = Diagnostic::new(
                        Rule::UnusedIgnore,
                        r.span,
                        format!("there is no rule `{}`, so this ignore does nothing", r.name),
                    );
                    // The rule meant, when it really fires where the comment points.
                    if let Some(meant) = closest_rule(&r.name).filter(|m| {
                        remaining.iter().any(|d| {
                            let mut here = false;
                            index.covering(d.span.start, |k| here |= k == i);
                            d.rule == *m && here
                        })
                    }) {
                        d.message = format!(
                            "there is no rule `{}`; did you mean `{}`?",
                            r.name,
                            meant.id()
                        );
                        d = d.with_fix(Fix::replace(
                            format!("Use `{}`", meant.id()),
                            r.span,
                            meant.id(),
                        ));
                    }
                    d.with_fix(removal)
                }
            };
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ignores::find;
    use crate::config::tree::{Node, ReadLimits};
    use crate::config::{yaml, Format};
    use crate::diagnostics::{apply_edits, Level};

    fn run(text: &str, diagnostics: Vec<Diagnostic>, levels: &RuleLevels) -> Vec<Diagnostic> {
        let (root, _) = yaml::read_document(text, ReadLimits::default());
        let roots: Vec<&Node> = root.iter().collect();
        let ignores = find(text, Format::Yaml, &roots);
        let mut diagnostics = diagnostics;
        apply(&ignores, levels, &mut diagnostics);
        diagnostics
    }

    fn at(text: &str, needle: &str, rule: Rule) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::new(rule, Span::new(start, start + needle.len()), "x")
    }

    #[test]
    fn ignores_silence_their_line_and_unused_ones_are_reported() {
        let text = "a:\n  # talos-planner: ignore[vip-conflict, duplicate-ip] reason\n  ha_vip: 1\n  b: 2\n";
        let found = run(
            text,
            vec![
                at(text, "1", Rule::VipConflict),
                at(text, "2", Rule::VipConflict),
            ],
            &RuleLevels::default(),
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].rule, Rule::VipConflict);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "2");
        assert_eq!(found[1].rule, Rule::UnusedIgnore);
        assert!(found[1].message.contains("`duplicate-ip` reports nothing"));
        let fixed = apply_edits(text, &found[1].fixes[0].edits).unwrap();
        assert!(fixed.contains("ignore[vip-conflict] reason"), "{fixed}");
    }

    #[test]
    fn an_ignore_that_matches_nothing_is_removed_whole() {
        let text = "# talos-planner: ignore-file[vip-ignored]\na: 1\n";
        let found = run(text, vec![], &RuleLevels::default());
        assert_eq!(found.len(), 1);
        assert_eq!(
            apply_edits(text, &found[0].fixes[0].edits).unwrap(),
            "a: 1\n"
        );
    }

    #[test]
    fn a_misspelt_id_is_corrected_when_the_rule_fires_there() {
        let text = "# talos-planner: ignore[vip-conflit]\nha_vip: 1\n";
        let found = run(
            text,
            vec![at(text, "1", Rule::VipConflict)],
            &RuleLevels::default(),
        );
        let unused = found.iter().find(|d| d.rule == Rule::UnusedIgnore).unwrap();
        assert!(unused.message.contains("did you mean `vip-conflict`"));
        assert_eq!(unused.fixes[0].title, "Use `vip-conflict`");
        let fixed = apply_edits(text, &unused.fixes[0].edits).unwrap();
        let again = run(
            &fixed,
            vec![at(&fixed, "1", Rule::VipConflict)],
            &RuleLevels::default(),
        );
        assert!(again.is_empty(), "{again:#?}");
    }

    #[test]
    fn levels_apply_after_ignores() {
        let text = "# talos-planner: ignore[vip-conflict]\nha_vip: 1\nb: 2\n";
        let mut levels = RuleLevels::default();
        levels.set("all", Level::Allow).unwrap();
        // The ignore is used even though the levels would drop the diagnostic anyway.
        let found = run(
            text,
            vec![
                at(text, "1", Rule::VipConflict),
                at(text, "2", Rule::DuplicateIp),
            ],
            &levels,
        );
        assert!(found.is_empty(), "{found:#?}");
        let mut levels = RuleLevels::default();
        levels.set("unused-ignore", Level::Deny).unwrap();
        let found = run(
            "# talos-planner: ignore[vip-conflict]\na: 1\n",
            vec![],
            &levels,
        );
        assert_eq!(found[0].severity, crate::Severity::Error);
    }

    #[test]
    fn syntax_errors_cannot_be_ignored() {
        let text = "# talos-planner: ignore-file[syntax-error]\na: 1\n";
        let found = run(
            text,
            vec![at(text, "a", Rule::SyntaxError)],
            &RuleLevels::default(),
        );
        assert!(found.iter().any(|d| d.rule == Rule::SyntaxError));
    }
}
