//! The shipped dataset `data/dup_2026_2028.json` must say what the seed
//! `data/scheda_obiettivi_dup_2026_2028.txt` (a PDF-to-text extract of the
//! Scheda Obiettivi) says, field by field. The interpretations that the
//! dataset makes are documented in `data/SEED_NOTES.md`; each one is checked
//! here as an explicit exception, so any other drift fails.

use crate::common;

use chrono::NaiveDate;
use common::{SEED_TEXT as SEED, SHIPPED_JSON as JSON, shipped_json};
use serde_json::Value;

/// Dates as the JSON schema writes them and as the seed prints them.
const ISO: &str = "%Y-%m-%d";
const SEED_DATE: &str = "%d/%m/%Y";

/// Size and FNV-1a 64 hash of the seed as shipped (sha256 d2384b0e…df2f).
const SEED_LEN: usize = 39_848;
const SEED_FNV1A64: u64 = 0xfad5_05ce_72aa_3be1;

const CODES: [&str; 8] = [
    "05_1201_0102",
    "05_1201_0201",
    "05_1201_0301",
    "05_1201_0401",
    "05_1201_0501",
    "05_1201_0601",
    "05_1201_0701",
    "06_1201_0801",
];
const MISSION_05: &str = "2024_28_DUP_05_1201";
const MISSION_06: &str = "2024_28_DUP_06_1202";
const PHASES_PER_OBJECTIVE: [usize; 8] = [0, 2, 1, 1, 1, 4, 1, 4];

/// Missione 12 programmes (D.Lgs. 118/2011), used to restore the structure
/// names that the seed truncates; indexed by the objective's programme number.
const MISSIONE_12: [&str; 8] = [
    "Interventi per l'infanzia e i minori e per asili nido",
    "Interventi per la disabilità",
    "Interventi per gli anziani",
    "Interventi per i soggetti a rischio di esclusione sociale",
    "Interventi per le famiglie",
    "Interventi per il diritto alla casa",
    "Programmazione e governo della rete dei servizi sociosanitari e sociali",
    "Cooperazione e associazionismo",
];

/// The structure description as the seed prints it (truncated by the PDF table).
const SEED_STRUCTURE_PREFIX: [&str; 8] = [
    "Interventi per l'infanzia e i",
    "Interventi per la disabilità",
    "Interventi per gli anziani",
    "Interventi per soggetti a risc",
    "Interventi per le famiglie",
    "Interventi per il diritto alla",
    "Programmazione e governo della",
    "Cooperazione e associazionismo",
];

/// Strings that only page headers contain; no narrative may contain them.
const HEADER_FRAGMENTS: [&str; 4] = [
    "OBIETTIVO DI PROGRAMMA",
    "Centro di Responsabilità",
    "SCHEDA OBIETTIVI",
    "Responsabile VISENTIN",
];

/// Markers of a seed line that belongs to a repeated page header.
const HEADER_MARKERS: [&str; 9] = [
    "OBIETTIVO DI",
    "PROGRAMMA",
    "Assessorato",
    "Centro di Responsabilità",
    "Responsabile",
    "SCHEDA OBIETTIVI",
    "VISENTIN",
    "abitative - Integrazione - Famiglia",
    "SETTORE WELFARE E POLITICHE ABITATIVE",
];

// ------------------------------------------------------------------ helpers

/// Collapse runs of whitespace to one space and drop the `**` bold markers.
fn norm(s: &str) -> String {
    s.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Seed lines (0-based), trailing spaces and tabs stripped.
fn seed_lines() -> Vec<&'static str> {
    SEED.split('\n')
        .map(|l| l.trim_end_matches([' ', '\t']))
        .collect()
}

/// Seed lines as they are (table rows keep their tab-separated cells).
fn raw_lines() -> Vec<&'static str> {
    SEED.split('\n').collect()
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {v}"))
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is not an array in {v}"))
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    list(v, key)
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn objectives(d: &Value) -> &[Value] {
    list(d, "objectives")
}

fn objective<'a>(d: &'a Value, code: &str) -> &'a Value {
    objectives(d)
        .iter()
        .find(|o| text(o, "code") == code)
        .unwrap_or_else(|| panic!("objective {code} missing"))
}

