//! The scheda parser on extracts of other departments (tests/fixtures/), each
//! in the layout of the seed but with what the seed never fills: weights,
//! progress, notes, actual end dates; and on broken input of every kind.

use crate::common;

use obiettivi::io::scheda::parse;
use obiettivi::model::{Dataset, Objective, Phase};

fn fixture(name: &str) -> Dataset {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn date(s: &str) -> Option<chrono::NaiveDate> {
    Some(chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap())
}

fn names(o: &Objective) -> Vec<&str> {
    o.phases.iter().map(|p| p.name.as_str()).collect()
}

/// Lavori Pubblici: two objectives; phases split by a page break (the second
/// FASE after the repeated header); CdR and notes wrapped; an objective with
/// no phases, its mission on a line of its own, an empty 2° anno, no "Stato",
/// structures and stakeholders flattened onto one line.
#[test]
// A field added to `Phase` is at its default in a scheda (the updates are for it).
#[allow(clippy::needless_update)]
fn lavori_pubblici() {
    let d = fixture("lavori_pubblici.txt");
    assert_eq!(d.plan.manager, "BIANCHI LAURA");
    assert_eq!(d.plan.printed_on, date("12/09/2025"));
    assert_eq!(d.mandates[0].code, "2023_2028_DUP_03");
    assert_eq!(d.mandates[0].title, "CITTÀ CURATA E SICURA");
    assert_eq!(d.missions.len(), 1, "both objectives name the same mission");
    assert_eq!(d.missions[0].code, "2024_28_DUP_03_1005");
    assert_eq!(d.missions[0].title, "Strade e spazi pubblici");

    let [first, second] = &d.objectives[..] else {
        panic!("two objectives expected: {:?}", d.objectives)
    };
    assert_eq!(first.code, "03_1005_0101");
    assert_eq!(
        first.assessorato,
        "FERRARI_Lavori Pubblici - Mobilità - Manutenzione della città"
    );
    assert_eq!(
        first.responsibility_centre,
        "SETTORE LAVORI PUBBLICI E MOBILITÀ"
    );
    assert_eq!(first.status.as_deref(), Some("In Corso"));
    assert!(
        first
            .narratives
            .year2
            .ends_with("con gli istituti comprensivi e con la polizia locale."),
        "a sentence cut by the page break is joined: {}",
        first.narratives.year2
    );
    assert_eq!(
        first.structures[0].description,
        "Viabilità e infrastrutture stradali"
    );
    assert_eq!(first.structures[0].share, Some(100.0));
    assert_eq!(first.structures[0].end, date("31/12/2026"));
    assert_eq!(
        first.stakeholders,
        ["CITTADINI E CITTADINE", "SCUOLE", "COMMERCIANTI"]
    );
    assert_eq!(
        first.phases,
        [
            Phase {
                name: "PIANO DELLE ASFALTATURE 2024".into(),
                planned_start: date("01/01/2024"),
                planned_end: date("30/06/2024"),
                actual_start: date("15/01/2024"),
                actual_end: date("28/06/2024"),
                weight: Some(40.0),
                progress: Some(100.0),
                manager: "BIANCHI LAURA".into(),
                responsibility_centre: "LAVORI PUBBLICI E MOBILITÀ".into(),
                notes: "Approvato con delibera di Giunta n. 45/2024".into(),
                ..Phase::default()
            },
            Phase {
                name: "MARCIAPIEDI E ABBATTIMENTO DELLE BARRIERE ARCHITETTONICHE".into(),
                planned_start: date("01/07/2024"),
                planned_end: date("31/12/2026"),
                actual_start: date("01/09/2024"),
                actual_end: None,
                weight: Some(60.0),
                progress: Some(20.0),
                manager: "BIANCHI LAURA".into(),
                responsibility_centre: "LAVORI PUBBLICI E MOBILITÀ".into(),
                notes: "Lotto 2 in gara".into(),
                ..Phase::default()
            },
        ]
    );

    assert_eq!(second.code, "03_1005_0201");
    assert_eq!(second.mission, "2024_28_DUP_03_1005");
    assert!(second.phases.is_empty());
    assert_eq!(second.status, None);
    assert_eq!(
        second.narratives.year1,
        "È stato affidato il censimento dei 12 ponti comunali."
    );
    assert_eq!(second.narratives.year2, "");
    assert_eq!(
        second.structures[0].description,
        "Viabilità e infrastrutture stradali"
    );
    assert_eq!(second.structures[0].share, Some(50.0));
    // SCUOLE, COMMERCIANTI: listed one per line above; CITTADINI E CITTADINE: a
    // paired form; AUTOTRASPORTATORI: what is left between them.
    assert_eq!(
        second.stakeholders,
        [
            "SCUOLE",
            "CITTADINI E CITTADINE",
            "AUTOTRASPORTATORI",
            "COMMERCIANTI"
        ]
    );
}

/// Cultura: the mission label alone with its code on the next line; a bold
/// code; "2°ANNO"; a phase whose rows are split by a page break (name and
/// planned dates before it, actual start and the rest of the name after); a
/// note over three rows; integer weights and "100%"; a five-line name with
/// empty weight and progress; stakeholders separated by blank lines.
#[test]
fn cultura() {
    let d = fixture("cultura.txt");
    assert_eq!(d.mandates[0].title, "CULTURA BENE COMUNE");
    assert_eq!(d.missions[0].code, "2024_28_DUP_02_0502");
    assert_eq!(d.missions[0].title, "Una città che legge e ascolta");
    let o = &d.objectives[0];
    assert_eq!(d.objectives.len(), 1);
    assert_eq!(o.code, "02_0502_0101");
    assert_eq!(o.manager, "VERDI PAOLO");
    assert_eq!(
        o.narratives.year2,
        "La rassegna è stata ripetuta con 25 serate."
    );
    let structures: Vec<(&str, Option<f64>)> = o
        .structures
        .iter()
        .map(|s| (s.description.as_str(), s.share))
        .collect();
    assert_eq!(
        structures,
        [
            (
                "Attività culturali e interventi diversi nel settore culturale",
                Some(80.0)
            ),
            ("Valorizzazione dei beni di interesse storico", Some(20.0)),
        ]
    );
    assert_eq!(o.stakeholders, ["ASSOCIAZIONI CULTURALI", "GIOVANI"]);
    assert_eq!(
        names(o),
        [
            "RASSEGNA ESTIVA NEI CORTILI",
            "BIBLIOTECA DIFFUSA NEI QUARTIERI: PUNTI DI PRESTITO AUTOGESTITI",
            "SPETTACOLI PER LE SCUOLE DELL'INFANZIA E PRIMARIE CON LE COMPAGNIE DEL TERRITORIO",
        ]
    );
    let [summer, library, shows] = &o.phases[..] else {
        unreachable!()
    };
    assert_eq!((summer.weight, summer.progress), (Some(60.0), Some(100.0)));
    assert_eq!(summer.actual_end, date("27/09/2024"));
    assert_eq!(
        summer.notes,
        "22 serate, 4.300 presenze; bilancio approvato il 10/10/2024"
    );
    assert_eq!(summer.responsibility_centre, "CULTURA E BIBLIOTECHE");
    assert_eq!((library.weight, library.progress), (Some(40.0), Some(35.0)));
    assert_eq!(library.planned_end, date("31/12/2026"));
    assert_eq!(
        library.actual_start,
        date("10/01/2025"),
        "the row after the page break"
    );
    assert_eq!(library.responsibility_centre, "CULTURA E BIBLIOTECHE");
    assert_eq!(library.notes, "Tre punti aperti su cinque");
    assert_eq!(
        (shows.weight, shows.progress),
        (None, None),
        "empty is no value, not 0"
    );
    assert_eq!(shows.actual_start, None);
    assert_eq!(shows.planned_start, date("01/09/2026"));
}

/// Polizia Locale: structures flattened with columns out of order and two
/// rows; a continuation page with the code spelt with a letter O and nothing
/// else on it; an objective with no phases whose stakeholders follow an empty
/// 2° anno; the assessorato spelt without the underscore on one page; values
/// that `check` warns about (Σ weights 90, progress 100 without actual end,
/// actual and planned ends before their starts).
#[test]
fn polizia_locale() {
    let d = fixture("polizia_locale.txt");
    let [presidio, scuole] = &d.objectives[..] else {
        panic!("two objectives expected")
    };
    assert_eq!(presidio.code, "04_0301_0101");
    assert_eq!(
        presidio.assessorato, "RIZZO_Sicurezza - Polizia Locale - Protezione Civile",
        "the underscore form used elsewhere in the file"
    );
    let structures: Vec<_> = presidio
        .structures
        .iter()
        .map(|s| {
            (
                s.description.as_str(),
                s.relation.as_str(),
                s.share,
                s.start,
                s.end,
            )
        })
        .collect();
    assert_eq!(
        structures,
        [
            (
                "Polizia locale e amministrativa",
                "Programma",
                Some(70.0),
                date("01/01/2025"),
                date("31/12/2026")
            ),
            (
                "Sistema integrato di sicurezza urbana",
                "Programma",
                Some(30.0),
                date("01/01/2025"),
                date("31/12/2026")
            ),
        ]
    );
    assert_eq!(
        presidio.stakeholders,
        ["CITTADINI E CITTADINE", "COMMERCIANTI", "SCUOLE"]
    );
    assert_eq!(
        names(presidio),
        [
            "PRESIDIO SERALE DEI PARCHI",
            "FORMAZIONE DEGLI AGENTI",
            "NUOVE TELECAMERE AI VARCHI"
        ]
    );
    let weights: Vec<_> = presidio.phases.iter().map(|p| p.weight).collect();
    assert_eq!(weights, [Some(30.0); 3]);
    let [parks, training, cameras] = &presidio.phases[..] else {
        unreachable!()
    };
    assert_eq!((parks.progress, parks.actual_end), (Some(100.0), None));
    assert_eq!(training.actual_start, date("01/02/2025"));
    assert_eq!(training.actual_end, date("15/01/2025"));
    assert_eq!(training.notes, "Corso regionale in due moduli");
    assert_eq!(cameras.progress, Some(0.0));
    assert_eq!(
        (cameras.planned_start, cameras.planned_end),
        (date("01/09/2026"), date("01/03/2026"))
    );

    assert_eq!(scuole.code, "04_0301_0201");
    assert!(scuole.phases.is_empty());
    assert!(scuole.structures.is_empty());
    assert_eq!(scuole.narratives.year2, "");
    assert_eq!(scuole.stakeholders, ["SCUOLE", "FAMIGLIE"]);
    assert_eq!(scuole.status, None);
}

/// xorshift64*: a small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn inputs() -> Vec<String> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut texts = vec![common::SEED_TEXT.to_string()];
    for name in ["lavori_pubblici.txt", "cultura.txt", "polizia_locale.txt"] {
        texts.push(std::fs::read_to_string(format!("{dir}/tests/fixtures/{name}")).unwrap());
    }
    texts
}

