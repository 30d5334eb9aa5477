//! How records are laid out in the trees (see the module docs of `store`).

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::ServiceError;
use crate::model::{Mandate, Mission, Objective};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MandateRow {
    pub pos: u64,
    pub mandate: Mandate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MissionRow {
    pub pos: u64,
    pub mission: Mission,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectiveRow {
    pub pos: u64,
    /// Incremented by every write; a write made against an older version is retried.
    pub version: u64,
    /// The phases, in table order.
    pub phase_ids: Vec<u64>,
    /// The objective with `phases` empty: they live in the `phases` tree.
    pub objective: Objective,
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising these plain structs to a Vec cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ServiceError> {
    serde_json::from_slice(bytes).map_err(|e| ServiceError::Corrupt(e.to_string()))
}

pub fn phase_prefix(code: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(code.len() + 9);
    key.extend_from_slice(code.as_bytes());
    key.push(0);
    key
}

pub fn phase_key(code: &str, id: u64) -> Vec<u8> {
    let mut key = phase_prefix(code);
    key.extend_from_slice(&id.to_be_bytes());
    key
}

pub fn phase_id(key: &[u8]) -> Result<u64, ServiceError> {
    key.len()
        .checked_sub(8)
        .and_then(|start| <[u8; 8]>::try_from(&key[start..]).ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| ServiceError::Corrupt("phase key too short".into()))
}
