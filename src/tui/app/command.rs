//! The command line (`:`, GUIDE §4): a code or the end of one opens that
//! objective (`:0601`), `:set …` takes `set`'s flags on the objective shown
//! (read by the same `service::set_flags` as the CLI), `:testo NOME` (a
//! text of the Relazione in the editor), `:drafts` (the drafts waiting, to pick one),
//! `:plan [TITLE]` (another plan of the database, see `plans`), `:w`, `:q`, `:help WORD`. `↑` `↓` go through this session's commands, `Tab` completes.

use super::{App, Mode, Pane, Status};
use crate::i18n::{tr, tr_string};
use crate::model::{Field, ObjectiveField};
use crate::service::codes::{plan_codes, resolve_among};
use crate::service::set_flags::{FieldFlags, Refused};
use crate::service::set_indicator::{self, IndicatorArgs};
use crate::tr_format;
use crate::tui::action::Action;
use crate::tui::widgets::line_editor::{LineEditor, Prompt};

/// The commands by name, as `Tab` completes them.
const COMMANDS: &[&str] = &["set", "testo", "help", "drafts", "plan", "w", "q"];

/// The line being typed, and where `↑` `↓` are in the history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommandLine {
    pub editor: LineEditor,
    /// The history entry shown (`None`: the line being typed).
    back: Option<usize>,
    /// What was typed before `↑` showed older commands.
    typed: String,
}

impl App {
    pub(crate) fn open_command_line(&mut self) {
        self.mode = Mode::Command(CommandLine::default());
    }

    pub(crate) fn update_command(&mut self, action: Action) {
        let Mode::Command(line) = &mut self.mode else {
            return;
        };
        match action {
            Action::HistoryBack | Action::HistoryForward => {
                let back = action == Action::HistoryBack;
                browse(line, &self.commands, back);
            }
            Action::Complete => {
                let typed = line.editor.text();
                let (text, said) = self.completed(&typed);
                if let Mode::Command(line) = &mut self.mode {
                    line.editor = LineEditor::new(&text);
                }
                if let Some(said) = said {
                    self.status = Status::Info(said);
                }
            }
            action => match line.editor.prompt(action) {
                Prompt::Typing => {}
                Prompt::Cancelled => self.mode = Mode::Normal,
                Prompt::Done(text) => {
                    self.mode = Mode::Normal;
                    let text = text.trim().to_string();
                    if text.is_empty() {
                        return;
                    }
                    if self.commands.last() != Some(&text) {
                        self.commands.push(text.clone());
                    }
                    self.run_command(&text);
                }
            },
        }
    }

    fn run_command(&mut self, text: &str) {
        let (name, rest) = text.split_once(' ').unwrap_or((text, ""));
        let rest = rest.trim();
        match name {
            "q" | "quit" | "wq" | "x" => self.update(Action::Quit),
            "w" | "write" => {
                self.status = Status::info(
                    "tutto è già salvato: ogni modifica è scritta quando la confermi",
                    "everything is saved already: each change is written when you confirm it",
                )
            }
            "help" | "h" => self.open_help_at(rest),
            "set" => self.set_from_flags(rest),
            "drafts" | "bozze" => self.choose_draft(),
            "testo" | "text" => self.plan_text_command(rest),
            "plan" | "piano" => self.plan_command(rest),
            code => self.open_code(code),
        }
    }

    /// `:0601`: the objective whose code is (or ends with) what was typed,
    /// opened on its phases as `Enter` in the tree opens it.
    pub(crate) fn open_code(&mut self, typed: &str) {
        match resolve_among(typed, plan_codes(&self.dataset)) {
            Ok(code) => {
                let Some(index) = self.dataset.objectives.iter().position(|o| o.code == code)
                else {
                    return;
                };
                self.reveal_objective(index);
                self.focus = Pane::Phases;
                self.status = Status::Info(code);
            }
            Err(e) => {
                self.status = Status::Error(tr_format!(
                    "{e} · comandi: un codice, set, testo, help, drafts, plan, w, q",
                    "{e} · commands: a code, set, text, help, drafts, plan, w, q"
                ))
            }
        }
    }

    /// `:set --phase 1 --weight 30`: `set`'s flags on the objective shown, one save.
    fn set_from_flags(&mut self, flags: &str) {
        let Some(index) = self.current else {
            self.status = Status::error(
                ":set vale per l'obiettivo aperto: aprine uno (Enter nell'albero, o :CODICE)",
                ":set applies to the objective shown: open one (Enter in the tree, or :CODE)",
            );
            return;
        };
        let code = self.dataset.objectives[index].code.clone();
        let Some(words) = shlex::split(flags) else {
            self.status = Status::error("virgolette non chiuse", "unclosed quotes");
            return;
        };
        let requested = set_indicator::from_words(&words).map_err(Refused::Input).and_then(|(f, indicator)| {
            if indicator.wanted() {
                // `--indicator N --target 2026=20 …`: read as the CLI's `set` reads them.
                let phase_edits = &f.phase_fields.0;
                return set_indicator::build(&*self.service, &code, &indicator, phase_edits)
                    .map(|changes| (code.clone(), changes))
                    .map_err(Refused::Input);
            }
            f.requested(|| Ok(code.clone()), &|field, text| {
                let narrative = matches!(
                    field,
                    Field::Objective(ObjectiveField::Year1 | ObjectiveField::Year2)
                );
                if narrative && text == "-" {
                    Err(tr_string("«-» (il testo da stdin) vale nel terminale, non qui: e / E aprono l'editor", "«-» (the text from stdin) is for the shell, not here: e / E open the editor"))
                } else {
                    Ok(text.to_string())
                }
            })
        });
        self.status = match requested {
            Err(Refused::Input(why)) => Status::Error(format!(":set {flags}: {why}")),
            Err(Refused::Value(code, why)) => Status::Error(format!("{code}: {why}")),
            Ok((_, changes)) => {
                let mut before = self.dataset.objectives[index].clone();
                match self.save(index, &changes) {
                    Ok(()) => {
                        let what = super::undo::said(&mut before, &changes);
                        Status::Saved(format!("{code}: {}", what.join(", ")))
                    }
                    Err(e) => Status::Error(e),
                }
            }
        };
    }

