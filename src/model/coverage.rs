//! What a roll-up counted and left out, said under its value: below both
//! the phase roll-up and the indicators' achievement, so neither imports the other.

/// The rows a roll-up reads.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Rows {
    #[default]
    Phases,
    Indicators,
    Objectives,
}

/// What a roll-up counted: `used` of its `of` rows, and those left out of a
/// weighted mean for having no weight while others have one (0-based). Said
/// next to every number, so that "100%" of one indicator in two does not read
/// as the whole objective's (GUIDE §1, "coverage is always said").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    pub rows: Rows,
    pub used: usize,
    pub of: usize,
    pub excluded: Vec<usize>,
    /// Objectives the validator declared non valutabile: out of the mean,
    /// and said (GUIDE §1). Counted among `of`, never among `used`.
    pub not_assessable: usize,
}

impl Coverage {
    /// Every row counted.
    pub fn is_whole(&self) -> bool {
        self.used >= self.of && self.excluded.is_empty() && self.not_assessable == 0
    }

    /// `1 di 4 fasi misurate; fase 2 senza peso: esclusa`, or `None` when every row counted.
    pub fn note(&self) -> Option<String> {
        self.note_in(crate::i18n::lang())
    }

    /// [`Coverage::note`] in `lang` (a spreadsheet's words are Italian whatever `LANG`).
    pub fn note_in(&self, lang: crate::i18n::Lang) -> Option<String> {
        let english = lang == crate::i18n::Lang::En;
        let tr = |it: &'static str, en: &'static str| if english { en } else { it };
        if self.is_whole() {
            return None;
        }
        let (it, en) = match self.rows {
            Rows::Phases => (
                ("fase misurata", "fasi misurate"),
                ("phase measured", "phases measured"),
            ),
            Rows::Indicators => (("indicatore", "indicatori"), ("indicator", "indicators")),
            Rows::Objectives => (("obiettivo", "obiettivi"), ("objective", "objectives")),
        };
        let (one, many) = if english { en } else { it };
        let mut parts = Vec::new();
        if self.used < self.of {
            parts.push(format!(
                "{} {} {} {}",
                self.used,
                tr("di", "of"),
                self.of,
                if self.of == 1 { one } else { many }
            ));
        }
        if self.not_assessable > 0 {
            let (one, many) = match english {
                true => ("not assessable", "not assessable"),
                false => ("non valutabile", "non valutabili"),
            };
            let n = self.not_assessable;
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
        for i in &self.excluded {
            parts.push(match self.rows {
                Rows::Indicators => format!(
                    "{} {} {}",
                    tr("indicatore", "indicator"),
                    i + 1,
                    tr("senza peso: escluso", "without weight: left out")
                ),
                _ => format!(
                    "{} {} {}",
                    tr("fase", "phase"),
                    i + 1,
                    tr("senza peso: esclusa", "without weight: left out")
                ),
            });
        }
        Some(parts.join("; "))
    }

    /// ` (1 di 4 fasi misurate)` to follow a number, or nothing when every row counted.
    pub fn after(&self) -> String {
        self.note().map_or_else(String::new, |n| format!(" ({n})"))
    }
}
