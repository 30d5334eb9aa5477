//! One file per pane: each draws its part of the state.

pub mod details;
pub mod indicators;
pub mod narratives;
pub mod overview;
pub mod phases;
pub mod rows;
pub mod tree;
