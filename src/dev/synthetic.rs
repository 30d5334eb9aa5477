//! A deterministic generator of synthetic plans in schema `obiettivi/2`, for
//! measuring the application at the scale of a whole municipality (thousands
//! of objectives) where the shipped plan has eight.
//!
//! The same [`Spec`] always gives the same plan, byte for byte, on every
//! machine: the randomness is a small xorshift generator seeded by
//! `Spec::seed`, not a dependency whose algorithm could change under us.
//! The text is Italian-ish and shaped like the real Scheda Obiettivi: long
//! upper-case phase names, narratives of about 2 KB per year, managers from a
//! pool, dates, and weights and progress that are sometimes missing (`null`,
//! never 0), so that roll-ups, warnings and search have real work to do.
//! Each objective has two to four indicators (three on average) with a
//! baseline, a target per plan year, weights sometimes null and measurements
//! at the plan's monitoring periods, drawn from a stream of their own so that
//! the rest of the plan is the one generated before indicators existed.
//!
//! Developer tool: `cargo run --release --example synthetic -- --objectives N
//! --phases P --seed S > plan.json`; the output passes `obiettivi import`.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

// Budget programme names, as the scheda importer knows them, reused as structure names.
use crate::io::scheda::programmes::PROGRAMMES;
use crate::model::calendar::{periods, plan_years};
use crate::model::indicators::{Baseline, Indicator, IndicatorKind, Measurement, Polarity, Rule};
use crate::model::{
    Dataset, Mandate, Mission, Narratives, Objective, Phase, Plan, SCHEMA_TAG, Structure,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub objectives: usize,
    /// Phases of each objective.
    pub phases: usize,
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            objectives: 1000,
            phases: 10,
            seed: 1,
        }
    }
}

/// The shape of the plan's texts and indicators, for plans unlike the
/// default one (issue 29: import profiled on several shapes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// About how many bytes each status narrative (1° and 2° anno) has.
    pub narrative: usize,
    /// Whether objectives have indicators.
    pub indicators: bool,
}

impl Default for Shape {
    fn default() -> Shape {
        Shape {
            narrative: 2000,
            indicators: true,
        }
    }
}

impl Spec {
    /// Reads `--objectives N`, `--phases P`, `--seed S`, `--narrative BYTES`
    /// and `--no-indicators` (each optional) from command-line arguments;
    /// returns also whether `--objectives` was given.
    pub fn from_args(
        args: impl IntoIterator<Item = String>,
    ) -> Result<(Spec, Shape, bool), String> {
        let mut spec = Spec::default();
        let mut shape = Shape::default();
        let mut given = false;
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = |name: &str| -> Result<u64, String> {
                let v = args.next().ok_or(format!("{name} needs a value"))?;
                v.parse()
                    .map_err(|_| format!("{name}: «{v}» is not a number"))
            };
            match flag.as_str() {
                "--objectives" => {
                    spec.objectives = value("--objectives")? as usize;
                    given = true;
                }
                "--phases" => spec.phases = value("--phases")? as usize,
                "--seed" => spec.seed = value("--seed")?,
                "--narrative" => shape.narrative = value("--narrative")? as usize,
                "--no-indicators" => shape.indicators = false,
                other => {
                    return Err(format!(
                        "unknown argument «{other}» (--objectives N --phases P --seed S \
                         --narrative BYTES --no-indicators)"
                    ));
                }
            }
        }
        Ok((spec, shape, given))
    }
}

/// xorshift64*: tiny, fast and the same everywhere; plenty for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // splitmix64 of the seed: nearby seeds give unrelated streams, and the
        // state is never 0 (where xorshift would stay stuck).
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const MANDATE_TITLES: &[&str] = &[
    "PERSONE E FAMIGLIE AL CENTRO",
    "FACCIAMO RETE! INSIEME POSSIAMO",
    "UNA CITTÀ SICURA E CURATA",
    "LAVORO, IMPRESA E COMMERCIO DI VICINATO",
    "SCUOLA, CULTURA E SPORT PER TUTTE LE ETÀ",
    "AMBIENTE, VERDE E TRANSIZIONE ENERGETICA",
    "MOBILITÀ SOSTENIBILE E SPAZI PUBBLICI",
    "UN COMUNE DIGITALE, SEMPLICE E TRASPARENTE",
    "CASA E RIGENERAZIONE URBANA",
    "PARTECIPAZIONE E BENI COMUNI",
    "BILANCIO SOSTENIBILE E PATRIMONIO",
    "GIOVANI E PARI OPPORTUNITÀ",
];

