//! The SHA-256 of a plan's canonical JSON (`json::to_string`, what `export`
//! writes): what a cycle document prints of the snapshot it was built from
//! and `snapshot list` prints beside it (GUIDE §9), so a printout can be
//! matched to the data.

use sha2::{Digest, Sha256};

use crate::model::Dataset;

/// The hash as 64 lowercase hex digits.
pub fn sha256(dataset: &Dataset) -> String {
    let digest = Sha256::digest(super::json::to_string(dataset).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first 16 hex digits, for a listing.
pub fn short(hash: &str) -> &str {
    hash.get(..16).unwrap_or(hash)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hash_is_of_the_exported_json() {
        let plan = crate::io::shipped();
        let hash = super::sha256(&plan);
        assert_eq!(hash.len(), 64);
        assert_eq!(super::short(&hash), &hash[..16]);
        let mut other = plan.clone();
        other.objectives[0].manager.push('X');
        assert_ne!(super::sha256(&other), hash);
        // Known answer: the SHA-256 of the empty string.
        use super::Digest;
        let empty = super::Sha256::digest(b"");
        assert_eq!(
            empty.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
