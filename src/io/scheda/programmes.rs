//! Budget programme names (D.Lgs. 118/2011), to restore the structure names
//! that the PDF table truncates ("Interventi per l'infanzia e i").
//!
//! Missione 12 is the list in GUIDE §1; the few others are the missions of the
//! departments whose schede are most often seen next to Welfare's.

pub(crate) const PROGRAMMES: &[&str] = &[
    // Missione 12 - Diritti sociali, politiche sociali e famiglia
    "Interventi per l'infanzia e i minori e per asili nido",
    "Interventi per la disabilità",
    "Interventi per gli anziani",
    "Interventi per i soggetti a rischio di esclusione sociale",
    "Interventi per le famiglie",
    "Interventi per il diritto alla casa",
    "Programmazione e governo della rete dei servizi sociosanitari e sociali",
    "Cooperazione e associazionismo",
    "Servizio necroscopico e cimiteriale",
    // Missione 03 - Ordine pubblico e sicurezza
    "Polizia locale e amministrativa",
    "Sistema integrato di sicurezza urbana",
    // Missione 05 - Tutela e valorizzazione dei beni e delle attività culturali
    "Valorizzazione dei beni di interesse storico",
    "Attività culturali e interventi diversi nel settore culturale",
    // Missione 10 - Trasporti e diritto alla mobilità
    "Viabilità e infrastrutture stradali",
];

/// The full programme name that `text` is a truncation of, when exactly one
/// fits; otherwise `text` as it is.
///
/// The extract may also drop a short word ("Interventi per soggetti a risc"
/// for "Interventi per i soggetti a rischio…"), so `text` fits a name when its
/// words appear in it in order, starting with the first, the last word possibly cut.
pub fn restore(text: &str) -> String {
    if PROGRAMMES.iter().any(|p| p.eq_ignore_ascii_case(text)) {
        return text.to_string();
    }
    let mut fitting = PROGRAMMES.iter().filter(|p| truncates(text, p));
    match (fitting.next(), fitting.next()) {
        (Some(name), None) => name.to_string(),
        _ => text.to_string(),
    }
}

fn truncates(text: &str, name: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let name_words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let Some((last, whole)) = words.split_last() else {
        return false;
    };
    let mut rest = name_words.iter();
    // The first word is the name's first word (or its beginning, when it is the only one).
    match whole.first() {
        Some(first) if rest.next() != Some(first) => return false,
        Some(_) => {}
        None => return rest.next().is_some_and(|n| n.starts_with(last.as_str())),
    }
    whole[1..].iter().all(|w| rest.any(|n| n == w)) && rest.any(|n| n.starts_with(last.as_str()))
}

#[cfg(test)]
mod tests {
    use super::restore;

    #[test]
    fn truncated_names_are_restored_when_one_programme_fits() {
        assert_eq!(
            restore("Interventi per l'infanzia e i"),
            "Interventi per l'infanzia e i minori e per asili nido"
        );
        assert_eq!(
            restore("Interventi per soggetti a risc"),
            "Interventi per i soggetti a rischio di esclusione sociale"
        );
        assert_eq!(
            restore("Programmazione e governo della"),
            "Programmazione e governo della rete dei servizi sociosanitari e sociali"
        );
        assert_eq!(
            restore("Interventi per la disabilità"),
            "Interventi per la disabilità"
        );
        // Two programmes fit: left as printed.
        assert_eq!(restore("Interventi per"), "Interventi per");
        assert_eq!(restore("Manutenzione strade"), "Manutenzione strade");
        assert_eq!(restore(""), "");
    }
}