const MANAGERS: &[&str] = &[
    "VISENTIN RICCARDO",
    "BRAMBILLA CHIARA",
    "COLOMBO ALESSANDRO",
    "FERRARI GIULIA",
    "ROSSI MARCO",
    "ESPOSITO FRANCESCA",
    "BIANCHI LORENZO",
    "ROMANO ELISA",
    "GALLO STEFANO",
    "CONTI VALENTINA",
    "DE LUCA ANDREA",
    "MARINO SILVIA",
    "GRECO MATTEO",
    "BRUNO SARA",
    "RICCI DAVIDE",
    "MORETTI ILARIA",
];

const CENTRES: &[&str] = &[
    "SETTORE WELFARE E POLITICHE ABITATIVE",
    "SETTORE LAVORI PUBBLICI E MANUTENZIONI",
    "SETTORE CULTURA, SPORT E TEMPO LIBERO",
    "SETTORE EDUCAZIONE E SCUOLA",
    "SETTORE AMBIENTE E VERDE PUBBLICO",
    "SETTORE INNOVAZIONE DIGITALE E SISTEMI INFORMATIVI",
    "SETTORE RISORSE FINANZIARIE E TRIBUTI",
    "SETTORE POLIZIA LOCALE E PROTEZIONE CIVILE",
];

const PORTFOLIOS: &[&str] = &[
    "VISENTIN_Welfare e Centralità della persona - Terzo Settore - Politiche abitative - Integrazione - Famiglia",
    "BRAMBILLA_Lavori pubblici - Manutenzioni - Patrimonio - Edilizia scolastica",
    "COLOMBO_Cultura - Sport - Tempo libero - Associazionismo",
    "FERRARI_Ambiente - Verde pubblico - Transizione ecologica - Mobilità",
    "ROSSI_Bilancio - Tributi - Innovazione digitale - Personale",
];

const PUBLIC_VALUES: &[&str] = &[
    "1 - BENESSERE ECONOMICO",
    "2 - BENESSERE AMBIENTALE",
    "3 - BENESSERE SANITARIO",
    "4 - BENES. SOCIO-EDUCATIVO, CULTURALE, ASSOCIATIVO",
    "5 - BENESSERE ISTITUZIONALE E ORGANIZZATIVO",
];

const STAKEHOLDERS: &[&str] = &[
    "FAMIGLIE",
    "ANZIANI",
    "PERSONE CON DISABILITA'",
    "BAMBINI E BAMBINE",
    "GIOVANI",
    "ASSOCIAZIONI DEL TERRITORIO",
    "ENTI DEL TERZO SETTORE",
    "IMPRESE E COMMERCIANTI",
    "SCUOLE DEL TERRITORIO",
    "CITTADINANZA",
    "PERSONE E FAMIGLIE CON DIFFICOLTA' ALLOGGIATIVE",
];

const ACTIONS: &[&str] = &[
    "PROGETTAZIONE ESECUTIVA",
    "AVVIO DELLA COPROGETTAZIONE",
    "AFFIDAMENTO DEL SERVIZIO",
    "MONITORAGGIO E RENDICONTAZIONE",
    "REALIZZAZIONE DEGLI INTERVENTI",
    "RICOGNIZIONE DEI BISOGNI",
    "PUBBLICAZIONE DEL BANDO",
    "VALUTAZIONE DELLE DOMANDE",
    "ATTIVAZIONE DEI PERCORSI INDIVIDUALIZZATI",
    "CONSOLIDAMENTO DELLA RETE",
];

const SUBJECTS: &[&str] = &[
    "DEGLI ALLOGGI A CANONE CALMIERATO",
    "DEL SERVIZIO DI ASSISTENZA DOMICILIARE",
    "DEI CENTRI ESTIVI COMUNALI",
    "DELLA RIQUALIFICAZIONE ENERGETICA DEGLI EDIFICI PUBBLICI",
    "DEL PIANO DI ZONA DELL'AMBITO",
    "DELLO SPORTELLO UNICO PER LE FAMIGLIE",
    "DELLA RETE CICLABILE CITTADINA",
    "DEL PORTALE DEI SERVIZI ONLINE",
    "DEGLI ORTI URBANI CONDIVISI",
    "DEL TRASPORTO SOCIALE",
    "DEI PROGETTI DI COHOUSING",
    "DELLA MANUTENZIONE DEL VERDE SCOLASTICO",
];

