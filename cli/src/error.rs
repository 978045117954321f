//! Failures and their exit statuses.

use std::io::Write;
use std::process::ExitCode;

use envelope_core::{text, InputError};

/// Exit status for bad input: a scenario out of range, an unreadable file,
/// bad JSON, an unknown preset or chart kind (clap uses 2 for usage errors too).
pub const EXIT_INPUT: u8 = 2;
/// Exit status when the input was fine but the output could not be written.
pub const EXIT_OUTPUT: u8 = 1;

/// A failure to report on stderr, one `error: ` line per problem.
///
/// Messages quote untrusted text (keys, values, names, serde's errors), so
/// each problem is kept on its line with control and text-direction
/// characters escaped ([`text::displayable`]): a key ending in
/// `\r\nerror: ...` cannot print a line of its own or drive the terminal.
#[derive(Debug)]
pub struct CliError {
    /// The problems, one per line, with no other line breaks or controls.
    pub message: String,
    /// The process exit status.
    pub code: u8,
}

impl CliError {
    /// Bad input (exit status 2): one problem.
    pub fn input(message: impl AsRef<str>) -> CliError {
        CliError {
            message: text::displayable(message.as_ref()).into_owned(),
            code: EXIT_INPUT,
        }
    }

    /// An output that could not be written (exit status 1).
    pub fn output(message: impl AsRef<str>) -> CliError {
        CliError {
            message: text::displayable(message.as_ref()).into_owned(),
            code: EXIT_OUTPUT,
        }
    }

    /// A scenario's field errors, one line each: `dau: Daily active users: ...`.
    pub fn fields(errors: &[InputError]) -> CliError {
        let lines: Vec<String> = errors.iter().map(field_line).collect();
        CliError {
            message: lines.join("\n"),
            code: EXIT_INPUT,
        }
    }
}

/// `field: message`, the way every field problem is reported, as text.
pub fn field_line(error: &InputError) -> String {
    text::displayable(&format!("{}: {}", error.field, error.message)).into_owned()
}

/// A usage error that quotes an argument holding control or text-direction
/// characters (`--format $'x\r\nerror: ...'`), as plain text with them
/// escaped; `None` for every other error, which clap prints as usual.
fn quoted_controls(e: &clap::Error) -> Option<String> {
    use clap::error::ContextValue;
    let quoted: Vec<&String> = e
        .context()
        .flat_map(|(_, value)| match value {
            ContextValue::String(s) => std::slice::from_ref(s),
            ContextValue::Strings(list) => list.as_slice(),
            _ => &[],
        })
        .filter(|s| s.chars().any(text::is_hidden_control))
        .collect();
    if quoted.is_empty() {
        return None;
    }
    let mut plain = e.render().to_string();
    for s in quoted {
        plain = plain.replace(s.as_str(), &text::displayable(s));
    }
    Some(plain)
}

/// Prints what clap stopped at (help and version on stdout, usage errors on
/// stderr) and gives its exit status; help or a version that cannot be
/// written (`envelope --help > /dev/full`) is an output error, as for any
/// other output.
pub fn clap_exit(e: &clap::Error) -> ExitCode {
    let printed = match quoted_controls(e) {
        Some(plain) => writeln!(std::io::stderr(), "{}", plain.trim_end()),
        None => e.print().and_then(|()| std::io::stdout().flush()),
    };
    match printed {
        Err(io) if !e.use_stderr() && io.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot write to standard output: {io}"
            );
            ExitCode::from(EXIT_OUTPUT)
        }
        _ => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_INPUT)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_name_the_field_then_the_problem() {
        let e = CliError::fields(&[
            InputError {
                field: "dau".into(),
                message: "Daily active users: bad".into(),
            },
            InputError {
                field: "replication".into(),
                message: "Replication factor: bad".into(),
            },
        ]);
        assert_eq!(e.code, EXIT_INPUT);
        assert_eq!(
            e.message,
            "dau: Daily active users: bad\nreplication: Replication factor: bad"
        );
    }

    #[test]
    fn each_problem_stays_on_its_line_as_text() {
        let e = CliError::input("unknown preset 'x\r\nerror: fake\u{1b}[2J'");
        assert_eq!(
            e.message,
            "unknown preset 'x\\u{d}\\u{a}error: fake\\u{1b}[2J'"
        );
        let e = CliError::fields(&[
            InputError {
                field: "x\nerror: y".into(),
                message: "bad \u{202e}value".into(),
            },
            InputError {
                field: "dau".into(),
                message: "Daily active users: bad".into(),
            },
        ]);
        assert_eq!(
            e.message,
            "x\\u{a}error: y: bad \\u{202e}value\ndau: Daily active users: bad"
        );
    }
}
