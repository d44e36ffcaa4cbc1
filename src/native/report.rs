//! Diagnostics for people and machines: rustc-style text (codespan-reporting), the
//! `lint --format json` contract, SARIF 2.1.0 for code scanning, and GitHub Actions
//! workflow commands.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer, Config as TermConfig};
use serde_json::{json, Value};

use crate::diagnostics::{Diagnostic, LineIndex, PositionEncoding, Severity, Span};

/// One linted file.
pub struct LintedFile {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// A 1-based line and column (columns count characters).
fn line_col(index: &LineIndex<'_>, offset: usize) -> (u32, u32) {
    let p = index.position(offset, PositionEncoding::Utf32);
    (p.line + 1, p.character + 1)
}

fn range_json(index: &LineIndex<'_>, span: Span) -> Value {
    let (sl, sc) = line_col(index, span.start);
    let (el, ec) = line_col(index, span.end);
    json!({
        "start": { "line": sl, "column": sc },
        "end": { "line": el, "column": ec },
    })
}

/// Rustc-style text showing the source lines; colored when `color` is set.
pub fn human(files: &[LintedFile], color: bool) -> String {
    let mut db = SimpleFiles::new();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = TermConfig::default();
    for file in files {
        let id = db.add(printable(&file.path), printable(&file.text));
        for d in &file.diagnostics {
            let severity = match d.severity {
                Severity::Error => ReportSeverity::Error,
                Severity::Warning => ReportSeverity::Warning,
                Severity::Info => ReportSeverity::Note,
                Severity::Hint => ReportSeverity::Help,
            };
            let mut labels = vec![Label::primary(id, clamp(d.span, &file.text))];
            for r in &d.related {
                labels.push(
                    Label::secondary(id, clamp(r.span, &file.text))
                        .with_message(printable(&r.message)),
                );
            }
            let mut notes = Vec::new();
            for fix in &d.fixes {
                notes.push(format!("fix: {}", printable(&fix.title)));
            }
            notes.push(format!("see `talos-planner rules {}`", d.code()));
            let report = Report::new(severity)
                .with_code(d.code())
                .with_message(printable(&d.message))
                .with_labels(labels)
                .with_notes(notes);
            // Writing into an in-memory buffer cannot fail for valid ranges, which
            // `clamp` guarantees; a failure would only lose this one report.
            let _ = term::emit_to_write_style(&mut buffer, &config, &db, &report);
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// The text with terminal control characters (C0 but tab and line ends, DEL, C1) shown
/// as `?`: a config file or a key in it must not move the cursor, recolour or retitle
/// the user's terminal. Each replacement has the byte length of what it replaces, so
/// spans still point at the same places.
fn printable(text: &str) -> String {
    if !text.chars().any(is_terminal_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_terminal_control(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_terminal_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Keeps a span inside the text and on character boundaries (codespan insists).
fn clamp(span: Span, text: &str) -> std::ops::Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start);
    start..fix(span.end).max(start)
}

/// The `lint --format json` contract (1-based lines and columns).
pub fn json(files: &[LintedFile]) -> Value {
    let mut diagnostics = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let fixes: Vec<Value> = d
                .fixes
                .iter()
                .map(|f| {
                    json!({
                        "title": f.title,
                        "edits": f.edits.iter().map(|e| json!({
                            "range": range_json(&index, e.span),
                            "new_text": e.new_text,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            diagnostics.push(json!({
                "file": file.path,
                "code": d.code(),
                "severity": d.severity.as_str(),
                "message": d.message,
                "range": range_json(&index, d.span),
                "fixes": fixes,
            }));
        }
    }
    json!({ "diagnostics": diagnostics })
}

/// SARIF 2.1.0, with the rule catalogue as the tool's rules.
pub fn sarif(files: &[LintedFile]) -> Result<String, serde_json::Error> {
    use serde_sarif::sarif;

    let rules: Vec<sarif::ReportingDescriptor> = crate::rules::RULES
        .iter()
        .map(|r| {
            sarif::ReportingDescriptor::builder()
                .id(r.id)
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(r.summary)
                        .build(),
                )
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(r.why)
                        .build(),
                )
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(json!(sarif_level(r.severity)))
                        .build(),
                )
                .build()
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let start = index.position(d.span.start, PositionEncoding::Utf16);
            let end = index.position(d.span.end, PositionEncoding::Utf16);
            let region = sarif::Region::builder()
                .start_line(i64::from(start.line) + 1)
                .start_column(i64::from(start.character) + 1)
                .end_line(i64::from(end.line) + 1)
                .end_column(i64::from(end.character) + 1)
                .build();
            let location = sarif::Location::builder()
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(
                            sarif::ArtifactLocation::builder()
                                .uri(file.path.clone())
                                .build(),
                        )
                        .region(region)
                        .build(),
                )
                .build();
            results.push(
                sarif::Result::builder()
                    .rule_id(d.code())
                    .level(match d.severity {
                        Severity::Error => sarif::ResultLevel::Error,
                        Severity::Warning => sarif::ResultLevel::Warning,
                        Severity::Info | Severity::Hint => sarif::ResultLevel::Note,
                    })
                    .message(sarif::Message::builder().text(d.message.clone()).build())
                    .locations(vec![location])
                    .build(),
            );
        }
    }
    let driver = sarif::ToolComponent::builder()
        .name("talos-planner")
        .version(crate::version())
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .column_kind(json!("utf16CodeUnits"))
        .results(results)
        .build();
    let log = sarif::Sarif::builder()
        .version(json!("2.1.0"))
        .schema(sarif::SCHEMA_URL)
        .runs(vec![run])
        .build();
    serde_json::to_string_pretty(&log)
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// GitHub Actions workflow commands (`::error file=...::message`) for errors and
/// warnings. Notes stay visible but apart from problems: a plain log line each, not an
/// annotation (GitHub shows annotations on the pull request and caps them per step).
pub fn github(files: &[LintedFile]) -> String {
    let mut out = String::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let (sl, sc) = line_col(&index, d.span.start);
            let (el, ec) = line_col(&index, d.span.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => {
                    // Starts with `note`, so a path cannot make it a workflow command.
                    out.push_str(&format!(
                        "note: {}:{sl}:{sc}: [{}] {}\n",
                        one_line(&file.path),
                        d.code(),
                        one_line(&d.message)
                    ));
                    continue;
                }
            };
            out.push_str(&format!(
                "::{level} file={},line={sl},col={sc},endLine={el},endColumn={ec},title={}::{}\n",
                escape_property(&file.path),
                escape_property(d.code()),
                escape_data(&d.message)
            ));
        }
    }
    out
}

/// Text on one log line: line breaks become spaces.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