const QUALIFIERS: &[&str] = &[
    "FINANZIATI CON FONDI PNRR",
    "IN COLLABORAZIONE CON IL TERZO SETTORE",
    "PER L'ANNUALITÀ IN CORSO",
    "CON IL COINVOLGIMENTO DEI QUARTIERI",
    "SECONDO LE LINEE GUIDA REGIONALI",
    "",
    "",
];

const OPENINGS: &[&str] = &[
    "Garantire",
    "Programmare e realizzare",
    "Promuovere e sostenere",
    "Rafforzare",
    "Sviluppare",
    "Qualificare",
];

const GOALS: &[&str] = &[
    "interventi a favore delle famiglie con difficoltà alloggiative",
    "servizi di prossimità per le persone anziane e fragili",
    "la partecipazione delle associazioni alla vita della comunità",
    "percorsi di autonomia per le persone con disabilità",
    "la qualità e la sicurezza degli edifici scolastici",
    "la transizione digitale dei servizi al cittadino",
    "la cura del verde pubblico e degli spazi comuni",
    "l'inclusione sociale e lavorativa dei giovani",
];

/// Sentences of the status narratives; `{n}`, `{y}` and `{who}` are filled in.
const SENTENCES: &[&str] = &[
    "Nel corso dell'anno le attività si sono svolte con continuità, nel rispetto del cronoprogramma approvato con deliberazione di Giunta n. {n}.",
    "Il Servizio ha proseguito il lavoro di rete con gli enti del Terzo settore, le scuole e le associazioni del territorio, consolidando i tavoli di coprogettazione avviati nel {y}.",
    "Sono state prese in carico {n} nuove richieste, con un incremento rispetto all'anno precedente dovuto anche alla maggiore conoscenza dello sportello da parte della cittadinanza.",
    "La procedura di affidamento si è conclusa entro i termini previsti e il servizio è stato avviato regolarmente dal mese di settembre {y}.",
    "Il monitoraggio trimestrale, curato dal responsabile {who}, ha evidenziato un buon livello di soddisfazione degli utenti e alcune criticità organizzative già affrontate.",
    "Permangono difficoltà legate alla carenza di personale e all'aumento dei costi delle forniture, che hanno reso necessaria una rimodulazione delle risorse.",
    "Le risorse del PNRR hanno consentito di ampliare l'offerta, garantendo la sostenibilità degli interventi anche oltre la scadenza del finanziamento.",
    "È stato realizzato un evento pubblico di presentazione dei risultati, con la partecipazione di circa {n} persone e la collaborazione delle realtà associative.",
    "Il percorso di valutazione multidimensionale, svolto con gli operatori dell'ASST, ha permesso di definire progetti personalizzati per ciascun beneficiario.",
    "Nel {y} si prevede di estendere l'esperienza ad altri quartieri, dando priorità alle zone con maggiore fragilità sociale ed economica.",
    "Gli uffici hanno predisposto la reportistica richiesta dalla Regione e aggiornato la banca dati regionale entro le scadenze fissate.",
    "La collaborazione con i Settori Lavori pubblici e Patrimonio ha permesso di individuare gli spazi idonei e di avviare i necessari adeguamenti.",
    "Sono stati organizzati {n} incontri formativi rivolti agli operatori, ai volontari e alle famiglie coinvolte nel progetto.",
    "L'obiettivo è stato in parte raggiunto: alcune azioni sono state rinviate all'annualità successiva per cause non dipendenti dall'amministrazione.",
];

const NOTES: &[&str] = &[
    "in attesa del decreto regionale di riparto",
    "consegnati {n} alloggi",
    "cronoprogramma aggiornato con determinazione n. {n}",
    "verifica intermedia svolta a giugno {y}",
    "fase sospesa per ricorso al TAR, ripresa a ottobre",
];