fn first_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn last_chars(s: &str, n: usize) -> String {
    let v: Vec<char> = s.chars().collect();
    v[v.len().saturating_sub(n)..].iter().collect()
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `YYYY-MM-DD` with a real calendar day, written exactly so (zero-padded).
fn is_iso_date(s: &str) -> bool {
    NaiveDate::parse_from_str(s, ISO).is_ok_and(|d| d.format(ISO).to_string() == s)
}

/// `dd/mm/yyyy` (seed) to `yyyy-mm-dd`, for a real calendar day written exactly so.
fn dmy_to_iso(s: &str) -> Option<String> {
    NaiveDate::parse_from_str(s, SEED_DATE)
        .ok()
        .filter(|d| d.format(SEED_DATE).to_string() == s)
        .map(|d| d.format(ISO).to_string())
}

fn is_header_line(line: &str, operational_objective: &str) -> bool {
    line.contains('\t')
        || HEADER_MARKERS.iter().any(|m| line.contains(m))
        || operational_objective.ends_with(line)
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', ':', ';', '!', '?', '"', '\'', ')', '»', '”'])
}

/// Seed line indices (0-based) of the "1° ANNO" heading of each objective,
/// in seed order; objective `i` owns the seed lines from its heading to the
/// next objective's heading (or the end of the file).
fn regions(lines: &[&str]) -> Vec<(usize, usize)> {
    let heads: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i] == "1° ANNO")
        .collect();
    assert_eq!(heads.len(), 8, "the seed has eight '1° ANNO' headings");
    (0..heads.len())
        .map(|i| (heads[i], heads.get(i + 1).copied().unwrap_or(lines.len())))
        .collect()
}

/// Object keys of every JSON object, each in the order the file writes them
/// (serde_json::Value does not keep key order, so the keys are read as
/// serde_json parses the text).
fn key_orders(json: &str) -> Vec<Vec<String>> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    /// Adds the keys of every object below it to the list, innermost first.
    struct Keys<'a>(&'a mut Vec<Vec<String>>);

    impl<'de> DeserializeSeed<'de> for Keys<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                keys.push(key);
                map.next_value_seed(Keys(&mut *self.0))?;
            }
            self.0.push(keys);
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Keys(&mut *self.0))?.is_some() {}
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    let mut orders = Vec::new();
    let mut d = serde_json::Deserializer::from_str(json);
    Keys(&mut orders).deserialize(&mut d).expect("valid JSON");
    d.end().expect("nothing after the JSON value");
    orders
}

// ------------------------------------------------------------------ tests

#[test]
fn seed_copy_is_byte_exact() {
    assert_eq!(SEED.len(), SEED_LEN);
    assert_eq!(fnv1a64(SEED.as_bytes()), SEED_FNV1A64);
    // 830 newlines; the 831st line (the actual start of the last phase) has none.
    assert_eq!(SEED.matches('\n').count(), 830);
    assert!(SEED.ends_with("\t01/01/2024\t\t\t\t\tADITATIVE\t\t"));
}

#[test]
fn json_layout_and_key_order() {
    assert!(JSON.starts_with("{\n  \"schema\": \"obiettivi/2\",\n  \"plan\": {\n    \"title\""));
    assert!(JSON.ends_with("}\n"));
    let allowed: [&[&str]; 8] = [
        &["schema", "plan", "mandates", "missions", "objectives"],
        &["title", "level", "printed_on", "manager"],
        &["code", "title"],
        &["code", "mandate", "title", "strategic_objective"],
        &[
            "code",
            "mission",
            "operational_objective",
            "assessorato",
            "responsibility_centre",
            "manager",
            "public_value",
            "status",
            "narratives",
            "structures",
            "stakeholders",
            "phases",
            "indicators",
        ],
        &["year1", "year2"],
        &["description", "relation", "share", "start", "end"],
        &[
            "name",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "weight",
            "progress",
            "manager",
            "responsibility_centre",
            "notes",
        ],
    ];
    let orders = key_orders(JSON);
    // 1 root + 1 plan + 2 mandates + 2 missions + 8 × (objective, narratives,
    // structure) + 14 phases
    assert_eq!(orders.len(), 1 + 1 + 2 + 2 + 8 * 3 + 14);
    for keys in &orders {
        assert!(
            allowed.iter().any(|a| a.iter().eq(keys.iter())),
            "unexpected keys or key order: {keys:?}"
        );
    }
}

