//! Files this program writes on a shared machine (GUIDE §7): who may read
//! them ([`access`]) and how they are replaced ([`write`]).

pub mod access;
pub mod write;

pub use access::Access;
pub use write::{write_atomically, write_with_access};
