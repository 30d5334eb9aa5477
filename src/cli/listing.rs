//! A long list of refusals said in a bounded message: the first ones, and
//! how many more (a batch, a sheet, the cells kept or in conflict).

use crate::tr_format;

/// The most refusals listed; the count says how many more there are.
const MAX_LISTED: usize = 30;

/// `head`, then each refusal on a line of its own, the first `MAX_LISTED` of them.
pub fn listed(head: &str, refusals: impl ExactSizeIterator<Item = String>) -> String {
    let count = refusals.len();
    let mut out = head.to_string();
    for r in refusals.take(MAX_LISTED) {
        out.push_str(&format!("\n  {r}"));
    }
    if count > MAX_LISTED {
        out.push_str(&tr_format!(
            "\n  … e altre {}",
            "\n  … and {}",
            count - MAX_LISTED
        ));
    }
    out
}
