//! Charts (stub)
