//! What `report` prints: which document (`--doc`) in which format (`--format`).

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ReportFormat {
    /// Markdown
    Md,
    /// Un file HTML autonomo, da stampare in A4 (una pagina per obiettivo)
    Html,
    /// Testo semplice
    Txt,
    /// Un foglio Excel con la tabella per obiettivo (solo la Relazione)
    Xlsx,
    /// PDF A4, stampato da chromium headless (non PDF/A)
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Doc {
    /// La Scheda Obiettivi
    Scheda,
    /// Lo stato di attuazione dei programmi a un periodo (--period)
    Attuazione,
    /// La Relazione sulla performance
    Relazione,
}
