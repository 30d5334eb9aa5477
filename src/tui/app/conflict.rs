//! A save refused because a colleague saved first (issue 23 item 1): the
//! conflict view shows who saved, when, theirs beside yours (a word diff for a
//! narrative) and offers, in the questions' vocabulary (GUIDE §4):
//! `Enter` merge by hand (a narrative: theirs in the editor with yours between
//! marks; a cell: back to your value), `o` yours on top of theirs (a new save
//! on their version, audited as such), `d` keep theirs (your narrative stays
//! a draft until the session ends), `Esc` back to what you typed.
//! Nothing here saves on a repeated save key: the session's version of the
//! objective stays the one the edit was made on until a choice is made, so
//! saving again is refused again and shows the view again.

use super::writing::Writing;
use super::{App, Mode, Status, Year};
use crate::api::{Conflict, Overwritten, TextConflict};
use crate::i18n::{tr, tr_string};
use crate::model::compare::{Difference, Words, compare_objective, describe, word_diff};
use crate::model::edit::apply_all;
use crate::model::{Change, Objective, ObjectiveField, Value};
use crate::tr_format;
use crate::tui::action::Action;

/// The line that opens one's own text inside a merge, and the one that closes it.
pub const MINE_STARTS: &str = "▼▼▼";
pub const MINE_ENDS: &str = "▲▲▲";

/// What a refused save clashed with.
pub enum Clash {
    /// An edit of objective `objective` (by index).
    Objective {
        objective: usize,
        /// The objective as the colleague saved it, with who and when.
        theirs: Box<Conflict>,
        /// The objective as this session had it when the edit was made.
        base: Box<Objective>,
        /// The refused changes, as made on `base`.
        mine: Vec<Change>,
    },
    /// A text of the Relazione: theirs, with who and when, and mine.
    Text {
        theirs: Box<TextConflict>,
        mine: String,
    },
}

pub struct ConflictView {
    pub clash: Clash,
    /// Where the user was (an editor holding what they typed, or browsing).
    pub origin: Box<Mode>,
    pub scroll: u16,
    /// The status line's refusal when the view opened (the view says it already).
    pub refusal: String,
}

impl ConflictView {
    /// The objective the refused save was about, if any.
    pub fn objective(&self) -> Option<usize> {
        match &self.clash {
            Clash::Objective { objective, .. } => Some(*objective),
            Clash::Text { .. } => None,
        }
    }

    /// What clashed, for the view's title: a code, or the text's name.
    pub fn subject(&self) -> String {
        match &self.clash {
            Clash::Objective { theirs, .. } => theirs.code.clone(),
            Clash::Text { theirs, .. } => theirs.which.label().to_string(),
        }
    }

    /// Who saved first (`?` when the history does not say).
    pub fn who(&self) -> &str {
        let by = match &self.clash {
            Clash::Objective { theirs, .. } => &theirs.by,
            Clash::Text { theirs, .. } => &theirs.by,
        };
        by.as_deref().unwrap_or("?")
    }

    /// The text the refused save was about: which, theirs and mine.
    pub fn narrative(&self) -> Option<(Writing, String, String)> {
        let (objective, theirs, mine) = match &self.clash {
            Clash::Text { theirs, mine } => {
                let text = theirs.current.clone();
                return Some((Writing::PlanText(theirs.which), text, mine.clone()));
            }
            Clash::Objective {
                objective,
                theirs,
                mine,
                ..
            } => (*objective, theirs, mine),
        };
        let [
            Change::SetObjective {
                field,
                value: Value::Text(mine),
                ..
            },
        ] = &mine[..]
        else {
            return None;
        };
        let year = match field {
            ObjectiveField::Year1 => Year::First,
            ObjectiveField::Year2 => Year::Second,
            _ => return None,
        };
        let theirs = crate::model::Field::Objective(*field).current(&theirs.current, None);
        Some((Writing::Narrative { objective, year }, theirs, mine.clone()))
    }

    /// Word by word, from theirs to mine: what only theirs has is removed, what only mine has is added.
    pub fn words(&self) -> Option<Vec<Words>> {
        self.narrative()
            .map(|(_, theirs, mine)| word_diff(&theirs, &mine))
    }

    /// What the colleague changed since this session read the objective, one line each.
    pub fn their_changes(&self) -> Vec<String> {
        match &self.clash {
            Clash::Objective { theirs, base, .. } => {
                lines(&compare_objective(base, &theirs.current))
            }
            Clash::Text { .. } => Vec::new(),
        }
    }

    /// What the refused save would have changed, one line each.
    pub fn my_changes(&self) -> Vec<String> {
        let Clash::Objective { base, mine, .. } = &self.clash else {
            return Vec::new();
        };
        let mut after = base.clone();
        match apply_all(&mut after, mine) {
            Ok(_) => lines(&compare_objective(base, &after)),
            Err(e) => vec![e.to_string()],
        }
    }