#[test]
fn plan_mandates_missions_and_counts() {
    let d = shipped_json();
    assert_eq!(text(&d, "schema"), "obiettivi/2");
    let seed = norm(SEED);

    let plan = &d["plan"];
    // The seed writes "VistaDUP_2026_2028 DUP 2026 2028LivelloOBIETTIVO DI PROGRAMMA".
    assert_eq!(text(plan, "title"), "DUP 2026-2028");
    assert!(seed.contains("DUP 2026 2028Livello"));
    assert_eq!(text(plan, "level"), "OBIETTIVO DI PROGRAMMA");
    assert!(seed.contains(&format!("Livello{}", text(plan, "level"))));
    assert_eq!(text(plan, "printed_on"), "2025-08-05");
    assert!(seed.starts_with("SCHEDA OBIETTIVI Data elaborazione 05/08/2025 "));
    assert_eq!(text(plan, "manager"), "VISENTIN RICCARDO");
    assert!(seed.contains("Parametri selezionati: VistaDUP_2026_2028"));
    assert!(seed.contains(&format!(
        "PROGRAMMA Responsabile {} ",
        text(plan, "manager")
    )));

    let mandates = list(&d, "mandates");
    assert_eq!(mandates.len(), 2);
    assert_eq!(text(&mandates[0], "code"), "2023_2028_DUP_05");
    assert_eq!(text(&mandates[0], "title"), "PERSONE E FAMIGLIE AL CENTRO");
    assert_eq!(text(&mandates[1], "code"), "2023_2028_DUP_06");
    assert_eq!(
        text(&mandates[1], "title"),
        "FACCIAMO RETE!INSIEME POSSIAMO"
    );
    for m in mandates {
        let line = format!(
            "OBIETTIVO DI MANDATO: {} {}",
            text(m, "code"),
            text(m, "title")
        );
        assert!(seed.contains(&line), "not in the seed: {line}");
    }

    let missions = list(&d, "missions");
    assert_eq!(missions.len(), 2);
    let expected = [
        (
            MISSION_05,
            "2023_2028_DUP_05",
            "Persone e famiglie al centro",
            "Attuare politiche a favore della famigli",
        ),
        (
            MISSION_06,
            "2023_2028_DUP_06",
            "Realtà associative",
            "Promuovere, valorizzare e sostenere le r",
        ),
    ];
    for (m, (code, mandate, title, start)) in missions.iter().zip(expected) {
        assert_eq!(text(m, "code"), code);
        assert_eq!(text(m, "mandate"), mandate);
        assert_eq!(text(m, "title"), title);
        // the seed writes "2024 28 DUP 05 1201" or "2024_28_DUP_06_1202"
        let with_spaces = format!("OBIETTIVO DI MISSIONE: {} {title}", code.replace('_', " "));
        let as_is = format!("OBIETTIVO DI MISSIONE: {code} {title}");
        assert!(
            seed.contains(&with_spaces) || seed.contains(&as_is),
            "{code} {title}"
        );
        let strategic = text(m, "strategic_objective");
        assert_eq!(first_chars(strategic, 40), start);
        assert!(seed.contains(&format!(
            "OBIETTIVO STRATEGICO: {} OBIETTIVO OPERATIVO:",
            norm(strategic)
        )));
    }

    let objs = objectives(&d);
    let codes: Vec<&str> = objs.iter().map(|o| text(o, "code")).collect();
    assert_eq!(codes, CODES);
    for o in objs {
        let want = if text(o, "code").starts_with("06_") {
            MISSION_06
        } else {
            MISSION_05
        };
        assert_eq!(text(o, "mission"), want, "mission of {}", text(o, "code"));
    }
    let per: Vec<usize> = objs.iter().map(|o| list(o, "phases").len()).collect();
    assert_eq!(per, PHASES_PER_OBJECTIVE);
    assert_eq!(per.iter().sum::<usize>(), 14);
}

