//! Shared word lists.
