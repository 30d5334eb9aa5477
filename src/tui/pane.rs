//! The panes of the screen, by number and in the order `Tab` visits them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Details,
    Phases,
    Narratives,
    Overview,
    Indicators,
}

impl Pane {
    /// By number (`1`…`6`): the indicators came last, so the older panes keep theirs.
    pub const ALL: [Pane; 6] = [
        Pane::Tree,
        Pane::Details,
        Pane::Phases,
        Pane::Narratives,
        Pane::Overview,
        Pane::Indicators,
    ];

    /// In the order `Tab` visits them: the indicators beside the phases.
    pub const CYCLE: [Pane; 6] = [
        Pane::Tree,
        Pane::Details,
        Pane::Phases,
        Pane::Indicators,
        Pane::Narratives,
        Pane::Overview,
    ];

    pub fn title(self) -> &'static str {
        use crate::i18n::tr;
        match self {
            Pane::Tree => tr("Obiettivi", "Objectives"),
            Pane::Details => tr("Dettagli", "Details"),
            Pane::Phases => tr("Fasi", "Phases"),
            Pane::Narratives => tr("Stato di attuazione", "Status reports"),
            Pane::Overview => tr("Quadro d'insieme", "Overview"),
            Pane::Indicators => tr("Indicatori", "Indicators"),
        }
    }

    /// In the tab bar, where six panes share 80 columns (`short`: they do not fit otherwise).
    pub fn tab_title(self, short: bool) -> &'static str {
        use crate::i18n::tr;
        match self {
            Pane::Overview => tr("Quadro", "Overview"),
            Pane::Narratives if short => tr("Stato", "Status"),
            Pane::Indicators if short => tr("Indicatori", "Ind."),
            pane => pane.title(),
        }
    }
}