/// Whatever comes out must be importable: a valid dataset or a line-numbered error.
fn check(text: &str) {
    match parse(text) {
        Ok(d) => assert_eq!(obiettivi::model::validate::validate(&d), Ok(())),
        Err(e) => assert!(e.line >= 1 && !e.reason.is_empty()),
    }
}

#[test]
fn every_truncation_reads_or_is_refused_without_panicking() {
    for text in inputs() {
        let cuts = 200;
        for i in 0..=cuts {
            let mut at = text.len() * i / cuts;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            check(&text[..at]);
        }
    }
}

#[test]
fn random_bytes_and_shuffled_lines_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..300 {
        let len = rng.below(2000);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&String::from_utf8_lossy(&bytes));
    }
    // Real lines in a wrong order, dropped, doubled or with cells swapped:
    // closer to what a damaged extract looks like than random bytes.
    for text in inputs() {
        let lines: Vec<&str> = text.split('\n').collect();
        for _ in 0..100 {
            let mut out: Vec<String> = Vec::new();
            for line in &lines {
                match rng.below(20) {
                    0 => {}
                    1 => out.push(lines[rng.below(lines.len())].to_string()),
                    2 => {
                        let mut cells: Vec<&str> = line.split('\t').collect();
                        let (a, b) = (rng.below(cells.len()), rng.below(cells.len()));
                        cells.swap(a, b);
                        out.push(cells.join("\t"));
                    }
                    3 => out.push(String::new()),
                    _ => out.push(line.to_string()),
                }
            }
            check(&out.join("\n"));
        }
    }
}

/// Windows line ends and form feeds for page breaks read the same.
#[test]
fn crlf_and_form_feeds_read_like_the_original() {
    let seed = &inputs()[0];
    let original = parse(seed).unwrap();
    assert_eq!(parse(&seed.replace('\n', "\r\n")).unwrap(), original);
    assert_eq!(
        parse(&seed.replace("\n\n\n\n", "\n\u{c}")).unwrap(),
        original
    );
}
