//! Files on a shared machine (GUIDE §7): who may read what this program
//! writes ([`access`]), how a file is replaced ([`write`]), and reading what a
//! user hands in with a bound ([`read`]).

pub mod access;
pub mod read;
pub mod write;

pub use access::Access;
pub use write::{write_atomically, write_with_access};
