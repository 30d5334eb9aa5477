//! A short digest of an objective's content, so a review mark can tell later
//! whether the objective is still what the meeting saw, with no history to read.
//! Empty values (null, "", []) are left out of the digest: a field added to
//! the schema later, empty everywhere, leaves every digest as it was.

use serde_json::Value;

use super::types::Objective;

/// FNV-1a over the objective's JSON, keys sorted, empty values left out.
pub fn fingerprint(o: &Objective) -> u64 {
    let value = serde_json::to_value(o).unwrap_or(Value::Null);
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    feed(&value, &mut hash);
    hash.0
}

struct Fnv(u64);

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn feed(v: &Value, h: &mut Fnv) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().filter(|k| !is_empty(&map[*k])).collect();
            keys.sort();
            h.write(b"{");
            for k in keys {
                h.write(k.as_bytes());
                h.write(b":");
                feed(&map[k], h);
                h.write(b",");
            }
            h.write(b"}");
        }
        Value::Array(items) => {
            h.write(b"[");
            for item in items {
                feed(item, h);
                h.write(b",");
            }
            h.write(b"]");
        }
        other => h.write(other.to_string().as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;

    #[test]
    fn any_change_shows_and_nothing_else_does() {
        let mut o = Objective::new("O", "S");
        o.phases.push(Phase::default());
        let before = fingerprint(&o);
        assert_eq!(fingerprint(&o.clone()), before);
        o.phases[0].progress = Some(40.0);
        let after = fingerprint(&o);
        assert_ne!(after, before);
        o.phases[0].progress = None;
        assert_eq!(fingerprint(&o), before, "back as it was: the same");
        o.narratives.year1 = "x".into();
        assert_ne!(fingerprint(&o), before);
    }
}