/// Indicator names and their unit; `%` ones stay within 0–100.
const INDICATORS: &[(&str, &str)] = &[
    ("Alloggi a canone calmierato assegnati", "n."),
    ("Nuclei familiari presi in carico", "n."),
    ("Tempo medio di risposta alle domande", "giorni"),
    ("Utenti soddisfatti del servizio", "%"),
    ("Pratiche evase entro i termini", "%"),
    ("Spesa per utente del servizio", "€"),
    ("Incontri di coprogettazione svolti", "n."),
    ("Servizi online attivati", "n."),
    ("Giorni di attesa per la presa in carico", "giorni"),
    ("Copertura del servizio sul fabbisogno", "%"),
];

const KINDS: &[Option<IndicatorKind>] = &[
    Some(IndicatorKind::Output),
    Some(IndicatorKind::Outcome),
    Some(IndicatorKind::Effectiveness),
    Some(IndicatorKind::Efficiency),
    Some(IndicatorKind::Quality),
    None,
];

const SOURCES: &[&str] = &[
    "Gestionale del servizio",
    "Protocollo informatico",
    "Indagine di customer satisfaction",
    "Contabilità finanziaria",
    "",
];

fn fill(template: &str, rng: &mut Rng) -> String {
    template
        .replace("{n}", &(12 + rng.below(480)).to_string())
        .replace("{y}", &(2024 + rng.below(3)).to_string())
        .replace("{who}", rng.pick(MANAGERS))
}

/// About `target` bytes of narrative in paragraphs, like the seed's status reports.
fn narrative(rng: &mut Rng, target: usize) -> String {
    let mut text = String::with_capacity(target + 300);
    while text.len() < target {
        if !text.is_empty() {
            text.push_str(if rng.chance(35) { "\n\n" } else { " " });
        }
        let sentence = rng.pick(SENTENCES);
        text.push_str(&fill(sentence, rng));
    }
    text
}

fn date(from: NaiveDate, days: usize) -> NaiveDate {
    from + Duration::days(days as i64)
}

// A field added to `Phase` takes its default here (the update is for it).
#[allow(clippy::needless_update)]
fn phase(rng: &mut Rng, weight: Option<f64>, today: NaiveDate) -> Phase {
    let qualifier = rng.pick(QUALIFIERS);
    let name = format!("{} {} {qualifier}", rng.pick(ACTIONS), rng.pick(SUBJECTS))
        .trim_end()
        .to_string();
    let start2024 = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(today);
    let planned_start = date(start2024, rng.below(700));
    let planned_end = date(planned_start, 30 + rng.below(900));
    let started = planned_start < today && rng.chance(80);
    let actual_start = started.then(|| date(planned_start, rng.below(60)));
    // Missing progress here and there: null, never 0.
    let progress = match (started, rng.below(10)) {
        (_, 0 | 1) => None,
        (false, _) => Some(0.0),
        (true, 2) => Some(100.0),
        (true, _) => Some((rng.below(40) * 5) as f64 / 2.0),
    };
    let actual_end = (progress == Some(100.0) && rng.chance(85))
        .then(|| date(actual_start.unwrap_or(planned_start), 20 + rng.below(300)));
    let notes = if rng.chance(40) {
        let note = rng.pick(NOTES);
        fill(note, rng)
    } else {
        String::new()
    };
    Phase {
        name,
        planned_start: Some(planned_start),
        planned_end: Some(planned_end),
        actual_start,
        actual_end,
        weight,
        progress,
        manager: rng.pick(MANAGERS).to_string(),
        responsibility_centre: rng.pick(CENTRES).to_string(),
        notes,
        ..Phase::default()
    }
}

/// Weights of `count` phases: usually summing to 100, sometimes half-weighted
/// (some null) or off by a little, as real plans are saved.
fn weights(rng: &mut Rng, count: usize) -> Vec<Option<f64>> {
    if count == 0 || count > 100 || rng.chance(15) {
        return vec![None; count];
    }
    // Each phase at least 1: a weight of 0 would read as "set to nothing".
    let mut cuts: Vec<usize> = (0..count - 1).map(|_| rng.below(101 - count)).collect();
    cuts.sort_unstable();
    let mut out = Vec::with_capacity(count);
    let mut last = 0;
    for cut in cuts.into_iter().chain([100 - count]) {
        out.push(Some((cut - last + 1) as f64));
        last = cut;
    }
    if rng.chance(10) {
        let i = rng.below(count);
        out[i] = None;
    }
    out
}

