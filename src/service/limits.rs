//! The service's own limits (GUIDE §7); the plan's sizes are in `model::limits`.

pub use crate::model::limits::*;

/// Entries in one page of history.
pub const HISTORY_PAGE: usize = 500;
/// Bytes of entries in one page of history (at least one entry is always
/// sent): with narratives of up to 100 000 characters in old → new, a page
/// of many such entries must still fit well within a request line.
pub const HISTORY_PAGE_BYTES: usize = 2 * 1024 * 1024;
