//! Availability in nines (being written).