/// The value of an indicator `steps` years after its baseline `b`, moving by `step`
/// a year in the direction of its polarity; never below 0, `%` never above 100.
fn towards(b: f64, step: f64, steps: i32, polarity: Polarity, percent: bool) -> f64 {
    let v = match polarity {
        Polarity::Increasing => b + step * f64::from(steps),
        Polarity::Decreasing => b - step * f64::from(steps),
    };
    let v = v.max(0.0);
    if percent { v.min(100.0) } else { v }
}

/// Two to four indicators: a baseline the year before the plan (usually), a
/// target for every plan year (now and then one missing, for `check`),
/// weights as phases have them, and measurements at the first monitoring
/// periods (sometimes none), on the way to the target or short of it.
// A field added to `Indicator` takes its default here (the update is for it).
#[allow(clippy::needless_update)]
fn indicators(rng: &mut Rng, years: &[i32], periods: &[NaiveDate]) -> Vec<Indicator> {
    let count = 2 + rng.below(3);
    // Distinct names within an objective: a stride coprime with the pool's size.
    let first_name = rng.below(INDICATORS.len());
    weights(rng, count)
        .into_iter()
        .enumerate()
        .map(|(k, weight)| {
            let (name, unit) = INDICATORS[(first_name + 3 * k) % INDICATORS.len()];
            let percent = unit == "%";
            let polarity = if rng.chance(25) {
                Polarity::Decreasing
            } else {
                Polarity::Increasing
            };
            let rule = if rng.chance(20) {
                Rule::Threshold
            } else {
                Rule::Linear
            };
            let base = if percent {
                (20 + rng.below(60)) as f64
            } else {
                (10 + rng.below(200)) as f64
            };
            let step = (1 + rng.below(if percent { 6 } else { 15 })) as f64;
            let first = years.first().copied().unwrap_or(2026);
            let baseline = rng.chance(80).then_some(Baseline {
                value: base,
                year: first - 1,
            });
            let skipped = (rng.chance(5) && !years.is_empty()).then(|| rng.pick(years));
            let targets: BTreeMap<i32, f64> = years
                .iter()
                .filter(|y| Some(**y) != skipped)
                .map(|y| (*y, towards(base, step, y - first + 1, polarity, percent)))
                .collect();
            let measured = rng.below(4).min(periods.len());
            let measurements = periods[..measured]
                .iter()
                .enumerate()
                .map(|(k, period)| {
                    // Half a step per period, give or take: some on track, some behind.
                    let half = (k + 1) as f64 * step / 2.0 * (rng.below(13) as f64 / 8.0);
                    let value = match polarity {
                        Polarity::Increasing => base + half,
                        Polarity::Decreasing => (base - half).max(0.0),
                    };
                    Measurement {
                        period: *period,
                        value: if percent { value.min(100.0) } else { value },
                        note: if rng.chance(20) {
                            fill(rng.pick(NOTES), rng)
                        } else {
                            String::new()
                        },
                    }
                })
                .collect();
            Indicator {
                name: name.to_string(),
                kind: rng.pick(KINDS),
                unit: unit.to_string(),
                polarity,
                rule,
                baseline,
                targets,
                weight,
                source: rng.pick(SOURCES).to_string(),
                formula: if rng.chance(60) {
                    format!("{} {}", unit, name.to_lowercase())
                } else {
                    String::new()
                },
                measurements,
                ..Indicator::default()
            }
        })
        .collect()
}

/// The synthetic plan of `spec`: always the same for the same spec.
pub fn generate(spec: &Spec) -> Dataset {
    generate_shaped(spec, &Shape::default())
}