#[test]
fn objective_fields_occur_in_the_seed() {
    let d = shipped_json();
    let seed = norm(SEED);
    let lines = seed_lines();
    let regions = regions(&lines);
    let statuses: Vec<Option<&str>> = objectives(&d)
        .iter()
        .map(|o| o["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        [
            None,
            None,
            None,
            Some("In Corso"),
            Some("In Corso"),
            Some("In Corso"),
            Some("In Corso"),
            None
        ]
    );
    for (i, o) in objectives(&d).iter().enumerate() {
        let code = text(o, "code");
        // codes: "05 1201 0102", "05_1201_0201", "**05 1201 0601**", ...
        assert!(
            seed.contains(&format!("Collegato a {} ", code.replace('_', " ")))
                || seed.contains(&format!(" {code} VISENTIN_Welfare")),
            "{code} not in the seed"
        );
        let op = text(o, "operational_objective");
        assert!(
            seed.contains(&format!(
                "OBIETTIVO OPERATIVO: {} STATO DI ATTUAZIONE",
                norm(op)
            )),
            "{code}"
        );
        for key in [
            "assessorato",
            "responsibility_centre",
            "manager",
            "public_value",
        ] {
            assert!(
                seed.contains(&norm(text(o, key))),
                "{code}.{key} not in the seed"
            );
        }
        assert_eq!(
            text(o, "assessorato"),
            "VISENTIN_Welfare e Centralità della persona - Terzo Settore - Politiche abitative - Integrazione - Famiglia"
        );
        assert_eq!(
            text(o, "responsibility_centre"),
            "SETTORE WELFARE E POLITICHE ABITATIVE"
        );
        assert_eq!(text(o, "manager"), "VISENTIN RICCARDO");
        assert_eq!(
            text(o, "public_value"),
            "4 - BENES. SOCIO-EDUCATIVO, CULTURALE, ASSOCIATIVO"
        );

        // status: present exactly where the objective's region has a "Stato …" line
        let (from, to) = regions[i];
        let stato = lines[from..to]
            .iter()
            .find_map(|l| l.strip_prefix("Stato "));
        assert_eq!(o["status"].as_str(), stato, "status of {code}");

        // stakeholders: the whole list, in order, right after "Stakeholder"
        let region = norm(&lines[from..to].join("\n"));
        let names = strings(o, "stakeholders");
        assert!(!names.is_empty(), "{code} has no stakeholders");
        for n in &names {
            assert!(
                seed.contains(&norm(n)),
                "{code}: stakeholder {n} not in the seed"
            );
        }
        let run = format!("Stakeholder {}", names.join(" "));
        let at = region
            .find(&run)
            .unwrap_or_else(|| panic!("{code}: '{run}' not in the seed"));
        let after = region[at + run.len()..].trim_start();
        assert!(
            after.is_empty()
                || after.starts_with("Stato")
                || after.starts_with("OBIETTIVO DI")
                || after.starts_with("Centro di Responsabilità"),
            "{code}: stakeholder list stops early, seed goes on with {}",
            first_chars(after, 40)
        );
    }
    // stakeholders that the seed runs together on one line (lines 317, 415, 712)
    assert_eq!(
        strings(objective(&d, "05_1201_0301"), "stakeholders"),
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
        strings(objective(&d, "05_1201_0401"), "stakeholders"),
        [
            "PERSONE FRAGILI",
            "PERSONE E FAMIGLIE IN DIFFICOLTA'",
            "DISOCCUPATI/E E INOCCUPATI/E",
            "NUCLEI FAMILIARI BENEFICIARI"
        ]
    );
    assert_eq!(
        strings(objective(&d, "05_1201_0701"), "stakeholders"),
        [
            "ALTRI SOGGETTI DELLA PUBBLICA AMMINISTRAZIONE",
            "ISTITUZIONI SANITARIE",
            "COMUNI DELL'AMBITO",
            "AZIENDA SPECIALE INSIEME PER IL SOCIALE"
        ]
    );
    assert_eq!(
        strings(objective(&d, "05_1201_0501"), "stakeholders"),
        [
            "PERSONE E FAMIGLIE IN DIFFICOLTA'",
            "ASSOCIAZIONI",
            "FAMIGLIE",
            "GIOVANI",
            "TERZO/QUARTO SETTORE"
        ]
    );
    assert_eq!(
        strings(objective(&d, "05_1201_0601"), "stakeholders"),
        [
            "ALTRI SOGGETTI DELLA PUBBLICA AMMINISTRAZIONE",
            "PERSONE E FAMIGLIE CON DIFFICOLTA' ALLOGGIATIVE"
        ]
    );
}

#[test]
fn structures_restore_the_truncated_programme_names() {
    let d = shipped_json();
    let lines = seed_lines();
    let regions = regions(&lines);
    for (i, o) in objectives(&d).iter().enumerate() {
        let code = text(o, "code");
        let structures = list(o, "structures");
        assert_eq!(structures.len(), 1, "{code}");
        let s = &structures[0];
        // programme number = digits 1-2 of the objective number (0102 → 01)
        let programme: usize = code[8..10].parse().expect("programme number");
        assert_eq!(programme, i + 1, "{code}");
        let description = text(s, "description");
        assert_eq!(description, MISSIONE_12[i], "{code}");
        let prefix = SEED_STRUCTURE_PREFIX[i];
        if code == "05_1201_0401" {
            // the seed drops the article: "Interventi per soggetti a risc"
            let mut rest = description;
            for w in prefix.split(' ') {
                let at = rest
                    .find(w)
                    .unwrap_or_else(|| panic!("{code}: '{w}' not in order"));
                rest = &rest[at + w.len()..];
            }
        } else {
            assert!(
                description.starts_with(prefix),
                "{code}: {description} vs {prefix}"
            );
        }
        // the prefix is the seed's table cell, in this objective's region, with
        // relation "Programma" and share 0,00% / 0.00%
        let (from, to) = regions[i];
        let row = lines[from..to]
            .iter()
            .find(|l| l.contains(prefix) && l.contains("Programma"))
            .unwrap_or_else(|| panic!("{code}: no structure row '{prefix}'"));
        let cells: Vec<String> = norm(row).split(' ').map(str::to_string).collect();
        let share_cell = cells.iter().find(|c| c.ends_with('%')).expect("share cell");
        let share: f64 = share_cell
            .trim_end_matches('%')
            .replace(',', ".")
            .parse()
            .expect("share");
        assert!(
            row.contains(&format!("{prefix}\tProgramma\t"))
                || norm(row).contains(&format!("{prefix} Programma"))
        );
        assert_eq!(text(s, "relation"), "Programma");
        assert_eq!(s["share"].as_f64(), Some(share), "{code}");
        assert_eq!(share, 0.0);
        assert!(
            s["start"].is_null() && s["end"].is_null(),
            "{code}: dates are empty in the seed"
        );
    }
}

