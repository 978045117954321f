//! Failures and their exit statuses.

use envelope_core::InputError;

/// Exit status for bad input: a scenario out of range, an unreadable file,
/// bad JSON, an unknown preset or chart kind (clap uses 2 for usage errors too).
pub const EXIT_INPUT: u8 = 2;
/// Exit status when the input was fine but the output could not be written.
pub const EXIT_OUTPUT: u8 = 1;

/// A failure to report on stderr, one `error: ` line per problem.
#[derive(Debug)]
pub struct CliError {
    /// The problems, one per line.
    pub message: String,
    /// The process exit status.
    pub code: u8,
}

impl CliError {
    /// Bad input (exit status 2).
    pub fn input(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            code: EXIT_INPUT,
        }
    }

    /// An output that could not be written (exit status 1).
    pub fn output(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            code: EXIT_OUTPUT,
        }
    }

    /// A scenario's field errors, one line each: `dau: Daily active users: ...`.
    pub fn fields(errors: &[InputError]) -> CliError {
        let lines: Vec<String> = errors.iter().map(field_line).collect();
        CliError::input(lines.join("\n"))
    }
}

/// `field: message`, the way every field problem is reported.
pub fn field_line(error: &InputError) -> String {
    format!("{}: {}", error.field, error.message)
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
}
