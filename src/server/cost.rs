//! What decoding a request line may cost, worked out before decoding it
//! (GUIDE §7: no small line may cost the server a hundred times its size).
//!
//! `"phases":[{},{},…]` is 3 bytes a phase on the line and a whole `Phase`
//! (and more, for the vector's slack) once decoded. The estimate reads the
//! line once, without allocating, and counts what decoding can build: each
//! object as the largest structure a request holds, each element or field
//! as a buffered value, each byte of text once. It is an upper bound, so a
//! line whose estimate fits its budget cannot cost more than that.

use std::mem::size_of;

use crate::api::Edit;
use crate::model::indicators::Indicator;
use crate::model::{Change, Dataset, Mission, Objective, Phase, Plan, Structure};

/// A line may cost this many times its length to decode, and `COST_FREE`
/// besides: real requests cost 3 to 10 times their length (see the tests),
/// `"phases":[{},…]` over two hundred.
pub const COST_PER_BYTE: usize = 16;
const COST_FREE: usize = 1024 * 1024;

/// What decoding any request may cost without drawing on the budget shared
/// by lines in flight: a poll or an edit is never refused because others
/// are sending large lines (like the first 64 KiB of each line).
pub const FREE_COST: usize = 512 * 1024;

/// The most that decoding a line of `len` bytes may cost.
pub fn limit(len: usize) -> usize {
    len.saturating_mul(COST_PER_BYTE) + COST_FREE
}

/// The largest structure a JSON object of a request can become.
const OBJECT: usize = largest(&[
    size_of::<Objective>(),
    size_of::<Phase>(),
    size_of::<Indicator>(),
    size_of::<Structure>(),
    size_of::<Mission>(),
    size_of::<Plan>(),
    size_of::<Dataset>(),
    size_of::<Change>(),
    size_of::<Edit>(),
]);

/// A value buffered while decoding (an internally tagged enum's fields, an
/// element of a vector with its slack): two of serde's `Content` and a key.
const VALUE: usize = 64;

const fn largest(sizes: &[usize]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < sizes.len() {
        if sizes[i] > max {
            max = sizes[i];
        }
        i += 1;
    }
    max
}

/// The most that decoding `line` can allocate, in bytes.
pub fn decoded_cost(line: &[u8]) -> usize {
    let (mut objects, mut values) = (0usize, 0usize);
    let mut in_string = false;
    let mut escaped = false;
    for &b in line {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => objects += 1,
            b'[' | b',' | b':' => values += 1,
            _ => {}
        }
    }
    // An object's structure, and as much again for the slack of the vector it is in.
    line.len() + objects * 2 * OBJECT + values * VALUE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_objects_cost_what_they_decode_to_not_their_bytes() {
        let bomb = format!("{{\"phases\":[{}{{}}]}}", "{},".repeat(1000));
        assert!(decoded_cost(bomb.as_bytes()) > 1000 * size_of::<Phase>());
        // Braces inside text are text.
        let text = format!("{{\"name\":\"{}\"}}", "{},".repeat(1000));
        assert!(decoded_cost(text.as_bytes()) < text.len() + 4 * OBJECT);
    }

    /// Chunks of an import as the CLI sends them, of plans with long texts
    /// or none, and a whole small plan: each well within the limit.
    #[test]
    fn real_requests_cost_well_under_the_limit() {
        use crate::dev::synthetic::{Spec, generate};
        use crate::service::Request;
        let mut lines = Vec::new();
        for phases in [3, 30] {
            let mut plan = generate(&Spec {
                objectives: 200,
                phases,
                seed: 1,
            });
            lines.push(Request::ImportObjectives {
                token: "t".into(),
                objectives: plan.objectives.clone(),
            });
            for o in &mut plan.objectives {
                o.narratives = Default::default();
                o.phases.iter_mut().for_each(|p| p.name = "x".into());
            }
            lines.push(Request::ImportObjectives {
                token: "t".into(),
                objectives: plan.objectives,
            });
        }
        lines.push(Request::Import {
            dataset: crate::io::shipped(),
        });
        for request in lines {
            let line = serde_json::to_string(&request).unwrap();
            let cost = decoded_cost(line.as_bytes());
            assert!(
                cost < line.len() * COST_PER_BYTE * 3 / 4,
                "{cost} for {}",
                line.len()
            );
        }
    }

    #[test]
    fn an_escaped_quote_does_not_end_a_string() {
        let line = br#"{"name":"a\"{{{{"}"#;
        assert_eq!(decoded_cost(line), line.len() + 2 * OBJECT + VALUE);
    }
}