/// Where a narrative line sits in the seed.
struct Placed {
    /// seed line index of each narrative line, paragraph by paragraph
    paragraphs: Vec<Vec<usize>>,
    /// (first piece, second piece) of sentences joined across a page break
    joins: Vec<(usize, usize)>,
}

fn place(lines: &[&str], narrative: &str, from: usize, to: usize, op: &str, what: &str) -> Placed {
    let mut cursor = from;
    let mut placed = Placed {
        paragraphs: Vec::new(),
        joins: Vec::new(),
    };
    for para in narrative.split("\n\n") {
        let mut idx = Vec::new();
        for line in para.split('\n') {
            assert!(
                !line.is_empty(),
                "{what}: empty line or more than one blank line"
            );
            assert_eq!(line, line.trim(), "{what}: untrimmed line {line:?}");
            if let Some(j) = (cursor..to).find(|&j| lines[j] == line) {
                idx.push(j);
                cursor = j + 1;
                continue;
            }
            // a sentence cut by a page break: "<end of page> <start of next page>"
            let joined = (cursor..to).find_map(|j| {
                let head = lines[j];
                let rest = line.strip_prefix(head)?.strip_prefix(' ')?;
                if head.is_empty() || ends_sentence(head) {
                    return None;
                }
                let k = (j + 1..to.min(j + 30)).find(|&k| lines[k] == rest)?;
                (j + 1..k)
                    .all(|m| lines[m].is_empty() || is_header_line(lines[m], op))
                    .then_some((j, k))
            });
            let (j, k) = joined.unwrap_or_else(|| {
                panic!("{what}: not a seed line (nor two joined across a page break): {line:?}")
            });
            idx.push(j);
            idx.push(k);
            placed.joins.push((j, k));
            cursor = k + 1;
        }
        placed.paragraphs.push(idx);
    }
    placed
}