    /// Whether "mine on top" would land elsewhere than meant: my changes name
    /// phases or indicators by position, and theirs added, removed, moved or
    /// renamed some, so a position may now be another row.
    pub fn rows_moved(&self) -> bool {
        let Clash::Objective {
            theirs, base, mine, ..
        } = &self.clash
        else {
            return false;
        };
        let by_position = mine
            .iter()
            .any(|c| !matches!(c, Change::SetObjective { .. }));
        let names = |o: &Objective| {
            let phases = o.phases.iter().map(|p| p.name.clone());
            let indicators = o.indicators.iter().map(|i| i.name.clone());
            (phases.collect::<Vec<_>>(), indicators.collect::<Vec<_>>())
        };
        by_position && names(base) != names(&theirs.current)
    }

    /// `anna, 07/12/2026 10:02:03`.
    pub fn who_and_when(&self) -> String {
        let at = match &self.clash {
            Clash::Objective { theirs, .. } => theirs.at,
            Clash::Text { theirs, .. } => theirs.at,
        };
        match at {
            Some(at) => format!("{}, {}", self.who(), at.format("%d/%m/%Y %H:%M:%S")),
            None => self.who().to_string(),
        }
    }
}

/// Short differences as lines; a narrative by its name (its words are shown apart).
fn lines(differences: &[Difference]) -> Vec<String> {
    differences
        .iter()
        .filter(|d| !matches!(d, Difference::Progress { .. }))
        .map(|d| match d {
            Difference::Narrative { field, .. } => {
                tr_format!("{} (testo cambiato)", "{} (text changed)", field.label())
            }
            d => describe(d).unwrap_or_default(),
        })
        .collect()
}

/// Theirs in the editor, then mine between the marks: both texts at hand.
pub fn merged(theirs: &str, mine: &str) -> String {
    tr_format!(
        "{theirs}\n{MINE_STARTS} il tuo testo: unisci quel che serve al testo sopra, poi cancella da qui\n{mine}\n{MINE_ENDS} fine del tuo testo",
        "{theirs}\n{MINE_STARTS} your text: merge what you need into the text above, then delete from here\n{mine}\n{MINE_ENDS} end of your text"
    )
}

/// Whether a text still holds a merge's marks (it is not to be published so).
pub fn has_marks(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with(MINE_STARTS) || l.starts_with(MINE_ENDS))
}

impl App {
    /// Called by a save refused as `Outdated`: what the view will show once
    /// the action that saved is over (`open_conflict`).
    pub(crate) fn refused(&mut self, index: usize, theirs: Box<Conflict>, mine: &[Change]) {
        self.refusal = Some(Clash::Objective {
            objective: index,
            theirs,
            base: Box::new(self.dataset.objectives[index].clone()),
            mine: mine.to_vec(),
        });
    }

    /// Called by a text of the Relazione refused as `TextOutdated`.
    pub(crate) fn refused_text(&mut self, theirs: Box<TextConflict>, mine: &str) {
        self.refusal = Some(Clash::Text {
            theirs,
            mine: mine.to_string(),
        });
    }

    /// After every action: a save it made that was refused opens the view,
    /// over the editor (or the browsing) it came from.
    pub(crate) fn open_conflict(&mut self) {
        let Some(clash) = self.refusal.take() else {
            return;
        };
        let origin = Box::new(std::mem::replace(&mut self.mode, Mode::Normal));
        let refusal = match &self.status {
            Status::Error(why) => why.clone(),
            _ => String::new(),
        };
        self.mode = Mode::Conflict(Box::new(ConflictView {
            clash,
            origin,
            scroll: 0,
            refusal,
        }));
    }

    pub(crate) fn update_conflict(&mut self, action: Action) {
        let Mode::Conflict(view) = &mut self.mode else {
            return;
        };
        let page = self.measures.page.clamp(1, u16::MAX as usize) as u16;
        match action {
            Action::Down => view.scroll = view.scroll.saturating_add(1),
            Action::Up => view.scroll = view.scroll.saturating_sub(1),
            Action::PageDown => view.scroll = view.scroll.saturating_add(page),
            Action::PageUp => view.scroll = view.scroll.saturating_sub(page),
            Action::Keep | Action::Cancel | Action::OnTop | Action::Discard => {
                let Mode::Conflict(view) = std::mem::replace(&mut self.mode, Mode::Normal) else {
                    return;
                };
                match action {
                    Action::Keep => self.merge_by_hand(*view),
                    Action::OnTop => self.mine_on_top(*view),
                    Action::Discard => self.keep_theirs(*view),
                    _ => self.back_to_mine(*view),
                }
            }
            // A save key here saves nothing: the choice is to be made first.
            _ => {
                self.status = Status::Error(self.conflict_hint());
            }
        }
    }