/// The synthetic plan of `spec` in `shape`.
pub fn generate_shaped(spec: &Spec, shape: &Shape) -> Dataset {
    let mut rng = Rng::new(spec.seed);
    let today = NaiveDate::from_ymd_opt(2025, 8, 5).unwrap_or_default();
    let n = spec.objectives;
    let mandate_count = (n / 1000 + 2).min(MANDATE_TITLES.len());
    // About 40 objectives per mission, as in a large department's scheda.
    let mission_count = (n / 40).clamp(2, 300);
    let mandates: Vec<Mandate> = (0..mandate_count)
        .map(|i| Mandate {
            code: format!("2023_2028_DUP_{:02}", i + 1),
            title: MANDATE_TITLES[i].to_string(),
        })
        .collect();
    // Mission k belongs to mandate k % mandates; its budget code (missione,
    // programma) is unique within the mandate, so every code is unique.
    let mission_codes: Vec<(usize, String)> = (0..mission_count)
        .map(|k| {
            let mandate = k % mandate_count;
            let local = k / mandate_count;
            let budget = format!("{:02}{:02}", 1 + local / 9, 1 + local % 9);
            (mandate, budget)
        })
        .collect();
    let missions: Vec<Mission> = mission_codes
        .iter()
        .map(|(mandate, budget)| Mission {
            code: format!("2024_28_DUP_{:02}_{budget}", mandate + 1),
            mandate: mandates[*mandate].code.clone(),
            title: format!("{} {}", rng.pick(OPENINGS), rng.pick(GOALS)),
            strategic_objective: narrative(&mut rng, 300),
        })
        .collect();
    let plan = Plan {
        title: "DUP 2026-2028".into(),
        level: "OBIETTIVO DI PROGRAMMA".into(),
        printed_on: Some(today),
        manager: MANAGERS[0].into(),
        ..Plan::default()
    };
    let (years, plan_periods) = (plan_years(&plan), periods(&plan));
    // Indicators from a stream of their own: the rest stays as it was before them.
    let mut indicator_rng = Rng::new(spec.seed ^ 0x1D1C_A702);
    let mut objectives = Vec::with_capacity(n);
    for j in 0..n {
        // Contiguous blocks of objectives per mission, as the scheda lists them.
        let k = j * mission_count / n.max(1);
        let first_of_mission = (k * n).div_ceil(mission_count);
        let (mandate, budget) = &mission_codes[k];
        let code = format!(
            "{:02}_{budget}_{:04}",
            mandate + 1,
            101 + j - first_of_mission
        );
        let manager = rng.pick(MANAGERS).to_string();
        let phases = weights(&mut rng, spec.phases)
            .into_iter()
            .map(|w| phase(&mut rng, w, today))
            .collect();
        let status = match rng.below(10) {
            0 => None,
            1 => Some("Concluso".to_string()),
            _ => Some("In Corso".to_string()),
        };
        let stakeholders = (0..1 + rng.below(3))
            .map(|_| rng.pick(STAKEHOLDERS).to_string())
            .collect();
        let structures = vec![Structure {
            description: rng.pick(PROGRAMMES).to_string(),
            relation: "Programma".into(),
            share: rng.chance(70).then_some(100.0),
            start: None,
            end: None,
        }];
        objectives.push(Objective {
            code,
            mission: missions[k].code.clone(),
            operational_objective: format!(
                "{} {}, {}.",
                rng.pick(OPENINGS),
                rng.pick(GOALS),
                rng.pick(SUBJECTS).to_lowercase()
            ),
            assessorato: rng.pick(PORTFOLIOS).to_string(),
            responsibility_centre: rng.pick(CENTRES).to_string(),
            manager,
            public_value: rng.pick(PUBLIC_VALUES).to_string(),
            status,
            narratives: Narratives {
                year1: narrative(&mut rng, shape.narrative),
                year2: narrative(&mut rng, shape.narrative),
            },
            structures,
            stakeholders,
            phases,
            indicators: match shape.indicators {
                true => indicators(&mut indicator_rng, &years, &plan_periods),
                false => Vec::new(),
            },
            assessment: None,
        });
    }
    Dataset {
        schema: SCHEMA_TAG.to_string(),
        plan,
        mandates,
        missions,
        variations: Vec::new(),
        objectives,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::json;

    #[test]
    fn the_same_seed_gives_the_same_plan_and_another_seed_another() {
        let spec = Spec {
            objectives: 30,
            phases: 4,
            seed: 7,
        };
        let a = json::to_string(&generate(&spec));
        assert_eq!(a, json::to_string(&generate(&spec)));
        let b = json::to_string(&generate(&Spec { seed: 8, ..spec }));
        assert_ne!(a, b);
    }

    #[test]
    fn the_output_imports_and_has_the_requested_shape() {
        let spec = Spec {
            objectives: 500,
            phases: 6,
            seed: 3,
        };
        // Through the text, as `obiettivi import` reads it: parse + validate.
        let d = json::parse(&json::to_string(&generate(&spec))).unwrap();
        assert_eq!(d.objectives.len(), 500);
        assert!(d.objectives.iter().all(|o| o.phases.len() == 6));
        assert!(d.mandates.len() >= 2 && d.missions.len() >= 2);
        let phases: Vec<&Phase> = d.objectives.iter().flat_map(|o| &o.phases).collect();
        assert!(phases.iter().any(|p| p.weight.is_none()));
        assert!(phases.iter().any(|p| p.progress.is_none()));
        assert!(phases.iter().all(|p| p.weight != Some(0.0)));
        let year1 = &d.objectives[0].narratives.year1;
        assert!((2000..2600).contains(&year1.len()), "{}", year1.len());
    }

    #[test]
    fn a_shape_gives_short_narratives_and_no_indicators() {
        let args = [
            "--objectives",
            "40",
            "--narrative",
            "200",
            "--no-indicators",
        ];
        let (spec, shape, given) = Spec::from_args(args.map(String::from)).unwrap();
        assert!(given);
        let d = json::parse(&json::to_string(&generate_shaped(&spec, &shape))).unwrap();
        assert_eq!(d.objectives.len(), 40);
        assert!(d.objectives.iter().all(|o| o.indicators.is_empty()));
        let year1 = &d.objectives[0].narratives.year1;
        assert!((200..600).contains(&year1.len()), "{}", year1.len());
        let default = generate(&spec);
        assert!(default.objectives.iter().any(|o| !o.indicators.is_empty()));
    }

    #[test]
    fn indicators_are_about_three_per_objective_and_keep_the_rules() {
        use crate::model::table::{Indicators, RowTable};
        let check = Indicators::check;
        let d = json::parse(&json::to_string(&generate(&Spec {
            objectives: 400,
            phases: 3,
            seed: 5,
        })))
        .unwrap();
        let plan_periods = periods(&d.plan);
        let all: Vec<&Indicator> = d.objectives.iter().flat_map(|o| &o.indicators).collect();
        assert!(
            d.objectives
                .iter()
                .all(|o| (2..=4).contains(&o.indicators.len()))
        );
        let mean = all.len() as f64 / d.objectives.len() as f64;
        assert!((2.7..3.3).contains(&mean), "{mean}");
        for o in &d.objectives {
            for (k, i) in o.indicators.iter().enumerate() {
                check(k, i).unwrap_or_else(|e| panic!("{} {k}: {e}", o.code));
                assert!(
                    i.measurements
                        .iter()
                        .all(|m| plan_periods.contains(&m.period))
                );
                if i.unit == "%" {
                    assert!(i.targets.values().all(|t| (0.0..=100.0).contains(t)));
                }
            }
        }
        // Some of each shape, for the roll-ups and `check`.
        assert!(all.iter().any(|i| i.weight.is_none()));
        assert!(all.iter().any(|i| i.weight.is_some()));
        assert!(all.iter().any(|i| i.baseline.is_none()));
        assert!(all.iter().any(|i| i.targets.len() == 3));
        assert!(all.iter().any(|i| i.targets.len() == 2));
        assert!(all.iter().any(|i| i.measurements.is_empty()));
        assert!(all.iter().any(|i| i.measurements.len() >= 2));
        assert!(all.iter().any(|i| i.polarity == Polarity::Decreasing));
        assert!(all.iter().any(|i| i.rule == Rule::Threshold));
        assert!(all.iter().any(|i| i.achievement(2026).is_some()));
    }

    #[test]
    fn indicators_leave_the_rest_of_the_plan_as_it_was() {
        let spec = Spec {
            objectives: 50,
            phases: 4,
            seed: 2,
        };
        let mut d = generate(&spec);
        for o in &mut d.objectives {
            o.indicators.clear();
        }
        // Length and FNV-1a of the JSON the generator gave before indicators
        // (commit 0f9e655): phases, narratives and codes come from the same stream.
        let text = json::to_string(&d);
        let fnv = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        assert_eq!((text.len(), fnv), (353_930, 0xa495_47d7_c07e_9b2e));
    }

    #[test]
    fn arguments_are_read_and_bad_ones_refused() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let (spec, _, given) = Spec::from_args(args("--objectives 5 --phases 2 --seed 9")).unwrap();
        assert_eq!(
            (spec.objectives, spec.phases, spec.seed, given),
            (5, 2, 9, true)
        );
        assert!(!Spec::from_args(args("--phases 3")).unwrap().2);
        assert!(Spec::from_args(args("--objectives x")).is_err());
        assert!(Spec::from_args(args("--frobnicate")).is_err());
    }
}