#[test]
fn narratives_are_the_seed_text_without_page_headers() {
    let d = shipped_json();
    let lines = seed_lines();
    let regions = regions(&lines);
    let mut all_joins = Vec::new();
    let mut previous_end = 0;
    for (i, o) in objectives(&d).iter().enumerate() {
        let code = text(o, "code");
        let op = text(o, "operational_objective");
        let (from, to) = regions[i];
        let year2_head = (from..to)
            .find(|&j| lines[j] == "2° ANNO" || lines[j] == "2°ANNO")
            .unwrap_or_else(|| panic!("{code}: no 2° ANNO heading"));
        for (year, head, end) in [("year1", from, year2_head), ("year2", year2_head, to)] {
            let what = format!("{code}.{year}");
            let n = text(&o["narratives"], year);
            for f in HEADER_FRAGMENTS {
                assert!(!n.contains(f), "{what} contains the header fragment {f:?}");
            }
            assert!(
                !n.contains("\n\n\n") && !n.contains(" \n") && !n.contains('\t'),
                "{what}"
            );
            let p = place(&lines, n, head + 1, end, op, &what);
            let used: Vec<usize> = p.paragraphs.concat();
            let (first, last) = (used[0], *used.last().expect("non-empty narrative"));
            assert!(first > previous_end, "{what} is out of seed order");
            previous_end = last;
            // the narrative starts right after its heading …
            assert!(
                lines[head + 1..first].iter().all(|l| l.is_empty()),
                "{what}: text skipped after the heading"
            );
            // … skips nothing but page headers …
            for (j, line) in lines.iter().enumerate().take(last + 1).skip(first) {
                if !used.contains(&j) {
                    assert!(
                        line.is_empty() || is_header_line(line, op),
                        "{what}: seed line {} left out: {line:?}",
                        j + 1
                    );
                }
            }
            // … and ends where the next section begins
            let next = (last + 1..lines.len())
                .map(|j| lines[j])
                .find(|l| !l.is_empty() && !is_header_line(l, op))
                .unwrap_or("");
            let ok = if year == "year1" {
                next == "2° ANNO" || next == "2°ANNO"
            } else {
                ["Strutture coinvolte", "Stakeholder", "Stato", "FASI"]
                    .iter()
                    .any(|m| next.starts_with(m))
            };
            assert!(ok, "{what}: the seed goes on with {next:?}");
            // lines of one paragraph are adjacent seed lines; paragraphs are
            // separated by a blank line, and a paragraph that ends at a page
            // break ends a sentence
            for para in &p.paragraphs {
                for w in para.windows(2) {
                    let joined = p.joins.contains(&(w[0], w[1]));
                    assert!(
                        joined || w[1] == w[0] + 1,
                        "{what}: lines {} and {} are not one paragraph",
                        w[0] + 1,
                        w[1] + 1
                    );
                }
            }
            for w in p.paragraphs.windows(2) {
                let (a, b) = (*w[0].last().expect("line"), w[1][0]);
                assert!(
                    b > a + 1,
                    "{what}: seed lines {} and {} are one paragraph",
                    a + 1,
                    b + 1
                );
                if lines[a + 1..b].iter().any(|l| !l.is_empty()) {
                    assert!(
                        ends_sentence(lines[a]),
                        "{what}: a sentence cut at seed line {} was split",
                        a + 1
                    );
                }
            }
            all_joins.extend(
                p.joins
                    .iter()
                    .map(|&(a, b)| (code.to_string(), year, a + 1, b + 1)),
            );
        }
    }
    let expected = [
        ("05_1201_0102", "year2", 66, 73),
        ("05_1201_0301", "year2", 300, 309),
        ("05_1201_0601", "year2", 572, 594),
    ];
    let got: Vec<(&str, &str, usize, usize)> = all_joins
        .iter()
        .map(|(c, y, a, b)| (c.as_str(), *y, *a, *b))
        .collect();
    assert_eq!(got, expected, "sentences joined across page breaks");

    // explicit slices, so that a wrong range is caught even if it is seed text
    let n = |code: &str, year: &str| text(&objective(&d, code)["narratives"], year).to_string();
    let ends = [
        (
            "05_1201_0102",
            "year1",
            "Le attività connesse alla Tutela minori ",
            " solidale ed accogliente sul territorio.",
        ),
        (
            "05_1201_0102",
            "year2",
            "Le attività connesse alla Tutela minori ",
            " solidale ed accogliente sul territorio.",
        ),
        (
            "05_1201_0201",
            "year1",
            "A) IMPLEMENTAZIONE DI SERVIZI EDUCATIVI ",
            "glienza negli appartamenti di cohousing.",
        ),
        (
            "05_1201_0201",
            "year2",
            "L'attività quotidiana del Servizio Socia",
            "di partecipazione ed inclusione sociale.",
        ),
        (
            "05_1201_0301",
            "year2",
            "Il Servizio Sociale, in collaborazione c",
            "rtinelli \"Assistenza a casa\" (7/6/2025).",
        ),
        (
            "05_1201_0401",
            "year2",
            "Attraverso il lavoro quotidiano dei Serv",
            " cui il progetto in corso FarmaFamiglia.",
        ),
        (
            "05_1201_0601",
            "year2",
            "In qualità di Ente Capofila, prosegue il",
            "oni utili alla prevenzione del fenomeno.",
        ),
        (
            "05_1201_0701",
            "year1",
            "Tutti i servizi affidati all'Azienda IPI",
            "ito nel contratto di servizio 2024/2026.",
        ),
        (
            "06_1201_0801",
            "year1",
            "Su impulso del Tavolo per le Politiche F",
            "dalla grotta della natività di Betlemme.",
        ),
        (
            "06_1201_0801",
            "year2",
            "Il Cb Family Point oltre all'attività di",
            "ime della guerra nella striscia di Gaza.",
        ),
    ];
    for (code, year, head, tail) in ends {
        let s = n(code, year);
        assert_eq!(first_chars(&s, 40), head, "{code}.{year} start");
        assert_eq!(last_chars(&s, 40), tail, "{code}.{year} end");
    }
    assert!(n("05_1201_0102", "year2").contains("portato avanti anche tramite l'adesione al programma Nazionale (Leps) di P.i.p.p.i. (periodo"));
    assert!(
        n("05_1201_0301", "year2")
            .contains("inclusione, autonomia e benessere alle persone anziane, valorizzando")
    );
    assert!(n("05_1201_0601", "year2").contains("aprendo la prospettiva di una collaborazione anche con l'Osservatorio di Ambito.\n\nPer quanto"));
    assert!(n("05_1201_0201", "year1").contains("Attivazione dei percorsi individualizzati di persone con disabilità.\n\n2) Progetto \"Trama e Ordito"));
    assert!(
        n("05_1201_0201", "year2")
            .contains("si è costruita attraverso:\n\n- individuazione di strutture")
    );
    assert!(n("05_1201_0201", "year2").contains("Queste iniziative si sono realizzate attraverso:\n\n- attivazione di tavoli di coprogettazione tra enti pubblici, soggetti del terzo settore e realtà associative locali;\n- raccolta dei bisogni da parte dei Servizi Sociali;\n"));
    assert!(n("05_1201_0201", "year1").contains("rappresentanti della partrnership per"));
    assert_eq!(n("05_1201_0501", "year1").matches("\n\n").count(), 0);
    assert_eq!(n("06_1201_0801", "year2").matches("\n\n").count(), 7);
}