    /// `Enter unisci a mano · o la tua sopra la sua · d tieni la sua · Esc torna al tuo testo`.
    pub fn conflict_hint(&self) -> String {
        use crate::tui::keymap::Context;
        let narrative = matches!(&self.mode, Mode::Conflict(v) if v.narrative().is_some());
        self.keys.hint(
            Context::Question,
            &[
                (
                    Action::Keep,
                    if narrative {
                        tr("unisci a mano", "merge by hand")
                    } else {
                        tr("torna al tuo valore", "back to your value")
                    },
                ),
                (
                    Action::OnTop,
                    tr("salva la tua sopra la sua", "save yours on top of theirs"),
                ),
                (Action::Discard, tr("tieni la sua", "keep theirs")),
                (
                    Action::Cancel,
                    tr("torna a quel che hai scritto", "back to what you typed"),
                ),
            ],
        )
    }

    /// Esc: back where the user was, what they typed intact; nothing counts as seen.
    fn back_to_mine(&mut self, view: ConflictView) {
        self.mode = *view.origin;
        self.status = Status::info(
            "nulla salvato: salvando di nuovo rivedrai il confronto",
            "nothing saved: saving again shows the comparison again",
        );
    }

    /// Their version becomes the one this session shows and edits on.
    fn take_theirs(&mut self, view: &ConflictView) {
        match &view.clash {
            Clash::Objective { theirs, .. } => {
                self.service.saw_version(&theirs.code, theirs.version);
                self.replace_objectives(vec![theirs.current.clone()]);
            }
            Clash::Text { theirs, .. } => {
                (self.dataset.plan.texts).set(theirs.which, theirs.current.clone())
            }
        }
    }

    /// Enter: a narrative opens on their text with mine between marks; a cell
    /// goes back to its editor with my value (saving it again asks again).
    fn merge_by_hand(&mut self, view: ConflictView) {
        let Some((writing, theirs, mine)) = view.narrative() else {
            return self.back_to_mine(view);
        };
        self.take_theirs(&view);
        self.open_editor(writing, Some(merged(&theirs, &mine)));
        if let Mode::Narrative(edit) = &mut self.mode {
            edit.saved_text = theirs;
        }
        self.status = Status::Info(tr_format!(
            "sopra, il testo di {}; il tuo tra {MINE_STARTS} e {MINE_ENDS}: unisci, togli i segni e salva",
            "above, the text of {}; yours between {MINE_STARTS} and {MINE_ENDS}: merge, remove the marks and save",
            view.who()
        ));
    }

    /// `o`: my changes saved on their version, the history naming theirs.
    fn mine_on_top(&mut self, view: ConflictView) {
        if view.rows_moved() {
            self.status = Status::error(
                "le righe sono cambiate: la tua modifica finirebbe su un'altra; tieni la sua (d) e rifalla",
                "the rows changed: your change would land on another one; keep theirs (d) and make it again",
            );
            self.mode = Mode::Conflict(Box::new(view));
            return;
        }
        self.take_theirs(&view);
        let narrative = view.narrative();
        let (saved, over) = match &view.clash {
            Clash::Objective {
                objective,
                theirs,
                mine,
                ..
            } => {
                let over = Overwritten::of(theirs);
                let index = *objective;
                self.mode = *view.origin;
                (self.save_over(index, mine, &over), over.describe())
            }
            Clash::Text { theirs, mine } => {
                let over = format!(
                    "{} {}",
                    tr("sopra il salvataggio di", "on top of the save by"),
                    view.who_and_when()
                );
                self.mode = *view.origin;
                let saved = self.publish_plan_text(theirs.which, mine, Some(&theirs.current));
                (saved, over)
            }
        };
        match saved {
            Ok(()) => {
                if let Mode::Narrative(edit) = &mut self.mode {
                    let text = edit.text();
                    edit.saved_text = text.clone();
                    edit.draft_text = text;
                }
                // "Save and leave" (Ctrl-S in the exit question) leaves, as it would have.
                let leave = matches!(&self.mode, Mode::Narrative(e) if e.confirm_leave);
                if let Some((writing, ..)) = narrative {
                    self.discard_draft(writing);
                }
                if leave || matches!(self.mode, Mode::Cell(_)) {
                    self.mode = Mode::Normal;
                }
                self.status = Status::Saved(format!(
                    "{} ({over})",
                    tr("la tua versione", "your version"),
                ));
            }
            Err(e) => self.status = Status::Error(e),
        }
    }

    /// `d`: their version stays; my narrative is kept as a draft until the session ends.
    fn keep_theirs(&mut self, view: ConflictView) {
        self.take_theirs(&view);
        let kept = match view.narrative() {
            Some((writing, _, mine)) if self.keep_discarded(writing, &mine) => tr_string(
                "; la tua resta come bozza fino alla fine della sessione",
                "; yours stays as a draft until the session ends",
            ),
            // The draft could not be written (the status says so): the
            // editor comes back with the text, so nothing typed is lost.
            Some(_) => {
                self.mode = *view.origin;
                return;
            }
            None => String::new(),
        };
        self.status = Status::Info(format!(
            "{} {}{kept}",
            tr("tenuta la versione di", "kept the version of"),
            view.who_and_when()
        ));
    }
}
