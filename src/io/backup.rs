//! A backup of a database of several plans (GUIDE §10): the plan the
//! command works on, written as `export` writes it (so that a backup of a
//! database of one plan is what it always was), and the database's other
//! plans, whole, under `other_plans`. `restore` puts every one back.

use serde::Serialize;

use super::json::{self, JsonError};
use crate::i18n::tr_string;
use crate::model::Dataset;

/// The key the other plans are under.
const OTHERS: &str = "other_plans";

#[derive(Serialize)]
struct Backup<'a> {
    #[serde(flatten)]
    plan: &'a Dataset,
    #[serde(skip_serializing_if = "<[Dataset]>::is_empty")]
    other_plans: &'a [Dataset],
}

/// `plan` and `others` as one JSON document.
pub fn to_string(plan: &Dataset, others: &[Dataset]) -> String {
    if others.is_empty() {
        return json::to_string(plan);
    }
    let backup = Backup {
        plan,
        other_plans: others,
    };
    let mut s = serde_json::to_string_pretty(&backup).unwrap_or_default();
    s.push('\n');
    s
}

/// The plan of a backup and its other plans (none in a plain plan file),
/// each checked as an import checks a file.
pub fn parse(text: &str) -> Result<(Dataset, Vec<Dataset>), JsonError> {
    // A plan file, the common case, read as it always was (and as fast).
    if !text.contains(&format!("\"{OTHERS}\"")) {
        return json::parse(text).map(|plan| (plan, Vec::new()));
    }
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json::located(String::new(), &e))?;
    let others = value.as_object_mut().and_then(|o| o.remove(OTHERS));
    let plan = json::parse(&value.to_string())?;
    drop(value);
    let others = match others {
        None => Vec::new(),
        Some(serde_json::Value::Array(items)) => (items.into_iter().enumerate())
            .map(|(i, item)| {
                json::parse(&item.to_string()).map_err(|e| JsonError {
                    path: format!("{OTHERS}[{i}].{}", e.path),
                    reason: e.reason,
                })
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(JsonError {
                path: OTHERS.into(),
                reason: tr_string("deve essere un elenco di piani", "must be a list of plans"),
            });
        }
    };
    Ok((plan, others))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_of_one_plan_is_the_plan_file_and_several_come_back_whole() {
        let plan = crate::io::shipped();
        assert_eq!(to_string(&plan, &[]), json::to_string(&plan));
        let mut next = plan.clone();
        next.plan.title = "DUP 2027-2029".into();
        let text = to_string(&plan, std::slice::from_ref(&next));
        assert_eq!(parse(&text).unwrap(), (plan.clone(), vec![next]));
        assert_eq!(parse(&json::to_string(&plan)).unwrap(), (plan, Vec::new()));
        let broken = text.replacen("\"DUP 2027-2029\"", "7", 1);
        let e = parse(&broken).unwrap_err();
        assert!(e.path.starts_with("other_plans[0].plan.title"), "{e}");
    }
}