/// One phase as the seed's table prints it.
struct SeedPhase {
    name: String,
    planned_start: String,
    planned_end: String,
    actual_start: Option<String>,
    weight: String,
    progress: String,
    manager: String,
    responsibility_centre: String,
    notes: String,
}

/// Parse the "FASI - ATTIVITA'" tables of one objective's region: a
/// `FASE | Inizio Previsto | Fine Prevista` row, then rows whose first cell
/// continues the phase name: the column-header row, the planned row
/// (dates, Peso, Avanzamento, Responsabile, CdR, Note), the actual row
/// (actual start, rest of a wrapped CdR) and further name pieces.
fn seed_phases(raw: &[&str], from: usize, to: usize) -> Vec<SeedPhase> {
    let Some(start) =
        (from..to).find(|&j| raw[j].starts_with("FASE\tInizio Previsto\tFine Prevista"))
    else {
        return Vec::new();
    };
    let rows: Vec<Vec<&str>> = raw[start..to]
        .iter()
        .filter(|l| {
            l.contains('\t') && !l.starts_with("OBIETTIVO DI") && !l.starts_with("PROGRAMMA")
        })
        .map(|l| l.split('\t').collect())
        .collect();
    let cell = |r: &Vec<&str>, i: usize| r.get(i).copied().unwrap_or("").trim().to_string();
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        assert_eq!(rows[i][..3], ["FASE", "Inizio Previsto", "Fine Prevista"]);
        let header = &rows[i + 1];
        assert_eq!(
            header[1..8],
            [
                "Inizio Effettivo",
                "Fine Effettiva",
                "Peso",
                "Avanzamento",
                "Responsabile",
                "Centro di Responsabilità",
                "Note"
            ]
        );
        let plan = &rows[i + 2];
        let mut pieces = vec![cell(header, 0), cell(plan, 0)];
        let mut actual_start = None;
        let mut cdr_rest = String::new();
        let mut j = i + 3;
        if j < rows.len() && rows[j][0] != "FASE" {
            let act = &rows[j];
            pieces.push(cell(act, 0));
            let a = cell(act, 1);
            actual_start = (!a.is_empty()).then_some(a);
            assert!(
                cell(act, 2).is_empty(),
                "Fine Effettiva is empty in the seed"
            );
            cdr_rest = cell(act, 6);
            j += 1;
            while j < rows.len() && rows[j][0] != "FASE" {
                assert!(rows[j][1..].iter().all(|c| c.trim().is_empty()));
                pieces.push(cell(&rows[j], 0));
                j += 1;
            }
        }
        let cdr = cell(plan, 6);
        let responsibility_centre = if cdr == "WELFARE E POLITICHE" {
            assert_eq!(cdr_rest, "ABITATIVE");
            format!("{cdr} {cdr_rest}")
        } else {
            // extraction artefact: the wrapped half repeated ("ABITATIVE") or misread ("ADITATIVE")
            assert!(
                ["", "ABITATIVE", "ADITATIVE"].contains(&cdr_rest.as_str()),
                "{cdr_rest}"
            );
            cdr
        };
        out.push(SeedPhase {
            name: pieces
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            planned_start: cell(plan, 1),
            planned_end: cell(plan, 2),
            actual_start,
            weight: cell(plan, 3),
            progress: cell(plan, 4),
            manager: cell(plan, 5),
            responsibility_centre,
            notes: cell(plan, 7),
        });
        i = j;
    }
    out
}

fn number_or_null(cell: &str) -> Option<f64> {
    if cell.is_empty() {
        None
    } else {
        Some(
            cell.trim_end_matches('%')
                .replace(',', ".")
                .parse()
                .expect("number"),
        )
    }
}

