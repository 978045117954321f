//! STUB
use crate::{Report, Scenario};

/// A problem with one field of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// The field, as people name it: `write size`, `classes[1].bytes_in`.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Estimates a scenario, with interview-style rough figures.
pub fn estimate(scenario: &Scenario) -> Result<Report, Vec<InputError>> {
    estimate_exact(scenario)
}

/// Estimates a scenario without the rough figures.
pub fn estimate_exact(scenario: &Scenario) -> Result<Report, Vec<InputError>> {
    let _ = scenario;
    todo!()
}
