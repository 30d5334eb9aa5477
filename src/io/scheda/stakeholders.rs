//! Stakeholder groups. The extract prints them one per line, or run together
//! on the label's line (`Stakeholder ALTRI SOGGETTI DELLA PUBBLICA
//! AMMINISTRAZIONE PERSONE FRAGILI …`), where nothing marks where a group ends.
//!
//! A run is split only where the same file gives evidence:
//! 1. groups printed on a line of their own anywhere in the file;
//! 2. paired forms, a word and its other gender (`ANZIANI E ANZIANE`,
//!    `DISOCCUPATI/E E INOCCUPATI/E`), which are always a group by themselves;
//! 3. what is left between such groups (or a line's end) in another run, which
//!    is then a group too: repeated until nothing changes.
//!
//! A group never starts or ends with a joining word (`E`, `DI`, `DELL'` …), so
//! `ASSOCIAZIONI` does not cut `ASSOCIAZIONI DI VOLONTARIATO`. What no evidence
//! splits stays one item, as printed.

/// A line of the stakeholder list as printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// On a line of its own: one group.
    Group(String),
    /// Run together on one line: one or more groups.
    Run(String),
}

type Words = Vec<String>;

/// Every objective's stakeholders, runs split into groups.
pub fn resolve(lists: &[Vec<Entry>]) -> Vec<Vec<String>> {
    let mut known: Vec<Words> = Vec::new();
    let mut runs: Vec<Words> = Vec::new();
    for entry in lists.iter().flatten() {
        match entry {
            Entry::Group(g) => {
                let w = words(g);
                if !w.is_empty() && !known.contains(&w) {
                    known.push(w);
                }
            }
            Entry::Run(r) => runs.push(words(r)),
        }
    }
    known.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let pieces = split_runs(&runs, &known);
    let mut pieces = pieces.into_iter();
    lists
        .iter()
        .map(|list| {
            let mut out = Vec::new();
            for entry in list {
                match entry {
                    Entry::Group(g) => out.push(g.trim().to_string()),
                    Entry::Run(_) => out.extend(
                        pieces
                            .next()
                            .unwrap_or_default()
                            .iter()
                            .map(|w| w.join(" ")),
                    ),
                }
            }
            out
        })
        .collect()
}

fn words(text: &str) -> Words {
    text.split_whitespace().map(str::to_string).collect()
}