    /// `typed` completed as far as it goes, and what the status line says
    /// when several commands, codes or flags fit.
    fn completed(&self, typed: &str) -> (String, Option<String>) {
        let (head, word) = match typed.rsplit_once(' ') {
            Some((head, word)) => (format!("{head} "), word),
            None => (String::new(), typed),
        };
        let candidates: Vec<String> = if head.starts_with("set ") {
            set_flags()
                .into_iter()
                .filter(|f| f.starts_with(word))
                .collect()
        } else if head == "testo " || head == "text " {
            crate::model::PlanText::ALL
                .map(crate::model::PlanText::code)
                .into_iter()
                .filter(|n| n.starts_with(word))
                .map(String::from)
                .collect()
        } else if head.starts_with("plan ") {
            // A title, whole: it may hold spaces.
            let typed = typed.strip_prefix("plan ").unwrap_or_default();
            let titles = self.service.plans().unwrap_or_default();
            let fits: Vec<String> = (titles.into_iter().map(|p| p.title))
                .filter(|t| t.starts_with(typed))
                .collect();
            return match fits.as_slice() {
                [one] => (format!("plan {one}"), None),
                [] => (
                    format!("plan {typed}"),
                    Some(format!(
                        "«{typed}»: {}",
                        tr("nessun piano con questo titolo", "no plan of this title")
                    )),
                ),
                many => {
                    let titles: Vec<&str> = many.iter().map(String::as_str).collect();
                    let common = common_prefix(&titles);
                    (format!("plan {common}"), Some(many.join(" · ")))
                }
            };
        } else if head == "help " {
            // The actions by the names the help shows beside them.
            crate::tui::action::NAMES
                .iter()
                .map(|(_, name)| name.to_string())
                .filter(|n| n.starts_with(word))
                .collect()
        } else if head.is_empty() {
            // A code by its start, or by its end as `:0601` takes it.
            let tail = format!("_{word}");
            let codes = plan_codes(&self.dataset)
                .filter(|c| !word.is_empty() && (c.starts_with(word) || c.ends_with(&tail)));
            COMMANDS
                .iter()
                .copied()
                .filter(|c| c.starts_with(word))
                .chain(codes)
                .map(String::from)
                .collect()
        } else {
            Vec::new()
        };
        match candidates.as_slice() {
            [] => (
                typed.to_string(),
                Some(format!(
                    "«{word}»: {}",
                    tr("nessun completamento", "no completion")
                )),
            ),
            [one] => (format!("{head}{one} "), None),
            many => {
                let begins: Vec<&str> = many
                    .iter()
                    .map(String::as_str)
                    .filter(|c| c.starts_with(word))
                    .collect();
                let word = match begins.as_slice() {
                    [] => word.to_string(),
                    _ => common_prefix(&begins),
                };
                let shown: Vec<&str> = many.iter().take(12).map(String::as_str).collect();
                let more = if many.len() > shown.len() { " …" } else { "" };
                (
                    format!("{head}{word}"),
                    Some(format!("{}{more}", shown.join(" "))),
                )
            }
        }
    }
}

/// `↑` (`back`) or `↓` through `history`, the line being typed kept below the newest.
fn browse(line: &mut CommandLine, history: &[String], back: bool) {
    let at = match (line.back, back) {
        (None, false) => return,
        (None, true) if history.is_empty() => return,
        (None, true) => {
            line.typed = line.editor.text();
            Some(history.len() - 1)
        }
        (Some(at), true) => Some(at.saturating_sub(1)),
        (Some(at), false) if at + 1 < history.len() => Some(at + 1),
        (Some(_), false) => None,
    };
    line.back = at;
    let text = at.map_or(line.typed.as_str(), |i| history[i].as_str());
    line.editor = LineEditor::new(text);
}

/// `--phase`, `--weight`, `--indicator` …: the flags `:set` takes.
fn set_flags() -> Vec<String> {
    use clap::Args;
    let command = IndicatorArgs::augment_args(FieldFlags::augment_args(clap::Command::new("set")));
    command
        .get_arguments()
        .filter_map(|a| a.get_long())
        .map(|long| format!("--{long}"))
        .collect()
}

/// What all of `words` begin with.
fn common_prefix(words: &[&str]) -> String {
    let first = words[0];
    let mut end = first.len();
    for w in &words[1..] {
        end = first
            .char_indices()
            .zip(w.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(w.len()), |((i, _), _)| i.min(end));
    }
    first[..end].to_string()
}