#[test]
fn phases_match_the_seed_tables() {
    let d = shipped_json();
    let lines = seed_lines();
    let raw = raw_lines();
    let regions = regions(&lines);
    let mut total = 0;
    for (i, o) in objectives(&d).iter().enumerate() {
        let code = text(o, "code");
        let (from, to) = regions[i];
        let seed = seed_phases(&raw, from, to);
        let phases = list(o, "phases");
        assert_eq!(phases.len(), seed.len(), "{code}: phase count");
        for (p, s) in phases.iter().zip(&seed) {
            let name = text(p, "name");
            assert_eq!(name, s.name, "{code}: phase name");
            for key in ["planned_start", "planned_end", "actual_start"] {
                if let Some(date) = p[key].as_str() {
                    assert!(is_iso_date(date), "{code} {name}: {key} {date}");
                }
            }
            assert_eq!(
                p["planned_start"].as_str(),
                dmy_to_iso(&s.planned_start).as_deref(),
                "{code} {name}"
            );
            assert_eq!(
                p["planned_end"].as_str(),
                dmy_to_iso(&s.planned_end).as_deref(),
                "{code} {name}"
            );
            assert!(text(p, "planned_start") <= text(p, "planned_end"));
            let actual = s
                .actual_start
                .as_deref()
                .map(|a| dmy_to_iso(a).expect("seed date"));
            assert_eq!(
                p["actual_start"].as_str(),
                actual.as_deref(),
                "{code} {name}"
            );
            assert!(
                p["actual_end"].is_null(),
                "{code} {name}: Fine Effettiva is empty in the seed"
            );
            assert_eq!(
                p["weight"].as_f64(),
                number_or_null(&s.weight),
                "{code} {name}: Peso"
            );
            assert_eq!(
                p["progress"].as_f64(),
                number_or_null(&s.progress),
                "{code} {name}: Avanzamento"
            );
            assert!(
                p["weight"].is_null() && p["progress"].is_null(),
                "{code} {name}: empty in the seed means null"
            );
            assert_eq!(text(p, "manager"), s.manager, "{code} {name}");
            assert_eq!(
                text(p, "responsibility_centre"),
                s.responsibility_centre,
                "{code} {name}"
            );
            assert_eq!(
                text(p, "responsibility_centre"),
                "WELFARE E POLITICHE ABITATIVE"
            );
            assert_eq!(text(p, "manager"), "VISENTIN RICCARDO");
            assert_eq!(text(p, "notes"), s.notes, "{code} {name}");
            assert_eq!(text(p, "notes"), "");
            // every phase of this seed runs 01/01/2024 – 31/12/2026 and started 01/01/2024
            assert_eq!(text(p, "planned_start"), "2024-01-01");
            assert_eq!(text(p, "planned_end"), "2026-12-31");
            assert_eq!(text(p, "actual_start"), "2024-01-01");
        }
        total += phases.len();
    }
    assert_eq!(total, 14);

    let names = |code: &str| -> Vec<String> {
        list(objective(&d, code), "phases")
            .iter()
            .map(|p| text(p, "name").to_string())
            .collect()
    };
    assert_eq!(
        names("05_1201_0601"),
        [
            "NUOVI ALLOGGI A CANONE CALMIERATO",
            "UTILIZZO DELLE RISORSE STATALIE REGIONALI PER FAVORIRE L'ACCESSO ALL'ABITAZIONE ALLE FAMIGLIE IN DIFFICOLTA'",
            "NUOVI ALLOGGI E SPAZI DI HOUSING SOCIALE PER RISPONDERE AI DIVERSI BISOGNI ABITATIVI",
            "CONTRASTO ALL'OCCUPAZIONE SENZA TITOLO DI ALLOGGI",
        ]
    );
    assert_eq!(
        names("05_1201_0201"),
        [
            "IMPLEMENTAZIONE DI SERVIZI EDUCATIVI PER PERSONE CON DISABILITÀ",
            "SPERIMENTAZIONE DI ALLOGGI PER L'AUTONOMIA DELLE PERSONE CON DISABILITA'",
        ]
    );
    assert_eq!(
        names("05_1201_0501"),
        [
            "REALIZZAZIONE DI AZIONI A SOSTEGNO DEI GIOVANI E DELLE FAMIGLIE, ANCHE ATTRAVERSO L'APPLICAZIONE DEL \"FATTORE FAMIGLIA\""
        ]
    );
    assert_eq!(
        names("06_1201_0801"),
        [
            "NUOVA CASA DELLE ASSOCIAZIONI",
            "PROMOZIONE DELLA CULTURA DEL VOLONTARIATO",
            "SOSTEGNO ALLE ASSOCIAZIONI LOCALI",
            "OSSERVATORIO INTERRELIGIOSO",
        ]
    );
    assert_eq!(
        names("05_1201_0301"),
        [
            "REALIZZAZIONE DI SERVIZI DI COABITAZIONE PER PERSONE ANZIANE SUPPORTATE DA SERVIZI SOCIO-SANITARI"
        ]
    );
    assert_eq!(
        names("05_1201_0401"),
        ["INTERVENTI PER CONTRASTARE LA POVERTA' ESTREMA"]
    );
    assert_eq!(
        names("05_1201_0701"),
        ["IMPLEMENTAZIONE DELLE PROGETTAZIONI SOCIO-SANITARIE A LIVELLO ASSOCIATO"]
    );
    assert!(names("05_1201_0102").is_empty());
}
