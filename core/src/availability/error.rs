//! The error every availability calculation returns for invalid input.

/// Why an availability figure or system tree is invalid.
///
/// `path` names the offending field the way the serialized tree spells it
/// (`system[2].component.k`), so the UI can point at the input to fix;
/// `message` says what is wrong in words.
///
/// ```
/// use envelope_core::availability::AvailabilityError;
/// let e = AvailabilityError::new("system[1].k", "k must be between 1 and n (3), got 4");
/// assert_eq!(e.to_string(), "system[1].k: k must be between 1 and n (3), got 4");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AvailabilityError {
    /// Where the problem is, e.g. `system[0].availability`. May be empty.
    pub path: String,
    /// What is wrong, e.g. `availability must be above 0% and at most 100%`.
    pub message: String,
}

impl AvailabilityError {
    /// An error at `path` saying `message`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        AvailabilityError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for AvailabilityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for AvailabilityError {}
