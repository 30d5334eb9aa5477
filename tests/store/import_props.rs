//! Chunked imports by two users on three connections, in random order, with
//! chunks refused, tokens presented by the wrong connection, imports begun
//! over others, abandoned and committed (issue 24, items 1 and 2): the plan
//! after each step is the one before, or exactly an import its owner
//! committed. No objective is lost or mixed.

use proptest::prelude::*;

use obiettivi::model::{Dataset, Objective};
use obiettivi::service::ServiceError;
use obiettivi::store::{ImportOwner, Store, WriteMode};

/// Anna on connections 0 and 1, Bruno on connection 2.
fn owner(who: usize) -> ImportOwner {
    ImportOwner {
        user: if who < 2 { "anna" } else { "bruno" }.into(),
        connection: who as u64,
    }
}

#[derive(Debug, Clone)]
enum Step {
    Begin(usize),
    /// The objectives at these places of the plan (some twice: refused) and,
    /// when `stray`, one that names no mission (refused).
    Chunk {
        who: usize,
        token_of: usize,
        places: Vec<usize>,
        new: bool,
        stray: bool,
    },
    Commit {
        who: usize,
        token_of: usize,
    },
    Abandon(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0usize..3;
    prop_oneof![
        2 => who.clone().prop_map(Step::Begin),
        4 => (who.clone(), who.clone(), prop::collection::vec(0usize..8, 0..3), any::<bool>(), prop::bool::weighted(0.2))
            .prop_map(|(who, other, places, new, stray)| Step::Chunk {
                who,
                // Mostly its own token, sometimes another's.
                token_of: if other == 2 { (who + 1) % 3 } else { who },
                places,
                new,
                stray,
            }),
        2 => (who.clone(), who.clone()).prop_map(|(who, other)| Step::Commit {
            who,
            token_of: if other == 2 { (who + 1) % 3 } else { who },
        }),
        1 => who.prop_map(Step::Abandon),
    ]
}

/// What the store should do: the import open, with what it staged.
struct Open {
    who: usize,
    token: String,
    staged: Vec<Objective>,
}

struct Model {
    plan: Dataset,
    open: Option<Open>,
    /// Tokens that ended unfinished: whose, and what their owner hears.
    ended: Vec<(String, usize, ServiceError)>,
    /// The last token each connection was given.
    tokens: [Option<String>; 3],
    imports: usize,
}

impl Model {
    /// What presenting `token` from `who` should get, the open import aside.
    fn closed(&self, token: &str, who: usize) -> ServiceError {
        self.ended
            .iter()
            .rev()
            .find(|(t, w, _)| t == token && owner(*w) == owner(who))
            .map_or(ServiceError::NoImport, |(_, _, e)| e.clone())
    }

    fn is_open(&self, token: &str, who: usize) -> bool {
        self.open
            .as_ref()
            .is_some_and(|o| o.token == token && owner(o.who) == owner(who))
    }
}

fn head(plan: &Dataset) -> Dataset {
    Dataset {
        objectives: Vec::new(),
        ..plan.clone()
    }
}

/// The plan after an import of `staged`: changed objectives in place, new ones at the end.
fn upserted(plan: &Dataset, staged: &[Objective]) -> Dataset {
    let mut after = plan.clone();
    for o in staged {
        match after.objectives.iter_mut().find(|p| p.code == o.code) {
            Some(p) => *p = o.clone(),
            None => after.objectives.push(o.clone()),
        }
    }
    after
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), obiettivi::io::shipped).unwrap();
    let mut model = Model {
        plan: store.load().unwrap(),
        open: None,
        ended: Vec::new(),
        tokens: [None, None, None],
        imports: 0,
    };
    for step in steps {
        match step {
            Step::Begin(who) => {
                let token = store
                    .begin_import(&head(&model.plan), WriteMode::Upsert, &owner(*who))
                    .unwrap();
                if let Some(old) = model.open.take() {
                    let by = ServiceError::ImportReplaced(owner(*who).user);
                    model.ended.push((old.token, old.who, by));
                }
                model.tokens[*who] = Some(token.clone());
                model.imports += 1;
                model.open = Some(Open {
                    who: *who,
                    token,
                    staged: Vec::new(),
                });
            }
            Step::Chunk {
                who,
                token_of,
                places,
                new,
                stray,
            } => {
                let Some(token) = model.tokens[*token_of].clone() else {
                    continue;
                };
                let mut chunk: Vec<Objective> = places
                    .iter()
                    .map(|&i| {
                        let mut o = model.plan.objectives[i % model.plan.objectives.len()].clone();
                        o.operational_objective = format!("importazione {}", model.imports);
                        o
                    })
                    .collect();
                let mut fresh = model.plan.objectives[0].clone();
                fresh.code = format!("99_0000_{:04}", model.imports);
                if *new {
                    chunk.push(fresh.clone());
                }
                if *stray {
                    let mut stray = fresh;
                    stray.code = "99_0000_9999".into();
                    stray.mission = "NESSUNA".into();
                    chunk.push(stray);
                }
                let got = store.stage(&token, &owner(*who), &chunk);
                if model.is_open(&token, *who) {
                    let open = model.open.as_mut().unwrap();
                    let mut codes: Vec<&str> =
                        open.staged.iter().map(|o| o.code.as_str()).collect();
                    codes.extend(chunk.iter().map(|o| o.code.as_str()));
                    let before = codes.len();
                    codes.sort_unstable();
                    codes.dedup();
                    let valid = !stray && codes.len() == before;
                    prop_assert_eq!(got.is_ok(), valid, "{:?}", got);
                    if valid {
                        open.staged.extend(chunk);
                    } else {
                        prop_assert!(matches!(got, Err(ServiceError::Invalid(_))), "{:?}", got);
                        let open = model.open.take().unwrap();
                        model
                            .ended
                            .push((open.token, open.who, ServiceError::ImportRefused));
                    }
                } else {
                    prop_assert_eq!(got.err(), Some(model.closed(&token, *who)));
                }
            }
            Step::Commit { who, token_of } => {
                let Some(token) = model.tokens[*token_of].clone() else {
                    continue;
                };
                let got = store.commit_import(&token, &owner(*who), &owner(*who).user);
                if model.is_open(&token, *who) {
                    prop_assert!(got.is_ok(), "{:?}", got);
                    let open = model.open.take().unwrap();
                    model.plan = upserted(&model.plan, &open.staged);
                } else {
                    prop_assert_eq!(got.err(), Some(model.closed(&token, *who)));
                }
            }
            Step::Abandon(who) => {
                store.abandon_import(&owner(*who)).unwrap();
                if model.open.as_ref().is_some_and(|o| o.who == *who) {
                    model.open = None;
                }
            }
        }
        prop_assert_eq!(
            store.load().unwrap(),
            model.plan.clone(),
            "after {:?}",
            step
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_of_chunked_imports_loses_or_mixes_an_objective(
        steps in prop::collection::vec(step(), 1..16)
    ) {
        run(&steps)?;
    }
}