/// Rule 3: learn what other runs leave between anchors until it settles.
fn split_runs(runs: &[Words], known: &[Words]) -> Vec<Vec<Words>> {
    let mut learned: Vec<Vec<Words>> = vec![Vec::new(); runs.len()];
    let mut pieces: Vec<Vec<Words>> = Vec::new();
    // Each round can only pass evidence one run further; bounded for safety.
    for _ in 0..runs.len() + 2 {
        let segmented: Vec<Vec<(Words, bool)>> = runs
            .iter()
            .enumerate()
            .map(|(i, run)| {
                let mut from_others: Vec<&Words> = learned
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .flat_map(|(_, l)| l)
                    .collect();
                // The finest evidence first.
                from_others.sort_by_key(|w| w.len());
                segment(run, known, &from_others)
            })
            .collect();
        let next: Vec<Vec<Words>> = segmented
            .iter()
            .map(|segs| {
                if segs.iter().any(|(_, anchored)| *anchored) {
                    segs.iter()
                        .filter(|(_, a)| !a)
                        .map(|(w, _)| w.clone())
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        pieces = segmented
            .into_iter()
            .map(|segs| segs.into_iter().map(|(w, _)| w).collect())
            .collect();
        if next == learned {
            break;
        }
        learned = next;
    }
    pieces
}

/// The run cut into pieces: anchored groups (`true`) and what lies between them.
fn segment(run: &Words, known: &[Words], learned: &[&Words]) -> Vec<(Words, bool)> {
    let n = run.len();
    let mut taken = vec![false; n];
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut place = |start: usize, len: usize, taken: &mut Vec<bool>| {
        let end = start + len;
        if len > 0
            && end <= n
            && taken[start..end].iter().all(|t| !t)
            && (start == 0 || !ends_badly(&run[start - 1]))
            && (end == n || !starts_badly(&run[end]))
        {
            taken[start..end].iter_mut().for_each(|t| *t = true);
            groups.push((start, end));
        }
    };
    // Known groups first, then paired forms, then what other runs taught.
    let pairs = (0..n.saturating_sub(2))
        .filter(|&i| is_gender_pair(&run[i], &run[i + 1], &run[i + 2]))
        .map(|i| (i, 3));
    let known_at = known.iter().flat_map(|g| places(run, g));
    let learned_at = learned.iter().flat_map(|g| places(run, g));
    for (start, len) in known_at.chain(pairs).chain(learned_at) {
        place(start, len, &mut taken);
    }
    groups.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in groups {
        if at < start {
            out.push((run[at..start].to_vec(), false));
        }
        out.push((run[start..end].to_vec(), true));
        at = end;
    }
    if at < n {
        out.push((run[at..].to_vec(), false));
    }
    out
}

/// Every place `group` stands in `run`, as (start, length).
fn places<'a>(run: &'a [String], group: &'a [String]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let starts = (0..run.len()).filter(move |&start| run[start..].starts_with(group));
    starts.map(move |start| (start, group.len()))
}

const JOINING_WORDS: &[&str] = &[
    "E", "ED", "O", "OD", "DI", "DA", "IN", "CON", "SU", "PER", "TRA", "FRA", "A", "AD", "AL",
    "ALLO", "ALLA", "ALLE", "AI", "AGLI", "DAL", "DALLA", "DALLE", "DAI", "DAGLI", "DEL", "DELLO",
    "DELLA", "DELLE", "DEI", "DEGLI", "NEL", "NELLA", "NELLE", "NEI", "SUL", "SULLA", "IL", "LO",
    "LA", "I", "GLI", "LE", "UN", "UNO", "UNA",
];

const ELISIONS: &[&str] = &[
    "L'", "DELL'", "DALL'", "ALL'", "NELL'", "SULL'", "D'", "UN'",
];

fn is_joining(word: &str) -> bool {
    let w = word.to_uppercase().replace('’', "'");
    JOINING_WORDS.contains(&w.as_str()) || ELISIONS.contains(&w.as_str())
}

fn ends_badly(word: &str) -> bool {
    is_joining(word)
}

fn starts_badly(word: &str) -> bool {
    let w = word.to_uppercase().replace('’', "'");
    is_joining(word) || ELISIONS.iter().any(|e| w.starts_with(e))
}

/// `ANZIANI E ANZIANE`, `EDUCATORI ED EDUCATRICI`, `DISOCCUPATI/E E INOCCUPATI/E`.
fn is_gender_pair(a: &str, and: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    matches!(and.to_uppercase().as_str(), "E" | "ED") && a != b && (prefix >= 4 || suffix >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(s: &str) -> Entry {
        Entry::Group(s.into())
    }

    fn run(s: &str) -> Entry {
        Entry::Run(s.into())
    }

    #[test]
    fn runs_are_split_by_known_groups_pairs_and_what_other_runs_leave() {
        let lists = vec![
            vec![
                group("ALTRI SOGGETTI DELLA PUBBLICA AMMINISTRAZIONE"),
                group("ASSOCIAZIONI"),
            ],
            vec![
                group("TERZO/QUARTO SETTORE"),
                group("PERSONE E FAMIGLIE IN DIFFICOLTA'"),
            ],
            vec![run(
                "ALTRI SOGGETTI DELLA PUBBLICA AMMINISTRAZIONE PERSONE FRAGILI ISTITUZIONI SANITARIE \
                 ANZIANI E ANZIANE ASSOCIAZIONI DI VOLONTARIATO TERZO/QUARTO SETTORE",
            )],
            vec![run(
                "PERSONE FRAGILI PERSONE E FAMIGLIE IN DIFFICOLTA' DISOCCUPATI/E E INOCCUPATI/E NUCLEI FAMILIARI BENEFICIARI",
            )],
            vec![run(
                "ALTRI SOGGETTI DELLA PUBBLICA AMMINISTRAZIONE ISTITUZIONI SANITARIE COMUNI DELL'AMBITO",
            )],
        ];
        let out = resolve(&lists);
        assert_eq!(
            out[2],
            [
                "ALTRI SOGGETTI DELLA PUBBLICA AMMINISTRAZIONE",
                "PERSONE FRAGILI",
                "ISTITUZIONI SANITARIE",
                "ANZIANI E ANZIANE",
                "ASSOCIAZIONI DI VOLONTARIATO",
                "TERZO/QUARTO SETTORE"
            ]
        );
        assert_eq!(
            out[3],
            [
                "PERSONE FRAGILI",
                "PERSONE E FAMIGLIE IN DIFFICOLTA'",
                "DISOCCUPATI/E E INOCCUPATI/E",
                "NUCLEI FAMILIARI BENEFICIARI"
            ]
        );
        assert_eq!(
            out[4],
            [
                "ALTRI SOGGETTI DELLA PUBBLICA AMMINISTRAZIONE",
                "ISTITUZIONI SANITARIE",
                "COMUNI DELL'AMBITO"
            ]
        );
    }

    #[test]
    fn without_evidence_a_run_stays_one_item() {
        let out = resolve(&[vec![run("CITTADINI COMMERCIANTI")], vec![group("SCUOLE")]]);
        assert_eq!(
            out,
            [
                vec!["CITTADINI COMMERCIANTI".to_string()],
                vec!["SCUOLE".to_string()]
            ]
        );
    }
}
